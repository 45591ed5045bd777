//! Load on loopback: concurrent clients ask for a timeline page and a
//! search for a few seconds while another thread keeps ingesting documents
//! into the same record through a writable store (the WAL journal lets the
//! server's readers go on). Reports requests per second, latency
//! percentiles, errors, and what the ingest did.
//!
//! ```text
//! cargo bench -p annals-web --bench load -- [--clients 16] [--seconds 5]
//!     [--ingest-every-ms 0] [--readers 4] [--workers 2] [--no-cache]
//! ```
//!
//! Only 127.0.0.1 is ever a target; every loop is bounded in time.

#[path = "../tests/common/mod.rs"]
mod common;

use hyper::http::{Method, StatusCode};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What to run.
struct Options {
    clients: usize,
    seconds: f64,
    /// Pause between two ingests (0: one after another).
    ingest_every: Duration,
    /// Read connections of the server.
    readers: usize,
    /// Worker threads of the server's runtime.
    workers: usize,
    /// Keep no answers between requests.
    no_cache: bool,
}

impl Options {
    fn from_args() -> Options {
        let mut o = Options {
            clients: 16,
            seconds: 5.0,
            ingest_every: Duration::ZERO,
            readers: 4,
            workers: 2,
            no_cache: false,
        };
        let args: Vec<String> = std::env::args().skip(1).collect();
        let mut i = 0;
        while i < args.len() {
            let value = args.get(i + 1).map(String::as_str).unwrap_or("");
            match args[i].as_str() {
                "--clients" => o.clients = value.parse().unwrap_or(o.clients).clamp(1, 256),
                "--seconds" => o.seconds = value.parse().unwrap_or(o.seconds).clamp(0.5, 60.0),
                "--ingest-every-ms" => {
                    o.ingest_every = Duration::from_millis(value.parse().unwrap_or(0));
                }
                "--readers" => o.readers = value.parse().unwrap_or(o.readers).clamp(1, 64),
                "--workers" => o.workers = value.parse().unwrap_or(o.workers).clamp(1, 64),
                "--no-cache" => {
                    o.no_cache = true;
                    i += 1;
                    continue;
                }
                // `cargo bench` passes --bench; other flags are not ours.
                _ => {
                    i += 1;
                    continue;
                }
            }
            i += 2;
        }
        o
    }
}

/// The latencies of one kind of request.
#[derive(Default)]
struct Tally {
    latencies: Vec<Duration>,
    errors: usize,
    bytes: usize,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.latencies.extend(other.latencies);
        self.errors += other.errors;
        self.bytes += other.bytes;
    }

    fn percentile(&mut self, p: f64) -> Duration {
        self.latencies.sort();
        if self.latencies.is_empty() {
            return Duration::ZERO;
        }
        let at = ((self.latencies.len() - 1) as f64 * p).round() as usize;
        self.latencies[at]
    }
}

const PATHS: [&str; 2] = ["/api/timeline?limit=100", "/api/search?q=neutrality"];

