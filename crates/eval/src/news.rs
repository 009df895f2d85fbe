//! `dyad eval news [ANNOTATIONS]`: events on real news articles, against dyad's own annotated
//! development set (the format and the scoring are in docs/annotation-guide.md).
//!
//! The annotations (JSONL, one line a sentence: `file`, `category`, `span`, `events`) default to
//! `crates/eval/data/news/bbc-dev.jsonl`, compiled in. They hold offsets only; the article text
//! is read from `shared/reference/news/bbc/` (skipped, saying so, where that folder is absent;
//! under `CI=true` a missing folder is an error).
//!
//! Each annotated file is coded whole, as `dyad code` codes a `.txt` file
//! (`dyad_ingest::document_from_text`, the default pipeline). Decided here:
//!
//! - **Locating dyad's sentences in the file.** A record's `char_span` counts characters of the
//!   *normalised* document text, not of the file, so each of dyad's sentences is found in the
//!   file by its words (`Words`): maximal runs of letters and digits, lower-cased, accents
//!   dropped, HTML character references in the file read as the character they name, matched as
//!   a contiguous run, which ignores white space, punctuation and quote-mark differences. Of
//!   several occurrences the first at or after the previous sentence's start wins (sentences
//!   come in file order), else the first anywhere. A sentence not found whole is found by its
//!   first and last halves (8 words or more). Events of a sentence found nowhere are counted as
//!   `events_unmapped` and left out.
//! - **Assigning events.** An event belongs to the annotated sentence its evidence sentence
//!   overlaps; where it overlaps several (dyad split the text differently), to the first of them
//!   holding an annotated event it matches, else to the one it overlaps most. Events in no
//!   annotated sentence are not scored (`events_outside`).
//! - **Actors** (`actor_matches`): the same actor code; or the annotated code is a country or
//!   IGO part with no role (no CAMEO role code after its first three letters: `GBR`,
//!   `IGOUNO`) and dyad's code starts with it; or some occurrence of dyad's actor words inside
//!   dyad's evidence sentence overlaps the annotated span. A null target matches only a
//!   missing target.
//! - **Matching** within a sentence: right pairs (same CAMEO root, both actors match) are
//!   paired one to one as many as possible; of the rest, pairs with the same root and the right
//!   source are *wrong target*, with the same root and a wrong source *wrong source*, with both
//!   actors right and another root *wrong root* (each pairing one annotated and one dyad
//!   event, in that order); the dyad events left are *spurious*, the annotated ones *missed*.
//!   Precision is right over dyad's scored events, recall right over annotated events.
//! - **Status agreement**: among right pairs, the share whose status is the annotated one.
//! - **Findings per article**, by category: distinct (sentence, CAMEO code) pairs among dyad's
//!   events in the whole article, averaged over the category's annotated articles; the
//!   annotations' own figure (distinct sentence and code) beside it.

use crate::error::{EvalError, RecordProblem};
use crate::Report;
use dyad_core::EventRecord;
use dyad_pipeline::Pipeline;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The annotations compiled in, and the name they are reported under.
const DEFAULT_ANNOTATIONS: &str = include_str!("../data/news/bbc-dev.jsonl");
const DEFAULT_ORIGIN: &str = "crates/eval/data/news/bbc-dev.jsonl";
/// The article folder inside `shared`.
pub const BBC: &str = "reference/news/bbc";

/// Options of `dyad eval news`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Annotation file (JSONL, docs/annotation-guide.md); default: the development set
    /// compiled into dyad.
    pub annotations: Option<PathBuf>,
    /// Print every annotated sentence that has an error, with the events on both sides.
    #[arg(long)]
    pub verbose: bool,
}

/// One annotated sentence.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct SentenceAnnotation {
    /// Relative to `shared/reference/news/bbc/`.
    pub(crate) file: String,
    pub(crate) category: String,
    /// Characters `[start, end)` of the file.
    pub(crate) span: [usize; 2],
    pub(crate) events: Vec<GoldEvent>,
}

/// One annotated event.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct GoldEvent {
    pub(crate) source: String,
    #[serde(default)]
    pub(crate) source_span: Option<[usize; 2]>,
    #[serde(default)]
    pub(crate) target: Option<String>,
    #[serde(default)]
    pub(crate) target_span: Option<[usize; 2]>,
    pub(crate) code: String,
    pub(crate) status: String,
}

