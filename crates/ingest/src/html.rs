//! A small, forgiving HTML parser into an arena tree.
//!
//! Why our own: extraction needs a tree (to score containers), but not a spec-complete one, and
//! a spec parser costs 3–8 ms a page here, most of the throughput budget. This one handles what
//! article pages need: raw-text elements (`<script>`, `<style>`, …), comments, void elements,
//! the common implied end tags (`<p>`, `<li>`, table cells), stray and unclosed tags, and
//! character references. It never recurses: nodes live in one vector in document order, so a
//! parent always has a smaller index than its children and bottom-up passes are a reverse loop.
//! 100,000 nested `<div>`s are just a deep stack of indices.

/// Index of a node in [`Dom::nodes`].
pub type NodeId = usize;

/// What a node is: an element or a run of text.
#[derive(Debug, Clone)]
pub enum NodeKind {
    /// An element, e.g. `<p class="x">`.
    Element {
        /// Its tag name, lower-cased.
        tag: String,
        /// The attributes extraction reads (`class`, `id`, …), first of each name kept, names
        /// lower-cased, values with character references decoded.
        attrs: Vec<(String, String)>,
    },
    /// Text between tags, with character references decoded.
    Text(String),
}

/// One node of the tree.
#[derive(Debug, Clone)]
pub struct Node {
    /// Element or text.
    pub kind: NodeKind,
    /// Its parent (`None` only for the root).
    pub parent: Option<NodeId>,
    /// Its children in document order.
    pub children: Vec<NodeId>,
}

impl Node {
    /// The element's tag name; empty for text.
    pub fn tag(&self) -> &str {
        match &self.kind {
            NodeKind::Element { tag, .. } => tag,
            NodeKind::Text(_) => "",
        }
    }

    /// The value of attribute `name` (lower-case) of an element.
    pub fn attr(&self, name: &str) -> Option<&str> {
        match &self.kind {
            NodeKind::Element { attrs, .. } => attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()),
            NodeKind::Text(_) => None,
        }
    }

    /// The text of a text node.
    pub fn text(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Text(t) => Some(t),
            NodeKind::Element { .. } => None,
        }
    }
}

/// A parsed page. Node 0 is the document root (an element named `#root`).
#[derive(Debug, Clone)]
pub struct Dom {
    /// All nodes in document order; a parent comes before its children.
    pub nodes: Vec<Node>,
}

/// Elements that never have content.
fn is_void(tag: &str) -> bool {
    matches!(
        tag,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
            | "basefont"
            | "frame"
    )
}

/// Elements whose content is raw text up to their end tag.
fn is_raw_text(tag: &str) -> bool {
    matches!(tag, "script" | "style" | "textarea" | "title" | "xmp" | "iframe" | "noembed" | "noframes")
}

/// Raw-text elements whose text we keep: the title, and scripts (only JSON-LD is kept, below).
fn keeps_raw_text(tag: &str) -> bool {
    matches!(tag, "title" | "script")
}

/// Start tags that close an open `<p>` (block-level content cannot sit inside a paragraph).
fn closes_p(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "dl"
            | "table"
            | "blockquote"
            | "pre"
            | "section"
            | "article"
            | "aside"
            | "header"
            | "footer"
            | "nav"
            | "figure"
            | "form"
            | "hr"
            | "address"
            | "main"
            | "fieldset"
            | "details"
            | "menu"
    )
}

/// How far up the stack an end tag looks for its element. Bounded so that stray end tags over
/// a very deep page stay linear.
const END_TAG_SEARCH: usize = 256;

struct Builder {
    nodes: Vec<Node>,
    stack: Vec<NodeId>,
}

impl Builder {
    fn current(&self) -> NodeId {
        *self.stack.last().unwrap_or(&0)
    }

    fn append(&mut self, kind: NodeKind) -> NodeId {
        let parent = self.current();
        let id = self.nodes.len();
        self.nodes.push(Node { kind, parent: Some(parent), children: Vec::new() });
        self.nodes[parent].children.push(id);
        id
    }

