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
}
