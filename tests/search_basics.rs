//! Search behaviour on a small index built in memory (no list files needed).

use redflag::index::IndexBuilder;
use redflag::model::{
    DateSpec, DateValue, Entity, EntityKind, ListInfo, LoadedList, Name, NameKind,
};
use redflag::{Index, Query};

fn person(id: &str, names: &[(&str, NameKind)], dob: Option<DateSpec>) -> Entity {
    Entity {
        id: id.to_string(),
        list: "test".to_string(),
        kind: EntityKind::Person,
        names: names.iter().map(|(n, k)| Name::new(*n, *k)).collect(),
        birth_dates: dob
            .into_iter()
            .map(|d| DateValue {
                raw: d.to_string(),
                value: Some(d),
            })
            .collect(),
        ..Entity::default()
    }
}

fn org(id: &str, name: &str) -> Entity {
    Entity {
        id: id.to_string(),
        list: "test".to_string(),
        kind: EntityKind::Organization,
        names: vec![Name::new(name, NameKind::Primary)],
        ..Entity::default()
    }
}

fn index() -> Index {
    let entities = vec![
        person(
            "t:kju",
            &[
                ("KIM, Jong Un", NameKind::Primary),
                ("KIM, Cho'ng-u'n", NameKind::Alias),
            ],
            Some(DateSpec::Day {
                year: 1984,
                month: 1,
                day: 8,
            }),
        ),
        person("t:kji", &[("KIM, Jong Il", NameKind::Primary)], None),
        person(
            "t:kyc46",
            &[("KIM YONG CHOL", NameKind::Primary)],
            Some(DateSpec::Year { year: 1946 }),
        ),
        person(
            "t:kyc62",
            &[("KIM YONG CHOL", NameKind::Primary)],
            Some(DateSpec::Day {
                year: 1962,
                month: 2,
                day: 18,
            }),
        ),
        person("t:ali", &[("Mohammad Rahimi", NameKind::Primary)], None),
        person("t:huang", &[("HUANG Zhiming", NameKind::Primary)], None),
        person("t:zhou", &[("ZHOU, Xiuying", NameKind::Primary)], None),
        person("t:baseri", &[("Mohammad BASERI", NameKind::Primary)], None),
        person(
            "t:basri",
            &[("Abu Mahdi al-BASRI", NameKind::Primary)],
            None,
        ),
        org("t:taerio", "TAERIO LIMITED"),
        org("t:kave", "KAVE, S.A."),
        org("t:brigade", "BRIGADE 44"),
        org("t:siemens", "SIEMENS AG"),
        org("t:ryon", "KOREA RYONBONG GENERAL CORPORATION"),
        org("t:bank", "FOREIGN TRADE BANK"),
    ];
    build(entities)
}

fn build(entities: Vec<Entity>) -> Index {
    let mut b = IndexBuilder::new();
    b.add_list(LoadedList {
        info: ListInfo {
            name: "test".into(),
            format: "test".into(),
            published: None,
            source: "memory".into(),
            content_hash: None,
        },
        entities,
        warnings: Vec::new(),
    });
    b.build().expect("index builds")
}

fn top(index: &Index, name: &str) -> Option<(String, f64)> {
    let mut q = Query::new(name);
    q.threshold = 0.0;
    index
        .search(&q)
        .unwrap()
        .into_iter()
        .next()
        .map(|h| (h.entity_id, h.score))
}

#[test]
fn finds_kim_jong_un_in_every_usual_spelling() {
    let index = index();
    for name in [
        "Kim Jong Un",
        "KIM, Jong Un",
        "Jong Un Kim",
        "Kim Jong-un",
        "kim jongun",
        "KIM Cho'ng-u'n",
    ] {
        let (id, score) = top(&index, name).unwrap_or_else(|| panic!("no hit for {name}"));
        assert_eq!(id, "t:kju", "{name}");
        assert!(score >= 0.95, "{name}: {score}");
    }
}

#[test]
fn kim_jong_il_is_not_kim_jong_un() {
    let index = index();
    let mut q = Query::new("Kim Jong Il");
    q.threshold = 0.0;
    let hits = index.search(&q).unwrap();
    assert_eq!(hits[0].entity_id, "t:kji");
    let un = hits
        .iter()
        .find(|h| h.entity_id == "t:kju")
        .map_or(0.0, |h| h.score);
    assert!(
        un < redflag::DEFAULT_THRESHOLD,
        "Kim Jong Un scored {un} for Kim Jong Il"
    );
}

