//! Block structure: the page's lines as title, headings, paragraphs, list
//! items and table cells.
//!
//! A line ends at a newline outside any bracket pair or tag, so a template or
//! comment spanning lines belongs to the line it opens on.

use crate::out::Out;
use crate::render::{normalize_title, trim, Renderer};
use crate::Wiki;
use annals_core::{Block, BlockKind, Document, Section, Span};

/// Reads a page; infallible on any text.
pub(crate) fn read(name: &str, title: Option<&str>, src: &str) -> Wiki {
    let mut page = Page {
        render: Renderer::new(src),
        out: Out::default(),
        sections: vec![Section {
            level: 1,
            heading: None,
            parent: None,
            span: Span::new(0, 0),
        }],
        blocks: Vec::new(),
        title: None,
        paragraph: None,
        tables: 0,
    };
    if let Some(title) = title.map(str::trim).filter(|t| !t.is_empty()) {
        page.out.synth(title, 0, 0);
        let span = Span::new(0, title.len());
        page.title = Some(span);
        page.sections[0].heading = Some(span);
        page.push(BlockKind::Title, span);
    }
    let redirect = redirect(src);
    if redirect.is_none() {
        page.lines();
    }
    page.finish(name, redirect)
}

/// `#REDIRECT [[Target]]`: the target.
fn redirect(src: &str) -> Option<String> {
    let t = src.trim_start();
    let head = t.get(..9)?;
    if !head.eq_ignore_ascii_case("#redirect") {
        return None;
    }
    let rest = t[9..].trim_start().trim_start_matches(':').trim_start();
    let inner = rest.strip_prefix("[[")?;
    let close = inner.find("]]")?;
    let target = &inner[..close];
    let target = target.split('|').next().unwrap_or("");
    if target.contains('\n') {
        return None;
    }
    let target = normalize_title(target.trim().trim_start_matches(':'));
    (!target.is_empty()).then_some(target)
}

struct Page<'a> {
    render: Renderer<'a>,
    out: Out,
    sections: Vec<Section>,
    blocks: Vec<Block>,
    title: Option<Span>,
    /// The text offset where the open paragraph's content starts.
    paragraph: Option<usize>,
    /// How many tables are open.
    tables: usize,
}

