//! `annals ingest`: the pipeline over many documents, into the record.
//!
//! Documents are annotated on `--threads` worker threads and written by the
//! calling thread in input order as soon as they are ready, in transactions
//! of up to 16 documents (4 MB). A crash, a kill or a full disk therefore
//! leaves each document wholly in the record or wholly out of it, and
//! running the same command again adds the missing ones and leaves the rest
//! unchanged: a worker that finds its document already in the record with
//! the same text (by name and text hash, through its own read-only view)
//! skips the pipeline for it. Only a small window of documents (a few per
//! thread) is held in memory at once, however many the inputs name.

use crate::cli::InputFormat;
use crate::load;
use crate::record::{annotate_linked, default_db, Annotated, Linked};
use anyhow::{anyhow, bail, Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::{BTreeMap, HashSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, PoisonError};

#[derive(clap::Args, Debug)]
pub(crate) struct IngestArgs {
    /// Files, folders (read recursively for .txt and .md files), glob
    /// patterns such as "docs/*.txt" (expanded here when the shell did not),
    /// or `-` for standard input; none ingests the built-in seed. Wikipedia
    /// dumps (.xml, .xml.bz2) and Parquet files (.parquet: a document per
    /// row, `id`, `text`, optional `title` and `format`; with the `parquet`
    /// feature) are read article by article.
    paths: Vec<PathBuf>,
    /// The record to write (default: $ANNALS_DB, else
    /// $XDG_DATA_HOME/annals/annals.db or ~/.local/share/annals/annals.db).
    #[arg(long, env = "ANNALS_DB")]
    db: Option<PathBuf>,
    /// How to read the documents.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    input_format: InputFormat,
    /// Documents annotated at the same time (default: one per core).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// Wikipedia dumps and Parquet files only: the articles whose title
    /// this regular expression matches.
    #[arg(long)]
    title: Option<String>,
    /// Wikipedia dumps and Parquet files only: at most this many articles of
    /// each.
    #[arg(long)]
    limit: Option<usize>,
}

/// Where a document comes from.
enum Source {
    /// The built-in seed article.
    Seed,
    /// Standard input.
    Stdin,
    /// A file.
    File(PathBuf),
}

/// One document to ingest.
struct Input {
    source: Source,
    /// The file's size when known before reading it (for the progress bar).
    bytes: Option<u64>,
}

impl Input {
    /// The name errors and the progress give the document.
    fn name(&self) -> String {
        match &self.source {
            Source::Seed => "the built-in seed".to_string(),
            Source::Stdin => "<stdin>".to_string(),
            Source::File(path) => path.display().to_string(),
        }
    }

    /// Reads the document and runs the whole pipeline on it, unless the
    /// record at `db` already holds it unchanged. A panic of the pipeline (a
    /// bug) fails this document only.
    fn annotate(&self, format: annals_text::Format, db: &Path) -> Result<Work> {
        let path = match &self.source {
            Source::Seed => None,
            Source::Stdin => Some(Path::new("-")),
            Source::File(path) => Some(path.as_path()),
        };
        annotate_new(db, "document", || load(path, format))
    }
}

/// What a worker made of a document.
enum Work {
    /// The document annotated, to be written.
    Annotated(Box<Annotated>),
    /// The record already holds the document with the same text: it was
    /// not annotated again. Its text's length.
    Stored(usize),
}

/// A worker's read-only view of a record: its path, and the store when it
/// could be opened.
type View = (PathBuf, Option<annals_store::Store>);

thread_local! {
    /// Each worker's read-only view of the record, opened on first use.
    static RECORD: std::cell::RefCell<Option<View>> = const { std::cell::RefCell::new(None) };
}

/// Whether the record at `db` holds `doc` with the same text, so that
/// writing it would leave it unchanged. When the record cannot be read here
/// the answer is no, and the writer decides.
fn stored(db: &Path, doc: &annals_core::Document) -> bool {
    RECORD.with(|cell| {
        let mut cell = cell.borrow_mut();
        if !matches!(cell.as_ref(), Some((path, _)) if path == db) {
            *cell = Some((
                db.to_path_buf(),
                annals_store::Store::open_read_only(db).ok(),
            ));
        }
        let view = cell.as_ref().and_then(|(_, store)| store.as_ref());
        view.is_some_and(|store| {
            store
                .holds(&doc.name, &annals_store::text_hash(&doc.text))
                .unwrap_or(false)
        })
    })
}

/// Reads a document with `read` and, unless the record already holds it
/// unchanged, runs the whole pipeline on it; a panic of either (a bug)
/// becomes this document's error instead of ending the run.
fn annotate_new<T: Into<Linked>>(
    db: &Path,
    what: &str,
    read: impl FnOnce() -> Result<T>,
) -> Result<Work> {
    let run = || -> Result<Work> {
        let linked: Linked = read()?.into();
        if stored(db, &linked.doc) {
            return Ok(Work::Stored(linked.doc.text.len()));
        }
        Ok(Work::Annotated(Box::new(annotate_linked(linked))))
    };
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).unwrap_or_else(|panic| {
        Err(anyhow!(
            "the pipeline failed on this {what} (a bug): {}",
            crate::dump::panic_message(panic.as_ref())
        ))
    })
}