impl GoldEvent {
    fn root(&self) -> &str {
        &self.code[..2]
    }
}

const STATUSES: [&str; 4] = ["asserted", "reported", "hypothetical", "negated"];

/// Read and check annotation lines: codes of 2–4 digits, a known status, spans in order and
/// event spans inside their sentence. Errors name the line.
pub(crate) fn parse_annotations(jsonl: &str, origin: &Path) -> Result<Vec<SentenceAnnotation>, EvalError> {
    let mut out = Vec::new();
    for (n, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |problem: RecordProblem| EvalError::BadRecord {
            path: origin.to_path_buf(),
            line: n + 1,
            problem,
        };
        let invalid = |why: String| bad(RecordProblem::Invalid(why));
        let s: SentenceAnnotation = serde_json::from_str(line).map_err(|e| bad(RecordProblem::Json(e)))?;
        let [start, end] = s.span;
        if start >= end {
            return Err(invalid(format!("empty or reversed span {:?}", s.span)));
        }
        for e in &s.events {
            let code_ok = (2..=4).contains(&e.code.len()) && e.code.bytes().all(|b| b.is_ascii_digit());
            if !code_ok {
                return Err(invalid(format!("CAMEO code {:?} is not 2 to 4 digits", e.code)));
            }
            if !STATUSES.contains(&e.status.as_str()) {
                return Err(invalid(format!("status {:?} is not one of {}", e.status, STATUSES.join(", "))));
            }
            if e.target.is_none() && e.target_span.is_some() {
                return Err(invalid("a target_span without a target".to_string()));
            }
            for [a, b] in [e.source_span, e.target_span].into_iter().flatten() {
                if a >= b || a < start || b > end {
                    return Err(invalid(format!(
                        "actor span [{a}, {b}) is not inside the sentence {:?}",
                        s.span
                    )));
                }
            }
        }
        out.push(s);
    }
    Ok(out)
}

/// A text's words with their character spans, for finding other text in it regardless of white
/// space, punctuation and case (see the module doc).
pub(crate) struct Words {
    words: Vec<(String, usize, usize)>,
}

/// The words of `text` with their `[start, end)` character offsets: letters and digits,
/// lower-cased and without accents (each character decomposed, its marks dropped), so that the
/// file's "José" or "Jose\u{301}" is the document's NFC "José". With `references`, an HTML
/// character reference (`&#233;`) counts as the character it names, as the document's
/// normalisation decodes it.
fn words_of(text: &str, references: bool) -> Vec<(String, usize, usize)> {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<(String, usize, usize)> = Vec::new();
    let mut current: Option<(String, usize)> = None;
    let mut i = 0;
    while i < chars.len() {
        let (c, width) = if references { reference_at(&chars, i) } else { None }.unwrap_or((chars[i], 1));
        let folded: String =
            std::iter::once(c).nfd().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
        if !folded.is_empty() {
            current.get_or_insert_with(|| (String::new(), i)).0.push_str(&folded);
        } else if !is_combining_mark(c) {
            if let Some((word, start)) = current.take() {
                out.push((word, start, i));
            }
        }
        i += width;
    }
    if let Some((word, start)) = current {
        out.push((word, start, chars.len()));
    }
    out
}

/// The character an HTML character reference at `chars[i]` names, and the reference's length.
fn reference_at(chars: &[char], i: usize) -> Option<(char, usize)> {
    if chars[i] != '&' {
        return None;
    }
    let semi = chars[i + 1..].iter().take(33).position(|&c| c == ';')?;
    let reference: String = chars[i..i + semi + 2].iter().collect();
    let decoded = dyad_core::text::decode_entities(&reference);
    let mut decoded = decoded.chars();
    match (decoded.next(), decoded.next()) {
        (Some(c), None) => Some((c, semi + 2)),
        _ => None,
    }
}

impl Words {
    pub(crate) fn new(text: &str) -> Words {
        Words { words: words_of(text, true) }
    }

