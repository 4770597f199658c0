//! A user's own watchlist: CSV with header `id,name,kind,aliases,country,dob`, and
//! optionally a seventh column `identifiers` (`email:a@x.com|imo:9187629|website:x.com`,
//! types as `redflag search --id-type` names them).
//!
//! Strict by design: a watchlist is small and hand-made, so a wrong kind, a missing name
//! or a duplicated id is far more likely a mistake than intent, and is reported with its
//! line instead of being guessed around. Only an unparseable date of birth is tolerated
//! (kept as raw text, with a warning), as it is on the official lists.

use super::parts::{self, push_country, push_date, push_name};
use super::{csv_end, Format, WATCHLIST_HEADER, WATCHLIST_IDENTIFIERS};
use crate::error::{Error, Location, Result, Warning};
use crate::model::{CountryRole, Entity, EntityKind, IdKind, Identifier, LoadedList, NameKind};
use std::collections::HashMap;

/// The kinds a watchlist may write (empty means unknown).
const KINDS: &str = "person, organization, vessel, aircraft, unknown";

/// Parses a watchlist CSV; ids are `<stem>:<id>`, the list is named by `stem`.
pub fn parse(file: &str, stem: &str, bytes: &[u8]) -> Result<LoadedList> {
    let text = utf8(file, bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    if !read(file, &mut reader, &mut record)? {
        return Err(Error::parse(
            file,
            Location::File,
            format!("the file is empty, expected the header `{WATCHLIST_HEADER}`"),
        ));
    }
    let width = check_header(file, &record)?;
    let mut list = parts::new_list(Format::WatchlistCsv, stem, None, file);
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut lines = Lines::new(text);
    let mut last = None;
    while read(file, &mut reader, &mut record)? {
        let line = lines.line_of(&record);
        if record.len() < width && reader.position().byte() >= text.len() as u64 {
            return Err(Error::parse(
                file,
                Location::Line(line),
                format!(
                    "{} fields, expected {width}{}",
                    record.len(),
                    csv_end::CUT_OFF_HINT
                ),
            ));
        }
        let entity = row(file, stem, line, width, &record, &mut list.warnings)?;
        last = Some((record.position().map_or(0, |p| p.byte()), line));
        if let Some(first) = seen.insert(entity.id.clone(), line) {
            return Err(Error::parse(
                file,
                Location::Line(line),
                format!(
                    "duplicate id `{}` on lines {first} and {line}, expected ids to be unique",
                    &record[0].trim()
                ),
            ));
        }
        list.entities.push(entity);
    }
    if let Some((start, line)) = last {
        let start = usize::try_from(start).unwrap_or(usize::MAX).min(text.len());
        csv_end::check_last_record(file, &text.as_bytes()[start..], line)?;
    }
    Ok(list)
}

/// The text, without a BOM; invalid UTF-8 is an error naming its line and byte.
fn utf8<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        Error::parse(
            file,
            Location::Line(line),
            format!("invalid UTF-8 at byte {at}, expected a UTF-8 CSV file"),
        )
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Reads the next record; `false` at the end of the file.
fn read(
    file: &str,
    reader: &mut csv::Reader<&[u8]>,
    record: &mut csv::StringRecord,
) -> Result<bool> {
    reader.read_record(record).map_err(|e| {
        let location = e
            .position()
            .map(|p| Location::Line(p.line()))
            .unwrap_or(Location::File);
        Error::parse(file, location, format!("unreadable CSV: {e}"))
    })
}

/// Line numbers of records, counted from their byte offsets: the csv crate's own line
/// count is off by one after CRLF line ends and blank lines.
struct Lines<'a> {
    text: &'a [u8],
    pos: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        Lines {
            text: text.as_bytes(),
            pos: 0,
            line: 1,
        }
    }

    /// The 1-based line where `record` starts (records come in file order).
    fn line_of(&mut self, record: &csv::StringRecord) -> u64 {
        let mut at = record.position().map_or(0, |p| p.byte() as usize);
        // The offset points just past the previous record: skip its line end and blank lines.
        while matches!(self.text.get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        let at = at.min(self.text.len()).max(self.pos);
        self.line += self.text[self.pos..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        self.pos = at;
        self.line
    }
}

/// The header must name exactly the six columns, in order (any case), optionally
/// followed by `identifiers`; returns how many columns rows have.
fn check_header(file: &str, header: &csv::StringRecord) -> Result<usize> {
    let expected: Vec<&str> = WATCHLIST_HEADER.split(',').collect();
    let found: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    if found == expected {
        return Ok(expected.len());
    }
    if found.len() == expected.len() + 1
        && found[..expected.len()] == expected[..]
        && found[expected.len()] == WATCHLIST_IDENTIFIERS
    {
        return Ok(found.len());
    }
    let missing: Vec<&str> = expected
        .iter()
        .copied()
        .filter(|c| !found.iter().any(|f| f == c))
        .collect();
    let detail = if missing.is_empty() {
        String::new()
    } else {
        format!(" (missing: {})", missing.join(", "))
    };
    Err(Error::parse(
        file,
        Location::Line(1),
        format!(
            "header `{}`{detail}, expected exactly `{WATCHLIST_HEADER}`",
            found.join(",")
        ),
    ))
}

/// One data row → one entity.
fn row(
    file: &str,
    stem: &str,
    line: u64,
    width: usize,
    r: &csv::StringRecord,
    warnings: &mut Vec<Warning>,
) -> Result<Entity> {
    let err = |message: String| Error::parse(file, Location::Line(line), message);
    if r.len() != width {
        return Err(err(format!(
            "{} fields, expected {width} (as the header has)",
            r.len()
        )));
    }
    let id = r[0].trim();
    if id.is_empty() {
        return Err(err("empty id, expected a unique id in column `id`".into()));
    }
    let kind = EntityKind::parse_exact(&r[2]).ok_or_else(|| {
        err(format!(
            "kind `{}`, expected one of {KINDS} (or empty)",
            r[2].trim()
        ))
    })?;
    let mut entity = Entity {
        id: format!("{stem}:{id}"),
        list: stem.into(),
        kind,
        ..Entity::default()
    };
    for name in parts::split_names(&r[1], NameKind::Primary) {
        push_name(&mut entity, name);
    }
    if entity.names.is_empty() {
        return Err(err("empty name, expected a name in column `name`".into()));
    }
    for alias in r[3].split('|') {
        for name in parts::split_names(alias, NameKind::Alias) {
            push_name(&mut entity, name);
        }
    }
    let role = country_role(kind);
    for country in r[4].split('|') {
        push_country(&mut entity, parts::country(country, role));
    }
    let dob = r[5].trim();
    if !dob.is_empty() {
        let (date, failed) = parts::date(dob);
        if failed {
            warnings.push(Warning::new(
                file,
                Location::Line(line),
                format!(
                    "dob `{dob}` does not parse, expected e.g. 1962-02-18, 18 Feb 1962, 1962 or circa 1950; kept as text"
                ),
            ));
        }
        push_date(&mut entity, date);
    }
    if let Some(cell) = r.get(6) {
        entity.identifiers = identifiers(cell).map_err(err)?;
    }
    Ok(entity)
}

/// The `identifiers` cell: `type:value` items separated by `|`.
fn identifiers(cell: &str) -> std::result::Result<Vec<Identifier>, String> {
    let mut out = Vec::new();
    for item in cell.split('|').map(str::trim).filter(|i| !i.is_empty()) {
        let (ty, value) = item
            .split_once(':')
            .map(|(t, v)| (t.trim(), v.trim()))
            .filter(|(_, v)| !v.is_empty())
            .ok_or_else(|| format!("identifier `{item}`, expected `type:value`"))?;
        let kind = IdKind::parse(ty).ok_or_else(|| {
            let known: Vec<&str> = IdKind::ALL.iter().map(|k| k.as_str()).collect();
            format!(
                "identifier type `{ty}`, expected one of {}",
                known.join(", ")
            )
        })?;
        out.push(Identifier {
            kind,
            label: ty.to_string(),
            value: value.to_string(),
            country: None,
            note: None,
        });
    }
    Ok(out)
}

/// A person's country is read as a nationality; for anything else the column could be a
/// registration, flag or seat, so the role stays Other.
fn country_role(kind: EntityKind) -> CountryRole {
    match kind {
        EntityKind::Person => CountryRole::Nationality,
        _ => CountryRole::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows() {
        let csv = "\u{feff}ID,Name,Kind,Aliases,Country,DOB\r\n\
                   1,Kim Yong Chol,person,김영철|Kim Yong-Chol,KP,1962-02-18\r\n\
                   2,\"Acme, Ltd\",,,Korea North,someday\r\n";
        let list = parse("w.csv", "w", csv.as_bytes()).expect("parses");
        assert_eq!(list.entities.len(), 2);
        let e = &list.entities[0];
        assert_eq!(e.id, "w:1");
        assert_eq!(e.names.len(), 3);
        assert_eq!(e.countries[0].code.as_deref(), Some("KP"));
        assert_eq!(e.countries[0].role, CountryRole::Nationality);
        assert!(e.birth_dates[0].value.is_some());
        let e = &list.entities[1];
        assert_eq!(e.primary_name(), "Acme, Ltd");
        assert_eq!(e.kind, EntityKind::Unknown);
        assert_eq!(e.countries[0].code.as_deref(), Some("KP"));
        assert_eq!(e.birth_dates[0].raw, "someday");
        assert_eq!(list.warnings[0].location, Location::Line(3));
    }

    #[test]
    fn rejects_bad_rows_naming_the_line() {
        let head = "id,name,kind,aliases,country,dob\n";
        let cases = [
            (
                "1,X,ship,,,\n",
                "line 2: kind `ship`, expected one of person",
            ),
            ("1,,person,,,\n", "line 2: empty name"),
            ("1,X,person,,\n", "line 2: 5 fields, expected 6"),
            ("1,X,,,,\n2,Y,,,,\n1,Z,,,,\n", "lines 2 and 4"),
        ];
        for (body, want) in cases {
            let err = parse("w.csv", "w", format!("{head}{body}").as_bytes())
                .unwrap_err()
                .to_string();
            assert!(err.contains(want), "{err} lacks {want}");
            assert!(err.starts_with("w.csv: "), "{err}");
        }
    }
}
