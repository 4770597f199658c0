//! Small helpers shared by the XML loaders.

use crate::error::{Error, Location, Result};
use quick_xml::events::{BytesStart, Event};
use std::borrow::Cow;

/// The local name (namespace prefix dropped) of the first element in `text`, skipping the
/// XML declaration, comments, processing instructions and a DOCTYPE.
pub fn root_element_name(text: &str) -> Option<String> {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("<?") {
            rest = &after[after.find("?>")? + 2..];
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = &after[after.find("-->")? + 3..];
        } else if let Some(after) = rest.strip_prefix("<!") {
            rest = &after[after.find('>')? + 1..];
        } else if let Some(after) = rest.strip_prefix('<') {
            let end = after
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(after.len());
            let qname = &after[..end];
            let local = qname.rsplit(':').next().unwrap_or(qname);
            return (!local.is_empty()).then(|| local.to_string());
        } else {
            return None;
        }
    }
}

/// The local part of a qualified XML name (`ns:sdnEntry` → `sdnEntry`).
pub fn local_name(qname: &[u8]) -> &[u8] {
    match qname.iter().rposition(|&b| b == b':') {
        Some(i) => &qname[i + 1..],
        None => qname,
    }
}

/// One step of a [`Walker`]: an element opens (empty elements open and close), closes,
/// or yields a piece of text (entity references already resolved).
pub enum Step<'a> {
    Open(BytesStart<'a>),
    Close(Vec<u8>),
    Text(Cow<'a, str>),
    End,
}

/// A streaming walk over an XML document that keeps the stack of open element names
/// (local names), resolves `&…;` references, and turns every failure, including a file
/// that ends inside an element, into an [`Error`] naming the byte offset.
pub struct Walker<'a> {
    reader: quick_xml::Reader<&'a [u8]>,
    file: &'a str,
    /// Bytes skipped before the reader's input (a UTF-8 BOM), added to positions.
    base: u64,
    open: Vec<Vec<u8>>,
    /// Set after an empty element `<x/>` was reported as open: it closes next.
    close_next: bool,
    /// Byte offset where the last returned step started.
    start: u64,
    seen_root: bool,
    /// Length of the reader's input, to tell a cut-off file from a malformed one.
    len: u64,
}

impl<'a> Walker<'a> {
    /// Checks the bytes are UTF-8 (naming the first bad byte) and starts the walk.
    pub fn new(file: &'a str, bytes: &'a [u8]) -> Result<Walker<'a>> {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            Error::parse(
                file,
                Location::Byte(e.valid_up_to() as u64),
                "invalid UTF-8, expected a UTF-8 XML document",
            )
        })?;
        let (text, base) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (rest, 3),
            None => (text, 0),
        };
        Ok(Walker {
            reader: quick_xml::Reader::from_str(text),
            file,
            base,
            open: Vec::new(),
            close_next: false,
            start: base,
            seen_root: false,
            len: text.len() as u64,
        })
    }

    /// Number of open elements (the root element is depth 1 while it is open).
    pub fn depth(&self) -> usize {
        self.open.len()
    }

    /// Byte offset where the last returned step started.
    pub fn position(&self) -> u64 {
        self.start
    }

    /// An error at the current position.
    pub fn error(&self, message: impl Into<String>) -> Error {
        Error::parse(self.file, Location::Byte(self.start), message)
    }

    /// The next step; [`Step::End`] once the root element has closed and input is over.
    pub fn next_step(&mut self) -> Result<Step<'a>> {
        if self.close_next {
            self.close_next = false;
            let name = self.open.pop().unwrap_or_default();
            return Ok(Step::Close(name));
        }
        loop {
            self.start = self.base + self.reader.buffer_position();
            let event = self.reader.read_event().map_err(|e| self.syntax_error(e))?;
            match event {
                Event::Start(e) => return Ok(self.opened(e)),
                Event::Empty(e) => {
                    self.close_next = true;
                    return Ok(self.opened(e));
                }
                Event::End(_) => return Ok(Step::Close(self.open.pop().unwrap_or_default())),
                Event::Text(t) => {
                    let text = t
                        .xml_content()
                        .map_err(|e| self.error(format!("undecodable text: {e}")))?;
                    return Ok(Step::Text(text));
                }
                Event::CData(t) => {
                    let text = t
                        .decode()
                        .map_err(|e| self.error(format!("undecodable CDATA: {e}")))?;
                    return Ok(Step::Text(text));
                }
                Event::GeneralRef(r) => return self.reference(&r).map(Step::Text),
                Event::Eof => return self.finished(),
                _ => {}
            }
        }
    }

    /// Checks that the root element is `expected` (a `what`) and returns the ISO day at
    /// the start of its `date_attr` attribute (`2026-02-27T00:00:09Z` → `2026-02-27`).
    pub fn read_root(
        &mut self,
        expected: &[u8],
        what: &str,
        date_attr: &str,
    ) -> Result<Option<String>> {
        let expected_name = String::from_utf8_lossy(expected).into_owned();
        loop {
            match self.next_step()? {
                Step::Open(e) => {
                    if local_name(e.name().as_ref()) != expected {
                        let found = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                        return Err(self.error(format!(
                            "root element <{found}>, expected <{expected_name}> ({what})"
                        )));
                    }
                    let attrs = self.attributes(&e)?;
                    return Ok(iso_date_prefix(attr(&attrs, date_attr)));
                }
                Step::End => return Err(self.error(format!("no <{expected_name}> element"))),
                _ => {}
            }
        }
    }

    /// Skips everything inside the element that was just opened, up to its close.
    pub fn skip_element(&mut self) -> Result<()> {
        let depth = self.depth();
        while self.depth() >= depth {
            if let Step::End = self.next_step()? {
                break;
            }
        }
        Ok(())
    }

    /// The attributes of an element as (local name, unescaped value) pairs.
    pub fn attributes<'b>(&self, e: &'b BytesStart<'_>) -> Result<Vec<(&'b [u8], Cow<'b, str>)>> {
        let mut out = Vec::new();
        for attr in e.attributes() {
            let attr = attr.map_err(|err| self.error(format!("malformed attribute: {err}")))?;
            let value = attr
                .decode_and_unescape_value(self.reader.decoder())
                .map_err(|err| self.error(format!("malformed attribute value: {err}")))?;
            out.push((local_name(attr.key.into_inner()), value));
        }
        Ok(out)
    }

    /// A quick-xml error at the byte it names; an error that reached the end of the
    /// input says so, since that is what a truncated download looks like.
    fn syntax_error(&self, e: quick_xml::Error) -> Error {
        let at = self.base + self.reader.error_position();
        let hint = if self.reader.buffer_position() >= self.len {
            " (the file ends there: truncated?)"
        } else {
            ""
        };
        Error::parse(
            self.file,
            Location::Byte(at),
            format!("malformed XML: {e}{hint}"),
        )
    }

    fn opened(&mut self, e: BytesStart<'a>) -> Step<'a> {
        self.seen_root = true;
        self.open.push(local_name(e.name().as_ref()).to_vec());
        Step::Open(e)
    }

    fn reference(&self, r: &quick_xml::events::BytesRef<'_>) -> Result<Cow<'a, str>> {
        if let Some(ch) = r
            .resolve_char_ref()
            .map_err(|e| self.error(format!("bad character reference: {e}")))?
        {
            return Ok(Cow::Owned(ch.to_string()));
        }
        let name = r
            .decode()
            .map_err(|e| self.error(format!("bad entity reference: {e}")))?;
        quick_xml::escape::resolve_predefined_entity(&name)
            .map(Cow::Borrowed)
            .ok_or_else(|| {
                self.error(format!(
                    "unknown entity `&{name};`, expected one of &lt; &gt; &amp; &apos; &quot; or &#N;"
                ))
            })
    }

    fn finished(&self) -> Result<Step<'a>> {
        if let Some(inner) = self.open.last() {
            return Err(self.error(format!(
                "the file ends inside <{}> (truncated?), expected </{}>",
                String::from_utf8_lossy(inner),
                String::from_utf8_lossy(inner)
            )));
        }
        if !self.seen_root {
            return Err(self.error("no XML element found, expected a list document"));
        }
        Ok(Step::End)
    }
}

