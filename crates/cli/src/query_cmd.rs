//! `dyad events`, `dyad relation` and `dyad show`: reading the store.

use crate::code_cmd::{write_table_header, write_table_row, Format};
use crate::DbArg;
use anyhow::Context as _;
use dyad_core::{Document, SectionKind};
use dyad_store::{EventFilter, Period, Store, StoreError};
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct EventsArgs {
    /// Events with this actor on either side (code prefix: RUS matches RUSGOV).
    #[arg(long)]
    actor: Option<String>,
    /// Events between two actors, either direction: --dyad RUS,PRK
    #[arg(long, value_parser = parse_dyad)]
    dyad: Option<Dyad>,
    /// First date (YYYY-MM-DD, YYYY-MM or YYYY), inclusive.
    #[arg(long, value_parser = parse_period_bound)]
    since: Option<String>,
    /// Last date (YYYY-MM-DD, YYYY-MM or YYYY), inclusive.
    #[arg(long, value_parser = parse_period_bound)]
    until: Option<String>,
    /// CAMEO root or code prefix (05, 057).
    #[arg(long)]
    root: Option<String>,
    /// Only events with this status (repeatable): asserted, reported, interpreted, …
    #[arg(long, value_parser = parse_status)]
    status: Vec<String>,
    /// One record per document that reports an event, instead of one per happening.
    #[arg(long)]
    per_document: bool,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Write the events to this file instead of standard output (Parquet needs one).
    #[arg(long)]
    output: Option<std::path::PathBuf>,
    #[command(flatten)]
    db: DbArg,
}

#[derive(clap::Args)]
pub struct RelationArgs {
    /// First actor (code prefix).
    a: String,
    /// Second actor (code prefix).
    b: String,
    #[arg(long, value_enum, default_value_t = PeriodArg::Month)]
    per: PeriodArg,
    /// Count every status; by default only asserted and reported events count.
    #[arg(long)]
    all_statuses: bool,
    #[command(flatten)]
    db: DbArg,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum PeriodArg {
    Day,
    Week,
    Month,
}

#[derive(clap::Args)]
pub struct FailuresArgs {
    #[command(flatten)]
    db: DbArg,
}

/// `dyad failures`: each failed input and why, oldest first, tab-separated.
pub fn failures(args: FailuresArgs) -> anyhow::Result<ExitCode> {
    let store = open_existing(&args.db)?;
    let all = store.failures()?;
    let mut s = String::new();
    for (origin, reason) in &all {
        s.push_str(&format!("{origin}\t{}\n", reason.replace(['\n', '\t'], " ")));
    }
    if all.is_empty() {
        eprintln!("dyad: no failed inputs recorded in {}", args.db.path().display());
    }
    crate::write_stdout(&s)?;
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct ShowArgs {
    /// Document id (at least 6 leading characters).
    doc: String,
    #[command(flatten)]
    db: DbArg,
}

/// Two actors, as `--dyad A,B` gives them.
#[derive(Clone)]
pub struct Dyad(String, String);

/// `--dyad A,B`: exactly two non-empty actor codes.
fn parse_dyad(s: &str) -> Result<Dyad, String> {
    match s.split(',').map(str::trim).collect::<Vec<_>>().as_slice() {
        [a, b] if !a.is_empty() && !b.is_empty() => Ok(Dyad(a.to_string(), b.to_string())),
        _ => Err("expected two actor codes, e.g. --dyad RUS,PRK".into()),
    }
}

/// `--since` / `--until`: a day, a month or a year, kept as written (dates are compared as
/// ISO text in the store).
fn parse_period_bound(s: &str) -> Result<String, String> {
    let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok();
    let ok = (s.len() == 10 && day(s))
        || (s.len() == 7 && day(&format!("{s}-01")))
        || (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()));
    if ok {
        Ok(s.to_string())
    } else {
        Err("expected YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2024-11".into())
    }
}

/// `--status`: one of the statuses events have.
fn parse_status(s: &str) -> Result<String, String> {
    let names: Vec<&str> = dyad_core::Status::ALL.iter().map(|st| st.as_str()).collect();
    if names.contains(&s) {
        Ok(s.to_string())
    } else {
        Err(format!("expected one of {}", names.join(", ")))
    }
}

/// The store for a reader: opened read-only, so a database on a read-only mount or being
/// written by an ingest can be queried. A database from an older dyad is migrated first,
/// which needs write access once.
fn open_existing(db: &DbArg) -> anyhow::Result<Store> {
    let path = db.path();
    match Store::open_read_only(&path) {
        Err(StoreError::OlderSchema { .. }) => {
            Store::open(&path)?;
            Ok(Store::open_read_only(&path)?)
        }
        other => Ok(other?),
    }
}

pub fn events(args: EventsArgs) -> anyhow::Result<ExitCode> {
    let store = open_existing(&args.db)?;
    let dyad = args.dyad.map(|Dyad(a, b)| (a, b));
    let filter = EventFilter {
        actor: args.actor,
        dyad,
        since: args.since,
        until: args.until,
        root: args.root,
        statuses: args.status,
        limit: None,
        per_document: args.per_document,
    };
    let records = store.events(&filter)?;
    if crate::export::is_table(args.format) {
        crate::export::write_table(args.format, args.output.as_deref(), &mut records.into_iter())?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let result = (|| -> std::io::Result<()> {
        match args.format {
            Format::Jsonl => {
                for r in &records {
                    serde_json::to_writer(&mut out, r)?;
                    writeln!(out)?;
                }
            }
            Format::Table => {
                write_table_header(&mut out)?;
                for r in &records {
                    write_table_row(&mut out, r)?;
                }
            }
            Format::Gdelt => {
                let now = chrono::Utc::now().format("%Y%m%d%H%M%S").to_string();
                for r in &records {
                    // DATEADDED is when the document was stored; its digits only.
                    let (url, added) = match store.document_source(&r.doc_id).ok().flatten() {
                        Some((url, at)) => (url, at.chars().filter(char::is_ascii_digit).collect()),
                        None => (None, now.clone()),
                    };
                    let ctx = crate::gdelt::RowContext { url: url.as_deref(), doc_date: None, added: &added };
                    writeln!(out, "{}", crate::gdelt::row(r, &ctx))?;
                }
            }
            _ => {}
        }
        out.flush()
    })();
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e).context("writing output"),
        _ => Ok(ExitCode::SUCCESS),
    }
}

