//! Epistemic status of stretches of text: reported (inside speech), interpreted, hypothetical,
//! negated, and commentary (sections the extraction marked as not the story).
//!
//! Spans nest: `Document::attribution_of` takes the innermost, so a hypothetical clause inside
//! a quotation carries the quotation's speaker too. Inside a commentary section only the
//! commentary span is emitted, so nothing there reads as reported or asserted fact.

use crate::lexicon::Lexicon;
use crate::words::{self, Word};
use dyad_core::{Attribution, Document, SectionKind, Span, Status};

/// Attributions for `doc`, given its quotes (already in `doc.quotes`) and sentence spans.
pub(crate) fn attributions(doc: &Document, lex: &Lexicon, sentences: &[(usize, usize)]) -> Vec<Attribution> {
    let text = doc.text.as_str();
    let commentary: Vec<Span> =
        doc.sections.iter().filter(|s| s.kind == SectionKind::Commentary).map(|s| s.span).collect();
    let in_commentary = |sp: Span| commentary.iter().any(|c| c.overlaps(sp));
    let mut out: Vec<Attribution> = commentary
        .iter()
        .map(|&span| Attribution { span, status: Status::Commentary, quote: None, speaker: None })
        .collect();

    for (i, q) in doc.quotes.iter().enumerate() {
        if !in_commentary(q.content) && !q.content.is_empty() {
            out.push(Attribution {
                span: q.content,
                status: Status::Reported,
                quote: Some(i as u32),
                speaker: q.speaker,
            });
        }
    }
    // The quotation (if any) around a span, to carry its speaker into nested statuses; found
    // by binary search over contents sorted by start, so long documents stay fast.
    let mut by_start: Vec<(Span, usize)> =
        doc.quotes.iter().enumerate().map(|(i, q)| (q.content, i)).collect();
    by_start.sort_by_key(|(c, _)| c.start);
    let enclosing = |sp: Span| {
        let n = by_start.partition_point(|(c, _)| c.start <= sp.start);
        by_start[..n]
            .iter()
            .rev()
            .take(8)
            .filter(|(c, _)| c.contains(sp))
            .min_by_key(|(c, _)| c.len())
            .map(|&(c, i)| (i, c, doc.quotes[i].speaker))
    };

    for &(ss, se) in sentences {
        let sentence = Span::new(ss, se);
        if in_commentary(sentence) {
            continue;
        }
        let ws = words::words(text, ss, se);
        if has_phrase(&ws, &lex.interpretation).is_some() {
            out.push(Attribution { span: sentence, status: Status::Interpreted, quote: None, speaker: None });
            continue;
        }
        let pieces = clauses(text, &ws);
        // A condition ("if …, they may …") makes the whole sentence hypothetical.
        let conditional = pieces.iter().any(|&(first, _)| ws[first].is("if") || ws[first].is("unless"));
        let pieces = if conditional { vec![(0, ws.len())] } else { pieces };
        for (first, end) in pieces {
            let clause_words = &ws[first..end];
            let (cs, ce) = if conditional { (ss, se) } else { (ws[first].start, ws[end - 1].end) };
            let hypothetical = has_phrase(clause_words, &lex.hypothetical);
            let negation = has_phrase(clause_words, &lex.negation)
                .or_else(|| clause_words.iter().find(|w| w.lower().ends_with("n't")).map(|w| w.start));
            let (status, cue_at) = match (conditional, hypothetical, negation) {
                (true, _, _) => (Status::Hypothetical, cs),
                (false, Some(at), _) => (Status::Hypothetical, at),
                (false, None, Some(at)) => (Status::Negated, at),
                (false, None, None) => continue,
            };
            let mut span = Span::new(cs, ce);
            // Inside a quotation the status belongs to what was said: keep it within the
            // quotation so that it nests inside the reported span and keeps its speaker.
            let (quote, speaker) = match enclosing(Span::new(cue_at, cue_at)) {
                Some((qi, content, speaker)) => {
                    span = Span { start: span.start.max(content.start), end: span.end.min(content.end) };
                    (Some(qi as u32), speaker)
                }
                None => (None, None),
            };
            if !span.is_empty() {
                out.push(Attribution { span, status, quote, speaker });
            }
        }
    }
    // For equal spans the narrower status comes first: `Document::attribution_of` returns the
    // first of equally small spans, and "negated inside reported speech" beats "reported".
    out.sort_by_key(|a| (a.span.start, std::cmp::Reverse(a.span.end), a.status == Status::Reported));
    out
}

/// Words that open a new clause inside a sentence.
const CLAUSE_OPENERS: &[&str] =
    &["and", "but", "that", "which", "who", "because", "while", "whereas", "although", "if", "unless"];

/// Where the first of `phrases` occurs in `ws` on word boundaries.
fn has_phrase(ws: &[Word], phrases: &[Vec<String>]) -> Option<usize> {
    (0..ws.len()).find(|&i| phrases.iter().any(|p| words::starts_with_phrase(ws, i, p))).map(|i| ws[i].start)
}

/// Clauses of a sentence: split at commas, semicolons, colons, dashes and quote marks, and
/// before conjunctions and complementisers ("and emphasized that North Korea would not …"
/// keeps the hypothetical to the complement). Coarse, but a status only needs the stretch
/// around its cue and the verb it governs.
/// Returned as `[first, end)` word-index ranges.
fn clauses(text: &str, ws: &[Word]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if ws.is_empty() {
        return out;
    }
    let mut start = 0;
    for i in 1..ws.len() {
        let gap = &text[ws[i - 1].end..ws[i].start];
        let split =
            gap.contains([',', ';', ':', '—', '“', '”', '"']) || CLAUSE_OPENERS.iter().any(|o| ws[i].is(o));
        if split {
            out.push((start, i));
            start = i;
        }
    }
    out.push((start, ws.len()));
    out
}
