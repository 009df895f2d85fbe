//! The status and date of a coded verb, from the parse (negation, modality, conditionals,
//! "expected to"), the attribution and section layers, and the time layer.

use crate::tree::{Tree, MAX_DEPTH};
use dyad_core::{Precision, SectionKind, Status};

const NEGATORS: &[&str] = &["NOT", "N'T", "NEVER", "NO"];
const MODALS: &[&str] =
    &["WILL", "WOULD", "COULD", "MAY", "MIGHT", "SHOULD", "CAN", "SHALL", "MUST", "'LL", "WO", "CA"];
const CONDITIONS: &[&str] = &["IF", "UNLESS", "WHETHER"];
/// Governors of an infinitive that make it a prediction, not an event: "is expected to visit".
const PREDICTIONS: &[&str] =
    &["EXPECT", "LIKELY", "PLAN", "SCHEDULE", "SET", "DUE", "UNLIKELY", "POSSIBLE", "HOPE"];

pub fn is_negated(tree: &Tree, v: usize) -> bool {
    tree.children[v].iter().any(|&c| {
        (tree.rel[c] == "advmod:neg" || tree.base(c) == "advmod" || tree.rel[c] == "neg")
            && NEGATORS.contains(&tree.lemma[c].as_str())
            || (tree.rel[c] == "advmod:neg")
    })
}

pub fn is_hypothetical(tree: &Tree, v: usize) -> bool {
    let mut at = v;
    for _ in 0..MAX_DEPTH {
        let own = tree.children[at].iter().any(|&c| {
            (tree.base(c) == "aux" && MODALS.contains(&tree.form[c].as_str()))
                || (tree.base(c) == "mark" && CONDITIONS.contains(&tree.lemma[c].as_str()))
        });
        if own {
            return true;
        }
        let Some(h) = tree.head[at] else { return false };
        match tree.base(at) {
            "xcomp" if PREDICTIONS.contains(&tree.lemma[h].as_str()) => return true,
            "xcomp" | "conj" => at = h,
            _ => return false,
        }
    }
    false
}

/// Status of an event coded at verb `v`, and who it is attributed to.
pub fn status_of(tree: &Tree, v: usize) -> (Status, Option<u32>) {
    status_with(tree, v, true)
}

/// [`status_of`] when the negation has been coded into the event itself.
pub fn status_of_unnegated(tree: &Tree, v: usize) -> (Status, Option<u32>) {
    status_with(tree, v, false)
}

fn status_with(tree: &Tree, v: usize, negation: bool) -> (Status, Option<u32>) {
    let doc = tree.doc;
    let trigger = tree.span(v);
    if doc.section_at(trigger.start).is_some_and(|s| s.kind == SectionKind::Commentary) {
        return (Status::Commentary, None);
    }
    let attribution = doc.attribution_of(trigger);
    if let Some(a) = attribution {
        if matches!(a.status, Status::Commentary | Status::Interpreted) {
            return (a.status, a.speaker);
        }
    }
    let speaker = attribution.and_then(|a| a.speaker);
    if negation && is_negated(tree, v) {
        return (Status::Negated, speaker);
    }
    if is_hypothetical(tree, v) {
        return (Status::Hypothetical, speaker);
    }
    match attribution {
        Some(a) => (a.status, a.speaker),
        None => (Status::Asserted, None),
    }
}

/// The date of an event at verb `v`: a calendar time expression whose clause is `v`'s (or that
/// of a verb `v` complements), else the document date.
pub fn date_of(tree: &Tree, v: usize) -> (Option<String>, Precision) {
    let doc = tree.doc;
    let sentence = doc.sentences[tree.sentence].span;
    let mut clause_of_v = vec![v];
    let mut at = v;
    while let Some(h) = tree.head[at] {
        if clause_of_v.len() > MAX_DEPTH || !matches!(tree.base(at), "xcomp" | "conj") {
            break;
        }
        clause_of_v.push(h);
        at = h;
    }
    for t in doc.timexes.iter().filter(|t| sentence.contains(t.span) && calendar_start(&t.value).is_some()) {
        let Some(k) = (0..tree.len()).find(|&k| {
            tree.span(k).contains(dyad_core::Span::new(t.span.start as usize, t.span.start as usize + 1))
                || tree.span(k).start == t.span.start
        }) else {
            continue;
        };
        // The clause that governs the expression: its nearest verbal ancestor.
        let mut at = k;
        let mut clause = None;
        for _ in 0..MAX_DEPTH {
            match tree.head[at] {
                Some(h) => {
                    at = h;
                    // A verb's clause, or the noun that names the event ("visit … last June").
                    if tree.is_verbal(h) || h == v {
                        clause = Some(h);
                        break;
                    }
                }
                None => {
                    clause = Some(at);
                    break;
                }
            }
        }
        if clause.is_some_and(|c| clause_of_v.contains(&c)) {
            return dated(&t.value, t.precision);
        }
    }
    if let Some(t) = narrative_reference(doc, tree.sentence) {
        return dated(&t.value, t.precision);
    }
    match &doc.meta.date {
        Some(d) => (Some(d.date.to_string()), Precision::Day),
        None => (None, Precision::Unknown),
    }
}

/// The event date of a calendar value: the value itself, or the first day of a range
/// ("2024-06-18/2024-06-19": a two-day visit began on the 18th).
fn dated(value: &str, precision: Precision) -> (Option<String>, Precision) {
    let start = calendar_start(value).unwrap_or(value);
    let precision = match start.len() {
        4 => Precision::Year,
        7 => Precision::Month,
        10 if value.contains('/') => Precision::Day,
        _ => precision,
    };
    (Some(start.to_string()), precision)
}

/// The calendar date a value starts at: itself, or the start of a range; `None` for
/// durations, sets, weeks and references such as PRESENT_REF.
fn calendar_start(value: &str) -> Option<&str> {
    let start = value.split_once('/').map_or(value, |(a, _)| a);
    is_calendar_value(start).then_some(start)
}

/// Openings that place a sentence at the time the text spoke of last ("At that time, they
/// signed the treaty"), rather than at the report's date.
const NARRATIVE_OPENINGS: &[&str] = &["at that time", "at the time", "at that point", "on that occasion"];

/// For a sentence that opens with a narrative reference, the last calendar time expression
/// before it in the same section (outside quotations, whose dates belong to the speech).
fn narrative_reference(doc: &dyad_core::Document, sentence: usize) -> Option<&dyad_core::Timex> {
    let span = doc.sentences[sentence].span;
    let opening = doc.span_text(span).trim_start().to_lowercase();
    if !NARRATIVE_OPENINGS.iter().any(|o| opening.starts_with(o)) {
        return None;
    }
    let section = doc.section_at(span.start)?.span;
    doc.timexes.iter().rfind(|t| {
        t.span.end <= span.start
            && section.contains(t.span)
            && calendar_start(&t.value).is_some()
            && !doc.quotes.iter().any(|q| q.content.contains(t.span))
    })
}

/// "2024", "2024-06", "2024-06-18" (and not "P2W", "PRESENT_REF", "2024-W44" or ranges).
pub fn is_calendar_value(v: &str) -> bool {
    let b = v.as_bytes();
    matches!(b.len(), 4 | 7 | 10)
        && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() })
}
