//! Sentence segmentation with byte spans.
//!
//! Titles, headings and infobox lines are one sentence each; paragraphs and
//! list items are split at `.`, `!`, `?` and `…` that are followed by white
//! space and an opening character (a capital, a digit, a quote or bracket).
//! A full stop after an abbreviation from `data/abbreviations.txt` or after an
//! initial ("Leonid I. Brezhnev") does not end a sentence, unless it may
//! (`maybe` abbreviations, initials) and the next word is a usual opener from
//! `data/openers.txt`. No split happens inside brackets.

use annals_core::{BlockKind, Document, Sentence, Span};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

#[derive(Clone, Copy, PartialEq, Eq)]
enum AbbreviationKind {
    Never,
    Maybe,
}

struct Lexicon {
    /// Keys: the abbreviation without its final dot, as written and, for
    /// all-lower-case entries, lower-cased.
    abbreviations: HashMap<String, AbbreviationKind>,
    openers: HashSet<String>,
}

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut abbreviations = HashMap::new();
    for line in data_lines(include_str!("../data/abbreviations.txt")) {
        let mut fields = line.split_whitespace();
        let (Some(word), Some(kind)) = (fields.next(), fields.next()) else {
            panic!("abbreviations.txt: every line has an abbreviation and a kind: {line:?}");
        };
        let kind = match kind {
            "never" => AbbreviationKind::Never,
            "maybe" => AbbreviationKind::Maybe,
            other => panic!("abbreviations.txt: unknown kind {other:?} in {line:?}"),
        };
        abbreviations.insert(word.trim_end_matches('.').to_string(), kind);
    }
    let openers = data_lines(include_str!("../data/openers.txt"))
        .map(str::to_string)
        .collect();
    Lexicon {
        abbreviations,
        openers,
    }
});

/// Splits every block of a document into sentences, in document order.
///
/// ```
/// let doc = annals_text::read_bytes("t.txt", "Gen. Tojo met Leonid I. Brezhnev. Nothing came of it.".as_bytes(),
///     annals_text::Format::Plain).unwrap();
/// let s = annals_text::segment(&doc);
/// assert_eq!(s.len(), 2);
/// assert_eq!(doc.span_text(s[1].span), "Nothing came of it.");
/// ```
pub fn segment(doc: &Document) -> Vec<Sentence> {
    let mut out = Vec::with_capacity(doc.blocks.len() * 3);
    for (index, block) in doc.blocks.iter().enumerate() {
        let push = |out: &mut Vec<Sentence>, span: Span| {
            out.push(Sentence {
                span,
                block: index,
                section: block.section,
            })
        };
        match block.kind {
            BlockKind::Paragraph | BlockKind::ListItem => {
                let text = doc.block_text(block);
                for (s, e) in split(text) {
                    push(
                        &mut out,
                        Span::new(block.span.start + s, block.span.start + e),
                    );
                }
            }
            _ => push(&mut out, block.span),
        }
    }
    out
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

fn is_opener_char(c: char) -> bool {
    c.is_uppercase()
        || c.is_numeric()
        || matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '¿' | '¡')
}

/// Sentence boundaries inside one block's text, as (start, end) byte offsets
/// relative to the block, trimmed of white space.
fn split(text: &str) -> Vec<(usize, usize)> {
    let mut bounds = Vec::new();
    let mut start = 0;
    let mut depth: i32 = 0;
    let mut depth_since = 0;
    let bytes = text.as_bytes();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '(' | '[' => {
                if depth == 0 {
                    depth_since = i;
                }
                depth += 1;
            }
            ')' | ']' => depth = (depth - 1).max(0),
            '.' | '!' | '?' | '…' => {
                // Take the whole run of terminal marks and closers.
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek() {
                    if matches!(d, '.' | '!' | '?' | '…') || is_closer(d) {
                        if matches!(d, ')' | ']') {
                            depth = (depth - 1).max(0);
                        }
                        end = j + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                // Brackets left open for long are taken as unbalanced.
                let in_brackets = depth > 0 && i - depth_since < 400;
                if in_brackets || !ends_sentence(text, i, c, end) {
                    continue;
                }
                bounds.push((start, end));
                start = end;
            }
            _ => {}
        }
    }
    bounds.push((start, bytes.len()));
    bounds
        .into_iter()
        .filter_map(|(s, e)| {
            let part = &text[s..e];
            let lead = part.len() - part.trim_start().len();
            let trimmed = part.trim();
            (!trimmed.is_empty()).then(|| (s + lead, s + lead + trimmed.len()))
        })
        .collect()
}

/// Whether the mark `c` at `at` (with its closers up to `end`) ends a sentence.
fn ends_sentence(text: &str, at: usize, c: char, end: usize) -> bool {
    let rest = &text[end..];
    let after_space = rest.trim_start();
    if after_space.len() == rest.len() || after_space.is_empty() {
        // No white space after the mark, or nothing after it at all: the
        // block's end closes the sentence anyway.
        return false;
    }
    let Some(next) = after_space.chars().next() else {
        return false;
    };
    if !is_opener_char(next) {
        return false;
    }
    if c != '.' || end > at + 1 && text[at + 1..end].contains('.') {
        return true;
    }
    let word = word_before(text, at);
    let next_word: String = after_space
        .chars()
        .skip_while(|ch| !ch.is_alphanumeric())
        .take_while(|ch| ch.is_alphanumeric())
        .collect();
    let opener = LEXICON.openers.contains(&next_word);
    match abbreviation_kind(word) {
        Some(AbbreviationKind::Never) => false,
        Some(AbbreviationKind::Maybe) => opener,
        None => true,
    }
}

/// The word right before the full stop at `at`, with its inner dots ("U.S").
fn word_before(text: &str, at: usize) -> &str {
    let before = &text[..at];
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, ch)| !(ch.is_alphanumeric() || ch == '.'))
        .map_or(0, |(j, ch)| j + ch.len_utf8());
    &before[start..]
}

fn abbreviation_kind(word: &str) -> Option<AbbreviationKind> {
    if word.is_empty() {
        return None;
    }
    let lexicon = &*LEXICON;
    if let Some(&kind) = lexicon.abbreviations.get(word) {
        return Some(kind);
    }
    if let Some(&kind) = lexicon.abbreviations.get(&word.to_lowercase()) {
        if !word.chars().next().is_some_and(char::is_uppercase) || word.len() <= 4 {
            return Some(kind);
        }
    }
    let mut chars = word.chars();
    let first = chars.next()?;
    // An initial: one capital letter ("I." in "Leonid I. Brezhnev").
    if first.is_uppercase() && chars.next().is_none() {
        return Some(AbbreviationKind::Maybe);
    }
    // A dotted acronym: "U.S", "J.R.R".
    let dotted = word.split('.').all(|p| p.chars().count() == 1);
    if word.contains('.') && dotted {
        return Some(AbbreviationKind::Maybe);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn splits_simple() {
        assert_eq!(sentences("A b. C d."), ["A b.", "C d."]);
        assert_eq!(sentences("In 1925. 1926 came."), ["In 1925.", "1926 came."]);
    }

    #[test]
    fn data_files_parse() {
        assert!(LEXICON.abbreviations.len() > 40);
        assert!(LEXICON.openers.contains("The"));
    }
}
