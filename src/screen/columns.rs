//! Which column is which: the name column(s), id, kind, country, date of birth and
//! identifiers (e-mail, website, wallet, IMO …), from the options or, failing those, from
//! the header words people use (in English, German, Korean, Chinese and Japanese).

use super::ScreenConfig;
use crate::error::{Error, Location, Result};
use crate::model::IdKind;

/// Where a row's name to screen comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NameSource {
    /// One column holding the whole name.
    Column(usize),
    /// Given-name, optional middle-name and family-name columns, joined in that order.
    Parts {
        first: usize,
        middle: Option<usize>,
        last: usize,
    },
}

/// The columns a screening uses, as indexes into the header.
#[derive(Debug, Clone)]
pub(crate) struct Columns {
    pub headers: Vec<String>,
    pub names: Vec<NameSource>,
    pub id: Option<usize>,
    pub kind: Option<usize>,
    pub country: Option<usize>,
    pub dob: Option<usize>,
    /// Identifier columns and the type each holds.
    pub identifiers: Vec<(usize, IdKind)>,
}

impl Columns {
    pub fn header(&self, col: usize) -> &str {
        self.headers.get(col).map(String::as_str).unwrap_or("")
    }

    /// How a name source is called in reasons: its header, or `first + last`.
    pub fn label(&self, source: &NameSource) -> String {
        match source {
            NameSource::Column(c) => self.header(*c).to_string(),
            NameSource::Parts { first, last, .. } => {
                format!("{} + {}", self.header(*first), self.header(*last))
            }
        }
    }
}

const NAME_HEADERS: &[&str] = &[
    "name",
    "full name",
    "fullname",
    "names",
    "company",
    "company name",
    "companyname",
    "vendor",
    "vendor name",
    "supplier",
    "supplier name",
    "legal name",
    "entity name",
    "entity",
    "organization",
    "organisation",
    "organization name",
    "organisation name",
    "business name",
    "customer",
    "customer name",
    "client",
    "client name",
    "counterparty",
    "counterparty name",
    "beneficiary",
    "beneficiary name",
    "party",
    "party name",
    "person",
    "person name",
    "contact",
    "contact person",
    "contact name",
    "account name",
    "account holder",
    "account holder name",
    "이름",
    "성명",
    "회사명",
    "업체명",
    "상호",
    "상호명",
    "거래처",
    "거래처명",
    "대표자",
    "대표자명",
    "담당자",
    "名称",
    "姓名",
    "名字",
    "公司名称",
    "企业名称",
    "单位名称",
    "客户名称",
    "供应商名称",
    "名前",
    "氏名",
    "会社名",
];
const FIRST_HEADERS: &[&str] = &[
    "first name",
    "firstname",
    "given name",
    "given names",
    "forename",
    "forenames",
];
const MIDDLE_HEADERS: &[&str] = &["middle name", "middlename", "middle names"];
const LAST_HEADERS: &[&str] = &["last name", "lastname", "surname", "family name"];
const ID_HEADERS: &[&str] = &["id"];
const KIND_HEADERS: &[&str] = &["kind", "entity type", "entity kind", "party type"];
const COUNTRY_HEADERS: &[&str] = &[
    "country",
    "country code",
    "nationality",
    "citizenship",
    "country of residence",
    "국가",
    "국적",
    "国家",
    "国籍",
];
const DOB_HEADERS: &[&str] = &[
    "dob",
    "date of birth",
    "birth date",
    "birthdate",
    "birthday",
    "생년월일",
    "出生日期",
    "生年月日",
];

