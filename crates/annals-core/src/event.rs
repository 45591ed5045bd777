//! Events: who did what to whom, when, coded with PLOVER, CAMEO and Goldstein.

use serde::{Deserialize, Serialize};

/// An event mention, in the schema of the event gold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// `E1`, `E2`, … in document order.
    pub id: String,
    /// First byte of the sentence.
    pub sentence_start: usize,
    /// One past the last byte of the sentence.
    pub sentence_end: usize,
    /// The words that name the action.
    pub trigger: Trigger,
    /// PLOVER event type (`AGREE`, `ASSAULT`, …).
    #[serde(rename = "type")]
    pub kind: String,
    /// PLOVER mode, when one fits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// CAMEO code.
    pub cameo: String,
    /// Goldstein value of the CAMEO code (-10 … +10).
    pub goldstein: f64,
    /// Who acts (Wikipedia titles; all parties of a joint act).
    pub source: Vec<String>,
    /// Who is acted on.
    pub target: Vec<String>,
    /// When (TIMEX3 value, with an end for intervals).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<EventDate>,
    /// Where, when the text says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// The text says it did not happen.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub negated: bool,
    /// Planned, offered, conditional or feared, not reported as carried out.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hypothetical: bool,
    /// The id of the first mention of the same real event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same_as: Option<String>,
}

/// The trigger of an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trigger {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The words.
    pub text: String,
}

/// The date of an event: a TIMEX3 value, an end for intervals, a modifier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDate {
    /// TIMEX3 value of the start (or of the whole).
    pub value: String,
    /// TIMEX3 value of the end of an interval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// TIMEX3 modifier.
    #[serde(rename = "mod", default, skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
}
