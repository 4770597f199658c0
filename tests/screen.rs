//! Batch screening end to end, with a fake matcher that knows a few names. Fixtures are
//! written into a temporary directory by each test.

use redflag::model::{DateSpec, EntityKind};
use redflag::screen::{run, OutputFormat, ScreenConfig, Summary};
use redflag::{Hit, Matcher, Query, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// Answers a fixed set of names (case-insensitive), honouring the query's top and
/// threshold like the real index; can sleep to shuffle completion order, and can raise
/// the cancel flag after some calls.
#[derive(Default)]
struct Fake {
    answers: HashMap<String, Vec<(&'static str, &'static str, f64)>>,
    sleepy: bool,
    calls: AtomicUsize,
    cancel_after: Option<(usize, &'static AtomicBool)>,
    seen: Mutex<Vec<Query>>,
}

impl Fake {
    fn new() -> Fake {
        let mut f = Fake::default();
        f.answer(
            "Kim Jong Un",
            &[
                ("ofac:20157", "KIM, Jong Un", 0.97),
                ("un:KPi.033", "KIM JONG UN", 0.85),
                ("eu:999", "KIM Jong Il", 0.72),
            ],
        );
        f.answer("김정은", &[("ofac:20157", "KIM, Jong Un", 0.95)]);
        f.answer(
            "Korea Kwangson Banking Corp",
            &[("ofac:10001", "KOREA KWANGSON BANKING CORP", 0.92)],
        );
        f.answer("René Groß", &[("eu:1", "GROSS, René", 0.90)]);
        f.answer("Almost Bad", &[("ofac:3", "ALMOST BAD LTD", 0.70)]);
        f
    }

    fn answer(&mut self, name: &str, hits: &[(&'static str, &'static str, f64)]) {
        self.answers.insert(name.to_lowercase(), hits.to_vec());
    }
}

impl Matcher for Fake {
    fn search(&self, query: &Query) -> Result<Vec<Hit>> {
        let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
        if let Some((after, flag)) = self.cancel_after {
            if n >= after {
                flag.store(true, Ordering::SeqCst);
            }
        }
        if self.sleepy {
            // A scrambled delay per name, 0–199 µs, so rows finish out of order.
            let h = query
                .name
                .bytes()
                .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64));
            std::thread::sleep(Duration::from_micros(h.wrapping_mul(2654435761) % 200));
        }
        self.seen.lock().unwrap().push(query.clone());
        if query.name == "Panic Trigger" {
            panic!("fake matcher gave up");
        }
        if query.name == "Refused Name" {
            return Err(redflag::Error::Query("fake refusal".into()));
        }
        let hits = self
            .answers
            .get(&query.name.to_lowercase())
            .map(|hits| {
                hits.iter()
                    .filter(|(_, _, score)| *score >= query.threshold)
                    .take(query.top)
                    .map(|(id, name, score)| hit(id, name, *score))
                    .collect()
            })
            .unwrap_or_default();
        Ok(hits)
    }
}

fn hit(id: &str, name: &str, score: f64) -> Hit {
    Hit {
        entity_id: id.into(),
        score,
        name: name.into(),
        matched_name: name.into(),
        matched_name_kind: "primary",
        matched_identifier: None,
        list: id.split(':').next().unwrap_or("").to_uppercase(),
        kind: EntityKind::Person,
        programs: vec!["DPRK3".into()],
        reasons: vec![format!("fake match on {name}")],
        features: Default::default(),
    }
}

fn screen(config: &ScreenConfig, matcher: &dyn Matcher) -> Summary {
    run(config, matcher, &AtomicBool::new(false)).expect("screening runs")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The output CSV as its header and rows, every row checked to be header-wide.
fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (headers, rows)
}

