//! `dyad eval petrarch`: not yet written (see issue 6).

use crate::Report;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// PETRARCH-style validation file.
    pub path: std::path::PathBuf,
}

pub fn run(_args: &Args) -> Result<Report, String> {
    Err("dyad eval petrarch is not implemented yet".into())
}
