//! `dyad eval extraction DIR`: article-body extraction scored against the article-extraction
//! benchmark (`DIR/html/<id>.html.gz` and `DIR/ground-truth.json`), with the benchmark's own
//! metric.
//!
//! The metric: tokens are `\w+` runs (Unicode, case kept); shingles are overlapping 4-grams
//! (a text under 4 tokens is one shingle); per page, tp/fp/fn come from the shingle multisets;
//! precision is the mean of tp/(tp+fp) over pages with tp+fp > 0, recall the mean of
//! tp/(tp+fn) over pages with tp+fn > 0, and F1 = 2PR/(P+R) of the two means.
//!
//! The prediction is [`dyad_ingest::body_text`]: lede and body, without headline, byline,
//! captions or appended commentary, as the benchmark's hand-made bodies are.

use crate::{EvalError, Report};
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Options of `dyad eval extraction`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The benchmark folder (with `html/` and `ground-truth.json`).
    pub(crate) path: PathBuf,
    /// List this many worst pages (by F1) in the table.
    #[arg(long, default_value_t = 10)]
    pub(crate) worst: usize,
    /// Print the extracted body of the page with this id (or id prefix) and exit.
    #[arg(long)]
    pub(crate) show: Option<String>,
    /// Write each page's extracted body to DIR/ID.txt, to compare with the ground truth.
    #[arg(long)]
    pub(crate) dump: Option<PathBuf>,
}

/// One benchmark page: its id, URL, raw (decompressed) HTML and the expected body.
pub(crate) struct Page {
    pub(crate) id: String,
    pub(crate) url: String,
    pub(crate) html: Vec<u8>,
    pub(crate) expected: String,
}

/// Load every page of the benchmark into memory (about 31 MB of HTML).
pub(crate) fn load(dir: &Path) -> Result<Vec<Page>, EvalError> {
    let truth_path = dir.join("ground-truth.json");
    let truth = std::fs::read_to_string(&truth_path).map_err(EvalError::read(&truth_path))?;
    let truth: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&truth)
        .map_err(|source| EvalError::Json { path: truth_path.clone(), source })?;
    let mut pages = Vec::with_capacity(truth.len());
    for (id, entry) in truth {
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let file = std::fs::File::open(&path).map_err(EvalError::read(&path))?;
        let mut html = Vec::new();
        flate2::read::GzDecoder::new(file).read_to_end(&mut html).map_err(EvalError::read(&path))?;
        let field = |k: &str| entry.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
        pages.push(Page { id, url: field("url"), expected: field("articleBody"), html });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

/// The extracted body of one page, as scored.
pub(crate) fn extract_body(page: &Page) -> String {
    let given = dyad_ingest::Given { url: Some(page.url.clone()), ..Default::default() };
    match dyad_ingest::article_from_html(&page.html, &page.id, &given) {
        Ok(article) => dyad_ingest::body_text(&article.document),
        Err(_) => String::new(),
    }
}

/// `\w+` tokens: runs of Unicode letters, digits and `_`. (Python's `\w` leaves out the few
/// combining marks that Unicode counts as alphabetic; they are rare in news text.)
pub(crate) fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// The multiset of 4-token shingles (one shingle of all tokens when there are fewer than 4).
fn shingles<'a>(tokens: &[&'a str]) -> HashMap<Vec<&'a str>, u32> {
    let mut out = HashMap::new();
    if tokens.is_empty() {
        return out;
    }
    if tokens.len() < 4 {
        *out.entry(tokens.to_vec()).or_default() += 1;
        return out;
    }
    for w in tokens.windows(4) {
        *out.entry(w.to_vec()).or_default() += 1;
    }
    out
}

/// (tp, fp, fn) of predicted against expected shingles.
pub(crate) fn counts(predicted: &str, expected: &str) -> (u32, u32, u32) {
    let p_tokens = tokens(predicted);
    let e_tokens = tokens(expected);
    let p = shingles(&p_tokens);
    let e = shingles(&e_tokens);
    let mut tp = 0;
    for (s, &n) in &p {
        tp += n.min(e.get(s).copied().unwrap_or(0));
    }
    let p_total: u32 = p.values().sum();
    let e_total: u32 = e.values().sum();
    (tp, p_total - tp, e_total - tp)
}

/// Precision, recall and F1 over per-page counts, as the benchmark averages them.
pub(crate) fn score(per_page: &[(u32, u32, u32)]) -> (f64, f64, f64) {
    let mean = |v: Vec<f64>| if v.is_empty() { 0.0 } else { v.iter().sum::<f64>() / v.len() as f64 };
    let precision = mean(
        per_page.iter().filter(|c| c.0 + c.1 > 0).map(|&(tp, fp, _)| tp as f64 / (tp + fp) as f64).collect(),
    );
    let recall = mean(
        per_page
            .iter()
            .filter(|c| c.0 + c.2 > 0)
            .map(|&(tp, _, fn_)| tp as f64 / (tp + fn_) as f64)
            .collect(),
    );
    let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
    (precision, recall, f1)
}

