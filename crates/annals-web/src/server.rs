//! Listening and serving: HTTP/1.1 connections over TCP, each bounded in
//! the time its request head may take and in size, at most
//! [`Config::max_connections`] at once, and a graceful stop: no new
//! connections, the requests under way answered, idle connections closed,
//! and after a grace period whatever is left dropped.

use crate::{router, AppState, Config, Error};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};
use tokio::task::JoinSet;

/// How long a client may take to send a request's head.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// The largest request head (request line and headers) read, in bytes.
const MAX_HEAD: usize = 16 * 1024;

/// How long the requests under way may take to finish once the server is
/// told to stop.
const GRACE: Duration = Duration::from_secs(5);

/// A server bound to its address, ready to run.
#[derive(Debug)]
pub struct Server {
    listener: TcpListener,
    addr: SocketAddr,
    app: axum::Router,
    connections: Arc<Semaphore>,
}

impl Server {
    /// Opens the record's readers and binds the address (port 0 takes a
    /// free port).
    pub async fn bind(config: Config) -> Result<Server, Error> {
        if config.max_connections == 0 {
            return Err(Error::Config(
                "the server needs room for at least one connection".into(),
            ));
        }
        let state = AppState::open(&config)?;
        let listener = TcpListener::bind(config.addr)
            .await
            .map_err(|source| Error::Bind {
                addr: config.addr,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| Error::Bind {
            addr: config.addr,
            source,
        })?;
        Ok(Server {
            listener,
            addr,
            app: router(state.with_host_check(addr)),
            connections: Arc::new(Semaphore::new(config.max_connections)),
        })
    }

    /// The address the server listens on, with the port it was given.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves until `shutdown` resolves, then stops gracefully: returns
    /// when the requests under way are answered (or the grace period of
    /// five seconds is over).
    pub async fn run(self, shutdown: impl Future<Output = ()> + Send) -> Result<(), Error> {
        let (stop, stopped) = watch::channel(false);
        let mut tasks = JoinSet::new();
        let mut http = hyper::server::conn::http1::Builder::new();
        http.timer(TokioTimer::new())
            .header_read_timeout(HEAD_TIMEOUT)
            .max_buf_size(MAX_HEAD)
            .keep_alive(true);
        let http = Arc::new(http);
        tokio::pin!(shutdown);
        loop {
            // Forget the connections that are over.
            while tasks.try_join_next().is_some() {}
            let turn = tokio::select! {
                () = &mut shutdown => break,
                turn = Arc::clone(&self.connections).acquire_owned() => turn,
            };
            let Ok(turn) = turn else { break };
            let accepted = tokio::select! {
                () = &mut shutdown => break,
                accepted = self.listener.accept() => accepted,
            };
            let stream = match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors or a connection reset before
                    // it was taken: wait a moment and go on.
                    eprintln!("annals serve: cannot accept a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            // Small answers go out at once rather than waiting for more.
            let _ = stream.set_nodelay(true);
            let service = TowerToHyperService::new(self.app.clone());
            let http = Arc::clone(&http);
            let mut stopped = stopped.clone();
            tasks.spawn(async move {
                let connection = http.serve_connection(TokioIo::new(stream), service);
                tokio::pin!(connection);
                let stop = async move {
                    // Resolves once the server is told to stop.
                    let _ = stopped.wait_for(|s| *s).await.map(|_| ());
                };
                tokio::select! {
                    _ = connection.as_mut() => {}
                    () = stop => {
                        connection.as_mut().graceful_shutdown();
                        let _ = connection.await;
                    }
                }
                drop(turn);
            });
        }
        drop(self.listener);
        let _ = stop.send(true);
        let finish = async { while tasks.join_next().await.is_some() {} };
        if tokio::time::timeout(GRACE, finish).await.is_err() {
            tasks.abort_all();
        }
        Ok(())
    }
}

/// A future that resolves on Ctrl-C (SIGINT) or, on Unix, SIGTERM. The
/// signals are taken when this is called (inside a Tokio runtime), so one
/// that comes before the future is first awaited still stops the server.
pub fn shutdown_signal() -> impl Future<Output = ()> + Send {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let interrupt = signal(SignalKind::interrupt());
        let terminate = signal(SignalKind::terminate());
        async move {
            match (interrupt, terminate) {
                (Ok(mut interrupt), Ok(mut terminate)) => {
                    tokio::select! {
                        _ = interrupt.recv() => {}
                        _ = terminate.recv() => {}
                    }
                }
                // Signals cannot be taken: only Ctrl-C through Tokio's own
                // handler, else never.
                _ => {
                    if tokio::signal::ctrl_c().await.is_err() {
                        std::future::pending::<()>().await;
                    }
                }
            }
        }
    }
    #[cfg(not(unix))]
    async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

/// Serves the record until Ctrl-C or SIGTERM, then stops gracefully.
pub async fn serve(config: Config) -> Result<(), Error> {
    let stop = shutdown_signal();
    Server::bind(config).await?.run(stop).await
}

/// Serves the record on a runtime of its own until Ctrl-C or SIGTERM (for
/// a program that has no runtime, such as the `annals` command): `ready`
/// is told the address once the server listens.
pub fn serve_blocking(config: Config, ready: impl FnOnce(SocketAddr)) -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(Error::Runtime)?;
    let served = runtime.block_on(async {
        let stop = shutdown_signal();
        let server = Server::bind(config).await?;
        ready(server.local_addr());
        server.run(stop).await
    });
    // Queries still running past the grace period (only reading) are not
    // waited for.
    runtime.shutdown_background();
    served
}
