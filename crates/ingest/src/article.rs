//! From paragraphs to a structured article: which paragraph is the byline, a photo caption,
//! furniture ("You may also like"), or appended material that is not the story (a Q&A
//! "interview transcript", "This engaging interview captures…" framing), and the document
//! built from them with its sections and metadata.
//!
//! The same rules serve HTML (on the blocks the extractor found) and plain text (on its
//! paragraphs), so that a plain-text copy of a page gets the same structure.

use crate::credits;
use crate::dates;
use dyad_core::{DocDate, Document, Meta, Section, SectionKind, Span};
use std::sync::OnceLock;

/// One paragraph and what it is.
#[derive(Debug, Clone)]
pub struct Part {
    pub kind: SectionKind,
    pub text: String,
}

/// An extracted article: the document, and what extraction dropped from it.
#[derive(Debug, Clone)]
pub struct Article {
    /// The article as a document: text, sections and metadata.
    pub document: Document,
    /// Paragraphs dropped as page furniture (navigation, share and comment prompts).
    pub boilerplate_dropped: usize,
}

/// The parts at the top of an article where a date line or dateline stands (a byline and a
/// caption may come first).
const DATE_LINE_PARTS: usize = 3;

/// Whether what comes before a date in its paragraph is a dateline's few words ("WASHINGTON,",
/// "Published:", "Last updated at 09:22 GMT,") rather than the story's sentence.
fn dateline(before: &str) -> bool {
    before.len() <= 40 && before.split_whitespace().count() <= 5
}

static BOILERPLATE_TXT: &str = include_str!("../../../data/ingest/boilerplate.txt");
static END_MARKERS_TXT: &str = include_str!("../../../data/ingest/end_markers.txt");

/// Is this paragraph a heading after which a page lists other stories ("You may also like")?
pub fn is_end_marker(p: &str) -> bool {
    static MARKERS: OnceLock<Vec<&'static str>> = OnceLock::new();
    let markers = MARKERS.get_or_init(|| {
        END_MARKERS_TXT.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
    });
    let t = p.trim();
    if t.len() > 120 || t.chars().count() > 60 {
        return false;
    }
    let lower = t.to_lowercase();
    let key = lower.trim_end_matches([':', '.', '!', '…', '›', '»', '>', ' ', '|']);
    markers.contains(&key)
}

struct Furniture {
    exact: Vec<String>,
    prefixes: Vec<String>,
}

fn furniture() -> &'static Furniture {
    static F: OnceLock<Furniture> = OnceLock::new();
    F.get_or_init(|| {
        let mut f = Furniture { exact: Vec::new(), prefixes: Vec::new() };
        for line in BOILERPLATE_TXT.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match line.strip_suffix('*') {
                Some(p) => f.prefixes.push(p.to_string()),
                None => f.exact.push(line.to_string()),
            }
        }
        f
    })
}

/// Is this paragraph page furniture?
pub fn is_boilerplate(p: &str) -> bool {
    let t = p.trim();
    let chars = t.chars().count();
    if chars > 120 {
        return false;
    }
    let lower = t.to_lowercase();
    let key = lower.trim_end_matches([':', '.', '!', '›', '»', '>', ' ', '|']);
    let f = furniture();
    f.exact.iter().any(|e| e == key)
        || is_end_marker(t)
        || f.prefixes.iter().any(|pre| lower.starts_with(pre.as_str()))
        || (chars <= 60 && (is_date_line(key) || is_counter(key)))
        || is_pagination(key)
        || is_trail(key)
}

/// A breadcrumb trail: "Docs › Guides › Scheduling backups", "Home » News » World", three or
/// more short parts between the same separator.
fn is_trail(lower: &str) -> bool {
    ["›", "»", " > ", " / ", "→"].iter().any(|sep| {
        let parts: Vec<&str> = lower.split(sep).map(str::trim).collect();
        parts.len() >= 3 && parts.iter().all(|p| !p.is_empty() && p.split_whitespace().count() <= 4)
    })
}