impl Page<'_> {
    fn lines(&mut self) {
        let n = self.render.src.len();
        let mut pos = 0;
        while pos < n {
            let end = self.line_end(pos, n);
            self.line(pos, end);
            pos = end + 1;
        }
        self.close_paragraph();
    }

    fn line_end(&mut self, mut i: usize, n: usize) -> usize {
        let bytes = self.render.src.as_bytes();
        while i < n {
            if bytes[i] == b'\n' {
                return i;
            }
            i = self.render.step(i, n);
        }
        n
    }

    fn line(&mut self, start: usize, end: usize) {
        let src = self.render.src;
        let (s, e) = trim(src.as_bytes(), start, end);
        let t = src.get(s..e).unwrap_or("");
        if t.is_empty() {
            self.close_paragraph();
            return;
        }
        if t.starts_with("{|") {
            self.close_paragraph();
            self.tables += 1;
            return;
        }
        if self.tables > 0 {
            if t.starts_with("|}") {
                self.close_paragraph();
                self.tables -= 1;
                return;
            }
            if t.starts_with("|-") {
                self.close_paragraph();
                return;
            }
            if t.starts_with("|+") {
                self.close_paragraph();
                self.cell(s + 2, e);
                return;
            }
            if t.starts_with('|') || t.starts_with('!') {
                self.close_paragraph();
                self.cells(s, e, t.starts_with('!'));
                return;
            }
        }
        if let Some((level, hs, he)) = heading(t) {
            self.close_paragraph();
            self.heading(level, s + hs, s + he);
            return;
        }
        if matches!(t.as_bytes()[0], b'*' | b'#' | b':' | b';') {
            self.close_paragraph();
            let k = t
                .bytes()
                .take_while(|b| matches!(b, b'*' | b'#' | b':' | b';'))
                .count();
            self.block(BlockKind::ListItem, s + k, e);
            return;
        }
        if t.starts_with("----") {
            self.close_paragraph();
            return;
        }
        self.paragraph_line(s, e);
    }

    /// A table row line: cells split at `||` (and `!!` on header lines).
    fn cells(&mut self, start: usize, end: usize, header: bool) {
        for (s, e) in self.render.split_top(start + 1, end, b'|', true) {
            if header {
                for (hs, he) in self.render.split_top(s, e, b'!', true) {
                    self.cell(hs, he);
                }
            } else {
                self.cell(s, e);
            }
        }
    }

    /// One cell, without its attributes (`style="…" | text`).
    fn cell(&mut self, start: usize, end: usize) {
        let start = match self.render.find_top(start, end, b'|') {
            Some(p) => p + 1,
            None => start,
        };
        self.block(BlockKind::Paragraph, start, end);
    }

    fn heading(&mut self, level: u8, start: usize, end: usize) {
        let Some(span) = self.block(BlockKind::Heading, start, end) else {
            return;
        };
        let mut parent = Some(self.sections.len() - 1);
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
            span: Span::new(span.start, span.start),
        });
        if let Some(last) = self.blocks.last_mut() {
            last.section = self.sections.len() - 1;
        }
    }

    /// Renders `start..end` of the wikitext as a block of its own.
    fn block(&mut self, kind: BlockKind, start: usize, end: usize) -> Option<Span> {
        let mark = self.out.mark();
        if !self.out.text.is_empty() {
            self.out.synth("\n\n", start, start);
        }
        let from = self.out.text.len();
        self.render.inline(&mut self.out, start, end, 0);
        match content_span(&self.out.text, from) {
            Some(span) => {
                self.push(kind, span);
                Some(span)
            }
            None => {
                self.out.truncate(mark);
                None
            }
        }
    }

    fn paragraph_line(&mut self, start: usize, end: usize) {
        let mark = self.out.mark();
        match self.paragraph {
            Some(_) => self.out.synth("\n", start, start),
            None if !self.out.text.is_empty() => self.out.synth("\n\n", start, start),
            None => {}
        }
        let from = self.out.text.len();
        self.render.inline(&mut self.out, start, end, 0);
        if content_span(&self.out.text, from).is_none() {
            self.out.truncate(mark);
        } else if self.paragraph.is_none() {
            self.paragraph = Some(from);
        }
    }

    fn close_paragraph(&mut self) {
        if let Some(from) = self.paragraph.take() {
            if let Some(span) = content_span(&self.out.text, from) {
                self.push(BlockKind::Paragraph, span);
            }
        }
    }

    fn push(&mut self, kind: BlockKind, span: Span) {
        self.blocks.push(Block {
            kind,
            span,
            section: self.sections.len() - 1,
            key: None,
        });
    }

    fn finish(mut self, name: &str, redirect: Option<String>) -> Wiki {
        let len = self.out.text.len();
        for i in 0..self.sections.len() {
            let level = self.sections[i].level;
            let end = self.sections[i + 1..]
                .iter()
                .find(|s| s.level <= level)
                .map_or(len, |s| s.span.start);
            self.sections[i].span.end = end.max(self.sections[i].span.start);
        }
        let infobox = std::mem::take(&mut self.render.infobox);
        let (text, source, links) = self.out.into_parts();
        Wiki {
            doc: Document {
                name: name.to_string(),
                text,
                title: self.title,
                sections: self.sections,
                blocks: self.blocks,
                dct: None,
            },
            source,
            links,
            infobox,
            redirect,
        }
    }
}

/// The span of `text[from..]` without surrounding white space, if not empty.
fn content_span(text: &str, from: usize) -> Option<Span> {
    let part = text.get(from..)?;
    let trimmed = part.trim();
    if trimmed.is_empty() {
        return None;
    }
    let start = from + (part.len() - part.trim_start().len());
    Some(Span::new(start, start + trimmed.len()))
}

/// `== Heading ==`: the level and the inner range within the line.
fn heading(line: &str) -> Option<(u8, usize, usize)> {
    let lead = line.bytes().take_while(|&b| b == b'=').count();
    let trail = line.bytes().rev().take_while(|&b| b == b'=').count();
    if lead == 0 || trail == 0 || lead + trail >= line.len() {
        return None;
    }
    let level = lead.min(trail).min(6);
    Some((level.max(2) as u8, level, line.len() - level))
}
