//! Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of
//! neighbours, each one edit. One implementation, for the typo reading of organisation
//! words (bounded: only "at most one or two edits" matters there) and for the scorer's
//! spelling similarity (the whole distance).
//!
//! Folded tokens are ASCII and short, so the work is on bytes in stack buffers, with no
//! allocation; only the unbounded distance of longer or non-ASCII text goes to `strsim`.

/// Longest input, in bytes, handled in the stack buffers (exclusive).
const WIDTH: usize = 48;

/// The distance of two strings, in characters.
pub fn osa_distance(a: &str, b: &str) -> usize {
    if a.is_ascii() && b.is_ascii() {
        // Unbounded: the distance of short input is below WIDTH, far under u8::MAX.
        if let Some(d) = osa_within(a.as_bytes(), b.as_bytes(), u8::MAX) {
            return usize::from(d);
        }
    }
    strsim::osa_distance(a, b)
}

/// The distance of two byte strings, if it is at most `max`. `None` also when either is
/// 48 bytes or longer: nothing that long is a typo of a short word.
pub fn osa_within(a: &[u8], b: &[u8], max: u8) -> Option<u8> {
    if a.len() >= WIDTH || b.len() >= WIDTH || a.len().abs_diff(b.len()) > usize::from(max) {
        return None;
    }
    let mut rows = [[0u8; WIDTH]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate().take(b.len() + 1) {
        *cell = j as u8;
    }
    // Row i lives in rows[i % 3]; the two before it in the other two.
    for i in 1..=a.len() {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur][0] = i as u8;
        let mut row_min = rows[cur][0];
        for j in 1..=b.len() {
            let sub = u8::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[prev][j] + 1)
                .min(rows[cur][j - 1] + 1)
                .min(rows[prev][j - 1] + sub);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[prev2][j - 2] + 1);
            }
            rows[cur][j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
    }
    let d = rows[a.len() % 3][b.len()];
    (d <= max).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_distance() {
        assert_eq!(osa_within(b"company", b"company", 1), Some(0));
        assert_eq!(osa_within(b"ocmpany", b"company", 1), Some(1));
        assert_eq!(osa_within(b"compan", b"company", 1), Some(1));
        assert_eq!(osa_within(b"cpnpany", b"company", 1), None);
        assert_eq!(osa_within(b"iliabiliyt", b"liability", 2), Some(2));
        assert_eq!(osa_within(b"", b"ab", 2), Some(2));
        assert_eq!(osa_within(&[b'a'; 60], &[b'a'; 60], 2), None);
    }

    #[test]
    fn osa_distance_agrees_with_strsim() {
        let long = "a".repeat(60);
        for (a, b) in [
            ("", ""),
            ("kim", ""),
            ("abcd", "acbd"),
            ("mohammad", "mohamad"),
            ("ca", "abc"),
            ("jongun", "jong"),
            ("müller", "muller"),
            (long.as_str(), "a"),
        ] {
            assert_eq!(osa_distance(a, b), strsim::osa_distance(a, b), "{a}/{b}");
        }
    }

    #[test]
    fn bounded_agrees_with_unbounded_within_the_bound() {
        let words = [
            "company",
            "compnay",
            "compan",
            "limited",
            "libility",
            "liability",
            "",
        ];
        for a in words {
            for b in words {
                let d = osa_distance(a, b);
                for max in 0..=2u8 {
                    let want = (d <= usize::from(max)).then_some(d as u8);
                    assert_eq!(osa_within(a.as_bytes(), b.as_bytes(), max), want, "{a}/{b}");
                }
            }
        }
    }
}
