//! `dyad eval ner`: not yet written (see its issue).

use crate::Report;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Input file or directory.
    pub path: std::path::PathBuf,
}

pub fn run(_args: &Args) -> Result<Report, String> {
    Err("dyad eval ner is not implemented yet".into())
}
