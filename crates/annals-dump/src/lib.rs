//! Streams the pages of a MediaWiki XML export (a Wikipedia dump): `.xml`
//! or bzip2-compressed `.xml.bz2`, multistream files included.
//!
//! [`Pages`] is an iterator of [`Page`]s read with a streaming XML reader
//! over a buffered file: the file is never held in memory, only the page
//! being read (its title and, when the page is wanted, its text) and the XML
//! reader's buffer for one event. Pages that the [`Options`] leave out
//! (redirects, other namespaces, titles the filter rejects) never have their
//! text copied.
//!
//! A malformed page (a mismatched tag, an unknown entity, a missing title or
//! id, an oversized text) is yielded as an `Err` naming the file, the byte
//! offset and the page, and reading goes on with the next page. Errors the
//! reader cannot recover from (a truncated or corrupt compressed stream, a
//! file that is not a MediaWiki export, an unexpected end of file) end the
//! iteration after their `Err`.

use quick_xml::events::{BytesStart, Event};
use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// The main namespace: articles (and redirects to them).
pub const ARTICLES: i64 = 0;

/// One page of the export: its latest revision's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// The page id (`<page><id>`).
    pub id: u64,
    /// The page title, entities decoded.
    pub title: String,
    /// The namespace number (`0` for articles).
    pub ns: i64,
    /// The target of a redirect page (`<redirect title="…"/>`).
    pub redirect: Option<String>,
    /// The wikitext of the last revision, entities decoded (empty when the
    /// revision's text was left out or deleted).
    pub text: String,
    /// The last revision's timestamp, as written (`2016-05-01T12:00:00Z`).
    pub timestamp: Option<String>,
    /// The byte offset of the page's `<page>` tag in the (decompressed) XML.
    pub source_offset: u64,
}

/// What to read and what to leave out.
#[derive(Clone, Debug)]
pub struct Options {
    /// Leave out redirect pages (default: yes).
    pub skip_redirects: bool,
    /// Only these namespaces (default: `[0]`, the articles); empty for all.
    pub namespaces: Vec<i64>,
    /// Only pages whose title this pattern matches.
    pub title: Option<regex::Regex>,
    /// Stop after this many items (pages and errors).
    pub limit: Option<usize>,
    /// A page whose text is longer than this many bytes is reported as an
    /// error and skipped (default: 64 MiB; Wikipedia's limit is 2 MiB).
    pub max_text: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            skip_redirects: true,
            namespaces: vec![ARTICLES],
            title: None,
            limit: None,
            max_text: 64 << 20,
        }
    }
}

impl Options {
    /// Every page: redirects and all namespaces included, no filter.
    pub fn all() -> Self {
        Options {
            skip_redirects: false,
            namespaces: Vec::new(),
            ..Options::default()
        }
    }

    /// Whether a page with this title, namespace and redirect is wanted.
    fn wants(&self, title: &str, ns: i64, redirect: bool) -> bool {
        !(self.skip_redirects && redirect)
            && (self.namespaces.is_empty() || self.namespaces.contains(&ns))
            && self.title.as_ref().is_none_or(|r| r.is_match(title))
    }
}

