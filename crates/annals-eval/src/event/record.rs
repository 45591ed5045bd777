//! Event and measure records as they appear in gold and system JSONL files.

use std::path::Path;

use serde::{Deserialize, Deserializer, Serialize};

use crate::align::{Extent, Spanned};
use crate::record::{null_as_false, read_lines};
use crate::Error;

/// One event mention, gold or system: a line of an event JSONL file.
///
/// The field names are those of `shared/eval/seed/events.jsonl` (see its
/// `EVENT-GUIDELINES.md`); unknown fields (`summary`, ...) are ignored and
/// every field but `trigger` may be missing or `null`. Spans are UTF-8 byte
/// offsets, end-exclusive. An empty `date` object reads as no date, since
/// `score.py` tests the date's truth.
///
/// ```
/// use annals_eval::EventRecord;
///
/// let line = r#"{"id": "E2", "sentence_start": 226, "sentence_end": 416,
///     "trigger": {"start": 236, "end": 247, "text": "sent troops"}, "type": "MOBILIZE",
///     "mode": "troops", "cameo": "154", "goldstein": -7.2, "source": ["Empire of Japan"],
///     "target": ["Bolsheviks"], "date": {"value": "1918", "end": "1922"}, "summary": "x"}"#;
/// let event: EventRecord = serde_json::from_str(line)?;
/// assert_eq!((event.trigger.start, event.trigger.end), (236, 247));
/// assert_eq!(event.r#type.as_deref(), Some("MOBILIZE"));
/// assert_eq!(event.date.as_ref().and_then(|d| d.end.as_deref()), Some("1922"));
/// assert!(!event.negated && !event.hypothetical && !event.optional);
///
/// let bare: EventRecord = serde_json::from_str(r#"{"trigger": {"start": 0, "end": 4}, "date": {}, "source": null}"#)?;
/// assert_eq!((bare.date, bare.source.len()), (None, 0));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// The document the event belongs to; `None` when a file holds one document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    /// The event's id within its document (`E1`, ...); `same_as` refers to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// First byte of the event's sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence_start: Option<usize>,
    /// One past the last byte of the event's sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence_end: Option<usize>,
    /// The words that name the action; events are aligned by this span.
    pub trigger: TriggerSpan,
    /// The PLOVER event type (`AGREE`, `ASSAULT`, ...), compared as written.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// The PLOVER mode, when one fits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// The CAMEO code (`057`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cameo: Option<String>,
    /// The Goldstein value of the CAMEO code, -10 to +10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goldstein: Option<f64>,
    /// Who acts (Wikipedia titles); compared as a set. `null` reads as empty.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub source: Vec<String>,
    /// Who is acted on (Wikipedia titles); compared as a set. `null` reads as empty.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub target: Vec<String>,
    /// When the event happened; an empty object reads as `None`.
    #[serde(
        default,
        deserialize_with = "empty_date_as_none",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<EventDate>,
    /// Where the event happened, when the text says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// The text says the event did not happen (`null` reads as `false`).
    #[serde(
        default,
        deserialize_with = "null_as_false",
        skip_serializing_if = "std::ops::Not::not"
    )]
    pub negated: bool,
    /// Planned, offered, conditional or feared, not reported as carried out.
    #[serde(
        default,
        deserialize_with = "null_as_false",
        skip_serializing_if = "std::ops::Not::not"
    )]
    pub hypothetical: bool,
    /// The id of the first mention of the same real-world event, in the same document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same_as: Option<String>,
    /// A gold event that is neither rewarded nor penalised (`null` reads as `false`).
    #[serde(
        default,
        deserialize_with = "null_as_false",
        skip_serializing_if = "std::ops::Not::not"
    )]
    pub optional: bool,
}

/// The trigger of an event: a byte span of the document and its words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TriggerSpan {
    /// First byte, a UTF-8 byte offset.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The words of the span.
    #[serde(default)]
    pub text: String,
}

/// The date of an event or a measure: a TIMEX3 value, an end for intervals, a
/// modifier. Only `value` is scored (trimmed and upper-cased, as timex values are).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDate {
    /// TIMEX3 value of the start, or of the whole (`1918`, `1945-08-09`).
    #[serde(default)]
    pub value: Option<String>,
    /// TIMEX3 value of the end of an interval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// TIMEX3 modifier (`AFTER`, `MID`, ...).
    #[serde(default, rename = "mod", skip_serializing_if = "Option::is_none")]
    pub r#mod: Option<String>,
}

impl EventRecord {
    /// The `same_as` id, when it is present and not empty.
    pub(crate) fn same_as_id(&self) -> Option<&str> {
        self.same_as.as_deref().filter(|id| !id.is_empty())
    }
}

impl Spanned for EventRecord {
    fn extent(&self) -> Extent {
        (self.trigger.start, self.trigger.end)
    }

    fn is_optional(&self) -> bool {
        self.optional
    }
}

