//! A fuzzing loop that needs no nightly toolchain and no libFuzzer: it mutates the seed
//! files of a target (bit flips, interesting bytes, cuts, deletions, repeats, splices)
//! and runs the target on each mutant, catching panics. Blind to coverage, so slower to
//! go deep than cargo-fuzz, but it runs anywhere `cargo` does.
//!
//! cargo run --release --example mutate -- TARGET SECONDS [SEED_DIR] [RNG_SEED]
//!
//! Seeds come from `fuzz/corpus/TARGET/` (made by `sh fuzz/seed.sh`). The first mutant
//! that panics at a given place is saved as `fuzz/artifacts/TARGET/crash-<hash>` (later
//! ones at the same place are only counted), one that takes more than a second as
//! `slow-<hash>`; the exit status is 1 when there were any.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Where the last panic happened (`file:line`), set by the panic hook on any thread.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// A mutant that runs longer than this is worth a look: no input should be slow.
const SLOW: Duration = Duration::from_secs(1);
/// Mutants grow by repeats and splices; beyond this they are cut back.
const MAX_LEN: usize = 1 << 20;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(name), Some(seconds)) = (args.first(), args.get(1).and_then(|s| s.parse().ok()))
    else {
        let names: Vec<&str> = redflag_fuzz::TARGETS.iter().map(|(n, _)| *n).collect();
        eprintln!(
            "usage: mutate TARGET SECONDS [SEED_DIR] [RNG_SEED]; targets: {}",
            names.join(", ")
        );
        std::process::exit(2);
    };
    let Some(target) = redflag_fuzz::target(name) else {
        eprintln!("no target {name}");
        std::process::exit(2);
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed_dir = args
        .get(2)
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("corpus").join(name));
    let seeds = read_seeds(&seed_dir);
    if seeds.is_empty() {
        eprintln!(
            "no seeds in {} (run `sh fuzz/seed.sh` from the repository root)",
            seed_dir.display()
        );
        std::process::exit(2);
    }
    let artifacts = root.join("artifacts").join(name);
    let mut rng = Rng(args
        .get(3)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9e37_79b9_7f4a_7c15));
    panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()));
        *LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()) = Some(format!(
            "{}: {}",
            place.unwrap_or_default(),
            info.payload_as_str().unwrap_or("")
        ));
    }));
    let mut fuzz = Fuzz {
        target,
        artifacts,
        places: HashSet::new(),
        crashes: 0,
        slow: 0,
    };

    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut runs = 0u64;
    let started = Instant::now();
    // Every seed once as it is, then mutants.
    for seed in &seeds {
        fuzz.run(seed);
    }
    while Instant::now() < deadline {
        let mut input = seeds[rng.below(seeds.len())].clone();
        for _ in 0..1 + rng.below(4) {
            mutate(&mut input, &seeds, &mut rng);
        }
        input.truncate(MAX_LEN);
        fuzz.run(&input);
        runs += 1;
        if runs.is_multiple_of(10_000) {
            eprintln!(
                "{name}: {runs} runs, {} crashes, {} slow, {:.0}/s",
                fuzz.crashes,
                fuzz.slow,
                rate(runs, started)
            );
        }
    }
    println!(
        "{name}: {runs} runs in {}s ({:.0}/s) over {} seeds: {} crashes at {} places, {} slow",
        started.elapsed().as_secs(),
        rate(runs, started),
        seeds.len(),
        fuzz.crashes,
        fuzz.places.len(),
        fuzz.slow
    );
    for place in &fuzz.places {
        println!("  panic at {place}");
    }
    std::process::exit(i32::from(fuzz.crashes + fuzz.slow > 0));
}

/// One target's run: what it found so far.
struct Fuzz {
    target: fn(&[u8]),
    artifacts: PathBuf,
    /// Places that panicked, each saved once.
    places: HashSet<String>,
    crashes: u64,
    slow: u64,
}

impl Fuzz {
    /// Runs the target once on `input`; saves it when it panics somewhere new or is slow.
    fn run(&mut self, input: &[u8]) {
        let started = Instant::now();
        let target = self.target;
        if panic::catch_unwind(AssertUnwindSafe(|| target(input))).is_err() {
            self.crashes += 1;
            let place = LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()).take();
            let place = place.unwrap_or_default();
            let key = place.split(": ").next().unwrap_or("").to_string();
            if self.places.insert(key) {
                let path = save(&self.artifacts, "crash", input);
                eprintln!("panic: {place}\n  saved {}", path.display());
            }
        } else if started.elapsed() > SLOW {
            self.slow += 1;
            let path = save(&self.artifacts, "slow", input);
            eprintln!("slow: {:?} on {}", started.elapsed(), path.display());
        }
    }
}

fn rate(runs: u64, since: Instant) -> f64 {
    runs as f64 / since.elapsed().as_secs_f64().max(1e-9)
}

fn save(dir: &Path, kind: &str, input: &[u8]) -> PathBuf {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    input.hash(&mut h);
    let path = dir.join(format!("{kind}-{:016x}", h.finish()));
    let _ = std::fs::create_dir_all(dir);
    let _ = std::fs::write(&path, input);
    path
}

fn read_seeds(dir: &Path) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

/// Bytes that mean something to one of the formats.
const INTERESTING: &[u8] = b"<>/\"'=&;#,\n\r\t |:{}[]\x00\x1a\xff\xc3\xef0-9";

/// One random change to `input`.
fn mutate(input: &mut Vec<u8>, seeds: &[Vec<u8>], rng: &mut Rng) {
    let len = input.len();
    let at = |rng: &mut Rng| rng.below(len + 1);
    match rng.below(8) {
        0 if len > 0 => {
            let i = rng.below(len);
            input[i] ^= 1 << rng.below(8);
        }
        1 if len > 0 => {
            let i = rng.below(len);
            input[i] = INTERESTING[rng.below(INTERESTING.len())];
        }
        2 => input.truncate(at(rng)),
        3 if len > 0 => {
            let start = rng.below(len);
            let end = (start + 1 + rng.below(64)).min(len);
            input.drain(start..end);
        }
        4 if len > 0 => {
            // Repeat a piece many times: long fields, deep nesting, many records.
            let start = rng.below(len);
            let end = (start + 1 + rng.below(256)).min(len);
            let piece = input[start..end].to_vec();
            let most = if rng.below(4) == 0 { 4096 } else { 16 };
            let times = 1 + rng.below(most);
            let tail = input.split_off(end);
            for _ in 0..times {
                input.extend_from_slice(&piece);
            }
            input.extend_from_slice(&tail);
        }
        5 => {
            // Splice in a piece of another seed.
            let other = &seeds[rng.below(seeds.len())];
            if !other.is_empty() {
                let start = rng.below(other.len());
                let end = (start + 1 + rng.below(512)).min(other.len());
                let i = at(rng);
                input.splice(i..i, other[start..end].iter().copied());
            }
        }
        6 => {
            let i = at(rng);
            let bytes: Vec<u8> = (0..1 + rng.below(8)).map(|_| rng.next() as u8).collect();
            input.splice(i..i, bytes);
        }
        _ if len > 1 => {
            // Copy one piece of the input over another.
            let (a, b) = (rng.below(len), rng.below(len));
            let n = (1 + rng.below(64)).min(len - a.max(b));
            let piece = input[a..a + n].to_vec();
            input[b..b + n].copy_from_slice(&piece);
        }
        _ => input.push(INTERESTING[rng.below(INTERESTING.len())]),
    }
}

/// xorshift64*: small, fast, and reproducible from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}