#[test]
fn chinese_names_match_across_romanizations() {
    let index = index();
    for (name, id) in [
        ("Wong Chi-ming", "t:huang"),   // Hong Kong Cantonese
        ("Huang Chih-ming", "t:huang"), // Wade-Giles
        ("Chou Hsiu-ying", "t:zhou"),
        ("Zhou Xiu Ying", "t:zhou"),
    ] {
        let (found, score) = top(&index, name).unwrap_or_else(|| panic!("no hit for {name}"));
        assert_eq!(found, id, "{name}");
        assert!(score >= redflag::DEFAULT_THRESHOLD, "{name}: {score}");
    }
    // One given-name syllable differs, or is missing: another person.
    for other in ["Wong Chi-kin", "Huang Zhi", "Huang Zhiping", "Zhou Ying"] {
        let (_, score) = top(&index, other).unwrap_or_default();
        assert!(score < redflag::DEFAULT_THRESHOLD, "{other}: {score}");
    }
    // Han characters read in pinyin and Wade-Giles, not equated through Cantonese.
    assert_eq!(top(&index, "黃志明").unwrap().0, "t:huang");
}

#[test]
fn a_typo_still_ranks_first() {
    let index = index();
    assert_eq!(top(&index, "Mohamad Rahimy").unwrap().0, "t:ali");
}

#[test]
fn typos_are_found_even_where_the_typo_is_another_word() {
    let index = index();
    // `basri` is a word of another name, and a typo of `baseri`.
    let mut q = Query::new("Mohammad BASRI");
    q.threshold = 0.0;
    let hits = index.search(&q).unwrap();
    let baseri = hits.iter().find(|h| h.entity_id == "t:baseri");
    assert!(
        baseri.is_some_and(|h| h.score >= redflag::DEFAULT_THRESHOLD),
        "{hits:?}"
    );
    // Two letters too many, and a three-letter word one letter short.
    assert_eq!(top(&index, "Gtaderio Limited").unwrap().0, "t:taerio");
    assert_eq!(top(&index, "KAV, S.A.").unwrap().0, "t:kave");
}

#[test]
fn numbers_in_words_and_run_on_legal_forms_read_alike() {
    let index = index();
    for (name, id) in [
        ("Brigade Forty-Four", "t:brigade"),
        ("SiemensAG", "t:siemens"),
    ] {
        let (found, score) = top(&index, name).unwrap_or_else(|| panic!("no hit for {name}"));
        assert_eq!(found, id, "{name}");
        assert!(score >= 0.95, "{name}: {score}");
    }
}

#[test]
fn hangul_names_that_differ_in_a_vowel_are_different_names() {
    // McCune-Reischauer without breves reads both as `Kim Chong Un`.
    let index = build(vec![person("t:h", &[("김정은", NameKind::Primary)], None)]);
    assert_eq!(top(&index, "김정은").map(|(_, s)| s), Some(1.0));
    let (_, other) = top(&index, "김종은").unwrap_or_default();
    assert!(other < redflag::DEFAULT_THRESHOLD, "{other}");
    assert!(top(&index, "Kim Jong Un").unwrap().1 >= redflag::DEFAULT_THRESHOLD);
}

#[test]
fn date_of_birth_tells_same_names_apart() {
    let index = index();
    let mut q = Query::new("Kim Yong Chol");
    q.dob = Some(DateSpec::Year { year: 1962 });
    q.threshold = 0.0;
    let hits = index.search(&q).unwrap();
    assert_eq!(hits[0].entity_id, "t:kyc62");
    let other = hits.iter().find(|h| h.entity_id == "t:kyc46").unwrap();
    assert!(other.score < redflag::DEFAULT_THRESHOLD, "{}", other.score);
    assert!(
        other.reasons.iter().any(|r| r.contains("differs")),
        "{:?}",
        other.reasons
    );
}

#[test]
fn bad_queries_are_errors_not_panics() {
    let index = index();
    assert!(index.search(&Query::new("")).is_err());
    assert!(index.search(&Query::new("   ")).is_err());
    assert!(index.search(&Query::new("!!! ---")).is_err());
    let long = "Kim ".repeat(2_500);
    assert!(index.search(&Query::new(long)).is_err());
    let long_ok = "Kimjongun".repeat(100);
    assert!(index.search(&Query::new(long_ok)).is_ok());
}

