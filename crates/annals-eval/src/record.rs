//! Time expression records as they appear in gold and system JSONL files.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};

use crate::Error;

/// One time expression, gold or system: a line of a timex JSONL file.
///
/// The field names are those of `shared/eval/seed/timex.jsonl`; unknown fields
/// (`note`, `anchor`, `timex2`, ...) are ignored. Spans are UTF-8 byte offsets,
/// end-exclusive.
///
/// ```
/// use annals_eval::TimexRecord;
///
/// let line = r#"{"id": "T2", "start": 161, "end": 165, "text": "1917", "type": "DATE", "value": "1917", "note": "x"}"#;
/// let record: TimexRecord = serde_json::from_str(line)?;
/// assert_eq!((record.start, record.end), (161, 165));
/// assert_eq!(record.r#type.as_deref(), Some("DATE"));
/// assert!(!record.optional);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimexRecord {
    /// The document the record belongs to; `None` when a file holds one document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    /// The record's id within its document (`T1`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Start of the extent, a UTF-8 byte offset.
    pub start: usize,
    /// End of the extent, a UTF-8 byte offset (exclusive).
    pub end: usize,
    /// The text of the extent.
    #[serde(default)]
    pub text: String,
    /// TIMEX3 type: `DATE`, `TIME`, `DURATION` or `SET`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// TIMEX3 value (`1941-09`, `P3Y`, `PRESENT_REF`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// TIMEX3 `mod` (`MID`, `APPROX`, ...).
    #[serde(default, rename = "mod", skip_serializing_if = "Option::is_none")]
    pub r#mod: Option<String>,
    /// A gold record that is neither rewarded nor penalised (`null` reads as `false`).
    #[serde(
        default,
        deserialize_with = "null_as_false",
        skip_serializing_if = "std::ops::Not::not"
    )]
    pub optional: bool,
}

pub(crate) fn null_as_false<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(deserializer)?.unwrap_or(false))
}

/// Reads a timex JSONL file: one record a line, blank lines skipped.
///
/// An error names the file and the line (and column, for malformed JSON).
///
/// ```
/// use std::io::Write;
///
/// let mut file = tempfile::NamedTempFile::new()?;
/// writeln!(file, r#"{{"start": 0, "end": 4, "text": "1918", "value": "1918"}}"#)?;
/// writeln!(file)?;
/// writeln!(file, r#"{{"start": 9}}"#)?;
/// let error = annals_eval::read_jsonl(file.path()).unwrap_err();
/// assert!(error.to_string().contains(":3:"), "{error}");
/// assert!(error.to_string().contains("missing field `end`"), "{error}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_jsonl(path: &Path) -> Result<Vec<TimexRecord>, Error> {
    read_lines(path)
}

/// Reads any JSONL file of `T`, skipping blank lines as `score.py` does.
pub(crate) fn read_lines<T: DeserializeOwned>(path: &Path) -> Result<Vec<T>, Error> {
    let bytes = std::fs::read(path).map_err(|error| Error::Read {
        path: path.to_owned(),
        error,
    })?;
    let mut records = Vec::new();
    for (index, raw) in bytes.split(|&byte| byte == b'\n').enumerate() {
        let line = index + 1;
        let text = std::str::from_utf8(raw).map_err(|_| Error::Utf8 {
            path: path.to_owned(),
            line,
        })?;
        if crate::value::python_strip(text).is_empty() {
            continue;
        }
        let record = serde_json::from_str(text).map_err(|error| Error::Record {
            path: path.to_owned(),
            line,
            column: error.column(),
            reason: reason_without_position(&error),
        })?;
        records.push(record);
    }
    Ok(records)
}

/// serde_json appends " at line L column C" to its message; our error names
/// the file's own line, so the parser's line (always 1) would only confuse.
fn reason_without_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_owned(),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn reads_gold_and_system_lines() -> Result<(), Box<dyn std::error::Error>> {
        let mut file = tempfile::NamedTempFile::new()?;
        writeln!(
            file,
            r#"{{"doc": "01_WW2", "id": "T8", "start": 1, "end": 5, "text": "then", "type": "DATE", "value": "", "mod": "MID", "optional": true, "timex2": {{"VAL": ""}}}}"#
        )?;
        writeln!(file, "  ")?;
        write!(
            file,
            r#"{{"start": 7, "end": 9, "text": "now", "optional": null}}"#
        )?;
        let records = read_jsonl(file.path())?;
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].doc.as_deref(), Some("01_WW2"));
        assert_eq!(records[0].r#mod.as_deref(), Some("MID"));
        assert!(records[0].optional);
        assert!(!records[1].optional);
        assert_eq!(records[1].value, None);
        Ok(())
    }

    #[test]
    fn errors_name_file_and_line() -> Result<(), Box<dyn std::error::Error>> {
        let mut file = tempfile::NamedTempFile::new()?;
        writeln!(file, r#"{{"start": 0, "end": 4}}"#)?;
        writeln!(file, r#"{{"start": 0, "end": }}"#)?;
        let message = read_jsonl(file.path())
            .expect_err("line 2 is malformed")
            .to_string();
        let expected = format!("{}:2:", file.path().display());
        assert!(message.starts_with(&expected), "{message}");
        assert!(!message.contains("at line"), "{message}");

        let missing = read_jsonl(Path::new("/nonexistent/timex.jsonl"))
            .expect_err("the file does not exist")
            .to_string();
        assert!(missing.contains("/nonexistent/timex.jsonl"), "{missing}");
        Ok(())
    }

    #[test]
    fn invalid_utf8_names_the_line() -> Result<(), Box<dyn std::error::Error>> {
        let mut file = tempfile::NamedTempFile::new()?;
        file.write_all(b"{\"start\": 0, \"end\": 1}\n\xff\n")?;
        let message = read_jsonl(file.path()).expect_err("bad bytes").to_string();
        assert!(
            message.contains(":2: the line is not valid UTF-8"),
            "{message}"
        );
        Ok(())
    }
}
