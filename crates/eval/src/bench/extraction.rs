//! `dyad bench extraction`: article extraction speed, one thread, pages per second over the
//! article-extraction benchmark's pages (median of several runs). The pages are decompressed
//! into memory first; a run times everything from page bytes to a finished `Document`
//! (encoding detection, parsing, metadata, extraction, normalisation).

use crate::bench::median;
use crate::extraction::{extract_body, load};
use crate::Report;
use std::time::Instant;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The benchmark folder (default: `benchmarks/article-extraction` in the shared folder).
    pub path: Option<std::path::PathBuf>,
    /// Number of timed runs; the median is reported.
    #[arg(long, default_value_t = 5)]
    pub runs: usize,
}

pub fn run(args: &Args) -> Result<Report, String> {
    let dir = args
        .path
        .clone()
        .unwrap_or_else(|| dyad_core::testdata::shared_dir().join("benchmarks/article-extraction"));
    let pages = load(&dir)?;
    let bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    let mut rates = Vec::new();
    let mut table = String::new();
    for run in 0..args.runs.max(1) {
        let start = Instant::now();
        let mut chars = 0usize;
        for page in &pages {
            chars += extract_body(page).len();
        }
        let seconds = start.elapsed().as_secs_f64();
        let rate = pages.len() as f64 / seconds;
        table.push_str(&format!(
            "run {}: {:.3} s, {rate:.0} pages/s, {:.1} MB/s ({chars} body bytes)\n",
            run + 1,
            seconds,
            bytes as f64 / 1e6 / seconds
        ));
        rates.push(rate);
    }
    let pages_per_s = median(&mut rates);
    let mb_per_s = pages_per_s * bytes as f64 / pages.len() as f64 / 1e6;
    table.push_str(&format!(
        "{} pages, {:.1} MB of HTML: median {pages_per_s:.0} pages/s ({mb_per_s:.1} MB/s), one thread\n",
        pages.len(),
        bytes as f64 / 1e6
    ));
    let summary = serde_json::json!({
        "pages": pages.len(),
        "runs": rates.len(),
        "pages_per_s": pages_per_s.round(),
        "mb_per_s": (mb_per_s * 10.0).round() / 10.0,
    });
    Ok(Report { table, summary })
}