#[test]
fn hits_explain_themselves() {
    let index = index();
    let mut q = Query::new("Kim Jong Un");
    q.dob = Some(DateSpec::Day {
        year: 1984,
        month: 1,
        day: 8,
    });
    let hits = index.search(&q).unwrap();
    let h = &hits[0];
    assert_eq!(h.matched_name, "KIM, Jong Un");
    assert!(
        h.reasons.iter().any(|r| r.contains("matches")),
        "{:?}",
        h.reasons
    );
    assert!(h.score <= 1.0);
}

#[test]
fn features_take_the_score_apart() {
    let index = index();
    let mut query = Query::new("Kim Jong Un");
    let plain = index.search(&query).unwrap()[0].clone();
    assert_eq!(plain.features.dob, 0.0);
    assert!(
        (plain.features.name - plain.score).abs() < 1e-3,
        "{plain:?}"
    );

    query.dob = redflag::model::parse_date("1950-06-25");
    query.country = Some("KP".into());
    query.threshold = 0.0;
    let hit = index.search(&query).unwrap()[0].clone();
    let f = hit.features;
    assert!(
        f.dob < 0.0,
        "a contradicting birth date is a negative feature: {f:?}"
    );
    let sum = (f.name + f.dob + f.country).clamp(0.0, 1.0);
    assert!((sum - hit.score).abs() < 1e-3, "{sum} vs {}", hit.score);
}

#[test]
fn a_query_of_one_kind_does_not_match_another_by_name() {
    let index = index();
    let mut query = Query::new("Kim Jong Un");
    query.threshold = 0.0;
    query.kind = Some(EntityKind::Organization);
    let hits = index.search(&query).unwrap();
    assert!(
        hits.iter().all(|h| h.kind != EntityKind::Person),
        "{hits:?}"
    );
    query.kind = Some(EntityKind::Person);
    assert_eq!(index.search(&query).unwrap()[0].entity_id, "t:kju");
    query.kind = Some(EntityKind::Unknown);
    assert_eq!(index.search(&query).unwrap()[0].entity_id, "t:kju");
}

fn vessel(id: &str, name: &str) -> Entity {
    Entity {
        kind: EntityKind::Vessel,
        ..org(id, name)
    }
}

fn score_of(index: &Index, name: &str, id: &str) -> f64 {
    let mut q = Query::new(name);
    q.threshold = 0.0;
    let hits = index.search(&q).unwrap();
    hits.iter()
        .find(|h| h.entity_id == id)
        .map_or(0.0, |h| h.score)
}

#[test]
fn names_in_one_alphabet_compare_by_their_letters() {
    let index = build(vec![
        person("t:asad", &[("هايل الأسد", NameKind::Primary)], None),
        person("t:vucic", &[("Александар Вучић", NameKind::Primary)], None),
        org("t:cgn", "CGN TRADE FZE"),
        person("t:belali", &[("علیرضا بلالی", NameKind::Primary)], None),
    ]);
    // Written without vowels, a letter apart in a short word is another name: Jalali is
    // not Belali.
    assert!(score_of(&index, "عليرضا جلالی", "t:belali") < redflag::DEFAULT_THRESHOLD);
    assert_eq!(score_of(&index, "علیرضا بلالی", "t:belali"), 1.0);
    assert_eq!(score_of(&index, "هايل الأسد", "t:asad"), 1.0);
    // Al-Rashid is not al-Asad, though their consonant skeletons are alike.
    assert!(score_of(&index, "هيا الراشد", "t:asad") < redflag::DEFAULT_THRESHOLD);
    // A letter apart in Cyrillic is a spelling, two edits once transliterated.
    assert!(score_of(&index, "Александар Вукић", "t:vucic") >= redflag::DEFAULT_THRESHOLD);
    // Devanagari keeps its vowels: Shila Khan is not an acronym.
    assert!(score_of(&index, "शीला खान", "t:cgn") < 0.65);
}

#[test]
fn simplified_han_is_not_read_as_korean_and_legal_forms_in_persons_are_surnames() {
    let index = build(vec![
        person("t:sona", &[("SO Na", NameKind::Primary)], None),
        person("t:pao", &[("PAO, Yu Yi", NameKind::Primary)], None),
    ]);
    // 罗 is simplified (羅): a Chinese name, never the Korean 소나.
    assert!(score_of(&index, "瑞 罗", "t:sona") < 0.65);
    // PAO is a surname here, not a Russian joint-stock company: leaving it out is
    // leaving the surname out.
    assert_eq!(score_of(&index, "PAO Yu Yi", "t:pao"), 1.0);
    assert!(score_of(&index, "瑜 李", "t:pao") < redflag::DEFAULT_THRESHOLD);
}

