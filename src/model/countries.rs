//! Country names as the lists and users write them → ISO 3166-1 alpha-2 codes.
//!
//! A small table, not a gazetteer: the spellings that occur in the OFAC, UN and EU files
//! (`Korea, North`, `Democratic People's Republic of Korea`, `Bahamas, The`,
//! `Iran (Islamic Republic of)`) and the common short forms users type. Regions
//! (`Region: Crimea`), `undetermined` and anything unknown give `None`, so the raw name
//! is always kept next to the code.

/// `(folded name, code)`, sorted by folded name; see [`fold`].
const TABLE: &[(&str, &str)] = &[
    ("afghanistan", "AF"),
    ("albania", "AL"),
    ("algeria", "DZ"),
    ("angola", "AO"),
    ("antiguaandbarbuda", "AG"),
    ("argentina", "AR"),
    ("armenia", "AM"),
    ("aruba", "AW"),
    ("australia", "AU"),
    ("austria", "AT"),
    ("azerbaijan", "AZ"),
    ("bahamas", "BS"),
    ("bahamasthe", "BS"),
    ("bahrain", "BH"),
    ("bangladesh", "BD"),
    ("barbados", "BB"),
    ("belarus", "BY"),
    ("belgium", "BE"),
    ("belize", "BZ"),
    ("benin", "BJ"),
    ("bermuda", "BM"),
    ("bolivia", "BO"),
    ("bosniaandherzegovina", "BA"),
    ("bosniaherzegovina", "BA"),
    ("brazil", "BR"),
    ("britishvirginislands", "VG"),
    ("brunei", "BN"),
    ("bulgaria", "BG"),
    ("burkinafaso", "BF"),
    ("burma", "MM"),
    ("caboverde", "CV"),
    ("cambodia", "KH"),
    ("cameroon", "CM"),
    ("canada", "CA"),
    ("capeverde", "CV"),
    ("caymanislands", "KY"),
    ("centralafricanrepublic", "CF"),
    ("chad", "TD"),
    ("chile", "CL"),
    ("china", "CN"),
    ("chinahongkongspecialadministrativeregion", "HK"),
    ("colombia", "CO"),
    ("comoros", "KM"),
    ("congo", "CG"),
    ("congodemocraticrepublicofthe", "CD"),
    ("congorepublicofthe", "CG"),
    ("cookislands", "CK"),
    ("costarica", "CR"),
    ("cotedivoire", "CI"),
    ("croatia", "HR"),
    ("cuba", "CU"),
    ("cyprus", "CY"),
    ("czechia", "CZ"),
    ("czechrepublic", "CZ"),
    ("democraticpeoplesrepublicofkorea", "KP"),
    ("democraticrepublicofthecongo", "CD"),
    ("denmark", "DK"),
    ("djibouti", "DJ"),
    ("dominica", "DM"),
    ("dominicanrepublic", "DO"),
    ("dprk", "KP"),
    ("ecuador", "EC"),
    ("egypt", "EG"),
    ("elsalvador", "SV"),
    ("equatorialguinea", "GQ"),
    ("eritrea", "ER"),
    ("estonia", "EE"),
    ("ethiopia", "ET"),
    ("finland", "FI"),
    ("france", "FR"),
    ("gabon", "GA"),
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
    ("guyana", "GY"),
    ("haiti", "HT"),
    ("honduras", "HN"),
    ("hongkong", "HK"),
    ("hungary", "HU"),
    ("india", "IN"),
    ("indonesia", "ID"),
    ("iran", "IR"),
    ("iranislamicrepublicof", "IR"),
    ("iraq", "IQ"),
    ("ireland", "IE"),
    ("isleofman", "IM"),
    ("israel", "IL"),
    ("italy", "IT"),
    ("jamaica", "JM"),
    ("japan", "JP"),
    ("jersey", "JE"),
    ("jordan", "JO"),
    ("kazakhstan", "KZ"),
    ("kenya", "KE"),
    ("kiribati", "KI"),
    ("koreademocraticpeoplesrepublicof", "KP"),
    ("koreanorth", "KP"),
    ("korearepublicof", "KR"),
    ("koreasouth", "KR"),
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
    ("macao", "MO"),
    ("macau", "MO"),
    ("malaysia", "MY"),
    ("maldives", "MV"),
    ("mali", "ML"),
    ("malta", "MT"),
    ("manisleof", "IM"),
    ("marshallislands", "MH"),
    ("mauritania", "MR"),
    ("mexico", "MX"),
    ("moldova", "MD"),
    ("monaco", "MC"),
    ("mongolia", "MN"),
    ("montenegro", "ME"),
    ("morocco", "MA"),
    ("mozambique", "MZ"),
    ("myanmar", "MM"),
    ("namibia", "NA"),
    ("netherlands", "NL"),
    ("netherlandsantilles", "AN"),
    ("newzealand", "NZ"),
    ("nicaragua", "NI"),
    ("niger", "NE"),
    ("nigeria", "NG"),
    ("northkorea", "KP"),
    ("northmacedonia", "MK"),
    ("northmacedoniatherepublicof", "MK"),
    ("norway", "NO"),
    ("oman", "OM"),
    ("pakistan", "PK"),
    ("palau", "PW"),
    ("palestine", "PS"),
    ("palestinian", "PS"),
    ("panama", "PA"),
    ("paraguay", "PY"),
    ("peru", "PE"),
    ("philippines", "PH"),
    ("poland", "PL"),
    ("portugal", "PT"),
    ("qatar", "QA"),
    ("republicofkorea", "KR"),
    ("romania", "RO"),
    ("russia", "RU"),
    ("russianfederation", "RU"),
    ("rwanda", "RW"),
    ("saintkittsandnevis", "KN"),
    ("saintvincentandthegrenadines", "VC"),
    ("samoa", "WS"),
    ("sanmarino", "SM"),
    ("saotomeandprincipe", "ST"),
    ("saudiarabia", "SA"),
    ("senegal", "SN"),
    ("serbia", "RS"),
    ("seychelles", "SC"),
    ("sierraleone", "SL"),
    ("singapore", "SG"),
    ("slovakia", "SK"),
    ("slovenia", "SI"),
    ("somalia", "SO"),
    ("southafrica", "ZA"),
    ("southkorea", "KR"),
    ("southsudan", "SS"),
    ("spain", "ES"),
    ("srilanka", "LK"),
    ("stateofpalestine", "PS"),
    ("stkittsandnevis", "KN"),
    ("stkittsnevis", "KN"),
    ("stvincentandthegrenadines", "VC"),
    ("sudan", "SD"),
    ("sweden", "SE"),
    ("switzerland", "CH"),
    ("syria", "SY"),
    ("syrianarabrepublic", "SY"),
    ("taiwan", "TW"),
    ("tajikistan", "TJ"),
    ("tanzania", "TZ"),
    ("thailand", "TH"),
    ("thegambia", "GM"),
    ("togo", "TG"),
    ("trinidadandtobago", "TT"),
    ("tunisia", "TN"),
    ("turkey", "TR"),
    ("turkiye", "TR"),
    ("turkmenistan", "TM"),
    ("tuvalu", "TV"),
    ("türkiye", "TR"),
    ("uganda", "UG"),
    ("ukraine", "UA"),
    ("unitedarabemirates", "AE"),
    ("unitedkingdom", "GB"),
    ("unitedkingdomofgreatbritainandnorthernireland", "GB"),
    ("unitedrepublicoftanzania", "TZ"),
    ("unitedstates", "US"),
    ("unitedstatesofamerica", "US"),
    ("uruguay", "UY"),
    ("usa", "US"),
    ("uzbekistan", "UZ"),
    ("vanuatu", "VU"),
    ("venezuela", "VE"),
    ("vietnam", "VN"),
    ("virginislandsbritish", "VG"),
    ("westbank", "PS"),
    ("yemen", "YE"),
    ("zambia", "ZM"),
    ("zimbabwe", "ZW"),
];