    fn text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let text = if raw.contains('&') { dyad_core::text::decode_entities(raw) } else { raw.to_string() };
        // Adjacent text (split by a dropped comment) joins into one node.
        let cur = self.current();
        if let Some(&last) = self.nodes[cur].children.last() {
            if let NodeKind::Text(t) = &mut self.nodes[last].kind {
                t.push_str(&text);
                return;
            }
        }
        self.append(NodeKind::Text(text));
    }

    /// Index in the stack of the nearest open `tag`, looking at most `END_TAG_SEARCH` deep and
    /// not past a boundary that `tag` cannot be closed across.
    fn find_open(&self, tag: &str, boundary: fn(&str) -> bool) -> Option<usize> {
        for (depth, i) in (0..self.stack.len()).rev().enumerate() {
            if depth >= END_TAG_SEARCH {
                return None;
            }
            let t = self.nodes[self.stack[i]].tag();
            if t == tag {
                return Some(i);
            }
            if boundary(t) {
                return None;
            }
        }
        None
    }

    fn start(&mut self, tag: String, attrs: Vec<(String, String)>, self_closing: bool) {
        if closes_p(&tag) {
            if let Some(i) = self.find_open("p", |t| {
                matches!(t, "button" | "table" | "td" | "th" | "caption" | "object" | "html")
            }) {
                self.stack.truncate(i);
            }
        }
        match tag.as_str() {
            "li" => self.close_sibling(&["li"], |t| matches!(t, "ul" | "ol" | "menu")),
            "dt" | "dd" => self.close_sibling(&["dt", "dd"], |t| t == "dl"),
            "tr" => self.close_sibling(&["tr", "td", "th"], |t| t == "table"),
            "td" | "th" => self.close_sibling(&["td", "th"], |t| matches!(t, "tr" | "table")),
            "option" => self.close_sibling(&["option"], |t| t == "select"),
            _ => {}
        }
        let void = is_void(&tag) || self_closing;
        let id = self.append(NodeKind::Element { tag, attrs });
        if !void {
            self.stack.push(id);
        }
    }

    /// Close an open sibling of the same kind (`<li>` closes the previous `<li>`).
    fn close_sibling(&mut self, tags: &[&str], boundary: fn(&str) -> bool) {
        for (depth, i) in (0..self.stack.len()).rev().enumerate() {
            if depth >= 16 {
                return;
            }
            let t = self.nodes[self.stack[i]].tag();
            if tags.contains(&t) {
                self.stack.truncate(i);
                return;
            }
            if boundary(t) {
                return;
            }
        }
    }

    fn end(&mut self, tag: &str) {
        if let Some(i) = self.find_open(tag, |_| false) {
            self.stack.truncate(i);
        } else if tag == "p" {
            // `</p>` with no open paragraph makes an empty one, as browsers do.
            self.append(NodeKind::Element { tag: "p".into(), attrs: Vec::new() });
        }
    }
}

