//! `dyad bench code`: speed of event coding, one thread, median of several runs.
//!
//! Input: a PETRARCH-style validation file (default: the UD-PETRARCH 2_02 suite under
//! `../shared`), with the dictionaries its environment names. Two figures:
//! - coder: the coder stage alone over documents already parsed (the file's parses) and
//!   actor-tagged;
//! - text → events: from the raw text through the suite's pipeline (`dyad_nlp`, the actor
//!   tagger with the suite's dictionaries, the coder; see `petrarch::Suite`).

use crate::bench::{median, thread_cpu_time};
use crate::petrarch::{annotated_document, load_suite, read_records};
use crate::{EvalError, Report};
use dyad_core::{Document, Stage};
use std::path::PathBuf;
use std::time::Instant;

/// Options of `dyad bench code`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Validation file (default: the UD-PETRARCH 2_02 records under ../shared).
    pub(crate) path: Option<PathBuf>,
    /// Number of timed runs; the median is reported.
    #[arg(long, default_value_t = 5)]
    pub(crate) runs: usize,
    /// Minimum seconds per run (the corpus is repeated until a run lasts this long).
    #[arg(long, default_value_t = 0.5)]
    pub(crate) min_seconds: f64,
    /// NLP model file to parse with instead of the embedded one.
    #[arg(long)]
    pub(crate) model: Option<PathBuf>,
}

const DEFAULT: &str = "reference/event-coding/universalpetrarch/validate-2_02/PETR_Validate_records_2_02.xml";

/// Sentences per second of `work` (which processes `sentences` sentences per call), median of
/// `runs` runs of at least `min_seconds` each: per wall second, and per second of this
/// thread's CPU time (steadier on a loaded machine; `None` where the system does not say).
fn rate(runs: usize, min_seconds: f64, sentences: usize, mut work: impl FnMut()) -> (f64, Option<f64>) {
    let mut rates = Vec::new();
    let mut cpu_rates = Vec::new();
    for _ in 0..runs.max(1) {
        let cpu = thread_cpu_time();
        let start = Instant::now();
        let mut done = 0usize;
        while start.elapsed().as_secs_f64() < min_seconds || done == 0 {
            work();
            done += sentences;
        }
        rates.push(done as f64 / start.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (cpu, thread_cpu_time()) {
            cpu_rates.push(done as f64 / (b - a).as_secs_f64());
        }
    }
    let cpu = (cpu_rates.len() == rates.len()).then(|| median(&mut cpu_rates));
    (median(&mut rates), cpu)
}

fn per_cpu(rate: Option<f64>) -> String {
    rate.map_or(String::new(), |r| format!(", {r:.0} per CPU second"))
}

/// Time coding the PETRARCH validation records: the coder alone over the given parses, and the whole pipeline from text.
pub fn run(args: &Args) -> Result<Report, EvalError> {
    let path = match &args.path {
        Some(p) => p.clone(),
        None => dyad_core::testdata::shared_dir().join(DEFAULT),
    };
    let text = std::fs::read_to_string(&path).map_err(EvalError::read(&path))?;
    let (env, records) = read_records(&text);
    let dir = path.parent().map(PathBuf::from).unwrap_or_default();
    // The file's parses through every stage before the coder, then the coder alone, timed.
    let given = load_suite(&env, &dir, &records, true, None)?;
    let coder = given.pipeline.coder().ok_or(EvalError::NoCoder)?;
    let parsed: Vec<Document> =
        records.iter().filter(|r| !r.conllu.is_empty()).map(|r| annotated_document(r, &given)).collect();
    let n_parsed: usize = parsed.iter().map(|d| d.sentences.len()).sum();
    let mut work_docs = parsed.clone();
    let (coder_rate, coder_cpu) = rate(args.runs, args.min_seconds, n_parsed, || {
        for d in work_docs.iter_mut() {
            coder.annotate(d);
        }
    });
    let own = load_suite(&env, &dir, &records, false, args.model.as_deref())?;
    let from_text: Vec<Document> = records.iter().map(|r| annotated_document(r, &own)).collect();
    let n_text: usize = from_text.iter().map(|d| d.sentences.len()).sum();
    let (text_rate, text_cpu) = rate(args.runs, args.min_seconds, n_text, || {
        for r in &records {
            annotated_document(r, &own);
        }
    });
    let parsed_by_nlp = from_text.first().is_some_and(|d| d.tokens.iter().any(|t| t.head.is_some()));
    let table = format!(
        "dyad bench code: {} ({} records), one thread, median of {} runs\n\
         coder stage on given parses: {:>10.0} sentences/s ({} sentences){}\n\
         text -> events (dyad_nlp{}): {:>10.0} sentences/s ({} sentences){}\n",
        path.display(),
        records.len(),
        args.runs,
        coder_rate,
        n_parsed,
        per_cpu(coder_cpu),
        if parsed_by_nlp { " with its parser" } else { " without a parser: shallow fallback" },
        text_rate,
        n_text,
        per_cpu(text_cpu),
    );
    let summary = serde_json::json!({
        "coder_sentences_per_s": coder_rate.round(),
        "text_to_events_sentences_per_s": text_rate.round(),
        "text_to_events_sentences_per_cpu_s": text_cpu.map(f64::round),
        "parser": parsed_by_nlp,
    });
    Ok(Report { table, summary })
}
