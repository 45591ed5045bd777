//! The growing plain text with its source map and gold links.

use crate::{GoldLink, SourceMap};

/// One run of the plain text: from `text` up to the next run's `text`.
///
/// A copied run's bytes equal the wikitext's bytes from `source` on; a
/// synthesized run (a decoded entity, a date written out, a separator) stands
/// for the wikitext from `source` to `source + source_len`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    /// Byte offset of the run in the plain text.
    pub text: usize,
    /// Byte offset in the wikitext the run comes from.
    pub source: usize,
    /// Length in the wikitext of what the run stands for.
    pub source_len: usize,
    /// Whether the run is the wikitext's bytes copied unchanged.
    pub copied: bool,
}

/// A point to truncate back to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mark {
    text: usize,
    anchors: usize,
    links: usize,
}

/// Plain text under construction.
#[derive(Debug, Default)]
pub(crate) struct Out {
    pub(crate) text: String,
    pub(crate) anchors: Vec<Anchor>,
    pub(crate) links: Vec<GoldLink>,
}

impl Out {
    /// Appends `source[start..end]` unchanged.
    pub(crate) fn copy(&mut self, source: &str, start: usize, end: usize) {
        let Some(part) = source.get(start..end) else {
            return;
        };
        if part.is_empty() {
            return;
        }
        let len = self.text.len();
        match self.anchors.last_mut() {
            Some(last)
                if last.copied
                    && last.source + last.source_len == start
                    && last.text + last.source_len == len =>
            {
                last.source_len += part.len();
            }
            _ => self.anchors.push(Anchor {
                text: len,
                source: start,
                source_len: part.len(),
                copied: true,
            }),
        }
        self.text.push_str(part);
    }

    /// Appends text that stands for `source[start..end]` without equalling it.
    pub(crate) fn synth(&mut self, text: &str, start: usize, end: usize) {
        if text.is_empty() {
            return;
        }
        self.anchors.push(Anchor {
            text: self.text.len(),
            source: start,
            source_len: end.saturating_sub(start),
            copied: false,
        });
        self.text.push_str(text);
    }

    pub(crate) fn mark(&self) -> Mark {
        Mark {
            text: self.text.len(),
            anchors: self.anchors.len(),
            links: self.links.len(),
        }
    }

    /// Forgets everything appended since `mark`.
    pub(crate) fn truncate(&mut self, mark: Mark) {
        self.text.truncate(mark.text);
        self.anchors.truncate(mark.anchors);
        self.links.truncate(mark.links);
        let len = self.text.len();
        while let Some(last) = self.anchors.last_mut() {
            if last.text >= len {
                self.anchors.pop();
                continue;
            }
            if last.copied {
                last.source_len = last.source_len.min(len - last.text);
            }
            break;
        }
    }

    pub(crate) fn into_parts(self) -> (String, SourceMap, Vec<GoldLink>) {
        let map = SourceMap {
            anchors: self.anchors,
            text_len: self.text.len(),
        };
        (self.text, map, self.links)
    }
}
