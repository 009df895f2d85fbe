//! What can go wrong in this crate: a CAMEO table that does not parse ([`CameoError`]).

/// A line of a CAMEO event table (`data/cameo/event_codes.tsv` format) that does not parse.
/// Line numbers are 1-based; regenerate the table with `tools/gen_cameo_tables.py`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CameoError {
    /// A row without the six columns (code, root, name, Goldstein, QuadClass, PLOVER).
    #[error("line {line}: expected 6 columns, found {found}")]
    Columns {
        /// The offending line.
        line: usize,
        /// Columns found.
        found: usize,
    },
    /// A Goldstein score that is not a number.
    #[error("line {line}: bad Goldstein value {value:?}")]
    Goldstein {
        /// The offending line.
        line: usize,
        /// The column as written.
        value: String,
    },
    /// A QuadClass that is not a small number.
    #[error("line {line}: bad QuadClass {value:?}")]
    QuadClass {
        /// The offending line.
        line: usize,
        /// The column as written.
        value: String,
    },
}
