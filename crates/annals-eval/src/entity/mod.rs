//! Scoring of entity mentions against gold, as `score.py entities` scores them.
//!
//! Gold and system mentions ([`EntityRecord`], one JSON object a line) are
//! aligned exactly as time expressions are: optional gold is split off, then
//! overlapping spans are paired greedily by overlap size. On those pairs:
//!
//! - **strict_typed**: identical spans and equal labels;
//! - **relaxed_typed**: equal labels; **relaxed_untyped**: every pair;
//! - **link_accuracy_on_matched**: among pairs whose gold has a link, the share
//!   with the system's link equal to it; **link**: those right links out of the
//!   system and gold mentions that have a link.
//!
//! These five agree with `score.py entities GOLD SYS --json` to the last digit
//! (`tests/entity_agree_with_reference.rs`). Two figures are ours: the label
//! accuracy on matched pairs, and per-label relaxed typed figures for the nine
//! OntoNotes labels ([`EntityLabel`]), which use the overall alignment: a
//! label's true positives are the pairs labelled with it on both sides, its
//! system and gold counts the mentions labelled with it.

mod record;
mod render;
mod score;

pub use record::{read_entity_jsonl, EntityLabel, EntityRecord};
pub use render::{render_entity_errors, render_entity_table};
pub use score::{
    score_entities_document, EntityCorpusScore, EntityCounts, EntityDocumentScore, EntityScore,
    LabelCounts,
};
