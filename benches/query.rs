//! One query against the index of the shipped lists: Latin, Hangul and Han names, and
//! identifiers alone or beside a name (the `+ id` cases against their name-only twins show
//! what an identifier adds).

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
    let wallet = "0x098b716b8aaf21512996dc57eb0615e2383e2f96";
    for (label, name, id) in [
        ("id wallet", "", wallet),
        ("id imo", "", "IMO 9187629"),
        ("id website", "", "https://www.rosneft.ru/en/"),
        ("id e-mail unlisted", "", "sales@example-vendor.cn"),
        (
            "latin org + id unlisted",
            "Korea Ryonbong General Corp",
            "sales@example-vendor.cn",
        ),
        ("latin exact + id wallet", "Kim Jong Un", wallet),
    ] {
        let q = Query::new(name).identifier(None, id);
        group.bench_function(label, |b| b.iter(|| index.search(&q).expect("search")));
    }
    group.finish();
}

criterion_group!(benches, query);
criterion_main!(benches);