/// The ISO alpha-2 code of a country name, when the table knows it.
pub fn iso2(name: &str) -> Option<&'static str> {
    let key = fold(name);
    if key.is_empty() {
        return None;
    }
    TABLE
        .binary_search_by(|(n, _)| n.cmp(&key.as_str()))
        .ok()
        .map(|i| TABLE[i].1)
}

/// The ISO-2 code for a value that is either a two-letter code (`kp`, `KP`) or a name.
/// `UK` is accepted for `GB`.
pub fn code_for(value: &str) -> Option<String> {
    let v = value.trim();
    if v.len() == 2 && v.bytes().all(|b| b.is_ascii_alphabetic()) {
        let code = v.to_ascii_uppercase();
        return Some(if code == "UK" { "GB".into() } else { code });
    }
    iso2(v).map(str::to_string)
}

/// Lowercase letters and digits only, so `Korea, North`, `korea north` and
/// `People’s` / `People's` compare equal.
fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_for_binary_search() {
        assert!(TABLE.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn maps_the_spellings_the_lists_use() {
        assert_eq!(iso2("Korea, North"), Some("KP"));
        assert_eq!(iso2("Democratic People's Republic of Korea"), Some("KP"));
        assert_eq!(iso2("Democratic People’s Republic of Korea"), Some("KP"));
        assert_eq!(iso2("Iran (Islamic Republic of)"), Some("IR"));
        assert_eq!(iso2("China"), Some("CN"));
        assert_eq!(iso2("Russia"), Some("RU"));
        assert_eq!(iso2("Bahamas, The"), Some("BS"));
        assert_eq!(iso2("St. Kitts & Nevis"), Some("KN"));
        assert_eq!(iso2(" korea,  south "), Some("KR"));
        assert_eq!(code_for("kp").as_deref(), Some("KP"));
        assert_eq!(code_for("UK").as_deref(), Some("GB"));
        assert_eq!(code_for("China").as_deref(), Some("CN"));
    }

    #[test]
    fn unknown_and_regions_have_no_code() {
        assert_eq!(iso2("Region: Crimea"), None);
        assert_eq!(iso2("undetermined"), None);
        assert_eq!(iso2("Atlantis"), None);
        assert_eq!(iso2(""), None);
    }
}
