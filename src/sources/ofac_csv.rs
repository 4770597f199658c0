//! OFAC legacy CSV: `sdn.csv` with `alt.csv`, `add.csv` and `sdn_comments.csv` beside it,
//! or the non-SDN set `cons_prim.csv` / `cons_alt.csv` / `cons_add.csv` /
//! `cons_comments.csv` (same columns).
//!
//! The files have no header, write the null as `-0- ` (trailing space), end lines with CRLF
//! and end with a lone `\x1A`. Much of what the XML has in elements lives here only inside
//! the Remarks column (`DOB 08 Jan 1984; POB …; Passport X (Country); a.k.a. 'X'`), so the
//! Remarks are parsed; they are also kept whole, continuation included.
//!
//! Decisions: a main-file row that is malformed is an error (the entity would be lost); an
//! `alt`/`add`/`comments` row pointing at an unknown ent_num is a warning, because the
//! rest of the set is still good and refusing the whole list would screen against nothing.

use super::ofac_common::{alias_kind, list_name, make_identifier, push_address, push_country};
use super::{csv_end, parts, Format};
use crate::error::{Error, Location, Result, Warning};
use crate::model::parse_date;
use crate::model::{
    Address, CountryRole, DateValue, Entity, EntityKind, Identifier, LoadedList, Name, NameKind,
};
use csv::StringRecord;
use std::collections::HashMap;
use std::path::Path;

/// The files of one OFAC legacy CSV set, already read (and decompressed).
pub struct CsvSet<'a> {
    /// The main file (`sdn.csv`, `cons_prim.csv`).
    pub main: &'a [u8],
    /// Aliases (`alt.csv`, `cons_alt.csv`), when present.
    pub alt: Option<&'a [u8]>,
    /// Addresses (`add.csv`, `cons_add.csv`), when present.
    pub add: Option<&'a [u8]>,
    /// Remarks continued (`sdn_comments.csv`, `cons_comments.csv`), when present.
    pub comments: Option<&'a [u8]>,
}

const MAIN_COLUMNS: &[&str] = &[
    "ent_num",
    "SDN_Name",
    "SDN_Type",
    "Program",
    "Title",
    "Call_Sign",
    "Vess_type",
    "Tonnage",
    "GRT",
    "Vess_flag",
    "Vess_owner",
    "Remarks",
];
const ALT_COLUMNS: &[&str] = &["ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks"];
const ADD_COLUMNS: &[&str] = &[
    "ent_num",
    "add_num",
    "address",
    "city/state/postal",
    "country",
    "add_remarks",
];
const COMMENT_COLUMNS: &[&str] = &["ent_num", "remarks"];

/// Parses a set; `file` names the main file in errors (the other files are named as
/// they sit beside it: `alt.csv`, `cons_add.csv` …).
pub fn parse(file: &str, set: &CsvSet<'_>) -> Result<LoadedList> {
    let mut loader = Loader {
        warnings: Vec::new(),
        rows: Vec::new(),
        by_ent_num: HashMap::new(),
    };
    if trim_end_of_file(set.main).is_empty() {
        return Err(Error::parse(
            file,
            Location::File,
            "the file is empty: expected OFAC CSV rows (ent_num,SDN_Name,SDN_Type,…)",
        ));
    }
    loader.read_main(file, set.main)?;
    let cons = list_name(file) == "OFAC non-SDN";
    if let Some(bytes) = set.comments {
        let name = sibling(
            file,
            if cons {
                "cons_comments"
            } else {
                "sdn_comments"
            },
        );
        loader.read_comments(&name, bytes)?;
    }
    if let Some(bytes) = set.alt {
        loader.read_alt(&sibling(file, if cons { "cons_alt" } else { "alt" }), bytes)?;
    }
    if let Some(bytes) = set.add {
        loader.read_add(&sibling(file, if cons { "cons_add" } else { "add" }), bytes)?;
    }
    Ok(loader.finish(file))
}

