//! The article body of a parsed page: which container holds the story, and its blocks in order.
//!
//! The method, in passes over the arena (bottom-up passes are reverse loops; no recursion):
//! 1. **Prune**: elements that are never story text (scripts, forms, `<h1>`, captions) are cut;
//!    furniture (`<nav>`, `<aside>`, `<footer>`, and elements whose class or id names
//!    boilerplate: "share", "comments", "related") is cut unless it holds half of the page's
//!    paragraph text or wraps a content-named element that does (an ASP.NET `<form>` around
//!    the page, "and-w-sidebar" around "main-story"); blocks that open with "You may also
//!    like" are cut whole. Comment threads (by class, id, ARIA role, schema.org `Comment`, or
//!    several parts each offering "Reply") are cut however long they are, and so are overlays
//!    (`role="dialog"`: cookie and consent banners); figures and galleries (by name, AMP
//!    carousels, or by structure: repeated slides of an image and a short unlinked text) are
//!    cut from the story but kept as captions, unless they hold the headline.
//!    If that leaves nothing, the page is read again pruning by tag only.
//! 2. **Score**: every paragraph (`<p>`, `<pre>`, `<td>`, `<blockquote>`, or a `<div>` holding
//!    text) gives points (1 + commas + length/100, at most 3; each `<br>`-separated line its
//!    own) to its parent, half to its
//!    grandparent, less above; a container gets a prior for its tag and name ("article-body"
//!    up, "sidebar" down) and is discounted by its share of link text. The best one wins.
//! 3. **Grow**: a story split into chunks between ads and figures is gathered by climbing
//!    from the winner while every other child of the parent is story-like (paragraph text,
//!    few links) or negligible, never out of an `<article>`; then siblings that score and hold
//!    a sentence of prose, or are long paragraphs themselves, join it, and short sentences
//!    without links join when they sit next to what joined (not from beyond a sidebar).
//! 4. **Collect**: the chosen elements are walked in order into blocks (one per paragraph,
//!    heading, list item or `<br>` line); `<figcaption>`s become captions, and blocks that are
//!    mostly link text (over 80% in a `<p>`, 50% elsewhere) are dropped and counted.
//!
//! The word lists and thresholds were set by reading the failures on the article-extraction
//! benchmark and writing general rules for them (no rule names a site or page).

use crate::html::{Dom, NodeId, NodeKind};
use dyad_core::SectionKind;

/// One block of extracted text with what the page's markup says it is.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    /// Body, caption, byline, … as the markup says.
    pub kind: SectionKind,
    /// The block's text, whitespace folded.
    pub text: String,
}

/// Elements that never hold story text.
fn is_pruned_tag(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "button"
            | "select"
            | "option"
            | "iframe"
            | "svg"
            | "canvas"
            | "template"
            | "input"
            | "textarea"
            | "label"
            | "dialog"
            | "object"
            | "embed"
            | "video"
            | "audio"
            | "map"
            | "head"
            | "title"
            | "h1"
            | "figcaption"
            | "time"
            | "address"
    )
}

/// Elements that are page furniture unless they wrap the story (ASP.NET pages put the whole
/// page in one `<form>`).
fn is_furniture_tag(tag: &str) -> bool {
    matches!(tag, "nav" | "footer" | "aside" | "form" | "header" | "menu")
}

/// Block-level elements: each starts a new block of text.
fn is_block(tag: &str) -> bool {
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
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "blockquote"
            | "pre"
            | "section"
            | "article"
            | "main"
            | "figure"
            | "figcaption"
            | "br"
            | "hr"
            | "center"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "form"
            | "caption"
            | "tbody"
            | "thead"
    )
}

/// Words in a class or id that mark boilerplate even inside the story container.
const STRONG_NEGATIVE: &[&str] = &[
    "comment",
    "comments",
    "commentlist",
    "respond",
    "replies",
    "collapse",
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "subscribe",
    "subscription",
    "outbrain",
    "taboola",
    "breadcrumb",
    "breadcrumbs",
    "cookie",
    "consent",
    "gdpr",
    "popup",
    "modal",
    "advert",
    "advertisement",
    "promo",
    "sidebar",
    "recommended",
    "recommendations",
    "signup",
    "disqus",
    "sponsored",
    "byline",
    "dateline",
    "tags",
    "tagline",
    "caption",
    "credits",
    "author",
    "copyright",
    "pagination",
    "paywall",
    "print",
    "toolbar",
    "trending",
    "popular",
    "widget",
    "ads",
    "ad",
    "banner",
    "masthead",
    "skip",
    "hidden",
    "hide",
    "sr",
    "visually",
    "offscreen",
];

