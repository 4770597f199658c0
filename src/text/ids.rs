//! Identifiers reduced to one spelling per type, so that the ways lists and vendor files
//! write one identifier meet: `IMO 9187629` and `9187629`; `ABCDKPPY` and `ABCDKPPYXXX`;
//! `mailto:Sales@X.com` and `sales@x.com`; `https://www.bank.co.uk/en` and `bank.co.uk`.
//!
//! Each normaliser checks what can be checked (IMO, USCC and LEI check digits, SWIFT and
//! address shapes) and says why a value is not of its type; the caller keeps such a
//! value as a plain `other` identifier rather than dropping it.

use super::tables::{self, word_table, Table, TableError};
use crate::model::IdKind;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Registrable domains shared by many unrelated holders, sorted.
const SHARED_HOSTS: Table = word_table!("shared_hosts.tsv");
/// ISO-2 country code → calling code.
const CALLING_CODES: Table = word_table!("calling_codes.tsv");

/// Why a value is not an identifier of the type it was given as.
pub type Invalid = &'static str;

/// The canonical spelling of `raw` as an identifier of `kind`; `country` (ISO-2) is the
/// issuing or home country when known (phone numbers are read in it). An IMO number
/// whose check digit fails is still read (see [`listed_imo`]); [`guess`] insists on it.
pub fn canonical(kind: IdKind, raw: &str, country: Option<&str>) -> Result<String, Invalid> {
    match kind {
        IdKind::Email => email(raw),
        IdKind::Website => website(raw),
        IdKind::Phone => phone(raw, country),
        IdKind::CryptoAddress => crypto(raw),
        IdKind::Imo => listed_imo(raw),
        IdKind::Mmsi => mmsi(raw),
        IdKind::Swift => swift(raw),
        IdKind::Uscc => uscc(raw),
        IdKind::Lei => lei(raw),
        IdKind::Passport
        | IdKind::NationalId
        | IdKind::Registration
        | IdKind::TaxId
        | IdKind::CallSign
        | IdKind::AircraftSerial
        | IdKind::ChineseCommercialCode
        | IdKind::Other => document_number(raw),
    }
}

/// An e-mail address, trimmed, lower-cased, without `mailto:` or angle brackets.
pub fn email(raw: &str) -> Result<String, Invalid> {
    let mut s = raw
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim();
    if s.get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case("mailto:"))
    {
        s = s[7..].trim();
    }
    let s = s.split('?').next().unwrap_or(s).to_lowercase();
    let (local, domain) = s.split_once('@').ok_or("not an e-mail address (no @)")?;
    let valid_domain = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    if local.is_empty() || domain.contains('@') || local.contains(char::is_whitespace) {
        return Err("not an e-mail address");
    }
    if !valid_domain {
        return Err("not an e-mail address (bad domain)");
    }
    Ok(s)
}

/// The domain of a canonical e-mail address.
pub fn email_domain(email: &str) -> &str {
    email.rsplit_once('@').map_or(email, |(_, d)| d)
}

/// A website as `host` or `host/path`: lower-cased, without scheme, user, port, query,
/// fragment, a trailing slash or a leading `www.`.
pub fn website(raw: &str) -> Result<String, Invalid> {
    let mut s = raw.trim().to_lowercase();
    if let Some(i) = s.find("://") {
        s.drain(..i + 3);
    }
    let s = s.split(['?', '#']).next().unwrap_or("");
    let (authority, path) = s.split_once('/').unwrap_or((s, ""));
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = host.split(':').next().unwrap_or(host).trim_end_matches('.');
    let host = host.strip_prefix("www.").unwrap_or(host);
    let valid = host.contains('.')
        && !host.starts_with(['.', '-'])
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    if !valid {
        return Err("not a website");
    }
    let path = path.trim_end_matches('/');
    Ok(if path.is_empty() {
        host.to_string()
    } else {
        format!("{host}/{path}")
    })
}

/// The host of a canonical website (`host` or `host/path`).
pub fn website_host(website: &str) -> &str {
    website.split('/').next().unwrap_or(website)
}

/// The registrable domain of a host by the Public Suffix List (`www.bank.co.uk` →
/// `bank.co.uk`); `None` for a bare public suffix (`co.uk`), which identifies no one.
pub fn registrable_domain(host: &str) -> Option<&str> {
    psl::domain_str(host)
}