/// Identifier types by header: `(kind, needles)`, tried in order; a needle matches when
/// the header with its spaces removed contains it, or, for a needle written with spaces
/// around it (` bic `), when the header has it as a whole word.
const IDENTIFIER_HEADERS: &[(IdKind, &[&str])] = &[
    (
        IdKind::Email,
        &[
            "email",
            "邮箱",
            "电子邮件",
            "电邮",
            "이메일",
            "전자우편",
            "メール",
            " mail ",
        ],
    ),
    (
        IdKind::Website,
        &[
            "website",
            "homepage",
            "url",
            "webseite",
            "网站",
            "网址",
            "主页",
            "홈페이지",
            "웹사이트",
            "ホームページ",
            " web ",
            " domain ",
        ],
    ),
    (
        IdKind::CryptoAddress,
        &[
            "wallet",
            "crypto",
            "bitcoin",
            "钱包",
            "지갑",
            "ウォレット",
            " btc ",
            " eth ",
        ],
    ),
    (IdKind::Imo, &[" imo "]),
    (IdKind::Mmsi, &["mmsi"]),
    (IdKind::Swift, &["swift", " bic ", "银行识别码"]),
    (
        IdKind::Uscc,
        &[
            "uscc",
            "socialcredit",
            "统一社会信用代码",
            "信用代码",
            "統一社會信用代碼",
        ],
    ),
    (IdKind::Lei, &[" lei "]),
    (
        IdKind::Passport,
        &["passport", "reisepass", "护照", "護照", "여권", "旅券"],
    ),
    (
        IdKind::TaxId,
        &[
            "taxid",
            "taxnumber",
            "taxno",
            "taxcode",
            "steuernummer",
            "ustid",
            "税号",
            "纳税人识别号",
            "세금",
            "납세",
            " vat ",
            " tin ",
            " inn ",
        ],
    ),
    (
        IdKind::Registration,
        &[
            "registration",
            "regno",
            "registernumber",
            "companynumber",
            "companyno",
            "businessnumber",
            "handelsregister",
            "注册号",
            "注册编号",
            "营业执照",
            "사업자등록번호",
            "법인등록번호",
            " crn ",
            " ogrn ",
        ],
    ),
    (
        IdKind::NationalId,
        &[
            "nationalid",
            "idnumber",
            "idno",
            "idcard",
            "personalausweis",
            "身份证",
            "주민등록번호",
            "신분증",
        ],
    ),
    (
        IdKind::Phone,
        &[
            "phone",
            "telephone",
            "mobile",
            "telefon",
            "电话",
            "手机",
            "전화",
            "휴대폰",
            "電話",
            " tel ",
            " fax ",
        ],
    ),
];

/// The identifier type a header names, if any.
fn identifier_kind(norm: &str) -> Option<IdKind> {
    let compact: String = norm.chars().filter(|c| *c != ' ').collect();
    let spaced = format!(" {norm} ");
    IDENTIFIER_HEADERS
        .iter()
        .find(|(_, needles)| {
            needles.iter().any(|n| {
                if n.starts_with(' ') {
                    spaced.contains(n)
                } else {
                    compact.contains(n)
                }
            })
        })
        .map(|(kind, _)| *kind)
}

/// A header in comparable form: lowercase, `_` `-` `.` as spaces, spaces collapsed, a
/// trailing `:` or `*` dropped.
pub(crate) fn normalize_header(h: &str) -> String {
    let h = h
        .trim()
        .trim_start_matches('\u{FEFF}')
        .trim_end_matches([':', '*'])
        .to_lowercase()
        .replace(['_', '-', '.'], " ");
    crate::model::collapse_whitespace(&h)
}

