//! Wikipedia XML dumps on the command line: which paths are dumps, how a
//! page becomes a document, and `annals tag --format ndjson DUMP`.

use crate::record::{annotate_linked, Annotated, Linked};
use anyhow::{anyhow, Result};
use std::io::Write;
use std::path::Path;

/// Whether a path names a MediaWiki XML export: `.xml`, `.xml.bz2` (or any
/// `.bz2`, which no text reader takes).
pub(crate) fn is_dump(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    name.ends_with(".xml") || name.ends_with(".bz2")
}

/// The dump reader's options for `--title` and `--limit`: article pages
/// only, no redirects.
pub(crate) fn options(title: Option<&str>, limit: Option<usize>) -> Result<annals_dump::Options> {
    let title = title
        .map(regex::Regex::new)
        .transpose()
        .map_err(|e| anyhow!("--title: not a valid regular expression: {e}"))?;
    Ok(annals_dump::Options {
        title,
        limit,
        ..annals_dump::Options::default()
    })
}

/// The name of a page's document: `<site>:<title>` (`enwiki:Anarchism`)
/// when the export names its wiki, else `<dump file>#<page id>`.
pub(crate) fn document_name(site: Option<&str>, file: &str, page: &annals_dump::Page) -> String {
    match site.filter(|s| !s.is_empty()) {
        Some(site) => format!("{site}:{}", page.title),
        None => format!("{file}#{}", page.id),
    }
}

/// How errors name a page: its document name, id and title.
pub(crate) fn page_label(name: &str, page: &annals_dump::Page) -> String {
    format!("{name} (page {} {:?})", page.id, page.title)
}

/// A page's wikitext read into a document named `name`, with its links
/// (the answer the entity layer takes for the names they cover).
pub(crate) fn page_document(name: &str, page: &annals_dump::Page) -> Result<annals_wiki::Wiki> {
    annals_wiki::read_wikitext(name, Some(&page.title), &page.text)
        .map_err(|e| anyhow!("cannot read its wikitext: {e}"))
}

/// Reads and annotates a page; a panic of the pipeline (a bug) fails this
/// page only.
pub(crate) fn annotate_page(name: &str, page: &annals_dump::Page) -> Result<Annotated> {
    annotate_guarded(|| page_document(name, page))
}

/// Reads a document with `read` and runs the whole pipeline on it; a panic
/// of either (a bug) becomes this document's error instead of ending the run.
pub(crate) fn annotate_guarded<T: Into<Linked>>(
    read: impl FnOnce() -> Result<T>,
) -> Result<Annotated> {
    let run = || read().map(annotate_linked);
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).unwrap_or_else(|panic| {
        Err(anyhow!(
            "the pipeline failed on this page (a bug): {}",
            panic_message(panic.as_ref())
        ))
    })
}

/// What a caught panic says (its message, when it has one).
pub(crate) fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

/// The object `annals tag --format ndjson` prints for one page (and
/// `annals tag --input ndjson` for one input line): `{id, title, document,
/// text, timexes, entities, events, measures}`, the spans pointing into
/// `text`; for a page read from wikitext also `source_map`, the runs of the
/// text as `[text offset, wikitext offset, wikitext length, copied]` (a
/// copied run is the wikitext's bytes unchanged, so an offset inside it maps
/// exactly; a written run stands for the whole markup it replaces).
pub(crate) fn page_json(
    id: &serde_json::Value,
    title: &str,
    document: &str,
    a: &Annotated,
) -> serde_json::Value {
    let mut value = serde_json::json!({
        "id": id,
        "title": title,
        "document": document,
        "text": a.doc.text,
        "timexes": a.timexes,
        "entities": a.mentions,
        "events": a.events,
        "measures": a.measures,
    });
    if let (Some(source), Some(object)) = (&a.source, value.as_object_mut()) {
        let runs: Vec<serde_json::Value> = source
            .anchors()
            .iter()
            .map(|r| serde_json::json!([r.text, r.source, r.source_len, r.copied]))
            .collect();
        object.insert("source_map".into(), runs.into());
    }
    value
}

/// `annals tag --format ndjson DUMP`: one line per article page, `{id,
/// title, text, timexes, entities, events, measures}`, where `text` is the
/// plain text the annotations' byte spans point into. Pages are annotated
/// on every core and printed in dump order; a page that cannot be read is
/// reported on standard error and the run goes on (the exit status is then
/// an error).
pub(crate) fn tag_ndjson(path: &Path, title: Option<&str>, limit: Option<usize>) -> Result<()> {
    let mut pages = annals_dump::Pages::open_with(path, options(title, limit)?)?;
    let file = pages.name().to_string();
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    let items = std::iter::from_fn(|| {
        let item = pages.next()?;
        Some((item, pages.site().map(str::to_string)))
    });
    crate::ingest::in_order_iter(
        items,
        threads,
        4 * threads,
        |(item, site)| {
            item.map_err(anyhow::Error::from).map(|page| {
                let name = document_name(site.as_deref(), &file, &page);
                let result = annotate_page(&name, &page);
                (name, page, result)
            })
        },
        |_, result| {
            let (name, page, annotated) = match result {
                Ok(done) => done,
                Err(e) => {
                    failed += 1;
                    eprintln!("annals: {e:#}");
                    return Ok(());
                }
            };
            let a = match annotated {
                Ok(a) => a,
                Err(e) => {
                    failed += 1;
                    eprintln!("annals: {}: {e:#}", page_label(&name, &page));
                    return Ok(());
                }
            };
            let line = page_json(&page.id.into(), &page.title, &name, &a);
            serde_json::to_writer(&mut out, &line)?;
            out.write_all(b"\n")?;
            Ok(())
        },
    )?;
    out.flush()?;
    if failed > 0 {
        anyhow::bail!("{failed} page(s) of {file} could not be read; the others were printed");
    }
    Ok(())
}
