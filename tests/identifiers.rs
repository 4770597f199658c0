//! Screening on identifiers: on the shipped lists, and on a watchlist whose identifiers
//! test each rule (shared domains, weak document numbers, contradictions).

use redflag::index::IndexBuilder;
use redflag::lists::load_default_lists;
use redflag::model::IdKind;
use redflag::{sources, Hit, Index, Query};
use std::sync::OnceLock;

fn shipped() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut builder = IndexBuilder::new();
        for list in load_default_lists().expect("shipped lists load") {
            builder.add_list(list);
        }
        builder.build().expect("index builds")
    })
}

fn by_id(index: &Index, kind: Option<IdKind>, value: &str) -> Vec<Hit> {
    index
        .search(&Query::new("").identifier(kind, value))
        .expect("search by identifier")
}

/// The entity a listed value leads to, checked to carry it.
fn found(hits: &[Hit], listed: &str) -> String {
    let top = hits
        .first()
        .unwrap_or_else(|| panic!("no hit for {listed}"));
    let matched = top.matched_identifier.as_deref().unwrap_or("");
    assert!(
        matched.to_lowercase().contains(&listed.to_lowercase()),
        "{matched} should show {listed}"
    );
    assert_eq!(top.matched_name_kind, "identifier");
    top.entity_id.clone()
}

#[test]
fn strong_identifiers_hit_on_their_own_however_written() {
    let idx = shipped();
    // Hex wallets compare without case; the listed one is mixed-case.
    let eth = "0x098B716B8Aaf21512996dC57EB0615e2383E2f96";
    let hits = by_id(idx, None, &eth.to_lowercase());
    assert_eq!(found(&hits, eth), "ofac:27307");
    assert_eq!(hits[0].score, 1.0);
    // Base58 wallets are exact: another case is another address.
    let btc = "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h";
    assert!(!by_id(idx, None, btc).is_empty());
    assert!(by_id(idx, Some(IdKind::CryptoAddress), &btc.to_lowercase()).is_empty());
    // IMO with its prefix, without, and with another spacing.
    for imo in ["IMO 9187629", "9187629", "imo:9187629"] {
        assert_eq!(
            found(&by_id(idx, None, imo), "9187629"),
            "ofac:15036",
            "{imo}"
        );
    }
    // A website by its registrable domain, whatever the scheme, www or path.
    for site in [
        "https://www.daltrd.com/contact",
        "daltrd.com",
        "http://shop.daltrd.com",
    ] {
        let hits = by_id(idx, Some(IdKind::Website), site);
        assert_eq!(found(&hits, "daltrd.com"), "ofac:44785", "{site}");
    }
    // A listed bank's head office (8 = 11 with XXX) and one of its branches.
    let head = by_id(idx, None, "KDBKKPPY");
    let bank = found(&head, "KDBKKPPY");
    assert_eq!(head[0].score, 1.0);
    let same = by_id(idx, None, "KDBKKPPYXXX");
    assert_eq!(same[0].entity_id, bank);
    let branch = by_id(idx, Some(IdKind::Swift), "KDBKKPPY123");
    assert_eq!(branch[0].entity_id, bank);
    assert!(branch[0].score < 1.0 && branch[0].score >= redflag::DEFAULT_THRESHOLD);
    // A USCC given as a plain registration number.
    let uscc = by_id(idx, Some(IdKind::Registration), "91210244759941797W");
    assert!(!uscc.is_empty() && uscc[0].score == 1.0, "{uscc:?}");
    assert!(uscc[0].reasons[0].contains("Unified Social Credit Code"));
}

#[test]
fn e_mail_addresses_match_whole_and_by_their_own_domain() {
    let idx = shipped();
    let exact = by_id(idx, None, "mailto:Info@Arrai.TV");
    let entity = found(&exact, "info@arrai.tv");
    assert_eq!(exact[0].score, 1.0);
    // Another mailbox at the listed domain is the same organisation.
    let other = by_id(idx, None, "sales@arrai.tv");
    assert_eq!(other[0].entity_id, entity);
    assert!(other[0].score < 1.0 && other[0].score >= redflag::DEFAULT_THRESHOLD);
    assert!(
        other[0].reasons[0].contains("e-mail domain"),
        "{:?}",
        other[0].reasons
    );
}

#[test]
fn bad_identifiers_are_query_errors() {
    let idx = shipped();
    let err = |kind, value: &str| {
        idx.search(&Query::new("").identifier(kind, value))
            .unwrap_err()
            .to_string()
    };
    assert!(err(Some(IdKind::Imo), "IMO 12345").contains("not an IMO number"));
    assert!(err(None, "n/a").contains("cannot be told from its shape"));
    assert!(err(Some(IdKind::Email), "see website").contains("not an e-mail address"));
}

