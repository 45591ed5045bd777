//! `annals bench`: throughput of the pipeline stage by stage (read + segment
//! + time, then entities, then events and measures), and peak memory.
//!
//! With `--record`, also the record: the input copied into many documents
//! is ingested into a fresh record with one and with two pipeline threads
//! (documents/s, MB/s, database size per MB of text), then the query
//! commands' queries are timed on it (p50 and p99 latency).
//!
//! With `--wiki DUMP`, the Wikipedia readers instead (see [`crate::bench_wiki`]).

use anyhow::Result;
use rayon::prelude::*;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

/// Which stages a measurement runs.
#[derive(Clone, Copy, PartialEq)]
enum Stages {
    /// Read, segment, time.
    Time,
    /// Read, segment, time, entities.
    Entities,
    /// The whole pipeline: read, segment, time, entities, events, measures.
    Events,
}

/// Runs the stages on one text; returns (sentences, annotations).
fn pipeline(text: &str, stages: Stages) -> Result<(usize, usize)> {
    let doc = annals_text::read_bytes("bench", text.as_bytes(), annals_text::Format::Auto)?;
    let sentences = annals_text::segment(&doc);
    let timexes = annals_time::tag_document(&doc, &sentences, &Default::default());
    let mut n = timexes.len();
    if stages != Stages::Time {
        let mentions = annals_entities::tag_document(&doc, &sentences, &timexes);
        n += mentions.len();
        if stages == Stages::Events {
            n += annals_events::tag_document(&doc, &sentences, &timexes, &mentions).len();
            n += annals_events::measures::tag_measures(&doc, &sentences, &timexes).len();
        }
    }
    Ok((sentences.len(), n))
}

/// The best of `runs` timings of `f`, each repeating `f` until at least
/// 200 ms have passed so that small inputs are timed over many calls.
pub(crate) fn best<F: FnMut() -> Result<()>>(runs: usize, mut f: F) -> Result<Duration> {
    let mut best = Duration::MAX;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let mut n = 0u32;
        while n == 0 || start.elapsed() < Duration::from_millis(200) {
            f()?;
            n += 1;
        }
        best = best.min(start.elapsed() / n);
    }
    Ok(best)
}

/// Peak resident memory of this process in KiB (Linux), if known.
pub(crate) fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

struct Row {
    name: String,
    bytes: usize,
    sentences: usize,
    time: Duration,
}

impl Row {
    fn mb_s(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.time.as_secs_f64()
    }
    fn sentences_s(&self) -> f64 {
        self.sentences as f64 / self.time.as_secs_f64()
    }
}

/// Runs the benchmark and prints its figures; `record` adds the record's
/// figures (see [`RecordOptions`]).
pub fn run(
    file: Option<&Path>,
    repeat: usize,
    runs: usize,
    json: bool,
    record: Option<RecordOptions>,
) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let text = match file {
        None => annals_text::SEED_TEXT.to_string(),
        Some(p) => annals_text::read_path(p, Default::default())?.text,
    };
    // The large input is built in memory: keep it to a size a machine has.
    let limit = 2usize << 30;
    if text.len().saturating_mul(repeat) > limit {
        anyhow::bail!(
            "{} bytes repeated {repeat} times is more than the {limit}-byte limit of the benchmark; lower --repeat",
            text.len()
        );
    }
    let repeat = repeat.max(1);
    let big = vec![text.as_str(); repeat].join("\n\n");
    let threads = rayon::current_num_threads();
    let copies = vec![text.as_str(); repeat];
    let (sentences, timexes) = pipeline(&text, Stages::Time)?;
    let (big_sentences, _) = pipeline(&big, Stages::Time)?;
    let mut rows = Vec::new();
    let mut growth = 0.0;
    for (stages, label) in [
        (Stages::Time, "read+segment+time"),
        (Stages::Entities, "+entities"),
        (Stages::Events, "+events+measures"),
    ] {
        let small = best(runs, || pipeline(&text, stages).map(|_| ()))?;
        let large = best(runs, || pipeline(&big, stages).map(|_| ()))?;
        let parallel = best(runs, || {
            copies
                .par_iter()
                .try_for_each(|t| pipeline(t, stages).map(|_| ()))
        })?;
        if stages == Stages::Time {
            growth = large.as_secs_f64() / small.as_secs_f64();
        }
        rows.push(Row {
            name: format!("{label}, 1x, one thread"),
            bytes: text.len(),
            sentences,
            time: small,
        });
        rows.push(Row {
            name: format!("{label}, {repeat}x as one document, one thread"),
            bytes: big.len(),
            sentences: big_sentences,
            time: large,
        });
        rows.push(Row {
            name: format!("{label}, {repeat}x as {repeat} documents, {threads} threads"),
            bytes: text.len() * repeat,
            sentences: sentences * repeat,
            time: parallel,
        });
    }
    let record = match record {
        Some(options) => Some(record_bench(&text, &options)?),
        None => None,
    };
    let peak = peak_kib();
    if json {
        let mut value = serde_json::json!({
            "input_bytes": text.len(),
            "timexes": timexes,
            "rows": rows.iter().map(|r| serde_json::json!({
                "name": r.name, "bytes": r.bytes, "sentences": r.sentences,
                "seconds": r.time.as_secs_f64(), "mb_per_s": r.mb_s(), "sentences_per_s": r.sentences_s(),
            })).collect::<Vec<_>>(),
            "time_growth_for_input_growth": {"input": repeat, "time": growth},
            "peak_rss_kib": peak,
        });
        if let (Some(record), Some(map)) = (&record, value.as_object_mut()) {
            map.insert("record".to_string(), record.json());
        }
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        return Ok(());
    }
    writeln!(
        out,
        "{} bytes, {sentences} sentences, {timexes} timexes",
        text.len()
    )?;
    writeln!(
        out,
        "{:<58} {:>8} {:>12} {:>12}",
        "stages and input", "MB/s", "sentences/s", "time"
    )?;
    for r in &rows {
        writeln!(
            out,
            "{:<58} {:>8.2} {:>12.0} {:>12.3?}",
            r.name,
            r.mb_s(),
            r.sentences_s(),
            r.time
        )?;
    }
    writeln!(
        out,
        "read+segment+time: {repeat}x the input took {growth:.1}x the time"
    )?;
    if let Some(record) = &record {
        record.print(&mut out)?;
    }
    write_peak(&mut out, peak)?;
    Ok(())
}