/// Registrable domains shared by many unrelated holders (free mail, social networks,
/// marketplaces): an address or page there identifies its holder only as a whole.
pub fn is_shared_domain(domain: &str) -> bool {
    static SHARED: LazyLock<Vec<&'static str>> =
        LazyLock::new(|| tables::load(SHARED_HOSTS, parse_shared_hosts));
    SHARED.binary_search(&domain).is_ok()
}

/// A phone number in E.164 (`+8613812345678`) when its country is written or known;
/// else its digits alone.
pub fn phone(raw: &str, country: Option<&str>) -> Result<String, Invalid> {
    let s = raw.trim();
    let international = s.starts_with('+') || s.starts_with("00");
    let mut digits: String = s.chars().filter(char::is_ascii_digit).collect();
    if s.chars()
        .any(|c| c.is_alphabetic() && !matches!(c, 'x' | 'X'))
    {
        return Err("not a phone number (letters)");
    }
    if international {
        if s.starts_with("00") {
            digits.drain(..2);
        }
    } else if let Some(code) = country.and_then(calling_code) {
        let national = digits.trim_start_matches('0');
        digits = format!("{code}{national}");
    } else {
        return if digits.len() >= 6 {
            Ok(digits)
        } else {
            Err("not a phone number (too short)")
        };
    }
    if !(7..=15).contains(&digits.len()) {
        return Err("not a phone number (E.164 has 7 to 15 digits)");
    }
    Ok(format!("+{digits}"))
}

/// The calling code of an ISO-2 country.
fn calling_code(iso2: &str) -> Option<&'static str> {
    static CODES: LazyLock<HashMap<&'static str, &'static str>> =
        LazyLock::new(|| tables::load(CALLING_CODES, parse_calling_codes));
    CODES.get(iso2.to_ascii_uppercase().as_str()).copied()
}

/// A crypto-currency address: hex addresses (`0x…`, Ethereum and its tokens, TRON's
/// hex form) lower-cased, since their case is only a checksum; bech32 (`bc1…`) written
/// in one case lower-cased, as its standard says; base58 and others exactly.
pub fn crypto(raw: &str) -> Result<String, Invalid> {
    let s = raw.trim();
    if s.len() < 20 || s.len() > 120 || !s.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err("not a crypto-currency address");
    }
    if let Some(hex) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        if hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Ok(format!("0x{}", hex.to_ascii_lowercase()));
        }
        return Err("not a crypto-currency address (bad hex)");
    }
    let one_case =
        !s.chars().any(|c| c.is_ascii_lowercase()) || !s.chars().any(|c| c.is_ascii_uppercase());
    if one_case && looks_bech32(s) {
        return Ok(s.to_ascii_lowercase());
    }
    Ok(s.to_string())
}

/// A bech32 string: a human-readable part, the separator `1`, then data characters.
fn looks_bech32(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let Some((hrp, data)) = lower.rsplit_once('1') else {
        return false;
    };
    const CHARSET: &str = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    (1..=10).contains(&hrp.len())
        && hrp.chars().all(|c| c.is_ascii_lowercase())
        && data.len() >= 6
        && data.chars().all(|c| CHARSET.contains(c))
}

