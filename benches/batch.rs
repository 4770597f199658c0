//! Batch throughput: 2,000 vendor rows screened through `redflag::screen::run` against the
//! index of the shipped lists, CSV out, whole pipeline (read, screen in parallel, write).
//!
//! The rows are synthesised here: combinations of common given and family names and
//! company words, with a few listed names (about 1 row in 40) mixed in. No external data.
//! The process-level measurement on a 100,000-row file, and the rapidfuzz baseline, are in
//! `benches/batch/README.md`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use redflag::index::IndexBuilder;
use redflag::lists::load_default_lists;
use redflag::screen::{run, OutputFormat, ScreenConfig};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

const ROWS: usize = 2_000;

const GIVEN: &[&str] = &[
    "James", "Maria", "Mohammed", "Wei", "Anna", "Carlos", "Olga", "Hiroshi", "Fatima", "Peter",
    "Ji-hoon", "Aisha", "Juan", "Elena", "Ahmed", "Sofia", "David", "Li", "Ivan", "Grace",
    "Min-jun", "Omar", "Laura", "Sergei",
];
const FAMILY: &[&str] = &[
    "Smith", "Garcia", "Khan", "Wang", "Muller", "Rossi", "Petrov", "Tanaka", "Hassan", "Brown",
    "Park", "Nguyen", "Lopez", "Schmidt", "Ali", "Novak", "Chen", "Ivanova", "Silva", "Kowalski",
    "Lee", "Haddad", "Martin", "Jensen", "Kim",
];
const COMPANY: &[&str] = &[
    "Trading",
    "Logistics",
    "Holdings",
    "Shipping",
    "Industries",
    "Consulting",
    "Foods",
    "Textiles",
    "Energy",
    "Software",
];
const FORMS: &[&str] = &["Ltd", "GmbH", "LLC", "S.A.", "Co., Ltd.", "Inc"];
const LISTED: &[&str] = &[
    "Kim Jong Un",
    "KIM, Jong Un",
    "Korea Ryonbong General Corporation",
    "Rosneft Trading S.A.",
    "Banco Nacional de Cuba",
    "김정은",
    "Mohammad Rahimi",
    "Aerocaribbean Airlines",
];
const COUNTRIES: &[&str] = &["US", "DE", "KR", "CN", "GB", "FR", "BR", ""];

/// Deterministic rows: `id,name,country,dob`; about a third companies, 1 in 40 listed.
fn write_input(path: &Path) {
    let mut s = String::from("id,name,country,dob\n");
    // A small LCG: reproducible without a dependency.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((x >> 33) as usize) % n
    };
    for i in 0..ROWS {
        let name = if i % 40 == 7 {
            LISTED[next(LISTED.len())].to_string()
        } else if i % 3 == 0 {
            format!(
                "{} {} {}",
                FAMILY[next(FAMILY.len())],
                COMPANY[next(COMPANY.len())],
                FORMS[next(FORMS.len())]
            )
        } else {
            format!(
                "{} {}",
                GIVEN[next(GIVEN.len())],
                FAMILY[next(FAMILY.len())]
            )
        };
        let dob = if i % 2 == 0 {
            format!("{}-0{}-1{}", 1950 + next(50), 1 + next(9), next(10))
        } else {
            String::new()
        };
        let country = COUNTRIES[next(COUNTRIES.len())];
        let quoted = if name.contains(',') {
            format!("\"{name}\"")
        } else {
            name
        };
        writeln!(s, "r{i:05},{quoted},{country},{dob}").expect("write to string");
    }
    std::fs::write(path, s).expect("write the bench input");
}

fn batch(c: &mut Criterion) {
    let mut builder = IndexBuilder::new();
    for l in load_default_lists().expect("shipped lists load") {
        builder.add_list(l);
    }
    let index = builder.build().expect("index builds");
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("vendors.csv");
    write_input(&input);
    let cancel = AtomicBool::new(false);

    let mut group = c.benchmark_group("batch");
    group
        .throughput(Throughput::Elements(ROWS as u64))
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    for (label, file, format) in [
        ("2000 rows csv", "out.csv", OutputFormat::Csv),
        ("2000 rows jsonl", "out.jsonl", OutputFormat::Jsonl),
    ] {
        let mut config = ScreenConfig::new(&input, dir.path().join(file));
        config.format = Some(format);
        group.bench_function(label, |b| {
            b.iter(|| {
                let summary = run(&config, &index, &cancel).expect("screening runs");
                assert_eq!(summary.rows, ROWS as u64);
                summary
            })
        });
    }
    group.finish();
}

criterion_group!(benches, batch);
criterion_main!(benches);
