//! Lexing shared by the bracket pass and the renderer: HTML-like tags,
//! comments, and the pairing of `{{ }}`, `{{{ }}}` and `[[ ]]`.
//!
//! Both passes must agree on what is opaque (a comment, a dropped or literal
//! element), so both ask [`Scanner::tag_at`]. Every search for a closing
//! marker goes through a [`Finder`] that remembers its last answer, so a page
//! with a million unclosed `<ref>` still costs one scan per marker.

use std::collections::HashMap;

/// Elements whose content is dropped with them.
const DROPPED: &[&str] = &[
    "ref",
    "references",
    "gallery",
    "math",
    "timeline",
    "score",
    "imagemap",
    "templatedata",
    "syntaxhighlight",
    "source",
    "chem",
    "ce",
    "graph",
    "mapframe",
    "maplink",
    "hiero",
    "inputbox",
    "categorytree",
];

/// Elements whose content is kept literally.
const LITERAL: &[&str] = &["nowiki", "pre"];

/// Longest tag (from `<` to `>`) recognised.
const MAX_TAG: usize = 1024;

/// Finds the next occurrence of a needle, remembering the last answer so that
/// forward queries never rescan.
#[derive(Debug)]
pub(crate) struct Finder {
    needle: &'static [u8],
    /// A query from `.0` found the needle at `.1`: valid for any query in `.0..=.1`.
    last: Option<(usize, usize)>,
    /// No occurrence starts at or after this offset.
    none_from: usize,
}

impl Finder {
    fn new(needle: &'static [u8]) -> Self {
        Finder {
            needle,
            last: None,
            none_from: usize::MAX,
        }
    }

    /// The first occurrence at or after `from`.
    pub(crate) fn find(&mut self, hay: &[u8], from: usize) -> Option<usize> {
        if from >= self.none_from {
            return None;
        }
        if let Some((start, at)) = self.last {
            if start <= from && from <= at {
                return Some(at);
            }
        }
        let found = hay
            .get(from..)
            .and_then(|rest| memchr::memmem::find(rest, self.needle))
            .map(|i| from + i);
        match found {
            Some(at) => self.last = Some((from, at)),
            None => self.none_from = self.none_from.min(from),
        }
        found
    }
}

/// What starts at a `<`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    /// A comment, dropped.
    Comment,
    /// An element dropped with its content (`<ref>…</ref>`, `<math>…`).
    Dropped,
    /// `<nowiki>`: the content from `.0` to `.1` is kept literally.
    Literal(usize, usize),
    /// Any other tag, removed; `true` for a line break.
    Plain(bool),
}

/// A recognised tag and the offset just past it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TagAt {
    pub(crate) kind: Tag,
    pub(crate) end: usize,
}

/// Recognises tags; holds the finders for closing markers.
#[derive(Debug)]
pub(crate) struct Scanner<'a> {
    src: &'a [u8],
    comment_end: Finder,
    closers: HashMap<&'static str, Finder>,
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        Scanner {
            src: src.as_bytes(),
            comment_end: Finder::new(b"-->"),
            closers: HashMap::new(),
        }
    }

    /// The tag, comment or opaque element starting at `i`, if any.
    pub(crate) fn tag_at(&mut self, i: usize) -> Option<TagAt> {
        let src = self.src;
        let rest = src.get(i..)?;
        if rest.first() != Some(&b'<') {
            return None;
        }
        if rest.starts_with(b"<!--") {
            let end = self
                .comment_end
                .find(src, i + 4)
                .map_or(src.len(), |at| at + 3);
            return Some(TagAt {
                kind: Tag::Comment,
                end,
            });
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = i + 1 + usize::from(closing);
        let name_len = src
            .get(name_start..)?
            .iter()
            .take(32)
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !src[name_start].is_ascii_alphabetic() {
            return None;
        }
        let after_name = name_start + name_len;
        match src.get(after_name) {
            Some(b'>' | b'/' | b' ' | b'\t' | b'\n') => {}
            _ => return None,
        }
        let limit = src.len().min(i + MAX_TAG);
        let mut gt = None;
        for (k, &b) in src[after_name..limit].iter().enumerate() {
            match b {
                b'>' => {
                    gt = Some(after_name + k);
                    break;
                }
                b'<' => return None,
                _ => {}
            }
        }
        let gt = gt?;
        let end = gt + 1;
        let self_closing = src[gt - 1] == b'/';
        let name = std::str::from_utf8(&src[name_start..after_name])
            .ok()?
            .to_ascii_lowercase();
        if closing {
            return Some(TagAt {
                kind: Tag::Plain(name == "br"),
                end,
            });
        }
        let dropped = DROPPED.iter().find(|n| **n == name);
        let literal = LITERAL.iter().find(|n| **n == name);
        let Some(known) = dropped.or(literal).copied() else {
            return Some(TagAt {
                kind: Tag::Plain(name == "br"),
                end,
            });
        };
        if self_closing {
            return Some(TagAt {
                kind: Tag::Dropped,
                end,
            });
        }
        let close = self.closer(known, end);
        match (close, dropped.is_some()) {
            (Some((at, close_end)), true) => {
                let _ = at;
                Some(TagAt {
                    kind: Tag::Dropped,
                    end: close_end,
                })
            }
            (None, true) => Some(TagAt {
                kind: Tag::Dropped,
                end,
            }),
            (Some((at, close_end)), false) => Some(TagAt {
                kind: Tag::Literal(end, at),
                end: close_end,
            }),
            (None, false) => Some(TagAt {
                kind: Tag::Plain(false),
                end,
            }),
        }
    }

    /// The closing tag `</name …>` at or after `from`: its start and end.
    fn closer(&mut self, name: &'static str, from: usize) -> Option<(usize, usize)> {
        let src = self.src;
        let finder = self
            .closers
            .entry(name)
            .or_insert_with(|| Finder::new(closing_marker(name)));
        let at = finder.find(src, from)?;
        let after = at + 2 + name.len();
        let limit = src.len().min(after + MAX_TAG);
        let end = src[after..limit]
            .iter()
            .position(|&b| b == b'>')
            .map_or(after, |k| after + k + 1);
        Some((at, end))
    }
}

