//! Page metadata: title, byline, publication date, outlet, canonical URL and language, from
//! `<meta>` tags, JSON-LD, `<time>`, the URL and the page's own markup, in that order of trust.

use crate::dates::{self, Found};
use crate::html::Dom;
use serde_json::Value;

#[derive(Debug, Default, Clone)]
pub struct PageMeta {
    pub title: Option<String>,
    pub byline: Option<String>,
    /// The date and where it was found: "json-ld" (`datePublished`), "meta"
    /// (`article:published_time` and kin), "time" (`<time datetime>`), "byline" (a date
    /// written in the byline or date line), "url", or "modified" (only a last-modified date).
    pub date: Option<(Found, &'static str)>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    /// JSON-LD `articleBody`, when the page gives one.
    pub article_body: Option<String>,
    pub warnings: Vec<dyad_core::Warning>,
}

/// `<meta>` names and properties that carry the publication date, most specific first.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "article.published",
    "published_time",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "dcterms.date",
    "date",
];

/// `<meta>` names that carry when the page was last changed: a date of last resort.
const MODIFIED_META: &[&str] = &["article:modified_time", "og:updated_time", "datemodified", "last-modified"];

fn clean(s: &str) -> Option<String> {
    let t = dyad_core::text::normalise(s);
    (!t.is_empty()).then_some(t)
}

