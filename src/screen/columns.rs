//! Which column is which: the name column(s), id, kind, country and date of birth, from the
//! options or, failing those, from the header words people use (in English, Korean,
//! Chinese and Japanese).

use super::ScreenConfig;
use crate::error::{Error, Location, Result};

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

    let names = if config.name_columns.is_empty() {
        detect_names(&norm)
    } else {
        config
            .name_columns
            .iter()
            .map(|c| explicit("--name-column", c).map(NameSource::Column))
            .collect::<Result<Vec<_>>>()?
    };
    if names.is_empty() {
        return Err(Error::parse(
            file,
            Location::Line(1),
            format!(
                "no name column found: expected a header such as name, full name, company, vendor, \
                 supplier, contact person, 이름, 성명, 회사명, 名称 or 姓名 (or name it with \
                 --name-column); the headers are: {}",
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
    };
    // A column that is the name is not also evidence.
    let is_name = |c: usize| columns.names.contains(&NameSource::Column(c));
    for slot in [&mut columns.kind, &mut columns.country, &mut columns.dob] {
        if slot.is_some_and(is_name) {
            *slot = None;
        }
    }
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
}
