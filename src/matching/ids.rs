//! Identifier evidence: a query's identifiers looked up in the index's identifier keys.
//!
//! An exact match of a strong identifier (wallet, IMO, MMSI, SWIFT, e-mail, website
//! domain, USCC, LEI) is a hit on its own; a weak one (passport, ID, tax or registration
//! number, phone) raises a name match that is already reported, or, with the issuing
//! country agreeing, sends the entity to review. A document number of the same type and
//! country that differs from every listed one lowers a name match.

use super::{Features, QueryIdentifier, Scored, DEFAULT_THRESHOLD};
use crate::error::{Error, Result};
use crate::index::Index;
use crate::model::{Entity, IdKind, Identifier};
use crate::text::ids::{self, IdKey, Strength};

/// The score of an exact match of a strong identifier.
pub const EXACT_SCORE: f64 = 1.0;
/// The score of a match of a strong identifier's wider key: the domain of an e-mail
/// address, another branch of a listed bank.
pub const WIDER_SCORE: f64 = 0.95;
/// A weak identifier with its issuing country agreeing, and no name match: review.
pub const WEAK_WITH_COUNTRY_SCORE: f64 = DEFAULT_THRESHOLD - 0.05;
/// A weak identifier takes a name score this share of the way to 1.
const WEAK_RAISE: f64 = 0.5;
/// A document number of the same type and country that differs from the listed ones.
const CONTRADICTION_FACTOR: f64 = 0.85;

/// A query identifier in canonical form, with its lookup keys.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub kind: IdKind,
    pub canonical: String,
    pub country: Option<String>,
    pub keys: Vec<IdKey>,
}

/// Resolves a query's identifiers: the type given or guessed from the shape, the value
/// canonical. A value that is not of its type is a query error naming both.
pub fn resolve(identifiers: &[QueryIdentifier]) -> Result<Vec<Resolved>> {
    identifiers
        .iter()
        .map(|q| {
            let kind = match q.kind {
                Some(kind) => kind,
                None => ids::guess(&q.value).ok_or_else(|| {
                    Error::Query(format!(
                        "identifier {:?}: its type cannot be told from its shape; give it \
                         (e-mail, website, crypto, imo, mmsi, swift_bic, uscc, lei, passport, \
                         national_id, tax_id, registration, phone)",
                        q.value
                    ))
                })?,
            };
            // A registration or tax number that is a USCC or an LEI is that, and strong.
            let kind = ids::refine(kind, &q.value);
            let country = q
                .country
                .as_deref()
                .and_then(crate::model::countries::code_for);
            let canonical = ids::canonical(kind, &q.value, country.as_deref())
                .map_err(|why| Error::Query(format!("identifier {:?}: {why}", q.value)))?;
            let keys = ids::query_keys(kind, &canonical);
            Ok(Resolved {
                kind,
                canonical,
                country,
                keys,
            })
        })
        .collect()
}

/// One entity an identifier of the query leads to.
#[derive(Debug, Clone)]
pub struct Finding {
    pub entity: u32,
    pub strength: Strength,
    /// The score a strong finding gives on its own (see [`EXACT_SCORE`]).
    pub score: f64,
    /// Whether the listed identifier's country agrees with the query's.
    pub same_country: bool,
    /// The reason a hit gives: `e-mail sales@x.com is listed (Email Address)`.
    pub reason: String,
    /// The listed identifier, as `type: value`.
    pub matched: String,
}

/// Looks every key of `resolved` up; one finding per entity and identifier, the
/// strongest first.
pub fn lookup(index: &Index, resolved: &[Resolved]) -> Result<Vec<Finding>> {
    let mut out: Vec<Finding> = Vec::new();
    for r in resolved {
        for (k, key) in r.keys.iter().enumerate() {
            for m in index.identifier_matches(&key.key) {
                if out
                    .iter()
                    .any(|f| f.entity == m.entity && f.strength <= key.strength)
                {
                    continue;
                }
                let entity = index.entity(m.entity)?;
                let listed = entity.identifiers.get(m.identifier as usize);
                let same_country = r
                    .country
                    .as_deref()
                    .is_some_and(|query| issued_in(&entity, listed, query));
                let exact = k == 0;
                out.push(Finding {
                    entity: m.entity,
                    strength: key.strength,
                    score: if exact { EXACT_SCORE } else { WIDER_SCORE },
                    same_country,
                    reason: reason(r, key, listed),
                    matched: listed.map_or_else(
                        || r.canonical.clone(),
                        |l| format!("{}: {}", ids::refine(l.kind, &l.value), l.value),
                    ),
                });
            }
        }
    }
    out.sort_by(|a, b| {
        a.strength
            .cmp(&b.strength)
            .then(b.score.total_cmp(&a.score))
    });
    Ok(out)
}

