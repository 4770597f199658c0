//! Datasets as yente names them: one per loaded list (`us_ofac_sdn`, `us_ofac_cons`,
//! `un_sc_sanctions`, `eu_fsf`, or a watchlist's slug) and `default`, all of them.

use redflag::index::ListSummary;
use serde_json::{json, Value};

/// The collection of every loaded list.
pub const DEFAULT: &str = "default";

/// OpenSanctions' dataset name for a list, so that yente clients can filter on it.
pub fn dataset_name(list: &str) -> String {
    match list {
        "OFAC SDN" => "us_ofac_sdn".into(),
        "OFAC non-SDN" => "us_ofac_cons".into(),
        "UN SC consolidated" => "un_sc_sanctions".into(),
        "EU FSF" => "eu_fsf".into(),
        other => slug(other),
    }
}

/// Lower-case letters and digits, other runs as one `_`.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

/// Which lists a dataset path selects: `None` for `default` (all); an unknown name is
/// `Err`.
pub fn select<'a>(dataset: &str, lists: &'a [ListSummary]) -> Result<Option<Vec<&'a str>>, ()> {
    if dataset == DEFAULT {
        return Ok(None);
    }
    let chosen: Vec<&str> = lists
        .iter()
        .filter(|l| dataset_name(&l.info.name) == dataset)
        .map(|l| l.info.name.as_str())
        .collect();
    match chosen.is_empty() {
        true => Err(()),
        false => Ok(Some(chosen)),
    }
}

/// yente's `/catalog` body: one dataset per list and `default` holding them all.
pub fn catalog(lists: &[ListSummary]) -> Value {
    let mut datasets: Vec<Value> = lists
        .iter()
        .map(|l| {
            let version = l.info.published.clone().unwrap_or_else(|| "static".into());
            json!({
                "name": dataset_name(&l.info.name),
                "title": l.info.name,
                "summary": format!("{} ({}), read from {}", l.info.name, l.info.format, l.info.source),
                "url": null,
                "updated_at": l.info.published,
                "last_export": l.info.published,
                "entity_count": l.total(),
                "thing_count": l.total(),
                "version": version,
                "category": "sanctions",
                "tags": ["list.sanction"],
                "resources": [],
                "children": [],
                "deprecated": false,
                "load": true,
                "namespace": false,
                "index_version": version,
                "index_current": true,
            })
        })
        .collect();
    let children: Vec<String> = lists.iter().map(|l| dataset_name(&l.info.name)).collect();
    let total: u32 = lists.iter().map(|l| l.total()).sum();
    datasets.push(json!({
        "name": DEFAULT,
        "title": "All loaded lists",
        "summary": "Every list in the index this server opened",
        "entity_count": total,
        "thing_count": total,
        "version": "static",
        "category": "collection",
        "tags": [],
        "resources": [],
        "children": children,
        "deprecated": false,
        "load": true,
        "namespace": false,
        "index_version": "static",
        "index_current": true,
    }));
    let current: Vec<Value> = datasets.iter().map(|d| d["name"].clone()).collect();
    json!({"datasets": datasets, "current": current, "outdated": [], "index_stale": false})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lists_as_opensanctions_does() {
        assert_eq!(dataset_name("OFAC SDN"), "us_ofac_sdn");
        assert_eq!(dataset_name("EU FSF"), "eu_fsf");
        assert_eq!(dataset_name("My Vendors (2026)"), "my_vendors_2026");
    }
}