/// The values of one list field that holds several (`a@x.com; b@y.com`, `www.a.com,
/// www.b.com`, `x.com or y.com`): split where a value of `kind` cannot contain the
/// separator. Document numbers are never split (their spaces and commas are theirs).
pub fn split_values(kind: IdKind, raw: &str) -> Vec<&str> {
    let splits = match kind {
        IdKind::Email | IdKind::Website | IdKind::CryptoAddress => &[";", ",", " and ", " or "][..],
        IdKind::Phone => &[";", ",", " or "][..],
        _ => &[][..],
    };
    let mut parts = vec![raw];
    for sep in splits {
        parts = parts.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// An IMO number as a list gives it: seven digits, the check digit not required. Lists
/// are the authority on what they list (some vessels are listed under numbers whose
/// check digit fails), and a vendor file copying such a number must still meet it.
pub fn listed_imo(raw: &str) -> Result<String, Invalid> {
    imo_digits(raw).map(|(digits, _)| digits)
}

/// An IMO ship number: seven digits, `IMO` prefix dropped, the check digit verified.
pub fn imo(raw: &str) -> Result<String, Invalid> {
    match imo_digits(raw)? {
        (digits, true) => Ok(digits),
        (_, false) => Err("not an IMO number (check digit)"),
    }
}

/// The seven digits of an IMO number, and whether its check digit holds.
fn imo_digits(raw: &str) -> Result<(String, bool), Invalid> {
    let s = raw.trim();
    let s = match s.get(..3) {
        Some(p) if p.eq_ignore_ascii_case("imo") => &s[3..],
        _ => s,
    };
    let s = s.trim_start_matches([' ', ':', '.', '#', '-']).trim();
    let d: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.len() != 7 || s.chars().any(|c| !c.is_ascii_digit()) {
        return Err("not an IMO number (seven digits)");
    }
    let sum: u32 = d[..6].iter().zip((2..=7).rev()).map(|(d, w)| d * w).sum();
    Ok((s.to_string(), sum % 10 == d[6]))
}

/// An MMSI: nine digits.
pub fn mmsi(raw: &str) -> Result<String, Invalid> {
    let s: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if s.len() == 9 && s.chars().all(|c| c.is_ascii_digit()) {
        Ok(s)
    } else {
        Err("not an MMSI (nine digits)")
    }
}

/// A SWIFT/BIC code in its 11-character form: an 8-character code is the head office,
/// `XXX`.
pub fn swift(raw: &str) -> Result<String, Invalid> {
    let s: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_ascii_uppercase();
    let b = s.as_bytes();
    let valid = (s.len() == 8 || s.len() == 11)
        && b[..6].iter().all(u8::is_ascii_uppercase)
        && b[6..].iter().all(u8::is_ascii_alphanumeric);
    match valid {
        true if s.len() == 8 => Ok(s + "XXX"),
        true => Ok(s),
        false => Err("not a SWIFT/BIC code (8 or 11 letters and digits)"),
    }
}

/// The head office's code of a canonical SWIFT/BIC code (its bank, `XXX`).
pub fn swift_head_office(swift: &str) -> String {
    format!("{}XXX", &swift[..swift.len().min(8)])
}

/// A Chinese Unified Social Credit Code (GB 32100-2015): 18 characters, the last a
/// check character over the first 17.
pub fn uscc(raw: &str) -> Result<String, Invalid> {
    const CHARSET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    const WEIGHTS: [u32; 17] = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    let s = compact_upper(raw);
    let values: Option<Vec<u32>> = s
        .bytes()
        .map(|b| CHARSET.iter().position(|&c| c == b).map(|p| p as u32))
        .collect();
    let Some(values) = values.filter(|v| v.len() == 18) else {
        return Err("not a Unified Social Credit Code (18 characters)");
    };
    let sum: u32 = values[..17].iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    if (31 - sum % 31) % 31 != values[17] {
        return Err("not a Unified Social Credit Code (check character)");
    }
    Ok(s)
}

/// A Legal Entity Identifier (ISO 17442): 20 letters and digits, valid under ISO 7064
/// mod 97-10.
pub fn lei(raw: &str) -> Result<String, Invalid> {
    let s = compact_upper(raw);
    if s.len() != 20 || !s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err("not an LEI (20 letters and digits)");
    }
    let remainder = s.bytes().fold(0u32, |acc, b| {
        let v = u32::from(if b.is_ascii_digit() {
            b - b'0'
        } else {
            b - b'A' + 10
        });
        let acc = if v >= 10 { acc * 100 + v } else { acc * 10 + v };
        acc % 97
    });
    if remainder != 1 {
        return Err("not an LEI (check digits)");
    }
    Ok(s)
}

/// A passport, ID, tax or registration number: letters and digits only, upper-cased
/// (`AB 123-456` = `ab123456`).
pub fn document_number(raw: &str) -> Result<String, Invalid> {
    let s = compact_upper(raw);
    if s.is_empty() {
        Err("not a number (no letters or digits)")
    } else {
        Ok(s)
    }
}

/// Letters and digits of `raw`, upper-cased.
fn compact_upper(raw: &str) -> String {
    raw.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

/// How much an identifier says on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Strength {
    /// Held by one party only (a wallet, a ship's IMO number, a bank's SWIFT code, an
    /// e-mail address or a website's own domain): a match is a hit on its own.
    Strong,
    /// Reused across countries or mistyped often (passport, ID, tax and registration
    /// numbers, phones): a match raises a name match, or needs the issuing country.
    Weak,
}

/// One lookup key of an identifier: what the index stores it under and what a query
/// looks it up by, with what a match on it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdKey {
    /// `type \x1f canonical value`: types share one FST without meeting.
    pub key: String,
    /// Whether a match on it finds an entity alone or only backs a name.
    pub strength: Strength,
    /// What matched, for reasons: `e-mail`, `e-mail domain`, `website domain` …
    pub what: &'static str,
}

