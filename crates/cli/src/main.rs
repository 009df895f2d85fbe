//! The `dyad` command-line tool. Each subcommand lives in its own module; this file parses
//! arguments and maps outcomes to exit codes: 0 all went well, 1 some input or operation failed,
//! 2 usage error (clap's own code).

mod annotate;
mod code_cmd;
mod demo;
mod eval_cmd;
mod export;
mod gdelt;
mod ingest_cmd;
mod query_cmd;
mod serve_cmd;
mod watch_cmd;

use anyhow::Context as _;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc instead of the system allocator: see the reason in `Cargo.toml`.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "dyad", version, about = "Turn news into explainable political event data.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Where the store is: `--db`, else `$DYAD_DB`, else `./dyad.db`.
#[derive(clap::Args, Clone)]
pub struct DbArg {
    /// SQLite database file [default: $DYAD_DB or ./dyad.db]
    #[arg(long, global = true)]
    db: Option<PathBuf>,
}

impl DbArg {
    /// The database file this run uses.
    pub fn path(&self) -> PathBuf {
        self.db
            .clone()
            .or_else(|| std::env::var_os("DYAD_DB").map(PathBuf::from))
            .unwrap_or_else(|| "dyad.db".into())
    }
}

#[derive(Subcommand)]
enum Command {
    /// Annotate articles and print their events (a streaming filter: files or - in, events out).
    Code(code_cmd::Args),
    /// Store articles and their events in the database (idempotent by content hash).
    Ingest(ingest_cmd::Args),
    /// Follow RSS/Atom feeds: fetch new articles politely and store them (--once, or every 15m).
    Watch(watch_cmd::Args),
    /// List stored events.
    Events(query_cmd::EventsArgs),
    /// How the relation between two actors moves over time.
    Relation(query_cmd::RelationArgs),
    /// List the inputs that could not be read, and why.
    Failures(query_cmd::FailuresArgs),
    /// Print a stored document with its annotations marked.
    Show(query_cmd::ShowArgs),
    /// Serve the web view and JSON API of a database (read-only, loopback by default).
    Serve(serve_cmd::Args),
    /// Run the whole pipeline on the built-in demo corpus and print relation reports.
    Demo(demo::Args),
    /// Score a layer against a public benchmark; prints a table, then one JSON summary line.
    Eval {
        #[command(subcommand)]
        suite: eval_cmd::EvalSuite,
    },
    /// Measure speed (single thread, median of several runs).
    Bench {
        #[command(subcommand)]
        suite: eval_cmd::BenchSuite,
    },
    /// Train a model from CoNLL-U treebanks.
    Train {
        #[command(subcommand)]
        what: eval_cmd::TrainWhat,
    },
}

/// Write `text` to stdout. A reader that closed the pipe early (`dyad show … | head`) is not
/// an error; any other write failure is.
pub fn write_stdout(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e).context("writing output"),
        _ => Ok(()),
    }
}

/// The message of a failed command. The library crates' errors say what failed and why in
/// their own message (their cause included), so only a context the CLI added is put before
/// it, not the whole chain of causes again.
fn report(e: &anyhow::Error) -> String {
    let context =
        e.downcast_ref::<String>().map(String::as_str).or_else(|| e.downcast_ref::<&str>().copied());
    match (context, e.chain().nth(1)) {
        (Some(context), Some(cause)) => format!("{context}: {cause}"),
        _ => e.to_string(),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code(a) => code_cmd::run(a),
        Command::Ingest(a) => ingest_cmd::run(a),
        Command::Watch(a) => watch_cmd::run(a),
        Command::Events(a) => query_cmd::events(a),
        Command::Relation(a) => query_cmd::relation(a),
        Command::Show(a) => query_cmd::show(a),
        Command::Failures(a) => query_cmd::failures(a),
        Command::Serve(a) => serve_cmd::run(a),
        Command::Demo(a) => demo::run(a),
        Command::Eval { suite } => eval_cmd::eval(suite),
        Command::Bench { suite } => eval_cmd::bench(suite),
        Command::Train { what } => eval_cmd::train(what),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dyad: {}", report(&e));
            // A dictionary directory that cannot be used is a usage error, as clap's are.
            ExitCode::from(if e.is::<annotate::UsageError>() { 2 } else { 1 })
        }
    }
}