    /// Indices of word runs equal to `needle` that start within `range` (word indices) and end
    /// by its end.
    fn runs(&self, needle: &[String], range: std::ops::Range<usize>) -> impl Iterator<Item = usize> + '_ {
        let needle = needle.to_vec();
        let last = range.end.saturating_sub(needle.len());
        (range.start..=last).filter(move |&i| {
            !needle.is_empty()
                && i + needle.len() <= self.words.len()
                && needle.iter().enumerate().all(|(k, w)| self.words[i + k].0 == *w)
        })
    }

    fn first_word_at(&self, char_offset: usize) -> usize {
        self.words.partition_point(|w| w.1 < char_offset)
    }

    fn span(&self, first: usize, count: usize) -> (usize, usize) {
        (self.words[first].1, self.words[first + count - 1].2)
    }

    /// Where `needle`'s words occur as a run: the first occurrence starting at or after
    /// character `from`, else the first anywhere.
    fn find(&self, needle: &[String], from: usize) -> Option<usize> {
        let at = self.first_word_at(from);
        let all = 0..self.words.len();
        self.runs(needle, at..self.words.len()).next().or_else(|| self.runs(needle, all).next())
    }

    /// The character span of `text` in this text (see the module doc for the halves).
    pub(crate) fn locate(&self, text: &str, from: usize) -> Option<(usize, usize)> {
        let needle: Vec<String> = words_of(text, false).into_iter().map(|w| w.0).collect();
        if needle.is_empty() {
            return None;
        }
        if let Some(i) = self.find(&needle, from) {
            return Some(self.span(i, needle.len()));
        }
        if needle.len() < 8 {
            return None;
        }
        let half = needle.len() / 2;
        let (head, tail) = (&needle[..half], &needle[needle.len() - half..]);
        let h = self.find(head, from)?;
        let t = self.runs(tail, h..self.words.len()).next()?;
        // A tail found far beyond the head is another sentence, not this one with a change.
        (t - h < 2 * needle.len()).then(|| (self.words[h].1, self.span(t, tail.len()).1))
    }

    /// Every character span where `text`'s words occur as a run inside the characters `within`.
    pub(crate) fn locate_within(&self, text: &str, within: (usize, usize)) -> Vec<(usize, usize)> {
        let needle: Vec<String> = words_of(text, false).into_iter().map(|w| w.0).collect();
        let range = self.first_word_at(within.0)..self.first_word_at(within.1);
        self.runs(&needle, range).map(|i| self.span(i, needle.len())).collect()
    }
}

/// CAMEO role codes: an annotated code with one of these after its first three letters names a
/// role, and is matched only exactly (or by text).
const ROLES: &[&str] = &[
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL", "LEG", "ELI",
    "HLH", "REF", "MOD", "RAD", "AGR", "DEV", "HRI", "LAB", "ENV", "NGO", "UAF", "INS", "SEP", "MNC", "IMG",
    "REL",
];

/// Whether a code is a country or IGO part with no role.
fn without_role(code: &str) -> bool {
    code.len() >= 3
        && code.len().is_multiple_of(3)
        && code.is_ascii()
        && (3..code.len()).step_by(3).all(|i| !ROLES.contains(&&code[i..i + 3]))
}

/// Whether dyad's actor (its code and where its words are in the file) matches an annotated one
/// (see the module doc).
pub(crate) fn actor_matches(
    gold_code: &str,
    gold_span: Option<[usize; 2]>,
    code: &str,
    spans: &[(usize, usize)],
) -> bool {
    let gold = gold_code.trim().to_ascii_uppercase();
    let code = code.trim().to_ascii_uppercase();
    if gold == code || (without_role(&gold) && code.starts_with(&gold)) {
        return true;
    }
    gold_span.is_some_and(|[a, b]| spans.iter().any(|&(x, y)| x < b && a < y))
}

/// One of dyad's events with where its actors' words are in the file.
struct SystemEvent {
    record: EventRecord,
    source_spans: Vec<(usize, usize)>,
    target_spans: Vec<(usize, usize)>,
}

impl SystemEvent {
    fn source_matches(&self, g: &GoldEvent) -> bool {
        actor_matches(&g.source, g.source_span, &self.record.source.code, &self.source_spans)
    }

    fn target_matches(&self, g: &GoldEvent) -> bool {
        match (&g.target, &self.record.target) {
            (None, None) => true,
            (Some(gold), Some(t)) => actor_matches(gold, g.target_span, &t.code, &self.target_spans),
            _ => false,
        }
    }

    fn right(&self, g: &GoldEvent) -> bool {
        self.record.root == g.root() && self.source_matches(g) && self.target_matches(g)
    }
}

/// How an annotated and a dyad event were paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pairing {
    Right,
    WrongTarget,
    WrongSource,
    WrongRoot,
}

