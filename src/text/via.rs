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
