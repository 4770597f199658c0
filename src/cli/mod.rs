//! The `redflag` command: thin wrappers over the library.

pub fn run() -> i32 {
    0
}
