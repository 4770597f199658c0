//! Name forms as stored in the index: compact records read without copying.
//!
//! A record is `entity (u32) · name index (u16) · name kind (u8) · via (u8) · token count
//! (u8)`, then per token `flags (u8: weak, syllable, pinyin, syllabic, surname) · document frequency (varint) · text length (u8) ·
//! text · skeleton length (u8) · skeleton`.
//! Scoring reads candidates' tokens straight from the mapped file.

use super::file::{read_varint, write_varint};
use crate::model::NameKind;
use crate::text::{TokenClass, TokenFlags, Via};

/// One stored token: its text, romanization skeleton, class and how many entities
/// carry it. The skeleton is stored so scoring never recomputes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StoredToken<'a> {
    pub text: &'a str,
    pub skeleton: &'a str,
    pub class: TokenClass,
    /// Its syllable structure.
    pub flags: TokenFlags,
    pub df: u32,
}

/// One stored form (reading) of one name of one entity.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredForm<'a> {
    pub entity: u32,
    pub name_index: u16,
    pub name_kind: NameKind,
    /// The system that produced this reading.
    pub via: Via,
    pub tokens: Vec<StoredToken<'a>>,
}

/// At most this many tokens of a name are kept (very long names are cut, not dropped).
pub const MAX_TOKENS: usize = 32;
const MAX_TOKEN_BYTES: usize = 255;

pub fn encode(out: &mut Vec<u8>, form: &StoredForm<'_>) {
    out.extend_from_slice(&form.entity.to_le_bytes());
    out.extend_from_slice(&form.name_index.to_le_bytes());
    out.push(name_kind_code(form.name_kind));
    out.push(form.via.code());
    let tokens = &form.tokens[..form.tokens.len().min(MAX_TOKENS)];
    out.push(tokens.len() as u8);
    for t in tokens {
        let class = match t.class {
            TokenClass::Name => 0,
            TokenClass::Weak => FLAG_WEAK,
        };
        out.push(
            class
                | flag(t.flags.syllable, FLAG_SYLLABLE)
                | flag(t.flags.pinyin, FLAG_PINYIN)
                | flag(t.flags.syllabic, FLAG_SYLLABIC)
                | flag(t.flags.surname, FLAG_SURNAME),
        );
        write_varint(out, u64::from(t.df));
        for part in [t.text, t.skeleton] {
            let part = truncate_at_char(part, MAX_TOKEN_BYTES);
            out.push(part.len() as u8);
            out.extend_from_slice(part.as_bytes());
        }
    }
}

/// Decodes one record; `None` when the bytes are not a well-formed record.
pub fn decode(bytes: &[u8]) -> Option<StoredForm<'_>> {
    let entity = u32::from_le_bytes(bytes.get(0..4)?.try_into().ok()?);
    let name_index = u16::from_le_bytes(bytes.get(4..6)?.try_into().ok()?);
    let name_kind = name_kind_from(*bytes.get(6)?)?;
    let via = Via::from_code(*bytes.get(7)?)?;
    let count = *bytes.get(8)? as usize;
    let mut pos = 9;
    let mut tokens = Vec::with_capacity(count);
    for _ in 0..count {
        let flags = *bytes.get(pos)?;
        if flags & !(FLAG_WEAK | FLAG_SYLLABLE | FLAG_PINYIN | FLAG_SYLLABIC | FLAG_SURNAME) != 0 {
            return None;
        }
        let class = if flags & FLAG_WEAK != 0 {
            TokenClass::Weak
        } else {
            TokenClass::Name
        };
        pos += 1;
        let df = u32::try_from(read_varint(bytes, &mut pos)?).ok()?;
        let text = read_str(bytes, &mut pos)?;
        let skeleton = read_str(bytes, &mut pos)?;
        tokens.push(StoredToken {
            text,
            skeleton,
            class,
            flags: TokenFlags {
                syllable: flags & FLAG_SYLLABLE != 0,
                pinyin: flags & FLAG_PINYIN != 0,
                syllabic: flags & FLAG_SYLLABIC != 0,
                surname: flags & FLAG_SURNAME != 0,
            },
            df,
        });
    }
    Some(StoredForm {
        entity,
        name_index,
        name_kind,
        via,
        tokens,
    })
}

const FLAG_WEAK: u8 = 1;
const FLAG_SYLLABLE: u8 = 2;
const FLAG_PINYIN: u8 = 4;
const FLAG_SYLLABIC: u8 = 8;
const FLAG_SURNAME: u8 = 16;

fn flag(on: bool, bit: u8) -> u8 {
    if on {
        bit
    } else {
        0
    }
}

/// A length-prefixed string at `*pos`, advancing it.
fn read_str<'a>(bytes: &'a [u8], pos: &mut usize) -> Option<&'a str> {
    let len = *bytes.get(*pos)? as usize;
    let text = std::str::from_utf8(bytes.get(*pos + 1..*pos + 1 + len)?).ok()?;
    *pos += 1 + len;
    Some(text)
}

fn truncate_at_char(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn name_kind_code(kind: NameKind) -> u8 {
    match kind {
        NameKind::Primary => 0,
        NameKind::Alias => 1,
        NameKind::WeakAlias => 2,
        NameKind::Former => 3,
        NameKind::OriginalScript => 4,
    }
}

fn name_kind_from(code: u8) -> Option<NameKind> {
    Some(match code {
        0 => NameKind::Primary,
        1 => NameKind::Alias,
        2 => NameKind::WeakAlias,
        3 => NameKind::Former,
        4 => NameKind::OriginalScript,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_a_form() {
        let form = StoredForm {
            entity: 7,
            name_index: 2,
            name_kind: NameKind::WeakAlias,
            via: Via::WadeGiles,
            tokens: vec![
                StoredToken {
                    text: "kim",
                    skeleton: "kim",
                    class: TokenClass::Name,
                    flags: TokenFlags {
                        syllable: true,
                        syllabic: true,
                        surname: true,
                        ..TokenFlags::default()
                    },
                    df: 600,
                },
                StoredToken {
                    text: "ltd",
                    skeleton: "ltd",
                    class: TokenClass::Weak,
                    flags: TokenFlags::default(),
                    df: 1,
                },
            ],
        };
        let mut buf = Vec::new();
        encode(&mut buf, &form);
        assert_eq!(decode(&buf), Some(form));
        assert_eq!(decode(&buf[..buf.len() - 1]), None);
        buf[7] = u8::MAX;
        assert_eq!(decode(&buf), None, "an unknown via code");
    }
}
