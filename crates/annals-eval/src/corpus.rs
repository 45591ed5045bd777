//! Loading the gold corpora of `shared/eval/`: their documents, texts, timexes
//! and (for the seed) entity mentions, events and measures.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::record::read_lines;
use crate::{
    read_entity_jsonl, read_event_jsonl, read_jsonl, read_measure_jsonl, EntityRecord, Error,
    EventRecord, MeasureRecord, TimexRecord,
};

/// A gold corpus: documents with their text files and gold timexes.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldCorpus {
    /// The corpus name (`seed`, `wikiwars`).
    pub name: String,
    /// The documents, in the corpus's order.
    pub docs: Vec<GoldDoc>,
}

/// One gold document.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldDoc {
    /// The document id (`01_WW2`; for the seed, its text file's stem).
    pub id: String,
    /// The document's UTF-8 text; gold spans are byte offsets into it.
    pub text_path: PathBuf,
    /// The document creation time, when the corpus gives one.
    pub dct: Option<String>,
    /// The gold timexes, in file order; each names this document in `doc`.
    pub gold: Vec<TimexRecord>,
}

/// A line of WikiWars' `docs.jsonl` (other fields ignored).
#[derive(Deserialize)]
struct DocLine {
    doc: String,
    #[serde(default)]
    dct: Option<String>,
}

impl GoldCorpus {
    /// The seed corpus: gold `seed/timex.jsonl` under `shared_eval_dir`, text the
    /// single `.txt` file in `shared_eval_dir/../seeds/`.
    ///
    /// ```no_run
    /// let corpus = annals_eval::GoldCorpus::seed("shared/eval".as_ref())?;
    /// assert_eq!(corpus.docs.len(), 1);
    /// # Ok::<(), annals_eval::Error>(())
    /// ```
    pub fn seed(shared_eval_dir: &Path) -> Result<Self, Error> {
        let (id, text_path) = seed_text(shared_eval_dir)?;
        let mut gold = read_jsonl(&shared_eval_dir.join("seed").join("timex.jsonl"))?;
        for record in &mut gold {
            record.doc = Some(id.clone());
        }
        let docs = vec![GoldDoc {
            id,
            text_path,
            dct: None,
            gold,
        }];
        Ok(GoldCorpus {
            name: "seed".to_owned(),
            docs,
        })
    }

    /// WikiWars as distributed in `shared/eval/wikiwars/`: documents from
    /// `docs.jsonl`, texts `docs/DOCID.txt`, gold `timex.jsonl` grouped by `doc`.
    ///
    /// ```no_run
    /// let corpus = annals_eval::GoldCorpus::wikiwars("shared/eval/wikiwars".as_ref())?;
    /// assert_eq!(corpus.docs[0].id, "01_WW2");
    /// # Ok::<(), annals_eval::Error>(())
    /// ```
    pub fn wikiwars(dir: &Path) -> Result<Self, Error> {
        let lines: Vec<DocLine> = read_lines(&dir.join("docs.jsonl"))?;
        let mut docs = Vec::with_capacity(lines.len());
        for DocLine { doc, dct } in lines {
            let text_path = dir.join("docs").join(format!("{doc}.txt"));
            if !text_path.is_file() {
                return Err(Error::MissingText {
                    doc,
                    path: text_path,
                });
            }
            docs.push(GoldDoc {
                id: doc,
                text_path,
                dct,
                gold: Vec::new(),
            });
        }
        let timex_path = dir.join("timex.jsonl");
        for record in read_jsonl(&timex_path)? {
            let doc = record.doc.as_deref().unwrap_or("");
            let Some(target) = docs.iter_mut().find(|d| d.id == doc) else {
                return Err(Error::UnknownDocument {
                    path: timex_path,
                    id: record.id.unwrap_or_default(),
                    doc: doc.to_owned(),
                });
            };
            target.gold.push(record);
        }
        Ok(GoldCorpus {
            name: "wikiwars".to_owned(),
            docs,
        })
    }

    /// Every gold record of every document, in order.
    pub fn gold(&self) -> impl Iterator<Item = &TimexRecord> {
        self.docs.iter().flat_map(|d| d.gold.iter())
    }
}

