//! The server behind `annals serve`: the record's JSON API and the page
//! that reads it, over HTTP from one binary.
//!
//! - The record is opened **read-only**, by a few connections that take
//!   turns ([`Config::readers`]); each request's queries run on a blocking
//!   thread, so a slow query never stalls the others' input and output. An
//!   ingest may write the same file meanwhile: the record's WAL journal lets
//!   the readers go on.
//! - The API is `GET` only and answers JSON, errors included
//!   (`{"error": {"status", "message"}}`); its endpoints are described in
//!   `API.md` beside this crate. The page (`/`, `/assets/…`) is embedded in
//!   the binary: no request touches the file system.
//! - Every response carries a strict Content-Security-Policy and the other
//!   security headers; requests are bounded in size (URI, query, `q`,
//!   headers, no bodies) and in time (a query that runs past the timeout is
//!   interrupted), and the server stops gracefully on Ctrl-C or SIGTERM.
//!
//! ```no_run
//! # async fn run() -> Result<(), annals_web::Error> {
//! let config = annals_web::Config::new("annals.db".into());
//! let server = annals_web::Server::bind(config).await?;
//! println!("serving at http://{}/", server.local_addr());
//! server.run(annals_web::shutdown_signal()).await?;
//! # Ok(())
//! # }
//! ```

mod api;
mod assets;
mod cache;
mod guard;
mod params;
mod pool;
mod reply;
mod server;

pub use server::{serve, serve_blocking, shutdown_signal, Server};

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Where the server listens unless told otherwise: 127.0.0.1:8457.
pub const DEFAULT_ADDR: SocketAddr =
    SocketAddr::new(std::net::IpAddr::V4(Ipv4Addr::LOCALHOST), DEFAULT_PORT);

/// The port of [`DEFAULT_ADDR`].
pub const DEFAULT_PORT: u16 = 8457;

/// What the server serves and how.
#[derive(Debug, Clone)]
pub struct Config {
    /// The record (an existing `annals` database file, opened read-only).
    pub db: PathBuf,
    /// The address to listen on; port 0 takes any free port
    /// ([`Server::local_addr`] tells which).
    pub addr: SocketAddr,
    /// How many read connections to the record answer requests at once.
    pub readers: usize,
    /// How long a request may take before it is answered 503 and its query
    /// interrupted.
    pub timeout: Duration,
    /// How many connections may be open at once; more wait to be accepted.
    pub max_connections: usize,
    /// Bytes of answers kept for repeated requests while the record does
    /// not change (0 keeps none).
    pub cache_bytes: usize,
}

impl Config {
    /// The defaults for a record: [`DEFAULT_ADDR`], four readers, a 10 s
    /// timeout, 256 connections, 32 MiB of answers kept.
    pub fn new(db: PathBuf) -> Config {
        Config {
            db,
            addr: DEFAULT_ADDR,
            readers: 4,
            timeout: Duration::from_secs(10),
            max_connections: 256,
            cache_bytes: 32 << 20,
        }
    }
}

/// What can keep the server from starting or running; each error names the
/// file or address concerned.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The record could not be opened for reading.
    #[error("cannot serve the record: {0}")]
    Record(#[from] annals_store::Error),
    /// The address could not be listened on.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// What the system said.
        source: std::io::Error,
    },
    /// The configuration cannot work.
    #[error("{0}")]
    Config(String),
    /// The server's runtime (its threads) could not be started.
    #[error("cannot start the server's runtime: {0}")]
    Runtime(std::io::Error),
}

/// What every request shares: the record's readers and the limits.
#[derive(Clone)]
pub struct AppState {
    readers: Arc<pool::Readers>,
    /// Answers and totals kept while the record stays the same.
    cache: Arc<cache::Cache>,
    /// The addresses the `Host` header may name; `None` takes any.
    hosts: Option<Arc<guard::Hosts>>,
    /// How long a request may take.
    timeout: Duration,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("readers", &self.readers.count())
            .finish_non_exhaustive()
    }
}

impl AppState {
    /// Opens `config.readers` read-only connections to the record (refusing
    /// a file that is not an `annals` record of this version).
    pub fn open(config: &Config) -> Result<AppState, Error> {
        if config.readers == 0 {
            return Err(Error::Config(
                "the server needs at least one reader of the record".into(),
            ));
        }
        Ok(AppState {
            readers: Arc::new(pool::Readers::open(&config.db, config.readers)?),
            cache: Arc::new(cache::Cache::new(config.cache_bytes)),
            hosts: None,
            timeout: config.timeout,
        })
    }

    /// Only requests whose `Host` header names this loopback address (as
    /// `127.0.0.1`, `localhost` or `[::1]`, with its port) are answered, so
    /// that a web page elsewhere cannot read the record through a name
    /// that points at this machine (DNS rebinding). Addresses other than
    /// loopback are not checked.
    pub fn with_host_check(mut self, addr: SocketAddr) -> AppState {
        self.hosts = guard::Hosts::for_addr(addr).map(Arc::new);
        self
    }
}

/// The whole application: the API, the page, and the guards around them
/// (security headers, limits, JSON errors, the request timeout).
pub fn router(state: AppState) -> axum::Router {
    guard::wrap(api::routes().merge(assets::routes()), state)
}
