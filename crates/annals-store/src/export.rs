//! Exports of the record: the documents and every layer the record holds,
//! written in the formats other tools read.
//!
//! - **JSON** and **NDJSON**: one object per document with all its layers
//!   ([`DocumentRecord`]); JSON is one array, NDJSON one line per document.
//! - **CSV**: one RFC 4180 file per table of the schema, every column as
//!   stored ([`Table`]); an unquoted empty field is NULL, `""` an empty text.
//! - **TimelineJS**: the dated events as slides, each at its own precision
//!   ([`timeline_date`]).
//! - **TimeML**: a document's text with inline `TIMEX3` elements.
//! - **W3C Web Annotation**: every time expression, name, event and measure
//!   as an annotation of the document, with positions in code points.
//! - **Parquet** (with the `parquet` feature): one file per table; and
//!   [`ParquetRows`], JSON objects as the rows of one file with a nested
//!   schema (the shard mode's output).
//!
//! Every export reads the record through one [`Export`], which fixes the
//! documents it covers (all of them, in name order, or one by name); the
//! output is deterministic.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = tempfile::tempdir()?;
//! let mut store = annals_store::Store::open(&dir.path().join("annals.db"))?;
//! let doc = annals_text::read_bytes(
//!     "note.txt",
//!     b"Japan recognized the Soviet Union in 1925.",
//!     annals_text::Format::Plain,
//! )?;
//! let sentences = annals_text::segment(&doc);
//! let timexes = annals_time::tag_document(&doc, &sentences, &Default::default());
//! let layers = annals_store::Layers { sentences: &sentences, timexes: &timexes, ..Default::default() };
//! store.ingest(&doc, &layers)?;
//!
//! let export = annals_store::export::Export::new(&store, None)?;
//! let mut out = Vec::new();
//! export.timeml(&mut out, std::path::Path::new("note.tml"))?;
//! let xml = String::from_utf8(out)?;
//! assert!(xml.contains(r#"<TIMEX3 tid="t1" type="DATE" value="1925">1925</TIMEX3>"#));
//! # Ok(())
//! # }
//! ```

mod annotation;
#[cfg(feature = "parquet")]
mod columnar;
#[cfg(feature = "parquet")]
mod nested;
mod table;
mod timeline;
mod timeml;

pub use annotation::{document_iri, wikipedia_url};
#[cfg(feature = "parquet")]
pub use nested::{read_rows, ParquetRows, RowError, ROW_GROUP_BYTES};
pub use table::{write_csv, Column, ColumnType, Table, Value, TABLES};
pub use timeline::{timeline_date, TimelineDate, TimelineSpan};
pub use timeml::timeml;

use crate::Store;
use annals_core::{Event, EventDate, Measure, Trigger};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What can go wrong in an export; every error names the file it concerns.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading the record failed.
    #[error(transparent)]
    Store(#[from] crate::Error),
    /// Writing the output failed.
    #[error("{}: {source}", path.display())]
    Write {
        /// The file, folder or stream written.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The document asked for is not in the record.
    #[error("{}: no document named {name:?}", path.display())]
    NoDocument {
        /// The database file.
        path: PathBuf,
        /// The name asked for.
        name: String,
    },
    /// No table of that name is exported.
    #[error("{}: no table {name:?} (the tables are {})", path.display(), TABLES.join(", "))]
    NoTable {
        /// The database file.
        path: PathBuf,
        /// The name asked for.
        name: String,
    },
    /// An annotation's offsets do not fall on characters of its text (the
    /// record breaks an invariant: the file was changed by other means).
    #[error("{}: {id} of {doc:?} spans bytes {start}..{end}, which are not character boundaries of its text", path.display())]
    Span {
        /// The database file.
        path: PathBuf,
        /// The document's name.
        doc: String,
        /// The annotation's id.
        id: String,
        /// First byte.
        start: usize,
        /// One past the last byte.
        end: usize,
    },
    /// The text holds a character XML 1.0 cannot carry, even escaped.
    #[error("{}: document {doc:?}, byte {offset}: U+{code:04X} cannot be written in XML", path.display())]
    Xml {
        /// The output written.
        path: PathBuf,
        /// The document's name.
        doc: String,
        /// The character's byte offset in the text.
        offset: usize,
        /// The character.
        code: u32,
    },
    /// A one-document format was asked to write several documents into one
    /// stream.
    #[error("{}: {format} holds one document, and the export covers {count}; choose one document or write to a folder", path.display())]
    OneDocument {
        /// The output.
        path: PathBuf,
        /// The format.
        format: &'static str,
        /// How many documents the export covers.
        count: usize,
    },
    /// Parquet was asked of a build without the `parquet` feature.
    #[error("{}: this build cannot write Parquet (build annals-store with the `parquet` feature)", path.display())]
    NoParquet {
        /// The folder asked for.
        path: PathBuf,
    },
    /// The Parquet writer failed.
    #[cfg(feature = "parquet")]
    #[error("{}: {source}", path.display())]
    Parquet {
        /// The file written.
        path: PathBuf,
        /// What the writer said.
        source: parquet::errors::ParquetError,
    },
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Documents covered.
    pub documents: usize,
    /// Items written: documents, rows, slides or annotations, by format.
    pub items: usize,
    /// Items left out, with the reason in the format's documentation (the
    /// TimelineJS export skips dates it cannot show).
    pub skipped: usize,
    /// The files written into a folder, in order.
    pub files: Vec<PathBuf>,
}

/// A section of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionRecord {
    /// Heading depth (0 for the document's lead).
    pub level: u8,
    /// The heading's text.
    pub heading: Option<String>,
    /// First byte of the section.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
}

