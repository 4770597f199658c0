//! The command line as the evaluation tools and users call it.

use std::path::Path;
use std::process::{Command, Output};

fn redflag(args: &[&str], env_cache: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_redflag"))
        .args(args)
        .env("REDFLAG_CACHE_DIR", env_cache)
        .output()
        .expect("redflag runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn build_index(dir: &Path) -> std::path::PathBuf {
    let index = dir.join("mine.idx");
    let out = redflag(
        &[
            "index",
            "build",
            "--list",
            "tests/fixtures/watchlist/My_Vendors.csv",
            "--output",
            index.to_str().unwrap(),
        ],
        dir,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    index
}

#[test]
fn index_build_search_and_screen_keep_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let index = build_index(dir.path());
    let idx = index.to_str().unwrap();
    let out = redflag(
        &["search", "Kim Yong-chol", "--index", idx, "--json"],
        dir.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "a hit exits 1: {}",
        text(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hit = &json["hits"][0];
    assert!(hit["entity_id"]
        .as_str()
        .unwrap()
        .starts_with("my_vendors:"));
    assert!(hit["score"].as_f64().unwrap() <= 1.0);

    let input = dir.path().join("in.csv");
    std::fs::write(&input, "id,name\nr1,KIM Yong Chol\nr2,Johanna Gruenwald\n").unwrap();
    let output = dir.path().join("out.jsonl");
    let out = redflag(
        &[
            "screen",
            input.to_str().unwrap(),
            "--index",
            idx,
            "--format",
            "jsonl",
            "--output",
            output.to_str().unwrap(),
            "--name-column",
            "name",
            "--id-column",
            "id",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&output)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "r1");
    assert_eq!(lines[0]["row"], 1);
    assert_eq!(lines[0]["query"], "KIM Yong Chol");
    assert!(!lines[0]["hits"].as_array().unwrap().is_empty());
    assert!(lines[1]["hits"].as_array().unwrap().is_empty());
}

#[test]
fn bad_queries_and_indexes_are_clear_errors_with_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let index = build_index(dir.path());
    let idx = index.to_str().unwrap();
    for name in ["", "   ", "?!"] {
        let out = redflag(&["search", name, "--index", idx], dir.path());
        assert_eq!(out.status.code(), Some(2), "{name:?}");
        assert!(
            text(&out.stderr).contains("invalid query"),
            "{}",
            text(&out.stderr)
        );
    }
    let long = "x".repeat(10_000);
    let out = redflag(&["search", &long, "--index", idx], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let bad = dir.path().join("bad.idx");
    std::fs::write(&bad, b"not an index").unwrap();
    let out = redflag(
        &["search", "Kim", "--index", bad.to_str().unwrap()],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("bad.idx"),
        "{}",
        text(&out.stderr)
    );
    let out = redflag(
        &[
            "index",
            "build",
            "--list",
            "Cargo.toml",
            "--output",
            bad.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("Cargo.toml"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn lists_without_a_subcommand_still_shows_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let index = build_index(dir.path());
    let out = redflag(&["lists", "--index", index.to_str().unwrap()], dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("entities in all"));
}
