//! Tokens of a sentence, with the classes the rules match on.
//!
//! A token is a word, a number or one punctuation character, with its byte
//! span and whether white space comes before it. Each token carries the set
//! of classes it belongs to: lexicon classes (`MONTH`, `UNIT`, …), shape
//! classes computed here (`YEAR`, `DAY`, `DECADE`, …) and the literal words
//! the rules name (`"of"`, `","`).

use crate::grammar::{ClassId, ClassSet, Grammar, Shape};
use annals_core::Span;

/// One token of a sentence.
#[derive(Debug, Clone)]
pub struct Token<'t> {
    /// Bytes in the document.
    pub span: Span,
    /// The token's text as written.
    pub text: &'t str,
    /// White space (or the sentence start) comes right before the token.
    pub space_before: bool,
    /// The classes the token belongs to.
    pub classes: ClassSet,
    /// The value each lexicon class gives this token (class, value).
    pub values: Vec<(ClassId, &'static str)>,
    /// The number the token denotes, when it is one.
    pub number: Option<f64>,
}

impl Token<'_> {
    /// The lexicon value the token has in `class`.
    pub fn value_in(&self, class: ClassId) -> Option<&'static str> {
        self.values
            .iter()
            .find(|(c, _)| *c == class)
            .map(|(_, v)| *v)
    }
}

/// Splits a sentence (`text`, starting at byte `offset` of the document) into
/// classified tokens.
pub fn tokenize<'t>(text: &'t str, offset: usize, grammar: &Grammar) -> Vec<Token<'t>> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut space = true;
    while i < bytes.len() {
        let c = match text[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        if c.is_whitespace() {
            space = true;
            i += c.len_utf8();
            continue;
        }
        let end = if c.is_ascii_digit() {
            number_end(text, i)
        } else if c.is_alphabetic() {
            word_end(text, i, grammar)
        } else if c == '\'' || c == '’' {
            // "'45", "'20s": an apostrophe before two digits.
            let after = i + c.len_utf8();
            let digits = text[after..].bytes().take_while(u8::is_ascii_digit).count();
            if digits == 2 {
                let mut e = after + 2;
                if text[e..].starts_with('s') {
                    e += 1;
                }
                e
            } else {
                after
            }
        } else {
            i + c.len_utf8()
        };
        let end = end.max(i + c.len_utf8());
        tokens.push(classify(
            &text[i..end],
            Span::new(offset + i, offset + end),
            space,
            grammar,
        ));
        space = false;
        i = end;
    }
    merge_compound_numbers(&mut tokens, text, offset, grammar);
    tokens
}

/// End of a number starting at `i`: digits with thousands separators and a
/// decimal part, an ordinal suffix ("23rd"), a plural `s` ("1920s", "1920's"),
/// or a clock time ("10:30").
fn number_end(text: &str, i: usize) -> usize {
    let b = text.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut e = i + digits(i);
    loop {
        if e + 1 < b.len()
            && b[e] == b','
            && digits(e + 1) == 3
            && (e + 4 >= b.len() || !b[e + 4].is_ascii_digit())
        {
            e += 4;
        } else if e + 1 < b.len() && b[e] == b'.' && b[e + 1].is_ascii_digit() {
            e += 1 + digits(e + 1);
        } else if e + 2 < b.len() && b[e] == b':' && digits(e + 1) == 2 {
            e += 3;
        } else {
            break;
        }
    }
    let rest = &text[e..];
    for suffix in ["st", "nd", "rd", "th", "'s", "’s", "s"] {
        if rest
            .get(..suffix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(suffix))
        {
            let after = rest[suffix.len()..].chars().next();
            if !after.is_some_and(char::is_alphanumeric) {
                return e + suffix.len();
            }
        }
    }
    e
}

/// End of a word starting at `i`: letters, and a final dot when the word with
/// its dot is in the lexicon ("Sept.", "c.") or is a dotted abbreviation
/// ("a.m.", "B.C.").
fn word_end(text: &str, i: usize, grammar: &Grammar) -> usize {
    let b = text.as_bytes();
    let mut e = i;
    for (j, ch) in text[i..].char_indices() {
        if ch.is_alphabetic()
            || (ch == '\''
                && text[i + j + 1..].starts_with(|n: char| n.is_alphabetic())
                && j > 0
                && !text[i + j + 1..].starts_with('s'))
        {
            e = i + j + ch.len_utf8();
        } else {
            break;
        }
    }
    // Dotted abbreviations: letter . letter . ( "a.m.", "B.C.", "U.S." )
    let mut d = e;
    while d + 1 < b.len()
        && b[d] == b'.'
        && (b[d + 1] as char).is_ascii_alphabetic()
        && d + 2 <= b.len()
    {
        let n = text[d + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        if n != 1 {
            break;
        }
        d += 2;
    }
    if d > e && d < b.len() && b[d] == b'.' {
        return d + 1;
    }
    if d > e && e - i == 1 {
        // "B.C" without the last dot.
        return d;
    }
    if e < b.len() && b[e] == b'.' {
        let with_dot = &text[i..=e];
        if grammar.lexicon_has(&with_dot.to_lowercase()) {
            return e + 1;
        }
    }
    e
}

fn classify<'t>(text: &'t str, span: Span, space_before: bool, grammar: &Grammar) -> Token<'t> {
    let mut token = Token {
        span,
        text,
        space_before,
        classes: ClassSet::default(),
        values: Vec::new(),
        number: None,
    };
    let lower = text.to_lowercase();
    let capitalised = text.chars().next().is_some_and(char::is_uppercase);
    grammar.lexicon_classes(&lower, capitalised, &mut token);
    if let Some(id) = grammar.literal(&lower) {
        token.classes.insert(id);
    }
    if capitalised {
        token.classes.insert(grammar.shape(Shape::Capitalised));
    } else if is_plural_noun(&lower)
        && !grammar
            .class("YEARVERB")
            .is_some_and(|c| token.classes.contains(c))
    {
        token.classes.insert(grammar.shape(Shape::Plural));
    }
    if text.as_bytes()[0].is_ascii_digit() || text.starts_with(['\'', '’']) {
        shape_number(&mut token, grammar);
    }
    if let Some(n) = token
        .values
        .iter()
        .filter(|(c, _)| grammar.is_numeric_class(*c))
        .find_map(|(_, v)| v.parse::<f64>().ok())
    {
        token.number.get_or_insert(n);
    }
    token
}