const WATCHLIST: &str = "id,name,kind,aliases,country,dob,identifiers
w1,Kim Il Song Trading Company,organization,,KP,,email:trade.kp@gmail.com|website:https://t.me/kptrade
w2,Pak Chol Ho,person,,KP,1970,passport:PD 123-4567
w3,Eastern Bank,organization,,GB,,website:www.easternbank.co.uk/en
w4,Ri Song Chol,person,,KP,,passport:927654321
";

fn watchlist() -> Index {
    let list = sources::load_bytes("w.csv", "w", WATCHLIST.as_bytes()).expect("watchlist loads");
    assert_eq!(list.entities[1].identifiers[0].kind, IdKind::Passport);
    IndexBuilder::new()
        .add_list(list)
        .build()
        .expect("index builds")
}

#[test]
fn shared_domains_identify_only_the_whole_address_or_page() {
    let idx = watchlist();
    assert_eq!(by_id(&idx, None, "trade.kp@gmail.com")[0].entity_id, "w:w1");
    assert!(by_id(&idx, None, "someone.else@gmail.com").is_empty());
    assert_eq!(
        by_id(&idx, None, "https://t.me/KPTrade")[0].entity_id,
        "w:w1"
    );
    assert!(by_id(&idx, Some(IdKind::Website), "https://t.me/other").is_empty());
    // The Public Suffix List: `co.uk` is nobody's, `easternbank.co.uk` the bank's.
    assert_eq!(by_id(&idx, None, "easternbank.co.uk")[0].entity_id, "w:w3");
    assert!(by_id(&idx, Some(IdKind::Website), "www.otherbank.co.uk").is_empty());
    assert!(by_id(&idx, Some(IdKind::Website), "co.uk").is_empty());
}

#[test]
fn document_numbers_are_weak_evidence() {
    let idx = watchlist();
    let passport = |name: &str, value: &str, country: Option<&str>| {
        let mut q = Query::new(name).identifier(Some(IdKind::Passport), value);
        q.identifiers[0].country = country.map(str::to_string);
        q.threshold = 0.5;
        idx.search(&q).expect("search")
    };
    // Alone, without a country, a passport number finds no one.
    assert!(passport("", "PD1234567", None).is_empty());
    // With the issuing country agreeing it goes to review, not to a hit.
    let review = passport("", "pd 1234567", Some("KP"));
    assert_eq!(review[0].entity_id, "w:w2");
    assert!(review[0].score < redflag::DEFAULT_THRESHOLD);
    // Beside a name that matches, it raises the name.
    let name_only = {
        let mut q = Query::new("Pak Chol");
        q.threshold = 0.5;
        idx.search(&q).expect("search")[0].score
    };
    let raised = passport("Pak Chol", "PD-1234567", None);
    assert_eq!(raised[0].entity_id, "w:w2");
    assert!(
        raised[0].score > name_only,
        "{} > {name_only}",
        raised[0].score
    );
    // The same type and country but another number: another person, lower.
    let full = {
        let mut q = Query::new("Ri Song Chol");
        q.threshold = 0.5;
        idx.search(&q).expect("search")[0].score
    };
    let mut q = Query::new("Ri Song Chol").identifier(Some(IdKind::Passport), "111111111");
    q.identifiers[0].country = Some("KP".into());
    q.threshold = 0.5;
    // The watchlist's passport carries no country: the entity's own (KP) stands for it.
    let lowered = idx.search(&q).expect("search");
    assert_eq!(lowered[0].entity_id, "w:w4");
    assert!(lowered[0].score < full, "{} < {full}", lowered[0].score);
    q.identifiers[0].country = Some("CN".into());
    assert_eq!(idx.search(&q).expect("search")[0].score, full);
}

#[test]
fn contradicting_documents_of_the_same_country_lower_a_name() {
    let idx = shipped();
    // OFAC lists passport 1084010 of Egypt for uid 1000's entity; find it by name first.
    let hits = by_id(idx, Some(IdKind::Passport), "1084010");
    assert!(
        hits.is_empty(),
        "a passport alone, without a country, is no hit"
    );
    let mut q = Query::new("").identifier(Some(IdKind::Passport), "1084010");
    q.identifiers[0].country = Some("Egypt".into());
    q.threshold = 0.5;
    let review = idx.search(&q).expect("search");
    let entity = review
        .first()
        .expect("passport with its country: review")
        .clone();
    let name = entity.name.clone();
    let base = {
        let mut q = Query::new(name.as_str());
        q.threshold = 0.5;
        idx.search(&q).expect("search")[0].clone()
    };
    assert_eq!(base.entity_id, entity.entity_id);
    let mut q = Query::new(name.as_str()).identifier(Some(IdKind::Passport), "9999999");
    q.identifiers[0].country = Some("EG".into());
    q.threshold = 0.5;
    let lowered = idx.search(&q).expect("search");
    let same = lowered
        .iter()
        .find(|h| h.entity_id == base.entity_id)
        .expect("still ranked");
    assert!(same.score < base.score, "{} < {}", same.score, base.score);
    assert!(same
        .reasons
        .iter()
        .any(|r| r.contains("differs from the listed")));
}

