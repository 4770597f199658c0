fn main() {
    std::process::exit(redflag_cli::run());
}

#[path = "cli/mod.rs"]
mod redflag_cli;
