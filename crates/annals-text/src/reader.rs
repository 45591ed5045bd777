//! Readers: the seed's plain-text export, plain text and Markdown.
//!
//! All readers work line by line on the original bytes and never copy or
//! normalise the text, so spans are offsets into the file as it is.

use crate::Error;
use annals_core::{Block, BlockKind, Document, Section, Span};
use std::path::{Path, PathBuf};

/// The name the built-in seed article is known by.
pub const SEED_NAME: &str = "seed:japan-soviet-union-relations";

/// The built-in seed article ("Japan–Soviet Union relations", English
/// Wikipedia, CC BY-SA 4.0), byte for byte as distributed.
pub const SEED_TEXT: &str = include_str!("../data/seed/japan-soviet-union-relations.txt");

/// The built-in seed article as a document.
///
/// ```
/// let doc = annals_text::seed();
/// assert_eq!(doc.span_text(doc.title.unwrap()), "Japan–Soviet Union relations");
/// ```
pub fn seed() -> Document {
    parse(SEED_NAME, SEED_TEXT, Format::Seed)
}

/// The input formats the readers know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The seed's export: `= Title =`, `== Section ==`, an `Infobox` block of
    /// `- Key: Value` lines, one paragraph a line, `- ` list items.
    Seed,
    /// Plain text: paragraphs separated by blank lines; a short line without
    /// final punctuation standing alone is a heading.
    Plain,
    /// Markdown: `#` headings, `-`/`*`/`+`/`1.` list items, paragraphs.
    Markdown,
    /// Decide from the file name and the content.
    Auto,
}

/// Limits on what a reader accepts.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions {
    /// Largest file accepted as one document, in bytes.
    pub max_bytes: u64,
    /// The format, or [`Format::Auto`].
    pub format: Format,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_bytes: 256 * 1024 * 1024,
            format: Format::Auto,
        }
    }
}

/// Reads a file into a document.
///
/// ```
/// let err = annals_text::read_path("no/such/file.txt".as_ref(), Default::default()).unwrap_err();
/// assert_eq!(err.to_string(), "no/such/file.txt: no such file");
/// ```
pub fn read_path(path: &Path, options: ReadOptions) -> Result<Document, Error> {
    let io = |source: std::io::Error| {
        if source.kind() == std::io::ErrorKind::NotFound {
            Error::NotFound { path: path.into() }
        } else {
            Error::Io {
                path: path.into(),
                source,
            }
        }
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(Error::IsDirectory { path: path.into() });
    }
    if meta.len() > options.max_bytes {
        return Err(Error::TooLarge {
            path: path.into(),
            size: meta.len(),
            limit: options.max_bytes,
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    // A file may grow between the two calls; check what was read.
    if bytes.len() as u64 > options.max_bytes {
        return Err(Error::TooLarge {
            path: path.into(),
            size: bytes.len() as u64,
            limit: options.max_bytes,
        });
    }
    let format = match options.format {
        Format::Auto => format_from_name(path),
        f => f,
    };
    read_bytes(&path.to_string_lossy(), &bytes, format)
}

/// Reads bytes into a document; `name` is used in errors and as the
/// document's name.
///
/// ```
/// use annals_text::{read_bytes, Format};
/// let err = read_bytes("bad.txt", b"ok\n\xff", Format::Plain).unwrap_err();
/// assert_eq!(err.to_string(), "bad.txt: invalid UTF-8 at byte 3, line 2, column 1");
/// ```
pub fn read_bytes(name: &str, bytes: &[u8], format: Format) -> Result<Document, Error> {
    let path = PathBuf::from(name);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty { path });
    }
    if let Some(offset) = memchr::memchr(0, bytes) {
        let (line, _) = line_column(bytes, offset);
        return Err(Error::Binary { path, offset, line });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let (line, column) = line_column(bytes, offset);
        Error::InvalidUtf8 {
            path,
            offset,
            line,
            column,
        }
    })?;
    let format = match format {
        Format::Auto => sniff(text),
        f => f,
    };
    Ok(parse(name, text, format))
}

fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    (line, offset - line_start + 1)
}

fn format_from_name(path: &Path) -> Format {
    match path.extension().and_then(|e| e.to_str()) {
        Some("md" | "markdown") => Format::Markdown,
        _ => Format::Auto,
    }
}

