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
pub fn attributions(doc: &Document, lex: &Lexicon, sentences: &[(usize, usize)]) -> Vec<Attribution> {
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
    // The quotation (if any) around a span, to carry its speaker into nested statuses.
    let enclosing = |sp: Span| {
        doc.quotes
            .iter()
            .enumerate()
            .filter(|(_, q)| q.content.contains(sp))
            .min_by_key(|(_, q)| q.content.len())
    };

    for &(ss, se) in sentences {
        let sentence = Span::new(ss, se);
        if in_commentary(sentence) {
            continue;
        }
        let ws = words::words(text, ss, se);
        if has_phrase(&ws, &lex.interpretation) {
            out.push(Attribution { span: sentence, status: Status::Interpreted, quote: None, speaker: None });
            continue;
        }
        for (cs, ce) in clauses(text, &ws) {
            let clause_words: Vec<Word> =
                ws.iter().filter(|w| w.start >= cs && w.end <= ce).copied().collect();
            let status = if has_phrase(&clause_words, &lex.hypothetical) {
                Status::Hypothetical
            } else if has_phrase(&clause_words, &lex.negation)
                || clause_words.iter().any(|w| w.lower().ends_with("n't"))
            {
                Status::Negated
            } else {
                continue;
            };
            let span = Span::new(cs, ce);
            let (quote, speaker) = match enclosing(span) {
                Some((qi, q)) => (Some(qi as u32), q.speaker),
                None => (None, None),
            };
            out.push(Attribution { span, status, quote, speaker });
        }
    }
    out.sort_by_key(|a| (a.span.start, std::cmp::Reverse(a.span.end)));
    out
}

/// Whether any phrase occurs in `ws` on word boundaries.
fn has_phrase(ws: &[Word], phrases: &[Vec<String>]) -> bool {
    (0..ws.len()).any(|i| phrases.iter().any(|p| words::starts_with_phrase(ws, i, p)))
}

/// Clauses of a sentence: split at commas, semicolons, colons, dashes and quote marks, and
/// before a coordinating "but". Coarse, but a status only needs the stretch around its cue.
fn clauses(text: &str, ws: &[Word]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let Some(first) = ws.first() else { return out };
    let mut start = first.start;
    for i in 1..ws.len() {
        let gap = &text[ws[i - 1].end..ws[i].start];
        let split = gap.contains([',', ';', ':', '—', '“', '”', '"']) || ws[i].is("but");
        if split {
            out.push((start, ws[i - 1].end));
            start = ws[i].start;
        }
    }
    out.push((start, ws[ws.len() - 1].end));
    out
}