/// Score article-body extraction over the benchmark's pages: token-shingle precision, recall and F1, with the worst pages listed.
pub fn run(args: &Args) -> Result<Report, EvalError> {
    let pages = load(&args.path)?;
    if let Some(id) = &args.show {
        let page = pages
            .iter()
            .find(|p| p.id.starts_with(id.as_str()))
            .ok_or_else(|| EvalError::NoSuchItem { what: "page", id: id.clone() })?;
        let body = extract_body(page);
        let (tp, fp, fn_) = counts(&body, &page.expected);
        let table = format!(
            "{} {}\ntp {tp} fp {fp} fn {fn_}\n--- extracted ---\n{body}\n--- expected ---\n{}\n",
            page.id, page.url, page.expected
        );
        return Ok(Report { table, summary: serde_json::json!({"tp": tp, "fp": fp, "fn": fn_}) });
    }
    let start = Instant::now();
    let bodies: Vec<String> = pages.iter().map(extract_body).collect();
    let seconds = start.elapsed().as_secs_f64();
    if let Some(dir) = &args.dump {
        std::fs::create_dir_all(dir).map_err(|source| EvalError::Write { path: dir.clone(), source })?;
        for (page, body) in pages.iter().zip(&bodies) {
            let path = dir.join(format!("{}.txt", page.id));
            std::fs::write(&path, body).map_err(|source| EvalError::Write { path: path.clone(), source })?;
        }
    }
    let per_page: Vec<(u32, u32, u32)> =
        pages.iter().zip(&bodies).map(|(p, b)| counts(b, &p.expected)).collect();
    let (precision, recall, f1) = score(&per_page);
    let mut table = String::new();
    let page_f1 = |&(tp, fp, fn_): &(u32, u32, u32)| {
        if tp == 0 {
            0.0
        } else {
            2.0 * tp as f64 / (2 * tp + fp + fn_) as f64
        }
    };
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by(|&a, &b| page_f1(&per_page[a]).total_cmp(&page_f1(&per_page[b])));
    if args.worst > 0 {
        table.push_str("worst pages (f1  tp  fp  fn  id  url):\n");
        for &i in order.iter().take(args.worst) {
            let (tp, fp, fn_) = per_page[i];
            let f = page_f1(&per_page[i]);
            table.push_str(&format!("  {f:.3} {tp:6} {fp:6} {fn_:6}  {}  {}\n", pages[i].id, pages[i].url));
        }
    }
    table.push_str(&format!(
        "pages {}  precision {precision:.4}  recall {recall:.4}  F1 {f1:.4}  ({:.0} pages/s incl. decoding)\n",
        pages.len(),
        pages.len() as f64 / seconds
    ));
    let summary = serde_json::json!({
        "f1": round4(f1),
        "precision": round4(precision),
        "recall": round4(recall),
        "pages": pages.len(),
        "pages_per_s": (pages.len() as f64 / seconds).round(),
    });
    Ok(Report { table, summary })
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_follows_the_benchmark() {
        assert_eq!(tokens("It’s 3 o'clock, naïve_x 서울"), ["It", "s", "3", "o", "clock", "naïve_x", "서울"]);
        assert_eq!(counts("a b c d e", "a b c d e"), (2, 0, 0));
        assert_eq!(counts("a b c d e f", "a b c d e"), (2, 1, 0));
        assert_eq!(counts("a b", "a b"), (1, 0, 0));
        assert_eq!(counts("", "a b c d"), (0, 0, 1));
        let (p, r, f) = score(&[(2, 0, 0), (0, 0, 1)]);
        assert_eq!((p, r), (1.0, 0.5));
        assert!((f - 2.0 / 3.0).abs() < 1e-9);
    }

    /// A benchmark laid out with ids of any length (one byte, long, non-ASCII) is scored
    /// without panicking, and the worst-pages table prints each id whole.
    #[test]
    fn any_id_length_is_scored_and_printed_whole() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("html")).unwrap();
        let long = "a-page-id-well-over-twelve-bytes-long";
        let ids = ["7", "ab", "é", long];
        let mut truth = serde_json::Map::new();
        for id in ids {
            let body = format!("The council of {id} met on Monday and agreed to a new budget for the year.");
            let html = format!(
                "<html><head><title>T</title></head><body><article><p>{body}</p></article></body></html>"
            );
            let file = std::fs::File::create(dir.path().join("html").join(format!("{id}.html.gz"))).unwrap();
            let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
            gz.write_all(html.as_bytes()).unwrap();
            gz.finish().unwrap();
            truth.insert(id.to_string(), serde_json::json!({"url": "", "articleBody": body}));
        }
        std::fs::write(dir.path().join("ground-truth.json"), serde_json::Value::Object(truth).to_string())
            .unwrap();
        let args = Args { path: dir.path().to_path_buf(), worst: 10, show: None, dump: None };
        let report = run(&args).unwrap();
        let listed: Vec<&str> = report
            .table
            .lines()
            .skip(1)
            .take(ids.len())
            .filter_map(|l| l.split_whitespace().nth(4))
            .collect();
        let mut expected: Vec<&str> = ids.to_vec();
        expected.sort();
        let mut listed_sorted = listed.clone();
        listed_sorted.sort();
        assert_eq!(listed_sorted, expected, "{}", report.table);
        assert_eq!(report.summary["pages"], 4);
        let shown = run(&Args { show: Some("7".into()), ..args }).unwrap();
        assert!(shown.table.starts_with("7 "), "{}", shown.table);
    }

    /// We measure 0.975 (0.974 before comment, gallery and `<br>` handling) and hold the line
    /// at 0.974, the bar of the extraction issue: a change that gives any of it back fails here.
    #[test]
    fn benchmark_f1_stays_above_the_bar() {
        let Some(dir) = dyad_core::testdata::shared_path("benchmarks/article-extraction") else {
            return;
        };
        let pages = load(&dir).unwrap();
        let per_page: Vec<_> = pages.iter().map(|p| counts(&extract_body(p), &p.expected)).collect();
        let (_, _, f1) = score(&per_page);
        assert!(f1 >= 0.974, "F1 {f1:.4} below 0.974");
    }
}
