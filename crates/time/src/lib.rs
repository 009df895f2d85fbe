//! Time expressions: recognition, TIMEX3 normalisation, and anchoring the way news is written.
//!
//! Entry points: [`TimeTagger`], the pipeline stage that fills `doc.timexes`; [`tag_document`]
//! for a [`Document`] built outside the pipeline (the timex evaluation); [`tag`] for a bare
//! string (the throughput bench). Relative expressions are anchored as [`Mode`] says.
//!
//! # Design
//!
//! Text is split into small tokens (`tokens`); a hand-written grammar (`recognise`) finds
//! expressions leftmost-longest and says what each means as an `Expr` ("the 31st of
//! last month" = day 31 of the anchor month minus one). Normalisation (`normalise`) then turns
//! the meaning into a TIMEX3 value against the right anchor:
//!
//! - the **document date** for deictic expressions ("yesterday", "last June", "on the 2nd");
//! - the **speech date** inside a quotation, when the sentence says when it was spoken
//!   ("Speaking on Thursday, he said: “Yesterday …”");
//! - the **last mentioned date** for anaphoric ones ("the day before", "that year",
//!   "two weeks later"), and for everything in [`Mode::Narrative`] (history, Wikipedia).
//!
//! Bare weekdays, months and days of the month point to the past unless their clause is in the
//! future tense (`context`): news reports what happened. With no tense marker at all,
//! a month and day takes the year that puts it nearest the anchor. A "Meanwhile" brings a news
//! story back from its background to the report's date.
//!
//! The word classes are small closed sets and live in `lexicon` as `match` tables, which is
//! also what keeps the scan fast: a word that cannot begin an expression costs one lookup.
//!
//! When a document has no date, [`TimeTagger`] takes one the text states in a dateline or a
//! wire caption (`docdate`). Expressions that cannot be normalised (February 30) keep their
//! span with an empty value.
//!
//! Nothing here can fail, so the crate has no error type: text without expressions gives no
//! timexes, and an expression without a possible value keeps an empty one.

#![warn(missing_docs)]

mod context;
mod docdate;
mod expr;
mod lexicon;
mod normalise;
mod recognise;
mod tokens;

use chrono::{Datelike, NaiveDate};
use context::Tense;
use dyad_core::{Anchor, DocDate, Document, Span, Stage, Timex};
use normalise::{Ctx, Point, Used};
use recognise::TimeMatch;
use tokens::Tokens;

/// How relative expressions are anchored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// News: deictic expressions count from the document (or speech) date.
    #[default]
    News,
    /// Narrative text: everything counts from the last mentioned date.
    Narrative,
}

/// The pipeline stage: fills `doc.timexes`, and `doc.meta.date` when the text states it.
/// It reads the sentence and quotation layers, so it runs after the nlp and quotes stages.
#[derive(Default)]
pub struct TimeTagger {
    mode: Mode,
}

impl TimeTagger {
    /// A tagger for news: deictic expressions count from the document date.
    pub fn new() -> TimeTagger {
        TimeTagger { mode: Mode::News }
    }

    /// A tagger anchoring as `mode` says ([`Mode::Narrative`] for history and encyclopaedic text).
    pub fn with_mode(mode: Mode) -> TimeTagger {
        TimeTagger { mode }
    }
}

impl Stage for TimeTagger {
    fn name(&self) -> &'static str {
        "time"
    }

    fn requires(&self) -> &'static [dyad_core::Layer] {
        use dyad_core::Layer;
        // Its own tokens for the time grammar; sentences (the clause's tense) from the text layer.
        &[Layer::Text, Layer::Sentences]
    }

    fn reads_if_present(&self) -> &'static [dyad_core::Layer] {
        // Quotations anchor relative expressions to the speech; without the quote layer they
        // are the double-quoted stretches of the text layer's quote marks.
        &[dyad_core::Layer::Quotes]
    }

    fn provides(&self) -> &'static [dyad_core::Layer] {
        use dyad_core::Layer;
        &[Layer::Timexes]
    }

    fn annotate(&self, doc: &mut Document) {
        let t = Tokens::new(&doc.text);
        let found = recognise::recognise(&t);
        if doc.meta.date.is_none() {
            if let Some(date) = docdate::stated_date(&t, &found) {
                doc.meta.date = Some(DocDate { date, time: None, source: "text".into() });
            }
        }
        let anchor = doc.meta.date.as_ref().map(|d| d.date);
        doc.timexes = timexes(doc, &t, &found, anchor, self.mode);
    }
}

