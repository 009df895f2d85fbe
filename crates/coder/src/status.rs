//! The status and date of a coded verb, from the parse (negation, modality, conditionals,
//! "expected to", refusals, indirect speech), the attribution and section layers (speech,
//! interpretation, commentary), and the time layer.
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

/// Verbs whose meaning is a refusal ("reject", "refuse", "deny"): they code events of their own
/// (12x) and are never negations of themselves, but what they govern does not happen ("refused
/// to meet": no meeting).
pub trait Refusals {
    /// Whether the verb at token `v` refuses what it governs.
    fn is_refusal(&self, tree: &Tree, v: usize) -> bool;
}

/// A verb the negation cues list as a verb of refusal, by its form ("denied").
pub fn is_refusal_cue(tree: &Tree, v: usize) -> bool {
    lexicon::negation_cues()
        .iter()
        .any(|c| c.kind == lexicon::NegationKind::Verb && c.cue.eq_ignore_ascii_case(&tree.form[v]))
}

/// Whether the event at `v` is what an unnegated refusal verb refuses: its complement ("refused
/// to meet", "denied that troops had shelled"), or a clause modifying the refusal's object
/// ("rejected plans for the territory to be shared").
fn is_refused(tree: &Tree, v: usize, refusals: &dyn Refusals) -> bool {
    let Some(h) = tree.head[v] else { return false };
    let governor = match tree.base(v) {
        "xcomp" | "ccomp" => Some(h),
        _ if crate::engine::is_infinitive_complement(tree, v) => Some(h),
        // The clause may modify a noun inside the object ("plans for sovereignty to be shared").
        "acl" => {
            let mut n = h;
            for _ in 0..MAX_DEPTH {
                if tree.base(n) != "nmod" {
                    break;
                }
                n = tree.head[n].unwrap_or(n);
            }
            (tree.base(n) == "obj").then(|| tree.head[n]).flatten()
        }
        _ => None,
    };
    governor.is_some_and(|g| tree.is_verbal(g) && refusals.is_refusal(tree, g) && !is_negated(tree, g))
}

/// "does not want it lifted", "did not agree to release": an infinitive or small clause whose
/// governing verb is negated does not happen either.
fn under_negated_governor(tree: &Tree, v: usize) -> bool {
    let mut at = v;
    for _ in 0..MAX_DEPTH {
        let Some(h) = tree.head[at] else { return false };
        if tree.base(at) != "xcomp" {
            return false;
        }
        if is_negated(tree, h) {
            return true;
        }
        at = h;
    }
    false
}