/// Read the page's metadata. `url` is the address given with the input, if any.
pub fn read(dom: &Dom, url: Option<&str>) -> PageMeta {
    let mut meta = PageMeta::default();
    let mut metas: Vec<(String, String)> = Vec::new();
    let mut ld_blocks = Vec::new();
    let mut time_value = None;
    let mut time_published = None;
    let mut byline_date = None;
    let mut title_tag = None;
    let mut headings: Vec<String> = Vec::new();
    let mut author_link = None;
    let mut byline_element = None;
    // Elements named as the story's headline (`itemprop="headline"`, class "entry-title").
    let mut named_headlines: Vec<String> = Vec::new();
    // Microdata `itemprop="datePublished"` on an element other than `<meta>`.
    let mut microdata_date = None;
    for (id, node) in dom.nodes.iter().enumerate() {
        if let Some(t) = node.text() {
            // "Posted on 12 May 2018 by …", "Published: …": a line that says when the page was
            // posted, whatever its markup.
            if byline_date.is_none() && posted_label(t) {
                if let Some(p) = node.parent {
                    let text = dom.text_of(p);
                    if text.len() <= 200 {
                        byline_date = dates::find_date(&text);
                    }
                }
            }
            continue;
        }
        if !matches!(node.tag(), "meta" | "time") {
            // (A `<time>` is read below, as a `<time>`.)
            if microdata_date.is_none()
                && node.attr("itemprop").is_some_and(|v| v.eq_ignore_ascii_case("datePublished"))
            {
                microdata_date = ["datetime", "content", "title"]
                    .iter()
                    .find_map(|k| node.attr(k).and_then(dates::parse_date_value));
            }
            if named_headlines.len() < 4 && names_headline(node) {
                if let Some(h) = clean(&dom.text_of(id)).filter(|h| h.chars().count() <= 300) {
                    named_headlines.push(h);
                }
            }
        }
        if byline_date.is_none() && (is_byline_element(node) || is_date_element(node)) {
            let text = dom.text_of(id);
            if text.len() <= 200 {
                byline_date = dates::find_date(&text);
            }
        }
        match node.tag() {
            "meta" => {
                let key = node
                    .attr("property")
                    .or_else(|| node.attr("name"))
                    .or_else(|| node.attr("itemprop"))
                    .or_else(|| node.attr("http-equiv"));
                if let (Some(k), Some(v)) = (key, node.attr("content")) {
                    metas.push((k.to_ascii_lowercase(), v.to_string()));
                }
            }
            "link"
                if meta.url.is_none()
                    && node.attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                meta.url = node.attr("href").filter(|h| h.starts_with("http")).map(str::to_string);
            }
            "html" if meta.language.is_none() => {
                meta.language = node.attr("lang").and_then(language_code);
            }
            "script" if node.attr("type").is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) => {
                ld_blocks.push(dom.text_of(id));
            }
            "time" if time_published.is_none() => {
                let value = node.attr("datetime").and_then(dates::parse_date_value);
                match time_role(dom, id) {
                    TimeRole::Published => time_published = value,
                    TimeRole::Modified => {}
                    TimeRole::Unmarked => time_value = time_value.or(value),
                }
            }
            "title" if title_tag.is_none() => title_tag = clean(&dom.text_of(id)),
            "h1" | "h2" if headings.len() < 8 => {
                if let Some(h) = clean(&dom.text_of(id)).filter(|h| h.chars().count() <= 300) {
                    headings.push(if node.tag() == "h1" { h } else { format!("\u{0}{h}") });
                }
            }
            "a" if author_link.is_none() && node.attr("rel") == Some("author") => {
                author_link = clean(&dom.text_of(id));
            }
            _ => {
                if byline_element.is_none() && is_byline_element(node) {
                    byline_element =
                        clean(&dom.text_of(id)).filter(|t| t.chars().count() <= 100).map(|t| strip_by(&t));
                }
            }
        }
    }
    let get = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            metas.iter().find(|(mk, v)| mk == k && !v.trim().is_empty()).map(|(_, v)| v.clone())
        })
    };

    let mut ld = LdArticle::default();
    for block in &ld_blocks {
        match serde_json::from_str::<Value>(block.trim().trim_end_matches(';')) {
            Ok(v) => ld.absorb(&v, 0),
            Err(e) => {
                meta.warnings.push(dyad_core::Warning::new("ingest", format!("invalid JSON-LD ignored: {e}")))
            }
        }
    }

    meta.title = choose_title(
        get(&["og:title", "twitter:title"]).and_then(|t| clean(&t)),
        ld.headline.clone().or_else(|| get(&["headline"]).and_then(|t| clean(&t))),
        &headings,
        &named_headlines,
        title_tag,
    );
    meta.byline =
        get(&["author", "article:author", "sailthru.author", "parsely-author", "dc.creator", "byl"])
            .filter(|a| !a.starts_with("http"))
            .and_then(|a| clean(&a))
            .map(|a| strip_by(&a))
            .or(ld.author.clone())
            .or(author_link)
            .or(byline_element);
    meta.outlet = get(&["og:site_name", "application-name", "twitter:site"])
        .and_then(|s| clean(s.trim_start_matches('@')))
        .or(ld.publisher.clone());
    if meta.url.is_none() {
        meta.url = get(&["og:url"]).filter(|u| u.starts_with("http"));
    }
    if meta.url.is_none() {
        meta.url = url.map(str::to_string);
    }
    if meta.outlet.is_none() {
        meta.outlet = meta.url.as_deref().or(url).and_then(domain);
    }
    if meta.language.is_none() {
        meta.language = get(&["content-language", "og:locale", "language"])
            .and_then(|l| language_code(&l))
            .or_else(|| ld.language.as_deref().and_then(language_code));
    }
    // In order of trust: what the structured data says was published, then the page's
    // published-time tags, a `<time>` element, a date written in the byline, the URL, and only
    // then when the page was last modified.
    meta.date = ld
        .date
        .as_deref()
        .and_then(dates::parse_date_value)
        .map(|f| (f, "json-ld"))
        .or_else(|| {
            get(DATE_META).and_then(|v| dates::parse_date_value(&v)).or(microdata_date).map(|f| (f, "meta"))
        })
        .or_else(|| time_published.or(time_value).map(|f| (f, "time")))
        .or_else(|| byline_date.map(|f| (f, "byline")))
        .or_else(|| {
            let u = meta.url.as_deref().or(url)?;
            dates::date_in_url(u).map(|date| (Found { date, time: None }, "url"))
        })
        .or_else(|| {
            get(MODIFIED_META)
                .and_then(|v| dates::parse_date_value(&v))
                .or_else(|| ld.modified.as_deref().and_then(dates::parse_date_value))
                .map(|f| (f, "modified"))
        });
    meta.article_body = ld.body;
    meta
}

/// What a `<time>` element dates: the publication, a later change, or it does not say.
enum TimeRole {
    Published,
    Modified,
    Unmarked,
}