/// Seed format when the text has a `= Title =` first line or `==` headings.
fn sniff(text: &str) -> Format {
    let mut headings = 0;
    for (i, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        let t = line.trim();
        let heading = heading_level(t).is_some();
        if i == 0 && heading {
            return Format::Seed;
        }
        if heading {
            headings += 1;
        }
        if t.starts_with('#') && t.trim_start_matches('#').starts_with(' ') {
            return Format::Markdown;
        }
        if i > 200 {
            break;
        }
    }
    if headings > 0 {
        Format::Seed
    } else {
        Format::Plain
    }
}

/// The level of a `== Heading ==` line (counting the `=` on the shorter side).
fn heading_level(line: &str) -> Option<u8> {
    let lead = line.bytes().take_while(|&b| b == b'=').count();
    let trail = line.bytes().rev().take_while(|&b| b == b'=').count();
    if lead == 0 || trail == 0 || lead + trail >= line.len() {
        return None;
    }
    let inner = line[lead..line.len() - trail].trim();
    (!inner.is_empty()).then(|| lead.min(trail).min(6) as u8)
}

/// One line of the input with its byte offset.
#[derive(Clone, Copy)]
struct Line<'a> {
    start: usize,
    text: &'a str,
}

fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut start = 0;
    text.split_inclusive('\n').map(move |raw| {
        let line = Line {
            start,
            text: raw.trim_end_matches(['\n', '\r']),
        };
        start += raw.len();
        line
    })
}

/// The span of `part` (a sub-slice of `line.text`) trimmed of white space.
fn trimmed_span(line: Line<'_>, offset_in_line: usize, part: &str) -> Span {
    let lead = part.len() - part.trim_start().len();
    let start = line.start + offset_in_line + lead;
    Span::new(start, start + part.trim().len())
}

/// Builds the document structure; infallible on any UTF-8 text.
fn parse(name: &str, text: &str, format: Format) -> Document {
    let mut builder = Builder::new(text);
    match format {
        Format::Markdown => parse_markdown(&mut builder, text),
        Format::Plain => parse_plain(&mut builder, text),
        Format::Seed | Format::Auto => parse_seed(&mut builder, text),
    }
    builder.finish(name)
}

struct Builder<'a> {
    text: &'a str,
    title: Option<Span>,
    sections: Vec<Section>,
    blocks: Vec<Block>,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str) -> Self {
        Builder {
            text,
            title: None,
            sections: vec![Section {
                level: 1,
                heading: None,
                parent: None,
                span: Span::new(0, text.len()),
            }],
            blocks: Vec::new(),
        }
    }

    fn current(&self) -> usize {
        self.sections.len() - 1
    }

    fn block(&mut self, kind: BlockKind, span: Span, key: Option<Span>) {
        if span.is_empty() {
            return;
        }
        let section = self.current();
        self.blocks.push(Block {
            kind,
            span,
            section,
            key,
        });
    }

    fn title(&mut self, span: Span) {
        if self.title.is_none() && self.blocks.is_empty() {
            self.title = Some(span);
            self.sections[0].heading = Some(span);
            self.block(BlockKind::Title, span, None);
        } else {
            self.heading(2, span, span.start);
        }
    }

    /// Opens a section at `line_start`; earlier sections of the same or a
    /// deeper level end there.
    fn heading(&mut self, level: u8, span: Span, line_start: usize) {
        let level = level.max(2);
        let mut parent = Some(self.current());
        while let Some(p) = parent {
            if self.sections[p].level < level {
                break;
            }
            parent = self.sections[p].parent;
        }
        self.sections.push(Section {
            level,
            heading: Some(span),
            parent,
            span: Span::new(line_start, self.text.len()),
        });
        self.block(BlockKind::Heading, span, None);
    }

    fn finish(mut self, name: &str) -> Document {
        // A section ends where the next section of the same or a higher level starts.
        for i in 0..self.sections.len() {
            let level = self.sections[i].level;
            let end = self.sections[i + 1..]
                .iter()
                .find(|s| s.level <= level)
                .map_or(self.text.len(), |s| s.span.start);
            self.sections[i].span.end = end.max(self.sections[i].span.start);
        }
        Document {
            name: name.to_string(),
            text: self.text.to_string(),
            title: self.title,
            sections: self.sections,
            blocks: self.blocks,
            dct: None,
        }
    }
}

