//! What surrounds an expression: its sentence, the tense of that sentence, and the quotation
//! it sits in. Works on raw text; the document's sentence and quote layers are used when the
//! pipeline has filled them.

use crate::tokens::{Kind, Tokens};

/// Sentence boundaries as token ranges `[start, end)`, found from punctuation and line breaks.
pub fn sentences(t: &Tokens) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..t.len() {
        let tok = t.toks[i];
        if i > start && tok.line_break {
            out.push((start, i));
            start = i;
        }
        if tok.kind == Kind::Punct && matches!(t.low(i), "." | "?" | "!") {
            let prev = t.low(i.wrapping_sub(1));
            // "Nov. 2", "Mr. Kim", "U.S. officials": not an end.
            let abbrev = prev.len() <= 4 && i > 0 && t.kind(i - 1) == Some(Kind::Word) && t.cap(i - 1)
                || prev.len() == 1;
            let next_starts = t.cap(i + 1) || matches!(t.low(i + 1), "“" | "\"" | "") || t.is_num(i + 1);
            if !abbrev && next_starts && !t.glued(i + 1) {
                out.push((start, i + 1));
                start = i + 1;
            }
        }
    }
    if start < t.len() {
        out.push((start, t.len()));
    }
    out
}

/// The tense of the clause around an expression, as far as its markers tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    Unknown,
}

/// Words that put a clause in the future.
fn future_marker(t: &Tokens, i: usize) -> bool {
    match t.low(i) {
        "will" | "shall" | "upcoming" | "scheduled" | "due" | "expected" | "expects" | "intends"
        | "forthcoming" | "would" | "tomorrow" | "should" | "might" | "until" | "till" | "through"
        | "next" | "later" => true,
        // "may" the modal, not the month
        "may" => !t.cap(i),
        "ll" => i > 0 && matches!(t.low(i - 1), "'" | "’") && t.glued(i),
        "going" | "plans" | "plan" | "planned" | "aims" | "hopes" | "wants" | "want" | "seeks" | "intend" => {
            t.low(i + 1) == "to"
        }
        "set" | "is" | "are" => t.low(i + 1) == "to" && t.low(i + 2) != "have",
        "to" => t.low(i + 1) == "be",
        _ => false,
    }
}

/// Words that put a clause in the past: auxiliaries and past-tense verbs.
fn past_marker(t: &Tokens, i: usize) -> bool {
    let w = t.low(i);
    // A passive participle ("will be held") carries no tense of its own.
    if i > 0 && matches!(t.low(i - 1), "be" | "been" | "being" | "to") {
        return false;
    }
    match w {
        "was" | "were" | "had" | "did" | "ago" | "yesterday" | "last" | "said" | "told" | "met" | "held"
        | "began" | "took" | "came" | "went" | "made" | "gave" | "left" | "saw" | "won" | "lost" | "fell"
        | "rose" | "sent" | "spoke" | "wrote" | "led" | "fought" | "struck" | "earlier" | "previously"
        | "since" => true,
        _ => {
            // Regular past forms ("announced", "signed"), not adjectives like "scheduled"
            // which `future_marker` has already claimed.
            w.len() > 4 && w.ends_with("ed") && !t.cap(i) && !future_marker(t, i) && w != "need"
        }
    }
}

/// The tense of the expression at tokens `[start, end)` in sentence `sent`: the closest
/// tense marker in its clause decides.
pub fn tense(t: &Tokens, sent: (usize, usize), start: usize, end: usize) -> Tense {
    let lo = sent.0.max(start.saturating_sub(10));
    let hi = sent.1.min(end + 6);
    let mut best: Option<(usize, bool)> = None;
    for i in lo..hi {
        if i >= start && i < end {
            continue;
        }
        let f = future_marker(t, i);
        if !f && !past_marker(t, i) {
            continue;
        }
        let dist = if i < start { start - i } else { i + 1 - end };
        // Markers before the expression weigh a little more: they are usually its verb.
        let dist = if i < start { dist } else { dist + 2 };
        if best.is_none_or(|(d, _)| dist < d) {
            best = Some((dist, f));
        }
    }
    match best {
        Some((_, true)) => Tense::Future,
        Some((_, false)) => Tense::Past,
        None => Tense::Unknown,
    }
}

/// Direct quotations found from quotation marks: content byte ranges.
pub fn quotes(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut straight: Option<usize> = None;
    for (i, ch) in text.char_indices() {
        match ch {
            '“' => open = Some(i + ch.len_utf8()),
            '”' => {
                if let Some(s) = open.take() {
                    out.push((s, i));
                }
            }
            '"' => match straight.take() {
                Some(s) => out.push((s, i)),
                None => straight = Some(i + 1),
            },
            '\n' => {
                // A quote may run over paragraphs in long speeches; an unclosed straight quote
                // at a paragraph end is closed there (the next paragraph reopens it).
                if let Some(s) = straight.take() {
                    out.push((s, i));
                }
            }
            _ => {}
        }
    }
    out.sort_unstable();
    out
}
