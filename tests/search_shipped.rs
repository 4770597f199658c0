//! Search on the index of the shipped lists (data/): the behaviour a user meets first.

use redflag::index::IndexBuilder;
use redflag::lists::{load_default_lists, open_cached, ListFile};
use redflag::model::DateSpec;
use redflag::{Index, Query};
use std::sync::OnceLock;

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut builder = IndexBuilder::new();
        for list in load_default_lists().expect("shipped lists load") {
            builder.add_list(list);
        }
        builder.build().expect("index builds")
    })
}

fn ranked(name: &str) -> Vec<(String, f64)> {
    let mut q = Query::new(name);
    q.threshold = 0.0;
    index()
        .search(&q)
        .expect("search")
        .into_iter()
        .map(|h| (h.entity_id, h.score))
        .collect()
}

#[test]
fn kim_jong_un_ranks_first_in_every_usual_spelling() {
    for name in [
        "Kim Jong Un",
        "KIM, Jong Un",
        "Jong Un Kim",
        "Kim Jong-un",
        "KIM, Cho'ng-u'n",
        "Gim Jeong-eun",
        "김정은",
    ] {
        let hits = ranked(name);
        assert_eq!(hits[0].0, "ofac:20157", "{name}: {hits:?}");
        assert!(hits[0].1 >= redflag::DEFAULT_THRESHOLD, "{name}: {hits:?}");
    }
}

#[test]
fn kim_jong_il_does_not_score_as_high_as_kim_jong_un() {
    let exact = ranked("Kim Jong Un")[0].1;
    let il = ranked("Kim Jong Il")
        .into_iter()
        .find(|(id, _)| id == "ofac:20157")
        .map_or(0.0, |(_, s)| s);
    assert!(
        il < exact,
        "Kim Jong Il scored {il} against Kim Jong Un ({exact})"
    );
    assert!(il < redflag::DEFAULT_THRESHOLD, "{il}");
}

#[test]
fn a_list_name_with_a_typo_still_ranks_first() {
    // KOREA RYONBONG GENERAL CORPORATION, with a typo and a short legal form.
    let hits = ranked("Korea Ryonbnog General Corp");
    assert_eq!(hits[0].0, "ofac:9347", "{hits:?}");
    assert!(hits[0].1 >= redflag::DEFAULT_THRESHOLD, "{hits:?}");
}

#[test]
fn organisation_legal_forms_and_dprk_spellings_bridge() {
    let hits = ranked("KOREA YONBONG GENERAL CORP");
    assert_eq!(hits[0].0, "ofac:9347", "{hits:?}");
}

#[test]
fn a_korean_name_run_together_in_revised_romanization_is_read_as_korean() {
    let hits = ranked("Joseonryeonbongchonghoesa");
    assert!(hits
        .first()
        .is_some_and(|(id, score)| (id == "ofac:9347" || id == "un:KPe.002")
            && *score >= redflag::DEFAULT_THRESHOLD));
}

#[test]
fn dprk_state_organs_written_in_hangul_meet_their_english_names() {
    // The lists give most North Korean ministries and bureaus in English only.
    for (hangul, id) in [
        ("정찰총국", "un:KPe.031"),
        ("군수공업부", "un:KPe.028"),
        ("국가보위성", "ofac:20129"),
        ("원자력공업성", "un:KPe.027"),
    ] {
        let hits = ranked(hangul);
        let found = hits.iter().find(|(e, _)| e == id);
        assert!(
            found.is_some_and(|(_, s)| *s >= redflag::DEFAULT_THRESHOLD),
            "{hangul}: {hits:?}"
        );
    }
}

#[test]
fn a_contradicting_birth_date_moves_a_name_below_the_threshold() {
    let mut q = Query::new("Kim Jong Un");
    q.dob = Some(DateSpec::Year { year: 1950 });
    q.threshold = 0.0;
    let hits = index().search(&q).unwrap();
    let kju = hits.iter().find(|h| h.entity_id == "ofac:20157").unwrap();
    assert!(kju.score < redflag::DEFAULT_THRESHOLD, "{}", kju.score);
    q.dob = Some(DateSpec::Day {
        year: 1984,
        month: 1,
        day: 8,
    });
    let hits = index().search(&q).unwrap();
    assert_eq!(hits[0].entity_id, "ofac:20157");
    assert!(hits[0].score > kju.score);
}

#[test]
fn unrelated_names_have_no_hit_at_the_default_threshold() {
    for name in [
        "Johanna Gruenwald",
        "Acme Animation Studio Ltd",
        "Maria Fernanda Lopez",
    ] {
        let hits = index().search(&Query::new(name)).unwrap();
        assert!(
            hits.is_empty(),
            "{name}: {:?}",
            hits.first().map(|h| &h.name)
        );
    }
}

#[test]
fn the_default_index_is_cached_and_rebuilt_when_a_list_changes() {
    let cache = tempfile::tempdir().unwrap();
    let list = |body: &str| ListFile {
        name: "mine.csv".into(),
        bytes: std::borrow::Cow::Owned(
            format!("id,name,kind,aliases,country,dob\n{body}\n").into_bytes(),
        ),
    };
    let first = open_cached(&[list("1,Kim Jong Un,person,,KP,")], cache.path()).unwrap();
    assert_eq!(first.entity_count(), 1);
    let cached: Vec<_> = std::fs::read_dir(cache.path()).unwrap().collect();
    assert_eq!(cached.len(), 1, "one cached index");
    let again = open_cached(&[list("1,Kim Jong Un,person,,KP,")], cache.path()).unwrap();
    assert_eq!(again.entity_count(), 1);
    let changed = open_cached(
        &[list(
            "1,Kim Jong Un,person,,KP,\n2,Ri Pyong Chol,person,,KP,",
        )],
        cache.path(),
    )
    .unwrap();
    assert_eq!(changed.entity_count(), 2, "a changed list is rebuilt");
    let cached: Vec<_> = std::fs::read_dir(cache.path()).unwrap().collect();
    assert_eq!(cached.len(), 1, "the stale index is removed");
}

#[test]
fn corrupt_or_foreign_index_files_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.idx");
    let mut b = IndexBuilder::new();
    b.add_list(
        redflag::sources::load_bytes(
            "w.csv",
            "w",
            b"id,name,kind,aliases,country,dob\n1,A B,person,,,\n",
        )
        .unwrap(),
    );
    b.write(&path).unwrap();
    assert!(Index::open(&path).is_ok());
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let err = Index::open(&path)
        .err()
        .expect("truncated index is an error");
    assert!(err.to_string().contains("x.idx"), "{err}");
    let mut flipped = bytes.clone();
    let last = flipped.len() - 3;
    flipped[last] ^= 0x55;
    std::fs::write(&path, &flipped).unwrap();
    assert!(Index::open(&path).is_err());
    std::fs::write(&path, b"this is not an index").unwrap();
    assert!(Index::open(&path).is_err());
    assert!(Index::open(&dir.path().join("missing.idx")).is_err());
}
