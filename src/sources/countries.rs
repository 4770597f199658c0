//! Country names as the sanctions lists write them → ISO 3166-1 alpha-2 codes.
//!
//! A small table, not a gazetteer: it covers the spellings that occur in the OFAC files
//! (`Korea, North`, `Bahamas, The`, `Man, Isle of`) plus the common long forms other lists
//! use. Regions (`Region: Crimea`), `undetermined` and anything unknown give `None`, so the
//! raw name is always kept next to the code.

/// `(name, code)`; names are compared after [`fold`] (lowercase, punctuation dropped).
const TABLE: &[(&str, &str)] = &[
    ("afghanistan", "AF"),
    ("albania", "AL"),
    ("algeria", "DZ"),
    ("angola", "AO"),
    ("antigua and barbuda", "AG"),
    ("argentina", "AR"),
    ("armenia", "AM"),
    ("aruba", "AW"),
    ("australia", "AU"),
    ("austria", "AT"),
    ("azerbaijan", "AZ"),
    ("bahamas the", "BS"),
    ("bahamas", "BS"),
    ("bahrain", "BH"),
    ("bangladesh", "BD"),
    ("barbados", "BB"),
    ("belarus", "BY"),
    ("belgium", "BE"),
    ("belize", "BZ"),
    ("benin", "BJ"),
    ("bermuda", "BM"),
    ("bolivia", "BO"),
    ("bosnia and herzegovina", "BA"),
    ("bosniaherzegovina", "BA"),
    ("brazil", "BR"),
    ("british virgin islands", "VG"),
    ("virgin islands british", "VG"),
    ("brunei", "BN"),
    ("bulgaria", "BG"),
    ("burkina faso", "BF"),
    ("burma", "MM"),
    ("myanmar", "MM"),
    ("cabo verde", "CV"),
    ("cape verde", "CV"),
    ("cambodia", "KH"),
    ("cameroon", "CM"),
    ("canada", "CA"),
    ("cayman islands", "KY"),
    ("central african republic", "CF"),
    ("chad", "TD"),
    ("chile", "CL"),
    ("china", "CN"),
    ("colombia", "CO"),
    ("comoros", "KM"),
    ("congo democratic republic of the", "CD"),
    ("democratic republic of the congo", "CD"),
    ("congo republic of the", "CG"),
    ("congo", "CG"),
    ("cook islands", "CK"),
    ("costa rica", "CR"),
    ("cote d ivoire", "CI"),
    ("cote divoire", "CI"),
    ("croatia", "HR"),
    ("cuba", "CU"),
    ("cyprus", "CY"),
    ("czech republic", "CZ"),
    ("czechia", "CZ"),
    ("korea north", "KP"),
    ("north korea", "KP"),
    ("democratic peoples republic of korea", "KP"),
    ("korea democratic peoples republic of", "KP"),
    ("dprk", "KP"),
    ("korea south", "KR"),
    ("south korea", "KR"),
    ("republic of korea", "KR"),
    ("korea republic of", "KR"),
    ("denmark", "DK"),
    ("djibouti", "DJ"),
    ("dominica", "DM"),
    ("dominican republic", "DO"),
    ("ecuador", "EC"),
    ("egypt", "EG"),
    ("el salvador", "SV"),
    ("equatorial guinea", "GQ"),
    ("eritrea", "ER"),
    ("estonia", "EE"),
    ("ethiopia", "ET"),
    ("finland", "FI"),
    ("france", "FR"),
    ("gabon", "GA"),
    ("the gambia", "GM"),
    ("gambia", "GM"),
    ("georgia", "GE"),
    ("germany", "DE"),
    ("ghana", "GH"),
    ("gibraltar", "GI"),
    ("greece", "GR"),
    ("guatemala", "GT"),
    ("guernsey", "GG"),
    ("guinea", "GN"),
    ("guineabissau", "GW"),
    ("guinea bissau", "GW"),
    ("guyana", "GY"),
    ("haiti", "HT"),
    ("honduras", "HN"),
    ("hong kong", "HK"),
    ("hungary", "HU"),
    ("india", "IN"),
    ("indonesia", "ID"),
    ("iran", "IR"),
    ("iran islamic republic of", "IR"),
    ("iraq", "IQ"),
    ("ireland", "IE"),
    ("israel", "IL"),
    ("italy", "IT"),
    ("jamaica", "JM"),
    ("japan", "JP"),
    ("jersey", "JE"),
    ("jordan", "JO"),
    ("kazakhstan", "KZ"),
    ("kenya", "KE"),
    ("kiribati", "KI"),
    ("kosovo", "XK"),
    ("kuwait", "KW"),
    ("kyrgyzstan", "KG"),
    ("laos", "LA"),
    ("latvia", "LV"),
    ("lebanon", "LB"),
    ("liberia", "LR"),
    ("libya", "LY"),
    ("liechtenstein", "LI"),
    ("lithuania", "LT"),
    ("luxembourg", "LU"),
    ("macau", "MO"),
    ("macao", "MO"),
    ("malaysia", "MY"),
    ("maldives", "MV"),
    ("mali", "ML"),
    ("malta", "MT"),
    ("man isle of", "IM"),
    ("isle of man", "IM"),
    ("marshall islands", "MH"),
    ("mauritania", "MR"),
    ("mexico", "MX"),
    ("moldova", "MD"),
    ("monaco", "MC"),
    ("mongolia", "MN"),
    ("montenegro", "ME"),
    ("morocco", "MA"),
    ("mozambique", "MZ"),
    ("namibia", "NA"),
    ("netherlands", "NL"),
    ("netherlands antilles", "AN"),
    ("new zealand", "NZ"),
    ("nicaragua", "NI"),
    ("niger", "NE"),
    ("nigeria", "NG"),
    ("north macedonia the republic of", "MK"),
    ("north macedonia", "MK"),
    ("norway", "NO"),
    ("oman", "OM"),
    ("pakistan", "PK"),
    ("palau", "PW"),
    ("palestinian", "PS"),
    ("palestine", "PS"),
    ("west bank", "PS"),
    ("panama", "PA"),
    ("paraguay", "PY"),
    ("peru", "PE"),
    ("philippines", "PH"),
    ("poland", "PL"),
    ("portugal", "PT"),
    ("qatar", "QA"),
    ("romania", "RO"),
    ("russia", "RU"),
    ("russian federation", "RU"),
    ("rwanda", "RW"),
    ("saint kitts and nevis", "KN"),
    ("st kitts and nevis", "KN"),
    ("st kitts nevis", "KN"),
    ("saint vincent and the grenadines", "VC"),
    ("st vincent and the grenadines", "VC"),
    ("samoa", "WS"),
    ("san marino", "SM"),
    ("sao tome and principe", "ST"),
    ("saudi arabia", "SA"),
    ("senegal", "SN"),
    ("serbia", "RS"),
    ("seychelles", "SC"),
    ("sierra leone", "SL"),
    ("singapore", "SG"),
    ("slovakia", "SK"),
    ("slovenia", "SI"),
    ("somalia", "SO"),
    ("south africa", "ZA"),
    ("south sudan", "SS"),
    ("spain", "ES"),
    ("sri lanka", "LK"),
    ("sudan", "SD"),
    ("sweden", "SE"),
    ("switzerland", "CH"),
    ("syria", "SY"),
    ("syrian arab republic", "SY"),
    ("taiwan", "TW"),
    ("tajikistan", "TJ"),
    ("tanzania", "TZ"),
    ("thailand", "TH"),
    ("togo", "TG"),
    ("trinidad and tobago", "TT"),
    ("tunisia", "TN"),
    ("turkey", "TR"),
    ("turkiye", "TR"),
    ("turkmenistan", "TM"),
    ("tuvalu", "TV"),
    ("uganda", "UG"),
    ("ukraine", "UA"),
    ("united arab emirates", "AE"),
    ("united kingdom", "GB"),
    ("united states", "US"),
    ("uruguay", "UY"),
    ("uzbekistan", "UZ"),
    ("vanuatu", "VU"),
    ("venezuela", "VE"),
    ("vietnam", "VN"),
    ("viet nam", "VN"),
    ("yemen", "YE"),
    ("zambia", "ZM"),
    ("zimbabwe", "ZW"),
];

