//! What a reader that pages through the record needs beyond [`query`]:
//! how many rows a timeline or an event list has in all (so that a page can
//! say "41–60 of 812"), the entities of the record listed by how often they
//! are named, a document found by its row id, and the means to stop a
//! query that runs too long. All SQL takes its values as parameters.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = tempfile::tempdir()?;
//! let mut store = annals_store::Store::open(&dir.path().join("annals.db"))?;
//! let doc = annals_text::read_bytes(
//!     "note.txt",
//!     b"Japan recognized the Soviet Union in 1925. In 1941 they signed a pact.",
//!     annals_text::Format::Plain,
//! )?;
//! let sentences = annals_text::segment(&doc);
//! let timexes = annals_time::tag_document(&doc, &sentences, &Default::default());
//! let layers = annals_store::Layers { sentences: &sentences, timexes: &timexes, ..Default::default() };
//! store.ingest(&doc, &layers)?;
//!
//! let all = annals_store::query::Filter::default();
//! assert_eq!(store.timeline_total(&all)?, store.timeline(&all)?.len());
//! assert_eq!(store.timeline_total(&all)?, 2);
//! # Ok(())
//! # }
//! ```
//!
//! [`query`]: crate::query

use crate::query::{DocumentInfo, Filter};
use crate::{Error, Store};
use rusqlite::{params, OptionalExtension, ToSql};
use serde::Serialize;

/// A handle that stops the query a [`Store`] is running, from another
/// thread (the query fails with an "interrupted" error).
pub use rusqlite::InterruptHandle;

/// An entity of the record in a listing: what it is and how often it is
/// named.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntitySummary {
    /// Its link (a Wikipedia title).
    pub link: String,
    /// Its most frequent OntoNotes label.
    pub label: String,
    /// ISO 3166 code, for a state.
    pub iso: Option<String>,
    /// Correlates of War state number, for a state.
    pub cow: Option<i64>,
    /// Mentions in the record.
    pub mentions: i64,
    /// Documents that mention it.
    pub documents: i64,
}

