//! Parts shared by the three OFAC loaders (classic XML, CSV and advanced XML): the
//! list's name, alias kinds, the `idType` label table and OFAC's way of adding
//! addresses and countries. They live here rather than in one loader so that no loader
//! depends on another, and so that the three read OFAC's shared vocabulary the same way.

use super::limits::already_has;
use crate::model::countries;
use crate::model::{Address, Country, CountryRole, Entity, IdKind, Identifier, NameKind};
use std::path::Path;

/// The name of the list a file holds, from its file stem.
pub fn list_name(file: &str) -> &'static str {
    if super::file_stem(Path::new(file)).contains("cons") {
        "OFAC non-SDN"
    } else {
        "OFAC SDN"
    }
}

/// a.k.a./n.k.a. strong → Alias, weak → WeakAlias; f.k.a. → Former whatever its category.
pub fn alias_kind(aka_type: &str, category: &str) -> NameKind {
    let t = aka_type.to_ascii_lowercase();
    if t.starts_with("f.k.a") || t == "fka" {
        NameKind::Former
    } else if category.eq_ignore_ascii_case("weak") {
        NameKind::WeakAlias
    } else {
        NameKind::Alias
    }
}

/// Builds an identifier, normalising IMO numbers (`IMO 7406784` → `7406784`) so they
/// compare as plain numbers; a "Vessel Registration Identification" that is no IMO
/// number is a plain registration.
pub fn make_identifier(
    label: &str,
    value: &str,
    country: Option<String>,
    note: Option<String>,
) -> Identifier {
    let mut kind = id_kind(label);
    let mut value = value.trim().to_string();
    if kind == IdKind::Imo {
        match value.get(..3).filter(|p| p.eq_ignore_ascii_case("imo")) {
            Some(_) => value = value[3..].trim().to_string(),
            None if value.len() == 7 && value.bytes().all(|b| b.is_ascii_digit()) => {}
            None => kind = IdKind::Registration,
        }
    }
    Identifier {
        kind,
        label: label.to_string(),
        value,
        country,
        note,
    }
}

/// Identifier kinds by OFAC `idType` label, matched in order on the lowercased label:
/// `(needle, exact, kind)`; exact needles must equal the label, others be contained.
const ID_KINDS: &[(&str, bool, IdKind)] = &[
    ("digital currency address", false, IdKind::CryptoAddress),
    ("email address", false, IdKind::Email),
    ("website", false, IdKind::Website),
    ("phone number", false, IdKind::Phone),
    ("swift/bic", false, IdKind::Swift),
    (
        "chinese commercial code",
        false,
        IdKind::ChineseCommercialCode,
    ),
    ("mmsi", false, IdKind::Mmsi),
    ("vessel registration identification", false, IdKind::Imo),
    ("imo", true, IdKind::Imo),
    ("call sign", false, IdKind::CallSign),
    (
        "aircraft manufacturer's serial number",
        false,
        IdKind::AircraftSerial,
    ),
    (
        "aircraft serial identification",
        false,
        IdKind::AircraftSerial,
    ),
    (
        "aircraft construction number",
        false,
        IdKind::AircraftSerial,
    ),
    ("aircraft tail number", false, IdKind::Registration),
    ("passport", false, IdKind::Passport),
    ("travel document", false, IdKind::Passport),
    ("tax", false, IdKind::TaxId),
    ("fiscal", false, IdKind::TaxId),
    ("tributaria", false, IdKind::TaxId),
    ("r.f.c", false, IdKind::TaxId),
    ("rfc", true, IdKind::TaxId),
    ("nit #", true, IdKind::TaxId),
    ("ruc #", true, IdKind::TaxId),
    ("rif #", true, IdKind::TaxId),
    ("rtn", true, IdKind::TaxId),
    ("v.a.t", false, IdKind::TaxId),
    ("c.u.i.t", false, IdKind::TaxId),
    ("c.u.i.", true, IdKind::TaxId),
    ("n.i.f", false, IdKind::TaxId),
    ("c.i.f", false, IdKind::TaxId),
    ("us fein", true, IdKind::TaxId),
    ("national id", false, IdKind::NationalId),
    ("national foreign id", false, IdKind::NationalId),
    ("cedula", false, IdKind::NationalId),
    ("c.u.r.p", false, IdKind::NationalId),
    ("d.n.i", false, IdKind::NationalId),
    ("identification number", false, IdKind::NationalId),
    ("id card", false, IdKind::NationalId),
    ("id no", false, IdKind::NationalId),
    ("identidad", false, IdKind::NationalId),
    ("personal numerical code", false, IdKind::NationalId),
    ("citizen's card", false, IdKind::NationalId),
    ("electoral", false, IdKind::NationalId),
    ("ssn", true, IdKind::NationalId),
    ("nationality of registration", true, IdKind::Other),
    ("registration country", true, IdKind::Other),
    ("registration", false, IdKind::Registration),
    ("company number", false, IdKind::Registration),
    ("registry", false, IdKind::Registration),
    ("register", false, IdKind::Registration),
    ("mercantil", false, IdKind::Registration),
    ("license no", false, IdKind::Registration),
    ("legal entity number", false, IdKind::Registration),
    ("le number", true, IdKind::Registration),
    ("social credit code", false, IdKind::Registration),
    ("c.r. no", false, IdKind::Registration),
    ("chamber of comm", false, IdKind::Registration),
    ("d-u-n-s", false, IdKind::Registration),
    ("business number", false, IdKind::Registration),
    ("enterprise number", false, IdKind::Registration),
    ("incorporation", false, IdKind::Registration),
    ("charity", false, IdKind::Registration),
    ("gazette", false, IdKind::Registration),
];

