//! Ingest: reading inputs (files, directories, `.gz`, JSONL feeds, stdin) and extracting the
//! article (text, metadata, sections) from HTML or plain text into a [`Document`].
//!
//! # Design
//!
//! - [`read_inputs`] is a lazy iterator: a directory is walked one entry at a time and a JSONL
//!   feed is read one line at a time, so a tree of 100k files or a 1 GB feed is never held in
//!   memory. Each input (or JSONL line) yields one `Result`, so one bad input never stops the
//!   others ([`read`]).
//! - Bytes become text in [`decode`] (BOM, declared charset, legacy encodings, invalid UTF-8
//!   replaced with a warning).
//! - HTML is parsed by our own forgiving, non-recursive parser ([`html`]), metadata is read
//!   from meta tags and JSON-LD (`meta`), and the story container is found by scoring
//!   paragraphs ([`extract`]).
//! - A document that declares no language gets a rough guess by script and function words
//!   (`lang`).
//! - Both HTML blocks and plain-text paragraphs then go through the same news rules
//!   (`article`): bylines, photo captions, wire credits (`credits`), furniture dropped and
//!   counted, appended transcripts kept as commentary, dates from datelines (`dates`).
//!
//! The document's text is the article as read: headline, byline, body, captions and
//! commentary, each a [`dyad_core::Section`]; furniture is not in it, and how much of it was
//! dropped is [`Article::boilerplate_dropped`], also kept in `Meta::boilerplate_dropped`.
//!
//! Entry points: [`read_inputs`] and [`read_stream`] (readers); [`document_from_text`],
//! [`document_from_html`] and their [`Article`]-returning forms [`article_from_text`],
//! [`article_from_html`] (with what the input gave, [`Given`]); [`body_text`] (the story
//! without headline, captions or commentary, as the extraction benchmark scores it).

#![warn(missing_docs)]

mod article;
mod credits;
mod dates;
pub mod decode;
pub mod error;
pub mod extract;
pub mod html;
mod lang;
mod meta;
pub mod read;
mod warc;

pub use article::Article;
pub use error::{Failure, Reason, Skip};
pub use read::{input_key, read_inputs, read_inputs_except, read_stream};

use article::Part;
use dyad_core::{DocDate, Document, Meta, SectionKind};

/// What the input says about a document besides its content (a JSONL record's fields).
#[derive(Debug, Clone, Default)]
pub struct Given {
    /// The input's own id for the article (JSONL `id`), kept as `Meta::external_id`.
    pub id: Option<String>,
    /// The article's URL; also gives the outlet when the page names none.
    pub url: Option<String>,
    /// A title that overrides the page's.
    pub title: Option<String>,
    /// A publication date that overrides what the page or text says.
    pub date: Option<DocDate>,
}

/// A plain-text article as a document (title line, byline, captions, credits, commentary).
pub fn document_from_text(text: &str, origin: &str) -> Document {
    article_from_text(text, origin, &Given::default()).document
}

/// An HTML page as a document. Fails only when the page has no text at all.
pub fn document_from_html(bytes: &[u8], origin: &str) -> Result<Document, Failure> {
    article_from_html(bytes, origin, &Given::default()).map(|a| a.document)
}

/// The body of an article as the extraction benchmark counts it: lede and body paragraphs,
/// without headline, byline, captions or commentary.
pub fn body_text(doc: &Document) -> String {
    let mut out = String::new();
    for s in &doc.sections {
        if matches!(s.kind, SectionKind::Lede | SectionKind::Body) {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(doc.span_text(s.span));
        }
    }
    out
}

/// The first date written in a value meant to be one (a feed's `pubDate`, a meta tag): ISO
/// 8601, RFC 2822, "November 2, 2024" and the other forms pages use, with the time as written.
pub fn parse_date_value(value: &str) -> Option<(chrono::NaiveDate, Option<String>)> {
    dates::parse_date_value(value).map(|f| (f.date, f.time))
}