/// Separates the type from the value in a key.
pub const KEY_SEPARATOR: char = '\x1f';

/// Document numbers shorter than this are too common to mean anything.
const MIN_DOCUMENT_LEN: usize = 5;

/// The keys of a canonical identifier (see [`canonical`]). An e-mail address is keyed by
/// itself and by its domain, a website by its registrable domain; on a shared domain
/// (free mail, social networks) only the whole address or page (`t.me/name`) is a key.
/// SWIFT codes key the exact code; [`query_keys`] adds the head office.
pub fn keys(kind: IdKind, canonical: &str) -> Vec<IdKey> {
    let key = |ty: &str, value: &str, strength, what| IdKey {
        key: format!("{ty}{KEY_SEPARATOR}{value}"),
        strength,
        what,
    };
    let strong = |ty, what| vec![key(ty, canonical, Strength::Strong, what)];
    match kind {
        IdKind::Email => {
            let mut out = vec![key("email", canonical, Strength::Strong, "e-mail")];
            if let Some(domain) = registrable_domain(email_domain(canonical)) {
                if !is_shared_domain(domain) {
                    out.push(key("domain", domain, Strength::Strong, "e-mail domain"));
                }
            }
            out
        }
        IdKind::Website => {
            let host = website_host(canonical);
            match registrable_domain(host) {
                Some(domain) if !is_shared_domain(domain) => {
                    vec![key("domain", domain, Strength::Strong, "website domain")]
                }
                Some(domain) if canonical.len() > host.len() => {
                    let page = format!("{domain}{}", &canonical[host.len()..]);
                    vec![key("url", &page, Strength::Strong, "web page")]
                }
                _ => Vec::new(),
            }
        }
        IdKind::CryptoAddress => strong("crypto", "crypto-currency address"),
        IdKind::Imo => strong("imo", "IMO number"),
        IdKind::Mmsi => strong("mmsi", "MMSI"),
        IdKind::Swift => strong("swift", "SWIFT/BIC code"),
        IdKind::Uscc => strong("uscc", "Unified Social Credit Code"),
        IdKind::Lei => strong("lei", "LEI"),
        IdKind::Phone if canonical.len() >= 8 => {
            vec![key("phone", canonical, Strength::Weak, "phone number")]
        }
        IdKind::Passport | IdKind::NationalId | IdKind::TaxId | IdKind::Registration
            if canonical.chars().count() >= MIN_DOCUMENT_LEN =>
        {
            // One key type for all document numbers: a vendor's "ID No." column may
            // hold what the list calls a tax or registration number.
            vec![key("doc", canonical, Strength::Weak, document_what(kind))]
        }
        _ => Vec::new(),
    }
}

/// What a query looks an identifier up by: its own keys and, for a SWIFT branch code,
/// its bank's head office (a listed bank is listed with all its branches).
pub fn query_keys(kind: IdKind, canonical: &str) -> Vec<IdKey> {
    let mut out = keys(kind, canonical);
    if kind == IdKind::Swift && !canonical.ends_with("XXX") {
        let head = swift_head_office(canonical);
        out.extend(keys(kind, &head).into_iter().map(|k| IdKey {
            what: "SWIFT/BIC bank code",
            ..k
        }));
    }
    out
}

fn document_what(kind: IdKind) -> &'static str {
    match kind {
        IdKind::Passport => "passport number",
        IdKind::NationalId => "national ID number",
        IdKind::TaxId => "tax number",
        _ => "registration number",
    }
}

/// The type of a value given as a registration, tax or other number, refined by its
/// shape: a Chinese registration number that is a valid USCC, an LEI, is that, and
/// strong. Other types stay as they are.
pub fn refine(kind: IdKind, value: &str) -> IdKind {
    match kind {
        IdKind::Registration | IdKind::TaxId | IdKind::NationalId | IdKind::Other => {
            if uscc(value).is_ok() {
                IdKind::Uscc
            } else if lei(value).is_ok() {
                IdKind::Lei
            } else {
                kind
            }
        }
        _ => kind,
    }
}

