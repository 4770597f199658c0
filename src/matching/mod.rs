//! Queries in, ranked hits out: candidate retrieval over the index, then scoring.

pub mod candidates;
pub(crate) mod ids;
pub mod score;

use crate::model::{DateSpec, EntityKind, IdKind, NameKind};
use serde::Serialize;

/// The score at or above which a hit is reported when a query names no threshold.
pub const DEFAULT_THRESHOLD: f64 = 0.80;

/// What to screen: a name and, optionally, evidence about who is meant.
#[derive(Debug, Clone)]
pub struct Query {
    /// The name, in any script; empty when identifiers alone are screened.
    pub name: String,
    /// Person, organisation, vessel or aircraft, when known: a listed kind that differs lowers the score.
    pub kind: Option<EntityKind>,
    /// ISO 3166-1 alpha-2 code or a country name.
    pub country: Option<String>,
    /// Date of birth, as precise as known: a listed date that agrees raises the score, one that contradicts lowers it.
    pub dob: Option<DateSpec>,
    /// Identifiers (e-mail, website, wallet, IMO …): strong ones find an entity on their
    /// own, weak ones raise a name match.
    pub identifiers: Vec<QueryIdentifier>,
    /// At most this many hits.
    pub top: usize,
    /// Only hits scoring at least this.
    pub threshold: f64,
}

impl Query {
    /// A name-only query with the default top (10) and threshold.
    pub fn new(name: impl Into<String>) -> Query {
        Query {
            name: name.into(),
            kind: None,
            country: None,
            dob: None,
            identifiers: Vec::new(),
            top: 10,
            threshold: DEFAULT_THRESHOLD,
        }
    }

    /// Adds an identifier; `kind` `None` guesses the type from the value's shape.
    pub fn identifier(mut self, kind: Option<IdKind>, value: impl Into<String>) -> Query {
        self.identifiers.push(QueryIdentifier {
            kind,
            value: value.into(),
            country: None,
        });
        self
    }
}

/// An identifier of a query, as the user or a spreadsheet cell wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryIdentifier {
    /// The type, or `None` to guess it from the shape (e-mail, URL, IMO, wallet, SWIFT,
    /// USCC, LEI).
    pub kind: Option<IdKind>,
    /// The value as written (`mailto:` prefixes, URLs and spacing are read through).
    pub value: String,
    /// The issuing country (ISO-2 code or name), for document numbers.
    pub country: Option<String>,
}

/// One listed entity that matches a query, with why.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// The entity's id in its list (`ofac:20157`, `un:KPi.033`).
    pub entity_id: String,
    /// In [0, 1]; see `score.rs` for what the numbers mean.
    pub score: f64,
    /// The entity's display name.
    pub name: String,
    /// The list name that matched best.
    pub matched_name: String,
    /// What matched: `primary`, `alias`, `weak alias`, `original script`, `identifier` ….
    pub matched_name_kind: &'static str,
    /// The listed identifier that matched, as `type: value` (`email: sales@x.com`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched_identifier: Option<String>,
    /// The list the entity is on.
    pub list: String,
    /// Person, organisation, vessel or aircraft.
    pub kind: EntityKind,
    /// The sanctions programmes it is listed under.
    pub programs: Vec<String>,
    /// Human-readable reasons: which tokens paired, what bridged scripts, what moved the score.
    pub reasons: Vec<String>,
    /// The score taken apart: what the name gave and what each kind of evidence added or
    /// took away. A service reports these as numbers beside the readable reasons.
    #[serde(skip)]
    pub features: Features,
}

/// What each kind of evidence contributed to a [`Hit`]'s score, before the score was
/// clamped to [0, 1]. Deltas are signed: a contradicting birth date is negative.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Features {
    /// The best name score (0 when an identifier alone found the entity).
    pub name: f64,
    /// What the birth date added (positive) or took away (negative).
    pub dob: f64,
    /// What the country added or took away.
    pub country: f64,
    /// The score a matching identifier gave on its own or raised the name to; 0 if none.
    pub identifier: f64,
    /// The share of the score a differing document number took away (0 if none).
    pub identifier_mismatch: f64,
}

/// Anything that answers queries: the index, or a stand-in in tests.
pub trait Matcher: Sync {
    /// Screens one query; hits sorted by score, best first.
    fn search(&self, query: &Query) -> crate::Result<Vec<Hit>>;
}

mod evidence;

use crate::error::{Error, Result};
use crate::index::Index;
use crate::text::{self, Form, ReadingPair, Via};
use score::{QueryToken, Reading, Scratch};

/// The index answers queries; the impl lives here, beside the search it calls, so the
/// index knows nothing of matching (data flows one way: index below, matching above).
impl Matcher for Index {
    fn search(&self, query: &Query) -> Result<Vec<Hit>> {
        search(self, query)
    }
}

impl Index {
    /// Screens one query; hits sorted by score, best first.
    pub fn search(&self, query: &Query) -> Result<Vec<Hit>> {
        search(self, query)
    }
}