/// One unit of work: a document file, or a page of a dump.
enum Job<'a> {
    /// A document file (or the seed, or standard input).
    File(&'a Input),
    /// A page of a dump, or the reader's error in its place.
    Page {
        /// The dump's wiki (`enwiki`), when its export names it.
        site: Option<String>,
        /// The dump file, as errors name it.
        file: &'a str,
        item: Result<annals_dump::Page, annals_dump::Error>,
        /// Compressed bytes read since the previous page of this dump.
        delta: u64,
    },
    /// A dump that could not be opened.
    Unopened(annals_dump::Error, Option<u64>),
    /// A row of a Parquet file (`{id, title, text, format}` columns), or the
    /// reader's error in its place.
    Row {
        /// The Parquet file, as errors and document names give it.
        file: &'a str,
        /// The row's number (1-based).
        number: usize,
        item: Result<serde_json::Value>,
    },
    /// An input that could not be read at all, with why.
    Broken(String, anyhow::Error),
}

/// Whether a path names a Parquet file (by its extension).
fn is_parquet(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("parquet"))
}

/// The rows of a Parquet file as jobs: at most `limit`, those whose title
/// `title` matches (when given).
fn parquet_jobs<'a>(
    path: &Path,
    file: &'a str,
    title: Option<&regex::Regex>,
    limit: Option<usize>,
) -> Box<dyn Iterator<Item = Job<'a>> + Send + 'a> {
    let opened = std::fs::File::open(path)
        .with_context(|| format!("cannot open {file}"))
        .and_then(|f| crate::shard::parquet_rows(f, file));
    let rows = match opened {
        Ok(rows) => rows,
        Err(e) => return Box::new(std::iter::once(Job::Broken(file.to_string(), e))),
    };
    let title = title.cloned();
    let wanted = move |item: &(usize, Result<serde_json::Value>)| match (&title, &item.1) {
        (Some(re), Ok(row)) => row
            .get("title")
            .and_then(serde_json::Value::as_str)
            .is_some_and(|t| re.is_match(t)),
        _ => true,
    };
    let jobs = rows
        .filter(wanted)
        .take(limit.unwrap_or(usize::MAX))
        .map(move |(number, item)| Job::Row { file, number, item });
    Box::new(jobs)
}

/// The pages of a dump as jobs.
struct DumpJobs<'a> {
    pages: annals_dump::Pages,
    file: &'a str,
    last: u64,
}

impl<'a> Iterator for DumpJobs<'a> {
    type Item = Job<'a>;

    fn next(&mut self) -> Option<Job<'a>> {
        let item = self.pages.next()?;
        let now = self.pages.progress().bytes();
        let delta = now.saturating_sub(self.last);
        self.last = now;
        Some(Job::Page {
            site: self.pages.site().map(str::to_string),
            file: self.file,
            item,
            delta,
        })
    }
}

/// A job done: the document's name, the annotated document or why it
/// failed, and the input bytes it accounts for (when known).
struct Done {
    name: String,
    result: Result<Work>,
    bytes: Option<u64>,
}