/// Tags a document: every time expression with its TIMEX3 value, relative expressions anchored
/// to `anchor` (the document date) or as `mode` says. Reads the document's sentence layer
/// (`dyad_nlp::text_layer`) and its quotations: the quotes stage's speech where there is any,
/// else the double-quoted stretches of the quote-mark layer; [`Anchor::Speech`] indexes them.
/// Without those layers the text is one sentence without quotations.
///
/// Use this for a document built outside the pipeline; inside it, [`TimeTagger`] does the same
/// and also takes a document date the text states.
pub fn tag_document(doc: &Document, anchor: Option<NaiveDate>, mode: Mode) -> Vec<Timex> {
    let t = Tokens::new(&doc.text);
    let found = recognise::recognise(&t);
    timexes(doc, &t, &found, anchor, mode)
}

/// Tags a plain string that has no layers: the whole text is one sentence with no quotations,
/// so tense is read across sentence ends and nothing is anchored to a speech date. Use it where
/// only the expressions and their count matter (the throughput bench); for values as the
/// pipeline gives them, build the layers and call [`tag_document`].
pub fn tag(text: &str, anchor: Option<NaiveDate>, mode: Mode) -> Vec<Timex> {
    let mut doc = Document::default();
    doc.text = text.to_string();
    tag_document(&doc, anchor, mode)
}

fn timexes(
    doc: &Document,
    t: &Tokens,
    found: &[TimeMatch],
    anchor: Option<NaiveDate>,
    mode: Mode,
) -> Vec<Timex> {
    let quotes: Vec<(usize, usize)> = if doc.quotes.is_empty() {
        doc.quote_marks
            .iter()
            .filter(|q| !q.single)
            .map(|q| (q.content.start as usize, q.content.end as usize))
            .collect()
    } else {
        doc.quotes.iter().map(|q| (q.content.start as usize, q.content.end as usize)).collect()
    };
    // Without a sentence layer, paragraphs or sections stand in for sentences.
    let spans: Vec<(usize, usize)> = if !doc.sentences.is_empty() {
        doc.sentences.iter().map(|s| (s.span.start as usize, s.span.end as usize)).collect()
    } else if !doc.paragraphs.is_empty() {
        doc.paragraphs.iter().map(|p| (p.start as usize, p.end as usize)).collect()
    } else {
        doc.sections.iter().map(|s| (s.span.start as usize, s.span.end as usize)).collect()
    };
    let sentences = context::sentence_token_ranges(t, &spans);
    normalise_in_order(t, found, anchor, mode, &quotes, &sentences)
}

fn byte_span(t: &Tokens, f: &TimeMatch) -> Span {
    Span { start: t.toks[f.start].start, end: t.toks[f.end - 1].end }
}