/// Words that mark boilerplate unless the same element also says it is content.
const WEAK_NEGATIVE: &[&str] = &[
    "footer",
    "header",
    "nav",
    "navigation",
    "menu",
    "meta",
    "metadata",
    "postmetadata",
    "rail",
    "more",
    "links",
    "info",
];

const POSITIVE: &[&str] =
    &["article", "content", "body", "entry", "post", "story", "text", "main", "blog", "news"];

/// Call `f` with each word of a class/id value, lowercased (split on spaces, `-`, `_`, `:`
/// and camelCase humps). Words longer than 24 bytes name nothing we look for and are skipped.
fn for_each_word(value: &str, mut f: impl FnMut(&str)) {
    let mut buf = [0u8; 24];
    let mut len = 0;
    let mut too_long = false;
    let mut prev_lower = false;
    let mut emit = |buf: &[u8; 24], len: &mut usize, too_long: &mut bool| {
        if *len > 0 && !*too_long {
            if let Ok(w) = std::str::from_utf8(&buf[..*len]) {
                f(w);
            }
        }
        *len = 0;
        *too_long = false;
    };
    for &b in value.as_bytes() {
        let separator = b.is_ascii_whitespace() || matches!(b, b'-' | b'_' | b':');
        if separator || (b.is_ascii_uppercase() && prev_lower) {
            emit(&buf, &mut len, &mut too_long);
        }
        prev_lower = b.is_ascii_lowercase();
        if separator {
            continue;
        }
        if len < buf.len() {
            buf[len] = b.to_ascii_lowercase();
            len += 1;
        } else {
            too_long = true;
        }
    }
    emit(&buf, &mut len, &mut too_long);
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Naming {
    Neutral,
    Negative,
    Positive,
}

/// What a class/id word says: 1 strong negative, 2 weak negative, 3 positive.
fn word_kinds() -> &'static std::collections::HashMap<&'static str, u8> {
    static MAP: std::sync::OnceLock<std::collections::HashMap<&'static str, u8>> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = std::collections::HashMap::new();
        for (list, kind) in [(POSITIVE, 3), (WEAK_NEGATIVE, 2), (STRONG_NEGATIVE, 1)] {
            for w in list {
                map.insert(*w, kind);
            }
        }
        map
    })
}

fn naming(dom: &Dom, id: NodeId) -> Naming {
    let node = &dom.nodes[id];
    let kinds = word_kinds();
    let (mut strong, mut weak, mut positive) = (false, false, false);
    for key in ["class", "id"] {
        if let Some(v) = node.attr(key) {
            for_each_word(v, |w| match kinds.get(w) {
                Some(1) => strong = true,
                Some(2) => weak = true,
                Some(3) => positive = true,
                _ => {}
            });
        }
    }
    if strong || (weak && !positive) {
        Naming::Negative
    } else if positive {
        Naming::Positive
    } else {
        Naming::Neutral
    }
}

