//! Inline rendering: wikitext between two offsets to plain text.
//!
//! Recursion only follows matched bracket pairs (links, templates) and stops
//! at [`MAX_DEPTH`]; every loop advances, and every search for a closer goes
//! through a cached [`Finder`](crate::scan::Finder) or stops at the line, so
//! the cost is linear in the input times the (bounded) depth.

use crate::out::Out;
use crate::scan::{pair_brackets, run, Pair, Pairs, Scanner, Tag};
use crate::GoldLink;

/// Deepest nesting of links and templates rendered; deeper content is dropped.
pub(crate) const MAX_DEPTH: usize = 64;

/// Interlanguage-like prefixes that are links to sister projects instead.
const INTERWIKI: &[&str] = &[
    "wikt",
    "wiktionary",
    "wikipedia",
    "wikisource",
    "wikiquote",
    "wikibooks",
    "wikinews",
    "wikiversity",
    "wikivoyage",
    "wikispecies",
    "wikidata",
    "commons",
    "meta",
    "species",
    "foundation",
    "wmf",
    "mw",
    "voy",
];

use annals_core::calendar::MONTH_NAMES as MONTHS;

/// The renderer of one page.
pub(crate) struct Renderer<'a> {
    pub(crate) src: &'a str,
    bytes: &'a [u8],
    scanner: Scanner<'a>,
    pairs: Pairs,
    pub(crate) infobox: Vec<(String, String)>,
}

/// A template argument: its name (for `name=value`) and value range.
struct Arg {
    name: Option<String>,
    start: usize,
    end: usize,
}