/// The `LIKE` pattern for a prefix: `%`, `_` and the escape character in
/// the prefix stand for themselves.
fn prefix_pattern(prefix: &str) -> String {
    let mut pattern = String::with_capacity(prefix.len() + 1);
    for c in prefix.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// The links whose link or any written form starts with `?1` (any ASCII
/// case), or every link when `?1` is NULL.
const CHOSEN_LINKS: &str = "SELECT link FROM doc_entities
     WHERE ?1 IS NULL OR link LIKE ?1 ESCAPE '\\'
     UNION SELECT link FROM doc_forms WHERE ?1 IS NULL OR text LIKE ?1 ESCAPE '\\'";

fn count(n: i64) -> usize {
    n.max(0) as usize
}

/// Runs a `SELECT count(*)` whose conditions name only some of the
/// numbered parameters `values` holds (SQLite expects as many as the
/// highest number used).
fn count_rows(
    conn: &rusqlite::Connection,
    sql: &str,
    values: &[&dyn ToSql],
) -> rusqlite::Result<usize> {
    let mut st = conn.prepare_cached(sql)?;
    for i in 1..=st.parameter_count() {
        let value = values
            .get(i - 1)
            .ok_or(rusqlite::Error::InvalidParameterCount(
                st.parameter_count(),
                values.len(),
            ))?;
        st.raw_bind_parameter(i, value)?;
    }
    let mut rows = st.raw_query();
    match rows.next()? {
        Some(row) => Ok(count(row.get(0)?)),
        None => Ok(0),
    }
}

impl Store {
    /// How many rows [`Store::timeline`] gives for `filter` when its limit
    /// is left out: the dated events it keeps and, unless it asks for one
    /// type of event, the dates written in the sentences it keeps.
    pub fn timeline_total(&self, filter: &Filter) -> Result<usize, Error> {
        let events = self.event_total(filter, Some(true), true)?;
        if filter.kind.is_some() {
            return Ok(events);
        }
        let mut conditions = vec![
            "t.type = 'DATE' AND t.first_day IS NOT NULL AND t.last_day IS NOT NULL
             AND t.sentence IS NOT NULL",
        ];
        for (set, condition) in [
            (filter.from.is_some(), "t.last_day >= ?1"),
            (filter.to.is_some(), "t.first_day <= ?2"),
            (
                filter.entity.is_some(),
                "EXISTS (SELECT 1 FROM mentions m
                    WHERE m.doc = t.doc AND m.sentence = t.sentence
                      AND m.link = ?3 COLLATE NOCASE)",
            ),
            (
                filter.document.is_some(),
                "t.doc = (SELECT id FROM documents WHERE name = ?4)",
            ),
        ] {
            if set {
                conditions.push(condition);
            }
        }
        let sql = format!(
            "SELECT count(*) FROM timexes t WHERE {}",
            conditions.join(" AND ")
        );
        let dates = count_rows(
            &self.conn,
            &sql,
            params![filter.from, filter.to, filter.entity, filter.document],
        )
        .map_err(|e| self.err(e))?;
        Ok(events + dates)
    }

    /// How many events [`Store::events`] gives for `filter` when its limit
    /// is left out: the dated ones, and the undated ones too unless the
    /// filter sets a date.
    pub fn events_total(&self, filter: &Filter) -> Result<usize, Error> {
        let dated_only = filter.from.is_some() || filter.to.is_some();
        if dated_only {
            self.event_total(filter, Some(true), false)
        } else {
            self.event_total(filter, None, false)
        }
    }

    /// Counts the events a filter keeps: dated ones (`Some(true)`), or all.
    /// `whole` also asks for the whole date (value and both days), as a
    /// timeline row needs.
    fn event_total(
        &self,
        filter: &Filter,
        dated: Option<bool>,
        whole: bool,
    ) -> Result<usize, Error> {
        let mut conditions = vec!["e.sentence IS NOT NULL"];
        if dated == Some(true) {
            conditions.push("e.first_day IS NOT NULL");
        }
        if whole {
            conditions.push("e.last_day IS NOT NULL AND e.date_value IS NOT NULL");
        }
        for (set, condition) in [
            (filter.from.is_some(), "e.last_day >= ?1"),
            (filter.to.is_some(), "e.first_day <= ?2"),
            (filter.kind.is_some(), "e.type = ?3 COLLATE NOCASE"),
            (
                filter.entity.is_some(),
                "EXISTS (SELECT 1 FROM event_actors a
                    WHERE a.doc = e.doc AND a.eid = e.eid AND a.actor = ?4 COLLATE NOCASE)",
            ),
            (
                filter.document.is_some(),
                "e.doc = (SELECT id FROM documents WHERE name = ?5)",
            ),
        ] {
            if set {
                conditions.push(condition);
            }
        }
        let sql = format!(
            "SELECT count(*) FROM events e WHERE {}",
            conditions.join(" AND ")
        );
        count_rows(
            &self.conn,
            &sql,
            params![
                filter.from,
                filter.to,
                filter.kind,
                filter.entity,
                filter.document
            ],
        )
        .map_err(|e| self.err(e))
    }

    /// The entities of the record, most mentioned first (then by link),
    /// `limit` of them from the `offset`th on. With a `prefix`, only those
    /// whose link or some written form starts with it (any ASCII case);
    /// their counts are still of all their mentions.
    pub fn entity_list(
        &self,
        prefix: Option<&str>,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<EntitySummary>, Error> {
        let mut all = self.entity_summaries(prefix)?;
        all.sort_by(|a, b| {
            b.mentions
                .cmp(&a.mentions)
                .then_with(|| a.link.cmp(&b.link))
        });
        Ok(all.into_iter().skip(offset).take(limit).collect())
    }

    /// Every entity a prefix keeps, in no order, added up from the
    /// per-document summaries (one row per document, link and label).
    fn entity_summaries(&self, prefix: Option<&str>) -> Result<Vec<EntitySummary>, Error> {
        /// What the summaries of one link add up to.
        #[derive(Default)]
        struct Tally {
            mentions: i64,
            documents: std::collections::HashSet<i64>,
            labels: Vec<(String, i64)>,
            iso: Option<String>,
            cow: Option<i64>,
        }
        let pattern = prefix.map(prefix_pattern);
        let mut tallies: std::collections::HashMap<String, Tally> = Default::default();
        let mut run = || -> rusqlite::Result<()> {
            let sql = format!(
                "SELECT link, label, doc, mentions, iso, cow FROM doc_entities
                 WHERE ?1 IS NULL OR link IN ({CHOSEN_LINKS})"
            );
            let mut st = self.conn.prepare_cached(&sql)?;
            let mut rows = st.query(params![pattern])?;
            while let Some(r) = rows.next()? {
                let link = r.get_ref(0)?.as_str()?;
                if !tallies.contains_key(link) {
                    tallies.insert(link.to_string(), Tally::default());
                }
                let Some(tally) = tallies.get_mut(link) else {
                    continue;
                };
                let n: i64 = r.get(3)?;
                tally.mentions += n;
                tally.documents.insert(r.get(2)?);
                let label = r.get_ref(1)?.as_str()?;
                match tally.labels.iter_mut().find(|(l, _)| l == label) {
                    Some((_, k)) => *k += n,
                    None => tally.labels.push((label.to_string(), n)),
                }
                if let Some(iso) = r.get_ref(4)?.as_str_or_null()? {
                    if tally.iso.as_deref().is_none_or(|old| iso > old) {
                        tally.iso = Some(iso.to_string());
                    }
                }
                if let Some(cow) = r.get::<_, Option<i64>>(5)? {
                    tally.cow = Some(tally.cow.map_or(cow, |old| old.max(cow)));
                }
            }
            Ok(())
        };
        run().map_err(|e| self.err(e))?;
        Ok(tallies
            .into_iter()
            .map(|(link, t)| {
                let label = t
                    .labels
                    .into_iter()
                    .min_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)))
                    .map(|l| l.0)
                    .unwrap_or_default();
                EntitySummary {
                    link,
                    label,
                    iso: t.iso,
                    cow: t.cow,
                    mentions: t.mentions,
                    documents: t.documents.len() as i64,
                }
            })
            .collect())
    }

    /// How many entities [`Store::entity_list`] lists for `prefix` in all.
    pub fn entity_total(&self, prefix: Option<&str>) -> Result<usize, Error> {
        let pattern = prefix.map(prefix_pattern);
        let sql = format!("SELECT count(*) FROM ({CHOSEN_LINKS})");
        let n: i64 = self
            .conn
            .prepare_cached(&sql)
            .and_then(|mut st| st.query_row(params![pattern], |r| r.get(0)))
            .map_err(|e| self.err(e))?;
        Ok(count(n))
    }

    /// The document with this row id (as [`Store::documents`] gives it),
    /// `None` when there is none.
    pub fn document(&self, id: i64) -> Result<Option<DocumentInfo>, Error> {
        self.conn
            .prepare_cached("SELECT id, name, title, bytes FROM documents WHERE id = ?1")
            .and_then(|mut st| {
                st.query_row(params![id], |r| {
                    Ok(DocumentInfo {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        title: r.get(2)?,
                        bytes: r.get(3)?,
                    })
                })
                .optional()
            })
            .map_err(|e| self.err(e))
    }

    /// A number that changes when another connection commits to the
    /// record (`PRAGMA data_version`): while it stays the same, what this
    /// connection reads stays the same. Numbers of different connections
    /// are not comparable.
    pub fn data_version(&self) -> Result<i64, Error> {
        self.conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// Runs `read` inside one read transaction, so that every query it
    /// makes sees the record as it was at its first (a total and its page
    /// agree even while another connection writes). The transaction ends
    /// with `read`, whatever it returns.
    pub fn snapshot<T, E: From<Error>>(
        &self,
        read: impl FnOnce(&Store) -> Result<T, E>,
    ) -> Result<T, E> {
        self.conn
            .execute_batch("BEGIN DEFERRED")
            .map_err(|e| self.err(e))?;
        let out = read(self);
        let end = if out.is_ok() { "COMMIT" } else { "ROLLBACK" };
        // A read transaction ends without writing; should ending it fail,
        // a rollback still frees the connection for the next reader.
        if let Err(e) = self.conn.execute_batch(end) {
            let _ = self.conn.execute_batch("ROLLBACK");
            out?;
            return Err(self.err(e).into());
        }
        out
    }

    /// A handle that interrupts what this connection runs, for a caller
    /// that gives up waiting (a server's request timeout): the running
    /// query fails, and the connection stays usable.
    pub fn interrupt_handle(&self) -> InterruptHandle {
        self.conn.get_interrupt_handle()
    }
}
