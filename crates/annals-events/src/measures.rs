//! Measures: explicit quantities in a document.

use annals_core::{Document, Measure, Sentence, Timex};

/// Finds every explicit quantity of a document.
pub fn tag_measures(_doc: &Document, _sentences: &[Sentence], _timexes: &[Timex]) -> Vec<Measure> {
    Vec::new()
}
