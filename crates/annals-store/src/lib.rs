//! The record: one SQLite file that holds documents and every annotation the
//! pipeline made of them, so that later commands query instead of re-running.
//!
//! - The schema is versioned: `PRAGMA user_version` names the version a file
//!   was written with, and [`Store::open`] brings an older file up to date in
//!   one transaction per step; a file from a newer version, or one that is
//!   not an `annals` database, is refused with an error naming the file and
//!   left untouched. `PRAGMA application_id` marks the file as ours.
//! - Foreign keys are on and annotations belong to their document (`ON
//!   DELETE CASCADE`); the journal is WAL, so readers keep working while a
//!   document is written.
//! - [`Store::ingest`] writes a document and its annotations in one
//!   transaction, keyed by the document's name: the same text again changes
//!   nothing (the content hash is compared), a changed text replaces the old
//!   rows. A crash leaves the document wholly present or wholly absent.
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
//! assert_eq!(store.ingest(&doc, &layers)?, annals_store::Outcome::New);
//! assert_eq!(store.ingest(&doc, &layers)?, annals_store::Outcome::Unchanged);
//! assert_eq!(store.count("timexes")?, 1);
//! # Ok(())
//! # }
//! ```

pub mod export;
pub mod pages;
pub mod query;

use annals_core::calendar::{parse_iso_day, value_days};
use annals_core::{Document, Event, Measure, Mention, Sentence, Timex};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 4;

/// `PRAGMA application_id` of an `annals` database ("ANLS").
pub const APPLICATION_ID: i64 = 0x414E_4C53;

/// The schema, one migration per version: `MIGRATIONS[v - 1]` takes a file
/// from version `v - 1` to `v`.
const MIGRATIONS: [&str; 4] = [
    include_str!("schema_v1.sql"),
    include_str!("schema_v2.sql"),
    include_str!("schema_v3.sql"),
    include_str!("schema_v4.sql"),
];

/// What can go wrong with the record; every error names the database file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// SQLite failed (a corrupt file, a full disk, a read-only place).
    #[error("{}: {source}", path.display())]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// The file was written by a newer `annals`.
    #[error("{}: schema version {found} is newer than this build's {SCHEMA_VERSION}; use a newer annals", path.display())]
    Newer {
        /// The database file.
        path: PathBuf,
        /// Its version.
        found: i64,
    },
    /// The file was written by an older `annals` and must be brought up to
    /// date by a program that may write it.
    #[error("{}: schema version {found} is older than this build's {SCHEMA_VERSION}; open it once with `annals ingest` to bring it up to date", path.display())]
    Older {
        /// The database file.
        path: PathBuf,
        /// Its version.
        found: i64,
    },
    /// The file is an SQLite database of some other program.
    #[error("{}: not an annals database (application id {found:#x})", path.display())]
    Foreign {
        /// The database file.
        path: PathBuf,
        /// Its application id.
        found: i64,
    },
}

/// The annotations of one document, layer by layer; layers left empty are
/// stored empty.
#[derive(Debug, Default, Clone, Copy)]
pub struct Layers<'a> {
    /// Sentences.
    pub sentences: &'a [Sentence],
    /// Time expressions.
    pub timexes: &'a [Timex],
    /// Entity mentions.
    pub mentions: &'a [Mention],
    /// Events.
    pub events: &'a [Event],
    /// Measures.
    pub measures: &'a [Measure],
}

/// What an ingest did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The document was not in the record.
    New,
    /// The same text was there already: nothing changed.
    Unchanged,
    /// A different text under the same name was replaced.
    Replaced,
}

/// An open record.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// The hex SHA-256 of a text.
fn hash(text: &str) -> String {
    text_hash(text)
}

