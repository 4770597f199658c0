//! Bytes → UTF-8 for CSV input, and the delimiter, both guessed the way people's files
//! need: Excel writes UTF-8 with a BOM, UTF-16 with a BOM ("Unicode text", tab-separated)
//! or Windows-1252 ("CSV" on Western Windows), with `,` or `;` depending on locale.

use encoding_rs::{Decoder, Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use std::io::{self, Read};

/// The encoding of a CSV file and how many BOM bytes to skip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sniffed {
    pub encoding: &'static Encoding,
    pub bom_len: usize,
}

/// Picks the encoding from the first bytes of a file (`prefix`; `whole` when that is the
/// whole file). A forced label wins (its own BOM is still skipped); else a BOM decides;
/// else UTF-8 when the prefix is valid UTF-8, Windows-1252 when it is not.
pub(crate) fn sniff_encoding(
    prefix: &[u8],
    whole: bool,
    forced: Option<&'static Encoding>,
) -> Sniffed {
    let bom = Encoding::for_bom(prefix);
    if let Some(encoding) = forced {
        let bom_len = match bom {
            Some((e, len)) if e == encoding => len,
            _ => 0,
        };
        return Sniffed { encoding, bom_len };
    }
    if let Some((encoding, bom_len)) = bom {
        return Sniffed { encoding, bom_len };
    }
    if let Some(encoding) = utf16_without_bom(prefix) {
        return Sniffed {
            encoding,
            bom_len: 0,
        };
    }
    let encoding = match std::str::from_utf8(prefix) {
        Ok(_) => UTF_8,
        // A character cut off by the end of the prefix is not an error.
        Err(e) if e.error_len().is_none() && !whole => UTF_8,
        Err(_) => WINDOWS_1252,
    };
    Sniffed {
        encoding,
        bom_len: 0,
    }
}

/// UTF-16 text without a BOM, told by its zero bytes: ASCII-range text in UTF-16LE has a
/// zero in every odd byte, in UTF-16BE in every even one. Text files have no other zeros.
fn utf16_without_bom(prefix: &[u8]) -> Option<&'static Encoding> {
    let sample = &prefix[..prefix.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zeros_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    if odd * 10 >= pairs * 3 && even == 0 {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 3 && odd == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The encoding a user's label names (`utf-8`, `utf-16le`, `windows-1252`, `latin1`, `cp1252` …).
pub(crate) fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    let label = label.trim();
    match label.to_ascii_lowercase().as_str() {
        "utf-16" | "utf16" | "utf16le" => Some(UTF_16LE),
        "utf16be" => Some(UTF_16BE),
        "cp1252" | "win1252" => Some(WINDOWS_1252),
        "utf8" => Some(UTF_8),
        _ => Encoding::for_label(label.as_bytes()),
    }
}

/// The delimiter of a header line: whichever of `,` `;` tab `|` occurs most often outside
/// quotes (`,` when none does, i.e. a one-column file).
pub(crate) fn sniff_delimiter(text: &str) -> u8 {
    const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];
    let mut counts = [0usize; 4];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = CANDIDATES.iter().position(|&c| c == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let mut best = 0;
    for i in 1..CANDIDATES.len() {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    CANDIDATES[best]
}

/// A reader that turns bytes in some encoding into UTF-8, streaming.
pub(crate) struct DecodeReader<R> {
    inner: R,
    decoder: Decoder,
    input: Vec<u8>,
    in_pos: usize,
    in_len: usize,
    output: Vec<u8>,
    out_pos: usize,
    out_len: usize,
    eof: bool,
    done: bool,
}

impl<R: Read> DecodeReader<R> {
    const IN_BUF: usize = 32 * 1024;

    /// Decodes `inner`, which must already be past any BOM.
    pub fn new(inner: R, encoding: &'static Encoding) -> DecodeReader<R> {
        DecodeReader {
            inner,
            decoder: encoding.new_decoder_without_bom_handling(),
            input: vec![0; Self::IN_BUF],
            in_pos: 0,
            in_len: 0,
            // Room for any input chunk: 3 UTF-8 bytes per input byte at worst, plus slack.
            output: vec![0; Self::IN_BUF * 3 + 16],
            out_pos: 0,
            out_len: 0,
            eof: false,
            done: false,
        }
    }
}

impl<R: Read> Read for DecodeReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.out_pos < self.out_len {
                let n = buf.len().min(self.out_len - self.out_pos);
                buf[..n].copy_from_slice(&self.output[self.out_pos..self.out_pos + n]);
                self.out_pos += n;
                return Ok(n);
            }
            if self.done || buf.is_empty() {
                return Ok(0);
            }
            if self.in_pos == self.in_len && !self.eof {
                let n = self.inner.read(&mut self.input)?;
                self.in_pos = 0;
                self.in_len = n;
                self.eof = n == 0;
            }
            let (result, read, written, _) = self.decoder.decode_to_utf8(
                &self.input[self.in_pos..self.in_len],
                &mut self.output,
                self.eof,
            );
            self.in_pos += read;
            self.out_pos = 0;
            self.out_len = written;
            if self.eof && result == encoding_rs::CoderResult::InputEmpty {
                self.done = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(bytes: &[u8], encoding: &'static Encoding) -> String {
        let mut out = String::new();
        // A one-byte inner reader exercises characters split across reads.
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                if self.0.is_empty() || buf.is_empty() {
                    return Ok(0);
                }
                buf[0] = self.0[0];
                self.0 = &self.0[1..];
                Ok(1)
            }
        }
        DecodeReader::new(Trickle(bytes), encoding)
            .read_to_string(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn decodes_utf16_and_windows_1252() {
        let utf16: Vec<u8> = "name\tRené Groß\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(decode_all(&utf16, UTF_16LE), "name\tRené Groß\n");
        assert_eq!(decode_all(b"Ren\xe9 Gro\xdf", WINDOWS_1252), "René Groß");
    }

    #[test]
    fn sniffs_encodings() {
        assert_eq!(sniff_encoding(b"\xef\xbb\xbfname", false, None).bom_len, 3);
        assert_eq!(
            sniff_encoding(b"\xff\xfen\0", false, None).encoding,
            UTF_16LE
        );
        assert_eq!(
            sniff_encoding(b"\xfe\xff\0n", false, None).encoding,
            UTF_16BE
        );
        assert_eq!(sniff_encoding("é".as_bytes(), true, None).encoding, UTF_8);
        assert_eq!(
            sniff_encoding(b"Ren\xe9", true, None).encoding,
            WINDOWS_1252
        );
        let le = b"n\0a\0m\0e\0;\0";
        assert_eq!(sniff_encoding(le, true, None).encoding, UTF_16LE);
        let be = b"\0n\0a\0m\0e\0;";
        assert_eq!(sniff_encoding(be, true, None).encoding, UTF_16BE);
        // A multi-byte character cut by the end of the prefix is still UTF-8.
        assert_eq!(
            sniff_encoding(&"aé".as_bytes()[..2], false, None).encoding,
            UTF_8
        );
        let forced = encoding_for_label("latin1");
        assert_eq!(sniff_encoding(b"abc", true, forced).encoding, WINDOWS_1252);
    }

    #[test]
    fn sniffs_delimiters() {
        assert_eq!(sniff_delimiter("id;name;country\n1,2;3"), b';');
        assert_eq!(sniff_delimiter("id\tname\tcountry"), b'\t');
        assert_eq!(sniff_delimiter("id|name"), b'|');
        assert_eq!(sniff_delimiter("\"a;b\",name,x"), b',');
        assert_eq!(sniff_delimiter("name"), b',');
    }
}