impl Job<'_> {
    /// Reads and annotates the job's document (unless the record at `db`
    /// holds it unchanged).
    fn run(self, format: annals_text::Format, db: &Path) -> Done {
        match self {
            Job::File(input) => Done {
                name: input.name(),
                result: input.annotate(format, db),
                bytes: input.bytes,
            },
            Job::Page {
                site,
                file,
                item,
                delta,
            } => match item {
                Ok(page) => {
                    let name = crate::dump::document_name(site.as_deref(), file, &page);
                    let result =
                        annotate_new(db, "page", || crate::dump::page_document(&name, &page));
                    Done {
                        name: crate::dump::page_label(&name, &page),
                        result,
                        bytes: Some(delta),
                    }
                }
                Err(e) => Done {
                    name: e.file.clone(),
                    result: Err(e.into()),
                    bytes: Some(delta),
                },
            },
            Job::Unopened(e, bytes) => Done {
                name: e.file.clone(),
                result: Err(e.into()),
                bytes,
            },
            Job::Row { file, number, item } => {
                let label = format!("{file} row {number}");
                let result = item.and_then(|row| {
                    // Named by its title (as a dump's article is), else by
                    // file and id, so that a rerun finds it again.
                    let title = row.get("title").and_then(serde_json::Value::as_str);
                    let name = match (title, row.get("id")) {
                        (Some(title), _) if !title.is_empty() => title.to_string(),
                        (_, Some(serde_json::Value::String(id))) => format!("{file}#{id}"),
                        (_, Some(id @ serde_json::Value::Number(_))) => format!("{file}#{id}"),
                        _ => bail!("neither a \"title\" nor an \"id\""),
                    };
                    annotate_new(db, "row", || {
                        crate::shard::read_value(&row, Some("plain"), Some(&name)).map(|r| r.linked)
                    })
                });
                Done {
                    name: label,
                    result,
                    bytes: None,
                }
            }
            Job::Broken(name, error) => Done {
                name,
                result: Err(error),
                bytes: None,
            },
        }
    }
}

/// Whether a path holds glob characters (`*`, `?`, `[`).
fn is_pattern(path: &Path) -> bool {
    path.to_str().is_some_and(|s| s.contains(['*', '?', '[']))
}

/// The documents the arguments name, in order, each file once: `-` is
/// standard input; a path that exists is a file or a folder; a path that
/// does not exist but holds glob characters is expanded (an error when it
/// matches nothing); any other path is kept, so that reading it fails and is
/// reported with the other failed documents.
fn inputs(paths: &[PathBuf]) -> Result<Vec<Input>> {
    if paths.is_empty() {
        return Ok(vec![Input {
            source: Source::Seed,
            bytes: None,
        }]);
    }
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(Input {
                source: Source::Stdin,
                bytes: None,
            });
            continue;
        }
        let mut files = Vec::new();
        if std::fs::symlink_metadata(path).is_err() && is_pattern(path) {
            expand(path, &mut files)?;
        } else {
            files_of(path, &mut files)?;
        }
        for file in files {
            if seen.insert(file.clone()) {
                let bytes = std::fs::metadata(&file).ok().map(|m| m.len());
                out.push(Input {
                    source: Source::File(file),
                    bytes,
                });
            }
        }
    }
    Ok(out)
}

/// The files a glob pattern matches, folders among them read as folders.
fn expand(pattern: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let text = pattern.to_string_lossy();
    let matches = glob::glob(&text).with_context(|| format!("{text}: not a valid glob pattern"))?;
    let before = out.len();
    let mut any = false;
    for found in matches {
        let found = found.with_context(|| format!("{text}: cannot read every match"))?;
        any = true;
        files_of(&found, out)?;
    }
    if !any {
        bail!("{text}: no file matches this pattern");
    }
    if out.len() == before {
        bail!("{text}: matches only folders without .txt or .md files");
    }
    Ok(())
}

/// The files a path names: itself, or the .txt and .md files below a
/// folder, in name order. Links to files are followed, links to folders are
/// not (so that a loop of links cannot make the walk endless).
fn files_of(path: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    if !path.is_dir() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let cannot_list = || format!("cannot list {}", path.display());
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(path).with_context(cannot_list)? {
        let entry = entry.with_context(cannot_list)?;
        let kind = entry
            .file_type()
            .with_context(|| format!("cannot read {}", entry.path().display()))?;
        entries.push((entry.path(), kind.is_dir()));
    }
    entries.sort();
    for (entry, is_dir) in entries {
        if is_dir {
            files_of(&entry, out)?;
        } else if entry.extension().is_some_and(|x| x == "txt" || x == "md") && entry.is_file() {
            out.push(entry);
        }
    }
    Ok(())
}

