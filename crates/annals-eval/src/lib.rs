//! Scoring of time expressions against gold annotations, TempEval-3 style.
//!
//! This crate is the measuring stick of `annals`: it reads gold and system time
//! expressions (TIMEX3 records, one JSON object a line, UTF-8 byte spans), aligns
//! them and reports precision, recall and F1 for the TempEval-3 measures:
//!
//! - **strict**: the spans are identical;
//! - **relaxed**: the spans overlap (each gold and each system span used once,
//!   paired greedily by overlap size);
//! - **value**, **value_mod**, **type**: a relaxed pair whose value (and `mod`)
//!   or type also agree;
//! - **value accuracy on matched**: the share of relaxed pairs with the right value.
//!
//! The figures agree exactly with the reference scorer `shared/eval/score.py`
//! (`score.py timex GOLD SYS --json`), including Python's rounding to four
//! decimals; the test `tests/agree_with_reference.rs` holds it to that. Gold
//! records flagged `optional` are neither rewarded nor penalised: a system span
//! that overlaps one is dropped unless it also overlaps a required gold span.
//!
//! Entity mentions are scored the same way (`score.py entities`): see
//! [`score_entities_document`] and [`EntityScore`]. Events are scored as
//! `score.py events` scores them, by their trigger spans: see
//! [`score_events_document`] and [`EventScore`]; measures (explicit
//! quantities) by span, amount and unit: see [`score_measures_document`].
//!
//! A corpus is scored per document (records are grouped by their `doc` field)
//! and the counts are summed, so corpus figures are micro averages.
//! [`ValueNorm::Timex2`] adds the few value equivalences needed to compare a
//! TIMEX3 tagger with TIMEX2 gold such as WikiWars.
//!
//! The scoring itself depends only on the records' JSON field names; the
//! [`run`] module is the one place that runs the pipeline (read, segment,
//! time) over a gold corpus to produce the system side.
//!
//! # Example
//!
//! ```
//! use annals_eval::{render_table, score_document, TimexRecord, ValueNorm};
//!
//! let timex = |start, end, text: &str, value: &str| TimexRecord {
//!     start,
//!     end,
//!     text: text.to_owned(),
//!     r#type: Some("DATE".to_owned()),
//!     value: Some(value.to_owned()),
//!     ..TimexRecord::default()
//! };
//! let gold = [timex(0, 13, "23 March 1941", "1941-03-23"), timex(20, 24, "1945", "1945")];
//! let system = [timex(3, 13, "March 1941", "1941-03"), timex(20, 24, "1945", "1945")];
//!
//! let document = score_document(&gold, &system, ValueNorm::Exact);
//! let score = document.score();
//! assert_eq!(score.strict.f1, 0.5);
//! assert_eq!(score.relaxed.f1, 1.0);
//! assert_eq!(score.value.tp, 1);
//! assert_eq!(score.wrong.len(), 1);
//! assert!(render_table("example", &score).contains("relaxed"));
//! ```

#![warn(missing_docs)]

mod align;
mod corpus;
mod entity;
mod error;
mod event;
mod record;
mod render;
pub mod run;
mod score;
mod value;
pub mod wikilinks;

pub use corpus::{EntityGold, EventGold, GoldCorpus, GoldDoc};
pub use entity::{
    read_entity_jsonl, render_entity_errors, render_entity_table, score_entities_document,
    EntityCorpusScore, EntityCounts, EntityDocumentScore, EntityLabel, EntityRecord, EntityScore,
    LabelCounts,
};
pub use error::Error;
pub use event::{
    read_event_jsonl, read_measure_jsonl, render_event_errors, render_event_table,
    render_measure_errors, render_measure_table, score_events_document, score_measures_document,
    EventCorpusScore, EventCounts, EventDate, EventDocumentScore, EventRecord, EventScore,
    MeasureCorpusScore, MeasureCounts, MeasureDocumentScore, MeasureRecord, MeasureScope,
    MeasureScore, TriggerSpan, TypeCounts,
};
pub use record::{read_jsonl, TimexRecord};
pub use render::{render_errors, render_table};
pub use score::{
    score_corpus, score_document, CorpusScore, Counts, DocumentScore, Prf, TimexScore,
};
pub use value::ValueNorm;