/// The outcome in one sentence: pairs (annotated index, dyad index), and what is left.
struct Outcome {
    pairs: Vec<(usize, usize, Pairing)>,
    missed: Vec<usize>,
    spurious: Vec<usize>,
}

/// Kuhn's augmenting paths: as many right pairs as possible.
fn right_pairs(right: &[Vec<usize>], n_system: usize) -> Vec<Option<usize>> {
    fn augment(g: usize, right: &[Vec<usize>], seen: &mut [bool], owner: &mut [Option<usize>]) -> bool {
        for &s in &right[g] {
            if !seen[s] {
                seen[s] = true;
                if owner[s].is_none_or(|o| augment(o, right, seen, owner)) {
                    owner[s] = Some(g);
                    return true;
                }
            }
        }
        false
    }
    let mut owner = vec![None; n_system];
    for g in 0..right.len() {
        augment(g, right, &mut vec![false; n_system], &mut owner);
    }
    owner
}

fn match_sentence(gold: &[GoldEvent], system: &[&SystemEvent]) -> Outcome {
    let right: Vec<Vec<usize>> =
        gold.iter().map(|g| (0..system.len()).filter(|&s| system[s].right(g)).collect()).collect();
    let owner = right_pairs(&right, system.len());
    let mut pairs: Vec<(usize, usize, Pairing)> =
        owner.iter().enumerate().filter_map(|(s, g)| g.map(|g| (g, s, Pairing::Right))).collect();
    let mut gold_used: Vec<bool> = (0..gold.len()).map(|g| pairs.iter().any(|p| p.0 == g)).collect();
    let mut system_used: Vec<bool> = owner.iter().map(Option::is_some).collect();
    type Test = fn(&SystemEvent, &GoldEvent) -> bool;
    let passes: [(Pairing, Test); 3] = [
        (Pairing::WrongTarget, |s, g| s.record.root == g.root() && s.source_matches(g)),
        (Pairing::WrongSource, |s, g| s.record.root == g.root()),
        (Pairing::WrongRoot, |s, g| s.source_matches(g) && s.target_matches(g)),
    ];
    for (kind, test) in passes {
        for (g, gold_event) in gold.iter().enumerate() {
            if gold_used[g] {
                continue;
            }
            if let Some(s) = (0..system.len()).find(|&s| !system_used[s] && test(system[s], gold_event)) {
                gold_used[g] = true;
                system_used[s] = true;
                pairs.push((g, s, kind));
            }
        }
    }
    Outcome {
        pairs,
        missed: (0..gold.len()).filter(|&g| !gold_used[g]).collect(),
        spurious: (0..system.len()).filter(|&s| !system_used[s]).collect(),
    }
}

/// Counts over the annotations.
#[derive(Debug, Default, Clone)]
pub(crate) struct Score {
    pub(crate) sentences: usize,
    pub(crate) articles: usize,
    pub(crate) events_gold: usize,
    pub(crate) events_system: usize,
    pub(crate) right: usize,
    pub(crate) wrong_root: usize,
    pub(crate) wrong_source: usize,
    pub(crate) wrong_target: usize,
    pub(crate) spurious: usize,
    pub(crate) missed: usize,
    pub(crate) status_agree: usize,
    /// dyad's sentences not found in the file, and their events.
    pub(crate) sentences_unmapped: usize,
    pub(crate) events_unmapped: usize,
    /// dyad's events in no annotated sentence.
    pub(crate) events_outside: usize,
    /// By CAMEO root: (annotated, dyad, right).
    pub(crate) by_root: BTreeMap<String, (usize, usize, usize)>,
    /// By category: (articles, dyad's findings, annotated findings).
    pub(crate) findings: BTreeMap<String, (usize, usize, usize)>,
}

fn describe_gold(g: &GoldEvent) -> String {
    format!("{} {} → {} ({})", g.code, g.source, g.target.as_deref().unwrap_or("-"), g.status)
}

fn describe_system(s: &SystemEvent) -> String {
    let r = &s.record;
    let target = r.target.as_ref().map_or("-".to_string(), |t| format!("{} {:?}", t.code, t.text));
    format!("{} {} {:?} → {target} ({})", r.cameo, r.source.code, r.source.text, r.status)
}

