//! `annals bench --wiki DUMP`: throughput of the Wikipedia readers on a
//! MediaWiki XML export.
//!
//! Three figures, each the best of `--runs` timings:
//!
//! - (a) streaming the dump: every page through [`annals_dump::Pages`]
//!   (decompression included), in pages/s and MB/s of XML;
//! - (b) wikitext to plain text: [`annals_wiki::read_wikitext`] on the
//!   article pages held in memory, in pages/s and MB/s of wikitext;
//! - (c) the whole pipeline from wikitext (plain text, segmentation, time,
//!   entities, events, measures) on the same pages, with one and with two
//!   threads, in pages/s and MB/s of wikitext and of plain text;
//!
//! and the peak resident memory of the process.
//!
//! `--stream-only` holds no page beyond the one being read: each page goes
//! through the dump reader and the wikitext reader once, then is dropped, so
//! a dump of any size can be measured in constant memory. `--write-pages
//! FILE` writes the article pages the figures are measured on, one JSON
//! object `{id, title, text}` per line, for the comparison with other
//! wikitext readers (`scripts/bench-wikitext`).

use crate::bench::{best, peak_kib};
use anyhow::{anyhow, bail, Context, Result};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What `annals bench --wiki` measures and how.
#[derive(Debug, Clone)]
pub struct WikiOptions {
    /// The MediaWiki XML export (`.xml` or `.xml.bz2`).
    pub dump: PathBuf,
    /// Timed runs of each measurement (the best is reported).
    pub runs: usize,
    /// Print the figures as JSON.
    pub json: bool,
    /// One pass of the dump reader and the wikitext reader, no page held.
    pub stream_only: bool,
    /// Measure (b) and (c) on the first this many article pages only.
    pub limit: Option<usize>,
    /// Write the article pages measured to this file as JSON lines.
    pub write_pages: Option<PathBuf>,
}

/// The thread counts the pipeline is measured with.
const PIPELINE_THREADS: [usize; 2] = [1, 2];

/// Megabytes (10^6 bytes) per second.
fn mb_s(bytes: u64, time: Duration) -> f64 {
    bytes as f64 / 1e6 / time.as_secs_f64().max(1e-9)
}

/// Items per second.
fn per_s(n: usize, time: Duration) -> f64 {
    n as f64 / time.as_secs_f64().max(1e-9)
}

/// What one pass of the dump reader saw.
#[derive(Debug, Default, Clone, Copy)]
struct Pass {
    /// Pages yielded (every namespace, redirects included).
    pages: usize,
    /// Article pages (namespace 0, no redirect) among them.
    articles: usize,
    /// Malformed pages the reader skipped.
    errors: usize,
    /// Decompressed XML read, in bytes.
    xml_bytes: u64,
    /// Wikitext of the article pages, in bytes.
    wikitext_bytes: u64,
    /// Plain text made from it (only when the wikitext reader ran).
    text_bytes: u64,
    /// Time spent in the wikitext reader (only when it ran).
    wikitext_time: Duration,
    /// The most bytes the dump reader held at once.
    max_buffer: usize,
}

/// Reads every page of the dump once; with `wikitext`, also reads each
/// article page's wikitext into plain text. No page is kept.
fn pass(path: &Path, wikitext: bool) -> Result<Pass> {
    let mut pages = annals_dump::Pages::open_with(path, annals_dump::Options::all())?;
    let mut seen = Pass::default();
    for item in pages.by_ref() {
        let page = match item {
            Ok(page) => page,
            Err(e) if e.fatal => return Err(anyhow!(e)),
            Err(_) => {
                seen.errors += 1;
                continue;
            }
        };
        seen.pages += 1;
        if page.ns != annals_dump::ARTICLES || page.redirect.is_some() {
            continue;
        }
        seen.articles += 1;
        seen.wikitext_bytes += page.text.len() as u64;
        if wikitext {
            let start = Instant::now();
            let wiki = annals_wiki::read_wikitext("bench", Some(&page.title), &page.text)?;
            seen.wikitext_time += start.elapsed();
            seen.text_bytes += wiki.doc.text.len() as u64;
        }
    }
    seen.xml_bytes = pages.position();
    seen.max_buffer = pages.max_buffer();
    Ok(seen)
}

