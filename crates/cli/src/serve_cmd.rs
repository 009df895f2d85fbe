//! `dyad serve`: the web view and JSON API over a store, read-only, on loopback by default.

use crate::DbArg;
use anyhow::Context as _;
use std::net::SocketAddr;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Address to listen on; a port of 0 picks a free one.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Allow an address that is not loopback (anyone who reaches it reads the whole database).
    #[arg(long)]
    allow_remote: bool,
    #[command(flatten)]
    db: DbArg,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match dyad_serve::check_addr(args.addr, args.allow_remote) {
        Ok(Some(warning)) => eprintln!("dyad: warning: {warning}"),
        Ok(None) => {}
        Err(e) => {
            eprintln!("dyad: {e}");
            return Ok(ExitCode::from(2));
        }
    }
    let db = args.db.path();
    let app = dyad_serve::router(&db)?;
    let listener =
        std::net::TcpListener::bind(args.addr).with_context(|| format!("cannot listen on {}", args.addr))?;
    let addr = listener.local_addr().context("reading the bound address")?;
    // The first line names the address, so a script (or a test) that asked for port 0 finds it.
    println!("dyad serve: http://{addr}/ (database {}, read-only; Ctrl-C stops)", db.display());
    use std::io::Write;
    let _ = std::io::stdout().flush();
    dyad_serve::serve(app, listener)?;
    Ok(ExitCode::SUCCESS)
}