fn col(headers: &[String], name: &str) -> usize {
    headers
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

fn read_jsonl(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

#[test]
fn csv_with_bom_and_semicolons() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "vendors.csv",
        "\u{FEFF}ID;Company Name;Country\n7;Kim Jong Un;KP\n8;\"Acme; GmbH\";DE\n".as_bytes(),
    );
    let output = dir.path().join("out.csv");
    let summary = screen(&ScreenConfig::new(&input, &output), &Fake::new());
    assert_eq!((summary.rows, summary.hits, summary.clears), (2, 1, 1));
    assert_eq!(summary.exit_code(), 1);
    let (headers, rows) = read_csv(&output);
    assert_eq!(
        headers,
        [
            "ID",
            "Company Name",
            "Country",
            "decision",
            "score",
            "entity_id",
            "entity_name",
            "matched_name",
            "matched_identifier",
            "list",
            "programs",
            "reason",
            "review_decision",
            "review_note"
        ]
    );
    assert_eq!(
        &rows[0][..6],
        ["7", "Kim Jong Un", "KP", "hit", "0.9700", "ofac:20157"]
    );
    assert_eq!(rows[0][col(&headers, "programs")], "DPRK3");
    assert_eq!(&rows[1][..4], ["8", "Acme; GmbH", "DE", "clear"]);
}

#[test]
fn excel_sep_line_names_the_delimiter() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "sep.csv",
        b"sep=|\r\nname|note\r\nKim Jong Un|a,b;c\r\n",
    );
    let output = dir.path().join("out.csv");
    let summary = screen(&ScreenConfig::new(&input, &output), &Fake::new());
    assert_eq!(summary.hits, 1);
    let (headers, rows) = read_csv(&output);
    assert_eq!(&headers[..3], ["name", "note", "decision"]);
    assert_eq!(&rows[0][..3], ["Kim Jong Un", "a,b;c", "hit"]);
}

#[test]
fn utf16le_export_with_tabs() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Name\tCountry\r\nKim Jong Un\tKP\r\n김정은\tKP\r\nNobody\tFR\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let input = write(dir.path(), "export.txt", &bytes);
    let output = dir.path().join("out.jsonl");
    let summary = screen(&ScreenConfig::new(&input, &output), &Fake::new());
    assert_eq!((summary.rows, summary.hits), (3, 2));
    let lines = read_jsonl(&output);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["query"], "김정은");
    assert_eq!(
        lines[1]["id"], "2",
        "no id column: the row number is the id"
    );
    assert_eq!(lines[1]["hits"][0]["entity_id"], "ofac:20157");
    assert_eq!(lines[2]["hits"].as_array().unwrap().len(), 0);
}

#[test]
fn windows_1252_detected_and_forced() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "latin.csv",
        b"id,name\n1,Ren\xe9 Gro\xdf\n2,Stra\xdfe AG\n",
    );
    for encoding in [None, Some("windows-1252".to_string())] {
        let output = dir.path().join("out.csv");
        let mut config = ScreenConfig::new(&input, &output);
        config.encoding = encoding;
        let summary = screen(&config, &Fake::new());
        assert_eq!((summary.rows, summary.hits, summary.errors), (2, 1, 0));
        let (_, rows) = read_csv(&output);
        assert_eq!(&rows[0][..4], ["1", "René Groß", "hit", "0.9000"]);
        assert_eq!(rows[1][1], "Straße AG");
    }
}

#[test]
fn invalid_utf8_in_one_row_is_an_error_row() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "mixed.csv",
        b"id,name\n1,Kim Jong Un\n2,Bad \xff name\n3,Acme\n",
    );
    let output = dir.path().join("out.jsonl");
    let mut config = ScreenConfig::new(&input, &output);
    config.encoding = Some("utf-8".into());
    let summary = screen(&config, &Fake::new());
    assert_eq!((summary.rows, summary.hits, summary.errors), (3, 1, 1));
    let lines = read_jsonl(&output);
    assert_eq!(lines[1]["decision"], "error");
    let error = lines[1]["error"].as_str().unwrap();
    assert!(
        error.contains("line 3") && error.contains("UTF-8"),
        "{error}"
    );
}