/// A sentence of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentenceRecord {
    /// The index of its section.
    pub section: usize,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A time expression as the record keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimexRecord {
    /// `T1`, `T2`, … in document order.
    pub id: String,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The expression as written.
    pub text: String,
    /// TIMEX3 type.
    #[serde(rename = "type")]
    pub kind: String,
    /// TIMEX3 value.
    pub value: String,
    /// TIMEX3 modifier.
    #[serde(rename = "mod", default, skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    /// EDTF form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edtf: Option<String>,
    /// First day it may denote (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earliest: Option<String>,
    /// Last day it may denote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest: Option<String>,
}

/// A name as the record keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentionRecord {
    /// `M1`, `M2`, … in document order.
    pub id: String,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The name as written.
    pub text: String,
    /// OntoNotes label.
    pub label: String,
    /// English Wikipedia title of the referent.
    pub link: Option<String>,
    /// A place standing for a government or an event.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub metonymy: bool,
    /// ISO 3166 alpha-3 code of a linked state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iso: Option<String>,
    /// Correlates of War number of a linked state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cow: Option<u16>,
}

/// A document of the record with every layer it holds: the unit of the JSON
/// and NDJSON exports, and what the other formats are made from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
    /// The document's name (its path or `seed:…`).
    pub name: String,
    /// Its title.
    pub title: Option<String>,
    /// Hex SHA-256 of the text.
    pub hash: String,
    /// Length of the text in bytes.
    pub bytes: usize,
    /// The text; every offset is a UTF-8 byte offset into it.
    pub text: String,
    /// Sections in order.
    pub sections: Vec<SectionRecord>,
    /// Sentences in order.
    pub sentences: Vec<SentenceRecord>,
    /// Time expressions in order.
    pub timexes: Vec<TimexRecord>,
    /// Names in order.
    pub mentions: Vec<MentionRecord>,
    /// Events in order.
    pub events: Vec<Event>,
    /// Measures in order.
    pub measures: Vec<Measure>,
}

/// One export's view of the record: the documents it covers.
#[derive(Debug)]
pub struct Export<'a> {
    store: &'a Store,
    /// (row id, name) of each document covered, in name order.
    documents: Vec<(i64, String)>,
}

impl<'a> Export<'a> {
    /// An export of every document of the record, or of the one named
    /// `only` (an error if there is none of that name).
    pub fn new(store: &'a Store, only: Option<&str>) -> Result<Export<'a>, Error> {
        let sql = |e| store_error(store, e);
        let mut st = store
            .conn
            .prepare("SELECT id, name FROM documents WHERE ?1 IS NULL OR name = ?1 ORDER BY name")
            .map_err(sql)?;
        let documents = st
            .query_map(params![only], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(sql)?
            .collect::<Result<Vec<(i64, String)>, _>>()
            .map_err(sql)?;
        if let (Some(name), true) = (only, documents.is_empty()) {
            return Err(Error::NoDocument {
                path: store.path.clone(),
                name: name.to_string(),
            });
        }
        Ok(Export { store, documents })
    }

    /// The names of the documents covered, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.documents.iter().map(|(_, name)| name.as_str())
    }

    /// The documents covered, read one at a time.
    pub fn records(&self) -> impl Iterator<Item = Result<DocumentRecord, Error>> + '_ {
        self.documents
            .iter()
            .map(|(id, _)| self.record(*id).map_err(|e| store_error(self.store, e)))
    }

    fn sql(&self, e: rusqlite::Error) -> Error {
        store_error(self.store, e)
    }

