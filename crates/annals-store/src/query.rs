//! Reading the record: timelines, events, entities, full-text search and
//! whole documents. Every fact comes back with its document, its sentence
//! and the byte spans that point into the document's text; all SQL takes
//! its values as parameters.

use crate::{Error, Store};
use annals_core::calendar::from_day_number;
use annals_core::{
    Document, EntityLabel, Event, EventDate, Measure, Mention, Section, Sentence, Span, Timex,
    TimexMod, TimexType, Trigger,
};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

/// A sentence of the record, quoted: where it is and what it says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// The document's name.
    pub document: String,
    /// The document's title, when it has one.
    pub title: Option<String>,
    /// The sentence's number in its document (from 0).
    pub sentence: i64,
    /// The sentence's first byte in the document's text.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// The sentence.
    pub text: String,
}

/// A date at its own precision, with the days it may cover.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dated {
    /// TIMEX3 value (`1941-04-13`, `1941`, `198` for the 1980s).
    pub value: String,
    /// TIMEX3 value of the end, for an interval.
    pub end: Option<String>,
    /// TIMEX3 modifier (`APPROX`, `EARLY`, …).
    pub modifier: Option<String>,
    /// `day`, `month`, `season`, `quarter`, `week`, `year`, `decade`,
    /// `century` or `interval`.
    pub precision: &'static str,
    /// First day it may cover (ISO 8601).
    pub earliest: String,
    /// Last day it may cover (ISO 8601).
    pub latest: String,
    /// `earliest` as a day number (days since 1970-01-01).
    pub first_day: i64,
    /// `latest` as a day number.
    pub last_day: i64,
}

/// The precision of a TIMEX3 date value.
pub fn precision(value: &str, end: Option<&str>) -> &'static str {
    if end.is_some() {
        return "interval";
    }
    let digits = value.chars().take_while(char::is_ascii_digit).count();
    match (digits, value.len()) {
        (2, _) => "century",
        (3, _) => "decade",
        (4, 4) => "year",
        (4, 10) => "day",
        (4, 7) if value.as_bytes().get(5).is_some_and(u8::is_ascii_digit) => "month",
        (4, _) if value.get(5..6) == Some("W") => "week",
        (4, _) if value.get(5..6) == Some("Q") => "quarter",
        (4, _) if value.get(5..6) == Some("H") => "half",
        (4, _) => "season",
        _ => "unknown",
    }
}

/// An ISO 8601 day from a day number.
pub fn iso_day(day: i64) -> String {
    let (y, m, d) = from_day_number(day);
    if (0..=9999).contains(&y) {
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        format!("{y:+05}-{m:02}-{d:02}")
    }
}

impl Dated {
    fn new(
        value: String,
        end: Option<String>,
        modifier: Option<String>,
        first_day: i64,
        last_day: i64,
    ) -> Dated {
        Dated {
            precision: precision(&value, end.as_deref()),
            value,
            end,
            modifier,
            earliest: iso_day(first_day),
            latest: iso_day(last_day),
            first_day,
            last_day,
        }
    }
}

/// An event of the record with the sentence it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredEvent {
    /// The event as the pipeline made it.
    #[serde(flatten)]
    pub event: Event,
    /// Its date's interval, when it has a date.
    pub dated: Option<Dated>,
    /// Its sentence.
    pub quote: Quote,
}

/// What a timeline row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// A dated event.
    Event,
    /// A date written in a sentence.
    Date,
}

/// A row of a timeline: a dated event, or a sentence's date expression.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineItem {
    /// Event or date.
    pub kind: ItemKind,
    /// When, at its own precision.
    pub date: Dated,
    /// The words: the date expression, or the event's trigger.
    pub text: String,
    /// Their first byte in the document.
    pub start: usize,
    /// One past their last byte.
    pub end: usize,
    /// The event, for an event row.
    pub event: Option<Event>,
    /// The sentence.
    pub quote: Quote,
}

/// What a timeline or an event list keeps.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only what may fall on or after this day (a day number).
    pub from: Option<i64>,
    /// Only what may fall on or before this day.
    pub to: Option<i64>,
    /// Only events with this actor, and dates in sentences that mention it
    /// (a link, i.e. a Wikipedia title).
    pub entity: Option<String>,
    /// Only events of this PLOVER type (dates are then left out).
    pub kind: Option<String>,
    /// Only this document (by name).
    pub document: Option<String>,
    /// At most this many rows.
    pub limit: Option<usize>,
}

