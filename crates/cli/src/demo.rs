//! `dyad demo`: the whole pipeline on the small corpus compiled into the binary
//! (`data/demo/articles.jsonl`, invented articles written for dyad), then relation reports for
//! the country pairs with the most events.

use crate::ingest_cmd::ingest;
use crate::query_cmd::relation_report;
use anyhow::Context as _;
use dyad_store::{EventFilter, Period, Store};
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

const CORPUS: &str = include_str!("../../../data/demo/articles.jsonl");

#[derive(clap::Args)]
pub struct Args {
    /// Keep the demo database here instead of a temporary file.
    #[arg(long)]
    db: Option<PathBuf>,
    /// How many country pairs to report.
    #[arg(long, default_value_t = 4)]
    pairs: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dir = tempfile::tempdir().context("cannot create a temporary folder")?;
    let corpus = dir.path().join("demo-articles.jsonl");
    std::fs::write(&corpus, CORPUS).with_context(|| format!("writing {}", corpus.display()))?;
    let db = args.db.clone().unwrap_or_else(|| dir.path().join("demo.db"));
    let mut store = Store::open(&db)?;
    let pipeline = dyad_pipeline::Pipeline::load()?;
    let summary = ingest(&mut store, None, &pipeline, &[corpus.display().to_string()], None, false)?;
    let mut report = format!(
        "dyad demo: {} articles coded, {} events, {} already stored, {} failed\n",
        summary.added, summary.events, summary.already, summary.failed
    );
    if args.db.is_some() {
        report.push_str(&format!("database: {} (try `dyad events --db {}`)\n", db.display(), db.display()));
    }
    report.push('\n');
    let events = store.events(&EventFilter::default())?;
    let mut pairs: HashMap<(String, String), usize> = HashMap::new();
    for e in &events {
        let Some(t) = &e.target else { continue };
        let (a, b) = if e.source.country <= t.country {
            (e.source.country.clone(), t.country.clone())
        } else {
            (t.country.clone(), e.source.country.clone())
        };
        *pairs.entry((a, b)).or_default() += 1;
    }
    let mut pairs: Vec<_> = pairs.into_iter().collect();
    pairs.sort_by(|(pa, na), (pb, nb)| nb.cmp(na).then(pa.cmp(pb)));
    if pairs.is_empty() {
        report.push_str("no events between two actors were coded\n");
    }
    let top = pairs.first().map(|(p, _)| p.clone());
    for ((a, b), _) in pairs.into_iter().take(args.pairs) {
        report.push_str(&relation_report(&store, &a, &b, Period::Month, false)?);
        report.push('\n');
    }
    if let Some((a, b)) = top {
        report.push_str(&sample_events(&events, &a, &b));
    }
    report.push_str(&match &args.db {
        Some(_) => format!("See it in a browser: dyad serve --db {}   (then open http://127.0.0.1:8080/)\n", db.display()),
        None => "See it in a browser: dyad demo --db demo.db, then dyad serve --db demo.db and open http://127.0.0.1:8080/\n"
            .to_string(),
    });
    crate::write_stdout(&report)?;
    Ok(if summary.failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Three events of the pair `a`–`b` as a reader sees them: label, status, speaker, evidence;
/// one reported (with its speaker) where there is one, the others asserted.
fn sample_events(events: &[dyad_core::EventRecord], a: &str, b: &str) -> String {
    let of_pair: Vec<&dyad_core::EventRecord> = events
        .iter()
        .filter(|e| {
            e.target.as_ref().is_some_and(|t| {
                (e.source.country == a && t.country == b) || (e.source.country == b && t.country == a)
            })
        })
        .collect();
    let mut chosen: Vec<&dyad_core::EventRecord> = Vec::new();
    if let Some(r) = of_pair.iter().find(|e| e.status == "reported" && e.attributed_to.is_some()) {
        chosen.push(r);
    }
    for e in &of_pair {
        if chosen.len() >= 3 {
            break;
        }
        if !chosen.iter().any(|c| c.event_id == e.event_id) && e.status == "asserted" {
            chosen.push(e);
        }
    }
    let mut s = format!("Events behind {a} ↔ {b}, as stored (each with its evidence):\n");
    for e in chosen {
        s.push_str(&format!(
            "  {}  [{}]{}  {}\n      “{}”\n",
            e.date.as_deref().unwrap_or("undated"),
            e.status,
            e.attributed_to.as_ref().map(|w| format!(" according to {w}")).unwrap_or_default(),
            dyad_serve::labels::event_label(e),
            e.evidence
        ));
    }
    s.push('\n');
    s
}
