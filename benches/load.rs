//! Loading the shipped lists (decompression and parsing), building their index, opening it.

use criterion::{criterion_group, criterion_main, Criterion};
use redflag::index::IndexBuilder;
use redflag::lists::{load_default_lists, OFFICIAL};
use redflag::{sources, Index};
use std::time::Duration;

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("all shipped lists (parallel)", |b| {
        b.iter(|| load_default_lists().expect("shipped lists load"))
    });
    for list in OFFICIAL {
        group.bench_function(list.file, |b| {
            b.iter(|| sources::load_bytes(list.file, "x", list.shipped).expect("list loads"))
        });
    }
    group.finish();
}

fn index(c: &mut Criterion) {
    let lists = load_default_lists().expect("shipped lists load");
    let mut builder = IndexBuilder::new();
    for l in lists {
        builder.add_list(l);
    }
    let mut group = c.benchmark_group("index");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    group.bench_function("build shipped lists (loaded)", |b| {
        b.iter(|| builder.to_bytes().expect("index builds"))
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("lists.idx");
    builder.write(&path).expect("index writes");
    group.bench_function("open", |b| {
        b.iter(|| Index::open(&path).expect("index opens"))
    });
    group.finish();
}

criterion_group!(benches, load, index);
criterion_main!(benches);
