//! The record the query commands read: where it lives, and the pipeline that
//! fills it.

use annals_core::{Document, Timex};
use annals_time::TagOptions;
use anyhow::{bail, Result};
use std::path::PathBuf;

/// The record's default place: $XDG_DATA_HOME/annals/annals.db, else
/// ~/.local/share/annals/annals.db.
pub(crate) fn default_db() -> Result<PathBuf> {
    let base = match std::env::var_os("XDG_DATA_HOME") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => match std::env::var_os("HOME") {
            Some(home) => PathBuf::from(home).join(".local/share"),
            None => bail!("no place for the record: set --db or ANNALS_DB"),
        },
    };
    Ok(base.join("annals").join("annals.db"))
}

/// A document with every layer of the pipeline.
pub(crate) struct Annotated {
    pub(crate) doc: Document,
    pub(crate) sentences: Vec<annals_core::Sentence>,
    pub(crate) timexes: Vec<Timex>,
    pub(crate) mentions: Vec<annals_core::Mention>,
    pub(crate) events: Vec<annals_core::Event>,
    pub(crate) measures: Vec<annals_core::Measure>,
    /// For a page read from wikitext: where its text comes from.
    pub(crate) source: Option<annals_wiki::SourceMap>,
}

/// A document to annotate, with the gold links of its source when it has
/// them (a page read from wikitext: `(start, end, target)` on its text).
pub(crate) struct Linked {
    pub(crate) doc: Document,
    pub(crate) links: Vec<(usize, usize, String)>,
    pub(crate) source: Option<annals_wiki::SourceMap>,
}

impl From<Document> for Linked {
    fn from(doc: Document) -> Self {
        Linked {
            doc,
            links: Vec::new(),
            source: None,
        }
    }
}

impl From<annals_wiki::Wiki> for Linked {
    fn from(wiki: annals_wiki::Wiki) -> Self {
        let links = wiki
            .links
            .into_iter()
            .map(|l| (l.start, l.end, l.target))
            .collect();
        Linked {
            doc: wiki.doc,
            links,
            source: Some(wiki.source),
        }
    }
}

/// Runs the whole pipeline on a document.
pub(crate) fn annotate_all(doc: Document) -> Annotated {
    annotate_linked(doc)
}

/// Runs the whole pipeline on a document; a name at exactly the span of one
/// of its gold links takes the link's target as its link
/// ([`annals_entities::tag_document_with_links`]).
pub(crate) fn annotate_linked(input: impl Into<Linked>) -> Annotated {
    let Linked { doc, links, source } = input.into();
    let gold: Vec<(usize, usize, &str)> =
        links.iter().map(|(s, e, t)| (*s, *e, t.as_str())).collect();
    let sentences = annals_text::segment(&doc);
    let timexes = annals_time::tag_document(&doc, &sentences, &TagOptions::default());
    let mentions = annals_entities::tag_document_with_links(&doc, &sentences, &timexes, &gold);
    let events = annals_events::tag_document(&doc, &sentences, &timexes, &mentions);
    let measures = annals_events::measures::tag_measures(&doc, &sentences, &timexes);
    Annotated {
        doc,
        sentences,
        timexes,
        mentions,
        events,
        measures,
        source,
    }
}

impl Annotated {
    /// The layers as the record takes them.
    pub(crate) fn layers(&self) -> annals_store::Layers<'_> {
        annals_store::Layers {
            sentences: &self.sentences,
            timexes: &self.timexes,
            mentions: &self.mentions,
            events: &self.events,
            measures: &self.measures,
        }
    }
}

/// Opens the record at `db` (default: [`default_db`]). A record that does
/// not exist yet, or holds no document, first gets the built-in seed, so
/// that every query command has something to show.
pub(crate) fn open_record(db: Option<PathBuf>) -> Result<annals_store::Store> {
    use anyhow::Context;
    let path = match db {
        Some(p) => p,
        None => default_db()?,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let mut store = annals_store::Store::open(&path)?;
    if store.count("documents")? == 0 {
        let seed = annotate_all(annals_text::seed());
        store.ingest(&seed.doc, &seed.layers())?;
        eprintln!(
            "annals: {} was empty; it now holds the built-in seed (add documents with `annals ingest`)",
            path.display()
        );
    }
    Ok(store)
}
