//! Page metadata: title, byline, publication date, outlet, canonical URL and language, from
//! `<meta>` tags, JSON-LD, `<time>`, the URL and the page's own markup, in that order of trust.

use crate::dates::{self, Found};
use crate::html::Dom;
use serde_json::Value;

#[derive(Debug, Default, Clone)]
pub struct PageMeta {
    pub title: Option<String>,
    pub byline: Option<String>,
    /// The date and where it was found ("meta", "json-ld", "time", "url").
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
    "og:updated_time",
    "article:modified_time",
];

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
    let mut title_tag = None;
    let mut h1 = None;
    let mut author_link = None;
    let mut byline_element = None;
    for (id, node) in dom.nodes.iter().enumerate() {
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
            "time" if time_value.is_none() => {
                time_value = node.attr("datetime").and_then(dates::parse_date_value);
            }
            "title" if title_tag.is_none() => title_tag = clean(&dom.text_of(id)),
            "h1" if h1.is_none() => h1 = clean(&dom.text_of(id)),
            "a" if author_link.is_none() && node.attr("rel") == Some("author") => {
                author_link = clean(&dom.text_of(id));
            }
            _ if byline_element.is_none() && is_byline_element(node) => {
                byline_element =
                    clean(&dom.text_of(id)).filter(|t| t.chars().count() <= 100).map(|t| strip_by(&t));
            }
            _ => {}
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

    meta.title = get(&["og:title", "twitter:title"])
        .and_then(|t| clean(&t))
        .or(ld.headline.clone())
        .or(h1)
        .or_else(|| title_tag.map(|t| strip_site_suffix(&t)));
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
    meta.date = get(DATE_META)
        .and_then(|v| dates::parse_date_value(&v))
        .map(|f| (f, "meta"))
        .or_else(|| ld.date.as_deref().and_then(dates::parse_date_value).map(|f| (f, "json-ld")))
        .or_else(|| time_value.map(|f| (f, "time")))
        .or_else(|| {
            let u = meta.url.as_deref().or(url)?;
            dates::date_in_url(u).map(|date| (Found { date, time: None }, "url"))
        });
    meta.article_body = ld.body;
    meta
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
    language: Option<String>,
    body: Option<String>,
}

fn is_article_type(v: &Value) -> bool {
    let is = |s: &str| s.ends_with("Article") || s == "BlogPosting" || s == "Report" || s == "WebPage";
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
            <meta property="article:published_time" content="2024-11-02T09:30:00+09:00">
            <link rel="canonical" href="https://www.daily.example/world/2024/11/01/talks">
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
              "headline":"Talks end","author":{"@type":"Person","name":"Jane Roe"},"datePublished":"2024-11-01"}</script>
            </head><body><h1>Talks end</h1></body></html>"#;
        let bare = read(&parse(r#"<div class="article-byline">By  Jane Roe</div>"#), None);
        assert_eq!(bare.byline.as_deref(), Some("Jane Roe"));
        let m = read(&parse(page), None);
        assert_eq!(m.title.as_deref(), Some("Talks end"));
        assert_eq!(m.byline.as_deref(), Some("Jane Roe"));
        let (date, source) = m.date.unwrap();
        assert_eq!(date.date.to_string(), "2024-11-02");
        assert_eq!(date.time.as_deref(), Some("09:30:00+09:00"));
        assert_eq!(source, "meta");
        assert_eq!(m.outlet.as_deref(), Some("The Daily"));
        assert_eq!(m.url.as_deref(), Some("https://www.daily.example/world/2024/11/01/talks"));
        assert_eq!(m.language.as_deref(), Some("en"));
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
