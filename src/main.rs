mod cli;
mod serve;

fn main() {
    std::process::exit(cli::run());
}
