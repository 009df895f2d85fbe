//! `dyad eval plv FILE.csv`: event categories and actors on real news sentences, against the
//! PLV file (`reference/event-coding/plv/plv_train.csv`: columns `text`, `label`, `source`,
//! `target`, `meta`; one PLOVER category a sentence and the actors as written).
//!
//! Each sentence is coded alone, as a plain-text document (`dyad_ingest::document_from_text`,
//! what `dyad code` makes of a `.txt` file), through the default pipeline.
//!
//! Categories: a record's `plover` field uses PLOVER 2021 names; the file's `YIELD` covers 2021's
//! `CONCEDE` and `RETREAT`, and its `REQUEST` is the older `DEMAND` (`plv_category`). Roots 01
//! and 02 have no PLOVER category and never count.
//!
//! Scoring, decided here:
//! - **type right**: some event of the sentence has the labelled category.
//! - **fully right**: some event of the labelled category has a source whose text overlaps the
//!   labelled source and a target whose text overlaps the labelled target. The annotators
//!   wrote `recipient` where no target is named ("Teachers went on strike"): there an event
//!   without a target is the right one (and one with a target is not).
//! - **Overlap** (`overlaps`): the two texts share a content word. Content words
//!   (`content_words`) are the words of the text lower-cased, with a possessive `'s` and the
//!   dots of abbreviations removed ("U.S." is `us`), split at other punctuation, less a short
//!   list of function words (articles, prepositions, pronouns, conjunctions, `mr`). A pronoun
//!   source ("he") therefore never overlaps: coreference is not credited here. A shared title
//!   word ("president") is enough, which credits the wrong president; the labels are free text,
//!   so the rule is loose on purpose and the misses are for reading (`--verbose`).
//! - **no event**: the sentence got no event at all; **other category**: it got some, none of
//!   the labelled category (events of root 01, which has none, count here).

use crate::error::{EvalError, RecordProblem};
use crate::Report;
use dyad_core::EventRecord;
use dyad_pipeline::Pipeline;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Options of `dyad eval plv`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// PLV CSV file (text,label,source,target,meta).
    pub path: PathBuf,
    /// Print every sentence that is not fully right, by category, with what dyad found.
    #[arg(long)]
    pub verbose: bool,
}

/// The file's categories, in its README's order.
pub(crate) const CATEGORIES: [&str; 15] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "COOPERATE",
    "AID",
    "YIELD",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

/// One labelled sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub(crate) text: String,
    pub(crate) label: String,
    pub(crate) source: String,
    pub(crate) target: String,
    /// The line the row starts on (the header is line 1).
    pub(crate) line: u64,
}

/// Read the labelled sentences of a PLV CSV file (RFC 4180: quoted fields may hold commas,
/// doubled quotes and line breaks). Columns are found by their header names, in any order.
pub(crate) fn read_rows(data: &[u8], origin: &Path) -> Result<Vec<Row>, EvalError> {
    let bad = |line: u64, problem: RecordProblem| EvalError::BadRecord {
        path: origin.to_path_buf(),
        line: line as usize,
        problem,
    };
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(data);
    let headers = reader.headers().map_err(|e| bad(1, RecordProblem::Csv(e)))?.clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| bad(1, RecordProblem::Invalid(format!("no column {name:?} in the header"))))
    };
    let (text, label, source, target) =
        (column("text")?, column("label")?, column("source")?, column("target")?);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            bad(line, RecordProblem::Csv(e))
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let field = |i: usize| {
            record
                .get(i)
                .map(|s| s.trim().to_string())
                .ok_or_else(|| bad(line, RecordProblem::Invalid(format!("the row has no column {}", i + 1))))
        };
        rows.push(Row {
            text: field(text)?,
            label: field(label)?,
            source: field(source)?,
            target: field(target)?,
            line,
        });
    }
    Ok(rows)
}

/// The PLV category of a record's PLOVER 2021 category.
pub(crate) fn plv_category(plover: &str) -> &str {
    match plover {
        "CONCEDE" | "RETREAT" => "YIELD",
        "DEMAND" => "REQUEST",
        other => other,
    }
}

