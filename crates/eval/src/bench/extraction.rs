//! `dyad bench extraction`: article extraction speed, one thread, pages per second over the
//! article-extraction benchmark's pages (median of several runs). The pages are decompressed
//! into memory first; a run times everything from page bytes to a finished `Document`
//! (encoding detection, parsing, metadata, extraction, normalisation).
//!
//! The machine is shared, so besides wall-clock time each run also reads the thread's own CPU
//! time (Linux `/proc/thread-self/schedstat`), which other processes do not inflate.

use crate::bench::median;
use crate::bench::thread_cpu_seconds;
use crate::extraction::{extract_body, load};
use crate::{EvalError, Report};
use std::time::Instant;

/// Options of `dyad bench extraction`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The benchmark folder (default: `benchmarks/article-extraction` in the shared folder).
    pub(crate) path: Option<std::path::PathBuf>,
    /// Number of timed runs; the median is reported.
    #[arg(long, default_value_t = 5)]
    pub(crate) runs: usize,
}

/// Time article extraction over the benchmark's pages (pages per second).
pub fn run(args: &Args) -> Result<Report, EvalError> {
    let dir = args
        .path
        .clone()
        .unwrap_or_else(|| dyad_core::testdata::shared_dir().join("benchmarks/article-extraction"));
    let pages = load(&dir)?;
    let bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    let mut rates = Vec::new();
    let mut cpu_rates = Vec::new();
    let mut table = String::new();
    for run in 0..args.runs.max(1) {
        let cpu_start = thread_cpu_seconds();
        let start = Instant::now();
        let mut chars = 0usize;
        for page in &pages {
            chars += extract_body(page).len();
        }
        let seconds = start.elapsed().as_secs_f64();
        let cpu = thread_cpu_seconds().zip(cpu_start).map(|(end, start)| end - start);
        let rate = pages.len() as f64 / seconds;
        table.push_str(&format!(
            "run {}: {:.3} s wall, {rate:.0} pages/s, {:.1} MB/s ({chars} body bytes)",
            run + 1,
            seconds,
            bytes as f64 / 1e6 / seconds
        ));
        if let Some(cpu) = cpu.filter(|&c| c > 0.0) {
            table.push_str(&format!("; {cpu:.3} s CPU, {:.0} pages/s", pages.len() as f64 / cpu));
            cpu_rates.push(pages.len() as f64 / cpu);
        }
        table.push('\n');
        rates.push(rate);
    }
    let cpu_pages_per_s = (!cpu_rates.is_empty()).then(|| median(&mut cpu_rates).round());
    let pages_per_s = median(&mut rates);
    let mb_per_s = pages_per_s * bytes as f64 / pages.len() as f64 / 1e6;
    table.push_str(&format!(
        "{} pages, {:.1} MB of HTML: median {pages_per_s:.0} pages/s wall ({mb_per_s:.1} MB/s), {} pages/s of thread CPU time; one thread\n",
        pages.len(),
        bytes as f64 / 1e6,
        cpu_pages_per_s.map_or("n/a".to_string(), |r| format!("{r:.0}"))
    ));
    let summary = serde_json::json!({
        "pages": pages.len(),
        "runs": rates.len(),
        "pages_per_s": pages_per_s.round(),
        "cpu_pages_per_s": cpu_pages_per_s,
        "mb_per_s": (mb_per_s * 10.0).round() / 10.0,
    });
    Ok(Report { table, summary })
}
