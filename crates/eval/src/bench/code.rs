//! `dyad bench code`: not yet written (see issue 6).

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
    Err("dyad bench code is not implemented yet".into())
}
