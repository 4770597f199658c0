//! What produced a reading: one closed set, so a misspelt system name is a compile
//! error rather than a Chinese reading silently taken for a Korean one.

use super::Origin;

/// The romanization, transliteration or translation that produced a reading.
/// The discriminants are the codes the index stores: never renumber one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Via {
    /// The name's own Latin letters: no system at all.
    Latin = 0,
    /// A script other than Latin, Hangul and Han, letter by letter (`any_ascii`).
    Transliteration = 1,
    /// Han read in Mandarin pinyin.
    Pinyin = 2,
    /// Han read in Mandarin Wade-Giles.
    WadeGiles = 3,
    /// Han read in Hong Kong Cantonese.
    Cantonese = 4,
    /// Han organisation words translated into English.
    ChineseTranslation = 5,
    /// Han read as Korean syllables (金正恩 → 김정은).
    SinoKorean = 6,
    /// Hangul in McCune-Reischauer as the lists write it.
    McCuneReischauer = 7,
    /// Hangul in DPRK usage.
    Dprk = 8,
    /// Hangul in Revised Romanization.
    RevisedRomanization = 9,
    /// Hangul organisation words translated into English.
    KoreanTranslation = 10,
}

impl Via {
    /// Every variant, in code order.
    pub const ALL: [Via; 11] = [
        Via::Latin,
        Via::Transliteration,
        Via::Pinyin,
        Via::WadeGiles,
        Via::Cantonese,
        Via::ChineseTranslation,
        Via::SinoKorean,
        Via::McCuneReischauer,
        Via::Dprk,
        Via::RevisedRomanization,
        Via::KoreanTranslation,
    ];

    /// The name reasons print (`DPRK romanization`); empty for plain Latin.
    pub fn name(self) -> &'static str {
        match self {
            Via::Latin => "",
            Via::Transliteration => "transliteration",
            Via::Pinyin => "pinyin",
            Via::WadeGiles => "Wade-Giles",
            Via::Cantonese => "Cantonese",
            Via::ChineseTranslation => "Chinese translation",
            Via::SinoKorean => "Sino-Korean",
            Via::McCuneReischauer => "McCune-Reischauer",
            Via::Dprk => "DPRK romanization",
            Via::RevisedRomanization => "Revised Romanization",
            Via::KoreanTranslation => "Korean translation",
        }
    }

    /// Whether the reading was made from Han characters: two such readings spell sounds
    /// of characters, and many characters share a sound (`花` and `華` are both `hua`).
    pub fn reads_han(self) -> bool {
        matches!(
            self,
            Via::Pinyin
                | Via::WadeGiles
                | Via::Cantonese
                | Via::ChineseTranslation
                | Via::SinoKorean
        )
    }

    /// Which language's sounds the reading spells.
    pub fn origin(self) -> Origin {
        match self {
            Via::Latin | Via::Transliteration => Origin::Latin,
            Via::Pinyin | Via::WadeGiles | Via::Cantonese | Via::ChineseTranslation => {
                Origin::Chinese
            }
            Via::SinoKorean
            | Via::McCuneReischauer
            | Via::Dprk
            | Via::RevisedRomanization
            | Via::KoreanTranslation => Origin::Korean,
        }
    }

    /// The byte the index stores, which is also the position in [`Via::ALL`].
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The variant stored as `code`; `None` for a byte no variant has (a damaged index).
    pub fn from_code(code: u8) -> Option<Via> {
        Via::ALL.get(usize::from(code)).copied()
    }
}

/// How a query reading and a list reading compare, by the systems that produced them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadingPair {
    /// Both names are written in Korean, but one reading is McCune-Reischauer or DPRK
    /// spelling, which merge vowels Hangul keeps apart (김정은 and 김종은 are both
    /// `Kim Chong Un`): not compared.
    Lossy,
    /// Both names are written in Korean and read in Revised Romanization: tokens are
    /// the same syllables or different ones, no spelling rule applies.
    SameHangul,
    /// Both names are written in scripts read letter by letter (Arabic, Cyrillic,
    /// Devanagari …): their letters are compared as written, with no romanization rule.
    /// Two spellings of one Arabic name differ in a letter, not in vowels a romanization
    /// guessed, and the consonant skeletons such rules compare (`lrshd`, `lsd`) are too
    /// short to tell names apart.
    SameLetters,
    /// Anything else: romanization rules and spelling apply.
    Spellings,
}

/// How a query reading compares with a list reading, by the systems that produced them.
pub fn reading_pair(query_via: Via, list_via: Via) -> ReadingPair {
    if query_via == Via::Transliteration && list_via == Via::Transliteration {
        ReadingPair::SameLetters
    } else if !(spells_hangul(query_via) && spells_hangul(list_via)) {
        ReadingPair::Spellings
    } else if query_via == Via::RevisedRomanization && list_via == Via::RevisedRomanization {
        ReadingPair::SameHangul
    } else {
        ReadingPair::Lossy
    }
}

/// Whether a reading spells Hangul syllable by syllable in McCune-Reischauer, DPRK
/// usage or Revised Romanization (not a translation, not a reading of Han): every
/// variant is decided here, on purpose.
fn spells_hangul(via: Via) -> bool {
    match via {
        Via::McCuneReischauer | Via::Dprk | Via::RevisedRomanization => true,
        Via::Latin
        | Via::Transliteration
        | Via::Pinyin
        | Via::WadeGiles
        | Via::Cantonese
        | Via::ChineseTranslation
        | Via::SinoKorean
        | Via::KoreanTranslation => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_rejected() {
        for (i, via) in Via::ALL.into_iter().enumerate() {
            assert_eq!(usize::from(via.code()), i);
            assert_eq!(Via::from_code(via.code()), Some(via));
        }
        assert_eq!(Via::from_code(Via::ALL.len() as u8), None);
        assert_eq!(Via::from_code(u8::MAX), None);
    }
}