const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from", "as", "into",
    "its", "his", "her", "their", "our", "my", "he", "she", "it", "they", "we", "i", "you", "him", "them",
    "this", "that", "these", "those", "who", "which", "mr", "mrs", "ms",
];

/// The content words of an actor's text (see the module doc).
pub(crate) fn content_words(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for word in text.split_whitespace() {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        let word = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")).unwrap_or(word);
        let word: String = word.chars().filter(|&c| c != '.').collect();
        for part in word.split(|c: char| !c.is_alphanumeric()) {
            let part = part.to_lowercase();
            if !part.is_empty() && !FUNCTION_WORDS.contains(&part.as_str()) {
                out.insert(part);
            }
        }
    }
    out
}

/// Whether two actor texts share a content word.
pub(crate) fn overlaps(a: &str, b: &str) -> bool {
    let b = content_words(b);
    content_words(a).iter().any(|w| b.contains(w))
}

/// What dyad made of one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Verdict {
    pub(crate) type_right: bool,
    pub(crate) source_right: bool,
    pub(crate) fully_right: bool,
    /// No event at all.
    pub(crate) no_event: bool,
}

/// The annotators' placeholder for a target no one named.
const NO_TARGET: &str = "recipient";

/// Judge the records coded from a sentence against its label.
pub(crate) fn judge(row: &Row, records: &[EventRecord]) -> Verdict {
    let of_label: Vec<&EventRecord> = records
        .iter()
        .filter(|r| r.plover.as_deref().is_some_and(|p| plv_category(p) == row.label))
        .collect();
    // An actor is judged by the words naming it: a pronoun by the mention coreference took it for.
    let source_right = |r: &&&EventRecord| overlaps(&r.source.name, &row.source);
    let target_right = |r: &&&EventRecord| match &r.target {
        _ if row.target == NO_TARGET => r.target.is_none(),
        Some(t) => overlaps(&t.name, &row.target),
        None => false,
    };
    Verdict {
        type_right: !of_label.is_empty(),
        source_right: of_label.iter().any(|r| source_right(&r)),
        fully_right: of_label.iter().any(|r| source_right(&r) && target_right(&r)),
        no_event: records.is_empty(),
    }
}

/// Counts for one category (or all).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Counts {
    pub(crate) n: usize,
    pub(crate) type_right: usize,
    pub(crate) source_right: usize,
    pub(crate) fully_right: usize,
    pub(crate) no_event: usize,
    pub(crate) other_category: usize,
}

impl Counts {
    fn add(&mut self, v: Verdict) {
        self.n += 1;
        self.type_right += usize::from(v.type_right);
        self.source_right += usize::from(v.source_right);
        self.fully_right += usize::from(v.fully_right);
        self.no_event += usize::from(v.no_event);
        self.other_category += usize::from(!v.type_right && !v.no_event);
    }
}

fn describe(r: &EventRecord) -> String {
    let target = r.target.as_ref().map_or("-".to_string(), |t| format!("{:?} ({})", t.text, t.code));
    format!(
        "{} {} {:?} ({}) → {target}",
        r.plover.as_deref().map_or("-", plv_category),
        r.cameo,
        r.source.text,
        r.source.code
    )
}