/// Whether a first line looks like an OFAC `sdn.csv` / `cons_prim.csv` row.
pub fn looks_like_ofac_csv(first_line: &str) -> bool {
    let mut fields = first_line.split(',');
    matches!(fields.next(), Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
        && first_line.contains("-0-")
}

/// One main-file row while the other files are joined to it.
struct Row {
    entity: Entity,
    /// Remarks as written, with any `comments` continuation appended.
    remarks: String,
    line: u64,
}

struct Loader {
    warnings: Vec<Warning>,
    rows: Vec<Row>,
    by_ent_num: HashMap<u64, usize>,
}

impl Loader {
    fn read_main(&mut self, file: &str, bytes: &[u8]) -> Result<()> {
        for_each_row(file, bytes, MAIN_COLUMNS, |line, record| {
            let ent_num = ent_num(file, line, record)?;
            let row = main_row(file, line, ent_num, record)?;
            if let Some(&first) = self.by_ent_num.get(&ent_num) {
                return Err(Error::parse(
                    file,
                    Location::Line(line),
                    format!(
                        "ent_num {ent_num} appears twice (first on line {}): expected unique ids",
                        self.rows[first].line
                    ),
                ));
            }
            self.by_ent_num.insert(ent_num, self.rows.len());
            self.rows.push(row);
            Ok(())
        })
    }

    /// The row an `alt`/`add`/`comments` line belongs to; a warning when there is none.
    fn row_for(&mut self, name: &str, line: u64, ent_num: u64) -> Option<&mut Row> {
        match self.by_ent_num.get(&ent_num) {
            Some(&i) => self.rows.get_mut(i),
            None => {
                self.warnings.push(Warning::new(
                    name,
                    Location::Line(line),
                    format!("ent_num {ent_num} is not in the main file; row skipped"),
                ));
                None
            }
        }
    }

    fn read_comments(&mut self, name: &str, bytes: &[u8]) -> Result<()> {
        for_each_row(name, bytes, COMMENT_COLUMNS, |line, record| {
            let ent_num = ent_num(name, line, record)?;
            if let (Some(row), Some(more)) = (
                self.row_for(name, line, ent_num),
                record.get(1).filter(|s| !is_null(s)),
            ) {
                // The main file cuts Remarks mid-word; the continuation follows directly.
                row.remarks.push_str(more);
            }
            Ok(())
        })
    }

    fn read_alt(&mut self, name: &str, bytes: &[u8]) -> Result<()> {
        for_each_row(name, bytes, ALT_COLUMNS, |line, record| {
            let ent_num = ent_num(name, line, record)?;
            let kind = alt_kind(name, line, field(record, 2).unwrap_or(""))?;
            let Some(text) = field(record, 3) else {
                return Err(Error::parse(
                    name,
                    Location::Line(line),
                    "alt_name is empty: expected the alias",
                ));
            };
            let note = field(record, 4).map(|r| format!("alias {text}: {r}"));
            if let Some(row) = self.row_for(name, line, ent_num) {
                row.entity.names.push(Name::new(text, kind));
                row.entity.remarks.extend(note);
            }
            Ok(())
        })
    }

    fn read_add(&mut self, name: &str, bytes: &[u8]) -> Result<()> {
        for_each_row(name, bytes, ADD_COLUMNS, |line, record| {
            let ent_num = ent_num(name, line, record)?;
            let owned = |i: usize| field(record, i).map(str::to_string);
            // `city/state/postal` is one column (`London EC3N 1DY`): it cannot be split
            // reliably, so it is kept whole as the city.
            let address = Address {
                street: owned(2),
                city: owned(3),
                country: owned(4),
                ..Address::default()
            };
            let note = owned(5);
            if let Some(row) = self.row_for(name, line, ent_num) {
                push_address(&mut row.entity, address);
                row.entity.remarks.extend(note);
            }
            Ok(())
        })
    }

    /// Parses every row's Remarks and assembles the list.
    fn finish(mut self, file: &str) -> LoadedList {
        let name = list_name(file);
        let mut entities = Vec::with_capacity(self.rows.len());
        for mut row in std::mem::take(&mut self.rows) {
            let bad_dates = apply_remarks(&mut row.entity, &row.remarks);
            for raw in bad_dates {
                self.warnings.push(Warning::new(
                    file,
                    Location::record(
                        format!("ent_num {}", &row.entity.id["ofac:".len()..]),
                        Some(Location::Line(row.line)),
                    ),
                    format!("date of birth `{raw}` in Remarks does not parse; kept as raw text"),
                ));
            }
            if !row.remarks.is_empty() {
                row.entity.remarks.insert(0, row.remarks);
            }
            row.entity.list = name.to_string();
            entities.push(row.entity);
        }
        LoadedList {
            entities,
            warnings: self.warnings,
            ..parts::new_list(Format::OfacCsv, name, None, file)
        }
    }
}

/// Reads every row of one file, checking its field count, and hands it to `f` with its
/// 1-based line number.
fn for_each_row(
    name: &str,
    bytes: &[u8],
    columns: &[&str],
    mut f: impl FnMut(u64, &StringRecord) -> Result<()>,
) -> Result<()> {
    let bytes = trim_end_of_file(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut lines = LineCounter::new(bytes);
    let mut record = StringRecord::new();
    // Where the last record read starts: (byte offset, line).
    let mut last = None;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_error(name, &e, &mut lines)),
        }
        let start = record.position().map_or(0, |p| p.byte());
        let line = lines.line_at(start);
        if record.len() != columns.len() {
            let at_end = reader.position().byte() >= bytes.len() as u64;
            return Err(Error::parse(
                name,
                Location::Line(line),
                format!(
                    "{} field(s), expected {}: {}{}",
                    record.len(),
                    columns.len(),
                    columns.join(","),
                    if at_end { csv_end::CUT_OFF_HINT } else { "" }
                ),
            ));
        }
        f(line, &record)?;
        last = Some((start, line));
    }
    match last {
        Some((start, line)) => {
            let start = usize::try_from(start)
                .unwrap_or(usize::MAX)
                .min(bytes.len());
            csv_end::check_last_record(name, &bytes[start..], line)
        }
        None => Ok(()),
    }
}

