//! The document model every reader produces.

use crate::Span;
use serde::{Deserialize, Serialize};

/// A read document: its text and the structure the reader found in it.
///
/// `text` is what every [`Span`] points into. For the seed's plain-text format
/// and for Markdown it is the input file itself.
///
/// ```
/// use annals_core::{Block, BlockKind, Document, Section, Span};
/// let text = "= T =\n\nIn 1925 they met.\n".to_string();
/// let doc = Document {
///     name: "t.txt".into(),
///     text,
///     title: Some(Span::new(2, 3)),
///     sections: vec![Section { level: 1, heading: Some(Span::new(2, 3)), parent: None, span: Span::new(0, 26) }],
///     blocks: vec![Block { kind: BlockKind::Paragraph, span: Span::new(7, 24), section: 0, key: None }],
///     dct: None,
/// };
/// assert_eq!(doc.block_text(&doc.blocks[0]), "In 1925 they met.");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Where the document came from: a path, or `seed` for the built-in article.
    pub name: String,
    /// The text all spans point into.
    pub text: String,
    /// The title, when the format has one.
    pub title: Option<Span>,
    /// Sections in document order. Section 0 is the lead (the part before the
    /// first heading), whose heading is the title if there is one.
    pub sections: Vec<Section>,
    /// Blocks (title, headings, infobox lines, paragraphs, list items) in
    /// document order.
    pub blocks: Vec<Block>,
    /// The document creation time (ISO 8601 date) when the reader knows it.
    pub dct: Option<String>,
}

impl Document {
    /// The text of a block.
    pub fn block_text(&self, block: &Block) -> &str {
        // Readers build blocks on character boundaries of `text`.
        self.text
            .get(block.span.start..block.span.end)
            .unwrap_or("")
    }

    /// The text of any span, or `""` when it does not fit the text.
    pub fn span_text(&self, span: Span) -> &str {
        span.slice(&self.text).unwrap_or("")
    }
}

/// A section: a heading and everything up to the next heading of the same or
/// a higher level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// 1 for the lead, 2 for `== X ==`, 3 for `=== X ===`, and so on.
    pub level: u8,
    /// The heading's text (without the `=` marks).
    pub heading: Option<Span>,
    /// The enclosing section, if any.
    pub parent: Option<usize>,
    /// From the heading line to the end of the section's own content.
    pub span: Span,
}

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// The document title.
    Title,
    /// A section heading.
    Heading,
    /// The line that opens an infobox.
    InfoboxLabel,
    /// One `- Key: Value` line of an infobox; `span` is the value.
    InfoboxEntry,
    /// A paragraph of prose.
    Paragraph,
    /// One list item (without its bullet).
    ListItem,
}

/// A unit of text the reader found: a heading, a paragraph, a list item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// What kind of block it is.
    pub kind: BlockKind,
    /// The block's text without its markup (no `=`, no bullet).
    pub span: Span,
    /// Index of the section the block belongs to.
    pub section: usize,
    /// For an infobox entry, the key.
    pub key: Option<Span>,
}

/// A sentence: headings, list items and infobox lines are sentences of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// The sentence's bytes, without surrounding white space.
    pub span: Span,
    /// Index of the block it lies in.
    pub block: usize,
    /// Index of the section it lies in.
    pub section: usize,
}