fn is_hidden(dom: &Dom, id: NodeId) -> bool {
    let node = &dom.nodes[id];
    if node.attr("hidden").is_some() || node.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = node.attr("style") {
        let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let s = s.to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// Counts of visible text per node.
struct Measure {
    /// Non-whitespace characters of text under the node.
    text: Vec<u32>,
    /// Of those, characters inside links.
    link: Vec<u32>,
    pruned: Vec<bool>,
    /// Text of paragraphs (long, few links) under the node, or the node's own if it is one.
    para: Vec<u32>,
    /// Clause punctuation under the node.
    commas: Vec<u32>,
    /// Paragraph text of the whole page before pruning.
    raw_para: u32,
    /// What each element's class and id say.
    names: Vec<Naming>,
    /// Figures and galleries: pruned from the story, their text collected as captions.
    captions: Vec<bool>,
}

/// Non-whitespace characters, and clause punctuation among them, in one pass.
fn visible_len_and_commas(s: &str) -> (u32, u32) {
    let (mut len, mut commas) = (0u32, 0u32);
    for c in s.chars() {
        if !c.is_whitespace() {
            len += 1;
            commas += is_clause_mark(c) as u32;
        }
    }
    (len, commas)
}

/// Measure the page; `by_name` prunes furniture named by class and id (else only by tag).
fn measure(dom: &Dom, by_name: bool) -> Measure {
    let n = dom.nodes.len();
    // Raw text and link totals first, then the paragraph text under each node: the guard that
    // keeps a container named like furniture ("widget Blog") when it holds most of the story.
    let mut text = vec![0u32; n];
    let mut link = vec![0u32; n];
    // Elements holding a "Reply" control, and how many of an element's children hold one.
    let mut has_reply = vec![false; n];
    let mut replying_children = vec![0u32; n];
    // Elements holding an image.
    let mut image = vec![false; n];
    // Each text node's own length and clause punctuation, counted once.
    let mut own = vec![(0u32, 0u32); n];
    for i in (0..n).rev() {
        if let NodeKind::Text(t) = &dom.nodes[i].kind {
            own[i] = visible_len_and_commas(t);
            text[i] = own[i].0;
        }
        let tag = dom.nodes[i].tag();
        if tag == "a" {
            link[i] = text[i];
        }
        if matches!(tag, "a" | "button") && (1..=12).contains(&text[i]) && is_reply_control(&dom.text_of(i)) {
            has_reply[i] = true;
        }
        image[i] |= matches!(tag, "img" | "amp-img" | "picture");
        if let Some(p) = dom.nodes[i].parent {
            image[p] |= image[i];
            if has_reply[i] {
                has_reply[p] = true;
                replying_children[p] += 1;
            }
            if !is_pruned_tag(tag) {
                text[p] += text[i];
                link[p] += link[i];
            }
        }
    }
    let mut para = vec![0u32; n];
    for i in (0..n).rev() {
        if is_pruned_tag(dom.nodes[i].tag()) {
            continue;
        }
        add_paragraph_text(dom, &text, &link, &mut para, i);
    }
    let total = para[0].max(1) as f32;
    // What each element's class and id say, and the largest paragraph text held by an element
    // named as content below it ("and-w-sidebar" around "main-story": a layout modifier).
    let names: Vec<Naming> = (0..n)
        .map(|i| if dom.nodes[i].tag().is_empty() { Naming::Neutral } else { naming(dom, i) })
        .collect();
    let mut content_below = vec![0u32; n];
    for i in (1..n).rev() {
        let mine = if names[i] == Naming::Positive { para[i] } else { 0 };
        let best = content_below[i].max(mine);
        if let Some(p) = dom.nodes[i].parent {
            content_below[p] = content_below[p].max(best);
        }
    }
    let teasers = teaser_blocks(dom);
    // Embedded posts (a tweet quoted in the story) sit in wrappers named "widget" or "embed";
    // they are part of the story, so their wrappers are not pruned by name.
    let mut embeds_post = vec![false; n];
    for i in (1..n).rev() {
        let node = &dom.nodes[i];
        let post = node.tag() == "blockquote"
            && node.attr("class").is_some_and(|c| c.contains("tweet") || c.contains("instagram"));
        if let Some(p) = node.parent {
            embeds_post[p] |= embeds_post[i] || post;
        }
    }
    // Story landmarks (the headline, `<main>`, schema.org `articleBody`): a comment thread or
    // a gallery never holds one.
    let mut landmark = vec![false; n];
    for i in (1..n).rev() {
        let node = &dom.nodes[i];
        let here = landmark[i]
            || matches!(node.tag(), "h1" | "main")
            || node.attr("itemprop").is_some_and(|v| v.contains("articleBody"));
        if let Some(p) = node.parent {
            landmark[p] |= here;
        }
    }
    let mut captions = vec![false; n];
    // Prune top-down: a node is pruned if it or an ancestor is.
    let mut pruned = vec![false; n];
    for i in 1..n {
        let parent = dom.nodes[i].parent.unwrap_or(0);
        if pruned[parent] {
            pruned[i] = true;
            continue;
        }
        let node = &dom.nodes[i];
        let tag = node.tag();
        if tag.is_empty() {
            continue;
        }
        if is_pruned_tag(tag) || is_hidden(dom, i) {
            pruned[i] = true;
            continue;
        }
        if matches!(tag, "html" | "body" | "main") {
            continue;
        }
        // A comment thread, however long (a short post with many comments), is never the
        // story: named so by class, id, ARIA role or schema.org type, or built of several
        // parts that each offer a "Reply".
        if !landmark[i] && (is_comment_section(node) || replying_children[i] >= 2) {
            pruned[i] = true;
            continue;
        }
        // Overlays (cookie and consent dialogs) are not the page.
        if !landmark[i]
            && node
                .attr("role")
                .is_some_and(|r| r.eq_ignore_ascii_case("dialog") || r.eq_ignore_ascii_case("alertdialog"))
        {
            pruned[i] = true;
            continue;
        }
        if !landmark[i]
            && !embeds_post[i]
            && (is_caption_context(node) || is_gallery(dom, &text, &link, &image, i))
        {
            pruned[i] = true;
            captions[i] = true;
            continue;
        }
        if tag == "article" {
            continue;
        }
        if teasers[i] {
            pruned[i] = true;
            continue;
        }
        let furniture = is_furniture_tag(tag) || (by_name && names[i] == Naming::Negative && !embeds_post[i]);
        let holds_story = para[i] as f32 >= 0.5 * total
            || (content_below[i] as f32 >= (0.3 * total).max(200.0)
                && content_below[i] as f32 >= 0.8 * para[i] as f32);
        if furniture && !holds_story {
            pruned[i] = true;
        }
    }
    // Visible totals, bottom-up over what is left.
    let mut text = vec![0u32; n];
    let mut link = vec![0u32; n];
    let mut commas = vec![0u32; n];
    for i in (0..n).rev() {
        if pruned[i] {
            continue;
        }
        if matches!(dom.nodes[i].kind, NodeKind::Text(_)) {
            (text[i], commas[i]) = own[i];
        }
        if dom.nodes[i].tag() == "a" {
            link[i] = text[i];
        }
        if let Some(p) = dom.nodes[i].parent {
            text[p] += text[i];
            link[p] += link[i];
            commas[p] += commas[i];
        }
    }
    // Paragraph text again, over what is left.
    let mut para = vec![0u32; n];
    for i in (0..n).rev() {
        if pruned[i] {
            continue;
        }
        add_paragraph_text(dom, &text, &link, &mut para, i);
    }
    Measure { text, link, pruned, para, commas, raw_para: total as u32, names, captions }
}

/// Is this the text of a "Reply" link or button under a comment?
fn is_reply_control(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['↓', '→', '›', '»', ' ']).trim();
    t.eq_ignore_ascii_case("reply") || t.eq_ignore_ascii_case("reply to this comment")
}

/// Words in a class or id that name a comment thread.
const COMMENT_WORDS: &[&str] =
    &["comment", "comments", "commentlist", "discussion", "replies", "respond", "disqus", "responses"];

/// An element that is a comment thread or a comment by its class, id, ARIA role or
/// schema.org type.
fn is_comment_section(node: &crate::html::Node) -> bool {
    if node.attr("itemtype").is_some_and(|t| t.ends_with("/Comment") || t.ends_with("/UserComments"))
        || node.attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("comment"))
        || node.attr("role").is_some_and(|r| r.eq_ignore_ascii_case("comment"))
        || node.attr("aria-label").is_some_and(|l| l.to_ascii_lowercase().contains("comment"))
    {
        return true;
    }
    let mut found = false;
    for key in ["class", "id"] {
        if let Some(v) = node.attr(key) {
            for_each_word(v, |w| found |= COMMENT_WORDS.contains(&w));
        }
    }
    found
}

