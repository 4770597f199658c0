//! An onboarding flow: screen a new customer before the account opens.
//!
//! The index is opened once and shared by every request handler (it is `Send + Sync`);
//! each new customer is one `Query` with what the form collected.
//!
//!     cargo run --release --example onboarding

use redflag::model::{DateSpec, EntityKind};
use redflag::{Index, Query};

/// What the onboarding form collected.
struct Applicant {
    name: &'static str,
    kind: EntityKind,
    country: Option<&'static str>,
    born: Option<DateSpec>,
}

enum Decision {
    Approve,
    Review(String),
    Block(String),
}

/// Scores at or above this block the account; between the review level and it, an
/// analyst looks first.
const REVIEW_LEVEL: f64 = 0.65;

fn screen(index: &Index, a: &Applicant) -> redflag::Result<Decision> {
    let query = Query {
        name: a.name.to_string(),
        kind: Some(a.kind),
        country: a.country.map(str::to_string),
        dob: a.born.clone(),
        identifiers: Vec::new(),
        top: 3,
        threshold: REVIEW_LEVEL,
    };
    let hits = index.search(&query)?;
    let Some(best) = hits.first() else {
        return Ok(Decision::Approve);
    };
    let why = format!(
        "{} {} ({}, score {:.2}): {}",
        best.list,
        best.entity_id,
        best.name,
        best.score,
        best.reasons.join("; ")
    );
    Ok(if best.score >= redflag::DEFAULT_THRESHOLD {
        Decision::Block(why)
    } else {
        Decision::Review(why)
    })
}

fn main() -> redflag::Result<()> {
    let index = redflag::lists::open_default()?;
    let applicants = [
        Applicant {
            name: "Acme Animation Studio Ltd",
            kind: EntityKind::Organization,
            country: Some("CN"),
            born: None,
        },
        Applicant {
            name: "Korea Ryonbong General Corp",
            kind: EntityKind::Organization,
            country: None,
            born: None,
        },
        Applicant {
            name: "김정은",
            kind: EntityKind::Person,
            country: Some("KP"),
            born: Some(DateSpec::Year { year: 1984 }),
        },
    ];
    for a in &applicants {
        match screen(&index, a)? {
            Decision::Approve => println!("APPROVE {}", a.name),
            Decision::Review(why) => println!("REVIEW  {}\n        {why}", a.name),
            Decision::Block(why) => println!("BLOCK   {}\n        {why}", a.name),
        }
    }
    Ok(())
}