pub fn relation(args: RelationArgs) -> anyhow::Result<ExitCode> {
    let store = open_existing(&args.db)?;
    let period = match args.per {
        PeriodArg::Day => Period::Day,
        PeriodArg::Week => Period::Week,
        PeriodArg::Month => Period::Month,
    };
    crate::write_stdout(&relation_report(&store, &args.a, &args.b, period, args.all_statuses)?)?;
    Ok(ExitCode::SUCCESS)
}

/// The relation report of two actors: a row per period with counts by QuadClass, the mean
/// Goldstein score and a bar that shows cooperation (+) against conflict (-).
pub fn relation_report(store: &Store, a: &str, b: &str, period: Period, all: bool) -> anyhow::Result<String> {
    let statuses = if all { Vec::new() } else { vec!["asserted".to_string(), "reported".to_string()] };
    let rel = store.relation(a, b, period, &statuses)?;
    let name = |code: &str| dyad_serve::labels::actor_name(code, code.get(..3).unwrap_or(code));
    let mut s = format!("{a} ↔ {b}  ({} ↔ {})\n", name(a), name(b));
    if rel.rows.is_empty() {
        s.push_str("  no dated events\n");
    } else {
        s.push_str(&format!(
            "  {:<8} {:>3} {:>3} {:>3} {:>3} {:>5} {:>6}  cooperation + / conflict -\n",
            "period", "vcp", "mcp", "vcf", "mcf", "A→B", "gold"
        ));
    }
    for r in &rel.rows {
        let coop = (r.quad[0] + r.quad[1]) as usize;
        let conflict = (r.quad[2] + r.quad[3]) as usize;
        s.push_str(&format!(
            "  {:<8} {:>3} {:>3} {:>3} {:>3} {:>5} {:>+6.1}  {}{}\n",
            r.period,
            r.quad[0],
            r.quad[1],
            r.quad[2],
            r.quad[3],
            r.a_to_b,
            r.mean_goldstein,
            "+".repeat(coop.min(30)),
            "-".repeat(conflict.min(30)),
        ));
    }
    if rel.undated > 0 {
        s.push_str(&format!("  ({} events without a date fine enough for this period)\n", rel.undated));
    }
    Ok(s)
}

