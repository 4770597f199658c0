//! Country names as the lists write them → ISO 3166-1 alpha-2 codes.
//!
//! Small on purpose: the names the UN list and users actually write, so that a
//! country filter (`--country KP`) works across lists. Unknown names keep `code: None`.

/// `(name, code)`; names are compared after [`fold`] (case, spaces and punctuation dropped).
const NAMES: &[(&str, &str)] = &[
    ("Afghanistan", "AF"),
    ("Albania", "AL"),
    ("Algeria", "DZ"),
    ("Bangladesh", "BD"),
    ("Belarus", "BY"),
    ("Belgium", "BE"),
    ("Bosnia and Herzegovina", "BA"),
    ("British Virgin Islands", "VG"),
    ("Central African Republic", "CF"),
    ("Chad", "TD"),
    ("China", "CN"),
    ("China, Hong Kong Special Administrative Region", "HK"),
    ("Hong Kong", "HK"),
    ("Comoros", "KM"),
    ("Congo", "CG"),
    ("Democratic Republic of the Congo", "CD"),
    ("Cuba", "CU"),
    ("Egypt", "EG"),
    ("Eritrea", "ER"),
    ("Ethiopia", "ET"),
    ("France", "FR"),
    ("Gabon", "GA"),
    ("Georgia", "GE"),
    ("Germany", "DE"),
    ("Guinea-Bissau", "GW"),
    ("Haiti", "HT"),
    ("India", "IN"),
    ("Indonesia", "ID"),
    ("Iran", "IR"),
    ("Iran (Islamic Republic of)", "IR"),
    ("Iraq", "IQ"),
    ("Italy", "IT"),
    ("Japan", "JP"),
    ("Jordan", "JO"),
    ("Kenya", "KE"),
    ("Democratic People's Republic of Korea", "KP"),
    ("Korea, Democratic People's Republic of", "KP"),
    ("North Korea", "KP"),
    ("Korea, North", "KP"),
    ("DPRK", "KP"),
    ("Republic of Korea", "KR"),
    ("Korea, Republic of", "KR"),
    ("South Korea", "KR"),
    ("Korea, South", "KR"),
    ("Kuwait", "KW"),
    ("Lebanon", "LB"),
    ("Libya", "LY"),
    ("Liechtenstein", "LI"),
    ("Malaysia", "MY"),
    ("Mali", "ML"),
    ("Marshall Islands", "MH"),
    ("Mauritania", "MR"),
    ("Morocco", "MA"),
    ("Myanmar", "MM"),
    ("Netherlands", "NL"),
    ("Niger", "NE"),
    ("Nigeria", "NG"),
    ("Norway", "NO"),
    ("Oman", "OM"),
    ("Pakistan", "PK"),
    ("State of Palestine", "PS"),
    ("Palestine", "PS"),
    ("Panama", "PA"),
    ("Philippines", "PH"),
    ("Qatar", "QA"),
    ("Russia", "RU"),
    ("Russian Federation", "RU"),
    ("Rwanda", "RW"),
    ("Saudi Arabia", "SA"),
    ("Senegal", "SN"),
    ("Singapore", "SG"),
    ("Somalia", "SO"),
    ("South Sudan", "SS"),
    ("Sudan", "SD"),
    ("Sweden", "SE"),
    ("Switzerland", "CH"),
    ("Syria", "SY"),
    ("Syrian Arab Republic", "SY"),
    ("Tajikistan", "TJ"),
    ("Taiwan", "TW"),
    ("United Republic of Tanzania", "TZ"),
    ("Tanzania", "TZ"),
    ("Trinidad and Tobago", "TT"),
    ("Tunisia", "TN"),
    ("Turkey", "TR"),
    ("Türkiye", "TR"),
    ("Uganda", "UG"),
    ("Ukraine", "UA"),
    ("United Arab Emirates", "AE"),
    ("United Kingdom", "GB"),
    ("United Kingdom of Great Britain and Northern Ireland", "GB"),
    ("United States", "US"),
    ("United States of America", "US"),
    ("USA", "US"),
    ("Uzbekistan", "UZ"),
    ("Venezuela", "VE"),
    ("Viet Nam", "VN"),
    ("Vietnam", "VN"),
    ("Yemen", "YE"),
];

/// Lowercase letters and digits only, so `Korea, North` and `korea north` compare equal.
fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The ISO-2 code of a country name the table knows.
pub fn code_for_name(name: &str) -> Option<&'static str> {
    let key = fold(name);
    if key.is_empty() {
        return None;
    }
    NAMES
        .iter()
        .find(|(n, _)| fold(n) == key)
        .map(|(_, code)| *code)
}

/// The ISO-2 code for a value that is either a two-letter code (`kp`, `KP`) or a name.
/// `UK` is accepted for `GB`.
pub fn code_for(value: &str) -> Option<String> {
    let v = value.trim();
    if v.len() == 2 && v.bytes().all(|b| b.is_ascii_alphabetic()) {
        let code = v.to_ascii_uppercase();
        return Some(if code == "UK" { "GB".into() } else { code });
    }
    code_for_name(v).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_list_spellings_to_codes() {
        assert_eq!(
            code_for_name("Democratic People's Republic of Korea"),
            Some("KP")
        );
        assert_eq!(
            code_for_name("Democratic People’s Republic of Korea"),
            Some("KP")
        );
        assert_eq!(code_for_name("Iran (Islamic Republic of)"), Some("IR"));
        assert_eq!(code_for_name("korea, north"), Some("KP"));
        assert_eq!(code_for_name("Atlantis"), None);
        assert_eq!(code_for_name(""), None);
        assert_eq!(code_for("kp").as_deref(), Some("KP"));
        assert_eq!(code_for("UK").as_deref(), Some("GB"));
        assert_eq!(code_for("China").as_deref(), Some("CN"));
    }
}