/// The value of the attribute named `name` among `attrs`, trimmed; `""` when absent.
pub fn attr<'b>(attrs: &'b [(&[u8], Cow<'_, str>)], name: &str) -> &'b str {
    attrs
        .iter()
        .find(|(k, _)| *k == name.as_bytes())
        .map(|(_, v)| v.trim())
        .unwrap_or("")
}

/// The ISO date (`YYYY-MM-DD`) at the start of an XML timestamp such as
/// `2026-02-27T00:00:09.554Z`, when there is one.
pub fn iso_date_prefix(stamp: &str) -> Option<String> {
    let date = stamp.trim().get(..10)?;
    let b = date.as_bytes();
    let shape = b.iter().enumerate().all(|(i, c)| match i {
        4 | 7 => *c == b'-',
        _ => c.is_ascii_digit(),
    });
    shape.then(|| date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_root_past_prolog() {
        let text = "<?xml version=\"1.0\"?>\n<!-- c -->\n<ns:sdnList xmlns:ns=\"x\">";
        assert_eq!(root_element_name(text).as_deref(), Some("sdnList"));
        assert_eq!(root_element_name("no xml"), None);
        assert_eq!(local_name(b"a:b"), b"b");
        assert_eq!(local_name(b"b"), b"b");
    }

    /// The text of the only element of `xml`, or the walk's error message.
    fn walked_text(xml: &str) -> Result<String, String> {
        let mut walker = Walker::new("t.xml", xml.as_bytes()).map_err(|e| e.to_string())?;
        let mut text = String::new();
        loop {
            match walker.next_step().map_err(|e| e.to_string())? {
                Step::Text(t) => text.push_str(&t),
                Step::End => return Ok(text),
                _ => {}
            }
        }
    }

    #[test]
    fn walker_resolves_references() {
        assert_eq!(
            walked_text("<a>&amp;&#233;&#x41;</a>").as_deref(),
            Ok("&éA")
        );
        let err = walked_text("<a>&nbsp;</a>").unwrap_err();
        assert!(
            err.contains("t.xml: byte 3") && err.contains("&nbsp;"),
            "{err}"
        );
        let err = walked_text("<a>&#0;</a>").unwrap_err();
        assert!(
            err.contains("t.xml: byte 3") && err.contains("character reference"),
            "{err}"
        );
    }
}