/// The identifier kind for an OFAC `idType` label; unknown labels are `Other`.
fn id_kind(label: &str) -> IdKind {
    let label = label.trim().to_ascii_lowercase();
    ID_KINDS
        .iter()
        .find(|(needle, exact, _)| {
            if *exact {
                label == *needle
            } else {
                label.contains(needle)
            }
        })
        .map(|(_, _, kind)| *kind)
        .unwrap_or(IdKind::Other)
}

/// Adds an address (with its one-line form) and its country as a location; skips empty ones.
pub fn push_address(entity: &mut Entity, mut address: Address) {
    let parts = [
        &address.street,
        &address.city,
        &address.region,
        &address.postal_code,
        &address.country,
    ];
    address.full = parts
        .iter()
        .filter_map(|p| p.as_deref())
        .collect::<Vec<_>>()
        .join(", ");
    if address.full.is_empty() {
        return;
    }
    if let Some(country) = address.country.clone() {
        push_country(entity, &country, CountryRole::Location);
    }
    entity.addresses.push(address);
}

/// Adds a country link once per (name, role), with its ISO code when known.
pub fn push_country(entity: &mut Entity, name: &str, role: CountryRole) {
    let name = name.trim();
    if name.is_empty() || already_has(&entity.countries, |c| c.role == role && c.name == name) {
        return;
    }
    entity.countries.push(Country {
        name: name.to_string(),
        code: countries::iso2(name).map(str::to_string),
        role,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_list_from_the_stem() {
        assert_eq!(list_name("/x/consolidated.xml.gz"), "OFAC non-SDN");
        assert_eq!(list_name("/x/sdn.xml"), "OFAC SDN");
    }

    #[test]
    fn maps_id_labels() {
        for (label, kind) in [
            ("Passport", IdKind::Passport),
            ("Diplomatic Passport", IdKind::Passport),
            ("National ID No.", IdKind::NationalId),
            ("Cedula No.", IdKind::NationalId),
            ("NIT #", IdKind::TaxId),
            ("Tax ID No.", IdKind::TaxId),
            ("Registration ID", IdKind::Registration),
            ("Registration Number", IdKind::Registration),
            ("Vessel Registration Identification", IdKind::Imo),
            ("Call Sign", IdKind::CallSign),
            ("MMSI", IdKind::Mmsi),
            (
                "Aircraft Manufacturer's Serial Number (MSN)",
                IdKind::AircraftSerial,
            ),
            ("Digital Currency Address - XBT", IdKind::CryptoAddress),
            ("Email Address", IdKind::Email),
            ("Website", IdKind::Website),
            ("Phone Number", IdKind::Phone),
            ("SWIFT/BIC", IdKind::Swift),
            ("Chinese Commercial Code", IdKind::ChineseCommercialCode),
            ("Gender", IdKind::Other),
            ("Nationality of Registration", IdKind::Other),
        ] {
            assert_eq!(id_kind(label), kind, "{label}");
        }
    }

    #[test]
    fn alias_kinds() {
        assert_eq!(alias_kind("a.k.a.", "strong"), NameKind::Alias);
        assert_eq!(alias_kind("a.k.a.", "weak"), NameKind::WeakAlias);
        assert_eq!(alias_kind("f.k.a.", "weak"), NameKind::Former);
        assert_eq!(alias_kind("n.k.a.", "strong"), NameKind::Alias);
    }
}