/// A lower-case word that looks like a plural noun: at least four letters,
/// ending in -s but not in -ss, -us or -is, or in -men.
fn is_plural_noun(lower: &str) -> bool {
    let regular = lower.ends_with('s')
        && !lower.ends_with("ss")
        && !lower.ends_with("us")
        && !lower.ends_with("is");
    // "horsemen", "riflemen": irregular plurals in -men.
    let men = lower.ends_with("men") && lower.len() > 4;
    lower.len() >= 4 && (regular || men) && lower.chars().all(char::is_alphabetic)
}

fn shape_number(token: &mut Token<'_>, grammar: &Grammar) {
    let text = token.text.trim_start_matches(['\'', '’']);
    let apostrophe = text.len() != token.text.len();
    let digits: String = text
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .collect();
    let suffix = text[digits.len()..].to_lowercase();
    let plain = !digits.contains([',', '.']);
    let value: Option<f64> = digits.replace(',', "").parse().ok();
    let mut add = |s: Shape| token.classes.insert(grammar.shape(s));
    if text.contains(':') {
        add(Shape::Clock);
        return;
    }
    let Some(v) = value else { return };
    let n = digits.len();
    match suffix.as_str() {
        "" if apostrophe && n == 2 => add(Shape::ShortYear),
        "" => {
            add(Shape::Number);
            if plain {
                add(Shape::Integer);
                if n == 4 && (1000.0..=2099.0).contains(&v) {
                    add(Shape::Year);
                }
                if n == 3 && v >= 100.0 {
                    add(Shape::Year3);
                }
                if n <= 4 && v >= 1.0 {
                    add(Shape::YearLike);
                }
                if n <= 2 && (1.0..=31.0).contains(&v) {
                    add(Shape::Day);
                }
                if n <= 2 {
                    add(Shape::TwoDigits);
                }
            }
        }
        "s" | "'s" | "’s" if plain => {
            if n == 4 && v % 10.0 == 0.0 {
                if v % 100.0 == 0.0 {
                    add(Shape::Centuries);
                }
                add(Shape::Decade);
            } else if n == 3 && v % 10.0 == 0.0 {
                // "the 470s BC"
                add(Shape::Decade);
            } else if n == 2 && v % 10.0 == 0.0 {
                add(Shape::ShortDecade);
            }
        }
        "st" | "nd" | "rd" | "th" if plain => {
            add(Shape::Ordinal);
            if (1.0..=31.0).contains(&v) {
                add(Shape::Day);
                add(Shape::DayOrdinal);
            }
        }
        _ => {}
    }
    token.number = Some(v);
}

/// "twenty-five" → one number token.
fn merge_compound_numbers<'t>(
    tokens: &mut Vec<Token<'t>>,
    text: &'t str,
    offset: usize,
    grammar: &Grammar,
) {
    let word_number = |t: &Token<'_>| t.number.filter(|_| t.text.chars().all(char::is_alphabetic));
    let mut i = 0;
    while i + 2 < tokens.len() {
        let tens = word_number(&tokens[i]).filter(|n| *n >= 20.0 && *n < 100.0 && n % 10.0 == 0.0);
        let dash =
            tokens[i + 1].text == "-" && !tokens[i + 1].space_before && !tokens[i + 2].space_before;
        let unit = word_number(&tokens[i + 2]).filter(|n| *n >= 1.0 && *n < 10.0);
        if let (Some(t), true, Some(u)) = (tens, dash, unit) {
            let span = Span::new(tokens[i].span.start, tokens[i + 2].span.end);
            let mut merged = classify(
                &text[span.start - offset..span.end - offset],
                span,
                tokens[i].space_before,
                grammar,
            );
            let class = if grammar.is_ordinal_word(tokens[i + 2].text) {
                "ORDWORD"
            } else {
                "NUMWORD"
            };
            if let Some(id) = grammar.class(class) {
                merged.classes.insert(id);
            }
            merged.number = Some(t + u);
            tokens.splice(i..i + 3, [merged]);
        }
        i += 1;
    }
}