/// One explicit quantity, gold or system: a line of a measure JSONL file.
///
/// The field names are those of `shared/eval/seed/measures.jsonl`; unknown
/// fields are ignored. `amount` is in base units (US$4.4 billion is
/// 4400000000, unit `USD`).
///
/// ```
/// use annals_eval::MeasureRecord;
///
/// let line = r#"{"id": "Q1", "start": 1830, "end": 1843, "text": "70,000 troops", "amount": 70000,
///     "unit": "troops", "measure": "Japanese troops", "date": {"value": "1918"}, "approx": "as many as"}"#;
/// let measure: MeasureRecord = serde_json::from_str(line)?;
/// assert_eq!(measure.amount, Some(70000.0));
/// assert_eq!(measure.unit.as_deref(), Some("troops"));
/// assert!(!measure.is_time());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MeasureRecord {
    /// The document the measure belongs to; `None` when a file holds one document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    /// The measure's id within its document (`Q1`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Start of the quantity, a UTF-8 byte offset.
    pub start: usize,
    /// End of the quantity, a UTF-8 byte offset (exclusive).
    pub end: usize,
    /// The text of the quantity.
    #[serde(default)]
    pub text: String,
    /// The amount in base units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    /// The unit (`USD`, `troops`, `years`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// What is measured, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
    /// When the quantity held; an empty object reads as `None`.
    #[serde(
        default,
        deserialize_with = "empty_date_as_none",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<EventDate>,
    /// The text's qualifier of the amount (`nearly`, `over`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approx: Option<String>,
    /// A gold measure that is neither rewarded nor penalised (`null` reads as `false`).
    #[serde(
        default,
        deserialize_with = "null_as_false",
        skip_serializing_if = "std::ops::Not::not"
    )]
    pub optional: bool,
}

/// Units of time, singular and plural, compared without case: measures in
/// them are durations, which the time tagger also finds.
const TIME_UNITS: [&str; 9] = [
    "year", "month", "week", "day", "hour", "minute", "second", "decade", "century",
];

impl MeasureRecord {
    /// Whether the unit is a unit of time: year, month, week, day, hour,
    /// minute, second, decade or century, singular or plural, in any case.
    ///
    /// ```
    /// use annals_eval::MeasureRecord;
    ///
    /// let unit = |unit: &str| MeasureRecord { unit: Some(unit.into()), ..MeasureRecord::default() };
    /// assert!(unit("years").is_time() && unit(" Day ").is_time() && unit("centuries").is_time());
    /// assert!(!unit("USD").is_time() && !unit("island areas").is_time());
    /// assert!(!MeasureRecord::default().is_time());
    /// ```
    pub fn is_time(&self) -> bool {
        let Some(unit) = self.unit.as_deref() else {
            return false;
        };
        let unit = unit.trim().to_lowercase();
        let singular = match unit.strip_suffix("ies") {
            Some(stem) => format!("{stem}y"),
            None => unit.strip_suffix('s').unwrap_or(&unit).to_owned(),
        };
        TIME_UNITS.contains(&singular.as_str())
    }
}

impl Spanned for MeasureRecord {
    fn extent(&self) -> Extent {
        (self.start, self.end)
    }

    fn is_optional(&self) -> bool {
        self.optional
    }
}

fn null_as_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    Ok(Option::<Vec<String>>::deserialize(deserializer)?.unwrap_or_default())
}

/// `score.py` treats an empty date object like a missing one (both are false).
fn empty_date_as_none<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<EventDate>, D::Error> {
    let object = Option::<serde_json::Map<String, serde_json::Value>>::deserialize(deserializer)?;
    match object {
        None => Ok(None),
        Some(object) if object.is_empty() => Ok(None),
        Some(object) => EventDate::deserialize(serde_json::Value::Object(object))
            .map(Some)
            .map_err(serde::de::Error::custom),
    }
}

/// Reads an event JSONL file: one event a line, blank lines skipped.
///
/// An error names the file and the line (and column, for malformed JSON).
///
/// ```
/// use std::io::Write;
///
/// let mut file = tempfile::NamedTempFile::new()?;
/// writeln!(file, r#"{{"id": "E1", "trigger": {{"start": 4, "end": 12, "text": "takeover"}}, "type": "COERCE"}}"#)?;
/// writeln!(file)?;
/// writeln!(file, r#"{{"id": "E2", "type": "AGREE"}}"#)?;
/// let error = annals_eval::read_event_jsonl(file.path()).unwrap_err();
/// assert!(error.to_string().contains(":3:"), "{error}");
/// assert!(error.to_string().contains("missing field `trigger`"), "{error}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_event_jsonl(path: &Path) -> Result<Vec<EventRecord>, Error> {
    read_lines(path)
}