/// A full-text search hit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The sentence.
    pub quote: Quote,
    /// A window of the sentence around the matches, each match in `[` `]`.
    pub snippet: String,
    /// The matched words as byte spans of the document's text.
    pub matches: Vec<(usize, usize)>,
    /// BM25 rank (lower is better).
    pub rank: f64,
}

/// What the record knows of one entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityInfo {
    /// Its Wikipedia title.
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
    /// How it is written, most frequent first, with counts.
    pub forms: Vec<(String, i64)>,
    /// The earliest-dated sentence that mentions it.
    pub first: Option<(Dated, Quote)>,
    /// The latest-dated sentence that mentions it.
    pub last: Option<(Dated, Quote)>,
    /// Events it takes part in as source.
    pub as_source: i64,
    /// Events it takes part in as target.
    pub as_target: i64,
    /// Its events (source or target), earliest first.
    pub events: Vec<StoredEvent>,
    /// Entities named in the same sentences, most frequent first.
    pub cooccurring: Vec<(String, i64)>,
}

/// A document of the record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentInfo {
    /// Its row id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Its title.
    pub title: Option<String>,
    /// Its size in bytes.
    pub bytes: i64,
}

/// A document and all its layers, read back from the record.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The document (blocks are not stored and come back empty).
    pub doc: Document,
    /// Its sentences.
    pub sentences: Vec<Sentence>,
    /// Its time expressions.
    pub timexes: Vec<Timex>,
    /// Its entity mentions.
    pub mentions: Vec<Mention>,
    /// Its events.
    pub events: Vec<Event>,
    /// Its measures.
    pub measures: Vec<Measure>,
}

/// How to count the rows of a table and (up to a number) an entity's rows,
/// for [`Store::walk_by_date`].
#[derive(Clone, Copy)]
struct EntityRows {
    /// About how many rows the table walked in date order has.
    table_rows: &'static str,
    /// How many rows name the entity (?1), counted up to ?2.
    entity_rows: &'static str,
}

/// Events and the rows that name their actors.
const ACTOR_ROWS: EntityRows = EntityRows {
    table_rows: "SELECT max(rowid) FROM events",
    entity_rows: "SELECT count(*) FROM (SELECT 1 FROM event_actors WHERE actor = ?1 LIMIT ?2)",
};

/// Time expressions and the mentions that name an entity.
const LINK_ROWS: EntityRows = EntityRows {
    table_rows: "SELECT max(rowid) FROM timexes",
    entity_rows: "SELECT count(*) FROM (SELECT 1 FROM mentions WHERE link = ?1 LIMIT ?2)",
};

/// The columns of an event row, in the order [`event_of`] reads them.
const EVENT_COLUMNS: &str = "e.doc, e.eid, e.sentence_start, e.sentence_end, e.trigger_start,
    e.trigger_end, e.trigger, e.type, e.mode, e.cameo, e.goldstein, e.date_value, e.date_end,
    e.date_mod, e.location, e.negated, e.hypothetical, e.same_as, e.first_day, e.last_day,
    d.name, d.title, e.sentence, f.text";

/// The joins that give an event row its document and sentence text.
const EVENT_JOINS: &str = "JOIN documents d ON d.id = e.doc
    JOIN sentences s ON s.doc = e.doc AND s.idx = e.sentence
    JOIN sentence_search f ON f.rowid = s.rowid";

fn usize_of(row: &Row, i: usize) -> rusqlite::Result<usize> {
    Ok(row.get::<_, i64>(i)?.max(0) as usize)
}

/// Reads a measure from the first thirteen columns of a row: qid, start,
/// end, text, amount, unit, measure, approx, date_value, date_end, date_mod,
/// sentence_start, sentence_end.
fn measure_of(r: &Row) -> rusqlite::Result<Measure> {
    Ok(Measure {
        id: r.get(0)?,
        start: usize_of(r, 1)?,
        end: usize_of(r, 2)?,
        text: r.get(3)?,
        amount: r.get(4)?,
        unit: r.get(5)?,
        measure: r.get(6)?,
        approx: r.get(7)?,
        date: date_at(r, 8)?,
        sentence_start: usize_of(r, 11)?,
        sentence_end: usize_of(r, 12)?,
    })
}

/// A date from three columns from `at` on: value, end, modifier (none when
/// the value is NULL).
fn date_at(r: &Row, at: usize) -> rusqlite::Result<Option<EventDate>> {
    let value: Option<String> = r.get(at)?;
    value
        .map(|value| {
            Ok(EventDate {
                value,
                end: r.get(at + 1)?,
                modifier: r.get(at + 2)?,
            })
        })
        .transpose()
}

