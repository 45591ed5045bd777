//! Splitting a sentence into tokens.
//!
//! Words are runs of letters and digits, joined across a hyphen or dash
//! ("Russo-Japanese", "1904–05"), an inner period ("U.S", "1.5"), an inner
//! apostrophe ("O'Brien") and a thousands comma ("70,000"). A final period
//! stays with initials ("U.S.", "J.") and the abbreviations of words.txt
//! ("Gen."). The possessive "'s" / "'" and the negation "n't" are tokens of
//! their own ("Japan" "'s", "did" "n't"). Every other character that is not
//! white space is a token by itself: punctuation or a symbol.

use crate::lexicon::{Lexicon, ABBR};

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters (and digits) starting with a letter.
    Word,
    /// Starting with a digit.
    Number,
    /// A punctuation mark.
    Punct,
    /// Any other character.
    Symbol,
    /// "'s", "'" after a word.
    Possessive,
    /// "n't".
    Negation,
}

/// A token before tagging: its bytes and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Raw {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        s.get(i..)?.chars().next()
    }
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
    }
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

#[inline]
fn is_joining_dash(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '–')
}

fn is_punct(c: char) -> bool {
    match c {
        '.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '"' | '\''
        | '-' => true,
        c if c.is_ascii() => false,
        '\u{2010}'..='\u{2027}'
        | '«'
        | '»'
        | '‹'
        | '›'
        | '¡'
        | '¿'
        | '、'
        | '。'
        | '（'
        | '）'
        | '，'
        | '：'
        | '；' => true,
        _ => false,
    }
}

/// Clamps `start..end` into `text` on character boundaries.
pub(crate) fn clamp(text: &str, start: usize, end: usize) -> (usize, usize) {
    let len = text.len();
    let mut s = start.min(len);
    let mut e = end.min(len).max(s);
    while !text.is_char_boundary(s) {
        s += 1;
    }
    while e > s && !text.is_char_boundary(e) {
        e -= 1;
    }
    (s, e.max(s))
}

/// Whether `word` (with its final period after it) keeps the period:
/// a single letter, letters separated by periods, or an abbreviation listed
/// in words.txt.
fn keeps_period(lex: &Lexicon, word: &str) -> bool {
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_alphabetic();
    }
    if word.contains('.') && word.split('.').all(|p| p.chars().count() == 1) {
        return true;
    }
    if word.len() > 7 {
        return false;
    }
    let mut buf = [0u8; 8];
    let mut n = 0;
    for b in word.bytes() {
        if !b.is_ascii() {
            return false;
        }
        buf[n] = b.to_ascii_lowercase();
        n += 1;
    }
    buf[n] = b'.';
    std::str::from_utf8(&buf[..=n]).is_ok_and(|w| lex.flags(w) & ABBR != 0)
}

