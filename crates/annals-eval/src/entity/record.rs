//! Entity mention records as they appear in gold and system JSONL files, and
//! the nine OntoNotes labels the gold uses.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::align::{Extent, Spanned};
use crate::record::{null_as_false, read_lines};
use crate::Error;

/// One entity mention, gold or system: a line of an entity JSONL file.
///
/// The field names are those of `shared/eval/seed/entities.jsonl`; unknown
/// fields (`note`, ...) are ignored. Spans are UTF-8 byte offsets, end-exclusive.
/// `link` is an English Wikipedia title; JSON `null` reads as `None`.
///
/// ```
/// use annals_eval::{EntityLabel, EntityRecord};
///
/// let line = r#"{"id": "M5", "start": 139, "end": 148, "text": "Communist", "label": "NORP", "link": "Bolsheviks", "note": "x"}"#;
/// let record: EntityRecord = serde_json::from_str(line)?;
/// assert_eq!((record.start, record.end), (139, 148));
/// assert_eq!(record.entity_label(), Some(EntityLabel::Norp));
/// assert!(record.has_link() && !record.optional && !record.metonymy);
///
/// let unlinked: EntityRecord = serde_json::from_str(r#"{"start": 0, "end": 5, "link": null}"#)?;
/// assert_eq!(unlinked.link, None);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityRecord {
    /// The document the mention belongs to; `None` when a file holds one document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    /// The mention's id within its document (`M1`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Start of the mention, a UTF-8 byte offset.
    pub start: usize,
    /// End of the mention, a UTF-8 byte offset (exclusive).
    pub end: usize,
    /// The text of the mention.
    #[serde(default)]
    pub text: String,
    /// The label (`GPE`, `NORP`, ...), compared as written; see [`EntityLabel`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The English Wikipedia title the mention refers to, if any.
    #[serde(default)]
    pub link: Option<String>,
    /// The mention names a place for its government or people ("Moscow replied").
    #[serde(
        default,
        deserialize_with = "null_as_false",
        skip_serializing_if = "std::ops::Not::not"
    )]
    pub metonymy: bool,
    /// A gold mention that is neither rewarded nor penalised (`null` reads as `false`).
    #[serde(
        default,
        deserialize_with = "null_as_false",
        skip_serializing_if = "std::ops::Not::not"
    )]
    pub optional: bool,
}

impl EntityRecord {
    /// The label, when it is one of the nine OntoNotes labels spelled exactly.
    pub fn entity_label(&self) -> Option<EntityLabel> {
        self.label.as_deref().and_then(EntityLabel::parse)
    }

    /// Whether the mention carries a link: `score.py` tests the link's truth,
    /// so an empty title counts as no link.
    ///
    /// ```
    /// use annals_eval::EntityRecord;
    ///
    /// let with = |link: Option<&str>| EntityRecord { link: link.map(str::to_owned), ..EntityRecord::default() };
    /// assert!(with(Some("Japan")).has_link());
    /// assert!(!with(Some("")).has_link());
    /// assert!(!with(None).has_link());
    /// ```
    pub fn has_link(&self) -> bool {
        self.link.as_deref().is_some_and(|link| !link.is_empty())
    }
}

impl Spanned for EntityRecord {
    fn extent(&self) -> Extent {
        (self.start, self.end)
    }

    fn is_optional(&self) -> bool {
        self.optional
    }
}

pub use annals_core::EntityLabel;

/// A label's position in [`EntityLabel::ALL`].
pub(crate) fn label_index(label: EntityLabel) -> usize {
    label as usize
}

/// Reads an entity JSONL file: one mention a line, blank lines skipped.
///
/// An error names the file and the line (and column, for malformed JSON).
///
/// ```
/// use std::io::Write;
///
/// let mut file = tempfile::NamedTempFile::new()?;
/// writeln!(file, r#"{{"start": 2, "end": 7, "text": "Japan", "label": "GPE", "link": "Japan"}}"#)?;
/// writeln!(file)?;
/// writeln!(file, r#"{{"start": 9, "label": "GPE"}}"#)?;
/// let error = annals_eval::read_entity_jsonl(file.path()).unwrap_err();
/// assert!(error.to_string().contains(":3:"), "{error}");
/// assert!(error.to_string().contains("missing field `end`"), "{error}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_entity_jsonl(path: &Path) -> Result<Vec<EntityRecord>, Error> {
    read_lines(path)
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
            r#"{{"id": "M9", "start": 1, "end": 7, "text": "Moscow", "label": "GPE", "link": "Soviet Union", "metonymy": true, "optional": true, "note": "n"}}"#
        )?;
        writeln!(file, "\t ")?;
        write!(
            file,
            r#"{{"doc": "d", "start": 9, "end": 12, "link": null, "optional": null, "metonymy": null}}"#
        )?;
        let records = read_entity_jsonl(file.path())?;
        assert_eq!(records.len(), 2);
        assert!(records[0].metonymy && records[0].optional);
        assert_eq!(records[0].link.as_deref(), Some("Soviet Union"));
        assert_eq!(records[1].doc.as_deref(), Some("d"));
        assert_eq!(
            (records[1].label.as_deref(), records[1].link.as_deref()),
            (None, None)
        );
        assert!(!records[1].metonymy && !records[1].optional);
        assert_eq!(records[1].text, "");
        Ok(())
    }

    #[test]
    fn errors_name_file_and_line() -> Result<(), Box<dyn std::error::Error>> {
        let mut file = tempfile::NamedTempFile::new()?;
        writeln!(file, r#"{{"start": 0, "end": 4}}"#)?;
        writeln!(file, r#"{{"start": 0, "end": 4, "optional": "yes"}}"#)?;
        let message = read_entity_jsonl(file.path())
            .expect_err("line 2 has a string for a flag")
            .to_string();
        let expected = format!("{}:2:", file.path().display());
        assert!(message.starts_with(&expected), "{message}");
        Ok(())
    }

    #[test]
    fn labels_round_trip_through_their_names_and_serde() {
        for label in EntityLabel::ALL {
            assert_eq!(EntityLabel::parse(label.as_str()), Some(label));
            assert_eq!(
                EntityLabel::ALL[crate::entity::record::label_index(label)],
                label
            );
            let json = serde_json::to_string(&label).unwrap_or_default();
            assert_eq!(json, format!("\"{label}\""));
        }
    }

    #[test]
    fn serialises_like_the_seed() {
        let record = EntityRecord {
            start: 2,
            end: 7,
            text: "Japan".into(),
            label: Some("GPE".into()),
            ..EntityRecord::default()
        };
        let json = serde_json::to_string(&record).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"start":2,"end":7,"text":"Japan","label":"GPE","link":null}"#
        );
    }
}
