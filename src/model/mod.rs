//! The entity model every list format is loaded into.
//!
//! One shape for OFAC, UN, EU and a user's own watchlist, so that the text, index and
//! matching layers never need to know where an entity came from. Fields keep the list's
//! original text wherever a parse could lose something (dates keep their raw string).

pub mod countries;
mod dates;

pub(crate) use dates::days_in_month;
pub use dates::parse_date;

use serde::{Deserialize, Serialize};
use std::fmt;

/// Longest name or field text kept, in characters. No real name comes near it (the
/// longest in the shipped lists has about 320); it bounds the work one name can cause, on
/// the list side as on the query side, which refuses longer names.
pub const MAX_TEXT_CHARS: usize = 1_000;

/// A listed party: a person, an organization, a vessel or an aircraft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Entity {
    /// Stable id, prefixed by list: `ofac:20157`, `un:KPi.035`, `eu:13`, `mylist:42`.
    pub id: String,
    /// The list the entity came from, e.g. `OFAC SDN` (see [`ListInfo::name`]).
    pub list: String,
    /// The list's publication date as the list writes it (ISO `YYYY-MM-DD` where known).
    pub list_date: Option<String>,
    /// Person, organisation, vessel or aircraft.
    pub kind: EntityKind,
    /// All names; the first [`NameKind::Primary`] one is the display name.
    pub names: Vec<Name>,
    /// Sanctions programmes (`DPRK3`, `SDGT`, `PRK`, `KP` …).
    pub programs: Vec<String>,
    /// Nationalities, citizenships and other country links, each with its role.
    pub countries: Vec<Country>,
    /// Dates of birth (or of founding), parsed where they parse.
    pub birth_dates: Vec<DateValue>,
    /// Places of birth, as written.
    pub birth_places: Vec<String>,
    /// Addresses, as the list gives them.
    pub addresses: Vec<Address>,
    /// Identifying documents and codes: passports, registration numbers, websites, wallets ….
    pub identifiers: Vec<Identifier>,
    /// Free-text remarks, in list order.
    pub remarks: Vec<String>,
}

impl Entity {
    /// The display name: the first primary name, else the first name, else the id.
    pub fn primary_name(&self) -> &str {
        self.names
            .iter()
            .find(|n| n.kind == NameKind::Primary)
            .or_else(|| self.names.first())
            .map(|n| n.text.as_str())
            .unwrap_or(self.id.as_str())
    }
}

/// What a listed entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum EntityKind {
    /// A natural person.
    Person,
    /// A company, group, government body or other organisation.
    Organization,
    /// A ship.
    Vessel,
    /// An aircraft.
    Aircraft,
    /// Not said by the list.
    #[default]
    Unknown,
}

impl EntityKind {
    /// Every kind, in the order counts are kept.
    pub const ALL: [EntityKind; 5] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Vessel,
        EntityKind::Aircraft,
        EntityKind::Unknown,
    ];

    /// The name used in output and on the command line (`person`, `organization` …).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Vessel => "vessel",
            EntityKind::Aircraft => "aircraft",
            EntityKind::Unknown => "unknown",
        }
    }

    /// Parses the kind words users and lists write (`person`, `individual`, `entity`,
    /// `company`, `vessel` …), case-insensitively.
    pub fn parse(s: &str) -> Option<EntityKind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "person" | "individual" | "p" => Some(EntityKind::Person),
            "organization" | "organisation" | "entity" | "company" | "enterprise" | "org"
            | "legalentity" => Some(EntityKind::Organization),
            "vessel" | "ship" => Some(EntityKind::Vessel),
            "aircraft" => Some(EntityKind::Aircraft),
            "unknown" | "" => Some(EntityKind::Unknown),
            _ => None,
        }
    }

    /// Parses exactly the five kind words of [`EntityKind::as_str`] (any case; empty is
    /// unknown), for formats strict by design such as a watchlist.
    pub fn parse_exact(s: &str) -> Option<EntityKind> {
        let s = s.trim();
        EntityKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s))
            .or_else(|| s.is_empty().then_some(EntityKind::Unknown))
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One name of an entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Name {
    /// The name exactly as the list writes it (whitespace runs collapsed).
    pub text: String,
    /// Primary, alias, weak alias, former or original-script name.
    pub kind: NameKind,
    /// The name's dominant writing system.
    pub script: Script,
    /// Language code when the list gives one (EU `nameLanguage`).
    pub lang: Option<String>,
}

