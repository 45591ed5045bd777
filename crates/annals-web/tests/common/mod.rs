//! What the tests and the load bench share: a record made by the real
//! pipeline, a server on a free loopback port, and a small HTTP/1.1 client.

#![allow(dead_code)]

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::client::conn::http1::SendRequest;
use hyper::http::{HeaderMap, Method, Request, StatusCode};
use hyper_util::rt::TokioIo;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A document's layers, made by the real pipeline.
pub struct Annotated {
    pub sentences: Vec<annals_core::Sentence>,
    pub timexes: Vec<annals_core::Timex>,
    pub mentions: Vec<annals_core::Mention>,
    pub events: Vec<annals_core::Event>,
    pub measures: Vec<annals_core::Measure>,
}

impl Annotated {
    /// Runs the whole pipeline on a document.
    pub fn of(doc: &annals_core::Document) -> Annotated {
        let sentences = annals_text::segment(doc);
        let timexes = annals_time::tag_document(doc, &sentences, &Default::default());
        let mentions = annals_entities::tag_document(doc, &sentences, &timexes);
        let events = annals_events::tag_document(doc, &sentences, &timexes, &mentions);
        let measures = annals_events::measures::tag_measures(doc, &sentences, &timexes);
        Annotated {
            sentences,
            timexes,
            mentions,
            events,
            measures,
        }
    }

    /// The layers as the store takes them.
    pub fn layers(&self) -> annals_store::Layers<'_> {
        annals_store::Layers {
            sentences: &self.sentences,
            timexes: &self.timexes,
            mentions: &self.mentions,
            events: &self.events,
            measures: &self.measures,
        }
    }
}

/// Runs the whole pipeline on a document and writes it into the record.
pub fn ingest(store: &mut annals_store::Store, doc: annals_core::Document) {
    let annotated = Annotated::of(&doc);
    store
        .ingest(&doc, &annotated.layers())
        .expect("the document is written");
}

/// A record in `dir` holding the seed and a short note, closed again (so
/// that its journal is folded into the file).
pub fn seed_record(dir: &Path) -> PathBuf {
    let path = dir.join("annals.db");
    let mut store = annals_store::Store::open(&path).expect("the record opens");
    ingest(&mut store, annals_text::seed());
    let note = annals_text::read_bytes(
        "note.txt",
        "Japan attacked China in July 1937. Japan and the Soviet Union signed a \
         neutrality pact in April 1941."
            .as_bytes(),
        annals_text::Format::Plain,
    )
    .expect("the note reads");
    ingest(&mut store, note);
    drop(store);
    path
}

/// A server of the record on a free loopback port, stopped when dropped.
pub struct TestServer {
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    pub done: Option<tokio::task::JoinHandle<Result<(), annals_web::Error>>>,
}

impl TestServer {
    /// Starts a server with the default configuration but the port.
    pub async fn start(db: &Path) -> TestServer {
        TestServer::start_with(db, |_| {}).await
    }

    /// Starts a server after `tune` has changed its configuration.
    pub async fn start_with(db: &Path, tune: impl FnOnce(&mut annals_web::Config)) -> TestServer {
        let mut config = annals_web::Config::new(db.to_path_buf());
        config.addr = "127.0.0.1:0".parse().expect("an address");
        tune(&mut config);
        let server = annals_web::Server::bind(config)
            .await
            .expect("the server starts");
        let addr = server.local_addr();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let done = tokio::spawn(server.run(async move {
            let _ = stopped.await;
        }));
        TestServer {
            addr,
            stop: Some(stop),
            done: Some(done),
        }
    }

    /// Tells the server to stop and waits until it has.
    pub async fn stop(mut self) -> Result<(), annals_web::Error> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.done.take() {
            Some(done) => tokio::time::timeout(Duration::from_secs(10), done)
                .await
                .expect("the server stops within 10 s")
                .expect("the server's task ends"),
            None => Ok(()),
        }
    }

    /// GET `path`.
    pub async fn get(&self, path: &str) -> Reply {
        send(self.addr, Method::GET, path, &[], &[]).await
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// An answer, read whole.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "the body is not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    /// A header's value as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// A kept-alive HTTP/1.1 connection to a server.
pub struct Connection {
    sender: SendRequest<Full<Bytes>>,
    host: String,
}

impl Connection {
    /// Connects to `addr`.
    pub async fn open(addr: SocketAddr) -> Result<Connection, String> {
        let stream = tokio::net::TcpStream::connect(addr)
            .await
            .map_err(|e| format!("connect to {addr}: {e}"))?;
        stream.set_nodelay(true).map_err(|e| e.to_string())?;
        let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| format!("handshake with {addr}: {e}"))?;
        tokio::spawn(async move {
            let _ = connection.await;
        });
        Ok(Connection {
            sender,
            host: addr.to_string(),
        })
    }

    /// Sends one request with these extra headers and body, and reads the
    /// answer whole.
    pub async fn send(
        &mut self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Result<Reply, String> {
        let mut request = Request::builder().method(method).uri(path);
        if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
            request = request.header("host", &self.host);
        }
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        let request = request
            .body(Full::new(Bytes::copy_from_slice(body)))
            .map_err(|e| format!("request {path}: {e}"))?;
        self.sender
            .ready()
            .await
            .map_err(|e| format!("connection for {path}: {e}"))?;
        let response = self
            .sender
            .send_request(request)
            .await
            .map_err(|e| format!("request {path}: {e}"))?;
        let (parts, body) = response.into_parts();
        let body = body
            .collect()
            .await
            .map_err(|e| format!("body of {path}: {e}"))?
            .to_bytes()
            .to_vec();
        Ok(Reply {
            status: parts.status,
            headers: parts.headers,
            body,
        })
    }
}

/// One request on a connection of its own.
pub async fn send(
    addr: SocketAddr,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    let mut connection = Connection::open(addr).await.expect("connects");
    connection
        .send(method, path, headers, body)
        .await
        .expect("answers")
}

/// Sends raw bytes and reads until the server closes or `limit` bytes.
pub async fn raw(addr: SocketAddr, request: &[u8]) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr)
        .await
        .expect("connects");
    stream.write_all(request).await.expect("writes");
    let mut out = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut out)).await;
    String::from_utf8_lossy(&out).into_owned()
}