/// The identifier type a bare value most likely is, from its shape alone: for
/// `search --id` and spreadsheet cells of no known type. `None` when nothing fits.
pub fn guess(raw: &str) -> Option<IdKind> {
    let s = raw.trim();
    type Fits = fn(&str) -> bool;
    let checks: [(IdKind, Fits); 8] = [
        (IdKind::Email, |s| s.contains('@') && email(s).is_ok()),
        (IdKind::Imo, |s| imo(s).is_ok()),
        (IdKind::Uscc, |s| uscc(s).is_ok()),
        (IdKind::Lei, |s| lei(s).is_ok()),
        (IdKind::CryptoAddress, looks_crypto),
        (IdKind::Swift, looks_swift),
        (IdKind::Website, |s| {
            !s.contains(char::is_whitespace) && website(s).is_ok() && has_known_suffix(s)
        }),
        (IdKind::Mmsi, |s| mmsi(s).is_ok()),
    ];
    checks
        .iter()
        .find(|(_, fits)| fits(s))
        .map(|(kind, _)| *kind)
}

/// Whether a website's host ends in a real public suffix (`x.com`, not `J. Smith`).
fn has_known_suffix(s: &str) -> bool {
    website(s).is_ok_and(|w| {
        let host = website_host(&w);
        psl::suffix(host.as_bytes()).is_some_and(|suffix| suffix.is_known())
            && registrable_domain(host).is_some()
    })
}

/// The shapes of the common chains' addresses: hex (`0x` + 40), bech32 (`bc1…`,
/// `ltc1…`), and base58 ones of Bitcoin (`1…`, `3…`), TRON (`T…`), Litecoin, XRP, Monero.
fn looks_crypto(s: &str) -> bool {
    const BASE58: &str = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    if let Some(hex) = s.strip_prefix("0x") {
        return hex.len() == 40 && hex.chars().all(|c| c.is_ascii_hexdigit());
    }
    if looks_bech32(s) && s.len() >= 14 && s.to_ascii_lowercase().starts_with(['b', 'l', 't']) {
        return true;
    }
    let base58 = s.chars().all(|c| BASE58.contains(c));
    let mixed = s.chars().any(|c| c.is_ascii_lowercase()) && s.chars().any(|c| c.is_ascii_digit());
    base58
        && mixed
        && (25..=106).contains(&s.len())
        && s.starts_with(['1', '3', 'T', 'L', 'M', 'r', '4', '8', 'D', 'X'])
}

/// A SWIFT/BIC shape whose country letters are a real country.
fn looks_swift(s: &str) -> bool {
    let t = s.trim();
    t.len() >= 8
        && t.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && swift(t).is_ok_and(|code| calling_code(&code[4..6]).is_some())
}

fn parse_shared_hosts(table: Table) -> Result<Vec<&'static str>, TableError> {
    let records = table.records(1)?;
    let hosts: Vec<&'static str> = records.iter().map(|r| r.columns[0]).collect();
    match hosts.windows(2).position(|w| w[0] >= w[1]) {
        Some(i) => Err(records[i + 1].error("not sorted: the table is searched by bisection")),
        None => Ok(hosts),
    }
}