/// One client: one kept-alive connection, the two requests in turn, until
/// the deadline.
async fn client(addr: std::net::SocketAddr, deadline: Instant, first: usize) -> [Tally; 2] {
    let mut tallies = [Tally::default(), Tally::default()];
    let mut connection = None;
    let mut turn = first;
    while Instant::now() < deadline {
        let which = turn % PATHS.len();
        turn += 1;
        if connection.is_none() {
            connection = common::Connection::open(addr).await.ok();
        }
        let Some(c) = connection.as_mut() else {
            tallies[which].errors += 1;
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        let started = Instant::now();
        match c.send(Method::GET, PATHS[which], &[], &[]).await {
            Ok(reply) if reply.status == StatusCode::OK => {
                tallies[which].latencies.push(started.elapsed());
                tallies[which].bytes += reply.body.len();
            }
            Ok(_) => tallies[which].errors += 1,
            Err(_) => {
                tallies[which].errors += 1;
                connection = None;
            }
        }
    }
    tallies
}

/// Keeps ingesting copies of the seed under new names until told to stop.
fn ingest(
    db: std::path::PathBuf,
    stop: Arc<AtomicBool>,
    every: Duration,
    done: Arc<AtomicUsize>,
) -> Result<(), String> {
    let mut store = annals_store::Store::open(&db).map_err(|e| e.to_string())?;
    let seed = annals_text::seed();
    let annotated = common::Annotated::of(&seed);
    let layers = annotated.layers();
    let mut n = 0;
    while !stop.load(Ordering::Relaxed) {
        let mut doc = seed.clone();
        doc.name = format!("bench:copy-{n}");
        store
            .ingest(&doc, &layers)
            .map_err(|e| format!("ingest {n}: {e}"))?;
        n += 1;
        done.store(n, Ordering::Relaxed);
        if !every.is_zero() {
            std::thread::sleep(every);
        }
    }
    Ok(())
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let options = Options::from_args();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = common::seed_record(dir.path());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(options.workers)
        .enable_all()
        .build()
        .expect("a runtime");
    let stop = Arc::new(AtomicBool::new(false));
    let ingested = Arc::new(AtomicUsize::new(0));
    let writer = {
        let (db, stop, ingested) = (db.clone(), Arc::clone(&stop), Arc::clone(&ingested));
        let every = options.ingest_every;
        std::thread::spawn(move || ingest(db, stop, every, ingested))
    };
    let (mut tallies, elapsed) = runtime.block_on(async {
        let (readers, no_cache) = (options.readers, options.no_cache);
        let server = common::TestServer::start_with(&db, |c| {
            c.readers = readers;
            if no_cache {
                c.cache_bytes = 0;
            }
        })
        .await;
        // Warm up: the statement caches and the page cache.
        for p in PATHS {
            let _ = server.get(p).await;
        }
        let started = Instant::now();
        let deadline = started + Duration::from_secs_f64(options.seconds);
        let mut tasks = Vec::new();
        for i in 0..options.clients {
            tasks.push(tokio::spawn(client(server.addr, deadline, i)));
        }
        let mut total = [Tally::default(), Tally::default()];
        for t in tasks {
            if let Ok([a, b]) = t.await {
                total[0].add(a);
                total[1].add(b);
            }
        }
        let elapsed = started.elapsed();
        server.stop().await.expect("the server stops");
        (total, elapsed)
    });
    stop.store(true, Ordering::Relaxed);
    let ingest = writer.join().expect("the ingest thread ends");
    let mut all = Tally::default();
    for t in &tallies {
        all.latencies.extend(&t.latencies);
        all.errors += t.errors;
        all.bytes += t.bytes;
    }
    let secs = elapsed.as_secs_f64();
    println!(
        "annals-web load: {} clients for {:.1} s on 127.0.0.1, {} readers, {} server workers, {}; ingest {}",
        options.clients,
        secs,
        options.readers,
        options.workers,
        if options.no_cache {
            "no answers kept"
        } else {
            "answers kept while the record is unchanged"
        },
        if options.ingest_every.is_zero() {
            "back to back".to_string()
        } else {
            format!("every {} ms", options.ingest_every.as_millis())
        }
    );
    println!(
        "{:<28} {:>9} {:>10} {:>10} {:>10} {:>10} {:>7} {:>10}",
        "request", "requests", "req/s", "p50", "p99", "max", "errors", "KiB/req"
    );
    let mut rows: Vec<(&str, &mut Tally)> = PATHS.iter().copied().zip(tallies.iter_mut()).collect();
    rows.push(("all", &mut all));
    for (name, t) in rows {
        let n = t.latencies.len();
        let p50 = t.percentile(0.50);
        let p99 = t.percentile(0.99);
        let max = t.latencies.last().copied().unwrap_or_default();
        println!(
            "{:<28} {:>9} {:>10.0} {:>10} {:>10} {:>10} {:>7} {:>10.1}",
            name,
            n,
            n as f64 / secs,
            ms(p50),
            ms(p99),
            ms(max),
            t.errors,
            t.bytes as f64 / n.max(1) as f64 / 1024.0
        );
    }
    let docs = ingested.load(Ordering::Relaxed);
    match ingest {
        Ok(()) => println!(
            "ingest: {docs} documents written meanwhile ({:.1}/s), no error",
            docs as f64 / secs
        ),
        Err(e) => {
            println!("ingest FAILED after {docs} documents: {e}");
            std::process::exit(1);
        }
    }
}