pub fn show(args: ShowArgs) -> anyhow::Result<ExitCode> {
    let store = open_existing(&args.db)?;
    let doc = store.document(&args.doc)?.ok_or_else(|| anyhow::anyhow!("no document {}", args.doc))?;
    crate::write_stdout(&render(&doc))?;
    Ok(ExitCode::SUCCESS)
}

/// The document's metadata, its text with mentions marked `[text|CODE]` and time expressions
/// `{text|VALUE}`, section by section, then its events.
pub fn render(doc: &Document) -> String {
    let m = &doc.meta;
    let mut s = format!("document {}\n", doc.id);
    let field = |s: &mut String, name: &str, v: &Option<String>| {
        if let Some(v) = v {
            s.push_str(&format!("{name:<9}{v}\n"));
        }
    };
    field(&mut s, "origin", &Some(m.origin.clone()));
    field(&mut s, "title", &m.title);
    field(&mut s, "byline", &m.byline);
    field(&mut s, "date", &m.date.as_ref().map(|d| format!("{} (from {})", d.date, d.source)));
    field(&mut s, "outlet", &m.outlet);
    field(&mut s, "url", &m.url);
    field(&mut s, "encoding", &m.encoding);
    if !m.credits.is_empty() {
        field(&mut s, "credits", &Some(m.credits.join("; ")));
    }
    if !doc.provenance.is_empty() {
        let chain: Vec<String> = doc.provenance.iter().map(|l| format!("{} ({})", l.name, l.role)).collect();
        field(&mut s, "via", &Some(chain.join(" → ")));
    }
    if m.boilerplate_dropped > 0 {
        field(&mut s, "dropped", &Some(format!("{} blocks of page furniture", m.boilerplate_dropped)));
    }
    for w in &doc.warnings {
        field(&mut s, "warning", &Some(w.to_string()));
    }
    // Markers: (position, order, text). Opens sort before closes at the same position only
    // when they start a new span, so that adjacent spans do not interleave.
    let mut marks: Vec<(u32, u8, String)> = Vec::new();
    for mention in &doc.mentions {
        let codes: Vec<&str> = mention.actors.iter().map(|a| a.code.as_str()).collect();
        let label = if codes.is_empty() { "?".to_string() } else { codes.join("+") };
        marks.push((mention.span.start, 2, "[".into()));
        marks.push((mention.span.end, 0, format!("|{label}]")));
    }
    for t in &doc.timexes {
        marks.push((t.span.start, 2, "{".into()));
        marks.push((t.span.end, 1, format!("|{}}}", if t.value.is_empty() { "?" } else { &t.value })));
    }
    marks.sort_by_key(|(pos, order, _)| (*pos, *order));
    let sections: Vec<(u32, SectionKind)> =
        doc.sections.iter().map(|sec| (sec.span.start, sec.kind)).collect();
    let mut out = String::new();
    let mut at = 0usize;
    let mut next_mark = 0;
    let mut next_section = 0;
    let text = &doc.text;
    while at <= text.len() {
        while next_section < sections.len() && sections[next_section].0 as usize <= at {
            out.push_str(&format!("\n── {} ──\n", sections[next_section].1.as_str()));
            next_section += 1;
        }
        while next_mark < marks.len() && marks[next_mark].0 as usize <= at {
            out.push_str(&marks[next_mark].2);
            next_mark += 1;
        }
        let Some(c) = text[at..].chars().next() else { break };
        out.push(c);
        at += c.len_utf8();
    }
    s.push_str(&out);
    s.push_str("\n\nevents\n");
    for r in dyad_pipeline::records(doc) {
        s.push_str(&format!(
            "  [{}] {} {} {} ({}{}) {}\n",
            r.sentence_index,
            r.source.code,
            r.cameo,
            r.target.as_ref().map_or("-", |t| t.code.as_str()),
            r.status,
            r.attributed_to.as_ref().map(|a| format!(", per {a}")).unwrap_or_default(),
            r.rule
        ));
    }
    s
}