/// Longest query name accepted, in characters: no real name is longer, and it bounds
/// the work one query can cause.
pub const MAX_QUERY_CHARS: usize = 1_000;

/// Screens one query against the index; hits sorted by score, best first.
pub fn search(index: &Index, query: &Query) -> Result<Vec<Hit>> {
    let Found {
        forms,
        readings,
        scored,
    } = find(index, query)?;
    scored
        .into_iter()
        .map(|s| match s.form {
            ids::NO_FORM => identifier_hit(index, s),
            _ => {
                let reading = &readings[s.reading];
                make_hit(index, query, reading, forms[s.reading].via, s)
            }
        })
        .collect()
}

/// The entities [`search`] finds (their positions in the index), best first, without
/// the hits' names and reasons: for callers that only need to know which entities.
pub fn search_entities(index: &Index, query: &Query) -> Result<Vec<u32>> {
    Ok(find(index, query)?
        .scored
        .into_iter()
        .map(|s| s.entity)
        .collect())
}

/// What a search scored, best first, with the query's forms and readings the scores
/// refer to.
struct Found {
    forms: Vec<Form>,
    readings: Vec<Reading>,
    scored: Vec<Scored>,
}

fn find(index: &Index, query: &Query) -> Result<Found> {
    let resolved = ids::resolve(&query.identifiers)?;
    // A query of identifiers alone has no name to analyse.
    let forms = match query.name.trim().is_empty() && !resolved.is_empty() {
        true => Vec::new(),
        false => analyse_query(&query.name)?,
    };
    let readings: Vec<Reading> = forms
        .iter()
        .map(|f| {
            let tokens = f.tokens.iter().map(|t| query_token(index, t)).collect();
            Reading::new(tokens, f.origin())
        })
        .collect();
    // Name scores below this cannot become hits, whatever the other evidence adds.
    let floor = query.threshold - evidence::max_raise(query);
    let n = index.entity_count() as u32;
    let mut scratch = Scratch::default();
    let mut scored: Vec<Scored> = Vec::new();
    for candidate in candidates::collect(index, &forms) {
        // A person is not a company, nor a vessel an aircraft: a query that says its kind
        // is not matched by name against another (identifiers still find any kind).
        if !evidence::kinds_agree(query.kind, index.entity_kind(candidate.entity)) {
            continue;
        }
        let not_a_person = not_a_person(query, index.entity_kind(candidate.entity));
        let mut best: Option<Scored> = None;
        // Decoded only if a Han reading meets a Han reading (see below).
        let mut listed: Option<crate::model::Entity> = None;
        for &(form_id, reached_by) in &candidate.forms {
            let Some(form) = index.form(form_id) else {
                continue;
            };
            let factor = name_kind_factor(form.name_kind);
            for (r, reading) in readings.iter().enumerate() {
                if r < 8 && reached_by & (1 << r) == 0 {
                    continue;
                }
                let pair = text::reading_pair(forms[r].via, form.via);
                if pair == ReadingPair::Lossy {
                    continue;
                }
                let mut value = factor
                    * score::score_form(
                        reading,
                        &form,
                        pair,
                        not_a_person,
                        n,
                        floor / factor,
                        &mut scratch,
                    );
                // Two names written in Han are one name by their characters: their
                // readings meet for any characters that sound alike.
                let mut adjustments = Vec::new();
                if value >= floor && forms[r].via.reads_han() && form.via.reads_han() {
                    if listed.is_none() {
                        listed = Some(index.entity(candidate.entity)?);
                    }
                    let listed_name = listed
                        .as_ref()
                        .and_then(|e| e.names.get(form.name_index as usize))
                        .map_or("", |n| n.text.as_str());
                    let shared = text::han::shared_characters(&query.name, listed_name);
                    if shared < 1.0 {
                        value *= shared;
                        adjustments.push(format!(
                            "Han characters: {:.0}% of the query's in the listed name (x{shared:.2})",
                            shared * 100.0
                        ));
                    }
                }
                if best.as_ref().is_none_or(|b| value > b.name_score) {
                    best = Some(Scored {
                        entity: candidate.entity,
                        form: form_id,
                        reading: r,
                        name_score: value,
                        score: value,
                        adjustments,
                        identifier: None,
                        features: Features {
                            name: value,
                            ..Features::default()
                        },
                    });
                }
            }
        }
        scored.extend(best);
    }
    // Below the floor nothing the evidence adds reaches the threshold.
    scored.retain(|s| s.score >= floor);
    evidence::apply(index, query, &mut scored)?;
    if !resolved.is_empty() {
        let findings = ids::lookup(index, &resolved)?;
        ids::apply(index, &resolved, &findings, &mut scored, query.threshold)?;
    }
    scored.retain(|s| s.score > 0.0 && s.score >= query.threshold);
    scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entity.cmp(&b.entity)));
    scored.truncate(query.top.max(1));
    Ok(Found {
        forms,
        readings,
        scored,
    })
}