/// Score annotations against articles read from `dir`; `table` gets the errors with `verbose`.
pub(crate) fn score(
    pipeline: &Pipeline,
    annotations: &[SentenceAnnotation],
    dir: &std::path::Path,
    verbose: bool,
    table: &mut String,
) -> Result<Score, EvalError> {
    let mut score = Score::default();
    let mut files: Vec<&str> = Vec::new();
    for a in annotations {
        if !files.contains(&a.file.as_str()) {
            files.push(&a.file);
        }
    }
    for file in files {
        let mut sentences: Vec<&SentenceAnnotation> = annotations.iter().filter(|a| a.file == file).collect();
        sentences.sort_by_key(|a| a.span);
        let path = dir.join(file);
        let raw = std::fs::read_to_string(&path).map_err(EvalError::read(&path))?;
        let raw_chars: Vec<char> = raw.chars().collect();
        if let Some(a) = sentences.iter().find(|a| a.span[1] > raw_chars.len()) {
            let why =
                format!("{file}: span {:?} is beyond the file's {} characters", a.span, raw_chars.len());
            return Err(EvalError::BadRecord {
                path: PathBuf::from(&a.file),
                line: 0,
                problem: RecordProblem::Invalid(why),
            });
        }
        let mut doc = dyad_ingest::document_from_text(&raw, file);
        pipeline.annotate(&mut doc);
        let records = dyad_pipeline::records(&doc);
        let words = Words::new(&raw);
        let mut from = 0;
        let located: Vec<Option<(usize, usize)>> = doc
            .sentences
            .iter()
            .map(|s| {
                let found = words.locate(doc.span_text(s.span), from);
                if let Some((start, _)) = found {
                    from = start;
                }
                found
            })
            .collect();
        let category = sentences[0].category.clone();
        let findings: BTreeSet<(u32, &str)> =
            records.iter().map(|r| (r.sentence_index, r.cameo.as_str())).collect();
        let gold_findings: usize = sentences
            .iter()
            .map(|a| a.events.iter().map(|e| e.code.as_str()).collect::<BTreeSet<_>>().len())
            .sum();
        let f = score.findings.entry(category).or_default();
        f.0 += 1;
        f.1 += findings.len();
        f.2 += gold_findings;
        score.articles += 1;
        score.sentences_unmapped += located.iter().filter(|l| l.is_none()).count();

        // Each event to one annotated sentence. The annotation is per sentence, so each sentence
        // that codes an event counts, not only the one a linked record shows first (the records
        // of one happening link the headline, the lead and later repetitions).
        let per_sentence: Vec<EventRecord> =
            doc.events.iter().filter_map(|e| EventRecord::from_event(&doc, e)).collect();
        let mut assigned: Vec<Vec<SystemEvent>> = sentences.iter().map(|_| Vec::new()).collect();
        for record in per_sentence {
            let Some(Some(span)) = located.get(record.sentence_index as usize).copied() else {
                score.events_unmapped += 1;
                if verbose {
                    let _ =
                        writeln!(table, "{file}: dyad's sentence not found in the file: {}", record.evidence);
                }
                continue;
            };
            let source_spans = words.locate_within(&record.source.text, span);
            let target_spans =
                record.target.as_ref().map_or(Vec::new(), |t| words.locate_within(&t.text, span));
            let event = SystemEvent { record, source_spans, target_spans };
            let overlap =
                |a: &SentenceAnnotation| span.1.min(a.span[1]).saturating_sub(span.0.max(a.span[0]));
            let candidates: Vec<usize> =
                (0..sentences.len()).filter(|&i| overlap(sentences[i]) > 0).collect();
            let chosen = candidates
                .iter()
                .copied()
                .find(|&i| sentences[i].events.iter().any(|g| event.right(g)))
                .or_else(|| {
                    candidates.iter().copied().max_by_key(|&i| (overlap(sentences[i]), usize::MAX - i))
                });
            match chosen {
                Some(i) => assigned[i].push(event),
                None => score.events_outside += 1,
            }
        }

        for (a, system) in sentences.iter().zip(&assigned) {
            score.sentences += 1;
            score.events_gold += a.events.len();
            score.events_system += system.len();
            let system: Vec<&SystemEvent> = system.iter().collect();
            for g in &a.events {
                score.by_root.entry(g.root().to_string()).or_default().0 += 1;
            }
            for s in &system {
                score.by_root.entry(s.record.root.clone()).or_default().1 += 1;
            }
            let outcome = match_sentence(&a.events, &system);
            let mut marks = Vec::new();
            for &(g, s, kind) in &outcome.pairs {
                let (ge, se) = (&a.events[g], system[s]);
                match kind {
                    Pairing::Right => {
                        score.right += 1;
                        score.by_root.entry(ge.root().to_string()).or_default().2 += 1;
                        if ge.status == se.record.status {
                            score.status_agree += 1;
                        } else {
                            marks.push(format!("  right, STATUS {} (gold {})", se.record.status, ge.status));
                        }
                        continue;
                    }
                    Pairing::WrongTarget => score.wrong_target += 1,
                    Pairing::WrongSource => score.wrong_source += 1,
                    Pairing::WrongRoot => score.wrong_root += 1,
                }
                let name = match kind {
                    Pairing::WrongTarget => "WRONG TARGET",
                    Pairing::WrongSource => "WRONG SOURCE",
                    _ => "WRONG ROOT",
                };
                marks.push(format!("  {name}: gold {} / dyad {}", describe_gold(ge), describe_system(se)));
            }
            score.missed += outcome.missed.len();
            score.spurious += outcome.spurious.len();
            for &g in &outcome.missed {
                marks.push(format!("  MISSED {}", describe_gold(&a.events[g])));
            }
            for &s in &outcome.spurious {
                marks.push(format!("  SPURIOUS {}", describe_system(system[s])));
            }
            if verbose && !marks.is_empty() {
                let text: String = raw_chars[a.span[0]..a.span[1]].iter().collect();
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                let _ = writeln!(table, "{file} [{}, {}): {text}", a.span[0], a.span[1]);
                for m in marks {
                    let _ = writeln!(table, "{m}");
                }
            }
        }
    }
    Ok(score)
}