impl Name {
    /// A name whose script is detected from its text.
    pub fn new(text: impl Into<String>, kind: NameKind) -> Name {
        let text = collapse_whitespace(&text.into());
        let script = Script::detect(&text);
        Name {
            text,
            kind,
            script,
            lang: None,
        }
    }
}

/// How much a name says about identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NameKind {
    /// The list's main name for the entity.
    Primary,
    /// A strong alias (a.k.a., good-quality alias).
    Alias,
    /// A weak or low-quality alias: too broad to identify on its own.
    WeakAlias,
    /// A former name (f.k.a.).
    Former,
    /// The name in its original script (Hangul, Han, Arabic, Cyrillic …).
    OriginalScript,
}

impl NameKind {
    /// The name used in output (`primary`, `weak alias` …).
    pub fn as_str(self) -> &'static str {
        match self {
            NameKind::Primary => "primary",
            NameKind::Alias => "alias",
            NameKind::WeakAlias => "weak alias",
            NameKind::Former => "former name",
            NameKind::OriginalScript => "original script",
        }
    }
}

/// The dominant writing system of a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Script {
    /// Latin letters, with or without diacritics.
    #[default]
    Latin,
    /// Korean Hangul.
    Hangul,
    /// Chinese characters (Hanzi, Hanja, Kanji).
    Han,
    /// Japanese kana.
    Kana,
    /// Cyrillic.
    Cyrillic,
    /// Arabic.
    Arabic,
    /// Anything else, or a mix no script dominates.
    Other,
}

impl Script {
    /// The script of the most letters in `text` (Latin when there are none).
    /// Kana together with Han counts as Kana (Japanese).
    pub fn detect(text: &str) -> Script {
        let mut counts = [0usize; 7];
        for ch in text.chars().filter(|c| c.is_alphabetic()) {
            counts[Script::of_char(ch) as usize] += 1;
        }
        if counts[Script::Kana as usize] > 0 {
            return Script::Kana;
        }
        let order = [
            Script::Latin,
            Script::Hangul,
            Script::Han,
            Script::Kana,
            Script::Cyrillic,
            Script::Arabic,
            Script::Other,
        ];
        let mut best = Script::Latin;
        let mut best_count = 0;
        for s in order {
            if counts[s as usize] > best_count {
                best = s;
                best_count = counts[s as usize];
            }
        }
        best
    }

    /// The script of one character (non-letters count as Latin).
    pub fn of_char(ch: char) -> Script {
        match ch as u32 {
            0x0000..=0x024F | 0x1E00..=0x1EFF | 0xFF21..=0xFF5A => Script::Latin,
            0x0400..=0x052F => Script::Cyrillic,
            0x0600..=0x06FF
            | 0x0750..=0x077F
            | 0x08A0..=0x08FF
            | 0xFB50..=0xFDFF
            | 0xFE70..=0xFEFF => Script::Arabic,
            0x1100..=0x11FF
            | 0x3130..=0x318F
            | 0xA960..=0xA97F
            | 0xAC00..=0xD7AF
            | 0xD7B0..=0xD7FF
            | 0xFFA0..=0xFFDC => Script::Hangul,
            0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Script::Kana,
            0x2E80..=0x2FDF
            | 0x3005
            | 0x3007
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xF900..=0xFAFF
            | 0x20000..=0x3FFFF => Script::Han,
            _ => Script::Other,
        }
    }

    /// The script's name in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Script::Latin => "Latin",
            Script::Hangul => "Hangul",
            Script::Han => "Han",
            Script::Kana => "Kana",
            Script::Cyrillic => "Cyrillic",
            Script::Arabic => "Arabic",
            Script::Other => "Other",
        }
    }
}

/// A country linked to an entity, with what the link is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Country {
    /// The country as the list writes it (`Korea, North`, `DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA`).
    pub name: String,
    /// ISO 3166-1 alpha-2 code when known (`KP`).
    pub code: Option<String>,
    /// What the link is: nationality, citizenship or location.
    pub role: CountryRole,
}

/// How a country is linked to an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CountryRole {
    /// A nationality.
    Nationality,
    /// A citizenship.
    Citizenship,
    /// Country of an address, registration or place of birth.
    Location,
    /// Any other link the list states.
    Other,
}

/// A postal address; the parts the list gives, and one line to show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Address {
    /// Street and number.
    pub street: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Region, state or province.
    pub region: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// Country, as written.
    pub country: Option<String>,
    /// The whole address in one line, as it should be shown.
    pub full: String,
}

/// An identifying document or code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Identifier {
    /// The normalised type, which decides how the value is compared.
    pub kind: IdKind,
    /// The identifier's type as the list writes it (`Passport`, `Vessel Registration Identification`).
    pub label: String,
    /// The value as the list writes it.
    pub value: String,
    /// The issuing country, as written, when the list gives one.
    pub country: Option<String>,
    /// A note the list adds (issue date, `(individual)` …).
    pub note: Option<String>,
}