fn time_role(dom: &Dom, id: usize) -> TimeRole {
    let node = &dom.nodes[id];
    // A label written just before it: "Updated <time>", "First published <time>".
    let label = node.parent.and_then(|p| {
        let siblings = &dom.nodes[p].children;
        let at = siblings.iter().position(|&c| c == id)?;
        siblings[..at].iter().rev().find_map(|&c| dom.nodes[c].text().filter(|t| !t.trim().is_empty()))
    });
    if let Some(label) = label.map(|l| l.trim().to_lowercase()).filter(|l| l.len() <= 40) {
        if label.contains("updated") || label.contains("modified") || label.contains("edited") {
            return TimeRole::Modified;
        }
        if label.contains("published") || label.contains("posted") {
            return TimeRole::Published;
        }
    }
    let mut words = String::new();
    for key in ["itemprop", "class", "id"] {
        if let Some(v) = node.attr(key) {
            words.push_str(&v.to_ascii_lowercase());
            words.push(' ');
        }
    }
    if node.attr("pubdate").is_some() || words.contains("published") || words.contains("pubdate") {
        TimeRole::Published
    } else if words.contains("modified") || words.contains("updated") {
        TimeRole::Modified
    } else {
        TimeRole::Unmarked
    }
}

/// An element whose class or id says it holds the date line ("post-date", "published",
/// "dateline", "timestamp"), not one that says it holds a later change.
fn is_date_element(node: &crate::html::Node) -> bool {
    let mut date = false;
    let mut modified = false;
    for key in ["class", "id", "itemprop"] {
        let Some(v) = node.attr(key) else { continue };
        for w in v.split(|c: char| !c.is_ascii_alphanumeric()) {
            let is = |words: &[&str]| words.iter().any(|x| w.eq_ignore_ascii_case(x));
            date |= is(&["date", "dateline", "published", "posted", "pubdate", "timestamp", "datepublished"]);
            modified |= is(&["updated", "modified", "datemodified"]);
        }
    }
    date && !modified
}

