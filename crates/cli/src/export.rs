//! `--format csv` and `--format parquet`: event records as a flat, typed table for pandas, R,
//! DuckDB, Spark or BigQuery.
//!
//! One row per event record; the columns are the record's fields as dotted paths
//! (`source.code`), in [`COLUMNS`]' order, with the type each has in Parquet. `char_span`
//! becomes `char_span.0` and `char_span.1`; `mentions`, a list of objects, is one column holding
//! its JSON text. CSV and Parquet have the same columns; docs/output.md lists them.

use anyhow::Context as _;
use dyad_core::EventRecord;
use serde_json::Value;
use std::io::Write;

/// A column's type.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// UTF-8 text.
    Text,
    /// A 64-bit signed integer.
    Int,
    /// A 64-bit float.
    Float,
    /// A JSON value kept as its text (UTF-8).
    Json,
}

/// One column: its dotted path in the JSON record, its type, and whether it may be null.
pub struct Column {
    pub path: &'static str,
    pub kind: Kind,
    /// Read by the Parquet writer only.
    #[cfg_attr(not(feature = "parquet"), allow(dead_code))]
    pub nullable: bool,
}

const fn col(path: &'static str, kind: Kind, nullable: bool) -> Column {
    Column { path, kind, nullable }
}

/// The table's columns, in order. A field added to the record is added here (and to
/// docs/output.md); a test checks that every field of a record has its column.
pub const COLUMNS: &[Column] = &[
    col("doc_id", Kind::Text, false),
    col("input_id", Kind::Text, true),
    col("event_id", Kind::Text, false),
    col("date", Kind::Text, true),
    col("date_precision", Kind::Text, false),
    col("date_source", Kind::Text, true),
    col("source.code", Kind::Text, false),
    col("source.country", Kind::Text, false),
    col("source.text", Kind::Text, false),
    col("source.name", Kind::Text, false),
    col("target.code", Kind::Text, true),
    col("target.country", Kind::Text, true),
    col("target.text", Kind::Text, true),
    col("target.name", Kind::Text, true),
    col("action_geo.name", Kind::Text, true),
    col("action_geo.country", Kind::Text, true),
    col("action_geo.lat", Kind::Float, true),
    col("action_geo.lon", Kind::Float, true),
    col("action_geo.geonames_id", Kind::Int, true),
    col("cameo", Kind::Text, false),
    col("root", Kind::Text, false),
    col("plover", Kind::Text, true),
    col("quad_class", Kind::Int, false),
    col("goldstein", Kind::Float, false),
    col("status", Kind::Text, false),
    col("attributed_to", Kind::Text, true),
    col("section", Kind::Text, false),
    col("sentence_index", Kind::Int, false),
    col("char_span.0", Kind::Int, false),
    col("char_span.1", Kind::Int, false),
    col("evidence", Kind::Text, false),
    col("mentions", Kind::Json, false),
    col("num_mentions", Kind::Int, false),
    col("num_sources", Kind::Int, false),
    col("num_articles", Kind::Int, false),
    col("rule", Kind::Text, false),
];

/// The value at a dotted path of a JSON record (`source.code`, `char_span.0`); `Null` where
/// the path does not reach (a null `target`).
fn at<'a>(record: &'a Value, path: &str) -> &'a Value {
    let mut v = record;
    for part in path.split('.') {
        v = match v {
            Value::Object(m) => m.get(part).unwrap_or(&Value::Null),
            Value::Array(a) => part.parse::<usize>().ok().and_then(|i| a.get(i)).unwrap_or(&Value::Null),
            _ => &Value::Null,
        };
    }
    v
}

/// A cell's text in CSV: empty for null, JSON text for a JSON column, the value otherwise.
fn cell_text(v: &Value, kind: Kind) -> String {
    match (v, kind) {
        (Value::Null, _) => String::new(),
        (Value::String(s), Kind::Text) => s.clone(),
        (v, Kind::Json) => v.to_string(),
        (v, _) => v.to_string(),
    }
}

/// Quote a CSV field when it needs it (RFC 4180: commas, quotes, line breaks).
fn csv_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s.into()
    }
}

/// The CSV header line: the column paths.
pub fn write_csv_header(out: &mut dyn Write) -> std::io::Result<()> {
    let header: Vec<&str> = COLUMNS.iter().map(|c| c.path).collect();
    writeln!(out, "{}", header.join(","))
}

/// One record's CSV row.
pub fn write_csv_row(out: &mut dyn Write, r: &EventRecord) -> std::io::Result<()> {
    let v = serde_json::to_value(r).map_err(std::io::Error::other)?;
    let cells: Vec<String> =
        COLUMNS.iter().map(|c| csv_field(&cell_text(at(&v, c.path), c.kind)).into_owned()).collect();
    writeln!(out, "{}", cells.join(","))
}

#[cfg(feature = "parquet")]
pub use parquet_file::ParquetWriter;

