//! `dyad eval`, `dyad bench` and `dyad train`: thin wrappers over `dyad-eval` and `dyad-nlp`.

use anyhow::Context as _;
use clap::Subcommand;
use dyad_eval::{bench, EvalError, Report};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum EvalSuite {
    /// POS tagging and dependency parsing against a CoNLL-U file.
    Parse(dyad_eval::parse::Args),
    /// Article extraction against the article-extraction benchmark.
    Extraction(dyad_eval::extraction::Args),
    /// Time expressions against TE3-platinum, MEANTIME, WikiWars or the seed cases.
    Timex(dyad_eval::timex::Args),
    /// Named-entity spans (PER/ORG/LOC) against wikigold or re3d.
    Ner(dyad_eval::ner::Args),
    /// Quotes and speakers against a JSONL case file.
    Quotes(dyad_eval::quotes::Args),
    /// Event coding against a PETRARCH-style validation file.
    Petrarch(dyad_eval::petrarch::Args),
    /// Event categories and actors on real news sentences against the PLV file.
    Plv(dyad_eval::plv::Args),
    /// Events on real news articles against dyad's annotated development set.
    News(dyad_eval::news::Args),
}

#[derive(Subcommand)]
pub enum BenchSuite {
    /// Split + tag + parse over raw text, and model load time.
    Parse(bench::parse::Args),
    /// Article extraction, pages per second.
    Extraction(bench::extraction::Args),
    /// Actor recognition, MB per second, and dictionary load time.
    Actors(bench::actors::Args),
    /// Time expression tagging, MB per second.
    Time(bench::time::Args),
    /// Text to events with the whole pipeline, sentences per second.
    Code(bench::code::Args),
}

#[derive(Subcommand)]
pub enum TrainWhat {
    /// Train the POS tagger and dependency parser.
    Parser {
        /// Training treebanks (CoNLL-U, optionally .gz), comma-separated.
        #[arg(long, value_delimiter = ',', required = true)]
        train: Vec<PathBuf>,
        /// Development treebanks, comma-separated: scored after each parser epoch; the LSTM
        /// parser keeps the epoch with the best mean LAS over them.
        #[arg(long, value_delimiter = ',')]
        dev: Vec<PathBuf>,
        /// Output model file.
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        epochs: Option<usize>,
        /// Parser scorer.
        #[arg(long, value_enum, default_value_t = Arch::Lstm)]
        arch: Arch,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Arch {
    /// A bidirectional LSTM and a feed-forward network (the shipped parser).
    Lstm,
    /// Sparse features and an averaged perceptron: quicker to train, about 2.5 UAS less accurate.
    Perceptron,
}

fn print(report: Result<Report, EvalError>) -> anyhow::Result<ExitCode> {
    use std::io::Write;
    let report = report?;
    let mut out = std::io::stdout().lock();
    let newline = if !report.table.is_empty() && !report.table.ends_with('\n') { "\n" } else { "" };
    match writeln!(out, "{}{newline}{}", report.table, report.summary) {
        // `dyad eval … | head` closing the pipe early is not an error.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e).context("writing output"),
        _ => Ok(ExitCode::SUCCESS),
    }
}

pub fn eval(suite: EvalSuite) -> anyhow::Result<ExitCode> {
    print(match suite {
        EvalSuite::Parse(a) => dyad_eval::parse::run(&a),
        EvalSuite::Extraction(a) => dyad_eval::extraction::run(&a),
        EvalSuite::Timex(a) => dyad_eval::timex::run(&a),
        EvalSuite::Ner(a) => dyad_eval::ner::run(&a),
        EvalSuite::Quotes(a) => dyad_eval::quotes::run(&a),
        EvalSuite::Petrarch(a) => dyad_eval::petrarch::run(&a),
        EvalSuite::Plv(a) => dyad_eval::plv::run(&a),
        EvalSuite::News(a) => dyad_eval::news::run(&a),
    })
}

pub fn bench(suite: BenchSuite) -> anyhow::Result<ExitCode> {
    print(match suite {
        BenchSuite::Parse(a) => bench::parse::run(&a),
        BenchSuite::Extraction(a) => bench::extraction::run(&a),
        BenchSuite::Actors(a) => bench::actors::run(&a),
        BenchSuite::Time(a) => bench::time::run(&a),
        BenchSuite::Code(a) => bench::code::run(&a),
    })
}

pub fn train(what: TrainWhat) -> anyhow::Result<ExitCode> {
    match what {
        TrainWhat::Parser { train, dev, out, seed, epochs, arch } => {
            let lstm = arch == Arch::Lstm;
            dyad_nlp::train::run(&dyad_nlp::train::TrainArgs { train, dev, out, seed, epochs, lstm })?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