/// Parse `html` into a tree. Never fails: anything that is not markup is text.
pub fn parse(html: &str) -> Dom {
    let root = Node {
        kind: NodeKind::Element { tag: "#root".into(), attrs: Vec::new() },
        parent: None,
        children: Vec::new(),
    };
    let mut b = Builder { nodes: vec![root], stack: Vec::new() };
    let bytes = html.as_bytes();
    let mut pos = 0;
    let mut text_start = 0;
    while let Some(off) = memchr(b'<', &bytes[pos..]) {
        let lt = pos + off;
        let rest = &bytes[lt + 1..];
        match rest.first() {
            Some(b'!') => {
                b.text(&html[text_start..lt]);
                let end = if rest.starts_with(b"!--") {
                    find(&bytes[lt + 4..], b"-->").map(|i| lt + 4 + i + 3)
                } else {
                    memchr(b'>', rest).map(|i| lt + 1 + i + 1)
                };
                pos = end.unwrap_or(bytes.len());
                text_start = pos;
            }
            Some(b'?') => {
                b.text(&html[text_start..lt]);
                pos = memchr(b'>', rest).map(|i| lt + 1 + i + 1).unwrap_or(bytes.len());
                text_start = pos;
            }
            Some(b'/') if rest.get(1).is_some_and(|c| c.is_ascii_alphabetic()) => {
                b.text(&html[text_start..lt]);
                let (name, after) = tag_name(html, lt + 2);
                pos = memchr(b'>', &bytes[after..]).map(|i| after + i + 1).unwrap_or(bytes.len());
                text_start = pos;
                b.end(&name);
            }
            Some(c) if c.is_ascii_alphabetic() => {
                b.text(&html[text_start..lt]);
                let (name, after) = tag_name(html, lt + 1);
                let (attrs, self_closing, after) = attributes(html, after, &name);
                pos = after;
                text_start = pos;
                if is_raw_text(&name) {
                    let close = find_end_tag(bytes, pos, &name);
                    let content = &html[pos..close.0];
                    pos = close.1;
                    text_start = pos;
                    let keep = keeps_raw_text(&name)
                        && (name != "script"
                            || attrs
                                .iter()
                                .any(|(k, v)| k == "type" && v.eq_ignore_ascii_case("application/ld+json")));
                    let id = b.append(NodeKind::Element { tag: name, attrs });
                    if keep && !content.is_empty() {
                        let text = content.to_string();
                        b.nodes.push(Node {
                            kind: NodeKind::Text(text),
                            parent: Some(id),
                            children: Vec::new(),
                        });
                        let child = b.nodes.len() - 1;
                        b.nodes[id].children.push(child);
                    }
                } else {
                    b.start(name, attrs, self_closing);
                }
            }
            _ => {
                // A lone '<' is text.
                pos = lt + 1;
            }
        }
    }
    b.text(&html[text_start..]);
    Dom { nodes: b.nodes }
}

use memchr::memchr;

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// The lowercase tag name starting at `at`, and the offset after it.
fn tag_name(html: &str, at: usize) -> (String, usize) {
    let bytes = html.as_bytes();
    let mut end = at;
    while end < bytes.len() && !matches!(bytes[end], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>') {
        end += 1;
    }
    (html[at..end].to_ascii_lowercase(), end)
}

/// The attributes extraction reads; the others (`src`, `data-*`, `onclick`, …) are skipped
/// without allocating. `href` is kept on `<link>` only (for the canonical URL), `title` on
/// `<abbr>` only (a microdata date).
const KEPT_ATTRIBUTES: &[&str] = &[
    "class",
    "id",
    "style",
    "hidden",
    "aria-hidden",
    "rel",
    "property",
    "name",
    "itemprop",
    "http-equiv",
    "content",
    "datetime",
    "lang",
    "type",
    "charset",
    "role",
    "itemtype",
    "aria-label",
    "pubdate",
];

/// Attributes from `at` to the end of the tag: (attributes, self-closing, offset after `>`).
fn attributes(html: &str, mut at: usize, tag: &str) -> (Vec<(String, String)>, bool, usize) {
    let bytes = html.as_bytes();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        match bytes.get(at) {
            None => return (attrs, self_closing, at),
            Some(b'>') => return (attrs, self_closing, at + 1),
            Some(b'/') => {
                self_closing = bytes.get(at + 1) == Some(&b'>');
                at += 1;
                continue;
            }
            _ => {}
        }
        self_closing = false;
        let name_start = at;
        while at < bytes.len()
            && !matches!(bytes[at], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>' | b'=')
        {
            at += 1;
        }
        let raw_name = &html[name_start..at];
        let kept = KEPT_ATTRIBUTES
            .iter()
            .find(|k| k.eq_ignore_ascii_case(raw_name))
            .copied()
            .or_else(|| (tag == "link" && raw_name.eq_ignore_ascii_case("href")).then_some("href"))
            // `<abbr class="published" title="2015-06-02T08:15:00">`: a date in microdata.
            .or_else(|| (tag == "abbr" && raw_name.eq_ignore_ascii_case("title")).then_some("title"));
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let mut value = (0, 0);
        if bytes.get(at) == Some(&b'=') {
            at += 1;
            while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            match bytes.get(at) {
                Some(&q @ (b'"' | b'\'')) => {
                    let start = at + 1;
                    let end = memchr(q, &bytes[start..]).map(|i| start + i).unwrap_or(bytes.len());
                    value = (start, end);
                    at = (end + 1).min(bytes.len());
                }
                _ => {
                    let start = at;
                    while at < bytes.len() && !bytes[at].is_ascii_whitespace() && bytes[at] != b'>' {
                        at += 1;
                    }
                    value = (start, at);
                }
            }
        }
        let Some(name) = kept else { continue };
        if attrs.iter().any(|(k, _): &(String, String)| k == name) {
            continue;
        }
        let raw = &html[value.0..value.1];
        let value = if raw.contains('&') { dyad_core::text::decode_entities(raw) } else { raw.to_string() };
        attrs.push((name.to_string(), value));
    }
}

