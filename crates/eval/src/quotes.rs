//! `dyad eval quotes FILE.jsonl`: quotations found, spurious, and speakers right, against a
//! JSONL case file (the format of `reference/quotes/seed_cases.jsonl`: `id`, `text`,
//! `quotes[]` with `content` (a string or the parts of a split quotation), `speaker` (a name or
//! a list of joint speakers) and optional `kind`).
//!
//! Matching, decided here:
//! - **Content**: a gold part is matched by a found quotation whose content has the same words
//!   (lower case, punctuation ignored) up to a Dice overlap of 0.8, which forgives a dropped
//!   comma or dateline but not a different clause. A gold quotation is *found* when all its
//!   parts are matched.
//! - **Speaker**: names are normalised (lower case, leading article and possessive dropped,
//!   spaces folded). The speaker is right when the names the tagger resolved (a pronoun's
//!   antecedent, a title's full name, a document's issuer, each joint speaker) equal the gold
//!   names as a set, or, for one gold name, when it equals the speaker as written (the gold
//!   names some documents as written: "the statement").
//! - **Spurious**: a found quotation matching no gold part. The cases annotate reported
//!   (indirect) speech only where the case is about it, so an indirect quotation in a case
//!   whose gold has none is not counted (`spurious_all` counts it too, and the table lists it).

use crate::error::RecordProblem;
use crate::{EvalError, Report};
use dyad_core::{Document, QuoteKind};
use dyad_quotes::{Finding, QuoteTagger};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

/// Options of `dyad eval quotes`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// JSONL case file.
    pub(crate) path: std::path::PathBuf,
    /// Print every found quotation, not only the cases' results.
    #[arg(long)]
    pub(crate) verbose: bool,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn list(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

#[derive(Deserialize)]
struct GoldQuote {
    content: OneOrMany,
    speaker: OneOrMany,
    #[serde(default)]
    kind: Option<String>,
}

#[derive(Deserialize)]
struct Case {
    id: String,
    text: String,
    #[serde(default)]
    quotes: Vec<GoldQuote>,
}

/// Counts over a case file.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Score {
    pub(crate) total: usize,
    pub(crate) found: usize,
    pub(crate) speaker_correct: usize,
    pub(crate) spurious: usize,
    pub(crate) spurious_all: usize,
    pub(crate) cases: usize,
}

fn content_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