/// Words in a class or id that name a gallery or a caption.
const CAPTION_WORDS: &[&str] =
    &["gallery", "slideshow", "carousel", "slider", "lightbox", "caption", "figure", "slides", "slide"];

/// A figure, an AMP carousel or lightbox, or an element named as a gallery or caption (and not
/// also as the story).
fn is_caption_context(node: &crate::html::Node) -> bool {
    if matches!(node.tag(), "figure" | "amp-carousel" | "amp-image-lightbox" | "amp-lightbox-gallery") {
        return true;
    }
    let (mut caption, mut content) = (false, false);
    for key in ["class", "id"] {
        if let Some(v) = node.attr(key) {
            for_each_word(v, |w| {
                caption |= CAPTION_WORDS.contains(&w);
                content |= POSITIVE.contains(&w);
            });
        }
    }
    caption && !content
}

/// A gallery by its structure: two or more slides, each an image with a short text (under
/// 300 characters, not a link) and nothing else beside them. Paragraphs that each hold an
/// image are story, not slides; cards of linked headlines are teasers, not slides.
fn is_gallery(dom: &Dom, text: &[u32], link: &[u32], image: &[bool], id: NodeId) -> bool {
    if !image[id] || text[id] == 0 || link[id] * 2 > text[id] {
        return false;
    }
    let mut slides = 0;
    for &c in &dom.nodes[id].children {
        let tag = dom.nodes[c].tag();
        if tag.is_empty() {
            if text[c] > 0 {
                return false;
            }
            continue;
        }
        if is_pruned_tag(tag) {
            continue;
        }
        if !image[c]
            || text[c] > 300
            || link[c] * 2 > text[c]
            || matches!(tag, "p" | "img" | "amp-img" | "picture")
        {
            return false;
        }
        slides += 1;
    }
    slides >= 2
}

/// The text blocks of a caption context (a figure, a gallery's slides), in order.
fn caption_blocks(dom: &Dom, root: NodeId, out: &mut Vec<Block>) {
    let mut current = String::new();
    let mut stack: Vec<(NodeId, bool)> = vec![(root, false)];
    let flush = |current: &mut String, out: &mut Vec<Block>| {
        let t = current.split_whitespace().collect::<Vec<_>>().join(" ");
        if !t.is_empty() {
            out.push(Block { kind: SectionKind::Caption, text: t });
        }
        current.clear();
    };
    while let Some((id, leaving)) = stack.pop() {
        let node = &dom.nodes[id];
        if leaving {
            flush(&mut current, out);
            continue;
        }
        match &node.kind {
            NodeKind::Text(t) => current.push_str(t),
            NodeKind::Element { .. } => {
                let tag = node.tag();
                if (is_pruned_tag(tag) && !matches!(tag, "figcaption" | "time" | "address"))
                    || is_hidden(dom, id)
                {
                    continue;
                }
                if is_block(tag) {
                    flush(&mut current, out);
                    stack.push((id, true));
                }
                for &c in node.children.iter().rev() {
                    stack.push((c, false));
                }
            }
        }
    }
    flush(&mut current, out);
}