/// Anchors and normalises recognised expressions in text order.
fn normalise_in_order(
    t: &Tokens,
    found: &[TimeMatch],
    anchor: Option<NaiveDate>,
    mode: Mode,
    quotes: &[(usize, usize)],
    sentences: &[(usize, usize)],
) -> Vec<Timex> {
    let sentence_of =
        |tok: usize| sentences.partition_point(|s| s.1 <= tok).min(sentences.len().saturating_sub(1));
    // Quotations by start, to find the one around an offset by binary search (the innermost
    // of nested ones is the last that starts before it).
    let mut by_start: Vec<(usize, usize, usize)> =
        quotes.iter().enumerate().map(|(i, &(s, e))| (s, e, i)).collect();
    by_start.sort_unstable();
    let quote_of = |at: usize| -> Option<usize> {
        let n = by_start.partition_point(|q| q.0 <= at);
        by_start[..n].iter().rev().take(8).find(|q| at < q.1).map(|q| q.2)
    };
    let starts: Vec<usize> = found.iter().map(|f| t.toks[f.start].start as usize).collect();
    let tenses: Vec<Tense> = found
        .iter()
        .map(|f| {
            sentences
                .get(sentence_of(f.start))
                .map_or(Tense::Unknown, |&s| context::tense(t, s, f.start, f.end))
        })
        .collect();

    // Speech dates: a day-precise date in the sentence around a quotation, outside it.
    let speech_date = |q: usize| -> Option<NaiveDate> {
        let (qs, qe) = quotes[q];
        let mut best: Option<(usize, NaiveDate)> = None;
        // Only expressions within 200 bytes before or after the quotation are candidates.
        let before = starts.partition_point(|&s| s + 250 < qs)..starts.partition_point(|&s| s < qs);
        let after = starts.partition_point(|&s| s < qe)..starts.partition_point(|&s| s <= qe + 200);
        for (f, &tense) in before.chain(after).map(|k| (&found[k], &tenses[k])) {
            let span = byte_span(t, f);
            let (s, e) = (span.start as usize, span.end as usize);
            if quote_of(s).is_some() {
                continue;
            }
            // Near the quotation, in the same paragraph.
            let (gap, dist) = if e <= qs {
                (e..qs, qs - e)
            } else if s >= qe {
                (qe..s, s - qe)
            } else {
                continue;
            };
            if dist > 200 || t.text[gap].contains('\n') {
                continue;
            }
            let ctx = Ctx { mode: Mode::News, anchor, narrative: None, tense, day: None };
            let r = normalise::normalise(&f.expr, &ctx);
            if let Some(p) = r.point.filter(|p| p.unit == lexicon::Unit::Day) {
                if best.is_none_or(|(d, _)| dist < d) {
                    best = Some((dist, p.date));
                }
            }
        }
        best.map(|(_, d)| d)
    };
    let mut speech_cache: Vec<Option<Option<NaiveDate>>> = vec![None; quotes.len()];

    let mut out = Vec::with_capacity(found.len());
    let mut narrative: Option<(Point, usize)> = None;
    // The last day-precise date and the sentence it was in: a clock time with no day of its
    // own ("at 18:00 UTC") belongs to it.
    let mut last_day: Option<(NaiveDate, usize, usize)> = None;
    // Sentences already checked for a return to the story's present ("Meanwhile, …").
    let mut checked = 0;
    for (f, &tense) in found.iter().zip(&tenses) {
        let mut span = byte_span(t, f);
        if mode == Mode::News && matches!(f.expr, expr::Expr::EventOffset { .. }) && f.end - f.start > 1 {
            // In news only the duration is normalised: "two days" of "two days after the vote".
            span.end = t.toks[f.end - 2].end;
        }
        let sentence = sentence_of(f.start);
        if mode == Mode::News {
            // "Meanwhile" returns a news story from its background to the report's time: what
            // comes after counts from the document date again.
            let back =
                (checked..=sentence).any(|k| sentences.get(k).is_some_and(|s| t.low(s.0) == "meanwhile"));
            if back && sentence >= checked {
                narrative = None;
            }
            checked = checked.max(sentence + 1);
        }
        let quote = quote_of(span.start as usize);
        let speech = quote.and_then(|q| *speech_cache[q].get_or_insert_with(|| speech_date(q)));
        let ctx = Ctx {
            mode,
            anchor: speech.or(anchor),
            narrative: narrative.map(|(p, _)| p),
            tense,
            day: last_day.filter(|&(_, s, _)| s == sentence).map(|(d, _, _)| d),
        };
        let r = normalise::normalise(&f.expr, &ctx);
        let anchor_used = match r.used {
            Used::Deictic => match (quote, speech) {
                (Some(q), Some(_)) => Anchor::Speech(q as u32),
                _ => Anchor::DocumentDate,
            },
            Used::Narrative => narrative.map_or(Anchor::None, |(_, i)| Anchor::Narrative(i as u32)),
            Used::SentenceDay => last_day.map_or(Anchor::None, |(_, _, i)| Anchor::Narrative(i as u32)),
            Used::Absolute => Anchor::Absolute,
            Used::None => Anchor::None,
        };
        if let Some(p) = r.point.filter(|p| p.unit == lexicon::Unit::Day) {
            last_day = Some((p.date, sentence, out.len()));
        }
        // A date looked back to ("the previous year", "two days earlier") does not move the
        // story's reference time; everything else mentioned does.
        // Nor does a bare year far from it, once the story has a month or day ("the largest
        // battle since 1813", "a report published in 2005").
        let aside = |p: &Point| {
            narrative.is_some_and(|(n, _)| {
                p.unit == lexicon::Unit::Year
                    && n.unit < lexicon::Unit::Year
                    && (p.date.year() - n.date.year()).abs() > 10
            })
        };
        if let Some(p) = r.point.filter(|p| !looks_back(&f.expr) && !aside(p)) {
            narrative = Some((p, out.len()));
        }
        out.push(Timex { span, kind: r.kind, value: r.value, precision: r.precision, anchor: anchor_used });
    }
    out
}

fn looks_back(e: &expr::Expr) -> bool {
    use expr::{Expr, YearSpec};
    match e {
        Expr::Shift { n, narrative: true, .. } => *n < 0,
        Expr::Offset { sign, narrative: true, .. } | Expr::EventOffset { sign, .. } => *sign < 0,
        Expr::Year(YearSpec::Narrative(k)) | Expr::Quarter { y: YearSpec::Narrative(k), .. } => *k < 0,
        _ => false,
    }
}

#[cfg(test)]
mod tests;
