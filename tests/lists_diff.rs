//! `lists diff` on the real UN lists of 2024-05-15 (a fixture) and 2026-02-27 (shipped),
//! and the list versions an index records.

use redflag::lists::diff::{self, Field};
use std::path::Path;
use std::process::Command;

const OLD_UN: &str = "tests/fixtures/un_2024-05-15/un_consolidated.xml.gz";
const NEW_UN: &str = "data/un_consolidated.xml.gz";

#[test]
fn the_two_real_un_lists_differ_by_exact_counts() {
    let old = diff::load_entities(Path::new(OLD_UN)).unwrap();
    let new = diff::load_entities(Path::new(NEW_UN)).unwrap();
    assert_eq!((old.len(), new.len()), (875, 1003));
    let d = diff::diff(&old, &new).unwrap();
    assert_eq!(d.added.len(), 137);
    assert_eq!(d.removed.len(), 9);
    // Names or aliases: the "6 whose names changed"; birth dates and countries move too.
    let renamed = d
        .changed
        .iter()
        .filter(|c| {
            c.fields
                .iter()
                .any(|f| matches!(f.field, Field::Names | Field::Aliases))
        })
        .count();
    assert_eq!(renamed, 6);
    assert_eq!(d.changed_in(Field::Names), 1);
    assert_eq!(d.changed_in(Field::Aliases), 6);
    assert_eq!(d.changed_in(Field::BirthDates), 100);
    assert_eq!(d.changed_in(Field::Countries), 4);
    assert_eq!(d.changed.len(), 107);
    let renamed = d.changed.iter().find(|c| c.id == "un:QDi.278").unwrap();
    assert_eq!(renamed.fields[0].removed, ["MUTHANNA HARITH AL-DARI"]);
    assert_eq!(renamed.fields[0].added, ["MUTHANNA HARITH SALMAN AL-DARI"]);
    // A version compared with itself has no difference, and fingerprints agree.
    assert!(diff::diff(&new, &new).unwrap().is_empty());
}

#[test]
fn cli_diff_of_files_and_of_indexes_agree_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_redflag");
    let mut indexes = Vec::new();
    for (name, list) in [("old.idx", OLD_UN), ("new.idx", NEW_UN)] {
        let path = dir.path().join(name);
        let out = Command::new(bin)
            .args(["index", "build", "--list", list, "--output"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        indexes.push(path);
    }
    let json = |old: &Path, new: &Path| {
        let out = Command::new(bin)
            .args(["lists", "diff", "--json"])
            .arg(old)
            .arg(new)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "differences exit 1");
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let from_files = json(Path::new(OLD_UN), Path::new(NEW_UN));
    let from_indexes = json(&indexes[0], &indexes[1]);
    assert_eq!(from_files, from_indexes);
    assert_eq!(from_files["added"].as_array().unwrap().len(), 137);
    assert_eq!(from_files["removed"].as_array().unwrap().len(), 9);
    assert!(from_files["added"][0]["id"]
        .as_str()
        .unwrap()
        .starts_with("un:"));

    let table = Command::new(bin)
        .args(["lists", "diff", OLD_UN, NEW_UN])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(
        text.contains("137 added, 9 removed, 107 changed"),
        "{}",
        text.lines().last().unwrap_or("")
    );

    let lists = Command::new(bin)
        .args(["lists", "--index"])
        .arg(&indexes[0])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&lists.stdout);
    assert!(
        text.contains("2024-05-15")
            && text.contains("5c8aa0441f2272b618f921dca11a91ba269388422b820fefa50764f05dc0c6a0"),
        "{text}"
    );
}

#[test]
fn an_unreadable_side_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("nonsense.xml");
    std::fs::write(&bad, "<nothing/>").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_redflag"))
        .args(["lists", "diff", NEW_UN])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nonsense.xml"), "{err}");
}
