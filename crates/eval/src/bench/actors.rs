//! `dyad bench actors [PATH]`: actor recognition speed (MB/s, one thread, the full shipped
//! dictionary, recognition + composition + coreference) and dictionary load time; medians of
//! `--runs` runs.
//!
//! The machine is shared, so besides wall-clock time the rate is computed from the thread's
//! own CPU time (Linux `/proc/thread-self/schedstat`), which other processes do not inflate;
//! `mb_per_s` is that figure where available, `mb_per_s_wall` the wall-clock one.
//!
//! PATH is a text file or a directory of `.txt` / CoNLL files (each file or CoNLL document is
//! one document). Without PATH the seed article and the wikigold and re3d texts from the shared
//! reference folder are used. The corpus is repeated to at least `--min-mb` per run so that
//! timer noise does not dominate.

use crate::bench::median;
use crate::bench::thread_cpu_seconds;
use crate::{EvalError, Report};
use dyad_actors::ActorTagger;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Options of `dyad bench actors`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Input file or directory.
    pub(crate) path: Option<std::path::PathBuf>,
    /// Number of timed runs; the median is reported.
    #[arg(long, default_value_t = 5)]
    pub(crate) runs: usize,
    /// Minimum megabytes of text per timed run (the corpus is repeated).
    #[arg(long, default_value_t = 4.0)]
    pub(crate) min_mb: f64,
}

fn read_docs(path: &Path, out: &mut Vec<String>) -> Result<(), EvalError> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(EvalError::read(path))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for p in entries {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if p.is_dir() || name.ends_with(".txt") || name.ends_with(".conll") {
                read_docs(&p, out)?;
            }
        }
        return Ok(());
    }
    let text = std::fs::read_to_string(path).map_err(EvalError::read(path))?;
    let name = path.to_string_lossy();
    if name.ends_with(".conll") || name.ends_with(".conll.txt") {
        out.extend(crate::ner::parse_conll(&text).into_iter().map(|d| d.text));
    } else {
        out.push(text);
    }
    Ok(())
}

/// Time actor recognition (MB per second) and the loading of the actor dictionaries.
pub fn run(args: &Args) -> Result<Report, EvalError> {
    let mut docs = Vec::new();
    match &args.path {
        Some(p) => read_docs(p, &mut docs)?,
        None => {
            let shared = dyad_core::testdata::shared_dir();
            for rel in ["examples/seed/article.txt", "reference/ner/wikigold", "reference/ner/re3d"] {
                let p = shared.join(rel);
                if p.exists() {
                    read_docs(&p, &mut docs)?;
                }
            }
        }
    }
    let bytes_once: usize = docs.iter().map(String::len).sum();
    if bytes_once == 0 {
        return Err(EvalError::MissingReference { what: "text" });
    }
    let runs = args.runs.max(1);

    let mut loads = Vec::new();
    let mut cpu_loads = Vec::new();
    let mut tagger = None;
    for _ in 0..runs {
        let cpu = thread_cpu_seconds();
        let t = Instant::now();
        let loaded = ActorTagger::load_default().map_err(EvalError::load("the actor dictionaries"))?;
        loads.push(t.elapsed().as_secs_f64() * 1000.0);
        if let (Some(a), Some(b)) = (cpu, thread_cpu_seconds()) {
            cpu_loads.push((b - a) * 1000.0);
        }
        tagger = Some(loaded);
    }
    let tagger = tagger.expect("at least one run");

    let repeats = ((args.min_mb * 1e6) / bytes_once as f64).ceil().max(1.0) as usize;
    let bytes = bytes_once * repeats;
    let mut rates = Vec::new();
    let mut cpu_rates = Vec::new();
    let mut mentions = 0usize;
    for _ in 0..runs {
        let cpu = thread_cpu_seconds();
        let t = Instant::now();
        let mut n = 0usize;
        for _ in 0..repeats {
            for d in &docs {
                n += tagger.mentions(d, None, &[]).len();
            }
        }
        let secs = t.elapsed().as_secs_f64();
        rates.push(bytes as f64 / 1e6 / secs);
        if let (Some(a), Some(b)) = (cpu, thread_cpu_seconds()) {
            cpu_rates.push(bytes as f64 / 1e6 / (b - a).max(1e-9));
        }
        mentions = n;
    }
    let load_ms = median(&mut loads);
    let load_cpu_ms = if cpu_loads.is_empty() { load_ms } else { median(&mut cpu_loads) };
    let wall = median(&mut rates);
    let mb_s = if cpu_rates.is_empty() { wall } else { median(&mut cpu_rates) };
    let table = format!(
        "dictionary: {} surface forms, loaded in {load_ms:.1} ms wall clock, {load_cpu_ms:.1} ms thread CPU (medians of {runs})\n\
         recognition: {mb_s:.1} MB/s of thread CPU time, {wall:.1} MB/s wall clock, one thread \
         (medians of {runs}; {:.1} MB per run, {} documents x {repeats}, {} mentions)\n",
        tagger.surface_forms(),
        bytes as f64 / 1e6,
        docs.len(),
        mentions
    );
    let summary = serde_json::json!({
        "suite": "actors",
        "runs": runs,
        "documents": docs.len(),
        "bytes_per_run": bytes,
        "surface_forms": tagger.surface_forms(),
        "load_ms": load_ms,
        "load_cpu_ms": load_cpu_ms,
        "mb_per_s": mb_s,
        "mb_per_s_wall": wall,
    });
    Ok(Report { table, summary })
}
