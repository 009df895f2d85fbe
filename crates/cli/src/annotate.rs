//! Reading inputs and running the pipeline over them in parallel, in input order.
//!
//! A reader thread reads documents lazily (a file, a directory, a JSONL feed, stdin one line at
//! a time); each is annotated as its own job on rayon's pool as soon as it is read, and the
//! calling thread hands outcomes to the sink in the order the inputs were read, each as soon as
//! it and every input before it are done. At most [`window`] documents are in flight (read but
//! not yet handed on), so memory stays bounded however long the input is, and one slow document
//! holds up the output, never the workers.

use chrono::NaiveDate;
use dyad_core::{DocDate, Document, EventRecord};
use dyad_ingest::{Failure, Reason};
use dyad_pipeline::Pipeline;
use std::collections::BTreeMap;
use std::sync::mpsc;

/// A usage error found after argument parsing (a dictionary directory that cannot be used):
/// `main` exits with 2, as for an argument clap refuses.
#[derive(Debug)]
pub struct UsageError(pub anyhow::Error);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::error::Error for UsageError {}

/// The dictionary options of the commands that code (`code`, `ingest`, `watch`).
#[derive(clap::Args, Clone, Default)]
pub struct DictArgs {
    /// A directory of your own dictionaries, added to the shipped ones (your entry wins a
    /// conflict). Only files directly in DIR are read (not subdirectories; names starting with
    /// `.` are skipped), each recognised by its name: PETRARCH/TABARI `*verbs*` or
    /// `*verbpatterns*` (verb dictionary), `*actors*`, `*agents*`, `*discards*`, or dyad's own
    /// `countries.tsv`, `organizations.tsv`, `agents.tsv`, `people.tsv`, `offices.tsv`,
    /// `nominals.tsv`, `places.tsv`, `ner_cues.tsv`, `first_names.tsv`, `transforms.tsv`,
    /// `nouns.tsv`. Any other name, or a bad line, is a usage error (exit 2). See
    /// docs/dictionaries.md.
    #[arg(long, value_name = "DIR")]
    dictionaries: Option<std::path::PathBuf>,
    /// Use only the dictionaries of --dictionaries, not the shipped actor and verb
    /// dictionaries (the model, word lists and CAMEO table are still dyad's).
    #[arg(long, requires = "dictionaries")]
    no_default_dictionaries: bool,
}

impl DictArgs {
    /// The pipeline with these dictionaries. A dictionary directory that cannot be used is a
    /// [`UsageError`].
    pub fn pipeline(&self) -> anyhow::Result<Pipeline> {
        self.pipeline_with(|b| b)
    }

    /// [`DictArgs::pipeline`] with a further choice made on the builder (`--explain` parses
    /// every sentence).
    pub fn pipeline_with(
        &self,
        adjust: impl FnOnce(dyad_pipeline::PipelineBuilder) -> dyad_pipeline::PipelineBuilder,
    ) -> anyhow::Result<Pipeline> {
        let usage = |e: dyad_pipeline::PipelineError| anyhow::Error::new(UsageError(e.into()));
        let mut builder = adjust(Pipeline::builder());
        if let Some(dir) = &self.dictionaries {
            let dicts = dyad_pipeline::UserDictionaries::read_dir(dir)
                .map_err(|e| usage(dyad_pipeline::PipelineError::from(e)))?;
            builder = builder.dictionaries(dicts);
        }
        if self.no_default_dictionaries {
            builder = builder.without_default_dictionaries();
        }
        match builder.build() {
            Ok(p) => Ok(p),
            Err(e @ dyad_pipeline::PipelineError::Dictionary(_)) => Err(usage(e)),
            Err(e) => Err(e.into()),
        }
    }
}

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

/// Documents in flight at most: enough that every worker always has one to start when it
/// finishes (documents differ in length tenfold), few enough to keep memory small.
fn window() -> usize {
    rayon::current_num_threads() * 8
}

/// What the calling thread waits for: an input from the reader, the reader's end, or an
/// annotated document from a worker.
enum Message {
    Read(Box<Result<Document, Failure>>),
    End,
    Done(usize, Outcome),
}

/// Read `paths`, annotate every document, and hand each outcome to `sink` in input order.
/// `default_date` is given to documents that have no date of their own; documents for which
/// `is_known` is true are passed on unannotated. `is_known` and `sink` run on the calling
/// thread (the caller's store is not shared with the workers).
pub fn annotate_inputs(
    pipeline: &Pipeline,
    paths: &[String],
    default_date: Option<NaiveDate>,
    is_known: impl FnMut(&Document) -> bool,
    sink: impl FnMut(Outcome) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    annotate_inputs_except(pipeline, paths, default_date, None, is_known, sink)
}

/// Asks, on the reader thread, whether the caller has an input by its key
/// (`dyad_ingest::input_key`).
pub type KnownInput = Box<dyn FnMut(&str) -> bool + Send>;

