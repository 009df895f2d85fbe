//! `dyad code`: annotate inputs and print their events, nothing stored.

use crate::annotate::{annotate_inputs, parse_date, Outcome};
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
    #[arg(long)]
    date: Option<String>,
    /// Instead of events, print each sentence's parse and what the coder matched in it.
    #[arg(long)]
    explain: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// One JSON event record a line (the output contract in docs/output.md).
    Jsonl,
    /// An aligned table for reading.
    Table,
    /// GDELT 2.0 event table rows (tab-separated, 61 columns).
    Gdelt,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let date = args.date.as_deref().map(parse_date).transpose()?;
    let pipeline = dyad_pipeline::Pipeline::builder().build()?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    let added = chrono::Utc::now().format("%Y%m%d%H%M%S").to_string();
    if matches!(args.format, Format::Table) {
        write_table_header(&mut out).map_err(io_error)?;
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
                        eprintln!("dyad: {}: {w}", doc.meta.origin);
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
                            Format::Gdelt => {
                                let row = crate::gdelt::row(r, doc.meta.url.as_deref(), &added);
                                writeln!(out, "{row}").map_err(io_error)?
                            }
                        }
                    }
                }
                Outcome::Known => {}
                Outcome::Failed(f) => {
                    failed += 1;
                    eprintln!("dyad: {}: {}", f.origin, f.reason);
                }
            }
            Ok(())
        },
    )?;
    out.flush().map_err(io_error)?;
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
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