#[test]
fn xlsx_with_two_name_columns_a_date_and_a_number() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("vendors.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in ["Vendor", "Contact Person", "DOB", "Amount"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "Acme Trading").unwrap();
    sheet.write_string(1, 1, "Kim Jong Un").unwrap();
    let dob = ExcelDateTime::from_ymd(1984, 1, 8).unwrap();
    sheet.write_datetime_with_format(1, 2, &dob, &date).unwrap();
    sheet.write_number(1, 3, 1200.0).unwrap();
    sheet
        .write_string(2, 0, "Korea Kwangson Banking Corp")
        .unwrap();
    sheet.write_number(2, 3, 5.5).unwrap();
    sheet.write_number(3, 0, 12345.0).unwrap();
    sheet.write_string(3, 2, "not a date").unwrap();
    book.save(&input).unwrap();

    let fake = Fake::new();
    let output = dir.path().join("out.xlsx");
    let summary = screen(&ScreenConfig::new(&input, &output), &fake);
    assert_eq!((summary.rows, summary.hits, summary.errors), (3, 2, 1));
    let seen = fake.seen.lock().unwrap();
    let q = seen
        .iter()
        .find(|q| q.name == "Kim Jong Un")
        .expect("dob passed");
    assert_eq!(
        q.dob,
        Some(DateSpec::Day {
            year: 1984,
            month: 1,
            day: 8
        })
    );

    use calamine::{open_workbook_auto, Reader};
    let mut book = open_workbook_auto(&output).unwrap();
    let range = book.worksheet_range("screening").unwrap();
    let text: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(
        &text[0][..5],
        ["Vendor", "Contact Person", "DOB", "Amount", "decision"]
    );
    assert_eq!(
        text[0][text[0].len() - 2..],
        ["review_decision", "review_note"]
    );
    assert_eq!(
        &text[1][..7],
        [
            "Acme Trading",
            "Kim Jong Un",
            "1984-01-08",
            "1200",
            "hit",
            "0.97",
            "ofac:20157"
        ]
    );
    let reason = &text[1][text[0].iter().position(|h| h == "reason").unwrap()];
    assert!(
        reason.contains("'Kim Jong Un' (Contact Person)"),
        "{reason}"
    );
    assert_eq!(&text[2][3..5], ["5.5", "hit"]);
    assert_eq!(text[3][4], "error");
    let reason = &text[3][text[0].iter().position(|h| h == "reason").unwrap()];
    assert!(reason.contains("holds a number (12345)"), "{reason}");

    // The same workbook as JSONL: the row's query is its names joined.
    let output = dir.path().join("out.jsonl");
    screen(&ScreenConfig::new(&input, &output), &Fake::new());
    let lines = read_jsonl(&output);
    assert_eq!(lines[0]["query"], "Acme Trading | Kim Jong Un");
}

#[test]
fn bad_rows_become_error_rows_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "bad.csv",
        b"id,name,country\n1,,KP\n2,\"...!!\",KP\n3,Kim Jong Un\n4,Kim Jong Un,KP,extra\n5,Acme,DE\n6,Kim Jong Un,KP\n",
    );
    let output = dir.path().join("out.csv");
    let summary = screen(&ScreenConfig::new(&input, &output), &Fake::new());
    assert_eq!(
        (summary.rows, summary.errors, summary.clears, summary.hits),
        (6, 4, 1, 1)
    );
    let (headers, rows) = read_csv(&output);
    let decision = col(&headers, "decision");
    let reason = col(&headers, "reason");
    let ids: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, ["1", "2", "3", "4", "5", "6"]);
    let decisions: Vec<&str> = rows.iter().map(|r| r[decision].as_str()).collect();
    assert_eq!(
        decisions,
        ["error", "error", "error", "error", "clear", "hit"]
    );
    assert!(rows[0][reason].contains("no name"), "{}", rows[0][reason]);
    assert!(
        rows[1][reason].contains("no letters"),
        "{}",
        rows[1][reason]
    );
    assert!(
        rows[2][reason].contains("line 4 has 2 fields"),
        "{}",
        rows[2][reason]
    );
    assert!(rows[3][reason].contains("extra"), "{}", rows[3][reason]);
}