fn ratio(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| ((part as f64 / whole as f64) * 10_000.0).round() / 10_000.0)
}

fn show(x: Option<f64>) -> String {
    x.map_or("-".to_string(), |x| format!("{x:.3}"))
}

/// The human-readable table and the JSON summary of a score.
pub(crate) fn report(s: &Score, mut table: String) -> Report {
    let precision = ratio(s.right, s.events_system);
    let recall = ratio(s.right, s.events_gold);
    let _ = writeln!(
        table,
        "{} sentences in {} articles: {} annotated events, {} dyad events, {} right",
        s.sentences, s.articles, s.events_gold, s.events_system, s.right
    );
    let _ = writeln!(table, "precision {}  recall {}", show(precision), show(recall));
    let _ = writeln!(
        table,
        "errors: wrong root {}, wrong source {}, wrong target {}, spurious {}, missed {}",
        s.wrong_root, s.wrong_source, s.wrong_target, s.spurious, s.missed
    );
    let _ = writeln!(table, "status agreement among right events: {}", show(ratio(s.status_agree, s.right)));
    let _ = writeln!(
        table,
        "not scored: {} dyad events in no annotated sentence; {} in {} sentences not found in the file",
        s.events_outside, s.events_unmapped, s.sentences_unmapped
    );
    let _ = writeln!(table, "\nroot   gold  dyad  right  precision  recall");
    for (root, &(gold, system, right)) in &s.by_root {
        let _ = writeln!(
            table,
            "{root:<5} {gold:>5} {system:>5} {right:>6}  {:>9}  {:>6}",
            show(ratio(right, system)),
            show(ratio(right, gold))
        );
    }
    let _ = writeln!(table, "\ncategory   articles  findings/article (dyad)  (annotated)");
    let mut per_article = serde_json::Map::new();
    let mut gold_per_article = serde_json::Map::new();
    for (category, &(articles, found, gold)) in &s.findings {
        let (f, g) = (ratio(found, articles).unwrap_or(0.0), ratio(gold, articles).unwrap_or(0.0));
        let _ = writeln!(table, "{category:<10} {articles:>8}  {f:>23.2}  {g:>11.2}");
        per_article.insert(category.clone(), serde_json::json!(f));
        gold_per_article.insert(category.clone(), serde_json::json!(g));
    }
    let summary = serde_json::json!({
        "precision": precision,
        "recall": recall,
        "sentences": s.sentences,
        "articles": s.articles,
        "events_gold": s.events_gold,
        "events_system": s.events_system,
        "right": s.right,
        "wrong_root": s.wrong_root,
        "wrong_source": s.wrong_source,
        "wrong_target": s.wrong_target,
        "spurious": s.spurious,
        "missed": s.missed,
        "status_agreement": ratio(s.status_agree, s.right),
        "events_unmapped": s.events_unmapped,
        "events_outside": s.events_outside,
        "findings_per_article": per_article,
        "gold_findings_per_article": gold_per_article,
    });
    Report { table, summary }
}