impl<'a> Renderer<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        let mut scanner = Scanner::new(src);
        let pairs = pair_brackets(src, &mut scanner);
        Renderer {
            src,
            bytes: src.as_bytes(),
            scanner,
            pairs,
            infobox: Vec::new(),
        }
    }

    /// The matched pair opening at `i` that closes by `limit`.
    fn pair(&self, i: usize, limit: usize) -> Option<(usize, Pair)> {
        self.pairs.get(&i).copied().filter(|(e, _)| *e <= limit)
    }

    /// The offset after the construct (pair or tag) at `i`, or `i + 1`.
    pub(crate) fn step(&mut self, i: usize, limit: usize) -> usize {
        match self.bytes.get(i) {
            Some(b'{' | b'[') => {
                if let Some((e, _)) = self.pair(i, limit) {
                    return e;
                }
            }
            Some(b'<') => {
                if let Some(t) = self.scanner.tag_at(i) {
                    if t.end > i && t.end <= limit {
                        return t.end;
                    }
                }
            }
            _ => {}
        }
        i + 1
    }

    /// The first top-level occurrence of `b` in `start..end`.
    pub(crate) fn find_top(&mut self, start: usize, end: usize, b: u8) -> Option<usize> {
        let mut i = start;
        while i < end {
            if self.bytes[i] == b {
                return Some(i);
            }
            i = self.step(i, end);
        }
        None
    }

    /// Splits `start..end` at top-level occurrences of `sep` (one byte, or
    /// two equal bytes when `double`).
    pub(crate) fn split_top(
        &mut self,
        start: usize,
        end: usize,
        sep: u8,
        double: bool,
    ) -> Vec<(usize, usize)> {
        let mut parts = Vec::new();
        let mut from = start;
        let mut i = start;
        while i < end {
            if self.bytes[i] == sep && (!double || self.bytes.get(i + 1) == Some(&sep)) {
                parts.push((from, i));
                i += if double { 2 } else { 1 };
                from = i;
                continue;
            }
            i = self.step(i, end);
        }
        parts.push((from, end.max(from)));
        parts
    }

    /// Renders `start..end` into `out`.
    pub(crate) fn inline(&mut self, out: &mut Out, start: usize, end: usize, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let end = end.min(self.bytes.len());
        let mut pending = start;
        let mut i = start;
        while i < end {
            let b = self.bytes[i];
            if !matches!(
                b,
                b'{' | b'}' | b'[' | b']' | b'<' | b'\'' | b'&' | b'_' | b'h'
            ) {
                i += 1;
                continue;
            }
            out.copy(self.src, pending, i);
            match self.special(out, i, end, depth) {
                Some(next) if next > i => {
                    i = next.min(end);
                    pending = i;
                }
                _ => {
                    pending = i;
                    i += 1;
                }
            }
        }
        out.copy(self.src, pending, end);
    }

    /// Handles the construct at `i`; `None` when the byte is plain text.
    fn special(&mut self, out: &mut Out, i: usize, end: usize, depth: usize) -> Option<usize> {
        let bytes = self.bytes;
        match bytes[i] {
            b @ (b'{' | b'[') => {
                if let Some((e, kind)) = self.pair(i, end) {
                    return Some(match kind {
                        Pair::Param => e,
                        Pair::Template => {
                            self.template(out, i, e, depth);
                            e
                        }
                        Pair::Link => self.link(out, i, e, end, depth),
                    });
                }
                let n = run(bytes, i, b).min(end - i);
                // A pair may open inside the run (`{{{{a}}}}`, `[[[a]]]`).
                if let Some(k) = (i + 1..i + n).find(|k| self.pair(*k, end).is_some()) {
                    return Some(k);
                }
                if n >= 2 {
                    return Some(i + n);
                }
                if b == b'[' {
                    return self.external(out, i, end, depth);
                }
                None
            }
            b @ (b'}' | b']') => {
                let n = run(bytes, i, b).min(end - i);
                (n >= 2).then_some(i + n)
            }
            b'<' => {
                let t = self.scanner.tag_at(i)?;
                if t.end > end {
                    return match t.kind {
                        Tag::Comment | Tag::Dropped => Some(end),
                        _ => None,
                    };
                }
                match t.kind {
                    Tag::Comment | Tag::Dropped => {}
                    Tag::Literal(s, e) => out.copy(self.src, s, e),
                    Tag::Plain(true) => out.synth(" ", i, t.end),
                    Tag::Plain(false) => {}
                }
                Some(t.end)
            }
            b'\'' => {
                let n = run(bytes, i, b'\'').min(end - i);
                match n {
                    1 => None,
                    2 | 3 | 5 => Some(i + n),
                    4 => {
                        out.copy(self.src, i, i + 1);
                        Some(i + 4)
                    }
                    _ => {
                        out.copy(self.src, i, i + n - 5);
                        Some(i + n)
                    }
                }
            }
            b'&' => {
                let (text, e) = entity(&bytes[i..end])?;
                out.synth(&text, i, i + e);
                Some(i + e)
            }
            b'_' => {
                let rest = &bytes[i..end];
                let word = rest.get(2..)?;
                let n = word
                    .iter()
                    .take(24)
                    .take_while(|c| c.is_ascii_uppercase())
                    .count();
                (rest.starts_with(b"__") && n > 0 && word[n..].starts_with(b"__"))
                    .then_some(i + n + 4)
            }
            b'h' => {
                let rest = &bytes[i..end];
                let after_word = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
                if after_word && (rest.starts_with(b"http://") || rest.starts_with(b"https://")) {
                    let n = rest
                        .iter()
                        .take_while(|c| {
                            !c.is_ascii_whitespace()
                                && !matches!(c, b'<' | b'[' | b']' | b'{' | b'}' | b'|' | b'"')
                        })
                        .count();
                    return Some(i + n);
                }
                None
            }
            _ => None,
        }
    }

    /// `[http://x label]`: the label, or nothing; `None` when unclosed.
    fn external(&mut self, out: &mut Out, i: usize, end: usize, depth: usize) -> Option<usize> {
        let rest = &self.bytes[i + 1..end];
        let schemes: [&[u8]; 5] = [b"http://", b"https://", b"ftp://", b"//", b"mailto:"];
        if !schemes.iter().any(|s| rest.starts_with(s)) {
            return None;
        }
        let mut j = i + 1;
        let close = loop {
            if j >= end {
                return None;
            }
            match self.bytes[j] {
                b']' => break j,
                b'[' | b'\n' => return None,
                _ => j = self.step(j, end),
            }
        };
        if let Some(space) = self.bytes[i + 1..close]
            .iter()
            .position(|c| *c == b' ' || *c == b'\t')
        {
            let (s, e) = trim(self.bytes, i + 1 + space, close);
            self.inline(out, s, e, depth + 1);
        }
        Some(close + 1)
    }

    /// `[[target|label]]trail`; returns the offset after the trail.
    fn link(
        &mut self,
        out: &mut Out,
        open: usize,
        close: usize,
        end: usize,
        depth: usize,
    ) -> usize {
        let (a, b) = (open + 2, close - 2);
        let pipe = self.find_top(a, b, b'|');
        let target_end = pipe.unwrap_or(b);
        let raw = self.src.get(a..target_end).unwrap_or("");
        if raw
            .bytes()
            .any(|c| matches!(c, b'\n' | b'{' | b'}' | b'[' | b']' | b'<' | b'>'))
        {
            self.inline(out, a, b, depth + 1);
            return close;
        }
        let target = raw.trim();
        let (target, colon) = match target.strip_prefix(':') {
            Some(t) => (t.trim_start(), true),
            None => (target, false),
        };
        let mut gold = true;
        if let Some((prefix, _)) = target.split_once(':') {
            let prefix = prefix.trim().to_ascii_lowercase();
            if !colon && matches!(prefix.as_str(), "file" | "image" | "category" | "media") {
                return close;
            }
            if !colon && is_language_code(&prefix) {
                return close;
            }
            if prefix.len() == 1 || INTERWIKI.contains(&prefix.as_str()) {
                gold = false;
            }
        }
        let mark = out.text.len();
        match pipe {
            Some(p) if self.src.get(p + 1..b).is_some_and(|l| !l.trim().is_empty()) => {
                let (s, e) = trim(self.bytes, p + 1, b);
                self.inline(out, s, e, depth + 1);
            }
            _ => {
                // `[[Target]]`, or the pipe trick `[[Target (x)|]]`.
                let shown_start = target.as_ptr() as usize - self.src.as_ptr() as usize;
                let mut shown = target;
                if pipe.is_some() {
                    if let Some(k) = shown.find(" (") {
                        shown = &shown[..k];
                    }
                }
                out.copy(self.src, shown_start, shown_start + shown.len());
            }
        }
        let trail = self.bytes[close..end]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        out.copy(self.src, close, close + trail);
        let start = mark + (out.text.len() - mark - out.text[mark..].trim_start().len());
        let stop = out.text.trim_end().len().max(start);
        let target = normalize_title(target);
        if gold && stop > start && !target.is_empty() {
            out.links.push(GoldLink {
                start,
                end: stop,
                target,
            });
        }
        close + trail
    }

    /// `{{name|args}}`: infobox pairs, text-bearing templates, dates.
    fn template(&mut self, out: &mut Out, open: usize, close: usize, depth: usize) {
        if depth >= MAX_DEPTH {
            return;
        }
        let parts = self.split_top(open + 2, close - 2, b'|', false);
        let Some(&(ns, ne)) = parts.first() else {
            return;
        };
        let name = template_name(self.src.get(ns..ne).unwrap_or(""));
        let mut args = Vec::new();
        for &(s, e) in &parts[1..] {
            match self.find_top(s, e, b'=') {
                Some(eq) => args.push(Arg {
                    name: Some(self.src.get(s..eq).unwrap_or("").trim().to_string()),
                    start: eq + 1,
                    end: e,
                }),
                None => args.push(Arg {
                    name: None,
                    start: s,
                    end: e,
                }),
            }
        }
        let positional: Vec<(usize, usize)> = args
            .iter()
            .filter(|a| a.name.is_none())
            .map(|a| trim(self.bytes, a.start, a.end))
            .collect();
        let named = |key: &str| {
            args.iter()
                .find(|a| a.name.as_deref() == Some(key))
                .map(|a| trim(self.bytes, a.start, a.end))
        };
        let n = name.as_str();
        if n.starts_with("infobox") {
            self.infobox_pairs(&args, depth);
            return;
        }
        let first_text = matches!(
            n,
            "nihongo"
                | "nowrap"
                | "small"
                | "smaller"
                | "big"
                | "nobr"
                | "nobold"
                | "noitalic"
                | "em"
                | "strong"
                | "abbr"
                | "ill"
                | "interlanguage link"
                | "vanchor"
                | "visible anchor"
                | "sic"
                | "proper name"
                | "nobreak"
                | "keep together"
                | "lang-rtl"
        );
        let quote = matches!(n, "quote" | "blockquote" | "cquote" | "quotation");
        let emit = |r: &mut Self, out: &mut Out, range: Option<(usize, usize)>| {
            if let Some((s, e)) = range {
                r.inline(out, s, e, depth + 1);
            }
        };
        if first_text {
            emit(self, out, positional.first().copied());
        } else if quote {
            emit(
                self,
                out,
                named("text")
                    .or(named("quote"))
                    .or(positional.first().copied()),
            );
        } else if n == "lang" {
            emit(self, out, positional.get(1).copied());
        } else if n.starts_with("lang-") {
            emit(self, out, positional.first().copied());
        } else if n == "transl" || n == "transliteration" {
            emit(self, out, positional.last().copied());
        } else if n == "convert" || n == "cvt" {
            self.convert(out, &positional, open, close);
        } else if let Some(prefix) = match n {
            "circa" | "c." | "ca" | "ca." | "c" => Some("c. "),
            "floruit" | "fl." | "fl" => Some("fl. "),
            _ => None,
        } {
            if let Some(&(s, e)) = positional.first() {
                out.synth(prefix, open, s);
                self.inline(out, s, e, depth + 1);
            }
        } else if let Some(sym) = match n {
            "ndash" | "–" => Some("–"),
            "mdash" | "—" => Some("—"),
            "snd" | "spnd" | "spaced ndash" | "spaced en dash" => Some(" – "),
            "nbsp" => Some(" "),
            _ => None,
        } {
            out.synth(sym, open, close);
        } else if is_date_template(n) {
            let values: Vec<&str> = positional
                .iter()
                .map(|&(s, e)| self.src.get(s..e).unwrap_or(""))
                .collect();
            if let Some(date) = format_date(&values) {
                out.synth(&date, open, close);
            }
        }
    }

    /// `{{convert|5|km|mi}}` → "5 km"; `{{convert|5|to|10|km}}` → "5 to 10 km".
    fn convert(&mut self, out: &mut Out, pos: &[(usize, usize)], open: usize, close: usize) {
        let text = |k: usize| {
            pos.get(k)
                .and_then(|&(s, e)| self.src.get(s..e))
                .unwrap_or("")
        };
        let (Some(&(s0, e0)), Some(&(s1, e1))) = (pos.first(), pos.get(1)) else {
            return;
        };
        out.copy(self.src, s0, e0);
        if matches!(text(1), "to" | "and" | "-" | "–" | "or" | "by" | "x" | "+") {
            if let (Some(&(s2, e2)), Some(&(s3, e3))) = (pos.get(2), pos.get(3)) {
                out.synth(" ", e0, s1);
                out.copy(self.src, s1, e1);
                out.synth(" ", e1, s2);
                out.copy(self.src, s2, e2);
                out.synth(" ", e2, s3);
                out.copy(self.src, s3, e3);
                return;
            }
        }
        let _ = (open, close);
        out.synth(" ", e0, s1);
        out.copy(self.src, s1, e1);
    }

    /// The named arguments of an infobox as (key, plain value) pairs.
    fn infobox_pairs(&mut self, args: &[Arg], depth: usize) {
        for arg in args {
            let Some(key) = arg.name.as_ref() else {
                continue;
            };
            if key.is_empty() {
                continue;
            }
            let value = self.plain(arg.start, arg.end, depth + 1);
            if !value.is_empty() {
                self.infobox.push((key.clone(), value));
            }
        }
    }

    /// `start..end` rendered to plain text with white space collapsed.
    pub(crate) fn plain(&mut self, start: usize, end: usize, depth: usize) -> String {
        let mut scratch = Out::default();
        self.inline(&mut scratch, start, end, depth);
        scratch
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// `start..end` without surrounding ASCII white space.
pub(crate) fn trim(bytes: &[u8], mut start: usize, mut end: usize) -> (usize, usize) {
    while start < end && bytes[start].is_ascii_whitespace() {
        start += 1;
    }
    while end > start && bytes[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    (start, end)
}

/// A template's name, lower case, without `Template:`/`subst:` and comments.
fn template_name(raw: &str) -> String {
    let raw = raw.split("<!--").next().unwrap_or("");
    let mut name = raw.trim().replace('_', " ").to_lowercase();
    for prefix in ["subst:", "safesubst:", "msgnw:", "template:"] {
        if let Some(rest) = name.strip_prefix(prefix) {
            name = rest.trim_start().to_string();
        }
    }
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_language_code(prefix: &str) -> bool {
    let mut parts = prefix.split('-');
    let first = parts.next().unwrap_or("");
    let first_ok = (2..=3).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_lowercase());
    (first_ok || first == "simple")
        && parts.all(|p| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_lowercase()))
}

fn is_date_template(name: &str) -> bool {
    matches!(
        name,
        "start date"
            | "end date"
            | "birth date"
            | "death date"
            | "start date and age"
            | "end date and age"
            | "birth date and age"
            | "death date and age"
            | "birth year and age"
            | "death year and age"
            | "dob"
            | "film date"
            | "date"
            | "bda"
            | "dda"
    )
}

/// A date template's first positional arguments as "13 April 1941".
pub(crate) fn format_date(values: &[&str]) -> Option<String> {
    let mut parts: Vec<&str> = values.iter().take(3).copied().collect();
    if parts.len() == 1 {
        let iso: Vec<&str> = parts[0].split('-').collect();
        if iso.len() == 3 && iso[0].len() == 4 {
            parts = iso;
        }
    }
    let year = *parts.first()?;
    if year.is_empty() || year.len() > 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let month = match parts.get(1).filter(|m| !m.is_empty()) {
        None => return Some(year.to_string()),
        Some(m) => match m.parse::<usize>() {
            Ok(k @ 1..=12) => MONTHS[k - 1],
            Ok(_) => return Some(year.to_string()),
            Err(_) => MONTHS
                .iter()
                .find(|name| name.eq_ignore_ascii_case(m))
                .copied()?,
        },
    };
    match parts.get(2).and_then(|d| d.parse::<u8>().ok()) {
        Some(day @ 1..=31) => Some(format!("{day} {month} {year}")),
        _ => Some(format!("{month} {year}")),
    }
}

/// A link target as a page title: no `#section`, spaces for underscores,
/// first letter upper case.
pub(crate) fn normalize_title(target: &str) -> String {
    let target = target.split('#').next().unwrap_or("").replace('_', " ");
    let target = target.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = target.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The HTML entity at the start of `bytes`: its text and length.
fn entity(bytes: &[u8]) -> Option<(String, usize)> {
    let semi = bytes.iter().take(12).position(|&b| b == b';')?;
    let body = std::str::from_utf8(bytes.get(1..semi)?).ok()?;
    let text = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        char::from_u32(code).filter(|c| *c != '\0')?.to_string()
    } else {
        let s = match body {
            "amp" => "&",
            "lt" => "<",
            "gt" => ">",
            "quot" => "\"",
            "apos" => "'",
            "nbsp" | "ensp" | "emsp" | "thinsp" => " ",
            "ndash" => "–",
            "mdash" => "—",
            "minus" => "−",
            "hellip" => "…",
            "times" => "×",
            "deg" => "°",
            "middot" => "·",
            "laquo" => "«",
            "raquo" => "»",
            "lsquo" => "‘",
            "rsquo" => "’",
            "ldquo" => "“",
            "rdquo" => "”",
            "prime" => "′",
            "Prime" => "″",
            "pound" => "£",
            "euro" => "€",
            "copy" => "©",
            "frac12" => "½",
            "shy" | "zwj" | "zwnj" | "lrm" | "rlm" => "",
            _ => return None,
        };
        s.to_string()
    };
    Some((text, semi + 1))
}
