//! Wikipedia XML dumps on the command line: which paths are dumps, how a
//! page becomes a document, and `annals tag --format ndjson DUMP`.

use crate::record::{annotate_all, Annotated};
use annals_core::Document;
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

/// A page's wikitext read into a document named `name`.
pub(crate) fn page_document(name: &str, page: &annals_dump::Page) -> Result<Document> {
    let wiki = annals_wiki::read_wikitext(name, Some(&page.title), &page.text)
        .map_err(|e| anyhow!("cannot read its wikitext: {e}"))?;
    Ok(wiki.doc)
}

/// Reads and annotates a page; a panic of the pipeline (a bug) fails this
/// page only.
pub(crate) fn annotate_page(name: &str, page: &annals_dump::Page) -> Result<Annotated> {
    let run = || page_document(name, page).map(annotate_all);
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(anyhow!("the pipeline failed on this page (a bug): {what}"))
    })
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
            let line = serde_json::json!({
                "id": page.id,
                "title": page.title,
                "document": name,
                "text": a.doc.text,
                "timexes": a.timexes,
                "entities": a.mentions,
                "events": a.events,
                "measures": a.measures,
            });
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
