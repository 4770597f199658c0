//! Brahmic scripts (Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu,
//! Kannada, Malayalam) letter by letter, vowels kept.
//!
//! These scripts write a vowel after a consonant as a combining sign, and none at all
//! for the consonant's inherent `a`. Folding drops combining marks as diacritics, which
//! left `शीला खान` (Shila Khan) as the consonant skeleton `shl khn`, and skeletons of
//! that length meet any acronym (`CGN`, `TTP`). Kept, with the inherent vowel supplied,
//! the name reads `sila khan`.

/// The nine scripts share one layout, a block of 0x80 code points each.
const FIRST_BLOCK: u32 = 0x0900;
const LAST_BLOCK_END: u32 = 0x0D7F;
const BLOCK: u32 = 0x80;

/// The character's offset in its Brahmic block, if it is in one.
fn offset(c: char) -> Option<u32> {
    let c = u32::from(c);
    (FIRST_BLOCK..=LAST_BLOCK_END)
        .contains(&c)
        .then(|| (c - FIRST_BLOCK) % BLOCK)
}

/// A vowel sign, virama, nukta or nasal mark of a Brahmic script: part of the spelling,
/// not a diacritic to drop.
pub fn is_sign(c: char) -> bool {
    offset(c).is_some() && unicode_normalization::char::is_combining_mark(c)
}

/// A consonant letter, which carries the vowel `a` unless a sign says otherwise.
fn is_consonant(c: char) -> bool {
    offset(c).is_some_and(|o| (0x15..=0x39).contains(&o) || (0x58..=0x5F).contains(&o))
}

/// Signs after which a consonant has no inherent vowel: a vowel sign replaces it, the
/// virama removes it, and the nukta only modifies the consonant (its vowel comes after).
fn cancels_inherent_vowel(c: char) -> bool {
    offset(c).is_some_and(|o| {
        (0x3C..=0x4D).contains(&o) || (0x55..=0x57).contains(&o) || (0x62..=0x63).contains(&o)
    })
}

/// Whether the inherent `a` is read after `c` when `next` follows: after a consonant not
/// followed by a vowel sign or virama, except at the end of a word, where Hindi and most
/// northern languages drop it (`नाथ` is `nath`, `खान` `khan`).
pub fn inherent_vowel(c: char, next: Option<char>) -> bool {
    is_consonant(c) && next.is_some_and(|n| offset(n).is_some() && !cancels_inherent_vowel(n))
}

#[cfg(test)]
mod tests {
    use crate::text::fold;

    #[test]
    fn vowels_are_kept_and_the_inherent_vowel_supplied() {
        assert_eq!(fold("शीला खान"), "sila khan");
        assert_eq!(fold("सरला थापा"), "sarala thapa");
        assert_eq!(fold("लीला नाथ"), "lila nath");
        assert_eq!(fold("मुरारीलाल"), "murarilal");
    }

    #[test]
    fn diacritics_of_latin_letters_are_still_dropped() {
        assert_eq!(fold("Soňa Kolář"), "sona kolar");
    }
}