#[cfg(feature = "parquet")]
mod parquet_file {
    use super::{at, Kind, COLUMNS};
    use anyhow::Context as _;
    use dyad_core::EventRecord;
    use parquet::basic::{Compression, LogicalType, Repetition, Type as Physical};
    use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int64Type};
    use parquet::file::properties::WriterProperties;
    use parquet::file::writer::SerializedFileWriter;
    use parquet::schema::types::Type;
    use serde_json::Value;
    use std::sync::Arc;

    /// Records per row group: large enough for good compression and fast scans, small enough to
    /// keep the writer's memory to a few megabytes.
    const ROW_GROUP: usize = 16_384;

    /// Writes records to a Parquet file in row groups of [`ROW_GROUP`] records.
    pub struct ParquetWriter<W: std::io::Write + Send> {
        writer: SerializedFileWriter<W>,
        pending: Vec<Value>,
    }

    fn schema() -> anyhow::Result<Type> {
        let fields = COLUMNS
            .iter()
            .map(|c| {
                let (physical, logical) = match c.kind {
                    Kind::Text => (Physical::BYTE_ARRAY, Some(LogicalType::String)),
                    Kind::Json => (Physical::BYTE_ARRAY, Some(LogicalType::Json)),
                    Kind::Int => (Physical::INT64, None),
                    Kind::Float => (Physical::DOUBLE, None),
                };
                let repetition = if c.nullable { Repetition::OPTIONAL } else { Repetition::REQUIRED };
                Type::primitive_type_builder(c.path, physical)
                    .with_logical_type(logical)
                    .with_repetition(repetition)
                    .build()
                    .map(Arc::new)
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Type::group_type_builder("event").with_fields(fields).build()?)
    }

    impl<W: std::io::Write + Send> ParquetWriter<W> {
        /// Start a file on `out`.
        pub fn new(out: W) -> anyhow::Result<Self> {
            let props = WriterProperties::builder().set_compression(Compression::SNAPPY).build();
            let writer = SerializedFileWriter::new(out, Arc::new(schema()?), Arc::new(props))
                .context("starting the Parquet file")?;
            Ok(ParquetWriter { writer, pending: Vec::new() })
        }

        /// Add one record (written with its row group).
        pub fn write(&mut self, r: &EventRecord) -> anyhow::Result<()> {
            self.pending.push(serde_json::to_value(r)?);
            if self.pending.len() >= ROW_GROUP {
                self.flush_group()?;
            }
            Ok(())
        }

        fn flush_group(&mut self) -> anyhow::Result<()> {
            if self.pending.is_empty() {
                return Ok(());
            }
            let rows = std::mem::take(&mut self.pending);
            let mut group = self.writer.next_row_group()?;
            let mut index = 0;
            while let Some(mut column) = group.next_column()? {
                let c = &COLUMNS[index];
                index += 1;
                let cells: Vec<&Value> = rows.iter().map(|v| at(v, c.path)).collect();
                let defs: Vec<i16> = cells.iter().map(|v| i16::from(!v.is_null())).collect();
                let defs = c.nullable.then_some(defs.as_slice());
                let present = cells.iter().filter(|v| !v.is_null());
                let what = || format!("column {}", c.path);
                match c.kind {
                    Kind::Text | Kind::Json => {
                        let values: Vec<ByteArray> = present
                            .map(|v| match v {
                                Value::String(s) if c.kind == Kind::Text => ByteArray::from(s.as_str()),
                                v => ByteArray::from(v.to_string().as_str()),
                            })
                            .collect();
                        column
                            .typed::<ByteArrayType>()
                            .write_batch(&values, defs, None)
                            .with_context(what)?;
                    }
                    Kind::Int => {
                        let values: Vec<i64> = present.map(|v| v.as_i64().unwrap_or(0)).collect();
                        column.typed::<Int64Type>().write_batch(&values, defs, None).with_context(what)?;
                    }
                    Kind::Float => {
                        let values: Vec<f64> = present.map(|v| v.as_f64().unwrap_or(0.0)).collect();
                        column.typed::<DoubleType>().write_batch(&values, defs, None).with_context(what)?;
                    }
                }
                column.close()?;
            }
            group.close()?;
            Ok(())
        }

        /// Write what is pending and the file's footer.
        pub fn finish(mut self) -> anyhow::Result<()> {
            self.flush_group()?;
            self.writer.close().context("finishing the Parquet file")?;
            Ok(())
        }
    }
}

/// Whether `format` is one of the tables written here (CSV, Parquet).
pub fn is_table(format: crate::code_cmd::Format) -> bool {
    use crate::code_cmd::Format;
    match format {
        Format::Csv => true,
        #[cfg(feature = "parquet")]
        Format::Parquet => true,
        _ => false,
    }
}

/// Where `--format csv|parquet` writes: `--output FILE`, or stdout for CSV without one.
/// Parquet needs a file (its footer is written last and read first).
pub fn write_table(
    format: crate::code_cmd::Format,
    output: Option<&std::path::Path>,
    records: &mut dyn Iterator<Item = EventRecord>,
) -> anyhow::Result<()> {
    use crate::code_cmd::Format;
    let file = |p: &std::path::Path| {
        std::fs::File::create(p)
            .with_context(|| format!("creating {}", p.display()))
            .map(std::io::BufWriter::new)
    };
    match format {
        Format::Csv => {
            let mut out: Box<dyn Write> = match output {
                Some(p) => Box::new(file(p)?),
                None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
            };
            write_csv_header(&mut out)?;
            for r in records {
                write_csv_row(&mut out, &r)?;
            }
            out.flush()?;
        }
        #[cfg(feature = "parquet")]
        Format::Parquet => {
            let p = output.context("--format parquet needs --output FILE")?;
            let mut w = ParquetWriter::new(file(p)?)?;
            for r in records {
                w.write(&r)?;
            }
            w.finish().with_context(|| format!("writing {}", p.display()))?;
        }
        _ => anyhow::bail!("not a table format"),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_paths_reach_nested_fields_and_nulls() {
        let v: Value = serde_json::json!({"source": {"code": "RUS"}, "target": null, "char_span": [3, 9]});
        assert_eq!(at(&v, "source.code"), "RUS");
        assert!(at(&v, "target.code").is_null());
        assert_eq!(at(&v, "char_span.1"), 9);
    }

    #[test]
    fn csv_fields_with_commas_quotes_and_breaks_are_quoted() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, \"b\"\nc"), "\"a, \"\"b\"\"\nc\"");
    }
}
