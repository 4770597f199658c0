//! Small helpers shared by the XML loaders.

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
#[allow(dead_code)] // used by the XML loaders
pub fn local_name(qname: &[u8]) -> &[u8] {
    match qname.iter().rposition(|&b| b == b':') {
        Some(i) => &qname[i + 1..],
        None => qname,
    }
}

/// Appends the text an entity or character reference stands for (`&amp;` → `&`,
/// `&#233;` → `é`). quick-xml 0.38 reports references as their own events, so every
/// loader that collects element text needs this. Errors say what was wrong.
pub fn push_reference(
    out: &mut String,
    reference: &quick_xml::events::BytesRef<'_>,
) -> Result<(), String> {
    let name = String::from_utf8_lossy(reference);
    if reference.is_char_ref() {
        return match reference.resolve_char_ref() {
            Ok(Some(ch)) => {
                out.push(ch);
                Ok(())
            }
            _ => Err(format!("invalid character reference `&{name};`")),
        };
    }
    match quick_xml::escape::resolve_predefined_entity(&name) {
        Some(text) => {
            out.push_str(text);
            Ok(())
        }
        None => Err(format!("unknown entity `&{name};`")),
    }
}

/// The input as UTF-8 without a byte-order mark, or the byte offset of the first
/// invalid byte (validated once up front so every later text decode is infallible).
pub fn utf8_text(bytes: &[u8]) -> Result<&str, u64> {
    let text = std::str::from_utf8(bytes).map_err(|e| e.valid_up_to() as u64)?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
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

    #[test]
    fn resolves_references() {
        use quick_xml::events::BytesRef;
        let mut out = String::new();
        push_reference(&mut out, &BytesRef::new("amp")).unwrap();
        push_reference(&mut out, &BytesRef::new("#233")).unwrap();
        push_reference(&mut out, &BytesRef::new("#x41")).unwrap();
        assert_eq!(out, "&éA");
        assert!(push_reference(&mut out, &BytesRef::new("nbsp")).is_err());
        assert!(push_reference(&mut out, &BytesRef::new("#0")).is_err());
    }

    #[test]
    fn validates_utf8_once() {
        assert_eq!(utf8_text(b"\xef\xbb\xbf<a/>"), Ok("<a/>"));
        assert_eq!(utf8_text(b"<a>\xff</a>"), Err(3));
    }
}
