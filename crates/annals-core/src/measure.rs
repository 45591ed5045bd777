//! Measures: explicit quantities with their amount in base units.

use crate::EventDate;
use serde::{Deserialize, Serialize};

/// An explicit quantity ("US$4.4 billion", "70,000 troops", "90 days"), in
/// the schema of the measure gold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    /// `Q1`, `Q2`, … in document order.
    pub id: String,
    /// First byte of the quantity.
    pub start: usize,
    /// One past the last byte of the quantity.
    pub end: usize,
    /// The words of the quantity.
    pub text: String,
    /// The amount in base units (US$4.4 billion is 4400000000).
    pub amount: f64,
    /// The unit: `USD`, `troops`, `islands`, `km2`, `years`, …
    pub unit: String,
    /// What is measured, in words taken from the sentence.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub measure: String,
    /// When the quantity held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<EventDate>,
    /// The text's qualifier of the amount (`nearly`, `over`, `as many as`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approx: Option<String>,
    /// First byte of the sentence.
    pub sentence_start: usize,
    /// One past the last byte of the sentence.
    pub sentence_end: usize,
}