/// Line numbers from byte offsets. The csv crate's own line count is one short after
/// each CRLF (a record "starts" on the `\n` of the line before), so lines are counted
/// here, moving forward only.
struct LineCounter<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        LineCounter {
            bytes,
            pos: 0,
            line: 1,
        }
    }

    /// The line of the first byte at or after `byte` that is not a line ending.
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut at = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        while at < self.bytes.len() && matches!(self.bytes[at], b'\r' | b'\n') {
            at += 1;
        }
        if at > self.pos {
            let newlines = self.bytes[self.pos..at]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.line += newlines as u64;
            self.pos = at;
        }
        self.line
    }
}

fn csv_error(name: &str, e: &csv::Error, lines: &mut LineCounter<'_>) -> Error {
    let location = match e.position() {
        Some(p) => Location::Line(lines.line_at(p.byte())),
        None => Location::File,
    };
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { err, .. } => format!(
            "invalid UTF-8 in field {}: expected UTF-8 text",
            err.field() + 1
        ),
        _ => format!("unreadable CSV: {e}"),
    };
    Error::parse(name, location, message)
}

/// Drops the DOS end-of-file byte (`\x1A`) and the line ending before it.
fn trim_end_of_file(bytes: &[u8]) -> &[u8] {
    let end = bytes
        .iter()
        .rposition(|b| !matches!(b, 0x1A | b'\r' | b'\n'))
        .map_or(0, |i| i + 1);
    &bytes[..end]
}

/// OFAC's null: `-0-`, written with a trailing space.
fn is_null(s: &str) -> bool {
    let s = s.trim();
    s.is_empty() || s == "-0-"
}

/// A trimmed field, `None` when null.
fn field(record: &StringRecord, i: usize) -> Option<&str> {
    record.get(i).map(str::trim).filter(|s| !is_null(s))
}

fn ent_num(name: &str, line: u64, record: &StringRecord) -> Result<u64> {
    let raw = record.get(0).unwrap_or("").trim();
    raw.parse::<u64>().map_err(|_| {
        Error::parse(
            name,
            Location::Line(line),
            format!("ent_num `{raw}` is not a number: expected the entry's numeric id"),
        )
    })
}