    /// One document and its layers.
    fn record(&self, id: i64) -> Result<DocumentRecord, rusqlite::Error> {
        let conn = &self.store.conn;
        let (name, title, hash, bytes, text) = conn.query_row(
            "SELECT name, title, hash, bytes, text FROM documents WHERE id = ?1",
            params![id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        let sections = conn
            .prepare("SELECT level, heading, start, end FROM sections WHERE doc = ?1 ORDER BY idx")?
            .query_map(params![id], |r| {
                Ok(SectionRecord {
                    level: r.get(0)?,
                    heading: r.get(1)?,
                    start: r.get(2)?,
                    end: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let sentences = conn
            .prepare("SELECT section, start, end FROM sentences WHERE doc = ?1 ORDER BY idx")?
            .query_map(params![id], |r| {
                Ok(SentenceRecord {
                    section: r.get(0)?,
                    start: r.get(1)?,
                    end: r.get(2)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let timexes = conn
            .prepare(
                "SELECT tid, start, end, text, type, value, mod, edtf, earliest, latest
                 FROM timexes WHERE doc = ?1 ORDER BY rowid",
            )?
            .query_map(params![id], |r| {
                Ok(TimexRecord {
                    id: r.get(0)?,
                    start: r.get(1)?,
                    end: r.get(2)?,
                    text: r.get(3)?,
                    kind: r.get(4)?,
                    value: r.get(5)?,
                    modifier: r.get(6)?,
                    edtf: r.get(7)?,
                    earliest: r.get(8)?,
                    latest: r.get(9)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mentions = conn
            .prepare(
                "SELECT mid, start, end, text, label, link, metonymy, iso, cow
                 FROM mentions WHERE doc = ?1 ORDER BY rowid",
            )?
            .query_map(params![id], |r| {
                Ok(MentionRecord {
                    id: r.get(0)?,
                    start: r.get(1)?,
                    end: r.get(2)?,
                    text: r.get(3)?,
                    label: r.get(4)?,
                    link: r.get(5)?,
                    metonymy: r.get(6)?,
                    iso: r.get(7)?,
                    cow: r.get(8)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(DocumentRecord {
            name,
            title,
            hash,
            bytes,
            text,
            sections,
            sentences,
            timexes,
            mentions,
            events: self.events(id)?,
            measures: self.measures(id)?,
        })
    }

    /// A document's events with their actors.
    fn events(&self, id: i64) -> Result<Vec<Event>, rusqlite::Error> {
        let conn = &self.store.conn;
        let mut actors: HashMap<String, (Vec<String>, Vec<String>)> = HashMap::new();
        let mut st = conn.prepare(
            "SELECT eid, role, actor FROM event_actors WHERE doc = ?1 ORDER BY eid, role, position",
        )?;
        let mut rows = st.query(params![id])?;
        while let Some(r) = rows.next()? {
            let entry = actors.entry(r.get(0)?).or_default();
            let role: String = r.get(1)?;
            let list = if role == "source" {
                &mut entry.0
            } else {
                &mut entry.1
            };
            list.push(r.get(2)?);
        }
        let mut st = conn.prepare(
            "SELECT eid, sentence_start, sentence_end, trigger_start, trigger_end, trigger, type,
                    mode, cameo, goldstein, date_value, date_end, date_mod, location, negated,
                    hypothetical, same_as
             FROM events WHERE doc = ?1 ORDER BY rowid",
        )?;
        let events = st
            .query_map(params![id], |r| {
                let eid: String = r.get(0)?;
                let (source, target) = actors.remove(&eid).unwrap_or_default();
                Ok(Event {
                    id: eid,
                    sentence_start: r.get(1)?,
                    sentence_end: r.get(2)?,
                    trigger: Trigger {
                        start: r.get(3)?,
                        end: r.get(4)?,
                        text: r.get(5)?,
                    },
                    kind: r.get(6)?,
                    mode: r.get(7)?,
                    cameo: r.get(8)?,
                    goldstein: r.get(9)?,
                    source,
                    target,
                    date: date(r.get(10)?, r.get(11)?, r.get(12)?),
                    location: r.get(13)?,
                    negated: r.get(14)?,
                    hypothetical: r.get(15)?,
                    same_as: r.get(16)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(events)
    }

    /// A document's measures.
    fn measures(&self, id: i64) -> Result<Vec<Measure>, rusqlite::Error> {
        let mut st = self.store.conn.prepare(
            "SELECT qid, start, end, text, amount, unit, measure, approx, date_value, date_end,
                    date_mod, sentence_start, sentence_end
             FROM measures WHERE doc = ?1 ORDER BY rowid",
        )?;
        let measures = st
            .query_map(params![id], |r| {
                Ok(Measure {
                    id: r.get(0)?,
                    start: r.get(1)?,
                    end: r.get(2)?,
                    text: r.get(3)?,
                    amount: r.get(4)?,
                    unit: r.get(5)?,
                    measure: r.get(6)?,
                    approx: r.get(7)?,
                    date: date(r.get(8)?, r.get(9)?, r.get(10)?),
                    sentence_start: r.get(11)?,
                    sentence_end: r.get(12)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(measures)
    }

    /// Every document as one JSON array of [`DocumentRecord`]s.
    pub fn json(&self, mut out: impl Write, target: &Path) -> Result<Summary, Error> {
        let io = |source| write_error(target, source);
        out.write_all(b"[").map_err(io)?;
        let mut summary = self.summary();
        for (i, record) in self.records().enumerate() {
            let record = record?;
            out.write_all(if i == 0 { b"\n" } else { b",\n" })
                .map_err(io)?;
            serde_json::to_writer_pretty(&mut out, &record).map_err(|e| io(e.into()))?;
            summary.items += 1;
        }
        out.write_all(b"\n]\n").map_err(io)?;
        out.flush().map_err(io)?;
        Ok(summary)
    }

    /// Every document as one line of JSON.
    pub fn ndjson(&self, mut out: impl Write, target: &Path) -> Result<Summary, Error> {
        let io = |source| write_error(target, source);
        let mut summary = self.summary();
        for record in self.records() {
            serde_json::to_writer(&mut out, &record?).map_err(|e| io(e.into()))?;
            out.write_all(b"\n").map_err(io)?;
            summary.items += 1;
        }
        out.flush().map_err(io)?;
        Ok(summary)
    }

    /// A table's rows for the documents covered, every column as stored.
    pub fn table(&self, name: &str) -> Result<Table, Error> {
        let Some(name) = TABLES.iter().find(|t| **t == name) else {
            return Err(Error::NoTable {
                path: self.store.path.clone(),
                name: name.to_string(),
            });
        };
        table::read(self, name).map_err(|e| self.sql(e))
    }

    /// One table as CSV.
    pub fn csv_table(
        &self,
        name: &str,
        mut out: impl Write,
        target: &Path,
    ) -> Result<Summary, Error> {
        let table = self.table(name)?;
        write_csv(&table, &mut out)
            .and_then(|()| out.flush())
            .map_err(|e| write_error(target, e))?;
        let mut summary = self.summary();
        summary.items = table.rows.len();
        Ok(summary)
    }

    /// Every table as `TABLE.csv` in a folder (made if missing).
    pub fn csv(&self, dir: &Path) -> Result<Summary, Error> {
        make_dir(dir)?;
        let mut summary = self.summary();
        for name in TABLES {
            let path = dir.join(format!("{name}.csv"));
            let file = std::fs::File::create(&path).map_err(|e| write_error(&path, e))?;
            let sub = self.csv_table(name, std::io::BufWriter::new(file), &path)?;
            summary.items += sub.items;
            summary.files.push(path);
        }
        Ok(summary)
    }

    /// The dated events as a TimelineJS timeline. Events whose date
    /// TimelineJS cannot show ([`timeline_date`] gives none) are skipped and
    /// counted; undated events are left out and not counted.
    pub fn timeline(&self, mut out: impl Write, target: &Path) -> Result<Summary, Error> {
        let mut summary = self.summary();
        let mut records = Vec::new();
        for record in self.records() {
            records.push(record?);
        }
        let (value, skipped) = timeline::timeline(&records);
        summary.items = value["events"].as_array().map_or(0, Vec::len);
        summary.skipped = skipped;
        serde_json::to_writer_pretty(&mut out, &value)
            .map_err(std::io::Error::from)
            .and_then(|()| out.write_all(b"\n"))
            .and_then(|()| out.flush())
            .map_err(|e| write_error(target, e))?;
        Ok(summary)
    }

    /// The one document covered as TimeML ([`timeml()`]); an error when the
    /// export covers several.
    pub fn timeml(&self, mut out: impl Write, target: &Path) -> Result<Summary, Error> {
        if self.documents.len() != 1 {
            return Err(Error::OneDocument {
                path: target.to_path_buf(),
                format: "TimeML",
                count: self.documents.len(),
            });
        }
        let mut summary = self.summary();
        for record in self.records() {
            let xml = timeml(&record?, target)?;
            out.write_all(xml.as_bytes())
                .and_then(|()| out.flush())
                .map_err(|e| write_error(target, e))?;
            summary.items += 1;
        }
        Ok(summary)
    }

    /// Each document as TimeML in a file of its own in a folder (made if
    /// missing), named after the document ([`file_stems`]) with `.tml`.
    pub fn timeml_files(&self, dir: &Path) -> Result<Summary, Error> {
        make_dir(dir)?;
        let mut summary = self.summary();
        let stems = file_stems(self.names());
        for (record, stem) in self.records().zip(stems) {
            let path = dir.join(format!("{stem}.tml"));
            let xml = timeml(&record?, &path)?;
            std::fs::write(&path, xml).map_err(|e| write_error(&path, e))?;
            summary.items += 1;
            summary.files.push(path);
        }
        Ok(summary)
    }

    /// Every time expression, name, event and measure as a W3C Web
    /// Annotation, in one `AnnotationCollection` whose first page holds them
    /// all.
    pub fn web_annotations(&self, mut out: impl Write, target: &Path) -> Result<Summary, Error> {
        let mut summary = self.summary();
        let mut records = Vec::new();
        for record in self.records() {
            records.push(record?);
        }
        let value = annotation::collection(&records, self.documents.len() == 1).map_err(
            |(doc, id, start, end)| Error::Span {
                path: self.store.path.clone(),
                doc,
                id,
                start,
                end,
            },
        )?;
        summary.items = value["total"].as_u64().map_or(0, |n| n as usize);
        serde_json::to_writer_pretty(&mut out, &value)
            .map_err(std::io::Error::from)
            .and_then(|()| out.write_all(b"\n"))
            .and_then(|()| out.flush())
            .map_err(|e| write_error(target, e))?;
        Ok(summary)
    }

    /// Every table as `TABLE.parquet` in a folder (made if missing); an
    /// error in a build without the `parquet` feature.
    pub fn parquet(&self, dir: &Path) -> Result<Summary, Error> {
        #[cfg(feature = "parquet")]
        {
            make_dir(dir)?;
            let mut summary = self.summary();
            for name in TABLES {
                let path = dir.join(format!("{name}.parquet"));
                let table = self.table(name)?;
                columnar::write(&table, &path)?;
                summary.items += table.rows.len();
                summary.files.push(path);
            }
            Ok(summary)
        }
        #[cfg(not(feature = "parquet"))]
        Err(Error::NoParquet {
            path: dir.to_path_buf(),
        })
    }

    fn summary(&self) -> Summary {
        Summary {
            documents: self.documents.len(),
            ..Summary::default()
        }
    }
}

/// Whether this build writes Parquet (the `parquet` feature).
pub const PARQUET: bool = cfg!(feature = "parquet");

/// An event's or a measure's date from its three columns.
fn date(value: Option<String>, end: Option<String>, modifier: Option<String>) -> Option<EventDate> {
    value.map(|value| EventDate {
        value,
        end,
        modifier,
    })
}

fn store_error(store: &Store, source: rusqlite::Error) -> Error {
    Error::Store(crate::Error::Sqlite {
        path: store.path.clone(),
        source,
    })
}

fn write_error(path: &Path, source: std::io::Error) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        source,
    }
}

fn make_dir(dir: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|e| write_error(dir, e))
}

/// File names for documents: the name's letters and digits, runs of
/// anything else as one `-`, and `-2`, `-3` … where two names would meet.
///
/// ```
/// let stems = annals_store::export::file_stems(["seed:japan", "notes/Tōkyō 1.txt", "seed-japan"]);
/// assert_eq!(stems, ["seed-japan", "notes-tōkyō-1-txt", "seed-japan-2"]);
/// ```
pub fn file_stems<'s>(names: impl IntoIterator<Item = &'s str>) -> Vec<String> {
    let mut seen = HashSet::new();
    names
        .into_iter()
        .map(|name| {
            let base = slug(name);
            let mut stem = base.clone();
            let mut n = 1;
            while !seen.insert(stem.clone()) {
                n += 1;
                stem = format!("{base}-{n}");
            }
            stem
        })
        .collect()
}

/// Lower-case letters and digits, other runs as one `-`, never empty.
fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("document");
    }
    out
}

/// Offsets in code points of byte offsets into one text.
struct CharOffsets {
    /// The byte offset of each character, and the text's length last.
    starts: Vec<usize>,
}

impl CharOffsets {
    fn new(text: &str) -> CharOffsets {
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        CharOffsets { starts }
    }

    /// The code point offset of a byte offset, `None` inside a character or
    /// past the end.
    fn of(&self, byte: usize) -> Option<usize> {
        self.starts.binary_search(&byte).ok()
    }
}