/// `</name` for the known element names.
fn closing_marker(name: &str) -> &'static [u8] {
    match name {
        "ref" => b"</ref",
        "references" => b"</references",
        "gallery" => b"</gallery",
        "math" => b"</math",
        "timeline" => b"</timeline",
        "score" => b"</score",
        "imagemap" => b"</imagemap",
        "templatedata" => b"</templatedata",
        "syntaxhighlight" => b"</syntaxhighlight",
        "source" => b"</source",
        "chem" => b"</chem",
        "ce" => b"</ce",
        "graph" => b"</graph",
        "mapframe" => b"</mapframe",
        "maplink" => b"</maplink",
        "hiero" => b"</hiero",
        "inputbox" => b"</inputbox",
        "categorytree" => b"</categorytree",
        "nowiki" => b"</nowiki",
        "pre" => b"</pre",
        _ => b"</\x00never",
    }
}

/// What a matched bracket pair is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pair {
    /// `{{ … }}`.
    Template,
    /// `{{{ … }}}`, a template parameter.
    Param,
    /// `[[ … ]]`.
    Link,
}

/// Matched pairs: opening offset → (offset past the closer, kind).
pub(crate) type Pairs = HashMap<usize, (usize, Pair)>;

struct Open {
    at: usize,
    count: usize,
    brace: bool,
}

/// Pairs the brackets of the whole text in one pass with an explicit stack.
///
/// A closer pairs only with the element on top of the stack (as MediaWiki's
/// preprocessor does); anything else is left unmatched and is dropped later.
pub(crate) fn pair_brackets(src: &str, scanner: &mut Scanner<'_>) -> Pairs {
    let bytes = src.as_bytes();
    let mut pairs = Pairs::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' => {
                i = match scanner.tag_at(i) {
                    Some(t) if t.end > i => t.end,
                    _ => i + 1,
                };
            }
            b @ (b'{' | b'[') => {
                let n = run(bytes, i, b);
                if n >= 2 {
                    if b == b'{' {
                        stack.push(Open {
                            at: i,
                            count: n,
                            brace: true,
                        });
                    } else {
                        stack.push(Open {
                            at: i + n - 2,
                            count: 2,
                            brace: false,
                        });
                    }
                }
                i += n;
            }
            b @ (b'}' | b']') => {
                let n = run(bytes, i, b);
                let mut left = n;
                let mut used_total = 0;
                while left >= 2 {
                    let Some(top) = stack.last_mut() else { break };
                    if top.brace != (b == b'}') {
                        break;
                    }
                    let used = if top.brace && top.count.min(left) >= 3 {
                        3
                    } else {
                        2
                    };
                    top.count -= used;
                    let opener = top.at + top.count;
                    let kind = match (top.brace, used) {
                        (false, _) => Pair::Link,
                        (true, 3) => Pair::Param,
                        _ => Pair::Template,
                    };
                    used_total += used;
                    pairs.insert(opener, (i + used_total, kind));
                    left -= used;
                    if top.count < 2 {
                        stack.pop();
                    }
                }
                i += n;
            }
            _ => i += 1,
        }
    }
    pairs
}

/// Length of the run of `b` starting at `i`.
pub(crate) fn run(bytes: &[u8], i: usize, b: u8) -> usize {
    bytes
        .get(i..)
        .map_or(0, |rest| rest.iter().take_while(|&&c| c == b).count())
}
