//! `dyad code`: annotate inputs and print their events, nothing stored.

use crate::annotate::{annotate_inputs, parse_date, DictArgs, Outcome};
use anyhow::Context as _;
use dyad_core::EventRecord;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Files, directories, JSONL feeds, or - for standard input.
    #[arg(required = true)]
    inputs: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// Publication date (YYYY-MM-DD) for documents that carry none.
    #[arg(long, value_parser = parse_date)]
    date: Option<chrono::NaiveDate>,
    /// Instead of events, print each sentence's parse and what the coder matched in it.
    #[arg(long)]
    explain: bool,
    /// Write the events to this file instead of standard output (Parquet needs one).
    #[arg(long)]
    output: Option<std::path::PathBuf>,
    #[command(flatten)]
    dicts: DictArgs,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// One JSON event record a line (the output contract in docs/output.md).
    Jsonl,
    /// An aligned table for reading.
    Table,
    /// GDELT 2.0 event table rows (tab-separated, 61 columns).
    Gdelt,
    /// A CSV table, a column per field (dotted paths: source.code), with a header line.
    Csv,
    /// A Parquet file with the CSV's columns, typed (needs --output).
    #[cfg(feature = "parquet")]
    Parquet,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let date = args.date;
    // --explain shows every sentence's parse, also of those the coder need not read.
    let explain = args.explain;
    let pipeline = args.dicts.pipeline_with(|b| if explain { b.parse_every_sentence() } else { b })?;
    let mut out: BufWriter<Box<dyn Write>> = BufWriter::new(match &args.output {
        Some(p) if !is_parquet(args.format) => {
            Box::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?)
        }
        _ => Box::new(std::io::stdout().lock()),
    });
    #[cfg(feature = "parquet")]
    let mut parquet = match (args.format, &args.output) {
        (Format::Parquet, Some(p)) => Some(crate::export::ParquetWriter::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        ))?),
        (Format::Parquet, None) => anyhow::bail!("--format parquet needs --output FILE"),
        _ => None,
    };
    let mut failed = 0usize;
    let added = chrono::Utc::now().format("%Y%m%d%H%M%S").to_string();
    if matches!(args.format, Format::Table) {
        write_table_header(&mut out).map_err(io_error)?;
    }
    if matches!(args.format, Format::Csv) {
        crate::export::write_csv_header(&mut out).map_err(io_error)?;
    }
    annotate_inputs(
        &pipeline,
        &args.inputs,
        date,
        |_| false,
        |outcome| {
            match outcome {
                Outcome::Coded(doc, records) => {
                    for w in &doc.warnings {
                        report_problem(&doc.meta.origin, "warning", &w.to_string());
                    }
                    if args.explain {
                        writeln!(out, "# document {} ({})", doc.id, doc.meta.origin).map_err(io_error)?;
                        write!(out, "{}", pipeline.explain(&doc)).map_err(io_error)?;
                        return Ok(());
                    }
                    for r in &records {
                        match args.format {
                            Format::Jsonl => {
                                serde_json::to_writer(&mut out, r).map_err(|e| io_error(e.into()))?;
                                writeln!(out).map_err(io_error)?;
                            }
                            Format::Table => write_table_row(&mut out, r).map_err(io_error)?,
                            Format::Csv => crate::export::write_csv_row(&mut out, r).map_err(io_error)?,
                            #[cfg(feature = "parquet")]
                            Format::Parquet => {
                                if let Some(w) = parquet.as_mut() {
                                    w.write(r)?;
                                }
                            }
                            Format::Gdelt => {
                                let doc_date = doc.meta.date.as_ref().map(|d| d.date.to_string());
                                let ctx = crate::gdelt::RowContext {
                                    url: doc.meta.url.as_deref(),
                                    doc_date: doc_date.as_deref(),
                                    added: &added,
                                };
                                let row = crate::gdelt::row(r, &ctx);
                                writeln!(out, "{row}").map_err(io_error)?
                            }
                        }
                    }
                }
                Outcome::Known => {}
                Outcome::Failed(f) => {
                    failed += 1;
                    report_problem(&f.origin, "error", &f.reason.to_string());
                }
                Outcome::Skipped(f) => eprintln!("dyad: warning: {}: {}", f.origin, f.reason),
            }
            // A filter in a pipe: each document's events leave as soon as they are known.
            out.flush().map_err(io_error)?;
            Ok(())
        },
    )?;
    out.flush().map_err(io_error)?;
    #[cfg(feature = "parquet")]
    if let Some(w) = parquet {
        w.finish()?;
    }
    // The process ends here: freeing the dictionaries and models one allocation at a time
    // would only cost time.
    std::mem::forget(pipeline);
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// A document's failure or warning as one JSON line on stderr (`{"origin":…,"error":…}` or
/// `{"origin":…,"warning":…}`), so that an engine running `dyad code` as a filter can collect
/// them by line.
fn report_problem(origin: &str, kind: &str, message: &str) {
    let mut line = serde_json::Map::new();
    line.insert("origin".into(), origin.into());
    line.insert(kind.into(), message.into());
    eprintln!("{}", serde_json::Value::Object(line));
}

/// Whether `format` writes a file of its own rather than lines.
fn is_parquet(format: Format) -> bool {
    #[cfg(feature = "parquet")]
    if matches!(format, Format::Parquet) {
        return true;
    }
    let _ = format;
    false
}

fn io_error(e: std::io::Error) -> anyhow::Error {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        // `dyad code … | head` closing early is not an error worth a message; exit quietly.
        std::process::exit(0);
    }
    anyhow::Error::new(e).context("writing output")
}

pub fn write_table_header(out: &mut impl Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<10}  {:<10} {:<5} {:<10} {:<12}  {:<60}  evidence",
        "date", "source", "cameo", "target", "status", "event"
    )
}

pub fn write_table_row(out: &mut impl Write, r: &EventRecord) -> std::io::Result<()> {
    let evidence: String = r.evidence.chars().take(70).collect();
    let more = if r.evidence.chars().count() > 70 { "…" } else { "" };
    // The readable label ("Russia → North Korea: Praise or endorse (051)") next to the codes.
    let label = dyad_serve::labels::event_label(r);
    writeln!(
        out,
        "{:<10}  {:<10} {:<5} {:<10} {:<12}  {:<60}  {evidence}{more}",
        r.date.as_deref().unwrap_or("-"),
        r.source.code,
        r.cameo,
        r.target.as_ref().map_or("-", |t| t.code.as_str()),
        r.status,
        label
    )
}