#[test]
fn a_person_shaped_name_pays_more_against_a_vessel_unless_spelt_exactly() {
    let index = build(vec![
        vessel("t:sara", "SARA II"),
        org("t:songi", "SONGI TRADING COMPANY"),
    ]);
    assert!(score_of(&index, "Sarah Li", "t:sara") < redflag::DEFAULT_THRESHOLD);
    // A two-character Han name read as Korean (`song i`) spells the company's word.
    assert!(score_of(&index, "成 李", "t:songi") < redflag::DEFAULT_THRESHOLD);
    assert_eq!(score_of(&index, "Sara II", "t:sara"), 1.0);
    let mut q = Query::new("Sarah Li");
    q.kind = Some(EntityKind::Organization);
    q.threshold = 0.0;
    assert!(index.search(&q).unwrap().is_empty());
}

#[test]
fn hangul_vowels_are_known_and_hong_kong_spellings_may_look_like_pinyin() {
    let index = build(vec![
        person("t:jo", &[("JO, Yong Chol", NameKind::Primary)], None),
        person("t:liwei", &[("LI Wei", NameKind::Primary)], None),
    ]);
    // 주 is Ju or Chu, never Jo (조): another surname.
    assert!(score_of(&index, "주영철", "t:jo") < redflag::DEFAULT_THRESHOLD);
    assert!(score_of(&index, "조영철", "t:jo") >= redflag::DEFAULT_THRESHOLD);
    // Lei Wai is how Hong Kong writes 李偉, Li Wei in pinyin.
    assert!(score_of(&index, "LEI, Wai", "t:liwei") >= redflag::DEFAULT_THRESHOLD);
}

#[test]
fn a_listed_korean_name_is_all_of_its_syllables() {
    let index = build(vec![person(
        "t:kimkun",
        &[("KIM, Kun", NameKind::Primary)],
        None,
    )]);
    assert!(score_of(&index, "Gunn Kim Haugen", "t:kimkun") < redflag::DEFAULT_THRESHOLD);
    assert!(score_of(&index, "Kim Kun", "t:kimkun") >= redflag::DEFAULT_THRESHOLD);
}

#[test]
fn han_names_meet_by_their_characters_not_their_sounds() {
    let index = build(vec![org("t:hx", "華信船務(香港)有限公司")]);
    // 欣花 reads `xin hua` like 華信, with no character in common.
    assert!(score_of(&index, "欣 花", "t:hx") < 0.65);
    assert!(score_of(&index, "华信船务(香港)有限公司", "t:hx") >= 0.95);
}

#[test]
fn a_lineage_read_backwards_is_another_person() {
    let index = build(vec![
        person(
            "t:salman",
            &[("MUHAMMAD BIN SALMAN AL-RAWI", NameKind::Primary)],
            None,
        ),
        person(
            "t:laden",
            &[("BIN LADEN, Usama bin Muhammad", NameKind::Primary)],
            None,
        ),
    ]);
    // Salman, son of Muhammad, is not Muhammad, son of Salman.
    let reversed = score_of(&index, "SALMAN BIN MUHAMMAD AL-RAWI", "t:salman");
    assert!(reversed < redflag::DEFAULT_THRESHOLD, "{reversed}");
    assert_eq!(
        score_of(&index, "Muhammad bin Salman al-Rawi", "t:salman"),
        1.0
    );
    // A family name that starts with the word (`BIN LADEN`) is not a lineage read back.
    let laden = score_of(&index, "Usama bin Laden", "t:laden");
    assert!(laden >= redflag::DEFAULT_THRESHOLD, "{laden}");
}

#[test]
fn an_exact_word_does_not_keep_two_others_from_pairing() {
    let index = build(vec![person("t:xu", &[("XU Hui", NameKind::Primary)], None)]);
    // Hong Kong `HUI` is the surname 許 (Xu) and `Wai` the given name 慧 (Hui).
    let score = score_of(&index, "HUI Wai", "t:xu");
    assert!(score >= redflag::DEFAULT_THRESHOLD, "{score}");
}