/// The seed's text: its id (the file stem) and its path, the single `.txt` file
/// in `shared_eval_dir/../seeds/`.
fn seed_text(shared_eval_dir: &Path) -> Result<(String, PathBuf), Error> {
    let seeds = shared_eval_dir.join("..").join("seeds");
    let listing = std::fs::read_dir(&seeds).map_err(|error| Error::Read {
        path: seeds.clone(),
        error,
    })?;
    let mut texts = Vec::new();
    for entry in listing {
        let path = entry
            .map_err(|error| Error::Read {
                path: seeds.clone(),
                error,
            })?
            .path();
        if path.extension().is_some_and(|e| e == "txt") {
            texts.push(path);
        }
    }
    let text_path = match <[PathBuf; 1]>::try_from(texts) {
        Ok([path]) => path,
        Err(texts) => {
            return Err(Error::SeedText {
                dir: seeds,
                found: texts.len(),
            })
        }
    };
    let id = text_path
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((id, text_path))
}

/// The entity gold of one document: its mentions, with the document's text.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityGold {
    /// The document id (for the seed, its text file's stem).
    pub doc: String,
    /// The document's UTF-8 text; gold spans are byte offsets into it.
    pub text_path: PathBuf,
    /// The gold mentions, in file order; each names this document in `doc`.
    pub gold: Vec<EntityRecord>,
}

impl EntityGold {
    /// The seed's entity gold: `seed/entities.jsonl` under `shared_eval_dir`,
    /// text the single `.txt` file in `shared_eval_dir/../seeds/` (as for
    /// [`GoldCorpus::seed`]).
    ///
    /// ```no_run
    /// let seed = annals_eval::EntityGold::seed("shared/eval".as_ref())?;
    /// assert!(seed.gold.iter().all(|m| m.doc.as_deref() == Some(seed.doc.as_str())));
    /// # Ok::<(), annals_eval::Error>(())
    /// ```
    pub fn seed(shared_eval_dir: &Path) -> Result<Self, Error> {
        let (doc, text_path) = seed_text(shared_eval_dir)?;
        let mut gold = read_entity_jsonl(&shared_eval_dir.join("seed").join("entities.jsonl"))?;
        for record in &mut gold {
            record.doc = Some(doc.clone());
        }
        Ok(EntityGold {
            doc,
            text_path,
            gold,
        })
    }
}

/// The event and measure gold of one document, with the document's text.
#[derive(Debug, Clone, PartialEq)]
pub struct EventGold {
    /// The document id (for the seed, its text file's stem).
    pub doc: String,
    /// The document's UTF-8 text; gold spans are byte offsets into it.
    pub text_path: PathBuf,
    /// The gold events, in file order; each names this document in `doc`.
    pub events: Vec<EventRecord>,
    /// The gold measures, in file order; each names this document in `doc`.
    pub measures: Vec<MeasureRecord>,
    /// The end of the annotated region (a byte offset), when the gold covers
    /// only the start of the text: system events after it are not scored.
    pub scope_end: Option<usize>,
}

impl EventGold {
    /// The seed's event gold: `seed/events.jsonl` and `seed/measures.jsonl`
    /// under `shared_eval_dir`, text the single `.txt` file in
    /// `shared_eval_dir/../seeds/` (as for [`GoldCorpus::seed`]).
    ///
    /// ```no_run
    /// let seed = annals_eval::EventGold::seed("shared/eval".as_ref())?;
    /// assert!(seed.events.iter().all(|e| e.doc.as_deref() == Some(seed.doc.as_str())));
    /// assert!(!seed.measures.is_empty());
    /// # Ok::<(), annals_eval::Error>(())
    /// ```
    pub fn seed(shared_eval_dir: &Path) -> Result<Self, Error> {
        let (doc, text_path) = seed_text(shared_eval_dir)?;
        let seed = shared_eval_dir.join("seed");
        let mut events = read_event_jsonl(&seed.join("events.jsonl"))?;
        for event in &mut events {
            event.doc = Some(doc.clone());
        }
        let mut measures = read_measure_jsonl(&seed.join("measures.jsonl"))?;
        for measure in &mut measures {
            measure.doc = Some(doc.clone());
        }
        Ok(EventGold {
            doc,
            text_path,
            events,
            measures,
            scope_end: None,
        })
    }

