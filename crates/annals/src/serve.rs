//! `annals serve`: the record as a web page and a JSON API on this machine.

use crate::record::{default_db, open_record};
use anyhow::{Context, Result};
use std::net::SocketAddr;
use std::path::PathBuf;

/// `annals serve`.
#[derive(clap::Args, Debug)]
pub(crate) struct ServeArgs {
    /// The record to serve (default: $ANNALS_DB, else
    /// $XDG_DATA_HOME/annals/annals.db or ~/.local/share/annals/annals.db;
    /// a new record starts with the built-in seed). It is only read.
    #[arg(long, env = "ANNALS_DB")]
    db: Option<PathBuf>,
    /// The address to listen on; port 0 takes a free port (the address is
    /// printed). Other addresses than loopback make the record readable
    /// from the network.
    #[arg(long, default_value_t = annals_web::DEFAULT_ADDR)]
    addr: SocketAddr,
    /// Read connections to the record that answer requests at once.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    readers: u16,
}

/// Serves the record until Ctrl-C or SIGTERM.
pub(crate) fn run(args: ServeArgs) -> Result<()> {
    let path = match args.db {
        Some(p) => p,
        None => default_db()?,
    };
    // A new record gets the seed first; the server itself only reads.
    drop(open_record(Some(path.clone()))?);
    let mut config = annals_web::Config::new(path.clone());
    config.addr = args.addr;
    config.readers = usize::from(args.readers);
    annals_web::serve_blocking(config, |addr| {
        eprintln!("annals: serving {} at http://{addr}/", path.display());
    })
    .with_context(|| format!("annals serve {}", path.display()))?;
    eprintln!("annals: stopped serving {}", path.display());
    Ok(())
}