/// Whether the event at `v` is unrealised: a modal or condition on the verb itself ("may impose
/// sanctions", "if they attack"), a condition on it ("will respond if attacked"), a hedge
/// ("perhaps"), or a prediction it completes ("is expected to visit"). A modal inside what a
/// verb governs is not the verb's: "warned it would retaliate" is a threat that was made.
pub fn is_hypothetical(tree: &Tree, v: usize) -> bool {
    let mut at = v;
    for _ in 0..MAX_DEPTH {
        let own = tree.children[at].iter().any(|&c| {
            (tree.base(c) == "aux" && lexicon::is_modal(&tree.form[c]))
                || (tree.base(c) == "mark" && lexicon::is_condition(&tree.lemma[c]))
                || (tree.base(c) == "advmod" && is_hedge(&tree.lemma[c]))
                || (tree.base(c) == "advcl" && is_condition_clause(tree, c))
                // A condition after coordinated verbs hangs on the last ("fly out and secure
                // the route if called upon") but holds for all.
                || (c > at
                    && tree.base(c) == "conj"
                    && tree.is_verbal(c)
                    && tree.children[c].iter().any(|&d| d > c && tree.base(d) == "advcl" && is_condition_clause(tree, d)))
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

/// A single-word plain-text hypothetical cue ("perhaps", "possibly") as an adverb of the verb.
fn is_hedge(lemma: &str) -> bool {
    lexicon::hypothetical_cues().iter().any(|c| {
        c.kind == lexicon::HypotheticalKind::Phrase
            && c.in_text
            && !c.cue.contains(' ')
            && c.cue.eq_ignore_ascii_case(lemma)
    })
}

/// Whether a multi-word or adverbial hypothetical phrase ("in case", "perhaps") stands between
/// the start of a plain-text hypothetical span and the event's word: phrases the parse does not
/// attach to the verb reliably ("on standby in case they need to help").
fn phrase_cue_before(doc: &dyad_core::Document, span: dyad_core::Span, trigger: dyad_core::Span) -> bool {
    if trigger.start <= span.start || trigger.start > span.end {
        return false;
    }
    let text =
        doc.span_text(dyad_core::Span::new(span.start as usize, trigger.start as usize)).to_lowercase();
    let words: Vec<&str> =
        text.split(|c: char| !(c.is_alphanumeric() || c == '\'')).filter(|w| !w.is_empty()).collect();
    lexicon::hypothetical_cues()
        .iter()
        .filter(|c| c.kind == lexicon::HypotheticalKind::Phrase && c.in_text)
        .any(|c| {
            let cue: Vec<&str> = c.cue.split(' ').collect();
            words.windows(cue.len()).any(|w| w == cue.as_slice())
        })
}

/// "if they are attacked": an adverbial clause opened by a conditional subordinator ("if",
/// "unless"; not "whether", which opens questions).
fn is_condition_clause(tree: &Tree, c: usize) -> bool {
    tree.children[c].iter().any(|&m| {
        tree.base(m) == "mark"
            && lexicon::is_condition(&tree.lemma[m])
            && !tree.lemma[m].eq_ignore_ascii_case("whether")
    })
}

/// Status of an event coded at verb `v`, and who it is attributed to.
pub fn status_of(tree: &Tree, v: usize, refusals: &dyn Refusals) -> (Status, Option<u32>) {
    status_with(tree, v, true, true, refusals)
}

/// [`status_of`] of an act stated for the future and coded as the statement itself: the intent
/// to do it ("will meet") or the refusal ("will not release"). The statement happened, so
/// neither the future nor the negation makes it hypothetical or negated.
pub fn status_of_stated(tree: &Tree, v: usize, refusals: &dyn Refusals) -> (Status, Option<u32>) {
    status_with(tree, v, false, false, refusals)
}

/// Whether the verb's only mark of modality is a future auxiliary ("will meet", "shall
/// release"): no condition, hedge, other modal or prediction, and no hypothetical phrase
/// around it ("is expected to").
pub fn is_plain_future(tree: &Tree, v: usize) -> bool {
    // "will monitor hunts and assist police": a verb coordinated with one, with no subject or
    // auxiliary of its own, shares its future.
    if tree.base(v) == "conj" && !tree.children[v].iter().any(|&c| matches!(tree.base(c), "aux" | "nsubj")) {
        if let Some(h) = tree.head[v].filter(|&h| tree.is_verbal(h)) {
            return is_plain_future(tree, h);
        }
    }
    let future = tree.children[v].iter().any(|&c| {
        tree.base(c) == "aux"
            && lexicon::is_future_auxiliary(&tree.form[c])
            && !tree.form[c].eq_ignore_ascii_case("would")
    });
    if !future || tree.base(v) == "xcomp" || tree.base(v) == "conj" {
        return false;
    }
    let other = tree.children[v].iter().any(|&c| {
        (tree.base(c) == "aux"
            && lexicon::is_modal(&tree.form[c])
            && !lexicon::is_future_auxiliary(&tree.form[c]))
            || (tree.base(c) == "mark" && lexicon::is_condition(&tree.lemma[c]))
            || (tree.base(c) == "advmod" && is_hedge(&tree.lemma[c]))
            || (tree.base(c) == "advcl" && is_condition_clause(tree, c))
    });
    let hedged = tree.doc.attribution_of(tree.span(v)).is_some_and(|a| a.status == Status::Hypothetical);
    !other && !hedged
}

/// [`status_of`] when the negation has been coded into the event itself.
pub fn status_of_unnegated(tree: &Tree, v: usize, refusals: &dyn Refusals) -> (Status, Option<u32>) {
    status_with(tree, v, false, true, refusals)
}

/// The attribution layer gives who speaks (quotations and indirect speech), interpretation and
/// commentary. Its negated and hypothetical spans are plain-text guesses over a whole clause
/// ("refused" and "would" anywhere in it); with a parse, negation and modality are read on the
/// event's own verb instead, so those spans only carry the speech they sit in.
fn status_with(
    tree: &Tree,
    v: usize,
    negation: bool,
    modality: bool,
    refusals: &dyn Refusals,
) -> (Status, Option<u32>) {
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
    // Speech: a reported span, or a negated or hypothetical one nested in a quotation. A verb
    // coordinated with the reporting verb itself ("Blair said Labour would … and attacked the
    // Tory plans") is the speaker's own act, which the article tells, though the plain-text
    // span of the speech runs on over it.
    let speakers_own_act = tree.base(v) == "conj"
        && tree.head[v].is_some_and(|h| tree.is_speech_verb(h))
        && !tree.children[v].iter().any(|&c| tree.rel[c].starts_with("nsubj"));
    let direct = |a: &&dyad_core::Attribution| {
        a.quote
            .and_then(|q| doc.quotes.get(q as usize))
            .is_some_and(|q| q.kind == dyad_core::QuoteKind::Direct)
    };
    let speech = attribution
        .filter(|a| a.status == Status::Reported || a.quote.is_some())
        .filter(|a| direct(a) || !speakers_own_act);
    let indirect = if speech.is_none() { reported_by(tree, v) } else { None };
    let speaker = speech.map(|a| a.speaker).or(indirect).flatten();
    if negation && (is_negated(tree, v) || under_negated_governor(tree, v) || is_refused(tree, v, refusals)) {
        return (Status::Negated, speaker);
    }
    let hedged = attribution
        .is_some_and(|a| a.status == Status::Hypothetical && phrase_cue_before(doc, a.span, trigger));
    if modality && (hedged || is_hypothetical(tree, v)) {
        return (Status::Hypothetical, speaker);
    }
    if speech.is_some() || indirect.is_some() {
        return (Status::Reported, speaker);
    }
    (Status::Asserted, None)
}

/// Indirect speech the plain-text layer passes over ("Mr Abbas confirmed Israel shared
/// information", with no "that"): the event's clause completes a reporting verb. Gives the
/// speaker's mention, if the reporting verb's subject names one. The reporting verb's own event
/// ("accused the government of …") is not inside its speech and stays the article's assertion.
fn reported_by(tree: &Tree, v: usize) -> Option<Option<u32>> {
    let mut at = v;
    for _ in 0..MAX_DEPTH {
        let h = tree.head[at]?;
        // An "xcomp" with a subject of its own is a finite clause misread ("confirmed Israel
        // shared information").
        let own_subject = tree.children[at].iter().any(|&c| tree.rel[c].starts_with("nsubj"));
        match tree.base(at) {
            "xcomp" if own_subject => return speaker_of(tree, h),
            "conj" | "xcomp" => at = h,
            "ccomp" => return speaker_of(tree, h),
            _ => return None,
        }
    }
    None
}

/// For a reporting verb `h` that takes content, the mention of its subject (if any names one).
fn speaker_of(tree: &Tree, h: usize) -> Option<Option<u32>> {
    lexicon::reporting_verbs().get(&tree.form[h].to_lowercase())?.complement?;
    let subject = tree.children[h].iter().copied().find(|&c| tree.rel[c].starts_with("nsubj"));
    Some(subject.and_then(|s| speaker_mention(tree, s)))
}

/// The mention naming the subject at token `s`, as the quotes stage links its speakers: the one
/// overlapping the subject's head most, through the antecedent of a pronoun or description.
fn speaker_mention(tree: &Tree, s: usize) -> Option<u32> {
    use dyad_core::MentionKind;
    let doc = tree.doc;
    let head = tree.span(s);
    let overlap =
        |m: &dyad_core::Mention| m.span.end.min(head.end).saturating_sub(m.span.start.max(head.start));
    let mut i =
        doc.mentions.iter().enumerate().filter(|(_, m)| overlap(m) > 0).max_by_key(|(_, m)| overlap(m))?.0;
    for _ in 0..8 {
        let m = &doc.mentions[i];
        match (m.kind, m.antecedent) {
            (MentionKind::Pronoun | MentionKind::Nominal, Some(a)) if (a as usize) < doc.mentions.len() => {
                i = a as usize
            }
            _ => break,
        }
    }
    Some(i as u32)
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
    // An act named by a noun "during" which another happened shares that one's time ("the
    // agreement reached during Putin's visit last June").
    if !tree.is_verbal(v) && tree.preposition(v).as_deref() == Some("DURING") {
        if let Some(h) = tree.head[v].filter(|&h| tree.is_verbal(h)) {
            clause_of_v.push(h);
        }
    }
    let in_sentence = doc.timexes_within(sentence);
    // An event noun's phrase followed at once by a time ("North Korea's test launch of an ICBM
    // on the 31st") is dated by it, wherever the parse hung the time.
    if !tree.is_verbal(v) {
        let end = tree.subtree(v, &|_| false).into_iter().max().unwrap_or(v);
        let next = |k: usize| (k < tree.len()).then(|| tree.span(k).start);
        let starts = [next(end + 1), next(end + 2).filter(|_| tree.upos[end + 1] == dyad_core::Upos::ADP)];
        if let Some(t) = in_sentence
            .iter()
            .map(|&i| &doc.timexes[i])
            .filter(|t| calendar_start(&t.value).is_some())
            .find(|t| starts.iter().flatten().any(|&at| at == t.span.start))
        {
            return dated(&t.value, t.precision);
        }
    }
    // The expression of the nearest clause in that chain wins; in one clause, the first.
    let mut best: Option<(usize, &dyad_core::Timex)> = None;
    for t in in_sentence.iter().map(|&i| &doc.timexes[i]).filter(|t| calendar_start(&t.value).is_some()) {
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