fn list_bullet(line: &str) -> Option<usize> {
    let t = line.trim_start();
    let indent = line.len() - t.len();
    for bullet in ["- ", "* ", "+ ", "• "] {
        if t.starts_with(bullet) {
            return Some(indent + bullet.len());
        }
    }
    None
}

fn parse_seed(b: &mut Builder<'_>, text: &str) {
    let mut in_infobox = false;
    for line in lines(text) {
        let t = line.text.trim();
        if t.is_empty() {
            in_infobox = false;
            continue;
        }
        if let Some(level) = heading_level(t) {
            in_infobox = false;
            let lead = line.text.len() - line.text.trim_start().len();
            let eq = t.bytes().take_while(|&c| c == b'=').count();
            let teq = t.bytes().rev().take_while(|&c| c == b'=').count();
            let inner = &t[eq..t.len() - teq];
            let span = trimmed_span(line, lead + eq, inner);
            if level == 1 {
                b.title(span);
            } else {
                b.heading(level, span, line.start);
            }
            continue;
        }
        if t == "Infobox" || t.starts_with("Infobox ") {
            in_infobox = true;
            b.block(
                BlockKind::InfoboxLabel,
                trimmed_span(line, 0, line.text),
                None,
            );
            continue;
        }
        if let Some(after) = list_bullet(line.text) {
            let rest = &line.text[after..];
            if in_infobox {
                if let Some(colon) = rest.find(':') {
                    let key = trimmed_span(line, after, &rest[..colon]);
                    let value = trimmed_span(line, after + colon + 1, &rest[colon + 1..]);
                    b.block(BlockKind::InfoboxEntry, value, Some(key));
                    continue;
                }
            }
            b.block(BlockKind::ListItem, trimmed_span(line, after, rest), None);
            continue;
        }
        in_infobox = false;
        b.block(BlockKind::Paragraph, trimmed_span(line, 0, line.text), None);
    }
}

/// Whether a line standing alone reads as a heading rather than prose.
fn looks_like_heading(line: &str) -> bool {
    let t = line.trim();
    let words = t.split_whitespace().count();
    let last = t.chars().last().unwrap_or('.');
    words > 0
        && words <= 12
        && t.len() <= 100
        && !matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '"' | '”')
        && t.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

/// Paragraphs are runs of non-blank lines; a run of one short line without
/// final punctuation is a heading.
fn parse_plain(b: &mut Builder<'_>, text: &str) {
    let mut run: Vec<Line<'_>> = Vec::new();
    let flush = |b: &mut Builder<'_>, run: &mut Vec<Line<'_>>| {
        if let (Some(first), Some(last)) = (run.first().copied(), run.last().copied()) {
            let start = trimmed_span(first, 0, first.text).start;
            let end = trimmed_span(last, 0, last.text).end;
            if run.len() == 1 && looks_like_heading(first.text) {
                b.heading(2, Span::new(start, end), first.start);
            } else {
                b.block(BlockKind::Paragraph, Span::new(start, end), None);
            }
        }
        run.clear();
    };
    for line in lines(text) {
        if line.text.trim().is_empty() {
            flush(b, &mut run);
        } else if let Some(after) = list_bullet(line.text) {
            flush(b, &mut run);
            b.block(
                BlockKind::ListItem,
                trimmed_span(line, after, &line.text[after..]),
                None,
            );
        } else {
            run.push(line);
        }
    }
    flush(b, &mut run);
}