/// The page's title from its candidates: `og:title`, JSON-LD `headline`, the page's `<h1>`s
/// (and `<h2>`s, marked by a leading NUL, which never stand alone), elements named as the
/// headline (`itemprop="headline"`, class "entry-title") and `<title>`. The title is the
/// candidate that the most others agree with (the same words, or a run of three words or more
/// found in another, as a headline is in "Headline | Site"); among equals, the order of trust
/// above. A winner that holds an agreeing candidate as a run, the rest after a separator
/// ("Site » Headline", "Headline – Site"), gives way to the longest such candidate: the rest is
/// the site's or section's name. With no agreement at all: `og:title`, the headline, the first
/// `<h1>` or named headline of more than two words, the `<title>` without its site suffix, the
/// first `<h1>`.
fn choose_title(
    og: Option<String>,
    ld: Option<String>,
    headings: &[String],
    named: &[String],
    title_tag: Option<String>,
) -> Option<String> {
    // (text, weight of trust, may stand alone)
    let mut candidates: Vec<(String, u8, bool)> = Vec::new();
    if let Some(t) = og.clone() {
        candidates.push((t, 4, true));
    }
    if let Some(t) = ld.clone() {
        candidates.push((t, 3, true));
    }
    // The page's own headline markup, `<h1>`s and named elements, is one source.
    for h in headings {
        match h.strip_prefix('\u{0}') {
            Some(h2) => candidates.push((h2.to_string(), 1, false)),
            None => candidates.push((h.clone(), 2, true)),
        }
    }
    for h in named {
        candidates.push((h.clone(), 2, true));
    }
    let stripped = title_tag.as_deref().map(strip_site_suffix);
    if let Some(t) = &title_tag {
        candidates.push((t.clone(), 0, true));
    }
    let words: Vec<Vec<String>> = candidates.iter().map(|c| title_words(&c.0)).collect();
    let mut best: Option<(usize, usize, u8)> = None;
    for (i, c) in candidates.iter().enumerate() {
        if words[i].is_empty() {
            continue;
        }
        // Sources that agree, each counted once (the `<h1>`s are one source).
        let agree = (0..candidates.len())
            .filter(|&j| j != i && candidates[j].1 != c.1 && agrees(&words[i], &words[j]))
            .map(|j| candidates[j].1)
            .collect::<std::collections::BTreeSet<u8>>()
            .len();
        if agree == 0 && !c.2 {
            continue;
        }
        if best.is_none_or(|(_, a, w)| (agree, c.1) > (a, w)) {
            best = Some((i, agree, c.1));
        }
    }
    match best {
        Some((i, agree, _)) if agree > 0 => {
            // The winner holds another candidate and a site or section name: take the other.
            if has_separator(&candidates[i].0) {
                let inner = (0..candidates.len())
                    .filter(|&j| words[j].len() < words[i].len() && agrees(&words[i], &words[j]))
                    .max_by_key(|&j| (words[j].len(), candidates[j].1));
                if let Some(j) = inner {
                    return Some(candidates[j].0.clone());
                }
            }
            let (text, weight, _) = &candidates[i];
            // The `<title>` agreeing with a shorter candidate carries a site name: take theirs.
            if *weight == 0 {
                return stripped;
            }
            Some(text.clone())
        }
        _ => og
            .or(ld)
            .or_else(|| {
                headings
                    .iter()
                    .filter(|h| !h.starts_with('\u{0}'))
                    .chain(named)
                    .find(|h| h.split_whitespace().count() > 2)
                    .cloned()
            })
            .or_else(|| {
                // A `<title>` that names only a section and the site ("News | Club"): the
                // first heading that says more.
                let section = title_tag.as_deref().is_some_and(|t| {
                    has_separator(t)
                        && t.split(|c: char| "|-–—»·:".contains(c)).all(|p| p.split_whitespace().count() <= 3)
                });
                section
                    .then(|| {
                        headings
                            .iter()
                            .map(|h| h.trim_start_matches('\u{0}'))
                            .find(|h| h.split_whitespace().count() > 2)
                    })
                    .flatten()
                    .map(str::to_string)
            })
            .or(stripped)
            .or_else(|| headings.iter().find(|h| !h.starts_with('\u{0}')).cloned()),
    }
}

/// Separators between a headline and a site or section name in a title.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " — ", " – ", " :: ", " » ", " · ", ": "];

fn has_separator(title: &str) -> bool {
    TITLE_SEPARATORS.iter().any(|s| title.contains(s))
}

/// An element whose markup names it the story's headline: `itemprop="headline"`, or a class
/// word "headline", or "title" with "entry", "post", "article" or "story" ("entry-title").
fn names_headline(node: &crate::html::Node) -> bool {
    if node.attr("itemprop").is_some_and(|v| v.split_whitespace().any(|w| w.eq_ignore_ascii_case("headline")))
    {
        return true;
    }
    let Some(class) = node.attr("class") else { return false };
    let (mut headline, mut title, mut story) = (false, false, false);
    for w in class.split(|c: char| !c.is_ascii_alphanumeric()) {
        let is = |x: &str| w.eq_ignore_ascii_case(x);
        headline |= is("headline");
        title |= is("title");
        story |= is("entry") || is("post") || is("article") || is("story");
    }
    headline || (title && story)
}

/// A text that opens a line saying when the page was posted ("Posted on", "Published:").
fn posted_label(text: &str) -> bool {
    let t = text.trim_start().as_bytes();
    ["posted", "published", "first published"]
        .iter()
        .any(|w| t.len() >= w.len() && t[..w.len()].eq_ignore_ascii_case(w.as_bytes()))
}

/// A title's words, lowercased, for comparing candidates.
fn title_words(t: &str) -> Vec<String> {
    t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Two titles agree when they have the same words, or the shorter (three words or more) is a
/// run of the longer's.
fn agrees(a: &[String], b: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return false;
    }
    short == long || (short.len() >= 3 && long.windows(short.len()).any(|w| w == short))
}

/// An element that names the author: `itemprop="author"` or a class word "byline".
fn is_byline_element(node: &crate::html::Node) -> bool {
    node.attr("itemprop") == Some("author")
        || node.attr("class").is_some_and(|c| {
            c.split(|ch: char| ch.is_whitespace() || ch == '-' || ch == '_')
                .any(|w| w.eq_ignore_ascii_case("byline"))
        })
}