/// A query token with what the index and the text rules know of it.
fn query_token(index: &Index, t: &text::Token) -> QueryToken {
    QueryToken {
        text: t.text.clone(),
        class: t.class,
        facts: text::TokenFacts::of(&t.text),
        df: index.key_df(&t.text),
    }
}

/// Checks and analyses a query name.
fn analyse_query(name: &str) -> Result<Vec<Form>> {
    if name.trim().is_empty() {
        return Err(Error::Query("the name is empty".into()));
    }
    let chars = name.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(Error::Query(format!(
            "the name is {chars} characters long; at most {MAX_QUERY_CHARS} are accepted"
        )));
    }
    let forms = text::analyze(name);
    if forms.is_empty() {
        return Err(Error::Query(format!(
            "the name {name:?} has no letters or digits"
        )));
    }
    Ok(forms)
}

/// A candidate's best name score — which stored form, which query reading — and what
/// evidence did to it.
pub(crate) struct Scored {
    pub entity: u32,
    pub form: u32,
    pub reading: usize,
    pub name_score: f64,
    pub score: f64,
    pub adjustments: Vec<String>,
    /// The listed identifier that matched, if one did (see [`Hit::matched_identifier`]).
    pub identifier: Option<String>,
    /// The score taken apart, kept in step with `score` and `adjustments`.
    pub features: Features,
}

/// Whether the listed entity is a company, vessel or aircraft and the query did not say
/// what it names: a name shaped like a person's then pays more (see `score`).
fn not_a_person(query: &Query, listed: EntityKind) -> bool {
    query.kind.is_none() && !matches!(listed, EntityKind::Person | EntityKind::Unknown)
}

/// Weak aliases are too broad to identify on their own: they count a little less.
fn name_kind_factor(kind: NameKind) -> f64 {
    match kind {
        NameKind::WeakAlias => 0.9,
        _ => 1.0,
    }
}

/// A hit found by an identifier alone: no name matched, the reasons say which
/// identifier did.
fn identifier_hit(index: &Index, s: Scored) -> Result<Hit> {
    let entity = index.entity(s.entity)?;
    Ok(Hit {
        entity_id: entity.id.clone(),
        score: (s.score * 10_000.0).round() / 10_000.0,
        name: entity.primary_name().to_string(),
        matched_name: entity.primary_name().to_string(),
        matched_name_kind: "identifier",
        matched_identifier: s.identifier,
        list: entity.list.clone(),
        kind: entity.kind,
        programs: entity.programs.clone(),
        reasons: s.adjustments,
        features: s.features,
    })
}

fn make_hit(
    index: &Index,
    query: &Query,
    reading: &Reading,
    query_via: Via,
    s: Scored,
) -> Result<Hit> {
    let entity = index.entity(s.entity)?;
    let form = index
        .form(s.form)
        .ok_or_else(|| index.corrupt(format!("name form {} is unreadable", s.form)))?;
    let n = index.entity_count() as u32;
    let pair = text::reading_pair(query_via, form.via);
    let not_a_person = not_a_person(query, entity.kind);
    let pairs = score::explain_form(
        reading,
        &form,
        pair,
        not_a_person,
        n,
        &mut Scratch::default(),
    );
    let matched = entity
        .names
        .get(form.name_index as usize)
        .map(|n| n.text.clone())
        .unwrap_or_default();
    let mut reasons = vec![format!(
        "name {:.2}: matched {:?} ({})",
        s.name_score,
        matched,
        form.name_kind.as_str()
    )];
    if query_via != Via::Latin {
        let tokens: Vec<&str> = reading.tokens.iter().map(|t| t.text.as_str()).collect();
        reasons.push(format!(
            "{} → {} ({})",
            query.name,
            tokens.join(" "),
            query_via.name()
        ));
    }
    if form.via != Via::Latin {
        let tokens: Vec<&str> = form.tokens.iter().map(|t| t.text).collect();
        reasons.push(format!(
            "{matched} → {} ({})",
            tokens.join(" "),
            form.via.name()
        ));
    }
    let pairs: Vec<String> = pairs
        .iter()
        .map(|p| {
            if p.query == p.candidate {
                p.query.clone()
            } else {
                format!("{}~{} {:.2}", p.query, p.candidate, p.similarity)
            }
        })
        .collect();
    reasons.push(format!("tokens: {}", pairs.join(", ")));
    reasons.extend(s.adjustments);
    Ok(Hit {
        entity_id: entity.id.clone(),
        score: (s.score * 10_000.0).round() / 10_000.0,
        name: entity.primary_name().to_string(),
        matched_name: matched,
        matched_name_kind: form.name_kind.as_str(),
        matched_identifier: s.identifier,
        list: entity.list.clone(),
        kind: entity.kind,
        programs: entity.programs.clone(),
        reasons,
        features: s.features,
    })
}