/// The article pages of the dump (at most `limit`), in memory.
fn load(path: &Path, limit: Option<usize>) -> Result<Vec<annals_dump::Page>> {
    let options = annals_dump::Options {
        limit,
        ..annals_dump::Options::default()
    };
    let mut pages = Vec::new();
    for item in annals_dump::Pages::open_with(path, options)? {
        match item {
            Ok(page) => pages.push(page),
            Err(e) if e.fatal => return Err(anyhow!(e)),
            Err(e) => eprintln!("annals: bench: skipped a malformed page: {e}"),
        }
    }
    if pages.is_empty() {
        bail!("{}: no article page to measure", path.display());
    }
    Ok(pages)
}

/// Writes the pages as JSON lines `{id, title, text}`.
fn write_pages(path: &Path, pages: &[annals_dump::Page]) -> Result<()> {
    let file =
        std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut out = std::io::BufWriter::new(file);
    for page in pages {
        let line = serde_json::json!({"id": page.id, "title": page.title, "text": page.text});
        serde_json::to_writer(&mut out, &line)?;
        out.write_all(b"\n")?;
    }
    out.flush()
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Runs `annals bench --wiki` and prints its figures.
pub fn run(options: &WikiOptions) -> Result<()> {
    if options.stream_only {
        if options.write_pages.is_some() {
            bail!("--write-pages holds the pages in memory: leave out --stream-only");
        }
        return stream_only(options);
    }
    let runs = options.runs.max(1);
    let path = options.dump.as_path();
    let file_bytes = std::fs::metadata(path)
        .with_context(|| format!("cannot read {}", path.display()))?
        .len();

    // (a) Streaming: every page, decompression included.
    let mut streamed = Pass::default();
    let stream_time = best(runs, || {
        streamed = pass(path, false)?;
        Ok(())
    })?;

    let pages = load(path, options.limit)?;
    if let Some(out) = &options.write_pages {
        write_pages(out, &pages)?;
    }
    let wikitext_bytes: u64 = pages.iter().map(|p| p.text.len() as u64).sum();

    // (b) Wikitext to plain text, one thread.
    let mut text_bytes = 0u64;
    let wikitext_time = best(runs, || {
        text_bytes = 0;
        for page in &pages {
            let wiki = annals_wiki::read_wikitext("bench", Some(&page.title), &page.text)?;
            text_bytes += wiki.doc.text.len() as u64;
        }
        Ok(())
    })?;

    // (c) The whole pipeline from wikitext, on 1 and 2 threads.
    let names: Vec<String> = pages.iter().map(|p| format!("bench:{}", p.title)).collect();
    let mut pipeline = Vec::new();
    let mut sentences = 0usize;
    for threads in PIPELINE_THREADS {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()?;
        let time = pool.install(|| {
            best(runs, || {
                sentences = pages
                    .par_iter()
                    .zip(&names)
                    .map(|(page, name)| {
                        crate::dump::annotate_page(name, page).map(|a| a.sentences.len())
                    })
                    .try_reduce(|| 0, |a, b| Ok(a + b))?;
                Ok(())
            })
        })?;
        pipeline.push((threads, time));
    }
    let peak = peak_kib();

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let n = pages.len();
    if options.json {
        let value = serde_json::json!({
            "dump": path.display().to_string(),
            "file_bytes": file_bytes,
            "runs": runs,
            "stream": {
                "pages": streamed.pages,
                "article_pages": streamed.articles,
                "errors": streamed.errors,
                "xml_bytes": streamed.xml_bytes,
                "seconds": stream_time.as_secs_f64(),
                "pages_per_s": per_s(streamed.pages, stream_time),
                "xml_mb_per_s": mb_s(streamed.xml_bytes, stream_time),
                "file_mb_per_s": mb_s(file_bytes, stream_time),
                "reader_max_buffer_bytes": streamed.max_buffer,
            },
            "pages": n,
            "wikitext_bytes": wikitext_bytes,
            "text_bytes": text_bytes,
            "sentences": sentences,
            "wikitext": {
                "seconds": wikitext_time.as_secs_f64(),
                "pages_per_s": per_s(n, wikitext_time),
                "mb_per_s": mb_s(wikitext_bytes, wikitext_time),
                "text_mb_per_s": mb_s(text_bytes, wikitext_time),
            },
            "pipeline": pipeline.iter().map(|(threads, time)| serde_json::json!({
                "threads": threads,
                "seconds": time.as_secs_f64(),
                "pages_per_s": per_s(n, *time),
                "mb_per_s": mb_s(wikitext_bytes, *time),
                "text_mb_per_s": mb_s(text_bytes, *time),
                "sentences_per_s": per_s(sentences, *time),
            })).collect::<Vec<_>>(),
            "peak_rss_kib": peak,
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        return Ok(());
    }
    writeln!(
        out,
        "{}: {:.2} MB on disk, {:.2} MB of XML, {} pages ({} articles); measured on {n} article pages: {:.2} MB of wikitext, {:.2} MB of plain text, {sentences} sentences",
        path.display(),
        file_bytes as f64 / 1e6,
        streamed.xml_bytes as f64 / 1e6,
        streamed.pages,
        streamed.articles,
        wikitext_bytes as f64 / 1e6,
        text_bytes as f64 / 1e6,
    )?;
    writeln!(
        out,
        "{:<58} {:>9} {:>9} {:>10} {:>10}",
        "stage", "pages/s", "MB/s", "MB/s text", "time"
    )?;
    writeln!(
        out,
        "{:<58} {:>9.0} {:>9.2} {:>10} {:>10.3?}",
        "(a) stream the dump (MB/s of XML), one thread",
        per_s(streamed.pages, stream_time),
        mb_s(streamed.xml_bytes, stream_time),
        "",
        stream_time
    )?;
    writeln!(
        out,
        "{:<58} {:>9.0} {:>9.2} {:>10.2} {:>10.3?}",
        "(b) wikitext -> plain text (MB/s of wikitext), one thread",
        per_s(n, wikitext_time),
        mb_s(wikitext_bytes, wikitext_time),
        mb_s(text_bytes, wikitext_time),
        wikitext_time
    )?;
    for (threads, time) in &pipeline {
        writeln!(
            out,
            "{:<58} {:>9.1} {:>9.2} {:>10.2} {:>10.3?}",
            format!(
                "(c) wikitext -> ... -> events+measures, {threads} thread{}",
                if *threads == 1 { "" } else { "s" }
            ),
            per_s(n, *time),
            mb_s(wikitext_bytes, *time),
            mb_s(text_bytes, *time),
            time
        )?;
    }
    crate::bench::write_peak(&mut out, peak)?;
    Ok(())
}

/// `--stream-only`: one pass of the dump reader and the wikitext reader
/// over the whole dump, holding one page at a time.
fn stream_only(options: &WikiOptions) -> Result<()> {
    let path = options.dump.as_path();
    let file_bytes = std::fs::metadata(path)
        .with_context(|| format!("cannot read {}", path.display()))?
        .len();
    let start = Instant::now();
    let seen = pass(path, true)?;
    let time = start.elapsed();
    let peak = peak_kib();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if options.json {
        let value = serde_json::json!({
            "dump": path.display().to_string(),
            "stream_only": true,
            "file_bytes": file_bytes,
            "pages": seen.pages,
            "article_pages": seen.articles,
            "errors": seen.errors,
            "xml_bytes": seen.xml_bytes,
            "wikitext_bytes": seen.wikitext_bytes,
            "text_bytes": seen.text_bytes,
            "seconds": time.as_secs_f64(),
            "pages_per_s": per_s(seen.pages, time),
            "xml_mb_per_s": mb_s(seen.xml_bytes, time),
            "wikitext_seconds": seen.wikitext_time.as_secs_f64(),
            "wikitext_mb_per_s": mb_s(seen.wikitext_bytes, seen.wikitext_time),
            "reader_max_buffer_bytes": seen.max_buffer,
            "peak_rss_kib": peak,
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        return Ok(());
    }
    writeln!(
        out,
        "{}: {:.1} MB on disk, {:.1} MB of XML, {} pages ({} articles, {:.1} MB of wikitext, {:.1} MB of plain text), {} malformed",
        path.display(),
        file_bytes as f64 / 1e6,
        seen.xml_bytes as f64 / 1e6,
        seen.pages,
        seen.articles,
        seen.wikitext_bytes as f64 / 1e6,
        seen.text_bytes as f64 / 1e6,
        seen.errors
    )?;
    writeln!(
        out,
        "stream + wikitext -> plain text, one pass, one thread: {:.2?}, {:.0} pages/s, {:.1} MB/s of XML",
        time,
        per_s(seen.pages, time),
        mb_s(seen.xml_bytes, time)
    )?;
    writeln!(
        out,
        "of which wikitext -> plain text: {:.2?}, {:.1} MB/s of wikitext",
        seen.wikitext_time,
        mb_s(seen.wikitext_bytes, seen.wikitext_time)
    )?;
    writeln!(
        out,
        "dump reader's largest buffer: {:.2} MiB",
        seen.max_buffer as f64 / (1 << 20) as f64
    )?;
    crate::bench::write_peak(&mut out, peak)?;
    Ok(())
}
