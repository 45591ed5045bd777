//! A wikitext reader: MediaWiki markup to an annals [`Document`].
//!
//! [`read_wikitext`] turns one page's wikitext into plain text with the same
//! structure the other readers give (title, sections from `== h ==` headings,
//! paragraphs, list items, table cells), so segmentation, time, entities and
//! events run on it unchanged. Alongside the document it returns what the
//! markup knew and the text no longer shows: the links' targets as gold
//! annotations on the plain text ([`GoldLink`]), the infobox as key/value
//! pairs, the redirect target, and a [`SourceMap`] from any span of the plain
//! text back to the wikitext.
//!
//! ```
//! let page = "The '''Battle''' of [[Hastings]] was fought on {{start date|1066|10|14}}.<ref>A.</ref>";
//! let wiki = annals_wiki::read_wikitext("hastings", Some("Battle of Hastings"), page).unwrap();
//! assert_eq!(wiki.doc.text, "Battle of Hastings\n\nThe Battle of Hastings was fought on 14 October 1066.");
//! let link = &wiki.links[0];
//! assert_eq!(&wiki.doc.text[link.start..link.end], "Hastings");
//! assert_eq!(link.target, "Hastings");
//! let (s, e) = wiki.source.to_source(link.start, link.end);
//! assert_eq!(&page[s..e], "Hastings");
//! ```
//!
//! The reader never fails on markup: unbalanced brackets, unclosed tags and
//! comments are read as MediaWiki would more or less read them, nesting
//! deeper than 64 links or templates is dropped, and the work is linear in
//! the input (brackets are paired once with an explicit stack; searches for
//! closing markers remember their answers).

mod out;
mod page;
mod render;
mod scan;

pub use annals_core::Document;
pub use out::Anchor;

/// The largest wikitext accepted for one page, in bytes.
pub const MAX_PAGE_BYTES: usize = 64 << 20;

/// Why a page could not be read. Each variant names the page and the place.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The wikitext is larger than [`MAX_PAGE_BYTES`].
    #[error("{name}: wikitext is {size} bytes, more than the {limit}-byte limit for one page")]
    TooLarge {
        /// The page.
        name: String,
        /// Its size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The wikitext holds a NUL byte, so it is not text.
    #[error("{name}: NUL byte at byte {offset}, line {line}; expected wikitext")]
    Binary {
        /// The page.
        name: String,
        /// Byte offset of the first NUL byte.
        offset: usize,
        /// Line (1-based) of that byte.
        line: usize,
    },
}

/// A link of the wikitext as an annotation on the plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldLink {
    /// Start (byte offset) of the link's text in the plain text.
    pub start: usize,
    /// End (byte offset, exclusive) of the link's text.
    pub end: usize,
    /// The page linked to: first letter upper case, spaces for underscores,
    /// without `#section`.
    pub target: String,
}

/// Maps spans of the plain text back to byte offsets in the wikitext.
///
/// Built as a sorted list of [`Anchor`]s, one per run of text copied from the
/// wikitext or written by the reader (a decoded entity, a date, a separator).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    anchors: Vec<Anchor>,
    text_len: usize,
}

impl SourceMap {
    /// The runs in text order; text and source offsets never decrease.
    pub fn anchors(&self) -> &[Anchor] {
        &self.anchors
    }

    /// The wikitext span that the plain text's `start..end` comes from.
    ///
    /// Inside copied runs the mapping is exact; a written run maps to the
    /// whole markup it stands for.
    ///
    /// ```
    /// let wiki = annals_wiki::read_wikitext("p", None, "''a'' [[b|c]]").unwrap();
    /// assert_eq!(wiki.doc.text, "a c");
    /// assert_eq!(wiki.source.to_source(2, 3), (10, 11));
    /// ```
    pub fn to_source(&self, start: usize, end: usize) -> (usize, usize) {
        let end = end.min(self.text_len);
        let start = start.min(end);
        let first = self
            .anchors
            .partition_point(|a| a.text <= start)
            .saturating_sub(1);
        let Some(a) = self.anchors.get(first) else {
            return (0, 0);
        };
        let s = if a.copied {
            a.source + (start - a.text).min(a.source_len)
        } else {
            a.source
        };
        if end == start {
            return (s, s);
        }
        let last = self
            .anchors
            .partition_point(|a| a.text < end)
            .saturating_sub(1);
        let e = match self.anchors.get(last) {
            Some(b) if b.copied => b.source + (end - b.text).min(b.source_len),
            Some(b) => b.source + b.source_len,
            None => s,
        };
        (s, e.max(s))
    }
}

/// What [`read_wikitext`] gives: the document and what the markup told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wiki {
    /// The plain text with its structure, ready for the pipeline.
    pub doc: Document,
    /// From plain-text spans to wikitext offsets.
    pub source: SourceMap,
    /// The internal links, on the plain text.
    pub links: Vec<GoldLink>,
    /// The named parameters of the page's infoboxes, values as plain text.
    pub infobox: Vec<(String, String)>,
    /// For a `#REDIRECT [[X]]` page, `X`.
    pub redirect: Option<String>,
}

/// Reads one page of wikitext; `name` names it in errors and in the document,
/// `title` (the page title, not part of the wikitext) opens the text.
///
/// ```
/// let wiki = annals_wiki::read_wikitext("r", Some("UK"), "#REDIRECT [[United Kingdom]]").unwrap();
/// assert_eq!(wiki.redirect.as_deref(), Some("United Kingdom"));
/// assert_eq!(wiki.doc.text, "UK");
/// ```
pub fn read_wikitext(name: &str, title: Option<&str>, wikitext: &str) -> Result<Wiki, Error> {
    if wikitext.len() > MAX_PAGE_BYTES {
        return Err(Error::TooLarge {
            name: name.to_string(),
            size: wikitext.len(),
            limit: MAX_PAGE_BYTES,
        });
    }
    if let Some(offset) = memchr::memchr(0, wikitext.as_bytes()) {
        let line = memchr::memchr_iter(b'\n', &wikitext.as_bytes()[..offset]).count() + 1;
        return Err(Error::Binary {
            name: name.to_string(),
            offset,
            line,
        });
    }
    Ok(page::read(name, title, wikitext))
}

#[cfg(test)]
mod tests;
