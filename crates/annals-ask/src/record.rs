//! Answers that read the whole record: which entity a name stands for, and
//! the cooperation–conflict index over every stored document.

use annals_events::index::{Dyad, Period, Row};
use annals_store::{Error, Store};
use serde::Serialize;

/// The link a name stands for in the record: a link itself, a form the
/// texts use (any case), or what the entity layer links the name to.
pub fn resolve(store: &Store, name: &str) -> Result<Option<String>, Error> {
    if let Some(link) = store.resolve_entity(name)? {
        return Ok(Some(link));
    }
    let Ok(doc) = annals_text::read_bytes("name", name.as_bytes(), annals_text::Format::Plain)
    else {
        return Ok(None);
    };
    let sentences = annals_text::segment(&doc);
    for m in annals_entities::tag_document(&doc, &sentences, &[]) {
        if let Some(link) = m.link {
            if let Some(found) = store.resolve_entity(&link)? {
                return Ok(Some(found));
            }
        }
    }
    Ok(None)
}

/// The index of the whole record for a dyad.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordIndex {
    /// The dyad: given, or the two states the record names most.
    pub dyad: Dyad,
    /// The periods in order (years and decades in time order, sections in
    /// document order, named with their document's title when the record
    /// holds several).
    pub rows: Vec<Row>,
    /// Documents read.
    pub documents: usize,
}

/// The cooperation–conflict index over every document of the record: each
/// document's index, periods of the same name added up. `None` when no
/// dyad is given and the record names fewer than two states.
pub fn index(store: &Store, given: Option<Dyad>, by: Period) -> Result<Option<RecordIndex>, Error> {
    let docs = store.documents()?;
    let mut loaded = Vec::with_capacity(docs.len());
    for d in &docs {
        if let Some(l) = store.load(&d.name)? {
            loaded.push(l);
        }
    }
    let dyad = match given {
        Some(d) => d,
        None => {
            let all: Vec<annals_core::Mention> =
                loaded.iter().flat_map(|l| l.mentions.clone()).collect();
            match Dyad::main_of(&all) {
                Some(d) => d,
                None => return Ok(None),
            }
        }
    };
    let mut merged: Vec<(String, Row)> = Vec::new();
    for (n, l) in loaded.iter().enumerate() {
        let rows = annals_events::index::index(&l.doc, &l.sentences, &l.events, &dyad, by);
        for (i, mut row) in rows.into_iter().enumerate() {
            let key = match by {
                Period::Section => {
                    if docs.len() > 1 {
                        let title = docs[n]
                            .title
                            .clone()
                            .unwrap_or_else(|| docs[n].name.clone());
                        row.period = format!("{title}: {}", row.period);
                    }
                    format!("{n:06}{i:06}")
                }
                _ => row.period.clone(),
            };
            match merged.iter_mut().find(|(k, _)| *k == key) {
                Some((_, old)) => {
                    old.count += row.count;
                    old.sum += row.sum;
                    old.hypothetical += row.hypothetical;
                    old.mean = old.sum / old.count.max(1) as f64;
                    old.top.extend(row.top);
                    old.top
                        .sort_by(|x, y| y.goldstein.abs().total_cmp(&x.goldstein.abs()));
                    old.top.truncate(3);
                }
                None => merged.push((key, row)),
            }
        }
    }
    if by != Period::Section {
        merged.sort_by(|a, b| a.0.cmp(&b.0));
    }
    Ok(Some(RecordIndex {
        dyad,
        rows: merged.into_iter().map(|(_, r)| r).collect(),
        documents: docs.len(),
    }))
}
