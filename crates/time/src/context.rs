//! What surrounds an expression: its sentence (from the document's sentence layer) and the
//! tense of that sentence.

use crate::tokens::Tokens;

/// Sentences as token ranges `[start, end)` of `t`, from the byte spans of the document's
/// sentence layer. Each range runs to the next sentence's first token, so every token belongs
/// to exactly one sentence. With no spans the whole text is one sentence.
pub fn sentence_token_ranges(t: &Tokens, spans: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut starts: Vec<usize> = spans
        .iter()
        .map(|&(s, _)| t.toks.partition_point(|tok| (tok.start as usize) < s))
        .filter(|&k| k < t.len())
        .collect();
    starts.sort_unstable();
    starts.dedup();
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    starts.retain(|&k| k < t.len());
    let mut out: Vec<(usize, usize)> = starts.windows(2).map(|w| (w[0], w[1])).collect();
    if let Some(&last) = starts.last() {
        out.push((last, t.len()));
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
