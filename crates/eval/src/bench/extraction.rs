//! `dyad bench extraction`: not yet written (see its issue).

use crate::Report;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Input file or directory.
    pub path: Option<std::path::PathBuf>,
    /// Number of timed runs; the median is reported.
    #[arg(long, default_value_t = 5)]
    pub runs: usize,
}

pub fn run(_args: &Args) -> Result<Report, String> {
    Err("dyad bench extraction is not implemented yet".into())
}