/// The benchmarks' last line: the peak resident memory, when known.
pub(crate) fn write_peak(out: &mut impl Write, peak_kib: Option<u64>) -> std::io::Result<()> {
    match peak_kib {
        Some(kib) => writeln!(
            out,
            "peak memory (resident): {:.1} MiB",
            kib as f64 / 1024.0
        ),
        None => Ok(()),
    }
}

/// What `annals bench --record` measures.
#[derive(Debug, Clone, Copy)]
pub struct RecordOptions {
    /// Documents in the record: copies of the input, each a little different.
    pub docs: usize,
    /// Timed runs of each query (after a few untimed ones).
    pub query_runs: usize,
}

/// The pipeline threads the ingest is measured with.
const INGEST_THREADS: [usize; 2] = [1, 2];

/// The figures of the record benchmark.
struct RecordReport {
    /// Documents ingested.
    docs: usize,
    /// Bytes of text ingested.
    bytes: usize,
    /// One ingest per thread count.
    ingests: Vec<IngestRow>,
    /// Query latencies on the record of the last ingest.
    queries: Vec<QueryRow>,
    /// Timed runs of each query.
    query_runs: usize,
}

/// One ingest of all the copies into a fresh record.
struct IngestRow {
    /// Pipeline threads (the writer is one more).
    threads: usize,
    /// Wall time of the pipeline and the writes, first document to last commit.
    time: Duration,
    /// Time the writer spent writing (inside `Store::ingest`).
    writing: Duration,
    /// Size of the database file and its write-ahead log after a checkpoint.
    db_bytes: u64,
}

/// The latency of one query.
struct QueryRow {
    /// What the query is.
    name: String,
    /// Rows (items, events, hits) it returns.
    rows: usize,
    /// Median latency.
    p50: Duration,
    /// 99th percentile latency.
    p99: Duration,
    /// Slowest run.
    max: Duration,
}

impl RecordReport {
    fn mb(&self) -> f64 {
        self.bytes as f64 / 1e6
    }

    /// Database MB per MB of text, for the record that was queried.
    fn db_per_text(&self) -> Option<f64> {
        let row = self.ingests.last()?;
        Some(row.db_bytes as f64 / self.bytes.max(1) as f64)
    }

    fn json(&self) -> serde_json::Value {
        let secs = |d: &Duration| d.as_secs_f64();
        let ms = |d: &Duration| d.as_secs_f64() * 1e3;
        serde_json::json!({
            "documents": self.docs,
            "text_bytes": self.bytes,
            "ingest": self.ingests.iter().map(|r| serde_json::json!({
                "threads": r.threads,
                "seconds": secs(&r.time),
                "writer_busy_seconds": secs(&r.writing),
                "docs_per_s": self.docs as f64 / secs(&r.time),
                "mb_per_s": self.mb() / secs(&r.time),
                "db_bytes": r.db_bytes,
                "db_mb_per_text_mb": r.db_bytes as f64 / self.bytes.max(1) as f64,
            })).collect::<Vec<_>>(),
            "db_mb_per_text_mb": self.db_per_text(),
            "query_runs": self.query_runs,
            "queries": self.queries.iter().map(|q| serde_json::json!({
                "name": q.name, "rows": q.rows,
                "p50_ms": ms(&q.p50), "p99_ms": ms(&q.p99), "max_ms": ms(&q.max),
            })).collect::<Vec<_>>(),
        })
    }