/// One `sdn.csv` row → an entity (names, kind, programs, vessel fields).
fn main_row(file: &str, line: u64, ent_num: u64, record: &StringRecord) -> Result<Row> {
    let at = || Location::record(format!("ent_num {ent_num}"), Some(Location::Line(line)));
    let name = field(record, 1)
        .ok_or_else(|| Error::parse(file, at(), "SDN_Name is empty: expected the entry's name"))?;
    let kind = entity_kind(field(record, 2)).ok_or_else(|| {
        Error::parse(
            file,
            at(),
            format!(
                "SDN_Type `{}`: expected individual, vessel, aircraft or -0- (an entity)",
                record.get(2).unwrap_or("").trim()
            ),
        )
    })?;
    let mut entity = Entity {
        id: format!("ofac:{ent_num}"),
        kind,
        names: vec![Name::new(name, NameKind::Primary)],
        programs: field(record, 3).map(split_programs).unwrap_or_default(),
        ..Entity::default()
    };
    if let Some(title) = field(record, 4) {
        entity.remarks.push(format!("Title: {title}"));
    }
    add_vessel_fields(&mut entity, record);
    Ok(Row {
        entity,
        remarks: field(record, 11).unwrap_or("").to_string(),
        line,
    })
}

/// `-0-` (an entity), `individual`, `vessel`, `aircraft`.
fn entity_kind(sdn_type: Option<&str>) -> Option<EntityKind> {
    match sdn_type.map(str::to_ascii_lowercase).as_deref() {
        None => Some(EntityKind::Organization),
        Some("individual") => Some(EntityKind::Person),
        Some("vessel") => Some(EntityKind::Vessel),
        Some("aircraft") => Some(EntityKind::Aircraft),
        Some(_) => None,
    }
}

