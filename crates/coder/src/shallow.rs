//! The fallback for sentences without a dependency parse: the verb dictionary read over the
//! words alone. A verb form in the dictionary is the trigger, the nearest actor before it the
//! source and the nearest actor of another country after it the target; only the block's
//! default code applies (patterns need the parse). Rules are named `shallow:…` so that every
//! record says how little stood behind it; the pipeline uses it only until a parser is present.

use crate::dictionary::{Code, VerbDictionary};
use dyad_core::{Document, Event, Participant, Precision, SectionKind, Span, Status};

use dyad_core::lexicon;

/// Candidate lemmas of an inflected upper-case form ("ACCUSED" → ACCUSE, ACCUS).
pub(crate) fn lemmas(form: &str) -> Vec<String> {
    let mut out = vec![form.to_string()];
    for (suffix, add) in [
        ("IED", "Y"),
        ("IES", "Y"),
        ("ED", ""),
        ("ED", "E"),
        ("ES", ""),
        ("S", ""),
        ("ING", ""),
        ("ING", "E"),
        ("D", ""),
    ] {
        if let Some(stem) = form.strip_suffix(suffix) {
            if stem.len() >= 2 {
                out.push(format!("{stem}{add}"));
            }
        }
    }
    out
}

pub fn code_sentence(doc: &Document, i: usize, dict: &VerbDictionary, dict_name: &str) -> Vec<Event> {
    let s = &doc.sentences[i];
    let toks = &doc.tokens[s.tokens.0 as usize..s.tokens.1 as usize];
    let forms: Vec<String> = toks.iter().map(|t| doc.span_text(t.span).to_uppercase()).collect();
    let actors: Vec<(u32, &dyad_core::Mention)> = doc
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.actors.is_empty() && s.span.contains(m.span))
        .map(|(k, m)| (k as u32, m))
        .collect();
    let mut events = Vec::new();
    for (k, form) in forms.iter().enumerate() {
        let trigger = toks[k].span;
        if actors.iter().any(|(_, m)| m.span.contains(trigger)) {
            continue;
        }
        // Verbs only: a tagged token must be one, and a capitalised word inside the sentence
        // is a name ("Yaroslavsky Station"), not a verb.
        let tagged_other = !matches!(toks[k].upos, dyad_core::Upos::X | dyad_core::Upos::VERB);
        let capitalised = k > 0 && doc.span_text(trigger).starts_with(char::is_uppercase);
        if tagged_other || capitalised {
            continue;
        }
        let Some(entry) = lemmas(form)
            .iter()
            .find_map(|l| dict.by_word.get(l).and_then(|v| v.iter().find(|e| e.particles.is_empty())))
        else {
            continue;
        };
        let block = &dict.blocks[entry.block];
        let Code::Event { forward, .. } = entry.code.as_ref().unwrap_or(&block.code) else { continue };
        let Some(&(si, source)) = actors.iter().rev().find(|(_, m)| m.span.end <= trigger.start) else {
            continue;
        };
        let countries: Vec<&str> = source.actors.iter().map(|a| a.country.as_str()).collect();
        let Some(&(ti, target)) = actors.iter().find(|(_, m)| {
            m.span.start >= trigger.end && m.actors.iter().any(|a| !countries.contains(&a.country.as_str()))
        }) else {
            continue;
        };
        let before: Vec<&str> = forms[k.saturating_sub(3)..k].iter().map(String::as_str).collect();
        let (status, attributed_to) = status(doc, trigger, &before);
        let (date, date_precision, date_source) = match &doc.meta.date {
            Some(d) => (Some(d.date.to_string()), Precision::Day, Some(dyad_core::DateSource::Document)),
            None => (None, Precision::Unknown, None),
        };
        let part = |m: &dyad_core::Mention, idx: u32, a: &dyad_core::Actor| Participant {
            actor: a.clone(),
            span: m.span,
            mention: Some(idx),
        };
        for a in &source.actors {
            for b in target.actors.iter().filter(|b| b.country != a.country) {
                events.push(Event {
                    sentence: i as u32,
                    source: part(source, si, a),
                    target: Some(part(target, ti, b)),
                    cameo: forward.clone(),
                    date: date.clone(),
                    date_precision,
                    date_source,
                    status,
                    attributed_to,
                    rule: format!("shallow:{dict_name}:{}#{}", block.name, entry.line),
                    trigger,
                });
            }
        }
    }
    events
}

fn status(doc: &Document, trigger: Span, before: &[&str]) -> (Status, Option<u32>) {
    if doc.section_at(trigger.start).is_some_and(|s| s.kind == SectionKind::Commentary) {
        return (Status::Commentary, None);
    }
    let attribution = doc.attribution_of(trigger);
    if let Some(a) = attribution.filter(|a| matches!(a.status, Status::Commentary | Status::Interpreted)) {
        return (a.status, a.speaker);
    }
    let speaker = attribution.and_then(|a| a.speaker);
    if before.iter().any(|w| lexicon::is_negator(w)) {
        return (Status::Negated, speaker);
    }
    if before.iter().any(|w| lexicon::is_modal(w) || lexicon::is_condition(w)) {
        return (Status::Hypothetical, speaker);
    }
    match attribution {
        Some(a) => (a.status, a.speaker),
        None => (Status::Asserted, None),
    }
}