    fn print(&self, out: &mut impl Write) -> Result<()> {
        writeln!(
            out,
            "record: the input as {} documents, {:.2} MB of text",
            self.docs,
            self.mb()
        )?;
        writeln!(
            out,
            "{:<36} {:>8} {:>8} {:>10} {:>12} {:>9}",
            "ingest (pipeline + one writer)", "docs/s", "MB/s", "time", "writer busy", "DB MB/MB"
        )?;
        for r in &self.ingests {
            let secs = r.time.as_secs_f64();
            writeln!(
                out,
                "{:<36} {:>8.1} {:>8.2} {:>10.2?} {:>12.2?} {:>9.2}",
                format!(
                    "{} pipeline thread{}",
                    r.threads,
                    if r.threads == 1 { "" } else { "s" }
                ),
                self.docs as f64 / secs,
                self.mb() / secs,
                r.time,
                r.writing,
                r.db_bytes as f64 / self.bytes.max(1) as f64
            )?;
        }
        if let (Some(r), Some(ratio)) = (self.ingests.last(), self.db_per_text()) {
            writeln!(
                out,
                "database: {:.1} MB after a checkpoint (file and WAL), {ratio:.2} MB per MB of text",
                r.db_bytes as f64 / 1e6
            )?;
        }
        writeln!(
            out,
            "{:<58} {:>6} {:>9} {:>9}",
            format!("query ({} runs each)", self.query_runs),
            "rows",
            "p50 ms",
            "p99 ms"
        )?;
        for q in &self.queries {
            writeln!(
                out,
                "{:<58} {:>6} {:>9.2} {:>9.2}",
                q.name,
                q.rows,
                q.p50.as_secs_f64() * 1e3,
                q.p99.as_secs_f64() * 1e3
            )?;
        }
        Ok(())
    }
}

/// A folder of its own under the system's temporary folder, removed with
/// everything in it when dropped.
struct Scratch(std::path::PathBuf);