/// Reads a measure JSONL file: one measure a line, blank lines skipped.
///
/// An error names the file and the line (and column, for malformed JSON).
///
/// ```
/// use std::io::Write;
///
/// let mut file = tempfile::NamedTempFile::new()?;
/// writeln!(file, r#"{{"start": 0, "end": 7, "text": "90 days", "amount": 90, "unit": "days"}}"#)?;
/// writeln!(file, r#"{{"start": 9, "end": 12, "amount": "many"}}"#)?;
/// let error = annals_eval::read_measure_jsonl(file.path()).unwrap_err();
/// assert!(error.to_string().contains(":2:"), "{error}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_measure_jsonl(path: &Path) -> Result<Vec<MeasureRecord>, Error> {
    read_lines(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn reads_gold_and_system_events() -> Result<(), Box<dyn std::error::Error>> {
        let mut file = tempfile::NamedTempFile::new()?;
        writeln!(
            file,
            r#"{{"id": "E7", "sentence_start": 1075, "sentence_end": 1180, "trigger": {{"start": 1173, "end": 1179, "text": "signed"}}, "type": "SUPPORT", "cameo": "057", "goldstein": 8.0, "source": ["Soviet Union", "Japan"], "target": [], "date": {{"value": "1945", "mod": "AFTER"}}, "negated": true, "same_as": "E4", "summary": "s"}}"#
        )?;
        writeln!(file, "  ")?;
        write!(
            file,
            r#"{{"doc": "d", "trigger": {{"start": 1, "end": 3}}, "type": null, "date": null, "negated": null, "hypothetical": true, "optional": null, "target": null}}"#
        )?;
        let events = read_event_jsonl(file.path())?;
        assert_eq!(events.len(), 2);
        let first = &events[0];
        assert_eq!(first.source, ["Soviet Union", "Japan"]);
        assert_eq!(first.goldstein, Some(8.0));
        assert_eq!(first.same_as_id(), Some("E4"));
        let date = first.date.clone().unwrap_or_default();
        assert_eq!(
            (date.value.as_deref(), date.r#mod.as_deref(), date.end),
            (Some("1945"), Some("AFTER"), None)
        );
        assert!(first.negated && !first.hypothetical);
        let second = &events[1];
        assert_eq!(second.doc.as_deref(), Some("d"));
        assert_eq!((second.r#type.as_ref(), second.date.as_ref()), (None, None));
        assert!(!second.negated && second.hypothetical && !second.optional);
        assert!(second.target.is_empty() && second.trigger.text.is_empty());
        Ok(())
    }

    #[test]
    fn a_date_object_with_only_unknown_fields_is_still_a_date() -> Result<(), serde_json::Error> {
        let event: EventRecord =
            serde_json::from_str(r#"{"trigger": {"start": 0, "end": 1}, "date": {"note": 1}}"#)?;
        assert_eq!(event.date, Some(EventDate::default()));
        let error = serde_json::from_str::<EventRecord>(
            r#"{"trigger": {"start": 0, "end": 1}, "date": {"value": 1917}}"#,
        )
        .expect_err("a number is not a TIMEX3 value");
        assert!(error.to_string().contains("invalid type"), "{error}");
        Ok(())
    }

    #[test]
    fn errors_name_file_and_line() -> Result<(), Box<dyn std::error::Error>> {
        let mut file = tempfile::NamedTempFile::new()?;
        writeln!(file, r#"{{"trigger": {{"start": 0, "end": 4}}}}"#)?;
        writeln!(
            file,
            r#"{{"trigger": {{"start": 0, "end": 4}}, "source": "Japan"}}"#
        )?;
        let message = read_event_jsonl(file.path())
            .expect_err("line 2 has a string for the actors")
            .to_string();
        let expected = format!("{}:2:", file.path().display());
        assert!(message.starts_with(&expected), "{message}");

        let missing = read_measure_jsonl(Path::new("/nonexistent/measures.jsonl"))
            .expect_err("the file does not exist")
            .to_string();
        assert!(missing.contains("/nonexistent/measures.jsonl"), "{missing}");
        Ok(())
    }

    #[test]
    fn serialises_without_absent_fields() {
        let event = EventRecord {
            trigger: TriggerSpan {
                start: 2,
                end: 8,
                text: "signed".into(),
            },
            r#type: Some("AGREE".into()),
            source: vec!["Japan".into()],
            ..EventRecord::default()
        };
        let json = serde_json::to_string(&event).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"trigger":{"start":2,"end":8,"text":"signed"},"type":"AGREE","source":["Japan"],"target":[]}"#
        );
        let back: EventRecord = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back, event);
    }

    #[test]
    fn time_units() {
        let unit = |unit: &str| MeasureRecord {
            unit: Some(unit.into()),
            ..MeasureRecord::default()
        };
        for time in [
            "years", "year", "Months", "weeks", "days", "hours", "hour", "decades",
        ] {
            assert!(unit(time).is_time(), "{time}");
        }
        for other in ["USD", "troops", "islands", "island areas", "", "s", "daily"] {
            assert!(!unit(other).is_time(), "{other}");
        }
    }
}