/// Blocks of teasers for other stories: the largest element that opens with a heading such
/// as "You may also like" (`data/ingest/end_markers.txt`) and holds no story landmark (an
/// `<h1>` or a `<main>`; teaser cards are often `<article>`s, so those do not count).
fn teaser_blocks(dom: &Dom) -> Vec<bool> {
    let n = dom.nodes.len();
    let mut teasers = vec![false; n];
    let mut landmark = vec![false; n];
    for i in (1..n).rev() {
        let tag = dom.nodes[i].tag();
        if let Some(p) = dom.nodes[i].parent {
            landmark[p] |= landmark[i] || matches!(tag, "h1" | "main");
        }
    }
    let mut last_text: Option<NodeId> = None;
    for i in 0..n {
        let Some(t) = dom.nodes[i].text() else { continue };
        let trimmed = t.trim();
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.len() <= 120 && crate::article::is_end_marker(trimmed) {
            // Climb while the ancestor starts at this heading (no text before it inside).
            let mut top = None;
            let mut a = dom.nodes[i].parent;
            // Bounded, so that many such headings on a very deep page stay linear.
            for _ in 0..64 {
                let Some(id) = a else { break };
                if id == 0 || last_text.is_some_and(|l| l > id) || landmark[id] {
                    break;
                }
                top = Some(id);
                a = dom.nodes[id].parent;
            }
            if let Some(top) = top {
                teasers[top] = true;
            }
        }
        last_text = Some(i);
    }
    teasers
}

fn link_density(m: &Measure, id: NodeId) -> f32 {
    if m.text[id] == 0 {
        0.0
    } else {
        m.link[id] as f32 / m.text[id] as f32
    }
}

/// Paragraph text under node `i` (nodes visited children first): a scored block of at least 40
/// characters, mostly not links and holding no paragraph itself, counts its own text; any other
/// node the paragraph text of its children. Adds the result to the parent.
fn add_paragraph_text(dom: &Dom, text: &[u32], link: &[u32], para: &mut [u32], i: NodeId) {
    let tag = dom.nodes[i].tag();
    let direct = if tag == "div" { direct_text(dom, text, i) } else { 0 };
    let paragraph = is_scored(tag) || direct >= 40;
    let few_links = (link[i] as f32) < 0.3 * text[i] as f32;
    let own = if paragraph && text[i] >= 40 && few_links && para[i] == 0 {
        text[i]
    } else if direct >= 40 && few_links {
        // A `<div>` of `<br>`-separated lines around a paragraph of its own (a post's
        // "posted in" line): its lines count too.
        para[i] + direct
    } else {
        para[i]
    };
    para[i] = own;
    if let Some(p) = dom.nodes[i].parent {
        para[p] += own;
    }
}

/// Paragraph-like elements that give points to their containers (list items do not: lists of
/// teasers would win over the story).
fn is_scored(tag: &str) -> bool {
    matches!(tag, "p" | "pre" | "td" | "blockquote" | "dd")
}

/// A container's prior by what it is: story wrappers up, lists and forms down.
fn prior(dom: &Dom, m: &Measure, id: NodeId) -> f32 {
    let by_tag = match dom.nodes[id].tag() {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "ul" | "ol" | "dl" | "li" | "dd" | "dt" | "form" => -3.0,
        "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    let by_name = match m.names[id] {
        Naming::Positive => 25.0,
        Naming::Negative => -25.0,
        Naming::Neutral => 0.0,
    };
    by_tag + by_name
}

/// Punctuation that separates clauses, in Latin and CJK scripts.
fn is_clause_mark(c: char) -> bool {
    matches!(c, ',' | '，' | '、' | '،' | '。')
}