/// The hash the record keeps of a document's text (SHA-256, lower-case
/// hex): a document whose name and text hash are stored is left unchanged
/// by [`Store::ingest`], so a caller may skip annotating it
/// ([`Store::holds`]).
pub fn text_hash(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Store {
    /// Opens (or creates) the record at `path`, bringing its schema up to date.
    pub fn open(path: &Path) -> Result<Store, Error> {
        let err = |source| Error::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let mut conn = Connection::open(path).map_err(err)?;
        let app: i64 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(err)?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(err)?;
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(err)?;
        if app != APPLICATION_ID && (app != 0 || tables > 0) {
            return Err(Error::Foreign {
                path: path.to_path_buf(),
                found: app,
            });
        }
        if version > SCHEMA_VERSION {
            return Err(Error::Newer {
                path: path.to_path_buf(),
                found: version,
            });
        }
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(err)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(err)?;
        // Checkpoints copy the log into the file and wait for the disk: one
        // per 64 MiB of log rather than per 4 MiB keeps a long ingest from
        // spending its time in them.
        conn.pragma_update(None, "wal_autocheckpoint", 16384)
            .map_err(err)?;
        // The summaries are clustered by entity, so a document's rows land
        // all over them: a 64 MiB page cache keeps those pages at hand.
        conn.pragma_update(None, "cache_size", -65536)
            .map_err(err)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(err)?;
        // The writer's statements (a dozen per document) and the queries'
        // are compiled once and kept.
        conn.set_prepared_statement_cache_capacity(64);
        for _ in version..SCHEMA_VERSION {
            // Another process may be migrating the same file: take the write
            // lock first, then read the version again.
            let tx = conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(err)?;
            let v: i64 = tx
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .map_err(err)?;
            if v >= SCHEMA_VERSION {
                break;
            }
            tx.execute_batch(MIGRATIONS[v as usize]).map_err(err)?;
            if v + 1 == 2 {
                fill_day_numbers(&tx).map_err(err)?;
            }
            if v + 1 == 3 {
                let docs: Vec<i64> = tx
                    .prepare("SELECT id FROM documents ORDER BY id")
                    .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect())
                    .map_err(err)?;
                for doc in docs {
                    summarise(&tx, doc).map_err(err)?;
                }
            }
            tx.pragma_update(None, "application_id", APPLICATION_ID)
                .map_err(err)?;
            tx.pragma_update(None, "user_version", v + 1).map_err(err)?;
            tx.commit().map_err(err)?;
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// Opens an existing record for reading only (as a server does): the
    /// file is never written, not even migrated. A file of another program,
    /// of another schema version, or one that does not exist is refused.
    pub fn open_read_only(path: &Path) -> Result<Store, Error> {
        use rusqlite::OpenFlags;
        let err = |source| Error::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(err)?;
        let app: i64 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(err)?;
        if app != APPLICATION_ID {
            return Err(Error::Foreign {
                path: path.to_path_buf(),
                found: app,
            });
        }
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(err)?;
        if version > SCHEMA_VERSION {
            return Err(Error::Newer {
                path: path.to_path_buf(),
                found: version,
            });
        }
        if version < SCHEMA_VERSION {
            return Err(Error::Older {
                path: path.to_path_buf(),
                found: version,
            });
        }
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(err)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    fn err(&self, source: rusqlite::Error) -> Error {
        Error::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    /// Writes a document and its annotations in one transaction.
    pub fn ingest(&mut self, doc: &Document, layers: &Layers) -> Result<Outcome, Error> {
        let outcomes = self.ingest_many(&[(doc, *layers)])?;
        Ok(outcomes.first().copied().unwrap_or(Outcome::Unchanged))
    }

    /// Writes several documents and their annotations in one transaction
    /// (fewer commits make a long ingest faster): all of them land, or none
    /// does. Each is keyed by its name like [`Store::ingest`].
    pub fn ingest_many(&mut self, docs: &[(&Document, Layers)]) -> Result<Vec<Outcome>, Error> {
        let path = self.path.clone();
        let err = |source| Error::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(err)?;
        let mut outcomes = Vec::with_capacity(docs.len());
        for (doc, layers) in docs {
            outcomes.push(ingest_one(&tx, doc, layers).map_err(err)?);
        }
        tx.commit().map_err(err)?;
        Ok(outcomes)
    }

    /// Whether the record holds a document of this name whose text has this
    /// hash ([`text_hash`]): writing it again would leave it unchanged.
    pub fn holds(&self, name: &str, hash: &str) -> Result<bool, Error> {
        self.conn
            .prepare_cached("SELECT 1 FROM documents WHERE name = ?1 AND hash = ?2")
            .and_then(|mut st| st.exists(params![name, hash]))
            .map_err(|e| self.err(e))
    }

    /// The number of rows of a table of the schema.
    pub fn count(&self, table: &str) -> Result<i64, Error> {
        const TABLES: [&str; 8] = [
            "documents",
            "sentences",
            "timexes",
            "mentions",
            "events",
            "event_actors",
            "measures",
            "sections",
        ];
        if !TABLES.contains(&table) {
            return Err(self.err(rusqlite::Error::InvalidParameterName(table.to_string())));
        }
        self.conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// Rows inserted, changed or deleted through this connection since it
    /// was opened.
    pub fn changes(&self) -> u64 {
        self.conn.total_changes()
    }

    /// `PRAGMA integrity_check`: "ok" for a sound file.
    pub fn integrity(&self) -> Result<String, Error> {
        self.conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// Moves everything the write-ahead log holds into the database file
    /// and empties the log (`PRAGMA wal_checkpoint(TRUNCATE)`), so that the
    /// file's size is the record's size. Returns false when a reader kept
    /// the checkpoint from finishing.
    pub fn checkpoint(&self) -> Result<bool, Error> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                r.get::<_, i64>(0)
            })
            .map(|busy| busy == 0)
            .map_err(|e| self.err(e))
    }

    /// The schema version of the open file.
    pub fn version(&self) -> Result<i64, Error> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }
}

/// Inserts one document's rows.
fn write(
    tx: &Transaction,
    doc: &Document,
    digest: &str,
    layers: &Layers,
) -> Result<i64, rusqlite::Error> {
    tx.execute(
        "INSERT INTO documents (name, title, hash, bytes, text) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            doc.name,
            doc.title.map(|t| doc.span_text(t).to_string()),
            digest,
            doc.text.len() as i64,
            doc.text
        ],
    )?;
    let id = tx.last_insert_rowid();
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO sections (doc, idx, level, heading, start, end, parent)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (i, s) in doc.sections.iter().enumerate() {
            st.execute(params![
                id,
                i as i64,
                s.level,
                s.heading.map(|h| doc.span_text(h).to_string()),
                s.span.start as i64,
                s.span.end as i64,
                s.parent.map(|p| p as i64)
            ])?;
        }
        let mut st = tx.prepare_cached(
            "INSERT INTO sentences (doc, idx, section, start, end) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut search =
            tx.prepare_cached("INSERT INTO sentence_search (rowid, text) VALUES (?1, ?2)")?;
        for (i, s) in layers.sentences.iter().enumerate() {
            st.execute(params![
                id,
                i as i64,
                s.section as i64,
                s.span.start as i64,
                s.span.end as i64
            ])?;
            search.execute(params![tx.last_insert_rowid(), doc.span_text(s.span)])?;
        }
        let sentence_of = |at: usize| sentence_at(layers.sentences, at);
        let mut st = tx.prepare_cached(
            "INSERT INTO timexes (doc, tid, start, end, text, type, value, mod, edtf, earliest, latest,
                                  sentence, first_day, last_day)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?;
        for t in layers.timexes {
            st.execute(params![
                id,
                t.id,
                t.span.start as i64,
                t.span.end as i64,
                t.text,
                t.kind.as_str(),
                t.value,
                t.modifier.map(|m| m.as_str()),
                t.edtf,
                t.earliest,
                t.latest,
                sentence_of(t.span.start),
                t.earliest.as_deref().and_then(parse_iso_day),
                t.latest.as_deref().and_then(parse_iso_day)
            ])?;
        }
        let mut st = tx.prepare_cached(
            "INSERT INTO mentions (doc, mid, start, end, text, label, link, metonymy, iso, cow, sentence)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        for m in layers.mentions {
            st.execute(params![
                id,
                m.id,
                m.span.start as i64,
                m.span.end as i64,
                m.text,
                m.label.as_str(),
                m.link,
                m.metonymy,
                m.iso,
                m.cow,
                sentence_of(m.span.start)
            ])?;
        }
        let mut st = tx.prepare_cached(
            "INSERT INTO events (doc, eid, sentence_start, sentence_end, trigger_start, trigger_end, trigger,
                                 type, mode, cameo, goldstein, date_value, date_end, date_mod, location,
                                 negated, hypothetical, same_as, sentence, first_day, last_day)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                     ?19, ?20, ?21)",
        )?;
        let mut actors = tx.prepare_cached(
            "INSERT INTO event_actors (doc, eid, role, position, actor) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for e in layers.events {
            let (first, last) = e.date.as_ref().map_or((None, None), event_days);
            st.execute(params![
                id,
                e.id,
                e.sentence_start as i64,
                e.sentence_end as i64,
                e.trigger.start as i64,
                e.trigger.end as i64,
                e.trigger.text,
                e.kind,
                e.mode,
                e.cameo,
                e.goldstein,
                e.date.as_ref().map(|d| d.value.clone()),
                e.date.as_ref().and_then(|d| d.end.clone()),
                e.date.as_ref().and_then(|d| d.modifier.clone()),
                e.location,
                e.negated,
                e.hypothetical,
                e.same_as,
                sentence_of(e.trigger.start),
                first,
                last
            ])?;
            for (role, list) in [("source", &e.source), ("target", &e.target)] {
                for (i, a) in list.iter().enumerate() {
                    actors.execute(params![id, e.id, role, i as i64, a])?;
                }
            }
        }
        let mut st = tx.prepare_cached(
            "INSERT INTO measures (doc, qid, start, end, text, amount, unit, measure, approx,
                                   date_value, date_end, date_mod, sentence_start, sentence_end, sentence)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?;
        for m in layers.measures {
            st.execute(params![
                id,
                m.id,
                m.start as i64,
                m.end as i64,
                m.text,
                m.amount,
                m.unit,
                m.measure,
                m.approx,
                m.date.as_ref().map(|d| d.value.clone()),
                m.date.as_ref().and_then(|d| d.end.clone()),
                m.date.as_ref().and_then(|d| d.modifier.clone()),
                m.sentence_start as i64,
                m.sentence_end as i64,
                sentence_of(m.start)
            ])?;
        }
    }
    Ok(id)
}