fn base_meta(origin: &str, given: &Given) -> Meta {
    Meta {
        origin: origin.to_string(),
        external_id: given.id.clone(),
        url: given.url.clone(),
        title: given.title.clone(),
        date: given.date.clone(),
        outlet: given.url.as_deref().and_then(meta::domain),
        ..Meta::default()
    }
}

/// A plain-text article, with what the input gave about it.
pub fn article_from_text(text: &str, origin: &str, given: &Given) -> Article {
    article_from_decoded(text, origin, given, Vec::new())
}

fn article_from_decoded(
    text: &str,
    origin: &str,
    given: &Given,
    warnings: Vec<dyad_core::Warning>,
) -> Article {
    let mut meta = base_meta(origin, given);
    let paragraphs = article::paragraphs(text);
    let mut headline = None;
    let mut rest = &paragraphs[..];
    if let Some(title) = &given.title {
        // The input names the headline (a JSONL `title`); a first paragraph that repeats it is
        // that headline, any other is the story's first paragraph.
        headline = Some(title.clone());
        if paragraphs.first().is_some_and(|p| dyad_core::text::normalise(p) == *title) {
            rest = &paragraphs[1..];
        }
    } else if article::title_line(&paragraphs) {
        headline = Some(dyad_core::text::normalise(paragraphs[0]));
        rest = &paragraphs[1..];
    }
    if let Some(h) = &headline {
        meta.title.get_or_insert_with(|| h.clone());
    }
    let parts = rest.iter().map(|p| Part { kind: SectionKind::Body, text: p.to_string() }).collect();
    let (parts, dropped) = article::classify(parts, &mut meta);
    let headline = headline.or_else(|| meta.title.clone());
    let mut document = article::build(headline.as_deref(), &parts, meta, warnings);
    document.meta.language = lang::guess(&document.text).map(str::to_string);
    warn_unless_english(&mut document);
    document.meta.boilerplate_dropped = dropped as u32;
    Article { document, boilerplate_dropped: dropped }
}

/// An HTML page, with what the input gave about it (its URL, a title or date that override
/// the page's).
pub fn article_from_html(bytes: &[u8], origin: &str, given: &Given) -> Result<Article, Failure> {
    let utf16 = matches!(bytes, [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..]);
    if !utf16 && decode::looks_binary(bytes) {
        return Err(Failure::new(origin, Reason::BinaryNotHtml));
    }
    let decoded = decode::decode_html(bytes);
    let encoding = decoded.encoding;
    let dom = html::parse(&decoded.text);
    let page = meta::read(&dom, given.url.as_deref());
    let mut warnings = decoded.warnings;
    warnings.extend(page.warnings);
    let mut m = base_meta(origin, given);
    m.title = m.title.or(page.title);
    m.byline = page.byline;
    m.outlet = page.outlet.or(m.outlet);
    m.url = m.url.or(page.url);
    m.language = page.language;
    m.encoding = Some(encoding.to_string());
    if m.date.is_none() {
        m.date = page.date.map(|(f, source)| DocDate { date: f.date, time: f.time, source: source.into() });
    }
    let extracted = extract::extract(&dom);
    let mut parts: Vec<Part> =
        extracted.blocks.into_iter().map(|b| Part { kind: b.kind, text: b.text }).collect();
    // A page whose markup hides the story (scripts render it) may still give it in JSON-LD.
    if let Some(ld_body) = page.article_body.as_deref() {
        let dom_len: usize = parts.iter().filter(|p| p.kind == SectionKind::Body).map(|p| p.text.len()).sum();
        if ld_body.len() > 200 && dom_len * 2 < ld_body.len() {
            parts.retain(|p| p.kind != SectionKind::Body);
            parts.extend(ld_body.split('\n').map(|p| Part { kind: SectionKind::Body, text: p.to_string() }));
        }
    }
    // The headline often opens the body too; it is the headline only once.
    if let (Some(title), Some(first)) = (&m.title, parts.first()) {
        if dyad_core::text::normalise(&first.text) == *title {
            parts.remove(0);
        }
    }
    let (parts, dropped) = article::classify(parts, &mut m);
    let headline = m.title.clone();
    let mut document = article::build(headline.as_deref(), &parts, m, warnings);
    if document.meta.language.is_none() {
        document.meta.language = lang::guess(&document.text).map(str::to_string);
    }
    if document.text.is_empty() {
        return Err(Failure::new(origin, Reason::NoTextInPage));
    }
    warn_unless_english(&mut document);
    document.meta.boilerplate_dropped = (dropped + extracted.dropped) as u32;
    Ok(Article { document, boilerplate_dropped: dropped + extracted.dropped })
}

