//! The `dyad` command-line tool. Each subcommand lives in its own module; this file only
//! parses arguments and maps results to exit codes (0 ok, 1 some input failed, 2 usage).

mod eval_cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "dyad", version, about = "Turn news into explainable political event data.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Eval { suite } => eval_cmd::eval(suite),
        Command::Bench { suite } => eval_cmd::bench(suite),
        Command::Train { what } => eval_cmd::train(what),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("dyad: {message}");
            ExitCode::from(1)
        }
    }
}
