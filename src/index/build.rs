//! Building an index: entities → analysed name forms → keys → FSTs, postings and stores.

use super::file::{assemble, write_varint, Section};
use super::forms::{self, StoredForm, StoredToken};
use super::{ids, typos, IndexMeta, ListSummary};
use crate::error::{Error, Result};
use crate::model::{Entity, EntityKind, LoadedList, NameKind};
use crate::text::{self, keys, Form, TokenFacts};
use rayon::prelude::*;
use std::collections::HashMap;

/// Postings of one key: the forms it occurs in, and in how many entities.
#[derive(Default)]
struct Posting {
    forms: Vec<u32>,
    entities: u32,
    last_entity: Option<u32>,
}

impl Posting {
    fn add(&mut self, form: u32, entity: u32) {
        if self.forms.last() != Some(&form) {
            self.forms.push(form);
        }
        if self.last_entity != Some(entity) {
            self.entities += 1;
            self.last_entity = Some(entity);
        }
    }
}

/// One entity's analysed names: (name index, name kind, form), duplicates removed.
type EntityForms = Vec<(u16, NameKind, Form)>;

/// Serialises `lists` into the bytes of an index file.
pub fn build_bytes(lists: &[LoadedList]) -> Result<Vec<u8>> {
    let entities: Vec<&Entity> = lists.iter().flat_map(|l| l.entities.iter()).collect();
    if entities.len() > u32::MAX as usize / 2 {
        return Err(Error::Other(format!(
            "{} entities are more than an index holds",
            entities.len()
        )));
    }
    let analysed: Vec<EntityForms> = entities.par_iter().map(|e| analyse_entity(e)).collect();

    let mut token_postings: HashMap<String, Posting> = HashMap::new();
    let mut skeleton_postings: HashMap<String, Posting> = HashMap::new();
    let mut form_id: u32 = 0;
    for (entity, forms) in analysed.iter().enumerate() {
        let entity = entity as u32;
        for (_, _, form) in forms {
            for key in keys::token_keys(&form.tokens) {
                for skel in keys::skeleton_keys(&key) {
                    skeleton_postings
                        .entry(skel)
                        .or_default()
                        .add(form_id, entity);
                }
                token_postings.entry(key).or_default().add(form_id, entity);
            }
            for token in &form.tokens {
                for key in keys::stored_pinyin_keys(&token.text) {
                    skeleton_postings
                        .entry(key)
                        .or_default()
                        .add(form_id, entity);
                }
            }
            form_id += 1;
        }
    }

    let mut postings = Vec::new();
    let (token_fst, token_offsets) = build_fst(&token_postings, &mut postings)?;
    let (skeleton_fst, _) = build_fst(&skeleton_postings, &mut postings)?;
    let (typo_fst, typo_sources) = typos::build(&token_offsets)?;
    let (identifier_fst, identifier_postings) = ids::build(&entities)?;

    let mut form_offsets = Vec::with_capacity((form_id as usize + 1) * 4);
    let mut form_entities = Vec::with_capacity(form_id as usize * 4);
    let mut form_bytes = Vec::new();
    let mut entity_table = Vec::with_capacity(entities.len() * 16);
    let mut entity_bytes = Vec::new();
    let mut next_form = 0u32;
    let mut facts: HashMap<&str, TokenFacts> = HashMap::new();
    for forms in &analysed {
        for (_, _, form) in forms {
            for t in &form.tokens {
                facts
                    .entry(t.text.as_str())
                    .or_insert_with(|| TokenFacts::of(&t.text));
            }
        }
    }
    for (index, (entity, forms)) in entities.iter().zip(&analysed).enumerate() {
        let start = entity_bytes.len();
        bincode::serialize_into(&mut entity_bytes, entity)
            .map_err(|e| Error::Other(format!("cannot store entity {}: {e}", entity.id)))?;
        push_u32(&mut entity_table, start, "entity store")?;
        push_u32(
            &mut entity_table,
            entity_bytes.len() - start,
            "entity record",
        )?;
        entity_table.extend_from_slice(&next_form.to_le_bytes());
        let count = u16::try_from(forms.len()).map_err(|_| {
            Error::Other(format!(
                "entity {} has more than 65,535 name forms",
                entity.id
            ))
        })?;
        entity_table.extend_from_slice(&count.to_le_bytes());
        entity_table.push(super::kind_code(entity.kind));
        entity_table.push(0);
        for (name_index, name_kind, form) in forms {
            push_u32(&mut form_offsets, form_bytes.len(), "form store")?;
            form_entities.extend_from_slice(&(index as u32).to_le_bytes());
            let stored = StoredForm {
                entity: index as u32,
                name_index: *name_index,
                name_kind: *name_kind,
                via: form.via,
                tokens: form
                    .tokens
                    .iter()
                    .map(|t| {
                        let f = &facts[t.text.as_str()];
                        StoredToken {
                            text: &t.text,
                            skeleton: &f.skeleton,
                            class: stored_class(entity.kind, t),
                            flags: f.flags,
                            df: token_postings.get(&t.text).map_or(1, |p| p.entities),
                        }
                    })
                    .collect(),
            };
            forms::encode(&mut form_bytes, &stored);
            next_form += 1;
        }
    }
    push_u32(&mut form_offsets, form_bytes.len(), "form store")?;

    let meta = IndexMeta {
        redflag_version: env!("CARGO_PKG_VERSION").to_string(),
        lists: lists.iter().map(ListSummary::of).collect(),
        entities: entities.len() as u32,
        forms: form_id,
    };
    let meta =
        bincode::serialize(&meta).map_err(|e| Error::Other(format!("cannot store meta: {e}")))?;
    Ok(assemble(&[
        (Section::Meta, meta),
        (Section::TokenFst, token_fst),
        (Section::SkeletonFst, skeleton_fst),
        (Section::Postings, postings),
        (Section::FormOffsets, form_offsets),
        (Section::Forms, form_bytes),
        (Section::EntityTable, entity_table),
        (Section::Entities, entity_bytes),
        (Section::TypoFst, typo_fst),
        (Section::TypoSources, typo_sources),
        (Section::FormEntities, form_entities),
        (Section::IdentifierFst, identifier_fst),
        (Section::IdentifierPostings, identifier_postings),
    ]))
}