/// Points per node from the paragraph-like elements under it.
fn score(dom: &Dom, m: &Measure) -> Vec<f32> {
    let n = dom.nodes.len();
    let mut score = vec![0f32; n];
    for i in 1..n {
        if m.pruned[i] {
            continue;
        }
        let tag = dom.nodes[i].tag();
        let direct_text = tag == "div" && has_direct_text(dom, m, i);
        if !(is_scored(tag) || direct_text) {
            continue;
        }
        let len = m.text[i];
        if len < 25 || link_density(m, i) > 0.5 {
            continue;
        }
        let points = match br_segments(dom, m, i) {
            // Lines separated by `<br>` are paragraphs of their own: a post written that way
            // scores as many paragraphs, not one.
            Some(points) => points,
            None => 1.0 + m.commas[i] as f32 + (len as f32 / 100.0).min(3.0),
        };
        // A `<div>` holding text directly (a `<br>`-separated story) is also its own container.
        if direct_text {
            score[i] += points;
        }
        let mut ancestor = dom.nodes[i].parent;
        let mut level = 0;
        while let Some(a) = ancestor {
            if level == 3 || a == 0 {
                break;
            }
            let share = match level {
                0 => 1.0,
                1 => 0.5,
                _ => 1.0 / (level as f32 * 3.0),
            };
            score[a] += points * share;
            ancestor = dom.nodes[a].parent;
            level += 1;
        }
    }
    for (i, s) in score.iter_mut().enumerate() {
        if *s >= 5.0 {
            *s = (*s + prior(dom, m, i)) * (1.0 - link_density(m, i));
        } else {
            *s *= 1.0 - link_density(m, i);
        }
    }
    score
}

/// Points of an element's `<br>`-separated runs of text, each scored as a paragraph (runs of
/// under 25 characters give nothing); `None` when the element has no `<br>` among its children.
fn br_segments(dom: &Dom, m: &Measure, id: NodeId) -> Option<f32> {
    let children = &dom.nodes[id].children;
    if !children.iter().any(|&c| dom.nodes[c].tag() == "br") {
        return None;
    }
    let (mut total, mut len, mut commas) = (0f32, 0u32, 0u32);
    let mut close = |len: &mut u32, commas: &mut u32| {
        if *len >= 25 {
            total += 1.0 + *commas as f32 + (*len as f32 / 100.0).min(3.0);
        }
        *len = 0;
        *commas = 0;
    };
    for &c in children {
        if m.pruned[c] {
            continue;
        }
        let tag = dom.nodes[c].tag();
        if matches!(dom.nodes[c].kind, NodeKind::Text(_)) || is_inline(tag) {
            len += m.text[c];
            commas += m.commas[c];
        } else {
            close(&mut len, &mut commas);
        }
    }
    close(&mut len, &mut commas);
    Some(total)
}

fn has_direct_text(dom: &Dom, m: &Measure, id: NodeId) -> bool {
    direct_text(dom, &m.text, id) >= 25
}

/// Text directly in an element: its text children and inline children.
fn direct_text(dom: &Dom, text: &[u32], id: NodeId) -> u32 {
    dom.nodes[id]
        .children
        .iter()
        .filter(|&&c| matches!(dom.nodes[c].kind, NodeKind::Text(_)) || is_inline(dom.nodes[c].tag()))
        .map(|&c| text[c])
        .sum()
}

fn is_inline(tag: &str) -> bool {
    matches!(tag, "a" | "b" | "i" | "em" | "strong" | "span" | "font" | "u" | "small" | "sup" | "sub")
}

/// The extracted story: body blocks in order and the captions found with it.
pub(crate) struct Extracted {
    /// Story blocks in page order.
    pub blocks: Vec<Block>,
    /// How many blocks were dropped as boilerplate (link lists, empty labels).
    pub dropped: usize,
}

/// Extract the story blocks from a parsed page.
pub(crate) fn extract(dom: &Dom) -> Extracted {
    let m = measure(dom, true);
    let scores = score(dom, &m);
    if scores.iter().all(|&s| s <= 0.0) && (m.text[0] as f32) < 0.2 * m.raw_para as f32 {
        // Class names pruned away every paragraph: the story's wrappers are named oddly
        // ("and-w-sidebar"). Read the page again pruning by tag only.
        let m = measure(dom, false);
        let scores = score(dom, &m);
        let roots = choose_roots(dom, &m, &scores);
        return collect(dom, &m, &roots);
    }
    let roots = choose_roots(dom, &m, &scores);
    collect(dom, &m, &roots)
}