/// Reads an event row (without its actors) and its document id.
fn event_of(row: &Row) -> rusqlite::Result<(i64, StoredEvent)> {
    let date = date_at(row, 11)?;
    let first: Option<i64> = row.get(18)?;
    let last: Option<i64> = row.get(19)?;
    let dated = match (&date, first, last) {
        (Some(d), Some(a), Some(b)) => Some(Dated::new(
            d.value.clone(),
            d.end.clone(),
            d.modifier.clone(),
            a,
            b,
        )),
        _ => None,
    };
    let event = Event {
        id: row.get(1)?,
        sentence_start: usize_of(row, 2)?,
        sentence_end: usize_of(row, 3)?,
        trigger: Trigger {
            start: usize_of(row, 4)?,
            end: usize_of(row, 5)?,
            text: row.get(6)?,
        },
        kind: row.get(7)?,
        mode: row.get(8)?,
        cameo: row.get(9)?,
        goldstein: row.get(10)?,
        source: Vec::new(),
        target: Vec::new(),
        date,
        location: row.get(14)?,
        negated: row.get(15)?,
        hypothetical: row.get(16)?,
        same_as: row.get(17)?,
    };
    let quote = Quote {
        document: row.get(20)?,
        title: row.get(21)?,
        sentence: row.get::<_, Option<i64>>(22)?.unwrap_or(0),
        start: event.sentence_start,
        end: event.sentence_end,
        text: row.get(23)?,
    };
    Ok((
        row.get(0)?,
        StoredEvent {
            event,
            dated,
            quote,
        },
    ))
}

/// The FTS5 query for a user's words: every word must occur (each quoted,
/// so that no character of the input is read as query syntax).
pub fn match_query(words: &str) -> Option<String> {
    let terms: Vec<String> = words
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\""))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// Marks around matches in FTS5 `highlight`/`snippet` output (private-use
/// characters, which the text itself does not hold).
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// Byte spans of the marked parts of `marked`, relative to the unmarked text.
fn marked_spans(marked: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut at = 0;
    let mut open = None;
    for c in marked.chars() {
        match c {
            OPEN => open = Some(at),
            CLOSE => {
                if let Some(a) = open.take() {
                    spans.push((a, at));
                }
            }
            _ => at += c.len_utf8(),
        }
    }
    spans
}

impl Store {
    fn run<T>(&self, f: impl FnOnce() -> rusqlite::Result<T>) -> Result<T, Error> {
        f().map_err(|e| self.err(e))
    }

    /// The documents of the record, by name.
    pub fn documents(&self) -> Result<Vec<DocumentInfo>, Error> {
        self.run(|| {
            self.conn
                .prepare_cached("SELECT id, name, title, bytes FROM documents ORDER BY name")?
                .query_map([], |r| {
                    Ok(DocumentInfo {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        title: r.get(2)?,
                        bytes: r.get(3)?,
                    })
                })?
                .collect()
        })
    }