#[test]
fn matcher_failures_are_error_rows() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "in.csv",
        b"name\nPanic Trigger\nRefused Name\nKim Jong Un\n",
    );
    let output = dir.path().join("out.jsonl");
    let summary = screen(&ScreenConfig::new(&input, &output), &Fake::new());
    assert_eq!((summary.rows, summary.errors, summary.hits), (3, 2, 1));
    let lines = read_jsonl(&output);
    let panic = lines[0]["error"].as_str().unwrap();
    assert!(
        panic.contains("line 2") && panic.contains("gave up"),
        "{panic}"
    );
    let refused = lines[1]["error"].as_str().unwrap();
    assert!(
        refused.contains("line 3") && refused.contains("fake refusal"),
        "{refused}"
    );
}

#[test]
fn output_keeps_input_order_under_shuffled_completion() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("ref,name\n");
    for i in 1..=10_000 {
        if i % 1000 == 0 {
            text.push_str(&format!("R{i},Kim Jong Un\n"));
        } else {
            text.push_str(&format!("R{i},Vendor number {i}\n"));
        }
    }
    let input = write(dir.path(), "big.csv", text.as_bytes());
    let output = dir.path().join("out.jsonl");
    let fake = Fake {
        sleepy: true,
        ..Fake::new()
    };
    let mut config = ScreenConfig::new(&input, &output);
    config.id_column = Some("REF".into());
    let summary = screen(&config, &fake);
    assert_eq!((summary.rows, summary.hits), (10_000, 10));
    let lines = read_jsonl(&output);
    assert_eq!(lines.len(), 10_000);
    for (i, line) in lines.iter().enumerate() {
        let n = i + 1;
        assert_eq!(line["row"], n as u64);
        assert_eq!(line["id"], format!("R{n}"));
        assert_eq!(line["hits"].as_array().unwrap().is_empty(), n % 1000 != 0);
    }
}

