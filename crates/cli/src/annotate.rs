//! Reading inputs and running the pipeline over them in parallel, in input order.
//!
//! Documents are read lazily and annotated in batches on rayon's pool; results come back in
//! the order the inputs were read, so output and store contents do not depend on scheduling.

use chrono::NaiveDate;
use dyad_core::{DocDate, Document, EventRecord};
use dyad_ingest::Failure;
use dyad_pipeline::Pipeline;
use rayon::prelude::*;

/// Documents annotated per batch: enough to keep every core busy, small enough to stream.
const BATCH: usize = 64;

/// One input's outcome.
pub enum Outcome {
    Coded(Box<Document>, Vec<EventRecord>),
    /// The caller already has this document (by content hash); it was not annotated again.
    Known,
    Failed(Failure),
    /// An entry a directory walk passed over on purpose (a link loop, a named pipe): a
    /// warning, not a failure.
    Skipped(Failure),
}

/// Read `paths`, annotate every document, and hand each outcome to `sink` in input order.
/// `default_date` is given to documents that have no date of their own; documents for which
/// `is_known` is true are passed on unannotated.
pub fn annotate_inputs(
    pipeline: &Pipeline,
    paths: &[String],
    default_date: Option<NaiveDate>,
    mut is_known: impl FnMut(&Document) -> bool,
    mut sink: impl FnMut(Outcome) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut inputs = dyad_ingest::read_inputs(paths).peekable();
    while inputs.peek().is_some() {
        // Asked here, in input order on this thread: the caller's store is not shared with rayon.
        let batch: Vec<_> = inputs
            .by_ref()
            .take(BATCH)
            .map(|item| {
                let known = matches!(&item, Ok(doc) if is_known(doc));
                (item, known)
            })
            .collect();
        let outcomes: Vec<Outcome> = batch
            .into_par_iter()
            .map(|(item, known)| match item {
                Ok(_) if known => Outcome::Known,
                Ok(mut doc) => {
                    if doc.meta.date.is_none() {
                        if let Some(date) = default_date {
                            doc.meta.date = Some(DocDate { date, time: None, source: "cli".into() });
                        }
                    }
                    pipeline.annotate(&mut doc);
                    let records = dyad_pipeline::records(&doc);
                    Outcome::Coded(Box::new(doc), records)
                }
                Err(f) if f.reason.is_skip() => Outcome::Skipped(f),
                Err(f) => Outcome::Failed(f),
            })
            .collect();
        for outcome in outcomes {
            sink(outcome)?;
        }
    }
    Ok(())
}

/// A `--date` value (clap's value parser: a bad one is a usage error naming the option).
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| "expected a date as YYYY-MM-DD, e.g. 2024-11-02".into())
}
