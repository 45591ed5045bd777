//! Time expressions: TIMEX3 with EDTF and a sortable interval.

use crate::Span;
use serde::{Deserialize, Serialize};

/// A time expression, as TimeML's TIMEX3 with the additions `annals` needs.
///
/// `value` is the TIMEX3 value (`1941-09`, `196`, `P3Y`, `PRESENT_REF`,
/// `BC0044`). Every DATE whose value is a calendar value also carries its
/// EDTF form and the first and last day it may denote, so that timelines can
/// sort and draw it at its own precision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex {
    /// `T1`, `T2`, … in document order.
    pub id: String,
    /// The expression's bytes.
    #[serde(flatten)]
    pub span: Span,
    /// The expression's text (the bytes of `span`).
    pub text: String,
    /// TIMEX3 type.
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// TIMEX3 value.
    pub value: String,
    /// TIMEX3 modifier.
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none", default)]
    pub modifier: Option<TimexMod>,
    /// The id of the timex this one was resolved from (narrative anchoring).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub anchor: Option<String>,
    /// On the end of a written range, the id of its start.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub range_start: Option<String>,
    /// The EDTF (ISO 8601-2) form of a DATE.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub edtf: Option<String>,
    /// The first day the DATE may denote (ISO 8601, `-0043-01-01` before the era).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub earliest: Option<String>,
    /// The last day the DATE may denote.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub latest: Option<String>,
    /// The sentence the expression lies in.
    pub sentence: Span,
}

/// TIMEX3 `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period: `1941-09`, `196`, `PRESENT_REF`.
    Date,
    /// A time of day: `1941-12-07T07:48`, `1944-06-06TMO`.
    Time,
    /// A length of time: `P90D`.
    Duration,
    /// A recurring time: `P1Y` for "annually".
    Set,
}

impl TimexType {
    /// The TIMEX3 name.
    ///
    /// ```
    /// assert_eq!(annals_core::TimexType::Duration.as_str(), "DURATION");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }

    /// The type of a TIMEX3 name.
    ///
    /// ```
    /// use annals_core::TimexType;
    /// assert_eq!(TimexType::parse("SET"), Some(TimexType::Set));
    /// assert_eq!(TimexType::parse("EVENT"), None);
    /// ```
    pub fn parse(name: &str) -> Option<TimexType> {
        [
            TimexType::Date,
            TimexType::Time,
            TimexType::Duration,
            TimexType::Set,
        ]
        .into_iter()
        .find(|t| t.as_str() == name)
    }
}

/// TIMEX3 `mod` (the TIMEX2 MOD list, whose names TIMEX3 shares).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TimexMod {
    /// "early 1970s", "the first half of".
    Start,
    /// "mid-1978".
    Mid,
    /// "late 1991", "the second half of".
    End,
    /// "around 1963", "c. 1900".
    Approx,
    /// "before 1900" when the signal is inside the expression.
    Before,
    /// "after the war" periods, "post-war".
    After,
    /// "no later than".
    OnOrBefore,
    /// "no earlier than".
    OnOrAfter,
    /// "less than two years", "nearly".
    LessThan,
    /// "more than two years", "over".
    MoreThan,
    /// "at most".
    EqualOrLess,
    /// "at least".
    EqualOrMore,
}

impl TimexMod {
    /// The TIMEX3 name.
    ///
    /// ```
    /// assert_eq!(annals_core::TimexMod::OnOrAfter.as_str(), "ON_OR_AFTER");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            TimexMod::Start => "START",
            TimexMod::Mid => "MID",
            TimexMod::End => "END",
            TimexMod::Approx => "APPROX",
            TimexMod::Before => "BEFORE",
            TimexMod::After => "AFTER",
            TimexMod::OnOrBefore => "ON_OR_BEFORE",
            TimexMod::OnOrAfter => "ON_OR_AFTER",
            TimexMod::LessThan => "LESS_THAN",
            TimexMod::MoreThan => "MORE_THAN",
            TimexMod::EqualOrLess => "EQUAL_OR_LESS",
            TimexMod::EqualOrMore => "EQUAL_OR_MORE",
        }
    }

    /// Parses a TIMEX3 name.
    ///
    /// ```
    /// use annals_core::TimexMod;
    /// assert_eq!(TimexMod::parse("MID"), Some(TimexMod::Mid));
    /// assert_eq!(TimexMod::parse("SOON"), None);
    /// ```
    pub fn parse(name: &str) -> Option<TimexMod> {
        Some(match name {
            "START" => TimexMod::Start,
            "MID" => TimexMod::Mid,
            "END" => TimexMod::End,
            "APPROX" => TimexMod::Approx,
            "BEFORE" => TimexMod::Before,
            "AFTER" => TimexMod::After,
            "ON_OR_BEFORE" => TimexMod::OnOrBefore,
            "ON_OR_AFTER" => TimexMod::OnOrAfter,
            "LESS_THAN" => TimexMod::LessThan,
            "MORE_THAN" => TimexMod::MoreThan,
            "EQUAL_OR_LESS" => TimexMod::EqualOrLess,
            "EQUAL_OR_MORE" => TimexMod::EqualOrMore,
            _ => return None,
        })
    }
}