    /// Fills in the actors of events read by [`event_of`].
    fn with_actors(&self, rows: Vec<(i64, StoredEvent)>) -> rusqlite::Result<Vec<StoredEvent>> {
        let mut st = self.conn.prepare_cached(
            "SELECT role, actor FROM event_actors WHERE doc = ?1 AND eid = ?2
             ORDER BY role, position",
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for (doc, mut e) in rows {
            let mut found = st.query(params![doc, e.event.id])?;
            while let Some(r) = found.next()? {
                let role: String = r.get(0)?;
                let actor: String = r.get(1)?;
                if role == "source" {
                    e.event.source.push(actor);
                } else {
                    e.event.target.push(actor);
                }
            }
            out.push(e);
        }
        Ok(out)
    }

    /// Events of the record: dated ones in time order (by interval), then
    /// undated ones in document order. The date filter keeps dated events only.
    pub fn events(&self, filter: &Filter) -> Result<Vec<StoredEvent>, Error> {
        let dated_only = filter.from.is_some() || filter.to.is_some();
        self.run(|| {
            let mut rows = self.event_rows(filter, true, filter.limit)?;
            let rest = filter.limit.map(|l| l.saturating_sub(rows.len()));
            if !dated_only && rest != Some(0) {
                rows.extend(self.event_rows(filter, false, rest)?);
            }
            self.with_actors(rows)
        })
    }

    /// The dated events (or the undated ones) a filter keeps, in order, at
    /// most `limit`.
    ///
    /// Only the conditions the filter sets are written into the query, so
    /// that SQLite can walk `events_by_day` in date order and stop at the
    /// limit; the sentence texts are joined to the rows kept, not to every
    /// event of the record. The joins are CROSS JOINs because SQLite cannot
    /// know that a `LIMIT ?` leaves few rows and would otherwise scan
    /// `sentence_search` first. An entity is looked for event by event
    /// while walking in date order when it is common enough to fill the
    /// limit soon (see [`Store::walk_by_date`]), else its events are
    /// gathered first and sorted.
    fn event_rows(
        &self,
        filter: &Filter,
        dated: bool,
        limit: Option<usize>,
    ) -> rusqlite::Result<Vec<(i64, StoredEvent)>> {
        let mut conditions = vec![if dated {
            "e.first_day IS NOT NULL"
        } else {
            "e.first_day IS NULL"
        }];
        let entity = match &filter.entity {
            Some(entity) if dated && self.walk_by_date(limit, ACTOR_ROWS, entity)? => {
                "EXISTS (SELECT 1 FROM event_actors a
                    WHERE a.doc = e.doc AND a.eid = e.eid AND a.actor = ?4 COLLATE NOCASE)"
            }
            _ => {
                "(e.doc, e.eid) IN (SELECT a.doc, a.eid FROM event_actors a
                    WHERE a.actor = ?4 COLLATE NOCASE)"
            }
        };
        for (set, condition) in [
            (filter.from.is_some(), "e.last_day >= ?1"),
            (filter.to.is_some(), "e.first_day <= ?2"),
            (filter.kind.is_some(), "e.type = ?3 COLLATE NOCASE"),
            (filter.entity.is_some(), entity),
            (filter.document.is_some(), "d.name = ?5"),
        ] {
            if set {
                conditions.push(condition);
            }
        }
        let order = if dated {
            "e.first_day, e.last_day, d.name, e.trigger_start"
        } else {
            "e.last_day, d.name, e.trigger_start"
        };
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM (
                 SELECT e.rowid AS r FROM events e JOIN documents d ON d.id = e.doc
                 WHERE {} ORDER BY {order} LIMIT ?6
             ) k CROSS JOIN events e ON e.rowid = k.r
             CROSS JOIN documents d ON d.id = e.doc
             CROSS JOIN sentences s ON s.doc = e.doc AND s.idx = e.sentence
             CROSS JOIN sentence_search f ON f.rowid = s.rowid
             ORDER BY {order}",
            conditions.join(" AND ")
        );
        self.conn
            .prepare_cached(&sql)?
            .query_map(
                params![
                    filter.from,
                    filter.to,
                    filter.kind,
                    filter.entity,
                    filter.document,
                    limit.map_or(-1, |l| l as i64)
                ],
                event_of,
            )?
            .collect()
    }

    /// Whether to find the first `limit` rows of an entity by walking its
    /// table in date order and testing each row, rather than by gathering
    /// all the entity's rows and sorting them: walking reads about
    /// `limit × table rows / entity rows` rows, gathering about `entity
    /// rows`, so walking wins when the entity has more than
    /// `sqrt(limit × table rows)` of them. They are counted only up to that
    /// many, with a case-sensitive match that an index answers at once (a
    /// name in another case is then gathered, which is right, only slower).
    fn walk_by_date(
        &self,
        limit: Option<usize>,
        rows: EntityRows,
        entity: &str,
    ) -> rusqlite::Result<bool> {
        let Some(limit) = limit else {
            return Ok(false);
        };
        let table: Option<i64> = self
            .conn
            .prepare_cached(rows.table_rows)?
            .query_row([], |r| r.get(0))?;
        let enough = ((limit as f64) * table.unwrap_or(0).max(0) as f64)
            .sqrt()
            .ceil() as i64;
        let found: i64 = self
            .conn
            .prepare_cached(rows.entity_rows)?
            .query_row(params![entity, enough], |r| r.get(0))?;
        Ok(found >= enough)
    }

    /// The timeline: dated events and the dates written in sentences, in
    /// order of their intervals (a decade sorts from its first day and
    /// stays a decade).
    pub fn timeline(&self, filter: &Filter) -> Result<Vec<TimelineItem>, Error> {
        let mut dated = filter.clone();
        dated.from = Some(filter.from.unwrap_or(i64::MIN));
        let events = self.events(&dated)?;
        let mut items: Vec<TimelineItem> = events
            .into_iter()
            .filter_map(|e| {
                Some(TimelineItem {
                    kind: ItemKind::Event,
                    date: e.dated?,
                    text: e.event.trigger.text.clone(),
                    start: e.event.trigger.start,
                    end: e.event.trigger.end,
                    event: Some(e.event),
                    quote: e.quote,
                })
            })
            .collect();
        if filter.kind.is_none() {
            // As in `event_rows`: only the conditions set, the texts joined
            // to the rows kept, in this order.
            let entity = match &filter.entity {
                Some(entity)
                    if self.run(|| self.walk_by_date(filter.limit, LINK_ROWS, entity))? =>
                {
                    "EXISTS (SELECT 1 FROM mentions m
                        WHERE m.doc = t.doc AND m.sentence = t.sentence
                          AND m.link = ?3 COLLATE NOCASE)"
                }
                _ => {
                    "(t.doc, t.sentence) IN (SELECT m.doc, m.sentence FROM mentions m
                        WHERE m.link = ?3 COLLATE NOCASE)"
                }
            };
            let mut conditions =
                vec!["t.type = 'DATE' AND t.first_day IS NOT NULL AND t.last_day IS NOT NULL"];
            for (set, condition) in [
                (filter.from.is_some(), "t.last_day >= ?1"),
                (filter.to.is_some(), "t.first_day <= ?2"),
                (filter.entity.is_some(), entity),
                (filter.document.is_some(), "d.name = ?4"),
            ] {
                if set {
                    conditions.push(condition);
                }
            }
            let sql = format!(
                "SELECT t.start, t.end, t.text, t.value, t.mod, t.first_day, t.last_day,
                        d.name, d.title, s.idx, s.start, s.end, f.text
                 FROM (
                     SELECT t.rowid AS r FROM timexes t JOIN documents d ON d.id = t.doc
                     WHERE {}
                     ORDER BY t.first_day, t.last_day, d.name, t.start LIMIT ?5
                 ) k CROSS JOIN timexes t ON t.rowid = k.r
                 CROSS JOIN documents d ON d.id = t.doc
                 CROSS JOIN sentences s ON s.doc = t.doc AND s.idx = t.sentence
                 CROSS JOIN sentence_search f ON f.rowid = s.rowid
                 ORDER BY t.first_day, t.last_day, d.name, t.start",
                conditions.join(" AND ")
            );
            let dates = self.run(|| {
                self.conn
                    .prepare_cached(&sql)?
                    .query_map(
                        params![
                            filter.from,
                            filter.to,
                            filter.entity,
                            filter.document,
                            filter.limit.map_or(-1, |l| l as i64)
                        ],
                        |r| {
                            Ok(TimelineItem {
                                kind: ItemKind::Date,
                                start: usize_of(r, 0)?,
                                end: usize_of(r, 1)?,
                                text: r.get(2)?,
                                date: Dated::new(r.get(3)?, None, r.get(4)?, r.get(5)?, r.get(6)?),
                                event: None,
                                quote: Quote {
                                    document: r.get(7)?,
                                    title: r.get(8)?,
                                    sentence: r.get(9)?,
                                    start: usize_of(r, 10)?,
                                    end: usize_of(r, 11)?,
                                    text: r.get(12)?,
                                },
                            })
                        },
                    )?
                    .collect::<rusqlite::Result<Vec<_>>>()
            })?;
            items.extend(dates);
        }
        items.sort_by(|a, b| {
            (
                a.date.first_day,
                a.date.last_day,
                &a.quote.document,
                a.start,
            )
                .cmp(&(
                    b.date.first_day,
                    b.date.last_day,
                    &b.quote.document,
                    b.start,
                ))
        });
        if let Some(limit) = filter.limit {
            items.truncate(limit);
        }
        Ok(items)
    }

    /// The link an entity name stands for: a link itself, or the link its
    /// written form most often has (any case).
    pub fn resolve_entity(&self, name: &str) -> Result<Option<String>, Error> {
        self.run(|| {
            let exact: Option<String> = self
                .conn
                .prepare_cached(
                    "SELECT link FROM doc_entities WHERE link = ?1 COLLATE NOCASE
                     ORDER BY link = ?1 DESC, link LIMIT 1",
                )?
                .query_row(params![name], |r| r.get(0))
                .optional()?;
            if exact.is_some() {
                return Ok(exact);
            }
            self.conn
                .prepare_cached(
                    "SELECT link FROM doc_forms WHERE text = ?1 COLLATE NOCASE
                     GROUP BY link ORDER BY sum(n) DESC, link LIMIT 1",
                )?
                .query_row(params![name], |r| r.get(0))
                .optional()
        })
    }

    /// What the record knows of the entity with this link, `None` when no
    /// mention has it. `events` caps the events listed. It reads the
    /// per-document summaries, one row per document, not every mention.
    pub fn entity(&self, link: &str, events: usize) -> Result<Option<EntityInfo>, Error> {
        let head = self.run(|| {
            self.conn
                .prepare_cached(
                    "SELECT link, sum(mentions), count(DISTINCT doc), max(iso), max(cow)
                     FROM doc_entities WHERE link = ?1 GROUP BY link",
                )?
                .query_row(params![link], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, Option<i64>>(4)?,
                    ))
                })
                .optional()
        })?;
        let Some((link, mentions, documents, iso, cow)) = head else {
            return Ok(None);
        };
        let pairs = |sql: &str| -> Result<Vec<(String, i64)>, Error> {
            self.run(|| {
                self.conn
                    .prepare_cached(sql)?
                    .query_map(params![link], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect()
            })
        };
        let labels = pairs(
            "SELECT label, sum(mentions) FROM doc_entities WHERE link = ?1
             GROUP BY label ORDER BY 2 DESC, label",
        )?;
        let forms = pairs(
            "SELECT text, sum(n) FROM doc_forms WHERE link = ?1
             GROUP BY text ORDER BY 2 DESC, text LIMIT 20",
        )?;
        let cooccurring = pairs(
            "SELECT b, sum(sentences) FROM doc_pairs WHERE a = ?1
             GROUP BY b ORDER BY 2 DESC, b LIMIT 15",
        )?;
        let roles = pairs("SELECT role, sum(n) FROM doc_roles WHERE actor = ?1 GROUP BY role")?;
        let role = |name: &str| roles.iter().find(|r| r.0 == name).map_or(0, |r| r.1);
        // Each document's earliest (latest) dated sentence is kept; the
        // record's is the earliest (latest) of them.
        let dated = |which: &str, order: &str| -> Result<Option<(Dated, Quote)>, Error> {
            let sql = format!(
                "SELECT k.value, k.mod, k.first_day, k.last_day, d.name, d.title, s.idx, s.start,
                        s.end, f.text
                 FROM (
                     SELECT x.doc, x.value, x.mod, x.first_day, x.last_day, x.sentence
                     FROM doc_dated x JOIN documents d ON d.id = x.doc
                     WHERE x.link = ?1 AND x.which = ?2
                     ORDER BY {order} LIMIT 1
                 ) k CROSS JOIN documents d ON d.id = k.doc
                 CROSS JOIN sentences s ON s.doc = k.doc AND s.idx = k.sentence
                 CROSS JOIN sentence_search f ON f.rowid = s.rowid"
            );
            self.run(|| {
                self.conn
                    .prepare_cached(&sql)?
                    .query_row(params![link, which], |r| {
                        Ok((
                            Dated::new(r.get(0)?, None, r.get(1)?, r.get(2)?, r.get(3)?),
                            Quote {
                                document: r.get(4)?,
                                title: r.get(5)?,
                                sentence: r.get(6)?,
                                start: usize_of(r, 7)?,
                                end: usize_of(r, 8)?,
                                text: r.get(9)?,
                            },
                        ))
                    })
                    .optional()
            })
        };
        let first = dated("first", "x.first_day, x.last_day, d.name, x.sentence")?;
        let last = dated(
            "last",
            "x.last_day DESC, x.first_day DESC, d.name, x.sentence",
        )?;
        let events = self.events(&Filter {
            entity: Some(link.clone()),
            limit: Some(events),
            ..Default::default()
        })?;
        Ok(Some(EntityInfo {
            label: labels.first().map(|l| l.0.clone()).unwrap_or_default(),
            link,
            iso,
            cow,
            mentions,
            documents,
            forms,
            first,
            last,
            as_source: role("source"),
            as_target: role("target"),
            events,
            cooccurring,
        }))
    }

    /// Full-text search over sentences, best first: every word of `words`
    /// must occur (words are stemmed: "signed" finds "signing"). The filter's
    /// dates keep sentences with a date or a dated event in range; its entity
    /// keeps sentences that mention it.
    pub fn search(&self, words: &str, filter: &Filter) -> Result<Vec<Hit>, Error> {
        match match_query(words) {
            Some(query) => self.search_fts(&query, filter),
            None => Ok(Vec::new()),
        }
    }

    /// Full-text search for sentences with any of the words, those with
    /// more and rarer ones first.
    pub fn search_any(&self, words: &[String], filter: &Filter) -> Result<Vec<Hit>, Error> {
        let terms: Vec<String> = words.iter().filter_map(|w| match_query(w)).collect();
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let query = terms
            .iter()
            .map(|t| format!("({t})"))
            .collect::<Vec<_>>()
            .join(" OR ");
        self.search_fts(&query, filter)
    }

    fn search_fts(&self, query: &str, filter: &Filter) -> Result<Vec<Hit>, Error> {
        let dated = filter.from.is_some() || filter.to.is_some();
        let sql = "SELECT d.name, d.title, s.idx, s.start, s.end, f.text,
                    highlight(sentence_search, 0, ?8, ?9),
                    snippet(sentence_search, 0, ?8, ?9, '…', 24),
                    bm25(sentence_search)
             FROM sentence_search f
             JOIN sentences s ON s.rowid = f.rowid
             JOIN documents d ON d.id = s.doc
             WHERE sentence_search MATCH ?1
               AND (?2 = 0 OR EXISTS (SELECT 1 FROM timexes t
                        WHERE t.doc = s.doc AND t.sentence = s.idx
                          AND (?3 IS NULL OR t.last_day >= ?3) AND (?4 IS NULL OR t.first_day <= ?4))
                    OR EXISTS (SELECT 1 FROM events e
                        WHERE e.doc = s.doc AND e.sentence = s.idx
                          AND (?3 IS NULL OR e.last_day >= ?3) AND (?4 IS NULL OR e.first_day <= ?4)))
               AND (?5 IS NULL OR EXISTS (SELECT 1 FROM mentions m
                        WHERE m.doc = s.doc AND m.sentence = s.idx AND m.link = ?5 COLLATE NOCASE))
               AND (?6 IS NULL OR d.name = ?6)
             ORDER BY bm25(sentence_search), d.name, s.idx
             LIMIT ?7";
        self.run(|| {
            self.conn
                .prepare_cached(sql)?
                .query_map(
                    params![
                        query,
                        dated,
                        filter.from,
                        filter.to,
                        filter.entity,
                        filter.document,
                        filter.limit.map_or(-1, |l| l as i64),
                        OPEN.to_string(),
                        CLOSE.to_string()
                    ],
                    |r| {
                        let start = usize_of(r, 3)?;
                        let marked: String = r.get(6)?;
                        let snippet: String = r.get(7)?;
                        Ok(Hit {
                            quote: Quote {
                                document: r.get(0)?,
                                title: r.get(1)?,
                                sentence: r.get(2)?,
                                start,
                                end: usize_of(r, 4)?,
                                text: r.get(5)?,
                            },
                            matches: marked_spans(&marked)
                                .into_iter()
                                .map(|(a, b)| (start + a, start + b))
                                .collect(),
                            snippet: snippet.replace(OPEN, "[").replace(CLOSE, "]"),
                            rank: r.get(8)?,
                        })
                    },
                )?
                .collect()
        })
    }

    /// The events of one sentence of a document, in text order.
    pub fn sentence_events(
        &self,
        document: &str,
        sentence: i64,
    ) -> Result<Vec<StoredEvent>, Error> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e {EVENT_JOINS}
             WHERE d.name = ?1 AND e.sentence = ?2 ORDER BY e.trigger_start, e.eid"
        );
        self.run(|| {
            let rows = self
                .conn
                .prepare_cached(&sql)?
                .query_map(params![document, sentence], event_of)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            self.with_actors(rows)
        })
    }

    /// Measures of the record in a unit (any case; all units when `None`),
    /// in document order, each with its sentence.
    pub fn measures(&self, unit: Option<&str>) -> Result<Vec<(Measure, Quote)>, Error> {
        let sql = "SELECT q.qid, q.start, q.end, q.text, q.amount, q.unit, q.measure, q.approx,
                    q.date_value, q.date_end, q.date_mod, q.sentence_start, q.sentence_end,
                    d.name, d.title, q.sentence, f.text
             FROM measures q JOIN documents d ON d.id = q.doc
             JOIN sentences s ON s.doc = q.doc AND s.idx = q.sentence
             JOIN sentence_search f ON f.rowid = s.rowid
             WHERE (?1 IS NULL OR q.unit = ?1 COLLATE NOCASE)
             ORDER BY d.name, q.start";
        self.run(|| {
            self.conn
                .prepare_cached(sql)?
                .query_map(params![unit], |r| {
                    let m = measure_of(r)?;
                    let quote = Quote {
                        document: r.get(13)?,
                        title: r.get(14)?,
                        sentence: r.get::<_, Option<i64>>(15)?.unwrap_or(0),
                        start: m.sentence_start,
                        end: m.sentence_end,
                        text: r.get(16)?,
                    };
                    Ok((m, quote))
                })?
                .collect()
        })
    }

    /// A document and all its layers, `None` when the record has no
    /// document of that name.
    pub fn load(&self, name: &str) -> Result<Option<Loaded>, Error> {
        self.run(|| self.load_rows(name))
    }

    fn load_rows(&self, name: &str) -> rusqlite::Result<Option<Loaded>> {
        let head: Option<(i64, String)> = self
            .conn
            .prepare_cached("SELECT id, text FROM documents WHERE name = ?1")?
            .query_row(params![name], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((id, text)) = head else {
            return Ok(None);
        };
        let sections: Vec<(Section, Option<String>)> = self
            .conn
            .prepare_cached(
                "SELECT level, start, end, parent, heading FROM sections WHERE doc = ?1 ORDER BY idx",
            )?
            .query_map(params![id], |r| {
                Ok((
                    Section {
                        level: r.get(0)?,
                        heading: None,
                        parent: r.get::<_, Option<i64>>(3)?.map(|p| p.max(0) as usize),
                        span: Span::new(usize_of(r, 1)?, usize_of(r, 2)?),
                    },
                    r.get(4)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        // Headings are stored as text; find them again in their section.
        let sections: Vec<Section> = sections
            .into_iter()
            .map(|(mut s, heading)| {
                if let Some(h) = heading {
                    let part = text.get(s.span.start..s.span.end).unwrap_or("");
                    if let Some(at) = part.find(h.as_str()) {
                        s.heading = Some(Span::new(s.span.start + at, s.span.start + at + h.len()));
                    }
                }
                s
            })
            .collect();
        let title = sections.first().and_then(|s| s.heading);
        let sentences: Vec<Sentence> = self
            .conn
            .prepare_cached(
                "SELECT start, end, section FROM sentences WHERE doc = ?1 ORDER BY idx",
            )?
            .query_map(params![id], |r| {
                Ok(Sentence {
                    span: Span::new(usize_of(r, 0)?, usize_of(r, 1)?),
                    block: 0,
                    section: usize_of(r, 2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let sentence_span = |i: Option<i64>| -> Span {
            i.and_then(|i| sentences.get(i.max(0) as usize))
                .map_or(Span::new(0, 0), |s| s.span)
        };
        let timexes: Vec<Timex> = self
            .conn
            .prepare_cached(
                "SELECT tid, start, end, text, type, value, mod, edtf, earliest, latest, sentence
                 FROM timexes WHERE doc = ?1 ORDER BY start, tid",
            )?
            .query_map(params![id], |r| {
                let kind: String = r.get(4)?;
                let modifier: Option<String> = r.get(6)?;
                Ok(Timex {
                    id: r.get(0)?,
                    span: Span::new(usize_of(r, 1)?, usize_of(r, 2)?),
                    text: r.get(3)?,
                    kind: TimexType::parse(&kind).unwrap_or(TimexType::Date),
                    value: r.get(5)?,
                    modifier: modifier.as_deref().and_then(TimexMod::parse),
                    anchor: None,
                    range_start: None,
                    edtf: r.get(7)?,
                    earliest: r.get(8)?,
                    latest: r.get(9)?,
                    sentence: sentence_span(r.get(10)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mentions: Vec<Mention> = self
            .conn
            .prepare_cached(
                "SELECT mid, start, end, text, label, link, metonymy, iso, cow, sentence
                 FROM mentions WHERE doc = ?1 ORDER BY start, mid",
            )?
            .query_map(params![id], |r| {
                let label: String = r.get(4)?;
                Ok(Mention {
                    id: r.get(0)?,
                    span: Span::new(usize_of(r, 1)?, usize_of(r, 2)?),
                    text: r.get(3)?,
                    label: EntityLabel::parse(&label).unwrap_or(EntityLabel::Org),
                    link: r.get(5)?,
                    metonymy: r.get(6)?,
                    iso: r.get(7)?,
                    cow: r.get(8)?,
                    valid_from: None,
                    valid_to: None,
                    sentence: sentence_span(r.get(9)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e {EVENT_JOINS} WHERE e.doc = ?1
             ORDER BY e.trigger_start, e.eid"
        );
        let rows = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params![id], event_of)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let events: Vec<Event> = self
            .with_actors(rows)?
            .into_iter()
            .map(|e| e.event)
            .collect();
        let measures: Vec<Measure> = self
            .conn
            .prepare_cached(
                "SELECT qid, start, end, text, amount, unit, measure, approx, date_value, date_end,
                        date_mod, sentence_start, sentence_end
                 FROM measures WHERE doc = ?1 ORDER BY start, qid",
            )?
            .query_map(params![id], measure_of)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(Loaded {
            doc: Document {
                name: name.to_string(),
                text,
                title,
                sections,
                blocks: Vec::new(),
                dct: None,
            },
            sentences,
            timexes,
            mentions,
            events,
            measures,
        }))
    }
}