fn parse_markdown(b: &mut Builder<'_>, text: &str) {
    let mut run: Vec<Line<'_>> = Vec::new();
    let flush = |b: &mut Builder<'_>, run: &mut Vec<Line<'_>>| {
        if let (Some(first), Some(last)) = (run.first().copied(), run.last().copied()) {
            let start = trimmed_span(first, 0, first.text).start;
            let end = trimmed_span(last, 0, last.text).end;
            b.block(BlockKind::Paragraph, Span::new(start, end), None);
        }
        run.clear();
    };
    let mut in_code = false;
    for line in lines(text) {
        let t = line.text.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            flush(b, &mut run);
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        if t.is_empty() {
            flush(b, &mut run);
            continue;
        }
        let hashes = t.bytes().take_while(|&c| c == b'#').count();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
            flush(b, &mut run);
            let lead = line.text.len() - t.len();
            let inner = t[hashes..].trim_end_matches('#');
            let span = trimmed_span(line, lead + hashes, inner);
            if span.is_empty() {
                continue;
            }
            if hashes == 1 {
                b.title(span);
            } else {
                b.heading(hashes as u8, span, line.start);
            }
            continue;
        }
        let numbered = t
            .find(". ")
            .filter(|&i| i > 0 && i <= 3 && t[..i].bytes().all(|c| c.is_ascii_digit()));
        if let Some(after) =
            list_bullet(line.text).or(numbered.map(|i| line.text.len() - t.len() + i + 2))
        {
            flush(b, &mut run);
            b.block(
                BlockKind::ListItem,
                trimmed_span(line, after, &line.text[after..]),
                None,
            );
            continue;
        }
        run.push(line);
    }
    flush(b, &mut run);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(doc: &Document) -> Vec<(BlockKind, &str)> {
        doc.blocks
            .iter()
            .map(|b| (b.kind, doc.block_text(b)))
            .collect()
    }

    #[test]
    fn seed_format_blocks_and_spans() {
        let text = "= Title =\n\nInfobox\n- Flag: 1918\n- Type: svg\n\nLead text.\n==A (1917–1925)==\nPara one.\n=== Sub ===\n- item one\n";
        let doc = read_bytes("t.txt", text.as_bytes(), Format::Auto).unwrap();
        assert_eq!(
            kinds(&doc),
            vec![
                (BlockKind::Title, "Title"),
                (BlockKind::InfoboxLabel, "Infobox"),
                (BlockKind::InfoboxEntry, "1918"),
                (BlockKind::InfoboxEntry, "svg"),
                (BlockKind::Paragraph, "Lead text."),
                (BlockKind::Heading, "A (1917–1925)"),
                (BlockKind::Paragraph, "Para one."),
                (BlockKind::Heading, "Sub"),
                (BlockKind::ListItem, "item one"),
            ]
        );
        assert_eq!(doc.span_text(doc.blocks[2].key.unwrap()), "Flag");
        assert_eq!(doc.sections.len(), 3);
        assert_eq!(doc.sections[2].parent, Some(1));
        assert_eq!(doc.sections[1].span.end, text.len());
    }

    #[test]
    fn seed_is_read_with_its_sections() {
        let doc = seed();
        assert!(doc.sections.len() > 10);
        let first = doc
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::InfoboxEntry)
            .unwrap();
        assert_eq!(doc.block_text(first), "1918");
        assert_eq!(first.span, Span::new(60, 64));
    }

    #[test]
    fn plain_text_headings_and_paragraphs() {
        let text = "\nCourse of the war\n\nOn September 1, 1939, Germany\nattacked Poland.\n";
        let doc = read_bytes("w.txt", text.as_bytes(), Format::Auto).unwrap();
        assert_eq!(
            kinds(&doc),
            vec![
                (BlockKind::Heading, "Course of the war"),
                (
                    BlockKind::Paragraph,
                    "On September 1, 1939, Germany\nattacked Poland."
                ),
            ]
        );
    }

    #[test]
    fn markdown_blocks() {
        let text = "# Title\n\n## Part\n\nSome text\nwrapped.\n\n- one\n1. two\n```\ncode\n```\n";
        let doc = read_bytes("x.md", text.as_bytes(), Format::Markdown).unwrap();
        assert_eq!(
            kinds(&doc),
            vec![
                (BlockKind::Title, "Title"),
                (BlockKind::Heading, "Part"),
                (BlockKind::Paragraph, "Some text\nwrapped."),
                (BlockKind::ListItem, "one"),
                (BlockKind::ListItem, "two"),
            ]
        );
    }

    #[test]
    fn bad_input_errors_name_the_place() {
        let e = read_bytes("b.bin", b"abc\n\0def", Format::Auto).unwrap_err();
        assert_eq!(
            e.to_string(),
            "b.bin: binary data (NUL byte) at byte 4, line 2; expected UTF-8 text"
        );
        let e = read_bytes("e.txt", b" \n\n", Format::Auto).unwrap_err();
        assert_eq!(e.to_string(), "e.txt: file is empty");
        let e = read_bytes("u.txt", "ab\ncé\u{0}".as_bytes(), Format::Auto).unwrap_err();
        assert!(e.to_string().contains("byte 6"), "{e}");
    }
}