#[test]
fn jsonl_follows_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "in.csv",
        b"id,name,kind,country,dob\na1,Kim Jong Un,individual,KP,1984\na2,Almost Bad,,,\na3,,,,\na4,Nobody,ship,XX,someday\n",
    );
    let output = dir.path().join("out.ndjson");
    let mut config = ScreenConfig::new(&input, &output);
    config.top = Some(2);
    let fake = Fake::new();
    let summary = screen(&config, &fake);
    assert_eq!(
        (
            summary.hits,
            summary.reviews,
            summary.errors,
            summary.clears
        ),
        (1, 1, 1, 1)
    );
    let lines = read_jsonl(&output);
    assert_eq!(lines.len(), 4);
    for (i, line) in lines.iter().enumerate() {
        for key in ["id", "row", "query", "hits"] {
            assert!(line.get(key).is_some(), "line {i} lacks {key}: {line}");
        }
        assert_eq!(line["row"], (i + 1) as u64);
        let hits = line["hits"].as_array().unwrap();
        assert!(hits.len() <= 2);
        let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
        assert!(
            scores.windows(2).all(|w| w[0] >= w[1]),
            "sorted: {scores:?}"
        );
        assert!(scores.iter().all(|&s| (0.8..=1.0).contains(&s)));
        for h in hits {
            for key in ["entity_id", "score", "name", "matched_name", "list"] {
                assert!(h.get(key).is_some(), "hit lacks {key}: {h}");
            }
        }
    }
    assert_eq!(lines[0]["id"], "a1");
    assert_eq!(lines[0]["query"], "Kim Jong Un");
    assert_eq!(lines[0]["hits"][1]["entity_id"], "un:KPi.033");
    assert_eq!(lines[1]["decision"], "review");
    assert_eq!(lines[1]["hits"].as_array().unwrap().len(), 0);
    assert_eq!(lines[1]["review_hits"][0]["entity_id"], "ofac:3");
    assert_eq!(lines[2]["decision"], "error");
    let reason = lines[3]["reason"].as_str().unwrap();
    assert!(reason.contains("'someday'"), "bad dob noted: {reason}");

    // Evidence reached the matcher: kind, country, dob; a bad dob is left out.
    let seen = fake.seen.lock().unwrap();
    let kim = seen.iter().find(|q| q.name == "Kim Jong Un").unwrap();
    assert_eq!(kim.kind, Some(EntityKind::Person));
    assert_eq!(kim.country.as_deref(), Some("KP"));
    assert_eq!(kim.dob, Some(DateSpec::Year { year: 1984 }));
    let nobody = seen.iter().find(|q| q.name == "Nobody").unwrap();
    assert_eq!(
        (nobody.kind, nobody.dob.as_ref()),
        (Some(EntityKind::Vessel), None)
    );

    // A higher threshold: fewer hits, the rest in review.
    let mut config = ScreenConfig::new(&input, &output);
    config.format = Some(OutputFormat::Jsonl);
    config.threshold = Some(0.9);
    screen(&config, &Fake::new());
    let lines = read_jsonl(&output);
    assert_eq!(lines[0]["hits"].as_array().unwrap().len(), 1);
    assert_eq!(lines[0]["review_hits"][0]["score"], 0.85);
}

#[test]
fn top_k_adds_hit_columns() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "in.csv", b"name\nKim Jong Un\nNobody\n");
    let output = dir.path().join("out.csv");
    let mut config = ScreenConfig::new(&input, &output);
    config.top = Some(3);
    config.review_threshold = Some(0.7);
    screen(&config, &Fake::new());
    let (headers, rows) = read_csv(&output);
    assert_eq!(rows[0][col(&headers, "hit2_entity_id")], "un:KPi.033");
    assert_eq!(rows[0][col(&headers, "hit3_score")], "0.7200");
    assert_eq!(rows[1][col(&headers, "hit2_entity_id")], "");
    assert!(!headers.iter().any(|h| h.starts_with("hit4")));
}

#[test]
fn added_columns_are_prefixed_when_the_input_uses_their_names() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "in.csv", b"name,list\nKim Jong Un,A\n");
    let output = dir.path().join("out.csv");
    screen(&ScreenConfig::new(&input, &output), &Fake::new());
    let (headers, rows) = read_csv(&output);
    assert_eq!(
        &headers[..4],
        ["name", "list", "redflag_decision", "redflag_score"]
    );
    assert_eq!(rows[0][1], "A");
}

/// A cancelled run of `format` into `name`: cancelled after 300 queries of 5,000 rows.
fn cancelled_run(dir: &Path, name: &str) -> (Summary, PathBuf) {
    static FLAGS: [AtomicBool; 3] = [
        AtomicBool::new(false),
        AtomicBool::new(false),
        AtomicBool::new(false),
    ];
    let flag = match name {
        "out.csv" => &FLAGS[0],
        "out.jsonl" => &FLAGS[1],
        _ => &FLAGS[2],
    };
    let mut text = String::from("id,name\n");
    for i in 1..=5_000 {
        text.push_str(&format!("{i},Name {i}\n"));
    }
    let input = write(dir, "many.csv", text.as_bytes());
    let output = dir.join(name);
    let fake = Fake {
        cancel_after: Some((300, flag)),
        ..Fake::new()
    };
    let summary = run(&ScreenConfig::new(&input, &output), &fake, flag).unwrap();
    assert!(summary.partial);
    assert!(summary.rows < 5_000, "stopped early: {}", summary.rows);
    assert_eq!(summary.exit_code(), 2);
    (summary, output)
}