/// Page numbers: "1 2 3 4 5 Next", "« 1 2 3 »".
fn is_pagination(lower: &str) -> bool {
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.len() >= 3
        && words.iter().filter(|w| w.parse::<u32>().is_ok()).count() * 2 > words.len()
        && words.iter().all(|w| {
            w.parse::<u32>().is_ok()
                || matches!(*w, "«" | "»" | "…" | "..." | "next" | "prev" | "previous" | "‹" | "›")
        })
}

/// A line that only says when the page was posted: "Wednesday 20 November 2019 9:22 am",
/// "Nov. 19, 2019, 10:04 a.m. ET". (The date itself is read from the page's metadata.)
fn is_date_line(lower: &str) -> bool {
    if dates::find_date(lower).is_none() {
        return false;
    }
    const DATE_WORDS: &[&str] = &[
        "am",
        "pm",
        "a",
        "m",
        "p",
        "et",
        "est",
        "edt",
        "pt",
        "gmt",
        "utc",
        "bst",
        "cet",
        "kst",
        "at",
        "on",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "th",
        "st",
        "nd",
        "rd",
        // A reading time beside the date: "3 min read".
        "min",
        "mins",
        "minute",
        "minutes",
        "read",
    ];
    lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .all(|w| DATE_WORDS.contains(&w) || crate::dates::is_month_word(w))
}

/// Slideshow counters: "Image 1 of 5", "Photo 3/12"; reaction counts: "12 Likes", "3 replies";
/// reading times: "4 min read".
fn is_counter(lower: &str) -> bool {
    let words: Vec<&str> = lower.split_whitespace().collect();
    const COUNTED: &[&str] = &[
        "like",
        "likes",
        "comment",
        "comments",
        "share",
        "shares",
        "view",
        "views",
        "reply",
        "replies",
        "response",
        "responses",
        "reaction",
        "reactions",
        "clap",
        "claps",
    ];
    if let [n, what] | [n, what, "read"] = words.as_slice() {
        let n = n.trim_end_matches(['k', 'K', '+']);
        if !n.is_empty()
            && n.parse::<f32>().is_ok()
            && (COUNTED.contains(what) || (words.len() == 3 && matches!(*what, "min" | "mins" | "minute")))
        {
            return true;
        }
    }
    matches!(words.as_slice(), [kind, n, "of", m] | [kind, n, "/", m]
        if matches!(*kind, "image" | "photo" | "slide" | "picture")
            && n.parse::<u32>().is_ok() && m.parse::<u32>().is_ok())
        || matches!(words.as_slice(), [kind, nm] if matches!(*kind, "image" | "photo" | "slide")
            && nm.split_once('/').is_some_and(|(a, b)| a.parse::<u32>().is_ok() && b.parse::<u32>().is_ok()))
}

/// Openings of photo captions.
const CAPTION_OPENINGS: &[&str] = &[
    "In a photo",
    "In this photo",
    "In this image",
    "In this handout",
    "In this file photo",
    "This photo",
    "This image",
    "This handout",
    "Photo:",
    "PHOTO:",
    "Photo by",
    "Photograph:",
    "(Photo",
    "[Photo",
    "(Image",
    "[Image",
    "▲",
    "사진=",
    "(사진",
    "[사진",
    "File photo",
    "FILE PHOTO",
    "FILE -",
    "FILE —",
];