/// Analyses every name of an entity, keeping one copy of forms that read alike (the
/// strongest name kind wins).
fn analyse_entity(entity: &Entity) -> EntityForms {
    let mut out: EntityForms = Vec::new();
    for (i, name) in entity.names.iter().enumerate().take(u16::MAX as usize) {
        for form in text::analyze(&name.text) {
            match out.iter_mut().find(|(_, _, f)| f.tokens == form.tokens) {
                Some(existing) if name_rank(name.kind) < name_rank(existing.1) => {
                    *existing = (i as u16, name.kind, form)
                }
                Some(_) => {}
                None => out.push((i as u16, name.kind, form)),
            }
        }
    }
    out
}

/// Lower is stronger.
fn name_rank(kind: NameKind) -> u8 {
    match kind {
        NameKind::Primary => 0,
        NameKind::OriginalScript => 1,
        NameKind::Alias => 2,
        NameKind::Former => 3,
        NameKind::WeakAlias => 4,
    }
}

/// Keys with the offsets of their postings.
type KeyOffsets<'a> = Vec<(&'a str, u64)>;

/// Writes each key's postings (entity count, form count, delta-coded form ids) and maps
/// the key to their offset; also returns the keys with their offsets.
fn build_fst<'a>(
    map: &'a HashMap<String, Posting>,
    postings: &mut Vec<u8>,
) -> Result<(Vec<u8>, KeyOffsets<'a>)> {
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort_unstable();
    let mut offsets = Vec::with_capacity(keys.len());
    let mut builder = fst::MapBuilder::memory();
    for key in keys {
        let posting = &map[key];
        let offset = postings.len() as u64;
        write_varint(postings, u64::from(posting.entities));
        write_varint(postings, posting.forms.len() as u64);
        let mut previous = 0u32;
        for &f in &posting.forms {
            write_varint(postings, u64::from(f - previous));
            previous = f;
        }
        builder
            .insert(key, offset)
            .map_err(|e| Error::Other(format!("cannot build key index: {e}")))?;
        offsets.push((key.as_str(), offset));
    }
    let bytes = builder
        .into_inner()
        .map_err(|e| Error::Other(format!("cannot build key index: {e}")))?;
    Ok((bytes, offsets))
}

fn push_u32(out: &mut Vec<u8>, value: usize, what: &str) -> Result<()> {
    let v = u32::try_from(value)
        .map_err(|_| Error::Other(format!("{what} exceeds 4 GiB: too large for an index")))?;
    out.extend_from_slice(&v.to_le_bytes());
    Ok(())
}

/// A legal form in a person's name is a surname that happens to spell one (`PAO, Yu Yi`:
/// Pao, not a Russian joint-stock company), and weighs as a name word: leaving it
/// unpaired is leaving the surname out.
fn stored_class(kind: EntityKind, token: &text::Token) -> text::TokenClass {
    if kind == EntityKind::Person && token.text.starts_with('~') {
        text::TokenClass::Name
    } else {
        token.class
    }
}