/// An error of the dump reader, naming the file and the place.
#[derive(Debug)]
pub struct Error {
    /// The file (or the name given to [`Pages::from_reader`]).
    pub file: String,
    /// The byte offset in the decompressed XML where it occurred.
    pub offset: u64,
    /// The page it occurred in, as `id "title"` or `"title"`, when known.
    pub page: Option<String>,
    /// What went wrong.
    pub message: String,
    /// Whether reading stopped here (no further pages follow).
    pub fatal: bool,
    source: Option<std::io::Error>,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: byte {}", self.file, self.offset)?;
        if let Some(page) = &self.page {
            write!(f, ", page {page}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_ref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// A count of the bytes read from the file (compressed bytes for a `.bz2`),
/// shared with the reader so that another thread can show progress.
#[derive(Clone, Debug, Default)]
pub struct Progress(Arc<AtomicU64>);

impl Progress {
    /// The bytes read from the file so far.
    pub fn bytes(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// A reader that counts the bytes through it.
struct Counting<R> {
    inner: R,
    count: Progress,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.0.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The field of a page whose text is being read.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Field {
    Title,
    Ns,
    Id,
    Timestamp,
    Text,
    /// `<siteinfo><dbname>`.
    Site,
}

/// The page being read.
#[derive(Default)]
struct Partial {
    offset: u64,
    title: Option<String>,
    ns: Option<String>,
    id: Option<String>,
    redirect: Option<String>,
    timestamp: Option<String>,
    text: String,
    /// Decided at the first `<revision>`: whether the page is yielded.
    wanted: Option<bool>,
}

impl Partial {
    /// The page as errors name it.
    fn label(&self) -> Option<String> {
        match (&self.id, &self.title) {
            (Some(id), Some(title)) => Some(format!("{} {title:?}", id.trim())),
            (None, Some(title)) => Some(format!("{title:?}")),
            (Some(id), None) => Some(id.trim().to_string()),
            (None, None) => None,
        }
    }
}

/// Deepest element nesting accepted (a MediaWiki export needs 5).
const MAX_DEPTH: usize = 64;

/// The XML reader's buffer is given back when it grew beyond this.
const KEEP_BUFFER: usize = 1 << 20;

/// The pages of a MediaWiki XML export, in file order.
pub struct Pages {
    name: String,
    reader: quick_xml::Reader<Box<dyn BufRead + Send>>,
    options: Options,
    buf: Vec<u8>,
    /// Open elements below the root, by local name.
    path: Vec<Vec<u8>>,
    /// Whether the `<mediawiki>` root was seen.
    rooted: bool,
    page: Option<Partial>,
    field: Option<Field>,
    /// After a malformed page: skip until the next `<page>`.
    recovering: bool,
    done: bool,
    yielded: usize,
    last_error: Option<u64>,
    max_buffer: usize,
    progress: Progress,
    size: Option<u64>,
    site: Option<String>,
    /// Bytes before what the XML reader sees (a byte order mark).
    base: u64,
    /// An error met while opening, reported as the first item.
    pending: Option<Error>,
}

impl fmt::Debug for Pages {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("name", &self.name)
            .field("yielded", &self.yielded)
            .finish_non_exhaustive()
    }
}

impl Pages {
    /// Opens an export with the default [`Options`] (articles only, no
    /// redirects). Compression is recognised by its magic bytes.
    pub fn open(path: impl AsRef<Path>) -> Result<Pages, Error> {
        Pages::open_with(path, Options::default())
    }

    /// Opens an export with these options.
    pub fn open_with(path: impl AsRef<Path>, options: Options) -> Result<Pages, Error> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let fail = |message: String, source| Error {
            file: name.clone(),
            offset: 0,
            page: None,
            message,
            fatal: true,
            source: Some(source),
        };
        let file = File::open(path).map_err(|e| fail(format!("cannot open it: {e}"), e))?;
        let size = file.metadata().ok().map(|m| m.len());
        let mut pages = Pages::from_reader(&name, file, options)?;
        pages.size = size;
        Ok(pages)
    }

    /// Reads an export from any byte source; `name` names it in errors.
    pub fn from_reader(
        name: &str,
        input: impl Read + Send + 'static,
        options: Options,
    ) -> Result<Pages, Error> {
        let progress = Progress::default();
        let mut raw = BufReader::with_capacity(
            64 << 10,
            Counting {
                inner: input,
                count: progress.clone(),
            },
        );
        let head = raw.fill_buf().map_err(|e| Error {
            file: name.to_string(),
            offset: 0,
            page: None,
            message: format!("cannot read it: {e}"),
            fatal: true,
            source: Some(e),
        })?;
        let bzip2 = head.starts_with(b"BZh");
        let mut source: Box<dyn BufRead + Send> = if bzip2 {
            Box::new(BufReader::with_capacity(
                64 << 10,
                bzip2::bufread::MultiBzDecoder::new(raw),
            ))
        } else {
            Box::new(raw)
        };
        // A byte order mark is skipped here, so that offsets count it.
        let mut base = 0;
        let mut pending = None;
        match source.fill_buf() {
            Ok(head) if head.starts_with(b"\xEF\xBB\xBF") => {
                source.consume(3);
                base = 3;
            }
            Ok(_) => {}
            Err(e) => {
                pending = Some(Error {
                    file: name.to_string(),
                    offset: 0,
                    page: None,
                    message: format!("cannot read it (truncated or corrupt?): {e}"),
                    fatal: true,
                    source: Some(e),
                });
            }
        }
        let mut reader = quick_xml::Reader::from_reader(source);
        let config = reader.config_mut();
        // End names are checked here, so that a mismatch costs one page.
        config.check_end_names = false;
        config.expand_empty_elements = false;
        Ok(Pages {
            name: name.to_string(),
            reader,
            options,
            buf: Vec::new(),
            path: Vec::new(),
            rooted: false,
            page: None,
            field: None,
            recovering: false,
            done: false,
            yielded: 0,
            last_error: None,
            max_buffer: 0,
            progress,
            size: None,
            site: None,
            base,
            pending,
        })
    }

    /// Reads an export held in memory (tests, fuzzing).
    pub fn from_bytes(name: &str, bytes: Vec<u8>, options: Options) -> Result<Pages, Error> {
        Pages::from_reader(name, std::io::Cursor::new(bytes), options)
    }

    /// The file's name as errors give it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The wiki's database name from the export's `<siteinfo>` (`enwiki`),
    /// once the reader has passed it (it precedes the first page).
    pub fn site(&self) -> Option<&str> {
        self.site.as_deref().map(str::trim)
    }

    /// The file's size in bytes, when opened from a path.
    pub fn file_size(&self) -> Option<u64> {
        self.size
    }

    /// A handle on the count of bytes read from the file (compressed bytes
    /// for a compressed file), readable from any thread.
    pub fn progress(&self) -> Progress {
        self.progress.clone()
    }

    /// The most bytes the reader held at once: its event buffer and the
    /// text of the page being read. Bounded by about twice the largest
    /// page's text, whatever the file's size.
    pub fn max_buffer(&self) -> usize {
        self.max_buffer
    }

    /// The decompressed XML read so far, in bytes.
    pub fn position(&self) -> u64 {
        self.reader.buffer_position() + self.base
    }

    /// An error at `offset`, naming the page being read.
    fn error(&self, offset: u64, message: String, fatal: bool) -> Error {
        Error {
            file: self.name.clone(),
            offset,
            page: self.page.as_ref().and_then(Partial::label),
            message,
            fatal,
            source: None,
        }
    }

    /// Reports a malformed page and skips to the next one; a second error
    /// at the same place stops the reading (no progress is possible).
    fn malformed(&mut self, offset: u64, message: String) -> Error {
        let fatal = self.last_error == Some(offset);
        let err = self.error(offset, message, fatal);
        self.last_error = Some(offset);
        self.page = None;
        self.field = None;
        self.recovering = true;
        self.done |= fatal;
        err
    }

    /// Ends the reading with this error.
    fn fatal(&mut self, offset: u64, message: String) -> Error {
        self.done = true;
        self.error(offset, message, true)
    }

    /// Handles an opening tag (or an empty element when `empty`).
    fn start(&mut self, e: &BytesStart<'_>, empty: bool, offset: u64) -> Result<(), Error> {
        let local = e.local_name();
        let name = local.as_ref();
        if !self.rooted {
            if name != b"mediawiki" {
                let shown = String::from_utf8_lossy(name).into_owned();
                return Err(self.fatal(
                    offset,
                    format!("not a MediaWiki XML export: the first element is <{shown}>"),
                ));
            }
            self.rooted = true;
            return Ok(());
        }
        if self.recovering {
            if name != b"page" || empty {
                return Ok(());
            }
            self.recovering = false;
            self.path.clear();
        }
        if self.path.len() >= MAX_DEPTH {
            return Err(self.malformed(offset, "elements nested too deep".to_string()));
        }
        let depth = self.path.len();
        if depth == 1 && self.path[0] == b"siteinfo" && name == b"dbname" && !empty {
            self.field = Some(Field::Site);
            self.site = Some(String::new());
        }
        if depth == 0 && name == b"page" && !empty {
            self.page = Some(Partial {
                offset,
                ..Partial::default()
            });
        }
        if let Some(page) = self.page.as_mut() {
            let under_page = depth == 1 && self.path[0] == b"page";
            let under_revision = depth == 2 && self.path[1] == b"revision";
            if under_page && name == b"redirect" {
                let mut target = String::new();
                let attribute = e.try_get_attribute("title");
                match attribute {
                    Ok(Some(a)) => match a.unescape_value() {
                        Ok(v) => target = v.into_owned(),
                        Err(err) => {
                            return Err(self.malformed(offset, format!("bad redirect: {err}")))
                        }
                    },
                    Ok(None) => {}
                    Err(err) => return Err(self.malformed(offset, format!("bad redirect: {err}"))),
                }
                page.redirect = Some(target);
            } else if under_page && name == b"revision" && page.wanted.is_none() {
                let wanted = match &page.title {
                    Some(title) => {
                        let ns = page.ns.as_deref().and_then(|n| n.trim().parse().ok());
                        self.options
                            .wants(title, ns.unwrap_or(ARTICLES), page.redirect.is_some())
                    }
                    None => true,
                };
                page.wanted = Some(wanted);
            } else if under_revision && name == b"text" {
                page.text.clear();
            }
            if !empty {
                self.field = match (under_page, under_revision, name) {
                    (true, _, b"title") => Some(Field::Title),
                    (true, _, b"ns") => Some(Field::Ns),
                    (true, _, b"id") => Some(Field::Id),
                    (_, true, b"timestamp") => Some(Field::Timestamp),
                    (_, true, b"text") => Some(Field::Text),
                    _ => None,
                };
            }
        }
        if !empty {
            self.path.push(name.to_vec());
        }
        Ok(())
    }

    /// Handles text (entities already decoded) inside the current element.
    fn text(&mut self, text: &str, offset: u64) -> Result<(), Error> {
        if self.field == Some(Field::Site) {
            if let Some(site) = self.site.as_mut().filter(|s| s.len() < 256) {
                site.push_str(text);
            }
            return Ok(());
        }
        let (Some(field), Some(page)) = (self.field, self.page.as_mut()) else {
            return Ok(());
        };
        let slot = match field {
            Field::Title => page.title.get_or_insert_with(String::new),
            Field::Ns => page.ns.get_or_insert_with(String::new),
            Field::Id => page.id.get_or_insert_with(String::new),
            Field::Timestamp => page.timestamp.get_or_insert_with(String::new),
            Field::Site => return Ok(()),
            Field::Text => {
                if page.wanted == Some(false) {
                    return Ok(());
                }
                &mut page.text
            }
        };
        if slot.len() + text.len() > self.options.max_text {
            let limit = self.options.max_text;
            return Err(self.malformed(offset, format!("longer than {limit} bytes")));
        }
        slot.push_str(text);
        Ok(())
    }

    /// Handles a closing tag; returns a finished page.
    fn close(&mut self, name: &[u8], offset: u64) -> Result<Option<Page>, Error> {
        if self.recovering {
            self.done |= name == b"mediawiki";
            return Ok(None);
        }
        let Some(open) = self.path.pop() else {
            // The root's end: nothing follows that matters.
            if name == b"mediawiki" {
                self.done = true;
                return Ok(None);
            }
            let shown = String::from_utf8_lossy(name).into_owned();
            return Err(self.malformed(offset, format!("unexpected </{shown}>")));
        };
        if open != name {
            let (want, got) = (
                String::from_utf8_lossy(&open),
                String::from_utf8_lossy(name),
            );
            let message = format!("expected </{want}>, found </{got}>");
            return Err(self.malformed(offset, message));
        }
        self.field = None;
        if !(self.path.is_empty() && name == b"page") {
            return Ok(None);
        }
        let Some(page) = self.page.take() else {
            return Ok(None);
        };
        let Some(title) = page.title.clone() else {
            self.page = Some(page);
            return Err(self.malformed(offset, "a page without <title>".to_string()));
        };
        let ns = match page.ns.as_deref().map(|n| n.trim().parse::<i64>()) {
            None => ARTICLES,
            Some(Ok(ns)) => ns,
            Some(Err(_)) => {
                self.page = Some(page);
                return Err(self.malformed(offset, "a page whose <ns> is not a number".into()));
            }
        };
        let id = match page.id.as_deref().map(|n| n.trim().parse::<u64>()) {
            Some(Ok(id)) => id,
            _ => {
                self.page = Some(page);
                let message = "a page without a numeric <id>".to_string();
                return Err(self.malformed(offset, message));
            }
        };
        let wanted = page
            .wanted
            .unwrap_or_else(|| self.options.wants(&title, ns, page.redirect.is_some()));
        if !wanted {
            return Ok(None);
        }
        Ok(Some(Page {
            id,
            title,
            ns,
            redirect: page.redirect,
            text: page.text,
            timestamp: page.timestamp.map(|t| t.trim().to_string()),
            source_offset: page.offset,
        }))
    }

    /// Reads events until a page is finished, an error occurs or the file
    /// ends.
    fn step(&mut self) -> Option<Result<Page, Error>> {
        if let Some(e) = self.pending.take() {
            self.done = true;
            return Some(Err(e));
        }
        loop {
            if self.done {
                return None;
            }
            if self.page.is_none() && self.buf.capacity() > KEEP_BUFFER {
                self.buf = Vec::new();
            }
            self.buf.clear();
            let before = self.reader.buffer_position() + self.base;
            let event = self.reader.read_event_into(&mut self.buf);
            let outcome = match event {
                Err(quick_xml::Error::Io(e)) => {
                    let message = format!("cannot read it (truncated or corrupt?): {e}");
                    Err(self.fatal(before, message))
                }
                Err(e) => {
                    let at = self.reader.error_position() + self.base;
                    // A syntax error leaves the reader inside markup it cannot
                    // resynchronise with safely when no page is open.
                    if self.recovering && self.last_error != Some(at) {
                        // Still inside the bad stretch: one report is enough.
                        self.last_error = Some(at);
                        Ok(None)
                    } else if self.rooted {
                        Err(self.malformed(at, format!("malformed XML: {e}")))
                    } else {
                        Err(self.fatal(at, format!("not a MediaWiki XML export: {e}")))
                    }
                }
                Ok(Event::Eof) => {
                    if !self.rooted {
                        let message = "not a MediaWiki XML export: no <mediawiki> element";
                        Err(self.fatal(before, message.to_string()))
                    } else {
                        let message = "unexpected end of file (the file is truncated?)";
                        Err(self.fatal(before, message.to_string()))
                    }
                }
                Ok(Event::Start(e)) => {
                    let e = e.into_owned();
                    self.start(&e, false, before).map(|()| None)
                }
                Ok(Event::Empty(e)) => {
                    let e = e.into_owned();
                    self.start(&e, true, before).map(|()| None)
                }
                Ok(Event::End(e)) => {
                    let name = e.local_name().as_ref().to_vec();
                    self.close(&name, before)
                }
                Ok(Event::Text(t)) => {
                    if self.field.is_some() {
                        match t.unescape() {
                            Ok(s) => {
                                let s = s.into_owned();
                                self.text(&s, before).map(|()| None)
                            }
                            Err(e) => Err(self.malformed(before, format!("bad text: {e}"))),
                        }
                    } else {
                        Ok(None)
                    }
                }
                Ok(Event::CData(c)) => {
                    if self.field.is_some() {
                        match std::str::from_utf8(&c) {
                            Ok(s) => {
                                let s = s.to_string();
                                self.text(&s, before).map(|()| None)
                            }
                            Err(e) => Err(self.malformed(before, format!("bad CDATA: {e}"))),
                        }
                    } else {
                        Ok(None)
                    }
                }
                Ok(_) => Ok(None),
            };
            let text = match (&outcome, &self.page) {
                (Ok(Some(page)), _) => page.text.capacity(),
                (_, Some(partial)) => partial.text.capacity(),
                _ => 0,
            };
            self.max_buffer = self.max_buffer.max(self.buf.capacity() + text);
            match outcome {
                Ok(Some(page)) => return Some(Ok(page)),
                Ok(None) => {}
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl Iterator for Pages {
    type Item = Result<Page, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.options.limit.is_some_and(|n| self.yielded >= n) {
            return None;
        }
        let item = self.step()?;
        self.yielded += 1;
        Some(item)
    }
}