/// Score the annotations (`args.annotations`, else the compiled-in set) with the shipped
/// pipeline over the articles in the shared folder.
pub fn run(args: &Args) -> Result<Report, EvalError> {
    let (jsonl, origin) = match &args.annotations {
        Some(path) => (std::fs::read_to_string(path).map_err(EvalError::read(path))?, path.clone()),
        None => (DEFAULT_ANNOTATIONS.to_string(), PathBuf::from(DEFAULT_ORIGIN)),
    };
    let annotations = parse_annotations(&jsonl, &origin)?;
    // Under CI=true a missing folder panics here instead of skipping (the shared-data rule).
    let Some(dir) = dyad_core::testdata::shared_path(BBC) else {
        let table = format!("skipped: the articles ({BBC} in the shared folder) are not here");
        return Ok(Report { table, summary: serde_json::json!({"skipped": true}) });
    };
    let pipeline = Pipeline::builder().build()?;
    let mut table = String::new();
    let s = score(&pipeline, &annotations, &dir, args.verbose, &mut table)?;
    Ok(report(&s, table))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_locate_normalised_text_in_a_raw_file() {
        let raw =
            "Heads  up\n\nMr Abbas said: \"We  will not\naccept it.\" He said it twice. He said it twice.";
        let w = Words::new(raw);
        let chars: Vec<char> = raw.chars().collect();
        let text = |(a, b): (usize, usize)| chars[a..b].iter().collect::<String>();
        // Folded white space and other quote marks still match, and the span is the raw one.
        let (a, b) = w.locate("Mr Abbas said: “We will not accept it.”", 0).unwrap();
        assert_eq!(text((a, b)), "Mr Abbas said: \"We  will not\naccept it");
        // The first occurrence at or after `from` wins, else the first anywhere.
        let first = w.locate("He said it twice.", 0).unwrap();
        let second = w.locate("He said it twice.", first.0 + 1).unwrap();
        assert!(second.0 > first.0);
        assert_eq!(w.locate("He said it twice.", raw.len()).unwrap(), first);
        // Words, not letters: "he" is not inside "Heads".
        assert_eq!(w.locate_within("he", (0, 9)), Vec::<(usize, usize)>::new());
        assert_eq!(w.locate_within("he", (0, chars.len())).len(), 2);
        assert_eq!(w.locate("not in the text", 0), None);
    }

    #[test]
    fn references_and_accents_in_the_file_still_match() {
        let raw = "EC President Jos&#233; Manuel Barroso met Jose\u{301} Borrell &amp; others.";
        let w = Words::new(raw);
        let chars: Vec<char> = raw.chars().collect();
        let (a, b) = w.locate("EC President José Manuel Barroso", 0).unwrap();
        assert_eq!(chars[a..b].iter().collect::<String>(), "EC President Jos&#233; Manuel Barroso");
        let (a, b) = w.locate("José Borrell", 0).unwrap();
        assert_eq!(chars[a..b].iter().collect::<String>(), "Jose\u{301} Borrell");
        assert!(w.locate("Borrell & others", 0).is_some());
    }

    #[test]
    fn non_ascii_offsets_are_characters() {
        let raw = "Café owners — “angry” — met Škoda bosses.";
        let w = Words::new(raw);
        let (a, b) = w.locate("met Škoda", 0).unwrap();
        let chars: Vec<char> = raw.chars().collect();
        assert_eq!(chars[a..b].iter().collect::<String>(), "met Škoda");
    }

    #[test]
    fn a_sentence_changed_in_the_middle_is_found_by_its_halves() {
        let raw = "One two three four five six seven eight nine ten. Other words.";
        let w = Words::new(raw);
        let (a, b) = w.locate("One two three four FIVE-X six seven eight nine ten.", 0).unwrap();
        // From the first word's start to the last word's end (the full stop is not a word).
        assert_eq!((a, b), (0, 48));
        assert_eq!(w.locate("One two three four FIVE-X", 0), None, "short needles must match whole");
    }

    #[test]
    fn actors_match_by_code_by_bare_country_or_by_text() {
        assert!(actor_matches("GBRGOV", None, "GBRGOV", &[]));
        assert!(actor_matches("GBR", None, "GBRGOV", &[]));
        assert!(actor_matches("IGOUNO", None, "IGOUNOGOV", &[]));
        assert!(!actor_matches("GBRGOV", None, "GBR", &[]));
        assert!(!actor_matches("GBRGOV", None, "GBRGOVLEG", &[]));
        assert!(!actor_matches("GBRLEG", None, "GBRGOV", &[]));
        assert!(!actor_matches("GBR", None, "GBA", &[]));
        // Text: any occurrence of dyad's words overlapping the annotated span.
        assert!(actor_matches("GBRLEG", Some([10, 20]), "GBRGOV", &[(0, 5), (18, 25)]));
        assert!(!actor_matches("GBRLEG", Some([10, 20]), "GBRGOV", &[(0, 10), (20, 25)]));
    }

    fn gold(code: &str, source: &str, target: Option<&str>) -> GoldEvent {
        GoldEvent {
            source: source.into(),
            source_span: None,
            target: target.map(str::to_string),
            target_span: None,
            code: code.into(),
            status: "asserted".into(),
        }
    }

    fn system(code: &str, source: &str, target: Option<&str>) -> SystemEvent {
        let actor = |c: &str| dyad_core::ActorRef {
            code: c.into(),
            country: c[..3].into(),
            text: c.into(),
            name: c.into(),
        };
        SystemEvent {
            record: crate::test_record(code, actor(source), target.map(actor)),
            source_spans: Vec::new(),
            target_spans: Vec::new(),
        }
    }

    #[test]
    fn sentences_pair_right_then_errors_then_leftovers() {
        let g = [
            gold("112", "GBRGOV", Some("FRA")),
            gold("036", "GBRGOV", Some("FRA")),
            gold("043", "USA", None),
            gold("190", "RUS", Some("UKR")),
        ];
        let s = [
            system("111", "GBRGOV", Some("FRAGOV")),
            system("051", "GBRGOV", Some("FRA")),
            system("042", "USAGOV", Some("CHN")),
            system("173", "ISR", Some("PSE")),
        ];
        let s: Vec<&SystemEvent> = s.iter().collect();
        let o = match_sentence(&g, &s);
        let mut pairs = o.pairs.clone();
        pairs.sort_by_key(|p| (p.0, p.1));
        assert_eq!(pairs, [(0, 0, Pairing::Right), (1, 1, Pairing::WrongRoot), (2, 2, Pairing::WrongTarget)]);
        assert_eq!((o.missed, o.spurious), (vec![3], vec![3]));
    }

    #[test]
    fn right_pairs_are_as_many_as_possible() {
        // dyad event 0 fits both annotations, event 1 only the first: greedy would pair one.
        let g = [gold("112", "GBR", None), gold("111", "GBR", None)];
        let s = [system("112", "GBRGOV", None), system("111", "GBRGOV", None)];
        let s: Vec<&SystemEvent> = s.iter().collect();
        let o = match_sentence(&g, &s);
        assert_eq!(o.pairs.iter().filter(|p| p.2 == Pairing::Right).count(), 2);
        let o = match_sentence(&[gold("112", "GBR", None)], &[&system("112", "GBR", Some("FRA"))]);
        assert_eq!(o.pairs, [(0, 0, Pairing::WrongTarget)], "a null target matches only a missing one");
    }

    #[test]
    fn annotation_lines_are_checked_and_named() {
        let ok = r#"{"file":"p/a.txt","category":"politics","span":[0,40],"events":[{"source":"GBRGOV","source_span":[0,5],"target":null,"target_span":null,"code":"036","status":"reported"}]}"#;
        assert_eq!(parse_annotations(ok, Path::new("a.jsonl")).unwrap().len(), 1);
        for (bad, why) in [
            (ok.replace("\"036\"", "\"36x\""), "CAMEO code"),
            (ok.replace("reported", "said"), "status"),
            (ok.replace("[0,5]", "[30,45]"), "not inside"),
            (ok.replace("[0,40]", "[40,40]"), "span"),
        ] {
            let err = parse_annotations(&format!("\n{bad}"), Path::new("a.jsonl")).unwrap_err().to_string();
            assert!(err.starts_with("a.jsonl:2:") && err.contains(why), "{err}");
        }
    }

    #[test]
    fn the_compiled_in_annotations_parse() {
        let a = parse_annotations(DEFAULT_ANNOTATIONS, Path::new(DEFAULT_ORIGIN)).unwrap();
        assert!(!a.is_empty());
    }
}
