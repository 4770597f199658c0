//! Evidence beyond the name. A query's kind decides which entities its name may match at
//! all (a person is not a company); date of birth and country move a score up or down by
//! a bounded amount. A contradicting birth date moves a strong name hit down to review
//! level; neither removes a hit from the ranking.

use super::{Query, Scored};
use crate::error::Result;
use crate::index::Index;
use crate::model::{DateSpec, Entity, EntityKind};

/// Same person born on the same day.
const DOB_EXACT: f64 = 0.05;
/// Birth years agree (or overlap a listed range).
const DOB_YEAR: f64 = 0.02;
/// Birth years further apart than [`DOB_NEAR_YEARS`]: likely another person.
const DOB_CONTRADICTS: f64 = -0.25;
const DOB_NEAR: f64 = -0.03;
const DOB_NEAR_YEARS: i32 = 1;
const COUNTRY_MATCH: f64 = 0.02;
const COUNTRY_MISMATCH: f64 = -0.03;

/// Whether a listed entity of kind `listed` can match a query of kind `query` by name:
/// yes unless both are known and differ.
pub(crate) fn kinds_agree(query: Option<EntityKind>, listed: EntityKind) -> bool {
    match query {
        None | Some(EntityKind::Unknown) => true,
        Some(kind) => listed == EntityKind::Unknown || listed == kind,
    }
}

/// The most the evidence in `query` can add to a name score.
pub(crate) fn max_raise(query: &Query) -> f64 {
    let dob = if query.dob.is_some() {
        DOB_EXACT.max(DOB_YEAR)
    } else {
        0.0
    };
    let country = if query.country.is_some() {
        COUNTRY_MATCH
    } else {
        0.0
    };
    dob + country
}

/// Moves the scores of `scored` by the query's evidence. The caller passes only names that
/// can still reach the threshold (at least `threshold − max_raise`): entity records are
/// decoded for each, so the hopeless are not worth it.
pub(crate) fn apply(index: &Index, query: &Query, scored: &mut [Scored]) -> Result<()> {
    let wants_entity = query.dob.is_some() || query.country.is_some();
    for s in scored.iter_mut() {
        if !wants_entity {
            continue;
        }
        let entity = index.entity(s.entity)?;
        if let Some(dob) = &query.dob {
            if let Some((delta, why)) = dob_evidence(dob, &entity) {
                s.score += delta;
                s.features.dob += delta;
                s.adjustments.push(format!("{why} ({delta:+.2})"));
            }
        }
        if let Some(country) = &query.country {
            if let Some((delta, why)) = country_evidence(country, &entity) {
                s.score += delta;
                s.features.country += delta;
                s.adjustments.push(format!("{why} ({delta:+.2})"));
            }
        }
    }
    for s in scored.iter_mut() {
        s.score = s.score.clamp(0.0, 1.0);
    }
    Ok(())
}

/// Compares a query birth date with the entity's; `None` when the entity has none parsed.
fn dob_evidence(dob: &DateSpec, entity: &Entity) -> Option<(f64, String)> {
    let listed: Vec<&DateSpec> = entity
        .birth_dates
        .iter()
        .filter_map(|d| d.value.as_ref())
        .collect();
    if listed.is_empty() {
        return None;
    }
    if let Some(day) = dob.exact_day() {
        if listed.iter().any(|d| d.exact_day() == Some(day)) {
            return Some((DOB_EXACT, format!("date of birth {dob} matches")));
        }
    }
    let (qa, qb) = dob.year_span();
    let mut nearest = i32::MAX;
    for d in &listed {
        let (la, lb) = d.year_span();
        let gap = if qb < la {
            la - qb
        } else if lb < qa {
            qa - lb
        } else {
            0
        };
        nearest = nearest.min(gap);
    }
    let shown: Vec<String> = listed.iter().map(|d| d.to_string()).collect();
    Some(match nearest {
        0 => (
            DOB_YEAR,
            format!("birth year of {dob} matches {}", shown.join(", ")),
        ),
        g if g <= DOB_NEAR_YEARS => (
            DOB_NEAR,
            format!("date of birth {dob} is near listed {}", shown.join(", ")),
        ),
        _ => (
            DOB_CONTRADICTS,
            format!(
                "date of birth {dob} differs from listed {}",
                shown.join(", ")
            ),
        ),
    })
}

/// Compares a query country (ISO-2 code or name) with the entity's countries.
fn country_evidence(country: &str, entity: &Entity) -> Option<(f64, String)> {
    if entity.countries.is_empty() {
        return None;
    }
    let wanted = country.trim();
    let wanted_fold = crate::text::fold(wanted);
    let hit = entity.countries.iter().any(|c| {
        c.code
            .as_deref()
            .is_some_and(|code| code.eq_ignore_ascii_case(wanted))
            || crate::text::fold(&c.name) == wanted_fold
    });
    let codes: Vec<&str> = entity
        .countries
        .iter()
        .map(|c| c.code.as_deref().unwrap_or(c.name.as_str()))
        .collect();
    Some(if hit {
        (COUNTRY_MATCH, format!("country {wanted} matches"))
    } else {
        (
            COUNTRY_MISMATCH,
            format!("country {wanted} not among listed {}", codes.join(", ")),
        )
    })
}
