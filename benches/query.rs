//! One query against the index of the shipped lists: Latin, Hangul and Han names.

use criterion::{criterion_group, criterion_main, Criterion};
use redflag::index::IndexBuilder;
use redflag::lists::load_default_lists;
use redflag::Query;

fn query(c: &mut Criterion) {
    let mut builder = IndexBuilder::new();
    for l in load_default_lists().expect("shipped lists load") {
        builder.add_list(l);
    }
    let index = builder.build().expect("index builds");
    let mut group = c.benchmark_group("query");
    for (label, name) in [
        ("latin exact", "Kim Jong Un"),
        ("latin typo", "Mohamad Rahimy"),
        ("latin org", "Korea Ryonbong General Corp"),
        ("latin common tokens", "Mohammed Ali Hassan"),
        ("hangul", "김정은"),
        ("han", "习近平"),
        ("no match", "Johanna Gruenwald"),
    ] {
        let q = Query::new(name);
        group.bench_function(label, |b| b.iter(|| index.search(&q).expect("search")));
    }
    group.finish();
}

criterion_group!(benches, query);
criterion_main!(benches);
