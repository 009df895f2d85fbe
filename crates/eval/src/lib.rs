//! Scorers for each layer against public benchmarks (`dyad eval SUITE`), and speed benchmarks
//! (`dyad bench SUITE`).
//!
//! Each suite is one module with an `Args` struct (its command-line options, parsed by clap in
//! the CLI) and a `run` function returning a [`Report`]: a human-readable table and one JSON
//! summary that the CLI prints as the last line.

pub mod bench;
pub mod extraction;
pub mod ner;
pub mod news;
pub mod parse;
pub mod petrarch;
pub mod plv;
pub mod quotes;
pub mod timex;

/// What a scorer or benchmark prints: a table for people, then one JSON line for scripts.
#[derive(Debug, Clone)]
pub struct Report {
    pub table: String,
    pub summary: serde_json::Value,
}