/// Whether a listed identifier was issued in `country` (ISO-2): by its own country, or,
/// when the list gives none, by one of the entity's countries.
fn issued_in(entity: &Entity, listed: Option<&Identifier>, country: &str) -> bool {
    match listed.and_then(|l| l.country.as_deref()) {
        Some(c) => crate::model::countries::code_for(c).as_deref() == Some(country),
        None => entity
            .countries
            .iter()
            .any(|c| c.code.as_deref() == Some(country)),
    }
}

fn reason(r: &Resolved, key: &IdKey, listed: Option<&Identifier>) -> String {
    let value = key
        .key
        .split_once(ids::KEY_SEPARATOR)
        .map_or(key.key.as_str(), |(_, v)| v);
    let shown = if value == r.canonical {
        r.canonical.clone()
    } else {
        format!("{} ({value})", r.canonical)
    };
    match listed {
        Some(l) => format!("{} {shown} is listed ({}: {})", key.what, l.label, l.value),
        None => format!("{} {shown} is listed", key.what),
    }
}

/// What a weak finding does to a name score that is already reported.
pub fn raise(name_score: f64) -> f64 {
    name_score + (1.0 - name_score) * WEAK_RAISE
}

/// A reason to lower a name match: the query's document number of some type and country
/// differs from every one the entity lists of that type and country.
pub fn contradiction(entity: &Entity, resolved: &[Resolved]) -> Option<(f64, String)> {
    for r in resolved {
        let (Some(country), true) = (&r.country, is_document(r.kind)) else {
            continue;
        };
        let same: Vec<&Identifier> = entity
            .identifiers
            .iter()
            .filter(|l| l.kind == r.kind && issued_in(entity, Some(l), country))
            .collect();
        let differs = !same.is_empty()
            && same.iter().all(|l| {
                ids::canonical(l.kind, &l.value, None).ok().as_deref() != Some(&r.canonical)
            });
        if differs {
            return Some((
                CONTRADICTION_FACTOR,
                format!(
                    "{} {} ({country}) differs from the listed {}",
                    r.kind.as_str(),
                    r.canonical,
                    same.iter()
                        .map(|l| l.value.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }
    None
}

fn is_document(kind: IdKind) -> bool {
    matches!(kind, IdKind::Passport | IdKind::NationalId | IdKind::Imo)
}

/// Marks a [`Scored`] found by an identifier alone: it has no name form.
pub(crate) const NO_FORM: u32 = u32::MAX;

/// Applies identifier findings to the scored names: strong findings make hits (adding
/// entities no name found), weak ones raise names already at `threshold` or, with the
/// issuing country agreeing, send the entity to review; document numbers that differ
/// from the listed ones lower the names they belong to.
pub(crate) fn apply(
    index: &Index,
    resolved: &[Resolved],
    findings: &[Finding],
    scored: &mut Vec<Scored>,
    threshold: f64,
) -> Result<()> {
    let mut touched: Vec<u32> = Vec::new();
    for f in findings {
        if touched.contains(&f.entity) {
            continue;
        }
        let existing = scored.iter_mut().find(|s| s.entity == f.entity);
        let score = match (f.strength, &existing) {
            (Strength::Strong, _) => Some(f.score),
            (Strength::Weak, Some(s)) if s.score >= threshold => Some(raise(s.score)),
            (Strength::Weak, _) if f.same_country => Some(WEAK_WITH_COUNTRY_SCORE),
            (Strength::Weak, _) => None,
        };
        let Some(score) = score else {
            continue;
        };
        touched.push(f.entity);
        match existing {
            Some(s) => {
                s.score = s.score.max(score);
                s.features.identifier = score;
                s.adjustments.insert(0, f.reason.clone());
                s.identifier = Some(f.matched.clone());
            }
            None => scored.push(Scored {
                entity: f.entity,
                form: NO_FORM,
                reading: 0,
                name_score: 0.0,
                score,
                adjustments: vec![f.reason.clone()],
                identifier: Some(f.matched.clone()),
                features: Features {
                    identifier: score,
                    ..Features::default()
                },
            }),
        }
    }
    if resolved
        .iter()
        .any(|r| is_document(r.kind) && r.country.is_some())
    {
        for s in scored.iter_mut().filter(|s| !touched.contains(&s.entity)) {
            if let Some((factor, why)) = contradiction(&index.entity(s.entity)?, resolved) {
                s.features.identifier_mismatch = 1.0 - factor;
                s.score *= factor;
                s.adjustments.push(why);
            }
        }
    }
    Ok(())
}