/// (start of `</tag`, offset after its `>`) for a raw-text element's end, or the end of input.
fn find_end_tag(bytes: &[u8], from: usize, tag: &str) -> (usize, usize) {
    let mut pos = from;
    while let Some(off) = find(&bytes[pos..], b"</") {
        let at = pos + off;
        let name_end = at + 2 + tag.len();
        if name_end <= bytes.len()
            && bytes[at + 2..name_end].eq_ignore_ascii_case(tag.as_bytes())
            && bytes.get(name_end).is_none_or(|c| !c.is_ascii_alphanumeric())
        {
            let end = memchr(b'>', &bytes[name_end..]).map(|i| name_end + i + 1).unwrap_or(bytes.len());
            return (at, end);
        }
        pos = at + 2;
    }
    (bytes.len(), bytes.len())
}

impl Dom {
    /// Every descendant of `id` in document order (not `id` itself), without recursion.
    pub(crate) fn descendants(&self, id: NodeId) -> Descendants<'_> {
        let mut stack = Vec::new();
        stack.extend(self.nodes[id].children.iter().rev());
        Descendants { dom: self, stack }
    }

    /// All text under `id`, concatenated as written.
    pub(crate) fn text_of(&self, id: NodeId) -> String {
        let mut out = String::new();
        if let Some(t) = self.nodes[id].text() {
            out.push_str(t);
        }
        for d in self.descendants(id) {
            if let Some(t) = self.nodes[d].text() {
                out.push_str(t);
            }
        }
        out
    }
}

/// Iterator over a node's descendants in document order ([`Dom::descendants`]).
pub(crate) struct Descendants<'a> {
    dom: &'a Dom,
    stack: Vec<NodeId>,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let id = self.stack.pop()?;
        self.stack.extend(self.dom.nodes[id].children.iter().rev());
        Some(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(dom: &Dom) -> Vec<&str> {
        dom.nodes.iter().map(|n| n.tag()).filter(|t| !t.is_empty()).collect()
    }

    #[test]
    fn parses_nested_elements_and_text() {
        let dom = parse("<div class=a><p>One &amp; two<p>Three</div>");
        assert_eq!(tags(&dom), ["#root", "div", "p", "p"]);
        assert_eq!(dom.nodes[1].attr("class"), Some("a"));
        assert_eq!(dom.nodes[2].children.len(), 1);
        assert_eq!(dom.text_of(1), "One & twoThree");
    }

    #[test]
    fn raw_text_elements_hide_markup() {
        let dom = parse("<script>if (a<b) { x = '</div>'; }</script><p>t</p>");
        assert_eq!(tags(&dom), ["#root", "script", "p"]);
        assert_eq!(dom.text_of(0), "t");
        let dom = parse(r#"<script type="application/ld+json">{"a":1}</script>"#);
        assert_eq!(dom.text_of(0), r#"{"a":1}"#);
    }

    #[test]
    fn survives_malformed_markup() {
        let dom = parse("<p>a < b <b>bold</i></p></p><div attr='x>y' <!-- c");
        assert!(dom.text_of(0).contains("a < b bold"), "{:?}", dom.text_of(0));
        let dom = parse("<");
        assert_eq!(dom.text_of(0), "<");
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let html = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000);
        let dom = parse(&html);
        assert_eq!(dom.descendants(0).count(), 100_001);
        assert_eq!(dom.text_of(0), "deep");
    }
}