fn fraction(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Score the PLV file `args.path` with the shipped pipeline.
pub fn run(args: &Args) -> Result<Report, EvalError> {
    let path = &args.path;
    let data = std::fs::read(path).map_err(EvalError::read(path))?;
    let rows = read_rows(&data, path)?;
    if let Some(row) = rows.iter().find(|r| !CATEGORIES.contains(&r.label.as_str())) {
        let problem = RecordProblem::Invalid(format!("unknown category {:?}", row.label));
        return Err(EvalError::BadRecord { path: path.clone(), line: row.line as usize, problem });
    }
    let pipeline = Pipeline::builder().build()?;
    Ok(score(&pipeline, &rows, args.verbose))
}

/// Code every row with `pipeline` and tabulate.
pub(crate) fn score(pipeline: &Pipeline, rows: &[Row], verbose: bool) -> Report {
    let mut by_label: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut total = Counts::default();
    let mut misses: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        let mut doc = dyad_ingest::document_from_text(&row.text, &format!("plv:{}", i + 1));
        pipeline.annotate(&mut doc);
        let records = dyad_pipeline::records(&doc);
        let verdict = judge(row, &records);
        by_label.entry(row.label.as_str()).or_default().add(verdict);
        total.add(verdict);
        if verbose && !verdict.fully_right {
            let why = if verdict.no_event {
                "NO EVENT"
            } else if !verdict.type_right {
                "OTHER CATEGORY"
            } else if !verdict.source_right {
                "SOURCE WRONG"
            } else {
                "TARGET WRONG"
            };
            let mut m = format!(
                "  [{why}] line {}: {}\n      label: {:?} → {:?}\n",
                row.line, row.text, row.source, row.target
            );
            for r in &records {
                let _ = writeln!(m, "      found: {}", describe(r));
            }
            misses.entry(row.label.as_str()).or_default().push(m);
        }
    }
    let mut table = String::new();
    let _ = writeln!(
        table,
        "{:<10} {:>5} {:>7} {:>7} {:>7} {:>7} {:>7}",
        "category", "n", "type", "source", "fully", "none", "other"
    );
    let line = |table: &mut String, name: &str, c: &Counts| {
        let _ = writeln!(
            table,
            "{:<10} {:>5} {:>7} {:>7} {:>7} {:>7} {:>7}",
            name, c.n, c.type_right, c.source_right, c.fully_right, c.no_event, c.other_category
        );
    };
    for cat in CATEGORIES {
        if let Some(c) = by_label.get(cat) {
            line(&mut table, cat, c);
        }
    }
    line(&mut table, "all", &total);
    let _ = writeln!(
        table,
        "(type: labelled category found; source: and its source overlaps; fully: source and target \
         overlap; none: no event; other: only other categories)"
    );
    for cat in CATEGORIES {
        if let Some(list) = misses.get(cat) {
            let _ = writeln!(table, "\n{cat}: {} not fully right", list.len());
            for m in list {
                table.push_str(m);
            }
        }
    }
    let per_category: serde_json::Map<String, serde_json::Value> = CATEGORIES
        .iter()
        .filter_map(|cat| by_label.get(cat).map(|c| (cat, c)))
        .map(|(cat, c)| {
            let v = serde_json::json!({
                "n": c.n,
                "type_right": round(fraction(c.type_right, c.n)),
                "fully_right": round(fraction(c.fully_right, c.n)),
            });
            (cat.to_string(), v)
        })
        .collect();
    let summary = serde_json::json!({
        "type_right": round(fraction(total.type_right, total.n)),
        "source_right": round(fraction(total.source_right, total.n)),
        "fully_right": round(fraction(total.fully_right, total.n)),
        "no_event": round(fraction(total.no_event, total.n)),
        "other_category": round(fraction(total.other_category, total.n)),
        "sentences": total.n,
        "by_category": per_category,
    });
    Report { table, summary }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_keep_quoted_commas_quotes_and_line_breaks() {
        let data = "text,label,source,target,meta\n\
                    \"Paris, France: \"\"No,\"\" said Macron.\",REJECT,Macron,\"the U.S., Canada\",m|1\n\
                    plain,AGREE,A,B,m\n\
                    \"two\nlines\",AID,C,D,m\n";
        let rows = read_rows(data.as_bytes(), Path::new("t.csv")).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].text, "Paris, France: \"No,\" said Macron.");
        assert_eq!(rows[0].target, "the U.S., Canada");
        assert_eq!(rows[0].line, 2);
        assert_eq!((rows[1].label.as_str(), rows[1].source.as_str()), ("AGREE", "A"));
        assert_eq!(rows[2].text, "two\nlines");
        assert_eq!(rows[2].line, 4);
    }

    #[test]
    fn csv_columns_are_found_by_name_and_a_missing_one_is_named() {
        let rows = read_rows(b"label,target,text,source\nAID,B,t,A\n", Path::new("t.csv")).unwrap();
        assert_eq!(
            (rows[0].text.as_str(), rows[0].source.as_str(), rows[0].target.as_str()),
            ("t", "A", "B")
        );
        let err = read_rows(b"text,label,source\nx,AID,A\n", Path::new("t.csv")).unwrap_err().to_string();
        assert!(err.contains("\"target\""), "{err}");
        let err =
            read_rows(b"text,label,source,target\nx,AID,A\n", Path::new("t.csv")).unwrap_err().to_string();
        assert!(err.starts_with("t.csv"), "{err}");
    }

    #[test]
    fn content_words_drop_function_words_possessives_and_abbreviation_dots() {
        let words = content_words("the U.S. Supreme Court's decision");
        assert_eq!(words.into_iter().collect::<Vec<_>>(), ["court", "decision", "supreme", "us"]);
        assert!(content_words("he").is_empty());
        assert_eq!(content_words("EU-based airlines").len(), 3);
    }

    #[test]
    fn overlap_is_a_shared_content_word_in_any_case() {
        assert!(overlaps("Iranian Foreign Minister Mohammad Javad Zarif", "Zarif"));
        assert!(overlaps("The FBI", "fbi"));
        assert!(overlaps("Government of National Accord (GNA)", "the GNA"));
        assert!(!overlaps("the ACLU", "Thom"));
        assert!(!overlaps("he", "he"));
        assert!(!overlaps("the minister of the interior", "the head of the army"));
    }

    #[test]
    fn categories_map_from_plover_2021() {
        assert_eq!(plv_category("CONCEDE"), "YIELD");
        assert_eq!(plv_category("RETREAT"), "YIELD");
        assert_eq!(plv_category("REQUEST"), "REQUEST");
        assert_eq!(plv_category("ACCUSE"), "ACCUSE");
    }

    fn record(plover: Option<&str>, source: &str, target: Option<&str>) -> EventRecord {
        let actor = |code: &str, text: &str| dyad_core::ActorRef {
            code: code.into(),
            country: code.into(),
            text: text.into(),
            name: text.into(),
        };
        let mut r = crate::test_record("111", actor("X", source), target.map(|t| actor("Y", t)));
        r.plover = plover.map(str::to_string);
        r
    }

    #[test]
    fn verdicts_need_the_category_then_both_actors() {
        let row = Row {
            text: String::new(),
            label: "YIELD".into(),
            source: "Russia".into(),
            target: "Kyiv".into(),
            line: 2,
        };
        let v = judge(&row, &[record(Some("RETREAT"), "Russia", Some("Kyiv"))]);
        assert!(v.type_right && v.source_right && v.fully_right && !v.no_event);
        let v = judge(&row, &[record(Some("CONCEDE"), "Moscow", Some("Kyiv"))]);
        assert!(v.type_right && !v.source_right && !v.fully_right);
        let v = judge(&row, &[record(Some("CONCEDE"), "Russia", None)]);
        assert!(v.type_right && v.source_right && !v.fully_right);
        let v = judge(&row, &[record(Some("ACCUSE"), "Russia", Some("Kyiv"))]);
        assert!(!v.type_right && !v.no_event);
        let v = judge(&row, &[record(None, "Russia", Some("Kyiv"))]);
        assert!(!v.type_right && !v.no_event, "a root 01 or 02 event is another category");
        assert!(judge(&row, &[]).no_event);
        // "recipient": the annotators named no target; an event without one is fully right.
        let row = Row { target: "recipient".into(), ..row };
        assert!(judge(&row, &[record(Some("RETREAT"), "Russia", None)]).fully_right);
        assert!(!judge(&row, &[record(Some("RETREAT"), "Russia", Some("Kyiv"))]).fully_right);
    }
}