/// [`annotate_inputs`] where the reader first asks `known_input` about each input's key and
/// passes over a known input unread (`Outcome::Known`): a restarted ingest skips what it
/// stored at the cost of reading the bytes.
pub fn annotate_inputs_except(
    pipeline: &Pipeline,
    paths: &[String],
    default_date: Option<NaiveDate>,
    known_input: Option<KnownInput>,
    mut is_known: impl FnMut(&Document) -> bool,
    mut sink: impl FnMut(Outcome) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let (tx, rx) = mpsc::channel::<Message>();
    // The reader takes a permit per document and the sink gives one back per outcome handed
    // on: the reader blocks while `window()` documents are in flight.
    let (permit_tx, permit_rx) = mpsc::sync_channel::<()>(window());
    let reader_tx = tx.clone();
    let owned: Vec<String> = paths.to_vec();
    // Not joined: when the sink fails the caller returns, and a reader blocked on stdin must not
    // keep it waiting; it ends when it next finds the channels closed.
    std::thread::spawn(move || {
        let items: Box<dyn Iterator<Item = Result<Document, Failure>>> = match known_input {
            Some(known) => Box::new(dyad_ingest::read_inputs_except(&owned, known)),
            None => Box::new(dyad_ingest::read_inputs(&owned)),
        };
        for item in items {
            if permit_tx.send(()).is_err() || reader_tx.send(Message::Read(Box::new(item))).is_err() {
                return;
            }
        }
        let _ = reader_tx.send(Message::End);
    });
    rayon::in_place_scope(|scope| {
        let mut read = 0usize;
        let mut written = 0usize;
        let mut reading = true;
        let mut done: BTreeMap<usize, Outcome> = BTreeMap::new();
        while reading || written < read {
            let Ok(message) = rx.recv() else { break };
            match message {
                Message::Read(item) => {
                    let index = read;
                    read += 1;
                    match *item {
                        Ok(doc) if is_known(&doc) => {
                            done.insert(index, Outcome::Known);
                        }
                        Ok(mut doc) => {
                            let tx = tx.clone();
                            scope.spawn(move |_| {
                                if doc.meta.date.is_none() {
                                    if let Some(date) = default_date {
                                        doc.meta.date =
                                            Some(DocDate { date, time: None, source: "cli".into() });
                                    }
                                }
                                let outcome = annotate_one(pipeline, doc);
                                let _ = tx.send(Message::Done(index, outcome));
                            });
                        }
                        Err(f) if f.reason.is_known() => {
                            done.insert(index, Outcome::Known);
                        }
                        Err(f) if f.reason.is_skip() => {
                            done.insert(index, Outcome::Skipped(f));
                        }
                        Err(f) => {
                            done.insert(index, Outcome::Failed(f));
                        }
                    }
                }
                Message::End => reading = false,
                Message::Done(index, outcome) => {
                    done.insert(index, outcome);
                }
            }
            while let Some(outcome) = done.remove(&written) {
                written += 1;
                let _ = permit_rx.try_recv();
                sink(outcome)?;
            }
        }
        Ok(())
    })
}

/// Annotate one document. A stage must never panic; if one does all the same, that document
/// fails alone with the reason (the others go on, and the run is not left waiting for it).
fn annotate_one(pipeline: &Pipeline, mut doc: Document) -> Outcome {
    let origin = doc.meta.origin.clone();
    let annotated = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        pipeline.annotate(&mut doc);
        let records = dyad_pipeline::records(&doc);
        (doc, records)
    }));
    match annotated {
        Ok((doc, records)) => Outcome::Coded(Box::new(doc), records),
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".into());
            let message = message.chars().take(200).collect();
            Outcome::Failed(Failure { origin, reason: Reason::Internal(message) })
        }
    }
}

/// A `--date` value (clap's value parser: a bad one is a usage error naming the option).
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| "expected a date as YYYY-MM-DD, e.g. 2024-11-02".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::{Layer, Stage};

    /// An nlp stage with a bug: it panics on a document that says PANIC.
    struct Fragile;

    impl Stage for Fragile {
        fn name(&self) -> &'static str {
            "nlp"
        }
        fn requires(&self) -> &'static [Layer] {
            &[Layer::Text]
        }
        fn provides(&self) -> &'static [Layer] {
            &[Layer::Sentences, Layer::Parse]
        }
        fn annotate(&self, doc: &mut Document) {
            assert!(!doc.text.contains("PANIC"), "a bug in a stage");
            dyad_nlp::text_layer(doc);
        }
    }

    #[test]
    fn a_stage_that_panics_fails_its_document_alone() {
        let pipeline = Pipeline::builder().nlp(Box::new(Fragile)).build().expect("pipeline");
        let dir = tempfile::tempdir().expect("temp dir");
        let names = ["a.txt", "b.txt", "c.txt"];
        for (name, text) in names.iter().zip(["Russia met China.", "PANIC here.", "Iran met Iraq."]) {
            std::fs::write(dir.path().join(name), text).expect("write");
        }
        let paths: Vec<String> = names.iter().map(|n| dir.path().join(n).display().to_string()).collect();
        let mut outcomes = Vec::new();
        annotate_inputs(
            &pipeline,
            &paths,
            None,
            |_| false,
            |o| {
                outcomes.push(o);
                Ok(())
            },
        )
        .expect("the run ends");
        assert_eq!(outcomes.len(), 3, "every document has an outcome, none is waited for");
        assert!(matches!(&outcomes[0], Outcome::Coded(..)));
        match &outcomes[1] {
            Outcome::Failed(f) => {
                assert!(f.origin.ends_with("b.txt"), "{}", f.origin);
                assert!(matches!(&f.reason, Reason::Internal(m) if m.contains("a bug in a stage")), "{f}");
            }
            _ => panic!("the document a stage panicked on failed"),
        }
        assert!(matches!(&outcomes[2], Outcome::Coded(..)));
    }
}