    /// The project's development event gold for war narratives: every
    /// `DOC.events.jsonl` in `dev_dir` (with the annotated regions of
    /// `dev_dir/scope.tsv`, `DOC<TAB>END_BYTE`), over the texts in
    /// `wikiwars_dir/docs/DOC.txt`. Documents in file-name order.
    pub fn war_dev_set(dev_dir: &Path, wikiwars_dir: &Path) -> Result<Vec<Self>, Error> {
        let scope_path = dev_dir.join("scope.tsv");
        let mut scopes = std::collections::HashMap::new();
        if scope_path.exists() {
            let text = std::fs::read_to_string(&scope_path).map_err(|error| Error::Read {
                path: scope_path.clone(),
                error,
            })?;
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() || line.starts_with('#') {
                    continue;
                }
                let parsed = line.split_once('\t').and_then(|(doc, end)| {
                    Some((doc.to_string(), end.trim().parse::<usize>().ok()?))
                });
                let Some((doc, end)) = parsed else {
                    return Err(Error::Record {
                        path: scope_path.clone(),
                        line: i + 1,
                        column: 1,
                        reason: "expected DOC<TAB>END_BYTE".into(),
                    });
                };
                scopes.insert(doc, end);
            }
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(dev_dir)
            .map_err(|error| Error::Read {
                path: dev_dir.to_path_buf(),
                error,
            })?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().ends_with(".events.jsonl"))
            .collect();
        files.sort();
        let mut out = Vec::new();
        for path in files {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let doc = name.trim_end_matches(".events.jsonl").to_string();
            let mut events = read_event_jsonl(&path)?;
            for event in &mut events {
                event.doc = Some(doc.clone());
            }
            out.push(EventGold {
                text_path: wikiwars_dir.join("docs").join(format!("{doc}.txt")),
                scope_end: scopes.get(&doc).copied(),
                doc,
                events,
                measures: Vec::new(),
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wikiwars_errors_name_the_file() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        std::fs::create_dir(dir.path().join("docs"))?;
        std::fs::write(
            dir.path().join("docs.jsonl"),
            "{\"doc\": \"a\", \"dct\": \"2009\"}\n",
        )?;
        std::fs::write(dir.path().join("docs").join("a.txt"), "In 1941.")?;
        std::fs::write(
            dir.path().join("timex.jsonl"),
            "{\"doc\": \"a\", \"start\": 3, \"end\": 7, \"text\": \"1941\"}\n",
        )?;
        let corpus = GoldCorpus::wikiwars(dir.path())?;
        assert_eq!(corpus.docs[0].dct.as_deref(), Some("2009"));
        assert_eq!(corpus.gold().count(), 1);

        std::fs::write(
            dir.path().join("timex.jsonl"),
            "{\"doc\": \"b\", \"id\": \"T1\", \"start\": 3, \"end\": 7}\n",
        )?;
        let message = GoldCorpus::wikiwars(dir.path())
            .expect_err("b is unknown")
            .to_string();
        assert!(
            message.contains("timex.jsonl") && message.contains("\"b\""),
            "{message}"
        );

        std::fs::remove_file(dir.path().join("docs").join("a.txt"))?;
        let message = GoldCorpus::wikiwars(dir.path())
            .expect_err("a.txt is gone")
            .to_string();
        assert!(message.contains("a.txt"), "{message}");
        Ok(())
    }

    #[test]
    fn seed_needs_exactly_one_text() -> Result<(), Box<dyn std::error::Error>> {
        let root = tempfile::tempdir()?;
        let eval = root.path().join("eval");
        std::fs::create_dir_all(eval.join("seed"))?;
        std::fs::create_dir(root.path().join("seeds"))?;
        std::fs::write(
            eval.join("seed").join("timex.jsonl"),
            "{\"start\": 0, \"end\": 4}\n",
        )?;
        let message = GoldCorpus::seed(&eval).expect_err("no text").to_string();
        assert!(message.contains("found 0"), "{message}");

        std::fs::write(root.path().join("seeds").join("000_x.txt"), "1941")?;
        let corpus = GoldCorpus::seed(&eval)?;
        assert_eq!(corpus.docs[0].id, "000_x");
        assert_eq!(corpus.docs[0].gold[0].doc.as_deref(), Some("000_x"));
        Ok(())
    }
}