/// The ISO alpha-2 code of a country name, when the table knows it.
pub fn iso2(name: &str) -> Option<&'static str> {
    let key = fold(name);
    TABLE.iter().find(|(n, _)| *n == key).map(|(_, code)| *code)
}

/// Lowercase ASCII letters and single spaces; `'`, `.`, `,`, `&`, `-` dropped (so
/// `People's` → `peoples`, `St. Kitts & Nevis` → `st kitts nevis`).
fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for ch in name.trim().chars() {
        if ch.is_ascii_alphabetic() {
            out.push(ch.to_ascii_lowercase());
        } else if ch.is_whitespace() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_the_spellings_ofac_uses() {
        assert_eq!(iso2("Korea, North"), Some("KP"));
        assert_eq!(iso2("Democratic People's Republic of Korea"), Some("KP"));
        assert_eq!(iso2("China"), Some("CN"));
        assert_eq!(iso2("Iran"), Some("IR"));
        assert_eq!(iso2("Russia"), Some("RU"));
        assert_eq!(iso2("Syria"), Some("SY"));
        assert_eq!(iso2("Bahamas, The"), Some("BS"));
        assert_eq!(iso2("St. Kitts & Nevis"), Some("KN"));
        assert_eq!(iso2("Cote d Ivoire"), Some("CI"));
        assert_eq!(iso2(" korea,  south "), Some("KR"));
    }

    #[test]
    fn unknown_and_regions_have_no_code() {
        assert_eq!(iso2("Region: Crimea"), None);
        assert_eq!(iso2("undetermined"), None);
        assert_eq!(iso2(""), None);
    }
}
