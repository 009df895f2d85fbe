//! `dyad bench time`: time-expression tagging speed, one thread, median of several runs.
//!
//! Input: a text file, or a directory of text files; by default the texts of the temporal
//! reference corpora (TE3-platinum, MEANTIME-en, WikiWars) repeated to at least 8 MB.

use crate::bench::thread_cpu_seconds;
use crate::timex::{self, Corpus};
use crate::{EvalError, Report};
use chrono::NaiveDate;
use dyad_time::Mode;
use std::path::PathBuf;
use std::time::Instant;

/// Options of `dyad bench time`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Input file or directory (default: the temporal reference corpora in ../shared).
    pub(crate) path: Option<PathBuf>,
    /// Number of timed runs; the median is reported.
    #[arg(long, default_value_t = 5)]
    pub(crate) runs: usize,
}

/// Texts to tag, each with its anchor date.
fn inputs(args: &Args) -> Result<Vec<(String, Option<NaiveDate>)>, EvalError> {
    if let Some(path) = &args.path {
        let files: Vec<PathBuf> = if path.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(EvalError::read(path))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect();
            v.sort();
            v
        } else {
            vec![path.clone()]
        };
        return files
            .iter()
            .map(|f| {
                let bytes = std::fs::read(f).map_err(EvalError::read(f))?;
                Ok((String::from_utf8_lossy(&bytes).into_owned(), None))
            })
            .collect();
    }
    let root = dyad_core::testdata::shared_path("reference/temporal")
        .ok_or(EvalError::MissingReference { what: "text" })?;
    let mut docs = Vec::new();
    for (dir, corpus) in
        [("te3-platinum", Corpus::Te3), ("meantime-en", Corpus::Meantime), ("wikiwars", Corpus::Wikiwars)]
    {
        for d in timex::load(&root.join(dir), corpus)? {
            docs.push((d.text, d.dct));
        }
    }
    let one: usize = docs.iter().map(|(t, _)| t.len()).sum();
    let copies = (8 << 20) / one.max(1) + 1;
    let all: Vec<_> = std::iter::repeat_n(docs, copies).flatten().collect();
    Ok(all)
}

/// Time the time-expression tagger over the temporal corpora or given text (MB per second).
pub fn run(args: &Args) -> Result<Report, EvalError> {
    let docs = inputs(args)?;
    let bytes: usize = docs.iter().map(|(t, _)| t.len()).sum();
    if bytes == 0 {
        return Err(EvalError::NoData { path: args.path.clone().unwrap_or_default(), what: "text to tag" });
    }
    let mut rates = Vec::new();
    let mut cpu_rates = Vec::new();
    let mut found = 0;
    for _ in 0..args.runs.max(1) {
        let start = Instant::now();
        let cpu_start = thread_cpu_seconds();
        found = 0;
        for (text, dct) in &docs {
            found += dyad_time::tag(text, *dct, Mode::News).len();
        }
        let secs = start.elapsed().as_secs_f64();
        rates.push(bytes as f64 / 1e6 / secs);
        if let (Some(a), Some(b)) = (cpu_start, thread_cpu_seconds()) {
            cpu_rates.push(bytes as f64 / 1e6 / (b - a).max(1e-9));
        }
    }
    let mut sorted = rates.clone();
    let median = super::median(&mut sorted);
    let cpu_median = super::median(&mut cpu_rates);
    let table = format!(
        "tagged {:.1} MB ({} documents, {found} expressions) {} times; MB/s per run: {}\nmedian {median:.1} MB/s wall clock, {cpu_median:.1} MB/s of thread CPU time\n",
        bytes as f64 / 1e6,
        docs.len(),
        rates.len(),
        rates.iter().map(|r| format!("{r:.1}")).collect::<Vec<_>>().join(" "),
    );
    let summary = serde_json::json!({
        "suite": "time",
        "bytes": bytes,
        "runs": rates.len(),
        "mb_per_s": (median * 10.0).round() / 10.0,
        "cpu_mb_per_s": if cpu_median.is_nan() { serde_json::Value::Null } else { ((cpu_median * 10.0).round() / 10.0).into() },
    });
    Ok(Report { table, summary })
}