/// "By Jane Roe" → "Jane Roe".
fn strip_by(byline: &str) -> String {
    let t = byline.trim();
    match t.get(..3) {
        Some(by) if by.eq_ignore_ascii_case("by ") => t[3..].trim().to_string(),
        _ => t.to_string(),
    }
}

/// "Story title | Site" → "Story title", when the suffix is short.
fn strip_site_suffix(title: &str) -> String {
    for sep in [" | ", " - ", " — ", " – ", " :: "] {
        if let Some(i) = title.rfind(sep) {
            let (head, tail) = (&title[..i], &title[i + sep.len()..]);
            if tail.chars().count() <= 40 && head.chars().count() >= 15 {
                return head.to_string();
            }
        }
    }
    title.to_string()
}

/// "en-US" → "en"; "ko_KR" → "ko".
fn language_code(tag: &str) -> Option<String> {
    let code: String = tag.trim().chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    (code.len() == 2 || code.len() == 3).then(|| code.to_ascii_lowercase())
}

/// `https://www.example.com/a/b` → `example.com`.
pub fn domain(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// The fields of the first news-article object in a page's JSON-LD.
#[derive(Default)]
struct LdArticle {
    headline: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    date: Option<String>,
    modified: Option<String>,
    language: Option<String>,
    body: Option<String>,
}

fn is_article_type(v: &Value) -> bool {
    let is = |s: &str| s.ends_with("Article") || s.ends_with("Posting") || s == "Report" || s == "WebPage";
    match v {
        Value::String(s) => is(s),
        Value::Array(a) => a.iter().any(|t| t.as_str().is_some_and(is)),
        _ => false,
    }
}

fn name_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => clean(s),
        Value::Object(o) => o.get("name").and_then(name_of),
        Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(name_of).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

impl LdArticle {
    /// Depth is bounded by serde_json's own nesting limit (128); the walk stops at 32.
    fn absorb(&mut self, v: &Value, depth: usize) {
        if depth > 32 {
            return;
        }
        match v {
            Value::Array(items) => items.iter().for_each(|i| self.absorb(i, depth + 1)),
            Value::Object(o) => {
                if let Some(graph) = o.get("@graph") {
                    self.absorb(graph, depth + 1);
                }
                if !o.get("@type").is_some_and(is_article_type) {
                    return;
                }
                let text = |k: &str| o.get(k).and_then(Value::as_str).and_then(clean);
                let news = o.get("@type").and_then(Value::as_str) != Some("WebPage");
                if news || self.headline.is_none() {
                    self.headline = self.headline.take().or_else(|| text("headline"));
                }
                self.date =
                    self.date.take().or_else(|| text("datePublished")).or_else(|| text("dateCreated"));
                self.modified = self.modified.take().or_else(|| text("dateModified"));
                self.author = self.author.take().or_else(|| o.get("author").and_then(name_of));
                self.publisher = self.publisher.take().or_else(|| o.get("publisher").and_then(name_of));
                self.language = self.language.take().or_else(|| text("inLanguage"));
                if self.body.is_none() {
                    self.body = o.get("articleBody").and_then(Value::as_str).map(str::to_string);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::parse;

    #[test]
    fn reads_meta_tags_and_json_ld() {
        let page = r#"<html lang="en-GB"><head><title>Talks end | The Daily</title>
            <meta property="og:site_name" content="The Daily">
            <meta property="article:published_time" content="2024-11-01">
            <meta property="article:modified_time" content="2024-11-05">
            <link rel="canonical" href="https://www.daily.example/world/2024/11/01/talks">
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
              "headline":"Talks end","author":{"@type":"Person","name":"Jane Roe"},
              "dateModified":"2024-11-06","datePublished":"2024-11-02T09:30:00+09:00"}</script>
            </head><body><h1>Talks end</h1></body></html>"#;
        let bare = read(&parse(r#"<div class="article-byline">By  Jane Roe</div>"#), None);
        assert_eq!(bare.byline.as_deref(), Some("Jane Roe"));
        let m = read(&parse(page), None);
        assert_eq!(m.title.as_deref(), Some("Talks end"));
        assert_eq!(m.byline.as_deref(), Some("Jane Roe"));
        let (date, source) = m.date.unwrap();
        assert_eq!(date.date.to_string(), "2024-11-02");
        assert_eq!(date.time.as_deref(), Some("09:30:00+09:00"));
        assert_eq!(source, "json-ld");
        assert_eq!(m.outlet.as_deref(), Some("The Daily"));
        assert_eq!(m.url.as_deref(), Some("https://www.daily.example/world/2024/11/01/talks"));
        assert_eq!(m.language.as_deref(), Some("en"));
    }

    /// Each source of the published date in turn, the one above removed each time; a
    /// modified date never wins over a published one.
    #[test]
    fn the_published_date_follows_the_order_of_trust() {
        let url = Some("https://news.example/2021/03/04/story");
        let layers = [
            (
                r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-03-01","dateModified":"2021-03-09"}</script>"#,
                "2021-03-01",
                "json-ld",
            ),
            (
                r#"<meta property="article:published_time" content="2021-03-02T08:00:00Z"><meta property="og:updated_time" content="2021-03-09">"#,
                "2021-03-02",
                "meta",
            ),
            (
                r#"<time class="updated" datetime="2021-03-09">9 March</time><time itemprop="datePublished" datetime="2021-03-03">3 March</time>"#,
                "2021-03-03",
                "time",
            ),
            (r#"<div class="byline">By Jane Roe, March 5, 2021</div>"#, "2021-03-05", "byline"),
            ("<p>No date here.</p>", "2021-03-04", "url"),
        ];
        for k in 0..layers.len() {
            let page: String = layers[k..].iter().map(|l| l.0).collect();
            let m = read(&parse(&page), url);
            let (found, source) = m.date.unwrap();
            assert_eq!((found.date.to_string().as_str(), source), (layers[k].1, layers[k].2), "{page}");
        }
        let only_modified = r#"<meta property="article:modified_time" content="2021-03-09">"#;
        let (found, source) = read(&parse(only_modified), None).date.unwrap();
        assert_eq!((found.date.to_string().as_str(), source), ("2021-03-09", "modified"));
    }

    /// A section label in the first `<h1>`, the headline in a second heading: the title is
    /// the candidate the page's sources agree on, not the first heading.
    #[test]
    fn the_title_is_what_the_sources_agree_on() {
        let title = |page: &str| read(&parse(page), None).title;
        let section_h1 = "<title>Minister resigns over budget row - Politics - The Daily</title>\
            <h1>Politics</h1><h2>Minister resigns over budget row</h2><h2>Most read</h2>";
        assert_eq!(title(section_h1).as_deref(), Some("Minister resigns over budget row"));
        let og_is_site = r#"<meta property="og:title" content="The Daily"><title>Storm closes ports along the coast | The Daily</title>
            <h1>Storm closes ports along the coast</h1>"#;
        assert_eq!(title(og_is_site).as_deref(), Some("Storm closes ports along the coast"));
        let ld_agrees = r#"<meta property="og:title" content="Talks end in Geneva"><script type="application/ld+json">{"@type":"NewsArticle","headline":"Talks end in Geneva"}</script>
            <h1>World</h1>"#;
        assert_eq!(title(ld_agrees).as_deref(), Some("Talks end in Geneva"));
        assert_eq!(title("<title>Home | Site</title><h1>News</h1>").as_deref(), Some("Home | Site"));
        assert_eq!(
            title("<title>A longer page title here - Site</title>").as_deref(),
            Some("A longer page title here")
        );
    }

    #[test]
    fn invalid_json_ld_is_a_warning_and_the_url_gives_the_date() {
        let page = r#"<script type="application/ld+json">{"@type": "NewsArticle", </script><title>A</title>"#;
        let m = read(&parse(page), Some("https://news.example.com/2019/11/19/story"));
        assert_eq!(m.warnings.len(), 1);
        assert_eq!(m.date.unwrap().1, "url");
        assert_eq!(m.outlet.as_deref(), Some("news.example.com"));
    }
}