/// The elements whose text is the story, in document order.
fn choose_roots(dom: &Dom, m: &Measure, scores: &[f32]) -> Vec<NodeId> {
    let best = (1..dom.nodes.len())
        .filter(|&i| !m.pruned[i] && scores[i] > 0.0)
        .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)));
    let Some(best) = best else {
        // No paragraphs at all: take whatever visible text the page has.
        return vec![0];
    };
    // The story is often split over several containers (chunks between ads and figures): climb
    // while every other part of the parent is story-like (paragraphs, few links) or next to
    // nothing. An `<article>` is a story's own boundary: never climb out of one.
    let mut top = best;
    while let Some(p) = dom.nodes[top].parent {
        if p == 0 || matches!(dom.nodes[p].tag(), "body" | "html") || dom.nodes[top].tag() == "article" {
            break;
        }
        let small = (m.text[top] as f32 * 0.05).max(20.0) as u32;
        let story_like = |c: NodeId| {
            c == top
                || m.pruned[c]
                || m.text[c] <= small
                || (m.para[c] as f32 >= 0.6 * m.text[c] as f32
                    && link_density(m, c) < 0.15
                    && dom.nodes[c].tag() != "article")
        };
        if dom.nodes[p].children.iter().all(|&c| story_like(c)) {
            top = p;
        } else {
            break;
        }
    }
    let threshold = (scores[top] * 0.2).max(10.0);
    let Some(parent) = dom.nodes[top].parent else { return vec![top] };
    // The parent's children with visible text, and whether each is kept: the story container,
    // a sibling that scores and holds prose, or a long paragraph with few links.
    let siblings: Vec<NodeId> = dom.nodes[parent]
        .children
        .iter()
        .copied()
        .filter(|&s| s == top || (!m.pruned[s] && m.text[s] > 0))
        .collect();
    let paragraph = |s: NodeId| dom.nodes[s].tag() == "p" || m.para[s] as f32 >= 0.8 * m.text[s] as f32;
    let mut keep: Vec<bool> = siblings
        .iter()
        .map(|&s| {
            s == top
                || (scores[s] >= threshold && has_prose(dom, m, s))
                || (paragraph(s) && m.text[s] > 80 && link_density(m, s) < 0.25)
        })
        .collect();
    // A short paragraph ending a sentence, without links, is the story's when it is next to
    // the story: it continues it, but not from beyond a sidebar.
    let short: Vec<bool> = siblings
        .iter()
        .map(|&s| paragraph(s) && link_density(m, s) == 0.0 && ends_sentence(dom, s))
        .collect();
    loop {
        let mut changed = false;
        for k in 0..siblings.len() {
            if !keep[k] && short[k] && ((k > 0 && keep[k - 1]) || keep.get(k + 1) == Some(&true)) {
                keep[k] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    siblings.into_iter().zip(keep).filter(|&(_, k)| k).map(|(s, _)| s).collect()
}

/// Does the element hold a paragraph of prose: 40 characters or more, few links, ending a
/// sentence? (A sidebar's lines of times and places score, but hold none.)
fn has_prose(dom: &Dom, m: &Measure, id: NodeId) -> bool {
    let mut stack = vec![id];
    while let Some(i) = stack.pop() {
        if m.pruned[i] || m.text[i] < 40 {
            continue;
        }
        let tag = dom.nodes[i].tag();
        let paragraph = is_scored(tag) || (tag == "div" && has_direct_text(dom, m, i));
        if paragraph && link_density(m, i) < 0.25 && ends_sentence(dom, i) {
            return true;
        }
        stack.extend(dom.nodes[i].children.iter().copied());
    }
    false
}

fn ends_sentence(dom: &Dom, id: NodeId) -> bool {
    let t = dom.text_of(id);
    let t = t.trim_end();
    t.ends_with(['.', '!', '?', '。', '”', '"'])
}

/// Walk `roots` in order into blocks.
fn collect(dom: &Dom, m: &Measure, roots: &[NodeId]) -> Extracted {
    let mut out = Extracted { blocks: Vec::new(), dropped: 0 };
    // The block being filled: its text, how much of it is link text, and the block elements
    // it sits in (a paragraph may continue after a nested block closes).
    let mut current = String::new();
    let mut current_links = 0usize;
    let mut blocks: Vec<NodeId> = Vec::new();
    let mut in_link = 0usize;
    // (node, leaving)
    let mut stack: Vec<(NodeId, bool)> = roots.iter().rev().map(|&r| (r, false)).collect();
    let flush = |current: &mut String, links: &mut usize, block: Option<NodeId>, out: &mut Extracted| {
        let text = current.trim();
        if !text.is_empty() {
            // Link lists ("Related: …", tag clouds) are furniture; a paragraph may link more.
            let limit = if block.is_some_and(|b| dom.nodes[b].tag() == "p") { 0.8 } else { 0.5 };
            let visible = text.chars().filter(|c| !c.is_whitespace()).count();
            if *links as f32 > limit * visible as f32 {
                out.dropped += 1;
            } else {
                out.blocks.push(Block { kind: SectionKind::Body, text: text.to_string() });
            }
        }
        current.clear();
        *links = 0;
    };
    while let Some((id, leaving)) = stack.pop() {
        let node = &dom.nodes[id];
        let tag = node.tag();
        if leaving {
            if is_block(tag) {
                flush(&mut current, &mut current_links, blocks.last().copied(), &mut out);
                blocks.pop();
            } else if tag == "a" {
                in_link -= 1;
            }
            continue;
        }
        match &node.kind {
            NodeKind::Text(t) => {
                current.push_str(t);
                if in_link > 0 {
                    current_links += t.chars().filter(|c| !c.is_whitespace()).count();
                }
            }
            NodeKind::Element { .. } => {
                if m.pruned[id] {
                    // Text on either side of a dropped block does not run together.
                    if is_block(tag) && !current.ends_with(char::is_whitespace) && !current.is_empty() {
                        current.push(' ');
                    }
                    if m.captions[id] && !m.pruned[node.parent.unwrap_or(0)] {
                        flush(&mut current, &mut current_links, blocks.last().copied(), &mut out);
                        caption_blocks(dom, id, &mut out.blocks);
                    } else if tag == "figcaption" && !m.pruned[node.parent.unwrap_or(0)] {
                        let text = dom.text_of(id);
                        if !text.trim().is_empty() {
                            flush(&mut current, &mut current_links, blocks.last().copied(), &mut out);
                            let text = text.trim().to_string();
                            out.blocks.push(Block { kind: SectionKind::Caption, text });
                        }
                    }
                    continue;
                }
                if is_block(tag) {
                    flush(&mut current, &mut current_links, blocks.last().copied(), &mut out);
                    blocks.push(id);
                } else if tag == "a" {
                    in_link += 1;
                }
                stack.push((id, true));
                for &c in node.children.iter().rev() {
                    stack.push((c, false));
                }
            }
        }
    }
    flush(&mut current, &mut current_links, blocks.last().copied(), &mut out);
    out
}

/// Why the text containing `needle` was or was not taken: its ancestors with their scores,
/// text and link counts and whether they were pruned (a debugging aid).
pub fn explain(dom: &Dom, needle: &str) -> String {
    let m = measure(dom, true);
    let scores = score(dom, &m);
    let best = (1..dom.nodes.len())
        .filter(|&i| !m.pruned[i] && scores[i] > 0.0)
        .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)));
    let mut out = format!("best {best:?} score {:?}\n", best.map(|b| scores[b]));
    for r in choose_roots(dom, &m, &scores) {
        let n = &dom.nodes[r];
        out.push_str(&format!("  root {r} {} class={:?} text={}\n", n.tag(), n.attr("class"), m.text[r]));
    }
    if let Some(b) = best {
        let n = &dom.nodes[b];
        let t: String = dom.text_of(b).chars().take(300).collect();
        out.push_str(&format!("  {} class={:?} text={} :: {t}\n", n.tag(), n.attr("class"), m.text[b]));
    }
    let Some(hit) = (0..dom.nodes.len()).find(|&i| dom.nodes[i].text().is_some_and(|t| t.contains(needle)))
    else {
        return out + "needle not found\n";
    };
    let mut chain = vec![hit];
    while let Some(p) = dom.nodes[*chain.last().unwrap()].parent {
        chain.push(p);
    }
    for &i in chain.iter().rev() {
        let n = &dom.nodes[i];
        out.push_str(&format!(
            "{i:6} {:10} class={:?} id={:?} score={:.1} text={} link={} para={} pruned={}\n",
            n.tag(),
            n.attr("class").unwrap_or(""),
            n.attr("id").unwrap_or(""),
            scores[i],
            m.text[i],
            m.link[i],
            m.para[i],
            m.pruned[i]
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::parse;

    fn body(html: &str) -> Vec<String> {
        extract(&parse(html))
            .blocks
            .into_iter()
            .filter(|b| b.kind == SectionKind::Body)
            .map(|b| b.text)
            .collect()
    }

    #[test]
    fn finds_the_story_among_boilerplate() {
        let para = "This is a sentence of the story, long enough to count, with commas, and more. ";
        let html = format!(
            "<html><body><nav><a href=/>Home</a><a href=/w>World</a></nav>\
             <div class=share><a>Share on Facebook</a></div>\
             <div class=article-body><p>{para}</p><p>{para}Second.</p>\
             <figure><img src=x><figcaption>A caption</figcaption></figure><p>{para}Third.</p></div>\
             <div class=related><ul><li><a href=/1>Other story one</a></li></ul></div>\
             <footer>Copyright</footer></body></html>"
        );
        let blocks = body(&html);
        assert_eq!(blocks.len(), 3, "{blocks:?}");
        assert!(blocks[2].ends_with("Third."));
        let ex = extract(&parse(&html));
        assert!(ex.blocks.iter().any(|b| b.kind == SectionKind::Caption && b.text == "A caption"));
    }

    #[test]
    fn pages_without_paragraphs_give_their_text_or_nothing() {
        assert!(body("<html><script>var a = 1;</script></html>").is_empty());
        assert!(body("").is_empty());
        assert_eq!(body("<div>Only a line</div>"), ["Only a line"]);
    }
}
