//! Scoring of events and measures against gold; events as `score.py events`
//! scores them.
//!
//! Gold and system events ([`EventRecord`], one JSON object a line) are
//! aligned by their trigger spans with the greedy overlap alignment shared
//! with time expressions and entities. Unlike those, optional gold is simply
//! removed: no system event is dropped for lying on it. On the pairs:
//!
//! - **trigger**: every pair; **typed**: equal types; **typed_with_actors**:
//!   equal types and equal sets of sources and of targets;
//! - **date_accuracy_on_matched**: dates both absent or with the same value;
//! - **polarity_accuracy_on_matched**: equal `negated` and `hypothetical`.
//!
//! These five agree with `score.py events GOLD SYS --json` to the last digit
//! (`tests/event_agree_with_reference.rs`). Two figures are ours:
//! `same_as_accuracy_on_matched` (defined on [`score_events_document`]) and
//! per-type relaxed typed figures, which use the overall alignment.
//!
//! Measures ([`MeasureRecord`], the explicit quantities of
//! `seed/measures.jsonl`) are aligned by span exactly as time expressions are,
//! then scored on amount and unit; [`MeasureScope::ExceptTime`] leaves out
//! durations. `score.py` has no measure scorer.

mod measure;
mod record;
mod render;
mod score;

pub use measure::{
    score_measures_document, MeasureCorpusScore, MeasureCounts, MeasureDocumentScore, MeasureScope,
    MeasureScore,
};
pub use record::{
    read_event_jsonl, read_measure_jsonl, EventDate, EventRecord, MeasureRecord, TriggerSpan,
};
pub use render::{
    render_event_errors, render_event_table, render_measure_errors, render_measure_table,
};
pub use score::{
    score_events_document, EventCorpusScore, EventCounts, EventDocumentScore, EventScore,
    TypeCounts,
};
