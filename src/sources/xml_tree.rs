//! A small element tree of one record, read from a [`Walker`].
//!
//! Formats whose records cross-reference each other by id (OFAC advanced XML) are easier
//! to read a record at a time as a tree than as a flat event stream; only one record is
//! held at once, so memory stays bounded by the largest record.

use super::xml::{local_name, Step, Walker};
use crate::error::Result;
use quick_xml::events::BytesStart;

/// One element: local name, attributes, its own text and its child elements.
#[derive(Debug, Default)]
pub struct Node {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    /// The element's own text pieces joined (whitespace between children included).
    pub text: String,
    pub children: Vec<Node>,
    /// Byte offset of the element's start tag.
    pub at: u64,
}

impl Node {
    /// Reads the element `open` (just returned by the walker) and everything inside it.
    pub fn read(walker: &mut Walker<'_>, open: &BytesStart<'_>) -> Result<Node> {
        let mut stack = vec![Node::start(walker, open)?];
        loop {
            match walker.next_step()? {
                Step::Open(e) => stack.push(Node::start(walker, &e)?),
                Step::Text(t) => {
                    if let Some(node) = stack.last_mut() {
                        node.text.push_str(&t);
                    }
                }
                Step::Close(_) => {
                    let node = stack.pop().unwrap_or_default();
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(node),
                        None => return Ok(node),
                    }
                }
                Step::End => return Err(walker.error("the file ends inside an element")),
            }
        }
    }

    fn start(walker: &Walker<'_>, e: &BytesStart<'_>) -> Result<Node> {
        let attrs = walker
            .attributes(e)?
            .into_iter()
            .map(|(k, v)| (String::from_utf8_lossy(k).into_owned(), v.into_owned()))
            .collect();
        Ok(Node {
            name: String::from_utf8_lossy(local_name(e.name().as_ref())).into_owned(),
            attrs,
            text: String::new(),
            children: Vec::new(),
            at: walker.position(),
        })
    }

    /// The trimmed value of attribute `name`; `""` when absent.
    pub fn attr(&self, name: &str) -> &str {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .unwrap_or("")
    }

    /// The first child element named `name`.
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child element named `name`, in document order.
    pub fn children<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Node> + 's {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The element's own text, whitespace-collapsed.
    pub fn text(&self) -> String {
        crate::model::collapse_whitespace(&self.text)
    }

    /// The text of the first child named `name`, whitespace-collapsed; `""` when absent.
    pub fn child_text(&self, name: &str) -> String {
        self.child(name).map(Node::text).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_one_element_with_children() {
        let xml = "<r><a x=\" 1 \">t<b/>u &amp; v</a><c/></r>";
        let mut walker = Walker::new("t.xml", xml.as_bytes()).unwrap();
        let Step::Open(root) = walker.next_step().unwrap() else {
            panic!("expected the root")
        };
        let node = Node::read(&mut walker, &root).unwrap();
        assert_eq!(node.name, "r");
        let a = node.child("a").unwrap();
        assert_eq!((a.attr("x"), a.text().as_str(), a.at), ("1", "tu & v", 3));
        assert_eq!(a.children("b").count(), 1);
        assert_eq!(node.child_text("c"), "");
        assert!(matches!(walker.next_step().unwrap(), Step::End));
    }

    #[test]
    fn a_cut_off_element_is_an_error() {
        let mut walker = Walker::new("t.xml", b"<r><a>").unwrap();
        let Step::Open(root) = walker.next_step().unwrap() else {
            panic!("expected the root")
        };
        let err = Node::read(&mut walker, &root).unwrap_err().to_string();
        assert!(err.contains("t.xml: byte"), "{err}");
    }
}