impl Scratch {
    fn new(label: &str) -> Result<Scratch> {
        use anyhow::Context;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir = std::env::temp_dir().join(format!(
            "annals-bench-{}-{label}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // Best effort: a folder left in the temporary folder is harmless.
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Copy `i` of the input as a document of its own: its own name, and a last
/// line that makes its text (and so its hash) differ from the others.
fn copy(text: &str, i: usize) -> Result<crate::record::Annotated> {
    let body = format!("{}\n\nCopy {i} of the benchmark.\n", text.trim_end());
    let doc = annals_text::read_bytes(
        &format!("bench/copy-{i:05}.txt"),
        body.as_bytes(),
        annals_text::Format::Auto,
    )?;
    Ok(crate::record::annotate_all(doc))
}

/// Ingests `docs` copies of `text` into a new record at `path`: the pipeline
/// runs on a pool of `threads` threads, and this thread writes the documents
/// as they come, in transactions of up to 16 documents (4 MB), as `annals
/// ingest` does.
/// Returns the wall time, the time spent writing, the store and the bytes
/// of text written.
fn ingest(
    text: &str,
    docs: usize,
    threads: usize,
    path: &Path,
) -> Result<(Duration, Duration, annals_store::Store, usize)> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    let mut store = annals_store::Store::open(path)?;
    let (tx, rx) = std::sync::mpsc::sync_channel::<Result<crate::record::Annotated>>(4 * threads);
    let start = Instant::now();
    let mut bytes = 0;
    let mut writing = Duration::ZERO;
    let written: Result<()> = pool.in_place_scope(|scope| {
        scope.spawn(move |_| {
            // A failed send means the writer stopped: stop too.
            let _ = (0..docs)
                .into_par_iter()
                .try_for_each_with(tx, |tx, i| tx.send(copy(text, i)).map_err(|_| ()));
        });
        let mut result = Ok(());
        let mut batch: Vec<crate::record::Annotated> = Vec::new();
        let mut batch_bytes = 0;
        let mut flush = |batch: &mut Vec<crate::record::Annotated>| -> Result<()> {
            let begun = Instant::now();
            let docs: Vec<_> = batch.iter().map(|a| (&a.doc, a.layers())).collect();
            store.ingest_many(&docs)?;
            writing += begun.elapsed();
            batch.clear();
            Ok(())
        };
        for annotated in &rx {
            let step = annotated.and_then(|a| {
                bytes += a.doc.text.len();
                batch_bytes += a.doc.text.len();
                batch.push(a);
                if batch.len() >= crate::ingest::BATCH_DOCUMENTS
                    || batch_bytes >= crate::ingest::BATCH_BYTES
                {
                    batch_bytes = 0;
                    flush(&mut batch)?;
                }
                Ok(())
            });
            if step.is_err() {
                result = step;
                break;
            }
        }
        if result.is_ok() && !batch.is_empty() {
            result = flush(&mut batch);
        }
        drop(rx);
        result
    });
    written?;
    let time = start.elapsed();
    let stored = store.count("documents")?;
    if stored != docs as i64 {
        anyhow::bail!("the record holds {stored} documents, not {docs}");
    }
    Ok((time, writing, store, bytes))
}

/// The size of a database file and its write-ahead log after a checkpoint.
fn db_bytes(store: &annals_store::Store, path: &Path) -> Result<u64> {
    store.checkpoint()?;
    let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    Ok(size(path) + size(Path::new(&wal)))
}

/// Times `query` `runs` times after a few untimed runs; returns the rows it
/// returned and the latencies, fastest first.
fn latencies<F: FnMut() -> Result<usize>>(
    runs: usize,
    mut query: F,
) -> Result<(usize, Vec<Duration>)> {
    let mut rows = 0;
    for _ in 0..(runs / 20).clamp(3, 20) {
        rows = query()?;
    }
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        rows = query()?;
        times.push(start.elapsed());
    }
    times.sort();
    Ok((rows, times))
}

/// The `q`-quantile of sorted latencies (nearest rank).
fn quantile(sorted: &[Duration], q: f64) -> Duration {
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted
        .get(rank.clamp(1, sorted.len().max(1)) - 1)
        .copied()
        .unwrap_or_default()
}

/// The day number of an ISO day.
fn day(iso: &str) -> Result<i64> {
    annals_core::calendar::parse_iso_day(iso).ok_or_else(|| anyhow::anyhow!("not a day: {iso}"))
}

/// Times the query commands' queries on a record.
fn query_rows(store: &annals_store::Store, runs: usize) -> Result<Vec<QueryRow>> {
    use annals_store::query::Filter;
    let war = Filter {
        from: Some(day("1941-01-01")?),
        to: Some(day("1945-12-31")?),
        ..Default::default()
    };
    let soviet = "Soviet Union";
    let mut rows = Vec::new();
    let mut time = |name: String, query: &mut dyn FnMut() -> Result<usize>| -> Result<()> {
        let (n, sorted) = latencies(runs, query)?;
        rows.push(QueryRow {
            name,
            rows: n,
            p50: quantile(&sorted, 0.50),
            p99: quantile(&sorted, 0.99),
            max: sorted.last().copied().unwrap_or_default(),
        });
        Ok(())
    };
    let filter = Filter {
        limit: Some(100),
        ..war.clone()
    };
    time(
        "timeline 1941-01-01..1945-12-31, limit 100".into(),
        &mut || Ok(store.timeline(&filter)?.len()),
    )?;
    let filter = Filter {
        entity: Some(soviet.to_string()),
        limit: Some(100),
        ..Default::default()
    };
    time(format!("timeline of {soviet}, limit 100"), &mut || {
        Ok(store.timeline(&filter)?.len())
    })?;
    time(format!("entity {soviet}, 20 events"), &mut || {
        Ok(store.entity(soviet, 20)?.map_or(0, |e| e.events.len()))
    })?;
    let filter = Filter {
        limit: Some(20),
        ..Default::default()
    };
    time("search \"neutrality pact\", limit 20".into(), &mut || {
        Ok(store.search("neutrality pact", &filter)?.len())
    })?;
    let filter = Filter {
        limit: Some(20),
        ..war
    };
    time(
        "search \"neutrality pact\" 1941..1945, limit 20".into(),
        &mut || Ok(store.search("neutrality pact", &filter)?.len()),
    )?;
    Ok(rows)
}

/// Ingests `options.docs` copies of `text` with each of [`INGEST_THREADS`]
/// into fresh records, then times queries on the last one.
fn record_bench(text: &str, options: &RecordOptions) -> Result<RecordReport> {
    let docs = options.docs.max(1);
    let mut ingests = Vec::new();
    let mut queries = Vec::new();
    let mut bytes = 0;
    for (n, &threads) in INGEST_THREADS.iter().enumerate() {
        let scratch = Scratch::new(&format!("{threads}t"))?;
        let path = scratch.0.join("annals.db");
        let (time, writing, store, written) = ingest(text, docs, threads, &path)?;
        bytes = written;
        ingests.push(IngestRow {
            threads,
            time,
            writing,
            db_bytes: db_bytes(&store, &path)?,
        });
        if n + 1 == INGEST_THREADS.len() {
            queries = query_rows(&store, options.query_runs)?;
        }
        // The store closes before its folder goes.
        drop(store);
    }
    Ok(RecordReport {
        docs,
        bytes,
        ingests,
        queries,
        query_runs: options.query_runs.max(1),
    })
}
