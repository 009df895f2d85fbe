//! The status and date of a coded verb, from the parse (negation, modality, conditionals,
//! "expected to"), the attribution and section layers, and the time layer.
//!
//! Negators, modals, conditions and predictions are lists in `data/lexicon/`, read through
//! [`dyad_core::lexicon`] and shared with the quotes stage and the shallow fallback.

use crate::tree::{Tree, MAX_DEPTH};
use dyad_core::lexicon;
use dyad_core::{DateSource, Precision, SectionKind, Status};

pub fn is_negated(tree: &Tree, v: usize) -> bool {
    tree.children[v].iter().any(|&c| {
        (tree.rel[c] == "advmod:neg" || tree.base(c) == "advmod" || tree.rel[c] == "neg")
            && lexicon::is_negator(&tree.lemma[c])
            || (tree.rel[c] == "advmod:neg")
    })
}

pub fn is_hypothetical(tree: &Tree, v: usize) -> bool {
    let mut at = v;
    for _ in 0..MAX_DEPTH {
        let own = tree.children[at].iter().any(|&c| {
            (tree.base(c) == "aux" && lexicon::is_modal(&tree.form[c]))
                || (tree.base(c) == "mark" && lexicon::is_condition(&tree.lemma[c]))
        });
        if own {
            return true;
        }
        let Some(h) = tree.head[at] else { return false };
        match tree.base(at) {
            "xcomp" if lexicon::is_prediction(&tree.lemma[h]) => return true,
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

/// The date of an event at verb `v` and where it came from: a calendar time expression of
/// `v`'s own clause (or of a verb `v` complements or is coordinated with, the nearest first),
/// else the document date. An expression in another clause of the sentence (a relative
/// clause, "…, which began in 2003, …") or inside a noun phrase ("the 2003 war") dates that
/// clause or noun, not the event.
pub fn date_of(tree: &Tree, v: usize) -> (Option<String>, Precision, Option<DateSource>) {
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
    // The expression of the nearest clause in that chain wins; in one clause, the first.
    let mut best: Option<(usize, &dyad_core::Timex)> = None;
    for t in doc.timexes.iter().filter(|t| sentence.contains(t.span) && calendar_start(&t.value).is_some()) {
        let Some(clause) = clause_of_timex(tree, v, t.span) else { continue };
        let Some(rank) = clause_of_v.iter().position(|&c| c == clause) else { continue };
        if best.is_none_or(|(r, _)| rank < r) {
            best = Some((rank, t));
        }
    }
    if let Some((_, t)) = best {
        return dated(&t.value, t.precision);
    }
    if let Some(t) = narrative_reference(doc, tree.sentence) {
        return dated(&t.value, t.precision);
    }
    match &doc.meta.date {
        Some(d) => (Some(d.date.to_string()), Precision::Day, Some(DateSource::Document)),
        None => (None, Precision::Unknown, None),
    }
}

/// The clause a time expression at `span` belongs to: its nearest verbal ancestor outside the
/// expression, or `v` itself when `v` is the noun that names the event ("visit … last June").
/// `None` when the expression modifies a noun on the way ("attacks … in 1974", "the 2003
/// war"): it dates what that noun names, unless it follows the event's object.
fn clause_of_timex(tree: &Tree, v: usize, span: dyad_core::Span) -> Option<usize> {
    let k = (0..tree.len()).find(|&k| {
        tree.span(k).contains(dyad_core::Span::new(span.start as usize, span.start as usize + 1))
            || tree.span(k).start == span.start
    })?;
    let inside = |i: usize| span.contains(tree.span(i));
    // Climb to the expression's head word: the token of it whose head lies outside it.
    let mut at = k;
    for _ in 0..MAX_DEPTH {
        match tree.head[at] {
            Some(h) if inside(h) => at = h,
            _ => break,
        }
    }
    for _ in 0..MAX_DEPTH {
        let Some(h) = tree.head[at] else { return Some(at) };
        if tree.is_verbal(h) || h == v {
            return Some(h);
        }
        // Before a noun ("the 2003 war") the expression is the noun's; after it, a phrase
        // the parser may have hung on the event's object ("held talks in June") is the verb's.
        let object_of_v = tree.base(h) == "obj" && tree.head[h] == Some(v);
        match tree.base(at) {
            "nummod" | "compound" | "amod" => return None,
            "nmod" if !object_of_v || tree.rel[at] == "nmod:poss" => return None,
            _ => {}
        }
        at = h;
    }
    None
}

/// The event date of a calendar value: the value itself, or the first day of a range
/// ("2024-06-18/2024-06-19": a two-day visit began on the 18th).
fn dated(value: &str, precision: Precision) -> (Option<String>, Precision, Option<DateSource>) {
    let start = calendar_start(value).unwrap_or(value);
    let precision = match start.len() {
        4 => Precision::Year,
        7 => Precision::Month,
        10 if value.contains('/') => Precision::Day,
        _ => precision,
    };
    (Some(start.to_string()), precision, Some(DateSource::Clause))
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