/// Is this paragraph a photo caption? By its opening ("In a photo released by …") or its
/// closing photo credit ("2024.11.02 Moscow = AP/Newsis", "(AP Photo/Jane Roe)").
pub fn is_caption(p: &str) -> bool {
    let t = p.trim();
    if CAPTION_OPENINGS.iter().any(|o| t.starts_with(o)) {
        return true;
    }
    let tail_start = t.char_indices().rev().nth(59).map_or(0, |(i, _)| i);
    let tail = &t[tail_start..];
    if tail.contains("Photo/") || tail.contains("(Photo") || tail.contains("Getty Images") {
        return true;
    }
    // "… 2024.11.02 Moscow = AP/Newsis": a date, a place, '=' and agencies to the end.
    if let Some((before, names)) = tail.rsplit_once('=') {
        let names: Vec<&str> = names.split('/').collect();
        let agencies = names.iter().all(|n| credits::agency(n).is_some());
        return agencies && dates::find_date(before).is_some();
    }
    false
}

/// "Editor:", "Dr. Petrov:", "Q:" — the speaker of a transcript turn, if the paragraph is one.
fn speaker_turn(p: &str) -> Option<&str> {
    let colon = p.find(':')?;
    let (name, rest) = (&p[..colon], p[colon + 1..].trim());
    if rest.is_empty() || name.chars().count() > 40 || name.is_empty() {
        return None;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let capitalised = |w: &&str| w.chars().next().is_some_and(|c| c.is_uppercase());
    let plain = |w: &&str| w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'));
    ((1..=4).contains(&words.len()) && words.iter().all(|w| capitalised(w) && plain(w))).then_some(name)
}

/// A short heading that announces a transcript ("Interview Transcript: …").
fn is_transcript_heading(p: &str) -> bool {
    let lower = p.to_lowercase();
    p.chars().count() < 200
        && (lower.contains("interview") || lower.contains("transcript"))
        && !p.trim_end().ends_with(['.', '”', '"'])
}

/// Framing that wraps an appended interview: "This engaging interview captures …".
fn is_interview_framing(p: &str) -> bool {
    let head: String = p.chars().take(60).collect::<String>().to_lowercase();
    (head.starts_with("this ") || head.starts_with("the above ")) && head.contains("interview")
}

/// Where appended non-story material starts: after a story of its own (at least three
/// paragraphs), a transcript heading followed by a speaker turn, or a run of turns by
/// different speakers that goes on to the end. A Q&A that *is* the story starts early and is
/// left alone.
fn commentary_start(parts: &[Part]) -> Option<usize> {
    let body = |i: usize| parts.get(i).filter(|p| p.kind == SectionKind::Body).map(|p| p.text.as_str());
    let mut story = 0;
    for i in 0..parts.len() {
        let Some(p) = body(i) else { continue };
        let next_turn = body(i + 1).and_then(speaker_turn);
        if story >= 3 {
            if is_transcript_heading(p) && next_turn.is_some() {
                return Some(i);
            }
            if let (Some(a), Some(b)) = (speaker_turn(p), next_turn) {
                let to_end = (i..parts.len())
                    .all(|j| body(j).is_none_or(|t| speaker_turn(t).is_some() || is_interview_framing(t)));
                // A dialogue: the same few speakers take turns (a list of "Name: charges" is
                // one line per name).
                let mut speakers: Vec<&str> =
                    (i..parts.len()).filter_map(|j| body(j).and_then(speaker_turn)).collect();
                let turns = speakers.len();
                speakers.sort_unstable();
                speakers.dedup();
                if a != b && to_end && turns >= 4 && speakers.len() * 2 <= turns {
                    return Some(i);
                }
            }
        }
        story += 1;
    }
    None
}

/// "By Jane Roe", "by times news cr", "Written by …": the name, if the paragraph is a byline.
fn byline_of(p: &str) -> Option<String> {
    let t = p.trim();
    if t.chars().count() > 80 || t.ends_with('.') && !t.ends_with(" Jr.") {
        return None;
    }
    let lower = t.to_lowercase();
    for opening in ["by ", "written by ", "reporting by ", "story by "] {
        if lower.starts_with(opening) {
            let name = t[opening.len()..].trim();
            let name = name.split(['|', '•', '·']).next().unwrap_or(name).trim();
            return (!name.is_empty()).then(|| name.to_string());
        }
    }
    None
}

/// Label the paragraphs (in text order) and read credits, byline and a fallback date from them.
/// Returns the parts kept and how many were dropped as furniture.
pub fn classify(parts: Vec<Part>, meta: &mut Meta) -> (Vec<Part>, usize) {
    let mut dropped = 0;
    let mut kept: Vec<Part> = Vec::with_capacity(parts.len());
    let mut body_seen = 0;
    for mut part in parts {
        let text = part.text.trim();
        if text.is_empty() {
            continue;
        }
        if part.kind == SectionKind::Body {
            if is_boilerplate(text) {
                dropped += 1;
                continue;
            }
            if credits::find_credits(text, &mut meta.credits) {
                continue; // a credit line alone ("[서울=뉴시스]") is metadata, not text
            }
            if body_seen < 3 {
                if let Some(name) = byline_of(text) {
                    meta.byline.get_or_insert(name);
                    part.kind = SectionKind::Byline;
                }
            }
            if part.kind == SectionKind::Body && is_caption(text) {
                part.kind = SectionKind::Caption;
            }
            if part.kind == SectionKind::Body {
                body_seen += 1;
            }
        } else if part.kind == SectionKind::Caption {
            credits::find_credits(text, &mut meta.credits);
        }
        kept.push(part);
    }
    if let Some(start) = commentary_start(&kept) {
        // A heading just before the first turn belongs to the transcript.
        for p in &mut kept[start..] {
            if p.kind == SectionKind::Body {
                p.kind = SectionKind::Commentary;
            }
        }
    }
    for p in &mut kept {
        if p.kind == SectionKind::Body && is_interview_framing(&p.text) {
            p.kind = SectionKind::Commentary;
        }
    }
    if let Some(first) = kept.iter_mut().find(|p| p.kind == SectionKind::Body) {
        first.kind = SectionKind::Lede;
    }
    if meta.date.is_none() {
        // A date line or dateline at the top ("12 March 2005", "LONDON, 12 March 2005 -"), not
        // a date the story mentions ("held since the attacks of 11 September 2001").
        meta.date = kept
            .iter()
            .filter(|p| p.kind != SectionKind::Commentary)
            .enumerate()
            .filter_map(|(i, p)| Some((i, p, dates::find_date_at(&p.text)?)))
            // A caption's wire credit ("2024.11.02 Moscow = AP/Newsis") dates the report too.
            .find(|(i, p, (at, _))| {
                p.kind == SectionKind::Caption || *i < DATE_LINE_PARTS && dateline(&p.text[..*at])
            })
            .map(|(_, _, (_, f))| f)
            .map(|f| DocDate { date: f.date, time: f.time, source: "text".into() });
    }
    (kept, dropped)
}

/// The document over the headline and parts: each part normalised, parts joined by a blank
/// line, one section per run of parts of the same kind.
pub fn build(
    headline: Option<&str>,
    parts: &[Part],
    meta: Meta,
    warnings: Vec<dyad_core::Warning>,
) -> Document {
    let mut text = String::new();
    let mut sections: Vec<Section> = Vec::new();
    let head = headline.map(|h| Part { kind: SectionKind::Headline, text: h.to_string() });
    for part in head.iter().chain(parts) {
        let norm = dyad_core::text::normalise(&part.text);
        if norm.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(&norm);
        match sections.last_mut() {
            Some(s) if s.kind == part.kind && part.kind != SectionKind::Headline => {
                s.span = Span::new(s.span.start as usize, text.len());
            }
            _ => sections.push(Section { kind: part.kind, span: Span::new(start, text.len()) }),
        }
    }
    let mut doc = Document::from_normalised(text);
    doc.sections = sections;
    doc.meta = meta;
    doc.warnings = warnings;
    doc
}

/// Paragraphs of a plain-text article: blocks separated by blank lines, or lines when the text
/// has no blank lines at all.
pub fn paragraphs(text: &str) -> Vec<&str> {
    let blocks: Vec<&str> = text.split("\n\n").map(str::trim).filter(|b| !b.is_empty()).collect();
    if blocks.len() == 1 && text.trim().lines().count() > 1 {
        return text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    }
    blocks
}

/// The title line of a plain-text article: a short single first line followed by more text.
pub fn title_line(paragraphs: &[&str]) -> bool {
    let Some(first) = paragraphs.first() else { return false };
    paragraphs.len() > 1
        && !first.contains('\n')
        && first.chars().count() <= 300
        && byline_of(first).is_none()
        && !is_caption(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(texts: &[&str]) -> Vec<Part> {
        texts.iter().map(|t| Part { kind: SectionKind::Body, text: t.to_string() }).collect()
    }

    #[test]
    fn recognises_furniture_bylines_and_captions() {
        assert!(is_boilerplate("You may also like"));
        assert!(is_boilerplate("Leave a Comment"));
        assert!(is_boilerplate("Share this article:"));
        assert!(!is_boilerplate("Share prices fell sharply on Monday after the announcement."));
        assert!(is_boilerplate("Wednesday 20 November 2019 9:22 am"));
        assert!(is_boilerplate("Image 1 of 5"));
        assert!(is_boilerplate("1 2 3 4 5 6 7 8"));
        assert!(!is_boilerplate("1 2 3 go"));
        assert!(is_boilerplate("Read more: Alibaba poised to launch record-breaking listing"));
        assert!(!is_boilerplate("On 20 November 2019 the talks failed."));
        assert_eq!(byline_of("by times news cr").as_deref(), Some("times news cr"));
        assert_eq!(byline_of("By Jane Roe | Reuters").as_deref(), Some("Jane Roe"));
        assert_eq!(byline_of("By the end of the day, the talks had failed."), None);
        assert!(is_caption("In a photo released by the ministry, two men shake hands."));
        assert!(is_caption("Lavrov at the station. 2024.11.02 Moscow = AP/Newsis"));
        assert!(is_caption("Troops march. (AP Photo/Jane Roe)"));
        assert!(!is_caption("The minister said the score was 2 = 2 in 2024.11.02 talks"));
    }

    #[test]
    fn marks_appended_transcripts_as_commentary() {
        let mut meta = Meta::default();
        let parts = body(&[
            "Story lede.",
            "Story body.",
            "More story.",
            "Interview Transcript: Editor and Dr. X",
            "Editor: Welcome.",
            "Dr. X: Thanks.",
            "Editor: Bye.",
            "This engaging interview captures key insights.",
            "Leave a Comment",
        ]);
        let (kept, dropped) = classify(parts, &mut meta);
        let kinds: Vec<SectionKind> = kept.iter().map(|p| p.kind).collect();
        use SectionKind::*;
        assert_eq!(kinds, [Lede, Body, Body, Commentary, Commentary, Commentary, Commentary, Commentary]);
        assert_eq!(dropped, 1);
    }

    #[test]
    fn a_quote_with_a_colon_is_not_a_transcript() {
        let mut meta = Meta::default();
        let parts = body(&["He said: no.", "Minister Lee: we will go.", "The end of it all."]);
        let (kept, _) = classify(parts, &mut meta);
        assert!(kept.iter().all(|p| p.kind != SectionKind::Commentary));
    }

    #[test]
    fn builds_sections_over_the_joined_text() {
        let parts = body(&["One  para.", "Two."]);
        let doc = build(Some("Title"), &parts, Meta::default(), Vec::new());
        assert_eq!(doc.text, "Title\n\nOne para.\n\nTwo.");
        assert_eq!(doc.sections.len(), 2);
        assert_eq!(doc.span_text(doc.sections[1].span), "One para.\n\nTwo.");
    }
}