/// The normalised type of an identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IdKind {
    /// A passport number.
    Passport,
    /// A national identity number.
    NationalId,
    /// A company or other registration number.
    Registration,
    /// A tax number (INN, TIN, VAT …).
    TaxId,
    /// An IMO ship number (seven digits, checked).
    Imo,
    /// A radio call sign.
    CallSign,
    /// A Maritime Mobile Service Identity (nine digits).
    Mmsi,
    /// An aircraft's manufacturer serial number.
    AircraftSerial,
    /// A crypto-currency address, with its chain in the label.
    CryptoAddress,
    /// An e-mail address.
    Email,
    /// A website, read down to its host and registrable domain.
    Website,
    /// A telephone number.
    Phone,
    /// Chinese Commercial Code (telegraph code) of a Han name.
    ChineseCommercialCode,
    /// A SWIFT/BIC code (8 or 11 characters).
    Swift,
    /// Chinese Unified Social Credit Code (统一社会信用代码).
    Uscc,
    /// Legal Entity Identifier (ISO 17442).
    Lei,
    /// Anything else the list calls an identifier.
    Other,
}

impl IdKind {
    /// Every kind, in declaration order.
    pub const ALL: [IdKind; 17] = [
        IdKind::Passport,
        IdKind::NationalId,
        IdKind::Registration,
        IdKind::TaxId,
        IdKind::Imo,
        IdKind::CallSign,
        IdKind::Mmsi,
        IdKind::AircraftSerial,
        IdKind::CryptoAddress,
        IdKind::Email,
        IdKind::Website,
        IdKind::Phone,
        IdKind::ChineseCommercialCode,
        IdKind::Swift,
        IdKind::Uscc,
        IdKind::Lei,
        IdKind::Other,
    ];

    /// The type's name in options, output and JSON (`email`, `swift_bic`, `crypto` …).
    pub fn as_str(self) -> &'static str {
        match self {
            IdKind::Passport => "passport",
            IdKind::NationalId => "national_id",
            IdKind::Registration => "registration",
            IdKind::TaxId => "tax_id",
            IdKind::Imo => "imo",
            IdKind::CallSign => "call_sign",
            IdKind::Mmsi => "mmsi",
            IdKind::AircraftSerial => "aircraft_serial",
            IdKind::CryptoAddress => "crypto",
            IdKind::Email => "email",
            IdKind::Website => "website",
            IdKind::Phone => "phone",
            IdKind::ChineseCommercialCode => "chinese_commercial_code",
            IdKind::Swift => "swift_bic",
            IdKind::Uscc => "uscc",
            IdKind::Lei => "lei",
            IdKind::Other => "other",
        }
    }

    /// Parses a type name of [`IdKind::as_str`] or a common synonym (`e-mail`, `domain`,
    /// `url`, `wallet`, `swift`, `bic`, `vat`, `tin`), case-insensitively.
    pub fn parse(s: &str) -> Option<IdKind> {
        let s = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        let synonym = match s.as_str() {
            "e_mail" | "mail" => Some(IdKind::Email),
            "domain" | "url" | "web" => Some(IdKind::Website),
            "wallet" | "crypto_address" | "digital_currency_address" => Some(IdKind::CryptoAddress),
            "swift" | "bic" => Some(IdKind::Swift),
            "vat" | "tin" | "tax" => Some(IdKind::TaxId),
            "id" | "id_number" | "national_id_number" => Some(IdKind::NationalId),
            "passport_number" => Some(IdKind::Passport),
            "imo_number" => Some(IdKind::Imo),
            "telephone" | "tel" => Some(IdKind::Phone),
            _ => None,
        };
        synonym.or_else(|| IdKind::ALL.into_iter().find(|k| k.as_str() == s))
    }
}

impl fmt::Display for IdKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A date as a list gives it: the parsed value when it parses, and always the raw text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateValue {
    /// The parsed date, `None` when the text does not parse.
    pub value: Option<DateSpec>,
    /// The date exactly as the list writes it.
    pub raw: String,
}

impl DateValue {
    /// The years this date could fall in, inclusive; `None` when unparsed.
    pub fn year_span(&self) -> Option<(i32, i32)> {
        self.value.as_ref().map(DateSpec::year_span)
    }
}