/// Resolves the columns for `config` against `headers`; an error names the file, what was
/// wanted and the headers found.
pub(crate) fn resolve(headers: &[String], config: &ScreenConfig, file: &str) -> Result<Columns> {
    let norm: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    let explicit = |option: &str, wanted: &str| -> Result<usize> {
        let w = normalize_header(wanted);
        norm.iter().position(|h| *h == w).ok_or_else(|| {
            Error::parse(
                file,
                Location::Line(1),
                format!(
                    "no column '{wanted}' (given with {option}); the headers are: {}",
                    list(headers)
                ),
            )
        })
    };
    let find = |words: &[&str]| words.iter().find_map(|w| norm.iter().position(|h| h == w));

    let mut identifiers = Vec::new();
    for (kind, column) in &config.identifier_columns {
        identifiers.push((explicit("--id-column-for", column)?, *kind));
    }
    let names = if config.name_columns.is_empty() {
        detect_names(&norm)
            .into_iter()
            .filter(
                |n| !matches!(n, NameSource::Column(c) if identifiers.iter().any(|(i, _)| i == c)),
            )
            .collect()
    } else {
        config
            .name_columns
            .iter()
            .map(|c| explicit("--name-column", c).map(NameSource::Column))
            .collect::<Result<Vec<_>>>()?
    };
    let given: Vec<IdKind> = identifiers.iter().map(|(_, k)| *k).collect();
    // Columns already used, looked up once each: a header row may have many thousands.
    let mut taken = vec![false; norm.len()];
    for &(c, _) in &identifiers {
        taken[c] = true;
    }
    for name in &names {
        if let NameSource::Column(c) = name {
            taken[*c] = true;
        }
    }
    for (c, h) in norm.iter().enumerate() {
        match identifier_kind(h) {
            Some(kind) if !taken[c] && !given.contains(&kind) => identifiers.push((c, kind)),
            _ => {}
        }
    }
    if names.is_empty() && identifiers.is_empty() {
        return Err(Error::parse(
            file,
            Location::Line(1),
            format!(
                "no name column found: expected a header such as name, full name, company, vendor, \
                 supplier, contact person, 이름, 성명, 회사명, 名称 or 姓名 (or name it with \
                 --name-column), or an identifier column such as e-mail, website, wallet \
                 address or IMO number (or --id-column-for TYPE=COLUMN); the headers are: {}",
                list(headers)
            ),
        ));
    }
    let optional =
        |given: &Option<String>, option: &str, words: &[&str]| -> Result<Option<usize>> {
            match given {
                Some(c) => explicit(option, c).map(Some),
                None => Ok(find(words)),
            }
        };
    let mut columns = Columns {
        headers: headers.to_vec(),
        id: optional(&config.id_column, "--id-column", ID_HEADERS)?,
        kind: optional(&config.kind_column, "--kind-column", KIND_HEADERS)?,
        country: optional(&config.country_column, "--country-column", COUNTRY_HEADERS)?,
        dob: optional(&config.dob_column, "--dob-column", DOB_HEADERS)?,
        names,
        identifiers,
    };
    // A column that is the name is not also evidence.
    let is_name = |c: usize| columns.names.contains(&NameSource::Column(c));
    for slot in [&mut columns.kind, &mut columns.country, &mut columns.dob] {
        if slot.is_some_and(is_name) {
            *slot = None;
        }
    }
    let others = [columns.id, columns.kind, columns.country, columns.dob];
    columns
        .identifiers
        .retain(|(c, _)| !others.contains(&Some(*c)));
    Ok(columns)
}

/// Every column whose header is a name word; else given + family name columns; else a
/// column whose header ends in "name" (`Beneficiary Name`, `Shipper name`).
fn detect_names(norm: &[String]) -> Vec<NameSource> {
    let named: Vec<NameSource> = norm
        .iter()
        .enumerate()
        .filter(|(_, h)| NAME_HEADERS.contains(&h.as_str()))
        .map(|(i, _)| NameSource::Column(i))
        .collect();
    if !named.is_empty() {
        return named;
    }
    let find = |words: &[&str]| norm.iter().position(|h| words.contains(&h.as_str()));
    if let (Some(first), Some(last)) = (find(FIRST_HEADERS), find(LAST_HEADERS)) {
        return vec![NameSource::Parts {
            first,
            middle: find(MIDDLE_HEADERS),
            last,
        }];
    }
    const NOT_NAMES: &[&str] = &[
        "user", "file", "host", "domain", "middle", "nick", "display",
    ];
    norm.iter()
        .enumerate()
        .filter(|(_, h)| {
            let words: Vec<&str> = h.split(' ').collect();
            words.len() >= 2
                && words.last() == Some(&"name")
                && !NOT_NAMES.contains(&words[words.len() - 2])
        })
        .map(|(i, _)| NameSource::Column(i))
        .collect()
}