fn parse_calling_codes(table: Table) -> Result<HashMap<&'static str, &'static str>, TableError> {
    table
        .records(2)?
        .into_iter()
        .map(|r| {
            let (iso2, code) = (r.columns[0], r.columns[1]);
            if iso2.len() != 2 || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(r.error("expected an ISO-2 code and the digits of a calling code"));
            }
            Ok((iso2, code))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_with_a_wide_character_at_byte_seven_is_no_panic() {
        assert_eq!(email("salesW¾T@x.com").as_deref(), Ok("salesw¾t@x.com"));
        assert!(email("mailto:a@x.com").is_ok());
    }

    #[test]
    fn emails_meet_however_written() {
        assert_eq!(
            email(" mailto:Sales@Daltrd.COM ").unwrap(),
            "sales@daltrd.com"
        );
        assert_eq!(email("<kim@x.co.kr>").unwrap(), "kim@x.co.kr");
        assert_eq!(email_domain("kim@x.co.kr"), "x.co.kr");
        assert!(email("n/a").is_err());
        assert!(email("a@b").is_err());
        assert!(email("a@@b.com").is_err());
    }

    #[test]
    fn websites_reduce_to_host_and_path() {
        assert_eq!(
            website("https://www.Bank.co.uk/en/").unwrap(),
            "bank.co.uk/en"
        );
        assert_eq!(website("bank.co.uk").unwrap(), "bank.co.uk");
        assert_eq!(
            website("http://user@shop.example.com:8080/?q=1").unwrap(),
            "shop.example.com"
        );
        assert_eq!(website("t.me/SomeChannel").unwrap(), "t.me/somechannel");
        assert!(website("see website").is_err());
        assert!(website("n/a").is_err());
    }

    #[test]
    fn registrable_domains_follow_the_public_suffix_list() {
        assert_eq!(registrable_domain("www.bank.co.uk"), Some("bank.co.uk"));
        assert_eq!(registrable_domain("bank.co.uk"), Some("bank.co.uk"));
        assert_eq!(registrable_domain("co.uk"), None);
        assert_eq!(registrable_domain("mail.daltrd.com"), Some("daltrd.com"));
        assert_eq!(registrable_domain("foo.com.cn"), Some("foo.com.cn"));
    }

    #[test]
    fn shared_domains_are_known() {
        for d in [
            "gmail.com",
            "qq.com",
            "163.com",
            "mail.ru",
            "t.me",
            "facebook.com",
        ] {
            assert!(is_shared_domain(d), "{d}");
        }
        assert!(!is_shared_domain("daltrd.com"));
    }

    #[test]
    fn imo_numbers_need_their_check_digit() {
        assert_eq!(imo("IMO 9187629").unwrap(), "9187629");
        assert_eq!(imo("imo:9187629").unwrap(), "9187629");
        assert_eq!(imo("9187629").unwrap(), "9187629");
        assert!(imo("9187628").is_err());
        assert!(imo("918762").is_err());
        assert!(imo("IMO 91876299").is_err());
    }

    #[test]
    fn swift_codes_of_eight_are_the_head_office() {
        assert_eq!(swift("KKBC KP PY").unwrap(), "KKBCKPPYXXX");
        assert_eq!(swift("kkbckppyxxx").unwrap(), "KKBCKPPYXXX");
        assert_eq!(swift("KKBCKPPY123").unwrap(), "KKBCKPPY123");
        assert_eq!(swift_head_office("KKBCKPPY123"), "KKBCKPPYXXX");
        assert!(swift("KKBC").is_err());
        assert!(swift("12BCKPPY").is_err());
    }

    #[test]
    fn crypto_addresses_keep_case_where_it_matters() {
        let eth = "0x098B716B8Aaf21512996dC57EB0615e2383E2f96";
        assert_eq!(crypto(eth).unwrap(), eth.to_ascii_lowercase());
        let btc = "1BQAPyku1ZibWGAgd8QePpW1vAKHowqLez";
        assert_eq!(crypto(btc).unwrap(), btc);
        let bech = "bc1qsxdyxgmzhudx6z2ptv3tqpj5eax7eg6mnxj9ct";
        assert_eq!(crypto(&bech.to_ascii_uppercase()).unwrap(), bech);
        assert!(crypto("not a wallet").is_err());
    }

    #[test]
    fn uscc_and_lei_check_characters() {
        assert_eq!(uscc("91350100M000100Y43").unwrap(), "91350100M000100Y43");
        assert_eq!(
            uscc("9135 0100 M000 100Y 43").unwrap(),
            "91350100M000100Y43"
        );
        assert!(uscc("91350100M000100Y44").is_err());
        assert!(uscc("91350100M000100Y4").is_err());
        assert_eq!(lei("5493001KJTIIGC8Y1R12").unwrap(), "5493001KJTIIGC8Y1R12");
        assert!(lei("5493001KJTIIGC8Y1R13").is_err());
    }

    #[test]
    fn document_numbers_lose_spaces_dashes_and_case() {
        assert_eq!(document_number(" ab 123-456 ").unwrap(), "AB123456");
        assert!(document_number(" - ").is_err());
    }

    #[test]
    fn phones_become_e164_where_the_country_is_known() {
        assert_eq!(phone("+86 138 1234 5678", None).unwrap(), "+8613812345678");
        assert_eq!(phone("0086-138-1234-5678", None).unwrap(), "+8613812345678");
        assert_eq!(phone("010 1234 5678", Some("KR")).unwrap(), "+821012345678");
        assert_eq!(phone("(212) 555-0100", None).unwrap(), "2125550100");
        assert!(phone("call us", None).is_err());
    }

    #[test]
    fn shapes_are_guessed() {
        assert_eq!(guess("sales@daltrd.com"), Some(IdKind::Email));
        assert_eq!(
            guess("https://www.daltrd.com/contact"),
            Some(IdKind::Website)
        );
        assert_eq!(guess("daltrd.com"), Some(IdKind::Website));
        assert_eq!(guess("IMO 9187629"), Some(IdKind::Imo));
        assert_eq!(
            guess("0x098B716B8Aaf21512996dC57EB0615e2383E2f96"),
            Some(IdKind::CryptoAddress)
        );
        assert_eq!(
            guess("1BQAPyku1ZibWGAgd8QePpW1vAKHowqLez"),
            Some(IdKind::CryptoAddress)
        );
        assert_eq!(guess("KKBCKPPYXXX"), Some(IdKind::Swift));
        assert_eq!(guess("91350100M000100Y43"), Some(IdKind::Uscc));
        assert_eq!(guess("J. Smith"), None);
        assert_eq!(guess("n/a"), None);
    }

    #[test]
    fn every_data_table_line_parses() {
        assert!(calling_code("kp") == Some("850"));
        assert_eq!(calling_code("US"), Some("1"));
        parse_shared_hosts(SHARED_HOSTS).unwrap();
        parse_calling_codes(CALLING_CODES).unwrap();
        let unsorted = Table {
            file: "data/words/test.tsv",
            text: "# hosts\nb.com\na.com\n",
        };
        let e = parse_shared_hosts(unsorted).unwrap_err().to_string();
        assert!(e.contains("data/words/test.tsv line 3"), "{e}");
    }

    #[test]
    fn keys_never_stand_on_a_shared_domain_or_a_public_suffix() {
        let k = |kind, v: &str| -> Vec<String> {
            keys(kind, &canonical(kind, v, None).unwrap())
                .into_iter()
                .map(|k| k.key.replace(KEY_SEPARATOR, ":"))
                .collect()
        };
        assert_eq!(
            k(IdKind::Email, "Sales@Daltrd.com"),
            ["email:sales@daltrd.com", "domain:daltrd.com"]
        );
        assert_eq!(
            k(IdKind::Email, "kim.il@gmail.com"),
            ["email:kim.il@gmail.com"]
        );
        assert_eq!(
            k(IdKind::Website, "https://www.bank.co.uk/en"),
            ["domain:bank.co.uk"]
        );
        assert_eq!(k(IdKind::Website, "bank.co.uk"), ["domain:bank.co.uk"]);
        assert!(k(IdKind::Website, "co.uk").is_empty());
        assert_eq!(
            k(IdKind::Website, "https://t.me/SomeChannel"),
            ["url:t.me/somechannel"]
        );
        assert!(k(IdKind::Website, "https://www.facebook.com/").is_empty());
        assert!(k(IdKind::Passport, "12-34").is_empty());
        let q: Vec<String> = query_keys(IdKind::Swift, "KKBCKPPY123")
            .into_iter()
            .map(|k| k.key.replace(KEY_SEPARATOR, ":"))
            .collect();
        assert_eq!(q, ["swift:KKBCKPPY123", "swift:KKBCKPPYXXX"]);
    }

    #[test]
    fn list_fields_of_several_values_split() {
        assert_eq!(
            split_values(IdKind::Email, "info@a.com; export@b.com; niru@c.com"),
            ["info@a.com", "export@b.com", "niru@c.com"]
        );
        assert_eq!(
            split_values(IdKind::Website, "www.spc.com.sy or www.spc-sy.com"),
            ["www.spc.com.sy", "www.spc-sy.com"]
        );
        assert_eq!(
            split_values(IdKind::Phone, "+98 21 2258929; +98 21 35243153"),
            ["+98 21 2258929", "+98 21 35243153"]
        );
        assert_eq!(split_values(IdKind::Passport, "AB 123, 45"), ["AB 123, 45"]);
    }

    #[test]
    fn listed_imo_numbers_keep_a_failing_check_digit() {
        assert_eq!(listed_imo("IMO 5342883").unwrap(), "5342883");
        assert!(imo("IMO 5342883").is_err());
        assert!(listed_imo("534288").is_err());
    }
}
