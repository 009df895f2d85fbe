//! `dyad bench parse`: tokens per second for split + tag + parse over raw text on one thread,
//! and model load time (decoding the embedded model from scratch). Medians of several runs.

use super::thread_cpu_time;
use crate::{EvalError, Report};
use dyad_core::{Document, Stage};
use dyad_nlp::Nlp;
use serde_json::json;
use std::time::{Duration, Instant};

/// Options of `dyad bench parse`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Raw text file, or a CoNLL-U treebank (.conllu[.gz]) whose text is rebuilt. Default: the
    /// GUM Wikimedia dev set in the shared reference data.
    pub(crate) path: Option<std::path::PathBuf>,
    /// Number of timed runs; the median is reported.
    #[arg(long, default_value_t = 5)]
    pub(crate) runs: usize,
    /// Repeat the text until each run has at least this many bytes.
    #[arg(long, default_value_t = 1_000_000)]
    pub(crate) min_bytes: usize,
    /// Model file to use instead of the embedded one.
    #[arg(long)]
    pub(crate) model: Option<std::path::PathBuf>,
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Time model loading, and splitting, tagging and parsing raw text (tokens per second).
pub fn run(args: &Args) -> Result<Report, EvalError> {
    let path = match &args.path {
        Some(p) => p.clone(),
        None => dyad_core::testdata::shared_path("reference/treebanks/en_gum_wikimedia/dev.conllu.gz")
            .ok_or(EvalError::MissingReference { what: "text" })?,
    };
    let name = path.display().to_string();
    let text = if name.ends_with(".conllu") || name.ends_with(".conllu.gz") {
        dyad_nlp::conllu::raw_text(&dyad_nlp::conllu::read_path(&path)?).text
    } else {
        std::fs::read_to_string(&path).map_err(EvalError::read(&path))?
    };
    if text.trim().is_empty() {
        return Err(EvalError::NoData { path, what: "text" });
    }
    let mut big = String::with_capacity(args.min_bytes + text.len());
    loop {
        big.push_str(&text);
        if big.len() >= args.min_bytes {
            break;
        }
        big.push_str("\n\n");
    }
    let runs = args.runs.max(1);
    let bytes = match &args.model {
        Some(p) => std::fs::read(p).map_err(EvalError::read(p))?,
        None => dyad_nlp::EMBEDDED_MODEL.to_vec(),
    };
    let mut loads = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let nlp = Nlp::from_bytes(&bytes, "model")?;
        loads.push(t.elapsed());
        drop(nlp);
    }
    let nlp = Nlp::from_bytes(&bytes, "model")?;
    let mut times = Vec::new();
    let mut cpu_times = Vec::new();
    let mut tokens = 0;
    for _ in 0..runs {
        let mut doc = Document::from_normalised(big.clone());
        let cpu = thread_cpu_time();
        let t = Instant::now();
        nlp.annotate(&mut doc);
        times.push(t.elapsed());
        if let (Some(a), Some(b)) = (cpu, thread_cpu_time()) {
            cpu_times.push(b - a);
        }
        tokens = doc.tokens.len();
    }
    let load = median(loads);
    let run = median(times);
    let tps = tokens as f64 / run.as_secs_f64();
    let cpu_tps = (cpu_times.len() == runs).then(|| tokens as f64 / median(cpu_times).as_secs_f64());
    let table = format!(
        "{name}: {} bytes, {tokens} tokens per run, {runs} runs (single thread)\n\
         split+tag+parse: {:.0} tokens/s wall (median {:.3} s){}\nmodel load: {:.1} ms (median, wall)",
        big.len(),
        tps,
        run.as_secs_f64(),
        cpu_tps.map_or(String::new(), |c| format!(", {c:.0} tokens per CPU second")),
        load.as_secs_f64() * 1000.0
    );
    let summary = json!({
        "suite": "parse",
        "tokens": tokens,
        "runs": runs,
        "tokens_per_s": tps.round(),
        "tokens_per_cpu_s": cpu_tps.map(f64::round),
        "load_ms": (load.as_secs_f64() * 10000.0).round() / 10.0,
    });
    Ok(Report { table, summary })
}