/// Runs `work` on the items `0..n` on `threads` threads and hands each
/// result to `write` on the calling thread, in item order. At most `window`
/// items are in progress or waiting to be written at any time, so memory
/// stays bounded however many items there are. The first error of `write`
/// stops the workers (each finishes the item it holds) and is returned.
#[cfg(test)]
fn in_order<T, W, F>(n: usize, threads: usize, window: usize, work: W, write: F) -> Result<()>
where
    T: Send,
    W: Fn(usize) -> T + Sync,
    F: FnMut(usize, T) -> Result<()>,
{
    in_order_iter(0..n, threads.clamp(1, n.max(1)), window, work, write)
}

/// [`in_order`] over the items of an iterator (the pages of a dump), taken
/// one at a time by the workers, so that at most `window` items are read
/// ahead of the writer. `write` gets each item's position and result.
pub(crate) fn in_order_iter<I, T, W, F>(
    items: I,
    threads: usize,
    window: usize,
    work: W,
    mut write: F,
) -> Result<()>
where
    I: Iterator + Send,
    T: Send,
    W: Fn(I::Item) -> T + Sync,
    F: FnMut(usize, T) -> Result<()>,
{
    /// What the workers share: the items, the next one's position, how
    /// many are written.
    struct Gate<I> {
        items: I,
        next: usize,
        written: usize,
        stop: bool,
    }
    let window = window.max(1);
    let gate = Mutex::new(Gate {
        items,
        next: 0,
        written: 0,
        stop: false,
    });
    let moved = Condvar::new();
    // Never more than `window` results exist at once, so sends never block.
    let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, T)>(window);
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            let (tx, gate, moved, work) = (tx.clone(), &gate, &moved, &work);
            scope.spawn(move || loop {
                let (position, item) = {
                    let mut g = gate.lock().unwrap_or_else(PoisonError::into_inner);
                    loop {
                        if g.stop {
                            return;
                        }
                        if g.next < g.written + window {
                            break;
                        }
                        g = moved.wait(g).unwrap_or_else(PoisonError::into_inner);
                    }
                    let Some(item) = g.items.next() else {
                        g.stop = true;
                        moved.notify_all();
                        return;
                    };
                    g.next += 1;
                    (g.next - 1, item)
                };
                if tx.send((position, work(item))).is_err() {
                    return;
                }
            });
        }
        drop(tx);
        let mut written = 0;
        let mut pending = BTreeMap::new();
        let mut result = Ok(());
        'receive: for (item, out) in &rx {
            pending.insert(item, out);
            while let Some(out) = pending.remove(&written) {
                result = write(written, out);
                if result.is_err() {
                    break 'receive;
                }
                written += 1;
                gate.lock().unwrap_or_else(PoisonError::into_inner).written = written;
                moved.notify_all();
            }
        }
        gate.lock().unwrap_or_else(PoisonError::into_inner).stop = true;
        moved.notify_all();
        drop(rx);
        result
    })
}