fn dice(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut rest: Vec<&String> = b.iter().collect();
    let mut common = 0;
    for w in a {
        if let Some(i) = rest.iter().position(|x| *x == w) {
            rest.swap_remove(i);
            common += 1;
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

/// A name normalised for comparison.
pub(crate) fn normalise_name(s: &str) -> String {
    let s = s.trim().replace(['’', '\''], "'");
    let s = s.strip_suffix("'s").unwrap_or(&s);
    let words: Vec<String> = s
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    let skip = usize::from(words.first().is_some_and(|w| matches!(w.as_str(), "the" | "a" | "an")));
    words[skip..].join(" ")
}

/// A speaker name for comparison: normalised, and an agency under its canonical name (the gold
/// writes "Tass News Agency" where dyad's shared agency table calls it "TASS").
fn comparable_name(s: &str) -> String {
    normalise_name(dyad_core::lexicon::agencies().lookup(s).unwrap_or(s))
}

fn speaker_right(doc: &Document, f: &Finding, gold: &[String]) -> bool {
    let Some(sp) = &f.speaker else { return false };
    let gold: BTreeSet<String> = gold.iter().map(|g| comparable_name(g)).collect();
    let names: BTreeSet<String> = sp.names.iter().map(|n| comparable_name(&n.text)).collect();
    if names == gold {
        return true;
    }
    let written = sp.written.map(|w| normalise_name(doc.span_text(w)));
    gold.len() == 1 && written.is_some_and(|w| gold.contains(&w))
}

fn describe(doc: &Document, f: &Finding) -> String {
    let kind = if f.quote.kind == QuoteKind::Direct { "direct" } else { "indirect" };
    let speaker = match &f.speaker {
        Some(sp) => {
            let written = sp.written.map_or("-".to_string(), |w| doc.span_text(w).to_string());
            let names: Vec<&str> = sp.names.iter().map(|n| n.text.as_str()).collect();
            format!("{written} → {}", names.join(" + "))
        }
        None => "(none)".into(),
    };
    format!("{kind} [{speaker}] {:?}", doc.span_text(f.quote.content))
}

/// Score the cases in a JSONL string; `table` gets one line per case.
pub(crate) fn score(
    jsonl: &str,
    origin: &Path,
    verbose: bool,
    table: &mut String,
) -> Result<Score, EvalError> {
    let tagger = QuoteTagger::new();
    let mut score = Score::default();
    for (n, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let case: Case = serde_json::from_str(line).map_err(|e| EvalError::BadRecord {
            path: origin.to_path_buf(),
            line: n + 1,
            problem: RecordProblem::Json(e),
        })?;
        score.cases += 1;
        let mut doc = Document::new(&case.text);
        dyad_nlp::text_layer(&mut doc);
        let findings = tagger.analyse(&doc).findings;
        let words_of: Vec<Vec<String>> =
            findings.iter().map(|f| content_words(doc.span_text(f.quote.content))).collect();
        let mut used = vec![false; findings.len()];
        let mut marks = Vec::new();
        for g in &case.quotes {
            score.total += 1;
            let parts = g.content.list();
            let mut first_match = None;
            let mut all = true;
            for (pi, part) in parts.iter().enumerate() {
                let pw = content_words(part);
                let best = (0..findings.len())
                    .map(|i| (i, dice(&pw, &words_of[i])))
                    .filter(|&(_, d)| d >= 0.8)
                    .max_by(|a, b| a.1.total_cmp(&b.1));
                match best {
                    Some((i, _)) => {
                        used[i] = true;
                        if pi == 0 {
                            first_match = Some(i);
                        }
                    }
                    None => all = false,
                }
            }
            if all {
                score.found += 1;
                let i = first_match.expect("a matched first part");
                if speaker_right(&doc, &findings[i], &g.speaker.list()) {
                    score.speaker_correct += 1;
                    marks.push("found, speaker right".to_string());
                } else {
                    marks.push(format!(
                        "found, SPEAKER WRONG: {} (gold {:?})",
                        describe(&doc, &findings[i]),
                        g.speaker.list()
                    ));
                }
            } else {
                marks.push(format!("MISSED {:?}", parts));
            }
        }
        let gold_has_indirect =
            case.quotes.iter().any(|g| g.kind.as_deref().is_some_and(|k| k == "indirect" || k == "mixed"));
        for (i, f) in findings.iter().enumerate() {
            if used[i] {
                continue;
            }
            score.spurious_all += 1;
            if f.quote.kind == QuoteKind::Direct || gold_has_indirect {
                score.spurious += 1;
                marks.push(format!("SPURIOUS {}", describe(&doc, f)));
            } else {
                marks.push(format!("unannotated {}", describe(&doc, f)));
            }
        }
        if case.quotes.is_empty() && marks.is_empty() {
            marks.push("no quotation, none found".into());
        }
        let _ = writeln!(table, "{:<6} {}", case.id, marks.join("; "));
        if verbose {
            for f in &findings {
                let _ = writeln!(table, "       {}", describe(&doc, f));
            }
        }
    }
    Ok(score)
}

/// Score quotations and speakers against a JSONL case file.
pub fn run(args: &Args) -> Result<Report, EvalError> {
    let path = &args.path;
    let jsonl = std::fs::read_to_string(path).map_err(EvalError::read(path))?;
    let mut table = String::new();
    let s = score(&jsonl, path, args.verbose, &mut table)?;
    let _ = writeln!(
        table,
        "found {}/{}  speaker right {}/{}  spurious {} (all unmatched, incl. unannotated indirect: {})",
        s.found, s.total, s.speaker_correct, s.total, s.spurious, s.spurious_all
    );
    let summary = serde_json::json!({
        "found": s.found,
        "speaker_correct": s.speaker_correct,
        "spurious": s.spurious,
        "spurious_all": s.spurious_all,
        "total": s.total,
        "cases": s.cases,
    });
    Ok(Report { table, summary })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_cases_meet_the_bars() {
        let Some(path) = dyad_core::testdata::shared_path("reference/quotes/seed_cases.jsonl") else {
            return;
        };
        let jsonl = std::fs::read_to_string(&path).expect("reading the seed cases");
        let mut table = String::new();
        let s = score(&jsonl, &path, false, &mut table).expect("scoring");
        assert_eq!(s.total, 24, "{table}");
        // Bars: at most one quotation missed, two speakers wrong, one spurious (measured 24/24,
        // 24/24, 0 when this test was written).
        assert!(s.found >= 23, "found {}/24\n{table}", s.found);
        assert!(s.speaker_correct >= 22, "speaker right {}/24\n{table}", s.speaker_correct);
        assert!(s.spurious <= 1, "spurious {}\n{table}", s.spurious);
    }

    #[test]
    fn scoring_counts_missed_wrong_and_spurious() {
        let cases = concat!(
            r#"{"id":"a","text":"Ann Lee said, “We agree.” The report called it a “farce”.","quotes":[{"content":"We agree.","speaker":"Ann Lee"}]}"#,
            "\n",
            r#"{"id":"b","text":"“Go,” Bo Kim said.","quotes":[{"content":"Go,","speaker":"Someone Else"},{"content":"never said","speaker":"X"}]}"#,
            "\n",
            r#"{"id":"c","text":"Cy Day said, “Stop now.”","quotes":[]}"#,
        );
        let mut table = String::new();
        let s = score(cases, Path::new("inline"), false, &mut table).unwrap();
        assert_eq!((s.total, s.found, s.speaker_correct, s.spurious), (3, 2, 1, 1), "{table}");
    }

    #[test]
    fn names_normalise() {
        assert_eq!(normalise_name("The  Official statement"), "official statement");
        assert_eq!(normalise_name("Choe’s"), "choe");
    }

    #[test]
    fn bad_case_line_is_named() {
        let mut table = String::new();
        let err = score("{not json", Path::new("cases.jsonl"), false, &mut table).unwrap_err();
        assert!(
            matches!(&err, EvalError::BadRecord { path, line: 1, problem: RecordProblem::Json(_) } if path == Path::new("cases.jsonl")),
            "{err}"
        );
    }
}