/// A document whose language is known and is not English gets a warning: dyad's dictionaries,
/// tagger and parser are English, so it codes such text poorly or not at all.
fn warn_unless_english(document: &mut dyad_core::Document) {
    let Some(lang) = document.meta.language.clone() else { return };
    let primary = lang.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    if !primary.is_empty() && primary != "en" {
        document.warnings.push(dyad_core::Warning::new(
            "ingest",
            format!("the text looks like language `{lang}`, not English: dyad codes English only, so expect few or wrong events"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::testdata::shared_path;

    #[test]
    fn text_not_in_english_is_warned_about() {
        let german = "Die Regierung hat am Montag erklärt, dass sie die Gespräche mit der Opposition nicht \
                      fortsetzen wird. Der Minister sagte, die Lage sei ernst und es gebe keine Einigung mit den \
                      Vertretern der anderen Parteien, die auch nicht an dem Treffen teilnehmen wollten.";
        let doc = document_from_text(german, "de.txt");
        assert_eq!(doc.meta.language.as_deref(), Some("de"));
        assert!(
            doc.warnings.iter().any(|w| w.stage == "ingest" && w.message.contains("English only")),
            "{:?}",
            doc.warnings
        );
        let english = "The government said on Monday that it would not continue the talks with the opposition. \
                       The minister said the situation was serious and that there was no agreement with the others.";
        assert!(document_from_text(english, "en.txt")
            .warnings
            .iter()
            .all(|w| !w.message.contains("English only")));
    }

    #[test]
    fn the_seed_article_gets_its_structure() {
        let Some(path) = shared_path("examples/seed/article.txt") else { return };
        let text = std::fs::read_to_string(path).unwrap();
        let doc = document_from_text(&text, "seed");
        let m = &doc.meta;
        assert!(m.title.as_deref().unwrap().starts_with("North Korea and Russia say the cause"));
        assert_eq!(m.byline.as_deref(), Some("times news cr"));
        let date = m.date.as_ref().unwrap();
        assert_eq!((date.date.to_string().as_str(), date.source.as_str()), ("2024-11-02", "text"));
        assert!(m.credits.iter().any(|c| c == "Newsis"), "{:?}", m.credits);
        let kind_of = |needle: &str| doc.section_at(doc.text.find(needle).unwrap() as u32).unwrap().kind;
        assert_eq!(kind_of("In a photo released by"), SectionKind::Caption);
        assert_eq!(kind_of("Interview Transcript"), SectionKind::Commentary);
        assert_eq!(kind_of("Dr. Petrov: Thank you for having me"), SectionKind::Commentary);
        assert_eq!(kind_of("This engaging interview captures"), SectionKind::Commentary);
        assert_eq!(kind_of("“Russia supports measures"), SectionKind::Lede);
        assert_eq!(kind_of("Russia announced on the 2nd"), SectionKind::Body);
        assert_eq!(kind_of("This is a statement of support"), SectionKind::Body);
        assert!(!doc.text.contains("You may also like"));
        assert_eq!(m.language.as_deref(), Some("en"));
        assert!(!doc.text.contains("Leave a Comment"));
        let body = body_text(&doc);
        assert!(!body.contains("Dr. Petrov") && !body.contains("In a photo released"));
    }

    #[test]
    fn plain_text_wire_copy_gets_byline_credit_dateline_and_caption() {
        let text = "Talks collapse in Geneva\n\nBy JANE ROE\n\n\
            GENEVA, Nov. 4, 2024 (AP) — Talks between the two sides collapsed on Monday.\n\n\
            Delegates leave the hall. (AP Photo/John Doe)\n\n\
            Both sides blamed each other.\n\nShare this article";
        let doc = document_from_text(text, "wire.txt");
        assert_eq!(doc.meta.title.as_deref(), Some("Talks collapse in Geneva"));
        assert_eq!(doc.meta.byline.as_deref(), Some("JANE ROE"));
        assert_eq!(doc.meta.credits, ["AP"]);
        assert_eq!(doc.meta.date.as_ref().map(|d| d.date.to_string()).as_deref(), Some("2024-11-04"));
        let kinds: Vec<SectionKind> = doc.sections.iter().map(|s| s.kind).collect();
        use SectionKind::*;
        assert_eq!(kinds, [Headline, Byline, Lede, Caption, Body]);
        assert_eq!(body_text(&doc), "GENEVA, Nov. 4, 2024 (AP) — Talks between the two sides collapsed on Monday.\n\nBoth sides blamed each other.");
    }

    #[test]
    fn html_pages_give_title_body_and_captions() {
        let page = r#"<html><head><title>Talks collapse - Daily</title>
            <meta property="og:title" content="Talks collapse in Geneva"></head><body>
            <header><h1>Talks collapse in Geneva</h1><a href="/">Home</a></header>
            <article><p>GENEVA (Reuters) - Talks between the two sides collapsed on Monday, officials said, after a week of meetings.</p>
            <figure><figcaption>Delegates leave the hall.</figcaption></figure>
            <p>Both sides blamed each other for the failure, and no new date was set for further talks.</p>
            <p>Share this article</p></article>
            <div class="comments">Leave a reply</div></body></html>"#;
        let a = article_from_html(page.as_bytes(), "p.html", &Given::default()).unwrap();
        let doc = &a.document;
        assert_eq!(doc.meta.title.as_deref(), Some("Talks collapse in Geneva"));
        assert_eq!(doc.meta.credits, ["Reuters"]);
        let body = body_text(doc);
        assert!(body.starts_with("GENEVA (Reuters) - Talks") && body.ends_with("further talks."), "{body}");
        assert!(doc.sections.iter().any(|s| s.kind == SectionKind::Caption));
        assert_eq!(a.boilerplate_dropped, 1);
        assert_eq!(doc.meta.boilerplate_dropped, 1, "the count survives into the document");
    }

    #[test]
    fn bad_html_never_panics() {
        let deep = "<div>".repeat(100_000) + "Deep text." + &"</div>".repeat(10);
        let cases: Vec<Vec<u8>> = vec![
            b"<html><body><p>unclosed <b>bold <i>both <table><td>cell".to_vec(),
            deep.into_bytes(),
            b"<html><body></body></html>".to_vec(),
            b"<script>document.write('<p>hi</p>')</script>".to_vec(),
            b"<meta charset=\"euc-kr\"><p>\xff\xfe broken \xc3</p>".to_vec(),
            br#"<script type="application/ld+json">{"@type":"NewsArticle","articleBody": </script><p>Text.</p>"#.to_vec(),
            vec![b'<'; 1000],
        ];
        for (i, page) in cases.iter().enumerate() {
            let _ = document_from_html(page, &format!("case{i}"));
        }
        assert!(document_from_html(b"<script>var x = 1;</script>", "s").is_err());
        let png = document_from_html(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "x.html").unwrap_err();
        assert_eq!(png.to_string(), "x.html: binary content, not HTML");
        let doc = document_from_html(&cases[1], "deep").unwrap();
        assert_eq!(body_text(&doc), "Deep text.");
    }

    #[test]
    fn a_twenty_megabyte_page_is_read() {
        let para = "<p>Officials met again on Tuesday, and the talks, which had stalled, resumed.</p>\n";
        let mut page = String::from("<html><body><article>");
        while page.len() < 20 << 20 {
            page.push_str(para);
        }
        page.push_str("</article></body></html>");
        let doc = document_from_html(page.as_bytes(), "big.html").unwrap();
        assert!(doc.text.len() > 10 << 20);
    }
}