/// Writes one document inside a transaction: nothing when the same text is
/// there under its name, a replacement when another text is.
fn ingest_one(
    tx: &Transaction,
    doc: &Document,
    layers: &Layers,
) -> Result<Outcome, rusqlite::Error> {
    let digest = hash(&doc.text);
    let existing: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, hash FROM documents WHERE name = ?1",
            params![doc.name],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let outcome = match &existing {
        Some((_, h)) if *h == digest => return Ok(Outcome::Unchanged),
        Some((id, _)) => {
            tx.execute("DELETE FROM documents WHERE id = ?1", params![id])?;
            Outcome::Replaced
        }
        None => Outcome::New,
    };
    let id = write(tx, doc, &digest, layers)?;
    summarise_layers(tx, id, layers)?;
    Ok(outcome)
}

/// The sentence (its number) that holds a byte offset.
fn sentence_at(sentences: &[Sentence], at: usize) -> Option<i64> {
    let i = sentences.partition_point(|s| s.span.start <= at);
    i.checked_sub(1).map(|i| i as i64)
}

/// Fills the per-document summaries of a document being written from its
/// layers in memory: the same rows [`summarise`] makes from the stored rows
/// (a migration test compares the two), without reading them back.
fn summarise_layers(tx: &Transaction, doc: i64, layers: &Layers) -> Result<(), rusqlite::Error> {
    use std::collections::{BTreeMap, BTreeSet};
    // (link, label) -> (count, max iso, max cow)
    /// Mentions, the greatest ISO code and COW number of a link and label.
    type Tally<'a> = (i64, Option<&'a str>, Option<u16>);
    let mut entities: BTreeMap<(&str, &str), Tally> = BTreeMap::new();
    let mut forms: BTreeMap<(&str, &str), i64> = BTreeMap::new();
    // sentence -> links named in it
    let mut named: BTreeMap<i64, BTreeSet<&str>> = BTreeMap::new();
    for m in layers.mentions {
        let Some(link) = m.link.as_deref() else {
            continue;
        };
        let e = entities.entry((link, m.label.as_str())).or_default();
        e.0 += 1;
        e.1 = e.1.max(m.iso.as_deref());
        e.2 = e.2.max(m.cow);
        *forms.entry((link, m.text.as_str())).or_default() += 1;
        if let Some(s) = sentence_at(layers.sentences, m.span.start) {
            named.entry(s).or_default().insert(link);
        }
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO doc_entities (doc, link, label, mentions, iso, cow) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for ((link, label), (n, iso, cow)) in &entities {
        st.execute(params![doc, link, label, n, iso, cow])?;
    }
    let mut st =
        tx.prepare_cached("INSERT INTO doc_forms (doc, link, text, n) VALUES (?1, ?2, ?3, ?4)")?;
    for ((link, text), n) in &forms {
        st.execute(params![doc, link, text, n])?;
    }
    let mut pairs: BTreeMap<(&str, &str), i64> = BTreeMap::new();
    for links in named.values() {
        for a in links {
            for b in links {
                if a != b {
                    *pairs.entry((a, b)).or_default() += 1;
                }
            }
        }
    }
    let mut st =
        tx.prepare_cached("INSERT INTO doc_pairs (doc, a, b, sentences) VALUES (?1, ?2, ?3, ?4)")?;
    for ((a, b), n) in &pairs {
        st.execute(params![doc, a, b, n])?;
    }
    let mut roles: BTreeMap<(&str, &str), i64> = BTreeMap::new();
    for e in layers.events {
        for a in &e.source {
            *roles.entry((a.as_str(), "source")).or_default() += 1;
        }
        for a in &e.target {
            *roles.entry((a.as_str(), "target")).or_default() += 1;
        }
    }
    let mut st =
        tx.prepare_cached("INSERT INTO doc_roles (doc, actor, role, n) VALUES (?1, ?2, ?3, ?4)")?;
    for ((actor, role), n) in &roles {
        st.execute(params![doc, actor, role, n])?;
    }
    /// A dated expression: first day, last day, sentence, start, value, mod.
    type Dated<'a> = (i64, i64, i64, usize, &'a str, Option<&'a str>);
    let mut dates: BTreeMap<i64, Vec<Dated>> = BTreeMap::new();
    for t in layers.timexes {
        if t.kind != annals_core::TimexType::Date {
            continue;
        }
        let (Some(a), Some(b)) = (
            t.earliest.as_deref().and_then(parse_iso_day),
            t.latest.as_deref().and_then(parse_iso_day),
        ) else {
            continue;
        };
        if let Some(s) = sentence_at(layers.sentences, t.span.start) {
            dates.entry(s).or_default().push((
                a,
                b,
                s,
                t.span.start,
                t.value.as_str(),
                t.modifier.map(|m| m.as_str()),
            ));
        }
    }
    let mut first: BTreeMap<&str, Dated> = BTreeMap::new();
    let mut last: BTreeMap<&str, Dated> = BTreeMap::new();
    for (s, links) in &named {
        for d in dates.get(s).into_iter().flatten() {
            for link in links {
                let f = first.entry(link).or_insert(*d);
                if (d.0, d.1, d.2, d.3) < (f.0, f.1, f.2, f.3) {
                    *f = *d;
                }
                let l = last.entry(link).or_insert(*d);
                if (-d.1, -d.0, d.2, d.3) < (-l.1, -l.0, l.2, l.3) {
                    *l = *d;
                }
            }
        }
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO doc_dated (doc, link, which, first_day, last_day, value, mod, sentence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (which, chosen) in [("first", &first), ("last", &last)] {
        for (link, d) in chosen {
            st.execute(params![doc, link, which, d.0, d.1, d.4, d.5, d.2])?;
        }
    }
    Ok(())
}

/// Fills the per-document summaries (`doc_entities`, `doc_forms`,
/// `doc_pairs`, `doc_roles`, `doc_dated`) of a document from its rows.
fn summarise(tx: &Transaction, doc: i64) -> Result<(), rusqlite::Error> {
    tx.execute(
        "INSERT INTO doc_entities (doc, link, label, mentions, iso, cow)
         SELECT doc, link, label, count(*), max(iso), max(cow) FROM mentions
         WHERE doc = ?1 AND link IS NOT NULL GROUP BY link, label",
        params![doc],
    )?;
    tx.execute(
        "INSERT INTO doc_forms (doc, link, text, n)
         SELECT doc, link, text, count(*) FROM mentions
         WHERE doc = ?1 AND link IS NOT NULL GROUP BY link, text",
        params![doc],
    )?;
    tx.execute(
        "INSERT INTO doc_pairs (doc, a, b, sentences)
         SELECT m.doc, m.link, o.link, count(DISTINCT m.sentence)
         FROM mentions m JOIN mentions o ON o.doc = m.doc AND o.sentence = m.sentence
         WHERE m.doc = ?1 AND m.link IS NOT NULL AND o.link IS NOT NULL AND o.link <> m.link
         GROUP BY m.link, o.link",
        params![doc],
    )?;
    tx.execute(
        "INSERT INTO doc_roles (doc, actor, role, n)
         SELECT doc, actor, role, count(*) FROM event_actors WHERE doc = ?1 GROUP BY actor, role",
        params![doc],
    )?;
    for (which, order) in [
        ("first", "t.first_day, t.last_day, t.sentence, t.start"),
        (
            "last",
            "t.last_day DESC, t.first_day DESC, t.sentence, t.start",
        ),
    ] {
        tx.execute(
            &format!(
                "INSERT INTO doc_dated (doc, link, which, first_day, last_day, value, mod, sentence)
                 SELECT doc, link, ?2, first_day, last_day, value, mod, sentence FROM (
                     SELECT m.doc, m.link, t.first_day, t.last_day, t.value, t.mod, t.sentence,
                            row_number() OVER (PARTITION BY m.link ORDER BY {order}) AS rank
                     FROM (SELECT DISTINCT doc, link, sentence FROM mentions
                           WHERE doc = ?1 AND link IS NOT NULL) m
                     JOIN timexes t ON t.doc = m.doc AND t.sentence = m.sentence
                     WHERE t.type = 'DATE' AND t.first_day IS NOT NULL AND t.last_day IS NOT NULL
                 ) WHERE rank = 1"
            ),
            params![doc, which],
        )?;
    }
    Ok(())
}

/// The days an event's date covers: from the first day of its value to the
/// last day of its end (or of the value itself).
fn event_days(date: &annals_core::EventDate) -> (Option<i64>, Option<i64>) {
    let start = value_days(&date.value);
    let end = date.end.as_deref().and_then(value_days).or(start);
    (start.map(|d| d.0), end.map(|d| d.1))
}

/// Fills the day numbers of dates written under schema version 1.
fn fill_day_numbers(tx: &Transaction) -> Result<(), rusqlite::Error> {
    let timexes: Vec<(i64, Option<String>, Option<String>)> = tx
        .prepare("SELECT rowid, earliest, latest FROM timexes")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut st = tx.prepare("UPDATE timexes SET first_day = ?2, last_day = ?3 WHERE rowid = ?1")?;
    for (row, earliest, latest) in timexes {
        st.execute(params![
            row,
            earliest.as_deref().and_then(parse_iso_day),
            latest.as_deref().and_then(parse_iso_day)
        ])?;
    }
    let events: Vec<(i64, Option<String>, Option<String>)> = tx
        .prepare("SELECT rowid, date_value, date_end FROM events WHERE date_value IS NOT NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut st = tx.prepare("UPDATE events SET first_day = ?2, last_day = ?3 WHERE rowid = ?1")?;
    for (row, value, end) in events {
        let date = annals_core::EventDate {
            value: value.unwrap_or_default(),
            end,
            modifier: None,
        };
        let (first, last) = event_days(&date);
        st.execute(params![row, first, last])?;
    }
    Ok(())
}

/// Helpers for the tests of programs that use the record: files in states
/// the record must refuse.
pub mod testing {
    use rusqlite::Connection;
    use std::path::Path;

    /// Writes an SQLite database that some other program made (one table,
    /// no application id).
    pub fn foreign_database(path: &Path) -> Result<(), rusqlite::Error> {
        let conn = Connection::open(path)?;
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x');")
    }

    /// Sets the schema version of a record, as a newer `annals` would.
    pub fn set_user_version(path: &Path, version: i64) -> Result<(), rusqlite::Error> {
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "user_version", version)
    }
}

// A full disk, simulated for the tests of programs that write the record.
impl Store {
    /// Caps the file at `pages` pages for this connection (`PRAGMA
    /// max_page_count`), as a full disk would: a write that needs more fails
    /// with "database or disk is full" and its transaction is rolled back.
    /// The cap cannot go below the file's current size; returns the cap in
    /// force, so `set_max_pages(1)` returns the current number of pages.
    pub fn set_max_pages(&self, pages: i64) -> Result<i64, Error> {
        self.conn
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| {
                r.get(0)
            })
            .map_err(|e| self.err(e))
    }
}
