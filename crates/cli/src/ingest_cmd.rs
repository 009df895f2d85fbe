//! `dyad ingest`: annotate inputs and store documents, events and failures.

use crate::annotate::{annotate_inputs_except, parse_date, DictArgs, KnownInput, Outcome};
use crate::DbArg;
use anyhow::Context as _;
use dyad_store::{Added, Store};
use std::io::IsTerminal;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Files, directories, JSONL feeds, or - for standard input.
    #[arg(required = true)]
    inputs: Vec<String>,
    /// Publication date (YYYY-MM-DD) for documents that carry none.
    #[arg(long, value_parser = parse_date)]
    date: Option<chrono::NaiveDate>,
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    dicts: DictArgs,
}

/// What an ingest did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub added: usize,
    pub already: usize,
    pub failed: usize,
    /// Entries a directory walk passed over on purpose (link loops, named pipes): recorded
    /// with the failures, but they do not fail the run.
    pub skipped: usize,
    pub events: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let date = args.date;
    let path = args.db.path();
    let pipeline = args.dicts.pipeline()?;
    let mut store = Store::open(&path).with_context(|| format!("opening the database {}", path.display()))?;
    // A second connection, for the reader thread to ask which inputs are stored already.
    let lookup = Store::open_read_only(&path).ok();
    let summary = ingest(&mut store, lookup, &pipeline, &args.inputs, date, std::io::stderr().is_terminal())?;
    let skipped = if summary.skipped > 0 { format!(", {} skipped", summary.skipped) } else { String::new() };
    eprintln!(
        "{} added ({} events), {} already stored, {} failed{skipped}  [{}]",
        summary.added,
        summary.events,
        summary.already,
        summary.failed,
        path.display()
    );
    Ok(if summary.failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Ingest `inputs` into `store`; a progress spinner on stderr when `progress` is set.
/// `lookup`, a second connection to the same store, lets the reader pass over inputs whose
/// bytes were stored before without extracting them again.
pub fn ingest(
    store: &mut Store,
    lookup: Option<Store>,
    pipeline: &dyad_pipeline::Pipeline,
    inputs: &[String],
    date: Option<chrono::NaiveDate>,
    progress: bool,
) -> anyhow::Result<Summary> {
    let bar = if progress { indicatif::ProgressBar::new_spinner() } else { indicatif::ProgressBar::hidden() };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {elapsed} {pos} documents {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    let mut summary = Summary::default();
    // The store is needed both to ask what is known and to write; a RefCell lets the two
    // closures share it (they never run at the same time).
    let store = std::cell::RefCell::new(store);
    let is_known = |doc: &dyad_core::Document| {
        let mut store = store.borrow_mut();
        let known = store.has_document(&doc.id).unwrap_or(false);
        if let (true, Some(key)) = (known, &doc.meta.input_key) {
            // Stored from other bytes, or before inputs had keys: next time the key will do.
            let _ = store.remember_input(key, &doc.id);
        }
        known
    };
    let known_input =
        lookup.map(|lookup| -> KnownInput { Box::new(move |key| lookup.has_input(key).unwrap_or(false)) });
    annotate_inputs_except(pipeline, inputs, date, known_input, is_known, |outcome| {
        let mut store = store.borrow_mut();
        match outcome {
            Outcome::Coded(doc, records) => {
                for w in &doc.warnings {
                    bar.suspend(|| eprintln!("dyad: {}: {w}", doc.meta.origin));
                }
                match store.add_document(&doc, &records)? {
                    Added::New => {
                        summary.added += 1;
                        summary.events += records.len();
                    }
                    Added::AlreadyStored => summary.already += 1,
                }
            }
            Outcome::Known => summary.already += 1,
            Outcome::Failed(f) => {
                summary.failed += 1;
                bar.suspend(|| eprintln!("dyad: {}: {}", f.origin, f.reason));
                store.add_failure(&f.origin, &f.reason.to_string())?;
            }
            Outcome::Skipped(f) => {
                summary.skipped += 1;
                bar.suspend(|| eprintln!("dyad: warning: {}: {}", f.origin, f.reason));
                // Kept where failures are, so a run's record says what it did not read; the
                // reason starts with "skipped:".
                store.add_failure(&f.origin, &f.reason.to_string())?;
            }
        }
        bar.inc(1);
        bar.set_message(format!("({} failed)", summary.failed));
        Ok(())
    })?;
    bar.finish_and_clear();
    Ok(summary)
}