#[test]
fn cancellation_leaves_a_valid_partial_csv() {
    let dir = tempfile::tempdir().unwrap();
    let (summary, output) = cancelled_run(dir.path(), "out.csv");
    let (headers, rows) = read_csv(&output);
    let last = rows.last().unwrap();
    assert!(last[0].starts_with("# PARTIAL"), "{last:?}");
    assert_eq!(last[col(&headers, "decision")], "partial");
    assert_eq!(rows.len() as u64, summary.rows + 1);
    for (i, row) in rows[..rows.len() - 1].iter().enumerate() {
        assert_eq!(row[0], (i + 1).to_string());
    }
}

#[test]
fn cancellation_leaves_a_valid_partial_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let (summary, output) = cancelled_run(dir.path(), "out.jsonl");
    let lines = read_jsonl(&output);
    let last = lines.last().unwrap();
    assert_eq!(last["partial"], true);
    assert_eq!(last["rows_done"], summary.rows);
    assert_eq!(lines.len() as u64, summary.rows + 1);
}

#[test]
fn cancellation_leaves_a_valid_partial_xlsx() {
    use calamine::{open_workbook_auto, Reader};
    let dir = tempfile::tempdir().unwrap();
    let (summary, output) = cancelled_run(dir.path(), "out.xlsx");
    let mut book = open_workbook_auto(&output).unwrap();
    let range = book.worksheet_range("screening").unwrap();
    assert_eq!(range.height() as u64, summary.rows + 2);
    let last = range.rows().next_back().unwrap();
    assert!(last[0].to_string().starts_with("# PARTIAL"));
}

#[test]
fn output_path_equal_to_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = b"name\nKim Jong Un\n";
    let input = write(dir.path(), "in.csv", bytes);
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    for output in [input.clone(), sub.join("..").join("in.csv")] {
        let err = run(
            &ScreenConfig::new(&input, &output),
            &Fake::new(),
            &AtomicBool::new(false),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("must not be the input"), "{err}");
    }
    assert_eq!(std::fs::read(&input).unwrap(), bytes);
}

#[test]
fn unreadable_input_or_header_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.csv");
    let missing = dir.path().join("missing.csv");
    let err = run(
        &ScreenConfig::new(&missing, &output),
        &Fake::new(),
        &AtomicBool::new(false),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("missing.csv"), "{err}");

    let input = write(dir.path(), "codes.csv", b"code;amount\n1;2\n");
    let err = run(
        &ScreenConfig::new(&input, &output),
        &Fake::new(),
        &AtomicBool::new(false),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("codes.csv") && err.contains("no name column") && err.contains("'amount'"),
        "{err}"
    );
    assert!(!output.exists(), "nothing written before the error");

    let empty = write(dir.path(), "empty.csv", b"");
    let err = run(
        &ScreenConfig::new(&empty, &output),
        &Fake::new(),
        &AtomicBool::new(false),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("empty.csv") && err.contains("empty"), "{err}");
}

#[test]
fn bad_options_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "in.csv", b"name\nx\n");
    let output = dir.path().join("out.csv");
    let mut config = ScreenConfig::new(&input, &output);
    config.top = Some(0);
    assert!(run(&config, &Fake::new(), &AtomicBool::new(false)).is_err());
    let mut config = ScreenConfig::new(&input, &output);
    config.threshold = Some(0.5);
    config.review_threshold = Some(0.6);
    assert!(run(&config, &Fake::new(), &AtomicBool::new(false)).is_err());
    let mut config = ScreenConfig::new(&input, &output);
    config.encoding = Some("klingon".into());
    let err = run(&config, &Fake::new(), &AtomicBool::new(false)).unwrap_err();
    assert!(err.to_string().contains("klingon"));
}
