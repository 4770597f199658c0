/// glibc malloc spends a fifth of a busy server's time in its locks and consolidation;
/// mimalloc's per-thread heaps do not.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cli;
mod serve;

fn main() {
    std::process::exit(cli::run());
}
