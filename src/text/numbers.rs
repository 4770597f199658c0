//! Numbers spelled in words read as digits (`Forty-Four` → `44`, `First` → `1st`), so a
//! name written either way has the same tokens (`Brigade 44`, `1st International Bank`).

/// The value of a cardinal number word below one hundred.
fn cardinal(word: &str) -> Option<u32> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(n) = UNITS.iter().position(|w| *w == word) {
        return Some(n as u32);
    }
    if word == "fourty" {
        // A common misspelling.
        return Some(40);
    }
    TENS.iter()
        .position(|w| *w == word)
        .map(|n| 20 + 10 * n as u32)
}

/// The digit spelling of an ordinal number word up to the twelfth.
fn ordinal(word: &str) -> Option<&'static str> {
    Some(match word {
        "first" => "1st",
        "second" => "2nd",
        "third" => "3rd",
        "fourth" => "4th",
        "fifth" => "5th",
        "sixth" => "6th",
        "seventh" => "7th",
        "eighth" => "8th",
        "ninth" => "9th",
        "tenth" => "10th",
        "eleventh" => "11th",
        "twelfth" => "12th",
        _ => return None,
    })
}

/// A token's value as a number from 0 to 99, in digits or in words.
fn value(token: &str) -> Option<u32> {
    if !token.is_empty() && token.len() <= 2 && token.bytes().all(|b| b.is_ascii_digit()) {
        return token.parse().ok();
    }
    cardinal(token)
}

/// Rewrites folded tokens with number words as digits; a tens word and a unit after it
/// make one number (`forty four`, `forty 4` → `44`).
pub fn as_digits(tokens: Vec<String>) -> Vec<String> {
    if !tokens
        .iter()
        .any(|t| cardinal(t).is_some() || ordinal(t).is_some())
    {
        return tokens;
    }
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        if let Some(o) = ordinal(token) {
            out.push(o.to_string());
        } else if let Some(n) = cardinal(token) {
            let unit = tokens
                .get(i + 1)
                .and_then(|t| value(t))
                .filter(|u| (1..10).contains(u));
            match unit {
                Some(u) if n >= 20 && n % 10 == 0 => {
                    out.push((n + u).to_string());
                    i += 1;
                }
                _ => out.push(n.to_string()),
            }
        } else {
            out.push(token.clone());
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(text: &str) -> Vec<String> {
        as_digits(text.split(' ').map(str::to_string).collect())
    }

    #[test]
    fn number_words_read_as_digits() {
        assert_eq!(digits("brigade forty four"), ["brigade", "44"]);
        assert_eq!(digits("brigade fourty 4"), ["brigade", "44"]);
        assert_eq!(digits("three percenters"), ["3", "percenters"]);
        assert_eq!(
            digits("first international bank"),
            ["1st", "international", "bank"]
        );
        assert_eq!(digits("twenty"), ["20"]);
        // A unit before a tens word, or a tens word before a number over nine, stays.
        assert_eq!(digits("four forty"), ["4", "40"]);
        assert_eq!(digits("forty 12"), ["40", "12"]);
        assert_eq!(digits("kim jong un"), ["kim", "jong", "un"]);
    }
}
