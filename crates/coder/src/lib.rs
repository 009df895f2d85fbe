//! Event coding: from an annotated sentence to events (source, CAMEO code, target) with status,
//! date and the rule that fired.
//!
//! Entry point: [`Coder`], a [`dyad_core::Stage`] that fills the `events` layer.
//!
//! This is the first, surface-level coder (see `data/verbs/first_lexicon.tsv`): a trigger word
//! from a small lexicon, the nearest actor mention before it as source and the nearest one after
//! it (of another country) as target. It knows nothing of syntax: it will code "A said B
//! attacked C" as A attacking C. The parse-based pattern coder (issue 6) replaces it; until then
//! its rules are named `lexicon:…` so that every record says how little stood behind it.

mod lexicon;

use dyad_core::{Actor, Document, Event, Participant, Precision, SectionKind, Span, Stage, Status};
pub use lexicon::{Lexicon, Trigger};

pub struct Coder {
    lexicon: Lexicon,
}

impl Coder {
    /// The coder with the lexicon that ships with dyad.
    pub fn load_default() -> Result<Coder, String> {
        Ok(Coder { lexicon: Lexicon::builtin()? })
    }
}

impl Stage for Coder {
    fn name(&self) -> &'static str {
        "coder"
    }

    fn annotate(&self, doc: &mut Document) {
        let mut events = Vec::new();
        for (i, sentence) in doc.sentences.iter().enumerate() {
            let in_section = doc.section_at(sentence.span.start).map(|s| s.kind);
            if matches!(in_section, Some(SectionKind::Boilerplate | SectionKind::Byline)) {
                continue;
            }
            for (word, trigger) in words(doc.span_text(sentence.span), sentence.span.start) {
                if let Some(t) = self.lexicon.lookup(&word) {
                    events.extend(code_trigger(doc, i, trigger, t));
                }
            }
        }
        doc.events = events;
    }
}

/// Lower-cased words of `text` with their byte spans (offset by `base`).
fn words(text: &str, base: u32) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let part_of_word = c.is_alphanumeric() || c == '-';
        match (start, part_of_word) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push((text[s..i].to_lowercase(), Span::new(base as usize + s, base as usize + i)));
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn code_trigger(doc: &Document, sentence: usize, trigger: Span, t: &Trigger) -> Vec<Event> {
    let span = doc.sentences[sentence].span;
    let in_sentence: Vec<(u32, &dyad_core::Mention)> = doc
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| span.contains(m.span) && !m.actors.is_empty())
        .map(|(i, m)| (i as u32, m))
        .collect();
    let Some(&(si, source)) = in_sentence.iter().rev().find(|(_, m)| m.span.end <= trigger.start) else {
        return Vec::new();
    };
    let source_countries: Vec<&str> = source.actors.iter().map(|a| a.country.as_str()).collect();
    let Some(&(ti, target)) = in_sentence.iter().find(|(_, m)| {
        m.span.start >= trigger.end
            && m.actors.iter().any(|a| !source_countries.contains(&a.country.as_str()))
    }) else {
        return Vec::new();
    };
    let (status, attributed_to) = status_of(doc, span, trigger);
    let (date, date_precision) = date_of(doc, span, trigger);
    let participant = |actor: &Actor, mention: &dyad_core::Mention, index: u32| Participant {
        actor: actor.clone(),
        span: mention.span,
        mention: Some(index),
    };
    let mut events = Vec::new();
    for s in &source.actors {
        for g in target.actors.iter().filter(|g| g.country != s.country) {
            events.push(Event {
                sentence: sentence as u32,
                source: participant(s, source, si),
                target: Some(participant(g, target, ti)),
                cameo: t.code.clone(),
                date: date.clone(),
                date_precision,
                status,
                attributed_to,
                rule: format!("lexicon:{}#{}", t.name, t.line),
                trigger,
            });
        }
    }
    events
}

/// Status from the section, the attribution layer, and negation or modal words just before the
/// trigger.
fn status_of(doc: &Document, sentence: Span, trigger: Span) -> (Status, Option<u32>) {
    if doc.section_at(trigger.start).is_some_and(|s| s.kind == SectionKind::Commentary) {
        return (Status::Commentary, None);
    }
    let before = &doc.text[sentence.start as usize..trigger.start as usize];
    let last_words: Vec<String> = words(before, 0).into_iter().rev().take(3).map(|(w, _)| w).collect();
    let has = |set: &[&str]| last_words.iter().any(|w| set.contains(&w.as_str()));
    if has(&["not", "never", "no", "t"]) {
        return (Status::Negated, None);
    }
    if has(&["will", "would", "could", "may", "might", "should", "can", "if"]) {
        return (Status::Hypothetical, None);
    }
    match doc.attribution_of(trigger) {
        Some(a) => (a.status, a.speaker),
        None => (Status::Asserted, None),
    }
}

/// The date of the event: a dated time expression in the sentence (the nearest to the trigger),
/// else the document date.
fn date_of(doc: &Document, sentence: Span, trigger: Span) -> (Option<String>, Precision) {
    let nearest = doc
        .timexes
        .iter()
        .filter(|t| sentence.contains(t.span) && is_calendar_value(&t.value))
        .min_by_key(|t| t.span.start.abs_diff(trigger.start));
    if let Some(t) = nearest {
        return (Some(t.value.clone()), t.precision);
    }
    match &doc.meta.date {
        Some(d) => (Some(d.date.to_string()), Precision::Day),
        None => (None, Precision::Unknown),
    }
}

/// "2024", "2024-06", "2024-06-18" (and not "P2W", "PRESENT_REF", "2024-W44" or ranges).
fn is_calendar_value(v: &str) -> bool {
    let b = v.as_bytes();
    matches!(b.len(), 4 | 7 | 10)
        && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() })
}

#[cfg(test)]
mod tests;