/// A progress bar on standard error when it is a terminal (documents done
/// of all, MB/s, time left), else one that draws nothing.
fn progress(inputs: &[Input]) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let total = inputs.iter().filter_map(|i| i.bytes).sum();
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template(
        "{spinner} {msg} documents [{elapsed_precise}] {wide_bar} {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec}, ETA {eta}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message(format!("0/{}", inputs.len()));
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// What a run did.
#[derive(Default)]
struct Tally {
    new: usize,
    same: usize,
    replaced: usize,
    failed: usize,
    bytes: usize,
}

/// Documents per transaction, and text per transaction, at most: one commit
/// per batch rather than per document keeps the writer from waiting on
/// commits, and a batch is still small enough to redo after a crash.
pub(crate) const BATCH_DOCUMENTS: usize = 16;
pub(crate) const BATCH_BYTES: usize = 4 << 20;

/// The documents annotated but not yet written, written together.
struct Batch {
    documents: Vec<(String, Annotated)>,
    bytes: usize,
}

impl Batch {
    /// Writes the batch in one transaction and counts what it did.
    fn flush(&mut self, store: &mut annals_store::Store, tally: &mut Tally) -> Result<()> {
        if self.documents.is_empty() {
            return Ok(());
        }
        let docs: Vec<(&annals_core::Document, annals_store::Layers)> = self
            .documents
            .iter()
            .map(|(_, a)| (&a.doc, a.layers()))
            .collect();
        let outcomes = store.ingest_many(&docs).with_context(|| {
            let names: Vec<&str> = self.documents.iter().map(|(n, _)| n.as_str()).collect();
            format!("{}: cannot write them into the record", names.join(", "))
        })?;
        for (outcome, (_, annotated)) in outcomes.iter().zip(&self.documents) {
            match outcome {
                annals_store::Outcome::New => tally.new += 1,
                annals_store::Outcome::Unchanged => tally.same += 1,
                annals_store::Outcome::Replaced => tally.replaced += 1,
            }
            tally.bytes += annotated.doc.text.len();
        }
        self.documents.clear();
        self.bytes = 0;
        Ok(())
    }
}

pub(crate) fn run(args: IngestArgs) -> Result<()> {
    let inputs = inputs(&args.paths)?;
    let db = match args.db {
        Some(db) => db,
        None => default_db()?,
    };
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let mut store = annals_store::Store::open(&db)?;
    let format = args.input_format.format();
    let threads = args.threads.map_or_else(
        || std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get),
        usize::from,
    );
    let bar = progress(&inputs);
    let started = std::time::Instant::now();
    let mut tally = Tally::default();
    let mut batch = Batch {
        documents: Vec::new(),
        bytes: 0,
    };
    let stderr = std::io::stderr();
    let options = crate::dump::options(args.title.as_deref(), args.limit)?;
    let names: Vec<String> = inputs.iter().map(Input::name).collect();
    let dumps = inputs
        .iter()
        .any(|i| matches!(&i.source, Source::File(p) if crate::dump::is_dump(p) || is_parquet(p)));
    let title = args
        .title
        .as_deref()
        .map(regex::Regex::new)
        .transpose()
        .context("--title is not a valid regular expression")?;
    let jobs = inputs.iter().zip(&names).flat_map(|(input, name)| {
        let jobs: Box<dyn Iterator<Item = Job<'_>> + Send> = match &input.source {
            Source::File(path) if crate::dump::is_dump(path) => {
                match annals_dump::Pages::open_with(path, options.clone()) {
                    Ok(pages) => Box::new(DumpJobs {
                        pages,
                        file: name.as_str(),
                        last: 0,
                    }),
                    Err(e) => Box::new(std::iter::once(Job::Unopened(e, input.bytes))),
                }
            }
            Source::File(path) if is_parquet(path) => {
                parquet_jobs(path, name.as_str(), title.as_ref(), args.limit)
            }
            _ => Box::new(std::iter::once(Job::File(input))),
        };
        jobs
    });
    let written = in_order_iter(
        jobs,
        threads,
        4 * threads,
        |job| job.run(format, &db),
        |i, done| {
            let Done {
                name,
                result,
                bytes: known,
            } = done;
            match result {
                Err(e) => {
                    tally.failed += 1;
                    let message = format!("{e:#}");
                    let message = if message.contains(&name) {
                        message
                    } else {
                        format!("{name}: {message}")
                    };
                    bar.suspend(|| writeln!(stderr.lock(), "annals: {message}"))?;
                    if let Some(bytes) = known {
                        bar.inc(bytes);
                    }
                }
                Ok(Work::Stored(bytes)) => {
                    tally.same += 1;
                    tally.bytes += bytes;
                    match known {
                        Some(known) => bar.inc(known),
                        None => {
                            bar.inc_length(bytes as u64);
                            bar.inc(bytes as u64);
                        }
                    }
                }
                Ok(Work::Annotated(annotated)) => {
                    let bytes = annotated.doc.text.len();
                    batch.bytes += bytes;
                    batch.documents.push((name, *annotated));
                    if batch.documents.len() >= BATCH_DOCUMENTS || batch.bytes >= BATCH_BYTES {
                        batch.flush(&mut store, &mut tally)?;
                    }
                    match known {
                        Some(known) => bar.inc(known),
                        None => {
                            bar.inc_length(bytes as u64);
                            bar.inc(bytes as u64);
                        }
                    }
                }
            }
            if dumps {
                bar.set_message(format!("{}", i + 1));
            } else {
                bar.set_message(format!("{}/{}", i + 1, inputs.len()));
            }
            Ok(())
        },
    );
    let written = written.and_then(|()| batch.flush(&mut store, &mut tally));
    bar.finish_and_clear();
    written?;
    let seconds = started.elapsed().as_secs_f64().max(1e-9);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let Tally {
        new,
        same,
        replaced,
        failed,
        bytes,
    } = tally;
    writeln!(
        out,
        "{new} new, {same} unchanged, {replaced} replaced, {failed} failed ({:.2} MB in {seconds:.2} s) into {}",
        bytes as f64 / 1e6,
        db.display()
    )?;
    let mut counts = Vec::new();
    for table in [
        "documents",
        "sentences",
        "timexes",
        "mentions",
        "events",
        "measures",
    ] {
        counts.push(format!("{} {table}", store.count(table)?));
    }
    writeln!(out, "the record holds {}", counts.join(", "))?;
    if failed > 0 {
        bail!("{failed} document(s) could not be read; the others are in the record");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::in_order;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn results_come_in_order_within_the_window() {
        let busy = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let mut seen = Vec::new();
        in_order(
            200,
            4,
            6,
            |i| {
                let now = busy.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                // Later items finish sooner, so they arrive out of order.
                std::thread::sleep(std::time::Duration::from_micros(((7 - i % 7) * 50) as u64));
                busy.fetch_sub(1, Ordering::SeqCst);
                i * 2
            },
            |i, out| {
                assert_eq!(out, i * 2);
                seen.push(i);
                Ok(())
            },
        )
        .expect("every item is written");
        assert_eq!(seen, (0..200).collect::<Vec<_>>());
        assert!(most.load(Ordering::SeqCst) <= 4);
    }

    #[test]
    fn the_first_write_error_stops_the_workers() {
        let started = AtomicUsize::new(0);
        let err = in_order(
            1000,
            3,
            5,
            |i| {
                started.fetch_add(1, Ordering::SeqCst);
                i
            },
            |i, _| {
                if i == 10 {
                    anyhow::bail!("disk full at {i}");
                }
                Ok(())
            },
        )
        .expect_err("the error is returned");
        assert_eq!(err.to_string(), "disk full at 10");
        // Items beyond the window after the failing one were never begun.
        assert!(started.load(Ordering::SeqCst) <= 10 + 5 + 1);
    }

    #[test]
    fn no_items_is_fine() {
        in_order(0, 2, 8, |i| i, |_, _| Ok(())).expect("nothing to do");
    }

    #[test]
    fn a_document_the_record_holds_unchanged_is_not_annotated_again() {
        use super::{annotate_new, Work};
        let dir = tempfile::tempdir().expect("a temporary folder");
        let db = dir.path().join("annals.db");
        let read = |text: &str| {
            annals_text::read_bytes("note.txt", text.as_bytes(), annals_text::Format::Plain)
                .map_err(anyhow::Error::from)
        };
        let text = "Japan recognized the Soviet Union in 1925.";
        // Not in the record yet (and no record at all): annotated.
        let Ok(Work::Annotated(first)) = annotate_new(&db, "document", || read(text)) else {
            panic!("a new document is annotated");
        };
        let mut store = annals_store::Store::open(&db).expect("a record");
        store.ingest(&first.doc, &first.layers()).expect("written");
        // Each test runs on its own thread, so this thread's view opens now.
        std::thread::scope(|scope| {
            scope.spawn(|| {
                let same = annotate_new(&db, "document", || read(text)).expect("reads");
                assert!(matches!(same, Work::Stored(n) if n == text.len()));
                let changed = annotate_new(&db, "document", || read("Japan waited."));
                assert!(matches!(changed, Ok(Work::Annotated(_))));
            });
        });
    }
}