/// A structured date of birth: exact day, month, year, a range or a circa value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum DateSpec {
    /// An exact day.
    Day {
        /// The year.
        year: i32,
        /// The month, 1 to 12.
        month: u8,
        /// The day of the month.
        day: u8,
    },
    /// A month of a year.
    Month {
        /// The year.
        year: i32,
        /// The month, 1 to 12.
        month: u8,
    },
    /// A year.
    Year {
        /// The year.
        year: i32,
    },
    /// An inclusive range (`1951 to 1953`, UN `BETWEEN`).
    Range {
        /// The earliest date.
        from: Box<DateSpec>,
        /// The latest date.
        to: Box<DateSpec>,
    },
    /// An approximate date (`circa 1951`, UN `APPROXIMATELY`, EU `circa="true"`).
    Circa(Box<DateSpec>),
}

impl DateSpec {
    /// Slack, in years, granted around a circa date.
    pub const CIRCA_YEARS: i32 = 2;

    /// The years this date could fall in, inclusive.
    pub fn year_span(&self) -> (i32, i32) {
        match self {
            DateSpec::Day { year, .. } | DateSpec::Month { year, .. } | DateSpec::Year { year } => {
                (*year, *year)
            }
            DateSpec::Range { from, to } => (from.year_span().0, to.year_span().1),
            DateSpec::Circa(inner) => {
                let (a, b) = inner.year_span();
                (a - Self::CIRCA_YEARS, b + Self::CIRCA_YEARS)
            }
        }
    }

    /// `(year, month, day)` when the date is exact to the day.
    pub fn exact_day(&self) -> Option<(i32, u8, u8)> {
        match self {
            DateSpec::Day { year, month, day } => Some((*year, *month, *day)),
            _ => None,
        }
    }
}

impl fmt::Display for DateSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateSpec::Day { year, month, day } => write!(f, "{year:04}-{month:02}-{day:02}"),
            DateSpec::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            DateSpec::Year { year } => write!(f, "{year:04}"),
            DateSpec::Range { from, to } => write!(f, "{from}..{to}"),
            DateSpec::Circa(inner) => write!(f, "~{inner}"),
        }
    }
}

/// What a loaded list is: its name, format, publication date and entities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListInfo {
    /// Human name: `OFAC SDN`, `OFAC non-SDN`, `UN SC consolidated`, `EU FSF`, or a watchlist's file stem.
    pub name: String,
    /// The format it was read from, as `sources::Format::as_str` names it (`ofac-xml`,
    /// `ofac-csv`, `ofac-advanced-xml`, `un-xml`, `eu-xml`, `ftm-json`, `watchlist-csv`).
    pub format: String,
    /// Publication date as ISO `YYYY-MM-DD` where the file states one.
    pub published: Option<String>,
    /// Where it was read from.
    pub source: String,
    /// SHA-256 of the file's uncompressed bytes, hex: with `published`, the list's
    /// version (two files of one date that differ are two versions). `None` for a list
    /// built in memory.
    #[serde(default)]
    pub content_hash: Option<String>,
}

/// A list loaded into entities, with any warnings about fields kept only as raw text.
#[derive(Debug, Clone)]
pub struct LoadedList {
    /// The list's name, format, date and source.
    pub info: ListInfo,
    /// Its entities, in file order.
    pub entities: Vec<Entity>,
    /// Fields kept as raw text, records skipped, and why.
    pub warnings: Vec<crate::error::Warning>,
}

impl LoadedList {
    /// Entity counts by kind, in [`EntityKind::ALL`] order.
    pub fn counts_by_kind(&self) -> [usize; 5] {
        let mut counts = [0usize; 5];
        for e in &self.entities {
            counts[EntityKind::ALL
                .iter()
                .position(|k| *k == e.kind)
                .unwrap_or(4)] += 1;
        }
        counts
    }
}

/// Collapses runs of whitespace (including hard line breaks) to one space and trims.
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_scripts() {
        assert_eq!(Script::detect("KIM, Jong Un"), Script::Latin);
        assert_eq!(Script::detect("김정은"), Script::Hangul);
        assert_eq!(Script::detect("金正恩"), Script::Han);
        assert_eq!(Script::detect("Ким Чен Ын"), Script::Cyrillic);
        assert_eq!(Script::detect("東京タワー"), Script::Kana);
    }

    #[test]
    fn circa_widens_the_year_span() {
        let d = DateSpec::Circa(Box::new(DateSpec::Year { year: 1951 }));
        assert_eq!(d.year_span(), (1949, 1953));
    }

    #[test]
    fn collapses_whitespace() {
        assert_eq!(collapse_whitespace("  KIM  Jong\nUn "), "KIM Jong Un");
    }
}