/// `IRAN] [SDGT] [IRGC` → `IRAN`, `SDGT`, `IRGC`.
fn split_programs(programs: &str) -> Vec<String> {
    programs
        .split("] [")
        .map(|p| p.trim_matches(|c: char| c == '[' || c == ']' || c.is_whitespace()))
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

fn add_vessel_fields(entity: &mut Entity, record: &StringRecord) {
    if let Some(call_sign) = field(record, 5) {
        entity
            .identifiers
            .push(make_identifier("Call Sign", call_sign, None, None));
    }
    if let Some(flag) = field(record, 9) {
        push_country(entity, flag, CountryRole::Location);
    }
    for (i, label) in [
        (6, "Vessel type"),
        (7, "Tonnage"),
        (8, "GRT"),
        (9, "Vessel flag"),
        (10, "Vessel owner"),
    ] {
        if let Some(value) = field(record, i) {
            entity.remarks.push(format!("{label}: {value}"));
        }
    }
}

/// `aka` / `fka` / `nka` → the name kind (alt.csv has no weak category).
fn alt_kind(name: &str, line: u64, alt_type: &str) -> Result<NameKind> {
    match alt_type.to_ascii_lowercase().replace('.', "").as_str() {
        "aka" | "nka" => Ok(NameKind::Alias),
        "fka" => Ok(NameKind::Former),
        _ => Err(Error::parse(
            name,
            Location::Line(line),
            format!("alt_type `{alt_type}`: expected aka, fka or nka"),
        )),
    }
}

/// Labels of identifiers written in Remarks as `<label> <value> [(<country>)]`.
const REMARK_ID_LABELS: &[&str] = &[
    "Passport",
    "Diplomatic Passport",
    "National ID No.",
    "National Foreign ID Number",
    "Personal ID Card",
    "Identification Number",
    "Cedula No.",
    "C.U.R.P.",
    "D.N.I.",
    "SSN",
    "Kenyan ID No.",
    "Turkish Identification Number",
    "Numero de Identidad",
    "Citizen's Card Number",
    "Travel Document Number",
    "Tax ID No.",
    "NIT #",
    "RUC #",
    "RIF #",
    "R.F.C.",
    "RFC",
    "V.A.T. Number",
    "C.U.I.T.",
    "US FEIN",
    "Italian Fiscal Code",
    "Registration ID",
    "Registration Number",
    "Business Registration Number",
    "Company Number",
    "Commercial Registry Number",
    "Folio Mercantil No.",
    "Matricula Mercantil No",
    "Trade License No.",
    "Legal Entity Number",
    "Unified Social Credit Code (USCC)",
    "Vessel Registration Identification",
    "MMSI",
    "Other Vessel Call Sign",
    "Aircraft Manufacturer's Serial Number (MSN)",
    "Aircraft Construction Number (also called L/N or S/N or F/N)",
    "Aircraft Tail Number",
    "Email Address",
    "Website",
    "Phone Number",
    "SWIFT/BIC",
    "Chinese Commercial Code",
];

/// Fills an entity from its Remarks; returns the dates of birth that did not parse
/// (they are kept as raw text).
fn apply_remarks(entity: &mut Entity, remarks: &str) -> Vec<String> {
    let mut bad_dates = Vec::new();
    let text = remarks.trim().strip_suffix('.').unwrap_or(remarks.trim());
    for item in text.split("; ").map(str::trim) {
        let item = item.strip_prefix("alt. ").unwrap_or(item);
        if let Some(raw) = item.strip_prefix("DOB ") {
            let raw = raw.trim();
            let value = parse_date(raw);
            if value.is_none() {
                bad_dates.push(raw.to_string());
            }
            entity.birth_dates.push(DateValue {
                value,
                raw: raw.to_string(),
            });
        } else if let Some(place) = item.strip_prefix("POB ") {
            entity.birth_places.push(place.trim().to_string());
        } else if let Some(country) = item.strip_prefix("nationality ") {
            push_country(entity, country, CountryRole::Nationality);
        } else if let Some(country) = item.strip_prefix("citizen ") {
            push_country(entity, country, CountryRole::Citizenship);
        } else if let Some(name) = quoted_alias(item) {
            entity.names.push(name);
        } else if let Some(id) = remark_identifier(item) {
            entity.identifiers.push(id);
        }
    }
    bad_dates
}

/// `a.k.a. 'X'` → a weak alias: quoted names in Remarks are OFAC's weak aliases (the XML
/// marks the same names `category weak`). `f.k.a. 'X'` stays a former name.
fn quoted_alias(item: &str) -> Option<Name> {
    let (aka_type, rest) = item.split_once(' ')?;
    if !matches!(aka_type, "a.k.a." | "f.k.a." | "n.k.a.") {
        return None;
    }
    let text = rest.trim().strip_prefix('\'')?.strip_suffix('\'')?.trim();
    (!text.is_empty()).then(|| Name::new(text, alias_kind(aka_type, "weak")))
}

/// `Passport 92/664 (Egypt)`, `Website http://…`, `Passport K754050 issued … expires …`.
fn remark_identifier(item: &str) -> Option<Identifier> {
    let label = remark_label(item)?;
    let rest = item[label.len()..].trim();
    let (value, country, note) = match rest.split_once(" (") {
        Some((value, after)) => match after.split_once(')') {
            Some((country, note)) => (value, Some(country.trim()), note.trim()),
            None => (rest, None, ""),
        },
        None => match rest.find(" issued ").or_else(|| rest.find(" expires ")) {
            Some(i) => (&rest[..i], None, rest[i..].trim()),
            None => (rest, None, ""),
        },
    };
    let value = value.trim();
    if value.is_empty() || value.starts_with("issued") {
        return None;
    }
    Some(make_identifier(
        label,
        value,
        country.filter(|c| !c.is_empty()).map(str::to_string),
        (!note.is_empty()).then(|| note.to_string()),
    ))
}

/// The longest known label `item` starts with (followed by a space); digital currency
/// addresses carry their currency in the label (`Digital Currency Address - XBT`).
fn remark_label(item: &str) -> Option<&str> {
    const CRYPTO: &str = "Digital Currency Address - ";
    if let Some(rest) = item.strip_prefix(CRYPTO) {
        let currency = rest.split(' ').next().unwrap_or("");
        return Some(&item[..CRYPTO.len() + currency.len()]);
    }
    REMARK_ID_LABELS
        .iter()
        .filter(|label| {
            item.len() > label.len()
                && item.starts_with(**label)
                && item.as_bytes()[label.len()] == b' '
        })
        .max_by_key(|label| label.len())
        .map(|label| &item[..label.len()])
}

/// A sibling file's name: the main file's folder, `base`, and `.csv` (`.csv.gz` when the
/// main file is gzipped).
fn sibling(main: &str, base: &str) -> String {
    let ext = if main.ends_with(".gz") {
        "csv.gz"
    } else {
        "csv"
    };
    Path::new(main)
        .with_file_name(format!("{base}.{ext}"))
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DateSpec, IdKind};

    #[test]
    fn splits_programs() {
        assert_eq!(
            split_programs("IRAN] [SDGT] [IRGC"),
            ["IRAN", "SDGT", "IRGC"]
        );
        assert_eq!(split_programs("CUBA"), ["CUBA"]);
    }

    #[test]
    fn trims_the_dos_end_of_file() {
        assert_eq!(trim_end_of_file(b"1,a\r\n\x1a"), b"1,a");
        assert_eq!(trim_end_of_file(b"\x1a"), b"");
    }

    #[test]
    fn parses_remarks() {
        let mut e = Entity::default();
        let bad = apply_remarks(
            &mut e,
            "DOB 09 Feb 1951; alt. DOB circa 1950; DOB whenever; POB Gaza, Egypt; \
             Passport 92/664 (Egypt); nationality Korea, North; citizen Iran; \
             a.k.a. 'ABU-'UMAR'; f.k.a. 'OLD'; Website http://x.example; \
             Passport K754050 issued 26 May 1999 expires 25 May 2004.",
        );
        assert_eq!(bad, ["whenever"]);
        assert_eq!(
            e.birth_dates[0].value,
            Some(DateSpec::Day {
                year: 1951,
                month: 2,
                day: 9
            })
        );
        assert!(matches!(e.birth_dates[1].value, Some(DateSpec::Circa(_))));
        assert_eq!(e.birth_places, ["Gaza, Egypt"]);
        assert_eq!(e.identifiers[0].kind, IdKind::Passport);
        assert_eq!(e.identifiers[0].value, "92/664");
        assert_eq!(e.identifiers[0].country.as_deref(), Some("Egypt"));
        assert_eq!(e.identifiers[1].kind, IdKind::Website);
        assert_eq!(e.identifiers[2].value, "K754050");
        assert_eq!(e.countries[0].code.as_deref(), Some("KP"));
        assert_eq!(e.countries[1].role, CountryRole::Citizenship);
        assert_eq!(e.names[0].text, "ABU-'UMAR");
        assert_eq!(e.names[0].kind, NameKind::WeakAlias);
        assert_eq!(e.names[1].kind, NameKind::Former);
    }

    #[test]
    fn remark_labels() {
        assert_eq!(
            remark_label("Digital Currency Address - XBT 1abc"),
            Some("Digital Currency Address - XBT")
        );
        assert_eq!(
            remark_label("Diplomatic Passport D1 (Iran)"),
            Some("Diplomatic Passport")
        );
        assert_eq!(remark_label("Passport"), None);
        assert_eq!(remark_label("Gender Male"), None);
    }

    #[test]
    fn counts_crlf_lines() {
        let data = b"1,a\r\n2,b\r\n3,\"c\r\nd\"\r\n4,e\r\n";
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&data[..]);
        let mut lines = LineCounter::new(data);
        let found: Vec<u64> = reader
            .records()
            .map(|r| lines.line_at(r.unwrap().position().unwrap().byte()))
            .collect();
        assert_eq!(found, [1, 2, 3, 5]);
    }

    #[test]
    fn sibling_names() {
        assert_eq!(sibling("/d/sdn.csv.gz", "alt"), "/d/alt.csv.gz");
        assert_eq!(sibling("cons_prim.csv", "cons_add"), "cons_add.csv");
    }
}