#[test]
fn watchlist_identifier_errors_name_the_line() {
    let bad = "id,name,kind,aliases,country,dob,identifiers\nw1,X,person,,,,shoe:12\n";
    let e = sources::load_bytes("w.csv", "w", bad.as_bytes())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("w.csv") && e.contains("line 2") && e.contains("`shoe`"),
        "{e}"
    );
    let bad = "id,name,kind,aliases,country,dob,identifiers\nw1,X,person,,,,12345\n";
    let e = sources::load_bytes("w.csv", "w", bad.as_bytes())
        .unwrap_err()
        .to_string();
    assert!(e.contains("expected `type:value`"), "{e}");
}

fn redflag(args: &[&str], dir: &std::path::Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_redflag"))
        .args(args)
        .env("REDFLAG_CACHE_DIR", dir)
        .env_remove("REDFLAG_DATA_DIR")
        .output()
        .expect("redflag runs")
}

/// A watchlist index file in `dir`, for CLI runs that need not build the shipped lists.
fn watchlist_index(dir: &std::path::Path) -> String {
    let list = dir.join("w.csv");
    std::fs::write(&list, WATCHLIST).unwrap();
    let index = dir.join("w.idx");
    let out = redflag(
        &[
            "index",
            "build",
            "--list",
            list.to_str().unwrap(),
            "--output",
            index.to_str().unwrap(),
        ],
        dir,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    index.to_str().unwrap().to_string()
}

#[test]
fn cli_search_takes_identifiers_with_or_without_a_name() {
    let dir = tempfile::tempdir().unwrap();
    let index = watchlist_index(dir.path());
    let out = redflag(
        &[
            "search",
            "--index",
            &index,
            "--id",
            "trade.kp@gmail.com",
            "--json",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["hits"][0]["entity_id"], "w:w1");
    assert_eq!(
        json["hits"][0]["matched_identifier"],
        "email: trade.kp@gmail.com"
    );
    let out = redflag(
        &[
            "search",
            "--index",
            &index,
            "--id",
            "abc",
            "--id-type",
            "imo",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an IMO number"));
    let out = redflag(
        &[
            "search",
            "--index",
            &index,
            "--id",
            "x",
            "--id-type",
            "shoe",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("unknown identifier type") && stderr.contains("swift_bic"),
        "{stderr}"
    );
    // A name-only search keeps its JSON shape: no identifier field.
    let out = redflag(
        &["search", "--index", &index, "Eastern Bank", "--json"],
        dir.path(),
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["hits"][0].get("matched_identifier").is_none());
}

#[test]
fn cli_screen_reads_identifier_columns_and_reports_bad_cells() {
    let dir = tempfile::tempdir().unwrap();
    let index = watchlist_index(dir.path());
    let input = dir.path().join("vendors.csv");
    std::fs::write(
        &input,
        "id,Vendor Name,Contact E-mail,Homepage\n\
         1,Harmless Trading,sales@easternbank.co.uk,\n\
         2,,,https://t.me/kptrade\n\
         3,Another Vendor,n/a,see website\n\
         4,Quiet Shop,quiet@gmail.com,\n",
    )
    .unwrap();
    let output = dir.path().join("out.csv");
    let out = redflag(
        &[
            "screen",
            input.to_str().unwrap(),
            "--index",
            &index,
            "--output",
            output.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut reader = csv::Reader::from_path(&output).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let cell = |r: usize, name: &str| rows[r][col(name)].to_string();
    assert_eq!(
        (cell(0, "decision"), cell(0, "entity_id")),
        ("hit".into(), "w:w3".into())
    );
    assert!(cell(0, "matched_identifier").contains("easternbank.co.uk"));
    // A row with an identifier and no name is screened.
    assert_eq!(
        (cell(1, "decision"), cell(1, "entity_id")),
        ("hit".into(), "w:w1".into())
    );
    // Cells that are not of their column's type are named in the reason.
    assert_eq!(cell(2, "decision"), "clear");
    let reason = cell(2, "reason");
    assert!(
        reason.contains("'n/a' is not an e-mail address") && reason.contains("'see website'"),
        "{reason}"
    );
    assert_eq!(cell(3, "decision"), "clear");
}

#[test]
fn both_ofac_labels_of_the_social_credit_code_are_uscc() {
    // OFAC writes `Unified Social Credit Code (USCC)` on most entries and `United Social
    // Credit Code Certificate (USCCC)` on a few (Wuhan Sanjiang among them); both are the
    // same 18-character code.
    let idx = shipped();
    for value in ["91420112711981060J", "91420112711981060j"] {
        let hits = by_id(idx, Some(IdKind::Uscc), value);
        assert_eq!(found(&hits, "91420112711981060J"), "ofac:23063", "{value}");
    }
}