/// Splits `text[start..end]` (clamped to character boundaries) into tokens
/// with absolute byte offsets, appending them to `out`.
pub(crate) fn tokenize(lex: &Lexicon, text: &str, start: usize, end: usize, out: &mut Vec<Raw>) {
    let (start, end) = clamp(text, start, end);
    let s = &text[..end];
    let mut i = start;
    while let Some(c) = char_at(s, i) {
        let len = c.len_utf8();
        if c.is_whitespace() || (c.is_control() && !is_punct(c)) {
            i += len;
            continue;
        }
        if !is_word_char(c) {
            let kind = if is_punct(c) {
                Kind::Punct
            } else {
                Kind::Symbol
            };
            out.push(Raw {
                start: i,
                end: i + len,
                kind,
            });
            i += len;
            continue;
        }
        let kind = if c.is_ascii_digit() {
            Kind::Number
        } else {
            Kind::Word
        };
        let st = i;
        let mut seg_start = i; // start of the current run after a joiner
        let mut negation = None;
        i += len;
        loop {
            while let Some(c) = char_at(s, i) {
                if !is_word_char(c) {
                    break;
                }
                i += c.len_utf8();
            }
            let Some(c) = char_at(s, i) else { break };
            let next_i = i + c.len_utf8();
            let next = char_at(s, next_i);
            let next_is_word = next.is_some_and(is_word_char);
            if (is_joining_dash(c) || c == '.') && next_is_word {
                i = next_i;
                seg_start = i;
                continue;
            }
            if c == ',' && next_is_word {
                let seg = &s[seg_start..i];
                let digits = s.get(next_i..next_i + 3);
                let after = char_at(s, next_i + 3);
                if !seg.is_empty()
                    && seg.len() <= 3
                    && seg.bytes().all(|b| b.is_ascii_digit())
                    && digits.is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()))
                    && !after.is_some_and(is_word_char)
                {
                    i = next_i + 3;
                    seg_start = next_i;
                    continue;
                }
                break;
            }
            if is_apostrophe(c) && next_is_word {
                let after = char_at(s, next_i + 1);
                let ends_word = !after.is_some_and(is_word_char);
                if matches!(next, Some('s' | 'S')) && ends_word {
                    break; // possessive follows
                }
                if matches!(next, Some('t' | 'T'))
                    && ends_word
                    && i - st >= 2
                    && matches!(s.as_bytes()[i - 1], b'n' | b'N')
                {
                    negation = Some((i - 1, next_i + 1));
                    i -= 1;
                    break;
                }
                i = next_i;
                seg_start = i;
                continue;
            }
            break;
        }
        if let Some((ns, ne)) = negation {
            out.push(Raw {
                start: st,
                end: i,
                kind,
            });
            out.push(Raw {
                start: ns,
                end: ne,
                kind: Kind::Negation,
            });
            i = ne;
            continue;
        }
        // A final period of initials and abbreviations.
        if char_at(s, i) == Some('.') && keeps_period(lex, &s[st..i]) {
            i += 1;
        }
        out.push(Raw {
            start: st,
            end: i,
            kind,
        });
        // The possessive.
        if let Some(c) = char_at(s, i).filter(|&c| is_apostrophe(c)) {
            let ni = i + c.len_utf8();
            let next = char_at(s, ni);
            let after_s = char_at(s, ni + 1);
            if matches!(next, Some('s' | 'S')) && !after_s.is_some_and(is_word_char) {
                out.push(Raw {
                    start: i,
                    end: ni + 1,
                    kind: Kind::Possessive,
                });
                i = ni + 1;
            } else if !next.is_some_and(is_word_char)
                && matches!(s.as_bytes()[i - 1], b's' | b'S')
                && kind == Kind::Word
            {
                out.push(Raw {
                    start: i,
                    end: ni,
                    kind: Kind::Possessive,
                });
                i = ni;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::LEX;

    fn toks(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize(&LEX, text, 0, text.len(), &mut out);
        out.iter().map(|r| &text[r.start..r.end]).collect()
    }

    #[test]
    fn splits_words_and_punctuation() {
        assert_eq!(
            toks("Japan's victory (1904–05) cost 70,000 men, didn't it?"),
            [
                "Japan",
                "'s",
                "victory",
                "(",
                "1904–05",
                ")",
                "cost",
                "70,000",
                "men",
                ",",
                "did",
                "n't",
                "it",
                "?"
            ]
        );
        assert_eq!(
            toks("The U.S. and Gen. Nogi met O'Brien in the countries' capitals."),
            [
                "The",
                "U.S.",
                "and",
                "Gen.",
                "Nogi",
                "met",
                "O'Brien",
                "in",
                "the",
                "countries",
                "'",
                "capitals",
                "."
            ]
        );
        assert_eq!(
            toks("Russo-Japanese can’t 1,2 3.5"),
            ["Russo-Japanese", "ca", "n’t", "1", ",", "2", "3.5"]
        );
    }

    #[test]
    fn clamps_offsets() {
        let text = "é a";
        let mut out = Vec::new();
        tokenize(&LEX, text, 1, 99, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(&text[out[0].start..out[0].end], "a");
    }
}