fn list(headers: &[String]) -> String {
    if headers.is_empty() {
        return "(none)".into();
    }
    headers
        .iter()
        .map(|h| format!("'{h}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(hs: &[&str]) -> Vec<String> {
        hs.iter().map(|s| s.to_string()).collect()
    }

    fn config() -> ScreenConfig {
        ScreenConfig::new("in.csv", "out.csv")
    }

    #[test]
    fn a_header_row_of_100_000_columns_resolves_in_linear_time() {
        // Found by fuzzing: each column was checked against every name column (12 s for
        // a 600 KB header row).
        let h: Vec<String> = (0..100_000)
            .map(|i| if i % 2 == 0 { "Name" } else { "E-mail" }.to_string())
            .collect();
        let started = std::time::Instant::now();
        let c = resolve(&h, &config(), "in.csv").unwrap();
        assert_eq!(c.names.len(), 50_000);
        assert_eq!(c.identifiers.len(), 50_000);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
    }

    #[test]
    fn finds_name_columns_in_several_languages() {
        let h = headers(&["ID", "Company Name", "Contact_Person", "Country"]);
        let c = resolve(&h, &config(), "in.csv").unwrap();
        assert_eq!(c.names, vec![NameSource::Column(1), NameSource::Column(2)]);
        assert_eq!((c.id, c.country, c.dob), (Some(0), Some(3), None));
        let h = headers(&["번호", "회사명", "생년월일"]);
        let c = resolve(&h, &config(), "in.csv").unwrap();
        assert_eq!(
            (c.names.clone(), c.dob),
            (vec![NameSource::Column(1)], Some(2))
        );
        let h = headers(&["编号", "公司名称"]);
        assert_eq!(
            resolve(&h, &config(), "x").unwrap().names,
            vec![NameSource::Column(1)]
        );
    }

    #[test]
    fn joins_first_and_last_name_columns() {
        let h = headers(&["First Name", "Last Name", "Email"]);
        let c = resolve(&h, &config(), "in.csv").unwrap();
        assert_eq!(
            c.names,
            vec![NameSource::Parts {
                first: 0,
                middle: None,
                last: 1
            }]
        );
        let h = headers(&["Beneficiary Name", "Username"]);
        let c = resolve(&h, &config(), "in.csv").unwrap();
        assert_eq!(c.names, vec![NameSource::Column(0)]);
    }

    #[test]
    fn errors_list_the_headers_found() {
        let h = headers(&["code", "amount"]);
        let e = resolve(&h, &config(), "in.csv").unwrap_err().to_string();
        assert!(
            e.contains("in.csv") && e.contains("'code', 'amount'"),
            "{e}"
        );
        let mut cfg = config();
        cfg.name_columns = vec!["Vendor".into()];
        let e = resolve(&h, &cfg, "in.csv").unwrap_err().to_string();
        assert!(e.contains("no column 'Vendor'"), "{e}");
        cfg.name_columns = vec!["CODE".into()];
        assert_eq!(
            resolve(&h, &cfg, "in.csv").unwrap().names,
            vec![NameSource::Column(0)]
        );
    }

    #[test]
    fn finds_identifier_columns_by_header() {
        let h = headers(&[
            "vendor_id",
            "Vendor Name",
            "Contact E-mail",
            "Website",
            "Wallet Address",
            "IMO Number",
            "SWIFT/BIC",
            "Registration No.",
            "统一社会信用代码",
            "이메일",
            "USt-IdNr",
            "Address",
        ]);
        let c = resolve(&h, &config(), "in.csv").unwrap();
        assert_eq!(c.names, vec![NameSource::Column(1)]);
        assert_eq!(
            c.identifiers,
            vec![
                (2, IdKind::Email),
                (3, IdKind::Website),
                (4, IdKind::CryptoAddress),
                (5, IdKind::Imo),
                (6, IdKind::Swift),
                (7, IdKind::Registration),
                (8, IdKind::Uscc),
                (9, IdKind::Email),
                (10, IdKind::TaxId),
            ]
        );
    }

    #[test]
    fn identifier_columns_alone_are_enough_and_can_be_named() {
        let h = headers(&["code", "box"]);
        assert!(resolve(&h, &config(), "in.csv").is_err());
        let mut cfg = config();
        cfg.identifier_columns = vec![(IdKind::Email, "BOX".into())];
        let c = resolve(&h, &cfg, "in.csv").unwrap();
        assert!(c.names.is_empty());
        assert_eq!(c.identifiers, vec![(1, IdKind::Email)]);
        cfg.identifier_columns = vec![(IdKind::Email, "nope".into())];
        let e = resolve(&h, &cfg, "in.csv").unwrap_err().to_string();
        assert!(e.contains("no column 'nope'") && e.contains("'box'"), "{e}");
    }
}
