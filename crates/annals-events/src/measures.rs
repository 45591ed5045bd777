//! Measures: explicit quantities in a document.
//!
//! A measure is a number with a unit: money ("US$4.4 billion"), counted things
//! ("70,000 troops", "56 islands", "two of the Soviet-held island areas"),
//! physical quantities ("40 miles"), shares ("80 percent") and durations ("90
//! days", "five-year", "A month later"). Each sentence is split into tokens
//! (words, numbers with their digit groups, signs); at each token a number is
//! read (digits, number words, scale words), then its unit: a currency sign
//! before it, a unit or counted noun after it (past a few modifiers: "six
//! Iraqi divisions"), a hyphen compound ("five-year"), a counted noun after
//! "of the", a collective noun before it ("an army of 100,000"), or the unit
//! of the next number of a range ("50 and 70 million people"). Any plural
//! noun after a number is counted under its own name, so the unit list only
//! has to know singular forms, irregular plurals and canonical names.
//!
//! Everything the rules know is data: `data/units.tsv` (units, currencies,
//! counted nouns), `data/numbers.tsv` (number and scale words) and
//! `data/measure_words.tsv` (qualifiers, stop words, range connectors, rates,
//! topics); every line carries an example that the tests run.
//!
//! Not measures: years and dates (numbers inside a time expression other
//! than a duration), ordinals and decades ("25th", "1980s"), designations
//! ("T-34", "B-29"), names ("Group of Seven", "Seven Years' War"), spelled
//! numbers referring back ("the two countries"), and vague plurals
//! ("thousands of").
//!
//! A measure's date is the date of its clause nearest to it, else the
//! sentence's nearest date before it, else after it, else the narrative's
//! latest date; "the next three years" is the interval from that date, and
//! "from X to Y" over a period dates X at its start and Y at its end.

use crate::Error;
use annals_core::{Document, EventDate, Measure, Sentence, Timex, TimexType};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// The units table, embedded.
pub const UNITS: &str = include_str!("../data/units.tsv");
/// The number words, embedded.
pub const NUMBERS: &str = include_str!("../data/numbers.tsv");
/// The words around numbers (qualifiers, stop words, connectors, rates, topics), embedded.
pub const WORDS: &str = include_str!("../data/measure_words.tsv");

/// What a unit measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Prefix,
    Currency,
    Time,
    Physical,
    Percent,
    Count,
    Casualty,
    Head,
}

impl Kind {
    fn parse(name: &str) -> Option<Kind> {
        Some(match name {
            "prefix" => Kind::Prefix,
            "currency" => Kind::Currency,
            "time" => Kind::Time,
            "length" | "area" | "mass" | "volume" | "speed" | "yield" => Kind::Physical,
            "percent" => Kind::Percent,
            "count" => Kind::Count,
            "casualty" => Kind::Casualty,
            "head" => Kind::Head,
            _ => return None,
        })
    }
}

/// A unit as the tables know it.
#[derive(Debug, Clone, Copy)]
struct Unit {
    kind: Kind,
    /// The canonical unit name.
    unit: &'static str,
    /// For physical units, the dimension (`length`, `area` ...); else the kind's name.
    dim: &'static str,
    /// The form read is a plural ("troops", "men", "aircraft"), not a singular ("troop").
    plural: bool,
}

/// How a number word combines with its neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumKind {
    Unit,
    Tens,
    Hundred,
    Scale,
    Dozen,
    Abbrev,
    Money,
    Article,
    Half,
}

/// One example of a data file: a sentence with the measure in brackets and
/// what it must come out as.
#[derive(Debug, Clone)]
pub struct Example {
    /// The data file.
    pub file: &'static str,
    /// The line (1-based).
    pub line: usize,
    /// The sentence, with the measure's words (or the place of no measure) in `[brackets]`.
    pub text: &'static str,
    /// `key=value` pairs separated by `; ` (`amount`, `unit`, `approx`, `measure~`), or `none`.
    pub expected: &'static str,
}

/// Every table the tagger reads, built once.
struct Tables {
    units: HashMap<String, Unit>,
    unit_words: usize,
    heads: HashMap<String, &'static str>,
    head_words: usize,
    prefixes: Vec<(&'static str, &'static str)>,
    numbers: HashMap<&'static str, (f64, NumKind)>,
    before: HashSet<String>,
    after: HashSet<String>,
    linkers: HashSet<String>,
    rates: HashMap<String, &'static str>,
    phrase_words: usize,
    determiners: HashSet<&'static str>,
    stops: HashSet<&'static str>,
    notunits: HashSet<&'static str>,
    connectors: HashSet<&'static str>,
    signals: HashSet<&'static str>,
    ratebefore: HashSet<&'static str>,
    articlemods: HashSet<&'static str>,
    topicmods: HashSet<&'static str>,
    topics: HashSet<&'static str>,
    suffixes: HashSet<&'static str>,
    examples: Vec<Example>,
}

use crate::lexicon::rows;

fn bad(file: &'static str, line: usize, message: impl Into<String>) -> Error {
    Error::Data {
        file,
        line,
        message: message.into(),
    }
}

/// Checks an example field: one `[bracketed]` span, and an expected field that reads.
fn example(
    file: &'static str,
    line: usize,
    text: &'static str,
    expected: &'static str,
) -> Result<Example, Error> {
    let open = text.matches('[').count();
    let close = text.matches(']').count();
    if open != 1 || close != 1 || text.find('[') > text.find(']') {
        return Err(bad(file, line, "the example needs one [bracketed] span"));
    }
    if expected != "none" {
        for pair in expected.split("; ") {
            let ok = match pair.split_once(['=', '~']) {
                Some(("amount", v)) => v.parse::<f64>().is_ok(),
                Some(("unit" | "approx" | "measure" | "date", v)) => !v.is_empty(),
                _ => false,
            };
            if !ok {
                return Err(bad(file, line, format!("bad expectation `{pair}`")));
            }
        }
    }
    Ok(Example {
        file,
        line,
        text,
        expected,
    })
}

/// Lower-cases a form and puts one space between its words.
fn normalize(form: &str) -> String {
    form.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// How many tokens a form is (as the tokenizer splits it).
fn form_tokens(form: &str) -> usize {
    tokenize(form).len()
}

impl Tables {
    fn load() -> Result<Tables, Error> {
        let mut t = Tables {
            units: HashMap::new(),
            unit_words: 1,
            heads: HashMap::new(),
            head_words: 1,
            prefixes: Vec::new(),
            numbers: HashMap::new(),
            before: HashSet::new(),
            after: HashSet::new(),
            linkers: HashSet::new(),
            rates: HashMap::new(),
            phrase_words: 1,
            determiners: HashSet::new(),
            stops: HashSet::new(),
            notunits: HashSet::new(),
            connectors: HashSet::new(),
            signals: HashSet::new(),
            ratebefore: HashSet::new(),
            articlemods: HashSet::new(),
            topicmods: HashSet::new(),
            topics: HashSet::new(),
            suffixes: HashSet::new(),
            examples: Vec::new(),
        };
        for row in rows("units.tsv", UNITS, 5) {
            let (line, f) = row?;
            let kind = Kind::parse(f[0])
                .ok_or_else(|| bad("units.tsv", line, format!("unknown kind `{}`", f[0])))?;
            for form in f[2].split('|') {
                let unit = Unit {
                    kind,
                    unit: f[1],
                    dim: f[0],
                    plural: form == f[1]
                        || form
                            .split([' ', '-'])
                            .any(|w| w.ends_with('s') || w.ends_with("men")),
                };
                if form.is_empty() {
                    return Err(bad("units.tsv", line, "empty form"));
                }
                match kind {
                    Kind::Prefix => t.prefixes.push((form, f[1])),
                    Kind::Head => {
                        t.head_words = t.head_words.max(form_tokens(form));
                        t.heads.insert(normalize(form), f[1]);
                    }
                    _ => {
                        t.unit_words = t.unit_words.max(form_tokens(form));
                        let key = normalize(form);
                        if let Some(old) = t.units.get(&key) {
                            if old.unit != unit.unit {
                                return Err(bad(
                                    "units.tsv",
                                    line,
                                    format!("`{form}` is already the unit {}", old.unit),
                                ));
                            }
                        }
                        t.units.insert(key, unit);
                    }
                }
            }
            t.examples.push(example("units.tsv", line, f[3], f[4])?);
        }
        t.prefixes
            .sort_by_key(|(form, _)| std::cmp::Reverse(form.len()));
        for row in rows("numbers.tsv", NUMBERS, 5) {
            let (line, f) = row?;
            let value: f64 = f[1]
                .parse()
                .map_err(|_| bad("numbers.tsv", line, "the value is no number"))?;
            let kind = match f[2] {
                "unit" => NumKind::Unit,
                "tens" => NumKind::Tens,
                "hundred" => NumKind::Hundred,
                "scale" => NumKind::Scale,
                "dozen" => NumKind::Dozen,
                "abbrev" => NumKind::Abbrev,
                "money" => NumKind::Money,
                "article" => NumKind::Article,
                "half" => NumKind::Half,
                other => return Err(bad("numbers.tsv", line, format!("unknown kind `{other}`"))),
            };
            t.numbers.insert(f[0], (value, kind));
            t.examples.push(example("numbers.tsv", line, f[3], f[4])?);
        }
        for row in rows("measure_words.tsv", WORDS, 5) {
            let (line, f) = row?;
            let forms = f[1].split('|');
            for form in forms {
                let key = normalize(form);
                let multi = |t: &mut Tables, key: String| {
                    t.phrase_words = t.phrase_words.max(form_tokens(&key));
                    key
                };
                match f[0] {
                    "before" => {
                        let k = multi(&mut t, key);
                        t.before.insert(k);
                    }
                    "after" => {
                        let k = multi(&mut t, key);
                        t.after.insert(k);
                    }
                    "linker" => {
                        let k = multi(&mut t, key);
                        t.linkers.insert(k);
                    }
                    "rate" => {
                        let k = multi(&mut t, key);
                        t.rates.insert(k, f[2]);
                    }
                    "determiner" => {
                        t.determiners.insert(form);
                    }
                    "stop" => {
                        t.stops.insert(form);
                    }
                    "notunit" => {
                        t.notunits.insert(form);
                    }
                    "connector" => {
                        t.connectors.insert(form);
                    }
                    "signal" => {
                        t.signals.insert(form);
                    }
                    "ratebefore" => {
                        t.ratebefore.insert(form);
                    }
                    "articlemod" => {
                        t.articlemods.insert(form);
                    }
                    "topicmod" => {
                        t.topicmods.insert(form);
                    }
                    "topic" => {
                        t.topics.insert(form);
                    }
                    "suffix" => {
                        t.suffixes.insert(form);
                    }
                    other => {
                        return Err(bad(
                            "measure_words.tsv",
                            line,
                            format!("unknown kind `{other}`"),
                        ))
                    }
                }
            }
            t.examples
                .push(example("measure_words.tsv", line, f[3], f[4])?);
        }
        Ok(t)
    }
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| match Tables::load() {
    Ok(t) => t,
    Err(e) => panic!("the embedded measure tables are valid (the test suite checks them): {e}"),
});

/// Checks that the data files read; the tests call it.
pub fn check_data() -> Result<(), Error> {
    Tables::load().map(|_| ())
}

/// Every example of the data files, for the tests.
pub fn examples() -> Vec<Example> {
    TABLES.examples.clone()
}

// ---------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum T {
    Word,
    Num,
    Punct,
}

/// A token of a sentence: byte offsets into the sentence's text.
#[derive(Debug, Clone)]
struct Tok {
    start: usize,
    end: usize,
    t: T,
    /// No space between this token and the previous one.
    glued: bool,
    lower: String,
    /// For numbers: the digits as an integer and the count of decimals.
    mantissa: f64,
    decimals: i32,
}

impl Tok {
    fn is(&self, c: &str) -> bool {
        self.lower == c
    }
    fn is_dash(&self) -> bool {
        self.t == T::Punct && matches!(self.lower.as_str(), "-" | "–")
    }
    fn capitalized(&self, text: &str) -> bool {
        text.get(self.start..self.end)
            .and_then(|s| s.chars().next())
            .is_some_and(char::is_uppercase)
    }
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Splits a text into words, numbers (with `,` groups, a space group of
/// three digits, decimals) and single signs.
fn tokenize(text: &str) -> Vec<Tok> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let pos = |k: usize| chars.get(k).map_or(text.len(), |&(p, _)| p);
    let digit = |k: usize| at(k).is_some_and(|c| c.is_ascii_digit());
    let mut out: Vec<Tok> = Vec::new();
    let mut prev_end = usize::MAX;
    let mut i = 0;
    while i < n {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let glued = prev_end == start;
        let mut j = i + 1;
        let t;
        if c.is_ascii_digit() {
            while digit(j) {
                j += 1;
            }
            let first = j - i;
            let (mut commas, mut spaces, mut decimal) = (false, false, false);
            loop {
                let three = digit(j + 1) && digit(j + 2) && digit(j + 3) && !digit(j + 4);
                match at(j) {
                    Some(',') if three && !decimal && !spaces && (commas || first <= 3) => {
                        commas = true;
                        j += 4;
                    }
                    Some(s)
                        if is_space(s)
                            && three
                            && !decimal
                            && !commas
                            && (spaces || first <= 3)
                            && !at(j + 4).is_some_and(char::is_alphanumeric) =>
                    {
                        spaces = true;
                        j += 4;
                    }
                    Some('.') if digit(j + 1) && !decimal => {
                        decimal = true;
                        j += 1;
                        while digit(j) {
                            j += 1;
                        }
                    }
                    _ => break,
                }
            }
            t = T::Num;
        } else if c.is_alphabetic() {
            loop {
                match at(j) {
                    Some(d) if d.is_alphanumeric() => j += 1,
                    Some('\'' | '’') if at(j + 1).is_some_and(char::is_alphabetic) => j += 2,
                    // Abbreviations of single letters: "U.S.", "i.e.".
                    Some('.')
                        if at(j + 1).is_some_and(char::is_alphabetic)
                            && (j == i + 1 || at(j.wrapping_sub(2)) == Some('.')) =>
                    {
                        j += 2;
                    }
                    _ => break,
                }
            }
            t = T::Word;
        } else {
            t = T::Punct;
        }
        let end = pos(j);
        let slice = &text[start..end];
        let (mantissa, decimals) = if t == T::Num {
            let digits: String = slice.chars().filter(char::is_ascii_digit).collect();
            let decimals = slice
                .split_once('.')
                .map_or(0, |(_, d)| d.chars().filter(char::is_ascii_digit).count());
            (
                digits.parse::<f64>().unwrap_or(f64::INFINITY),
                i32::try_from(decimals).unwrap_or(i32::MAX),
            )
        } else {
            (0.0, 0)
        };
        out.push(Tok {
            start,
            end,
            t,
            glued,
            lower: slice.to_lowercase(),
            mantissa,
            decimals,
        });
        prev_end = end;
        i = j;
    }
    out
}

/// The words of tokens `a..b` as a lookup key: glued tokens joined without a
/// space, others with one, lower-case.
fn key(toks: &[Tok], a: usize, b: usize) -> String {
    let mut s = String::new();
    for (k, tok) in toks.iter().enumerate().take(b).skip(a) {
        if k > a && !tok.glued {
            s.push(' ');
        }
        s.push_str(&tok.lower);
    }
    s
}

// ---------------------------------------------------------------------------
// Numbers

/// A number read from tokens `first..=last`.
#[derive(Debug, Clone, Copy)]
struct Number {
    first: usize,
    last: usize,
    value: f64,
    /// Written in words ("two", "a dozen").
    spelled: bool,
    /// Only "a"/"an": one of something, if a duration follows.
    article: bool,
    /// The scale word applied (1 when none).
    scale: f64,
}

/// A sentence being tagged.
struct Ctx<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    /// Spans (sentence offsets) of dates, times and sets: numbers inside are no measures.
    dated: Vec<(usize, usize)>,
}

impl Ctx<'_> {
    fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }
    fn word(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .filter(|t| t.t != T::Num)
            .map_or("", |t| t.lower.as_str())
    }
    /// Whether token `i` opens the sentence (or a quotation, parenthesis or list item).
    fn initial(&self, i: usize) -> bool {
        i == 0
            || self.toks.get(i - 1).is_some_and(|p| {
                p.t == T::Punct
                    && matches!(
                        p.lower.as_str(),
                        "\"" | "“" | "‘" | "'" | "(" | "[" | ":" | "—" | "-" | "•" | "*"
                    )
            })
    }
    fn slice(&self, a: usize, b: usize) -> &str {
        match (self.toks.get(a), self.toks.get(b)) {
            (Some(x), Some(y)) if x.start <= y.end => self.text.get(x.start..y.end).unwrap_or(""),
            _ => "",
        }
    }
}

impl Tables {
    fn num_word(&self, tok: &Tok) -> Option<(f64, NumKind)> {
        if tok.t != T::Word {
            return None;
        }
        self.numbers.get(tok.lower.as_str()).copied()
    }

    /// Reads a number starting at token `i`.
    fn number_at(&self, cx: &Ctx, i: usize, money: bool) -> Option<Number> {
        let tok = cx.tok(i)?;
        match tok.t {
            T::Num => self.digits_at(cx, i, money),
            T::Word => self.words_at(cx, i),
            T::Punct => None,
        }
    }

    fn digits_at(&self, cx: &Ctx, i: usize, money: bool) -> Option<Number> {
        let toks = &cx.toks;
        let tok = &toks[i];
        if !tok.mantissa.is_finite() {
            return None;
        }
        // Designations and codes: "T-34", "B-29", "G7", "9/11", "3:30".
        if tok.glued && i > 0 {
            let prev = &toks[i - 1];
            if prev.t == T::Word {
                return None;
            }
            // "9/11", "3:30", and years cut short ("'99").
            if prev.t == T::Punct && matches!(prev.lower.as_str(), ":" | "/" | "." | "'" | "’") {
                return None;
            }
            if prev.is_dash() {
                let mut j = i - 1;
                loop {
                    if j == 0 || !toks[j].glued {
                        break;
                    }
                    let p = &toks[j - 1];
                    if p.t == T::Word {
                        return None;
                    }
                    if p.t == T::Num || p.is_dash() {
                        j -= 1;
                    } else {
                        break;
                    }
                }
            }
        }
        // Ordinals and decades.
        if let Some(next) = toks.get(i + 1) {
            if next.glued && next.t == T::Word && self.suffixes.contains(next.lower.as_str()) {
                return None;
            }
            // Letters glued to digits are a code ("11B", "23BN") unless a scale or a unit ("5bn", "5km").
            if next.glued
                && next.t == T::Word
                && self.num_word(next).is_none()
                && self.unit_at(cx, i + 1).is_none()
            {
                return None;
            }
            if next.glued
                && next.t == T::Punct
                && matches!(next.lower.as_str(), "'" | "’")
                && toks.get(i + 2).is_some_and(|s| s.glued && s.is("s"))
            {
                return None;
            }
        }
        let mut value = tok.mantissa;
        let mut scale = 1.0;
        let mut last = i;
        let mut k = i + 1;
        while let Some(next) = toks.get(k) {
            let Some((v, kind)) = self.num_word(next) else {
                break;
            };
            let ok = match kind {
                NumKind::Scale | NumKind::Hundred => !next.glued,
                NumKind::Abbrev => next.glued || money,
                NumKind::Money => money && next.glued,
                _ => false,
            };
            if !ok {
                break;
            }
            scale *= v;
            last = k;
            k += 1;
        }
        value = value * scale / 10f64.powi(tok.decimals);
        let mut number = Number {
            first: i,
            last,
            value,
            spelled: false,
            article: false,
            scale,
        };
        self.and_a_half(cx, &mut number);
        (number.value.is_finite()).then_some(number)
    }

    fn words_at(&self, cx: &Ctx, i: usize) -> Option<Number> {
        let toks = &cx.toks;
        let (v0, k0) = self.num_word(&toks[i])?;
        // A capitalized number word inside a sentence is part of a name.
        if toks[i].capitalized(cx.text) && !cx.initial(i) {
            return None;
        }
        let scale_at = |k: usize| {
            toks.get(k)
                .and_then(|t| self.num_word(t))
                .filter(|(_, kind)| {
                    matches!(kind, NumKind::Scale | NumKind::Hundred | NumKind::Dozen)
                })
        };
        match k0 {
            NumKind::Scale
            | NumKind::Hundred
            | NumKind::Dozen
            | NumKind::Abbrev
            | NumKind::Money => return None,
            NumKind::Half => {
                // "half a million"
                let art = toks.get(i + 1).and_then(|t| self.num_word(t));
                if let (Some((_, NumKind::Article)), Some((s, _))) = (art, scale_at(i + 2)) {
                    return Some(Number {
                        first: i,
                        last: i + 2,
                        value: v0 * s,
                        spelled: true,
                        article: false,
                        scale: s,
                    });
                }
                return None;
            }
            NumKind::Article => {
                // "a half million", "a dozen", "a hundred", "a million"
                if let Some((h, NumKind::Half)) = toks.get(i + 1).and_then(|t| self.num_word(t)) {
                    if let Some((s, _)) = scale_at(i + 2) {
                        return Some(Number {
                            first: i,
                            last: i + 2,
                            value: h * s,
                            spelled: true,
                            article: false,
                            scale: s,
                        });
                    }
                }
                if scale_at(i + 1).is_none() {
                    return Some(Number {
                        first: i,
                        last: i,
                        value: 1.0,
                        spelled: true,
                        article: true,
                        scale: 1.0,
                    });
                }
            }
            _ => {}
        }
        let (mut total, mut current) = (0.0f64, 0.0f64);
        let mut scale = 1.0;
        let mut last = i;
        let mut prev: Option<NumKind> = None;
        let mut k = i;
        while let Some((v, kind)) = toks.get(k).and_then(|t| self.num_word(t)) {
            let fits = match (prev, kind) {
                (None, NumKind::Unit | NumKind::Tens | NumKind::Article) => true,
                (Some(NumKind::Tens), NumKind::Unit) => current % 10.0 == 0.0,
                (Some(NumKind::Hundred | NumKind::Scale), NumKind::Unit | NumKind::Tens) => true,
                (
                    Some(NumKind::Unit | NumKind::Tens | NumKind::Article),
                    NumKind::Hundred | NumKind::Scale | NumKind::Dozen,
                ) => true,
                (Some(NumKind::Hundred), NumKind::Scale) => true,
                _ => false,
            };
            if !fits {
                break;
            }
            match kind {
                NumKind::Article => current = 1.0,
                NumKind::Unit | NumKind::Tens => current += v,
                NumKind::Hundred => current = current.max(1.0) * v,
                NumKind::Dozen => {
                    current = current.max(1.0) * v;
                    scale = v;
                }
                NumKind::Scale => {
                    total += current.max(1.0) * v;
                    current = 0.0;
                    scale = v;
                }
                _ => break,
            }
            last = k;
            prev = Some(kind);
            // The next number word: after a space, a hyphen, or "and" after a hundred.
            let next = k + 1;
            let joined = toks.get(next).is_some_and(|t| t.is_dash() && t.glued)
                && toks.get(next + 1).is_some_and(|t| t.glued)
                && toks
                    .get(next + 1)
                    .and_then(|t| self.num_word(t))
                    .is_some_and(|(_, nk)| {
                        matches!(
                            nk,
                            NumKind::Unit | NumKind::Tens | NumKind::Hundred | NumKind::Scale
                        )
                    });
            let and = toks.get(next).is_some_and(|t| t.is("and"))
                && matches!(kind, NumKind::Hundred | NumKind::Scale)
                && toks
                    .get(next + 1)
                    .and_then(|t| self.num_word(t))
                    .is_some_and(|(_, nk)| matches!(nk, NumKind::Unit | NumKind::Tens));
            if joined || and {
                k = next + 1;
            } else if toks.get(next).is_some_and(|t| !t.glued) {
                k = next;
            } else {
                break;
            }
        }
        prev?;
        let mut number = Number {
            first: i,
            last,
            value: total + current,
            spelled: true,
            article: false,
            scale,
        };
        self.and_a_half(cx, &mut number);
        Some(number)
    }

    /// "two and a half years", "two and half years", "two and a half million".
    fn and_a_half(&self, cx: &Ctx, n: &mut Number) {
        let k = n.last + 1;
        if !cx.tok(k).is_some_and(|t| t.is("and")) {
            return;
        }
        let mut h = k + 1;
        if cx
            .tok(h)
            .and_then(|t| self.num_word(t))
            .is_some_and(|(_, kind)| kind == NumKind::Article)
        {
            h += 1;
        }
        let Some((half, NumKind::Half)) = cx.tok(h).and_then(|t| self.num_word(t)) else {
            return;
        };
        n.value += half * n.scale;
        n.last = h;
        if let Some((s, NumKind::Scale)) = cx.tok(h + 1).and_then(|t| self.num_word(t)) {
            n.value *= s;
            n.scale *= s;
            n.last = h + 1;
        }
    }

    /// A currency sign or code right before byte `at` of the sentence (a space
    /// may come between): its start and unit.
    fn prefix_before(&self, text: &str, at: usize) -> Option<(usize, &'static str)> {
        let head = text.get(..at)?;
        for &(form, unit) in &self.prefixes {
            for h in [head, head.strip_suffix(' ').unwrap_or("\u{0}")] {
                if let Some(rest) = h.strip_suffix(form) {
                    let boundary = rest
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_alphanumeric());
                    // A space after a sign only for codes ("RMB 2 billion", "DM 3 billion").
                    let spaced = h.len() != head.len();
                    let code = form.chars().all(char::is_alphabetic) || form.ends_with('.');
                    if boundary && (!spaced || code) {
                        return Some((rest.len(), unit));
                    }
                }
            }
        }
        None
    }

    // -----------------------------------------------------------------------
    // Units

    /// The longest known unit starting at token `k`: the unit and its token count.
    fn unit_at(&self, cx: &Ctx, k: usize) -> Option<(Unit, usize)> {
        let toks = &cx.toks;
        for n in (1..=self.unit_words).rev() {
            if k + n > toks.len() {
                continue;
            }
            // A unit's words are glued or spaced words and signs, never numbers.
            if toks[k..k + n].iter().any(|t| t.t == T::Num) {
                continue;
            }
            if toks[k + 1..k + n]
                .iter()
                .any(|t| !t.glued && t.t == T::Punct)
            {
                continue;
            }
            // The unit must end at a word's end.
            if toks
                .get(k + n)
                .is_some_and(|t| t.glued && t.t == T::Word && toks[k + n - 1].t == T::Word)
            {
                continue;
            }
            let form = key(toks, k, k + n);
            // "the ten year's struggle", "a day's journey": a possessive unit.
            let bare = form
                .strip_suffix("'s")
                .or_else(|| form.strip_suffix("’s"))
                .unwrap_or(&form);
            if let Some(u) = self.units.get(bare) {
                return Some((*u, n));
            }
        }
        None
    }

    /// A word a plural noun could be: counted under its own name.
    fn open_plural(&self, lower: &str, capitalized: bool) -> bool {
        if self.stops.contains(lower) || self.notunits.contains(lower) {
            return false;
        }
        if lower.chars().count() < 3 || !lower.chars().all(|c| c.is_alphabetic() || c == '-') {
            return false;
        }
        if lower.ends_with("men") {
            return true;
        }
        if !lower.ends_with('s') {
            return false;
        }
        if lower.ends_with("ss") || lower.ends_with("us") {
            return false;
        }
        !lower.ends_with("is") || capitalized
    }

    /// A word with its hyphen-joined parts: `ex-officers`, `Soviet-held`, `F-105`.
    /// Returns the index of its last token.
    fn compound_end(cx: &Ctx, k: usize) -> usize {
        let toks = &cx.toks;
        let mut e = k;
        while toks.get(e + 1).is_some_and(|t| t.is_dash() && t.glued)
            && toks.get(e + 2).is_some_and(|t| t.glued && t.t != T::Punct)
        {
            e += 2;
        }
        // "U.S." keeps its last point.
        if toks.get(e + 1).is_some_and(|t| t.glued && t.is(".")) && toks[e].lower.contains('.') {
            e += 1;
        }
        e
    }

    /// "The 13 Rules of War": a capitalized noun followed by "of" and a
    /// capitalized word is a title, not a count.
    fn title_after(cx: &Ctx, e: usize) -> bool {
        cx.tok(e + 1).is_some_and(|t| t.is("of"))
            && cx.tok(e + 2).is_some_and(|t| t.capitalized(cx.text))
    }

    /// Whether a sentence has a digit, a number word other than an article,
    /// or a unit of time (for "a month"): the others need no tokens.
    fn may_hold_measures(&self, text: &str, buffer: &mut String) -> bool {
        if text.bytes().any(|b| b.is_ascii_digit()) {
            return true;
        }
        text.split(|c: char| !c.is_alphabetic()).any(|w| {
            if w.len() > 12 || w.len() < 3 {
                return false;
            }
            buffer.clear();
            buffer.extend(w.chars().flat_map(char::to_lowercase));
            let number = self
                .numbers
                .get(buffer.as_str())
                .is_some_and(|(_, k)| *k != NumKind::Article);
            number
                || self
                    .units
                    .get(buffer.as_str())
                    .is_some_and(|u| u.kind == Kind::Time)
        })
    }

    /// The unit after a number that ends at token `j - 1`.
    fn unit_after(&self, cx: &Ctx, num: &Number, j: usize) -> After {
        let toks = &cx.toks;
        // A hyphen compound: "five-year", "10,000-man", "15-mile", "4,000-strong".
        if toks.get(j).is_some_and(|t| t.is_dash() && t.glued)
            && toks.get(j + 1).is_some_and(|t| t.glued && t.t == T::Word)
        {
            if let Some((u, n)) = self.unit_at(cx, j + 1) {
                if matches!(
                    u.kind,
                    Kind::Time | Kind::Physical | Kind::Count | Kind::Currency | Kind::Percent
                ) && !(u.kind == Kind::Time && toks[j + 1].capitalized(cx.text))
                {
                    return After::Found(Found::new(u, j + n, j + 1, j + n));
                }
            }
            return After::Never;
        }
        let mut k = j;
        let mut best: Option<Found> = None;
        let mut words = 0;
        while k < toks.len() && words < 5 {
            let tok = &toks[k];
            let compound = tok.t == T::Word && Self::compound_end(cx, k) > k;
            let whole_known = compound
                && self
                    .unit_at(cx, k)
                    .is_some_and(|(_, n)| k + n > Self::compound_end(cx, k));
            if let Some((u, n)) = self.unit_at(cx, k).filter(|_| !compound || whole_known) {
                let cap = tok.capitalized(cx.text);
                match u.kind {
                    Kind::Time | Kind::Physical | Kind::Percent | Kind::Currency => {
                        if best.is_some() {
                            break;
                        }
                        if u.kind == Kind::Time && cap && !cx.initial(k) {
                            return After::Never;
                        }
                        return After::Found(Found::new(u, k + n - 1, j, k + n - 1));
                    }
                    Kind::Casualty => {
                        if best.is_none() && words == 0 {
                            return After::Found(Found::new(u, k + n - 1, j, k + n - 1));
                        }
                        break;
                    }
                    Kind::Count => {
                        // After a number above one a singular is a modifier
                        // ("13 regular army divisions"), never the counted noun.
                        if u.plural || num.value == 1.0 {
                            best = Some(Found::new(u, k + n - 1, j, k + n - 1));
                        } else if best.is_some() {
                            break;
                        }
                        k += n;
                        words += n;
                        continue;
                    }
                    Kind::Prefix | Kind::Head => {}
                }
            }
            if tok.t != T::Word
                || self.stops.contains(tok.lower.as_str())
                || self.notunits.contains(tok.lower.as_str())
                || self.num_word(tok).is_some()
            {
                break;
            }
            let e = Self::compound_end(cx, k);
            // The last part of a compound may be a known unit ("ex-officers").
            let last = &toks[e];
            let known = if e > k {
                self.unit_at(cx, e)
                    .filter(|(u, n)| *n == 1 && u.kind == Kind::Count && u.plural)
            } else {
                None
            };
            let whole = key(toks, k, e + 1);
            let cap = tok.capitalized(cx.text);
            if let Some((u, _)) = known {
                best = Some(Found::new(u, e, j, e));
            } else if !num.article
                && num.value != 1.0
                && last.t == T::Word
                && self.open_plural(&whole, cap)
                && !(cap && Self::title_after(cx, e))
            {
                let name = if cap {
                    cx.slice(k, e).to_string()
                } else {
                    whole.clone()
                };
                best = Some(Found {
                    unit: Unit {
                        kind: Kind::Count,
                        unit: "",
                        dim: "count",
                        plural: true,
                    },
                    name: Some(name),
                    end: e,
                    phrase: (j, e),
                    borrowed: false,
                });
            } else if best.is_some() {
                // A word after the counted noun ends the noun phrase.
                break;
            }
            k = e + 1;
            words += 1;
        }
        match best {
            Some(f) => After::Found(f),
            None => After::Nothing,
        }
    }

    /// "two of the Soviet-held island areas": the counted noun after "of".
    fn of_rule(&self, cx: &Ctx, num: &Number, j: usize) -> Option<Found> {
        let toks = &cx.toks;
        if !toks.get(j)?.is("of") || num.article || num.value == 1.0 {
            return None;
        }
        let mut k = j + 1;
        let t = toks.get(k)?;
        if self.determiners.contains(t.lower.as_str())
            || t.lower.ends_with("'s")
            || t.lower.ends_with("’s")
        {
            k += 1;
        } else {
            return None;
        }
        // "two of the four divisions"
        if toks
            .get(k)
            .is_some_and(|t| t.t == T::Num || self.num_word(t).is_some())
        {
            k += 1;
        }
        let fake = Number {
            value: 2.0,
            article: false,
            ..*num
        };
        match self.unit_after(cx, &fake, k) {
            After::Found(f) if matches!(f.unit.kind, Kind::Count) => {
                Some(Found { end: num.last, ..f })
            }
            _ => None,
        }
    }

    /// "an army of 100,000", "forces numbering 70,000": a collective noun before.
    fn head_before(&self, cx: &Ctx, q: usize) -> Option<Found> {
        let toks = &cx.toks;
        for ln in (1..=self.phrase_words.min(q)).rev() {
            if !self.linkers.contains(&key(toks, q - ln, q)) {
                continue;
            }
            let l = q - ln;
            for hn in (1..=self.head_words.min(l)).rev() {
                if let Some(unit) = self.heads.get(&key(toks, l - hn, l)) {
                    return Some(Found {
                        unit: Unit {
                            kind: Kind::Head,
                            unit,
                            dim: "count",
                            plural: true,
                        },
                        name: None,
                        end: q,
                        phrase: (l - hn, l - 1),
                        borrowed: false,
                    });
                }
            }
        }
        None
    }

    /// The longest phrase of `set` ending just before token `q`: its first token.
    fn phrase_before(&self, toks: &[Tok], q: usize, set: &HashSet<String>) -> Option<usize> {
        (1..=self.phrase_words.min(q))
            .rev()
            .find(|&n| set.contains(&key(toks, q - n, q)))
            .map(|n| q - n)
    }

    /// The longest phrase of `set` starting at token `k`: one past its last token.
    fn phrase_after(&self, toks: &[Tok], k: usize, set: &HashSet<String>) -> Option<usize> {
        (1..=self.phrase_words)
            .rev()
            .filter(|&n| k + n <= toks.len())
            .find(|&n| set.contains(&key(toks, k, k + n)))
            .map(|n| k + n)
    }

    fn rate_after(&self, toks: &[Tok], k: usize) -> Option<(usize, &'static str)> {
        (1..=self.phrase_words)
            .rev()
            .filter(|&n| k + n <= toks.len())
            .find_map(|n| self.rates.get(&key(toks, k, k + n)).map(|v| (k + n, *v)))
    }
}

/// What follows a number.
enum After {
    /// A unit.
    Found(Found),
    /// Nothing that makes a measure, but other rules may still apply.
    Nothing,
    /// A word that rules the number out ("two-front", "Seven Years").
    Never,
}

/// The unit a number takes, and where.
#[derive(Debug, Clone)]
struct Found {
    unit: Unit,
    /// For nouns counted under their own name: that name.
    name: Option<String>,
    /// The last token of the measure's span.
    end: usize,
    /// The tokens naming what is counted (for the description).
    phrase: (usize, usize),
    /// The unit comes from the next number of a range.
    borrowed: bool,
}

impl Found {
    fn new(unit: Unit, end: usize, a: usize, b: usize) -> Found {
        Found {
            unit,
            name: None,
            end,
            phrase: (a, b),
            borrowed: false,
        }
    }
    fn unit_name(&self) -> String {
        self.name
            .clone()
            .unwrap_or_else(|| self.unit.unit.to_string())
    }
}

/// A measure found in a sentence, in tokens.
#[derive(Debug, Clone)]
struct Cand {
    /// First token of the span (the currency sign, or the number).
    first: usize,
    /// Sentence offset of the span's start (a sign may be part of a token).
    start: usize,
    num: Number,
    found: Found,
    approx: Option<String>,
    /// First token of the qualifier (or of the span).
    q: usize,
}

impl Tables {
    /// The measure starting at token `i`, if any.
    fn candidate_at(&self, cx: &Ctx, i: usize, depth: u8, prev_end: Option<usize>) -> Option<Cand> {
        let toks = &cx.toks;
        let tok = toks.get(i)?;
        let prefix = if tok.t == T::Num {
            self.prefix_before(cx.text, tok.start)
        } else {
            None
        };
        let num = self.number_at(cx, i, prefix.is_some())?;
        // The span's first token and offset.
        let (first, start) = match prefix {
            Some((off, _)) => {
                let mut f = i;
                while f > 0 && toks[f - 1].end > off {
                    f -= 1;
                }
                (f, off)
            }
            None => (i, tok.start),
        };
        // Qualifier before.
        let q = self
            .phrase_before(toks, first, &self.before)
            .unwrap_or(first);
        let approx = (q < first).then(|| cx.slice(q, first - 1).to_lowercase());
        let j = num.last + 1;
        let in_date = cx
            .dated
            .iter()
            .any(|&(a, b)| a < toks[num.last].end && toks[num.first].start < b);
        let mut found = if let Some((_, unit)) = prefix {
            let mut f = Found::new(
                Unit {
                    kind: Kind::Prefix,
                    unit,
                    dim: "money",
                    plural: true,
                },
                num.last,
                j,
                num.last,
            );
            f.phrase = (j, num.last);
            Some(f)
        } else {
            match self.unit_after(cx, &num, j) {
                After::Found(f) => Some(f),
                After::Never => return None,
                After::Nothing => None,
            }
        };
        if found.is_none() {
            found = self.of_rule(cx, &num, j);
        }
        if found.is_none() {
            found = self.head_before(cx, q);
            if let Some(f) = &mut found {
                f.end = num.last;
            }
        }
        let mut num = num;
        // A range or a list: the unit (and scale) of the next number.
        let partner = self.partner(cx, &num, depth, prev_end);
        match (&mut found, &partner) {
            (None, Some(p)) => {
                let mut f = p.found.clone();
                f.end = num.last;
                f.borrowed = true;
                f.phrase = p.found.phrase;
                found = Some(f);
                if num.scale == 1.0 && p.num.scale > 1.0 && num.value < 1000.0 {
                    num.value *= p.num.scale;
                    num.scale = p.num.scale;
                }
            }
            (Some(f), Some(p))
                if f.unit.kind == Kind::Prefix
                    && num.scale == 1.0
                    && p.found.unit.unit == f.unit.unit
                    && p.num.scale > 1.0
                    && num.value < 1000.0 =>
            {
                num.value *= p.num.scale;
                num.scale = p.num.scale;
            }
            _ => {}
        }
        let found = found?;
        let kind = found.unit.kind;
        if in_date && kind != Kind::Time {
            return None;
        }
        // "one officer noted": a spelled "one" counts no people or things.
        if num.spelled && !num.article && num.value == 1.0 && kind == Kind::Count {
            return None;
        }
        let immediate = self.unit_at(cx, j).is_some() || toks.get(j).is_some_and(Tok::is_dash);
        if !num.spelled && prefix.is_none() && !found.borrowed {
            // "the 1777 campaigns": a year before a noun.
            let plain = toks[num.first].lower.chars().all(|c| c.is_ascii_digit());
            if plain
                && num.scale == 1.0
                && (1000.0..=2100.0).contains(&num.value)
                && found.name.is_some()
            {
                return None;
            }
            // "Resolution 83 recommending member-states", "Boeing 737 unloading
            // passengers": a number after a name, far from its noun.
            let named = q == first
                && first > 0
                && toks[first - 1].t == T::Word
                && toks[first - 1].capitalized(cx.text)
                && !self.stops.contains(toks[first - 1].lower.as_str());
            if named && (found.name.is_some() || !immediate) {
                return None;
            }
        }
        // "a"/"an" and "one day" count only as durations with a duration word around.
        let one_day = num.spelled && toks[num.first].is("one") && found.unit.unit == "days";
        if num.article || one_day {
            // A singular unit right after the article: "a few days", "a years" are no count.
            // "a single year": a modifier of the article's unit.
            let mut u0 = num.last + 1;
            if num.article && self.articlemods.contains(cx.word(u0)) {
                u0 += 1;
            }
            let right_after = self
                .unit_at(cx, u0)
                .is_some_and(|(u, _)| u.kind == Kind::Time && (!u.plural || !num.article));
            if kind != Kind::Time || !right_after {
                return None;
            }
            let before = q.checked_sub(1).map_or("", |b| cx.word(b));
            let after = cx.word(found.end + 1);
            let signalled =
                approx.is_some() || self.signals.contains(before) || self.signals.contains(after);
            if !signalled {
                return None;
            }
            if self.ratebefore.contains(before)
                || prev_end.is_some_and(|e| e + 1 == first)
                || (first > 0 && toks[first - 1].t == T::Num)
            {
                return None;
            }
        }
        // "the two countries": a spelled number after a determiner refers back.
        if num.spelled
            && kind != Kind::Time
            && first == q
            && first > 0
            && self.determiners.contains(cx.word(first - 1))
        {
            return None;
        }
        // Approximation written after.
        let approx = approx.or_else(|| {
            self.phrase_after(toks, found.end + 1, &self.after)
                .map(|e| cx.slice(found.end + 1, e - 1).to_lowercase())
        });
        Some(Cand {
            first,
            start,
            num,
            found,
            approx,
            q,
        })
    }

    /// The next number of a range or list ("60 to 70 percent", "100-250 km",
    /// "20 Peloponnesian and 30 Athenian ships"), when it has a unit.
    fn partner(&self, cx: &Ctx, num: &Number, depth: u8, prev_end: Option<usize>) -> Option<Cand> {
        if depth >= 2 {
            return None;
        }
        let toks = &cx.toks;
        let mut j = num.last + 1;
        if toks
            .get(j)
            .is_some_and(|t| t.t == T::Word && t.capitalized(cx.text) && self.num_word(t).is_none())
            && toks
                .get(j + 1)
                .is_some_and(|t| t.t == T::Word && self.connectors.contains(t.lower.as_str()))
        {
            j += 1;
        }
        let c = toks.get(j)?;
        if !self.connectors.contains(c.lower.as_str()) {
            return None;
        }
        if c.t == T::Punct && !(c.glued && toks.get(j + 1).is_some_and(|t| t.glued)) {
            return None;
        }
        let mut k = j + 1;
        if let Some(e) = self.phrase_after(toks, k, &self.before) {
            k = e;
        }
        // A currency sign of the partner ("US$") is glued to its digits.
        let mut i = k;
        while i < k + 3 && toks.get(i).is_some_and(|t| t.t != T::Num) {
            if !toks.get(i + 1).is_some_and(|t| t.glued) {
                return None;
            }
            i += 1;
        }
        let p = self.candidate_at(cx, i, depth + 1, prev_end)?;
        (p.first == k || p.q == k).then_some(p)
    }
}

// ---------------------------------------------------------------------------
// Descriptions

impl Tables {
    /// Words of tokens `a..=b` as written, the first letter lower-cased at a
    /// sentence start.
    fn words(&self, cx: &Ctx, a: usize, b: usize) -> String {
        let s = cx.slice(a, b).trim().to_string();
        let common = cx.toks.get(a).is_some_and(|t| {
            let w = t.lower.as_str();
            self.topics.contains(w) || self.stops.contains(w) || self.units.contains_key(w)
        });
        if common && (a == 0 || cx.initial(a)) {
            let mut chars = s.chars();
            if let (Some(c), Some(d)) = (chars.next(), chars.next()) {
                if c.is_uppercase() && d.is_lowercase() {
                    return c.to_lowercase().chain(s.chars().skip(1)).collect();
                }
            }
        }
        s
    }

    /// "of the Kuril chain", "from the Soviet Union": a prepositional phrase
    /// starting at token `k` (the preposition included), up to `max` words.
    fn pp(&self, cx: &Ctx, k: usize, preps: &[&str], max: usize) -> Option<(usize, usize)> {
        let toks = &cx.toks;
        let p = toks.get(k)?;
        if !preps.contains(&p.lower.as_str()) {
            return None;
        }
        let mut e = k;
        let mut n = 0;
        let mut i = k + 1;
        while let Some(t) = toks.get(i) {
            if n >= max {
                break;
            }
            let allowed = t.t == T::Word
                && (!self.stops.contains(t.lower.as_str())
                    || (n == 0 && self.determiners.contains(t.lower.as_str()))
                    || matches!(t.lower.as_str(), "a" | "an"));
            let glued_part =
                t.glued && t.t == T::Punct && matches!(t.lower.as_str(), "-" | "'" | "’" | ".");
            if !(allowed || glued_part) {
                break;
            }
            if t.t == T::Word
                && !t.capitalized(cx.text)
                && n > 0
                && !self.determiners.contains(t.lower.as_str())
                && !matches!(t.lower.as_str(), "a" | "an")
            {
                // Lower-case words after the first end a proper name ("from the
                // Soviet Union declined"); a possessive does not ("Japan's oil").
                let possessive = toks[e].lower.ends_with("'s") || toks[e].lower.ends_with("’s");
                let last_noun = toks
                    .get(i + 1)
                    .is_none_or(|x| x.t == T::Punct || self.stops.contains(x.lower.as_str()));
                if toks[e].capitalized(cx.text) && !possessive && !last_noun {
                    break;
                }
                // A participle after a noun is a verb ("Union declined").
                let after_det = self.determiners.contains(toks[e].lower.as_str());
                if !after_det && (t.lower.ends_with("ed") || t.lower.ends_with("ing")) {
                    break;
                }
            }
            e = i;
            if t.t == T::Word {
                n += 1;
            }
            i += 1;
        }
        // Do not end on an article or a dash.
        while e > k
            && (toks[e].t == T::Punct
                || self.determiners.contains(toks[e].lower.as_str())
                || matches!(toks[e].lower.as_str(), "a" | "an"))
        {
            e -= 1;
        }
        (e > k).then_some((k, e))
    }

    /// The topic of a money or share figure: "emergency aid" after it, else
    /// the nearest topic word before it with its modifiers and "from/to X".
    fn topic(&self, cx: &Ctx, c: &Cand) -> Option<String> {
        self.topic_after(cx, c).or_else(|| self.topic_before(cx, c))
    }

    /// "$700 million in emergency aid": the topic right after the figure.
    fn topic_after(&self, cx: &Ctx, c: &Cand) -> Option<String> {
        let toks = &cx.toks;
        let j = c.found.end + 1;
        if toks
            .get(j)
            .is_some_and(|t| matches!(t.lower.as_str(), "in" | "of" | "for"))
        {
            let mut k = j + 1;
            if toks
                .get(k)
                .is_some_and(|t| self.determiners.contains(t.lower.as_str()))
            {
                k += 1;
            }
            for (e, t) in toks.iter().enumerate().take(k + 3).skip(k) {
                if t.t != T::Word && !(t.is_dash() && t.glued) {
                    break;
                }
                if self.topics.contains(t.lower.as_str()) {
                    return Some(self.words(cx, k, e));
                }
                if self.stops.contains(t.lower.as_str()) {
                    break;
                }
            }
        }
        None
    }

    /// "Imports from the Soviet Union declined ... to US$1.5 billion": the
    /// nearest topic word before the figure, with its modifiers and "from/to X".
    fn topic_before(&self, cx: &Ctx, c: &Cand) -> Option<String> {
        let toks = &cx.toks;
        let t = (0..c.q)
            .rev()
            .find(|&t| toks[t].t == T::Word && self.topics.contains(toks[t].lower.as_str()))?;
        // Modifiers: up to two names or topic modifiers ("overall", "Japanese",
        // "Japan's"); hyphen compounds count as one ("Japan-Soviet").
        let mut a = t;
        let mut n = 0;
        while a > 0 && n < 2 {
            let p = &toks[a - 1];
            let part_of_compound = toks[a].glued && a >= 2 && toks[a - 2].is_dash();
            if p.t == T::Word
                && !self.stops.contains(p.lower.as_str())
                && self.num_word(p).is_none()
                && (self.topicmods.contains(p.lower.as_str())
                    || p.capitalized(cx.text)
                    || part_of_compound)
            {
                a -= 1;
                n += 1;
            } else if p.is_dash() && p.glued && toks[a].glued && a >= 2 && toks[a - 2].t == T::Word
            {
                a -= 2;
            } else {
                break;
            }
        }
        let mut b = t;
        if let Some((_, e)) = self.pp(cx, t + 1, &["from", "to", "with", "between"], 4) {
            if e < c.q {
                b = e;
            }
        }
        Some(self.words(cx, a, b))
    }

    /// A short description of what is measured, from the sentence's words.
    fn describe(&self, cx: &Ctx, c: &Cand) -> String {
        let toks = &cx.toks;
        let f = &c.found;
        let mut out = match f.unit.kind {
            Kind::Prefix | Kind::Currency => self.topic(cx, c).unwrap_or_default(),
            Kind::Percent => self
                .topic_before(cx, c)
                .or_else(|| {
                    self.pp(cx, f.end + 1, &["of"], 4)
                        .map(|(a, b)| self.words(cx, a + 1, b))
                })
                .or_else(|| self.topic_after(cx, c))
                .unwrap_or_default(),
            Kind::Count | Kind::Casualty | Kind::Head => {
                let (a, b) = f.phrase;
                let mut s = if a <= b && b < toks.len() {
                    self.words(cx, a, b)
                } else {
                    String::new()
                };
                if !f.borrowed {
                    let mut k = b + 1;
                    if f.unit.kind != Kind::Head {
                        if let Some((u, n)) = self.unit_at(cx, k) {
                            if u.kind == Kind::Casualty {
                                s.push(' ');
                                s.push_str(cx.slice(k, k + n - 1));
                                k += n;
                            }
                        }
                    }
                    if let Some((x, y)) = self.pp(cx, k, &["of", "from", "in"], 4) {
                        if toks[x].is("of") {
                            s.push(' ');
                            s.push_str(cx.slice(x, y));
                        }
                    }
                }
                s
            }
            Kind::Time => {
                let k = f.end + 1;
                let hyphen = c.num.last + 1 < f.end
                    && toks
                        .get(c.num.last + 1)
                        .is_some_and(|t| t.is_dash() && t.glued);
                let before = c.q.checked_sub(1).map_or("", |b| cx.word(b));
                let mut s = String::new();
                if matches!(before, "next" | "following" | "past" | "last" | "first") {
                    s.push_str(before);
                }
                if hyphen {
                    // "five-year trade agreement", "a six-year lapse"
                    let mut e = k;
                    while toks.get(e).is_some_and(|t| {
                        t.t == T::Word
                            && !self.stops.contains(t.lower.as_str())
                            && self.unit_at(cx, e).is_none()
                    }) && e < k + 3
                    {
                        e += 1;
                    }
                    if e > k {
                        if !s.is_empty() {
                            s.push(' ');
                        }
                        s.push_str(cx.slice(k, e - 1));
                    }
                }
                if s.is_empty() || !hyphen {
                    // "after the border war", "later", "before Nixon's visit to China"
                    let first = cx.word(k);
                    if matches!(first, "later" | "earlier" | "ago") {
                        if !s.is_empty() {
                            s.push(' ');
                        }
                        s.push_str(first);
                    } else if matches!(first, "after" | "before" | "of" | "since" | "until") {
                        let mut e = k;
                        while toks.get(e + 1).is_some_and(|t| {
                            t.t == T::Word || (t.glued && t.t == T::Punct && t.lower != ",")
                        }) && e < k + 5
                        {
                            e += 1;
                        }
                        while e > k && toks[e].t == T::Punct {
                            e -= 1;
                        }
                        if !s.is_empty() {
                            s.push(' ');
                        }
                        s.push_str(cx.slice(k, e));
                    }
                }
                s
            }
            Kind::Physical => {
                let mut s = String::new();
                let mut e = f.end + 1;
                while toks
                    .get(e)
                    .is_some_and(|t| t.t == T::Word && !self.stops.contains(t.lower.as_str()))
                    && e < f.end + 3
                {
                    e += 1;
                }
                if e > f.end + 1 {
                    s.push_str(cx.slice(f.end + 1, e - 1));
                } else if let Some((a, b)) = self.pp(cx, f.end + 1, &["of"], 4) {
                    s.push_str(&self.words(cx, a + 1, b));
                }
                s
            }
        };
        if let Some((_, rate)) = self.rate_after(toks, f.end + 1) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(rate);
        }
        out.trim().to_string()
    }
}

// ---------------------------------------------------------------------------
// Dates

/// A date for measures: a timex, with the end of its range.
#[derive(Debug, Clone)]
struct Dated<'a> {
    root: &'a Timex,
    end: Option<&'a Timex>,
}

impl Dated<'_> {
    fn date(&self) -> EventDate {
        EventDate {
            value: self.root.value.clone(),
            end: self.end.map(|e| e.value.clone()),
            modifier: self.root.modifier.map(|m| m.as_str().to_string()),
        }
    }
    fn span(&self) -> (usize, usize) {
        let end = self
            .end
            .map_or(self.root.span.end, |e| e.span.end.max(self.root.span.end));
        (self.root.span.start, end)
    }
}

/// Whether byte `b` of a sentence ends a clause: `;`, `:`, dashes, brackets,
/// or a comma before a space (not the comma of "70,000").
fn clause_break(text: &str, b: usize) -> bool {
    let Some(c) = text.get(b..).and_then(|s| s.chars().next()) else {
        return false;
    };
    let next = text.get(b + c.len_utf8()..).and_then(|s| s.chars().next());
    let prev = text.get(..b).and_then(|s| s.chars().next_back());
    match c {
        ';' | ':' | '—' | '(' | ')' => true,
        ',' => next.is_none_or(char::is_whitespace),
        '–' => prev.is_some_and(char::is_whitespace),
        _ => false,
    }
}

/// The clause around sentence offsets `a..b`.
fn clause(text: &str, a: usize, b: usize) -> (usize, usize) {
    let start = text
        .char_indices()
        .rev()
        .find(|&(i, _)| i < a && clause_break(text, i))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text
        .char_indices()
        .find(|&(i, _)| i >= b && clause_break(text, i))
        .map_or(text.len(), |(i, _)| i);
    (start, end)
}

/// The year of a TIMEX3 value (`1972`, `1972-01`), when it has one.
fn year_of(value: &str) -> Option<i32> {
    let y = value.get(..4)?;
    if y.chars().all(|c| c.is_ascii_digit()) {
        y.parse().ok()
    } else {
        None
    }
}

/// "the next three years" after `anchor`: the interval it covers.
fn span_from(anchor: &EventDate, n: f64, unit: &str, forward: bool) -> Option<EventDate> {
    if n.fract() != 0.0 || !(1.0..=1000.0).contains(&n) {
        return None;
    }
    // `n` is a whole number from 1 to 1000.
    let n = n as i32;
    let year = year_of(&anchor.value)?;
    match unit {
        "years" => {
            let (a, b) = if forward {
                (year, year + n - 1)
            } else {
                (year - n + 1, year)
            };
            Some(EventDate {
                value: format!("{a:04}"),
                end: Some(format!("{b:04}")),
                modifier: None,
            })
        }
        "months" => {
            let month: i32 = anchor.value.get(5..7)?.parse().ok()?;
            let index = year * 12 + month - 1;
            let (a, b) = if forward {
                (index, index + n - 1)
            } else {
                (index - n + 1, index)
            };
            let show = |i: i32| format!("{:04}-{:02}", i.div_euclid(12), i.rem_euclid(12) + 1);
            Some(EventDate {
                value: show(a),
                end: Some(show(b)),
                modifier: None,
            })
        }
        _ => None,
    }
}

/// The parts of a period for "from X to Y": X at its start, Y at its end.
fn period_parts(date: &EventDate) -> Option<(EventDate, EventDate)> {
    if let Some(end) = &date.end {
        let a = EventDate {
            value: date.value.clone(),
            end: None,
            modifier: None,
        };
        let b = EventDate {
            value: end.clone(),
            end: None,
            modifier: None,
        };
        return Some((a, b));
    }
    let (ma, mb) = match date.modifier.as_deref() {
        None => ("START", "END"),
        Some("START") => ("START", "MID"),
        Some("MID") => ("MID", "MID"),
        Some("END") => ("MID", "END"),
        _ => return None,
    };
    let part = |m: &str| EventDate {
        value: date.value.clone(),
        end: None,
        modifier: Some(m.to_string()),
    };
    Some((part(ma), part(mb)))
}

// ---------------------------------------------------------------------------
// The tagger

/// Finds every explicit quantity of a document, with its amount in base
/// units, its unit, qualifier, description and date.
///
/// ```
/// # annals_events::measures::check_data()?;
/// let text = "By 1979 overall trade had reached US$4.4 billion annually.";
/// let doc = annals_text::read_bytes("t", text.as_bytes(), annals_text::Format::Plain)?;
/// let sentences = annals_text::segment(&doc);
/// let timexes = annals_time::tag_document(&doc, &sentences, &Default::default());
/// let m = annals_events::measures::tag_measures(&doc, &sentences, &timexes);
/// assert_eq!((m[0].text.as_str(), m[0].amount, m[0].unit.as_str()), ("US$4.4 billion", 4.4e9, "USD"));
/// assert_eq!(m[0].date.as_ref().map(|d| d.value.as_str()), Some("1979"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn tag_measures(doc: &Document, sentences: &[Sentence], timexes: &[Timex]) -> Vec<Measure> {
    let tables = &*TABLES;
    let by_id: HashMap<&str, &Timex> = timexes.iter().map(|t| (t.id.as_str(), t)).collect();
    let ends: HashMap<&str, &Timex> = timexes
        .iter()
        .filter_map(|t| t.range_start.as_deref().map(|s| (s, t)))
        .collect();
    let root = |t: &'_ Timex| -> Option<Timex> {
        match t.range_start.as_deref() {
            Some(s) => by_id.get(s).map(|r| (*r).clone()),
            None => Some(t.clone()),
        }
    };
    let mut out: Vec<Measure> = Vec::new();
    let mut buffer = String::new();
    let mut narrative: Option<EventDate> = None;
    let mut t = 0;
    for s in sentences {
        let text = doc.span_text(s.span);
        let base = s.span.start;
        // The sentence's timexes.
        let mut mine: Vec<&Timex> = Vec::new();
        while t < timexes.len() && timexes[t].span.start < s.span.end {
            if timexes[t].span.start >= base {
                mine.push(&timexes[t]);
            }
            t += 1;
        }
        let calendar = |x: &&&Timex| {
            matches!(x.kind, TimexType::Date | TimexType::Time) && x.earliest.is_some()
        };
        let mut dates: Vec<Dated> = Vec::new();
        for x in mine.iter().filter(calendar) {
            let r: &Timex = match x.range_start.as_deref().and_then(|id| by_id.get(id)) {
                Some(r) => r,
                None => x,
            };
            if dates.iter().any(|d| d.root.id == r.id) {
                continue;
            }
            dates.push(Dated {
                root: r,
                end: ends.get(r.id.as_str()).copied(),
            });
        }
        if tables.may_hold_measures(text, &mut buffer) {
            let cx = Ctx {
                text,
                toks: tokenize(text),
                dated: mine
                    .iter()
                    .filter(|x| x.kind != TimexType::Duration)
                    .map(|x| {
                        (
                            x.span.start.saturating_sub(base),
                            x.span.end.saturating_sub(base),
                        )
                    })
                    .collect(),
            };
            let found = find(tables, &cx);
            let mut dated_found: Vec<(Measure, Option<String>)> = Vec::new();
            for c in &found {
                let a = c.start;
                let b = cx.toks.get(c.found.end).map_or(a, |t| t.end);
                let Some(span_text) = text.get(a..b) else {
                    continue;
                };
                let (ca, cb) = clause(text, a, b);
                let in_clause = dates
                    .iter()
                    .filter(|d| {
                        let (x, y) = d.span();
                        x.saturating_sub(base) < cb && ca < y.saturating_sub(base)
                    })
                    .min_by_key(|d| {
                        let (x, y) = d.span();
                        let (x, y) = (x.saturating_sub(base), y.saturating_sub(base));
                        if y <= a {
                            a - y
                        } else {
                            x.saturating_sub(b)
                        }
                    });
                let preceding = dates
                    .iter()
                    .filter(|d| d.span().1.saturating_sub(base) <= a)
                    .max_by_key(|d| d.span().1);
                let following = dates
                    .iter()
                    .filter(|d| d.span().0.saturating_sub(base) >= b)
                    .min_by_key(|d| d.span().0);
                let chosen = in_clause.or(preceding).or(following);
                let mut date = chosen.map(Dated::date).or_else(|| narrative.clone());
                let source = chosen.map(|d| d.root.id.clone());
                // "the next three years": the interval from the clause's date or the narrative.
                if c.found.unit.kind == Kind::Time {
                    let before = c.q.checked_sub(1).map_or("", |k| cx.word(k));
                    let forward = matches!(before, "next" | "following");
                    let backward = matches!(before, "past" | "last" | "previous");
                    if forward || backward {
                        let anchor = in_clause
                            .filter(|d| d.span().1.saturating_sub(base) <= a)
                            .map(Dated::date)
                            .or_else(|| narrative.clone());
                        if let Some(iv) = anchor
                            .and_then(|an| span_from(&an, c.num.value, c.found.unit.unit, forward))
                        {
                            date = Some(iv);
                        }
                    }
                }
                dated_found.push((
                    Measure {
                        id: String::new(),
                        start: base + a,
                        end: base + b,
                        text: span_text.to_string(),
                        amount: c.num.value,
                        unit: c.found.unit_name(),
                        measure: tables.describe(&cx, c),
                        date,
                        approx: c.approx.clone(),
                        sentence_start: s.span.start,
                        sentence_end: s.span.end,
                    },
                    source,
                ));
            }
            // "from X to Y" over one period: X at its start, Y at its end.
            for k in 1..found.len() {
                let (x, y) = (&found[k - 1], &found[k]);
                let from = x.q.checked_sub(1).map_or("", |p| cx.word(p)) == "from";
                let to = y.q.checked_sub(1).map_or("", |p| cx.word(p)) == "to";
                let same = dated_found[k - 1].1.is_some()
                    && dated_found[k - 1].1 == dated_found[k].1
                    && dated_found[k - 1].0.unit == dated_found[k].0.unit;
                if from && to && same {
                    if let Some((da, db)) = dated_found[k].0.date.as_ref().and_then(period_parts) {
                        dated_found[k - 1].0.date = Some(da);
                        dated_found[k].0.date = Some(db);
                    }
                }
            }
            out.extend(dated_found.into_iter().map(|(m, _)| m));
        }
        // The narrative's latest date, for the next sentences.
        if let Some(last) = mine.iter().rfind(calendar) {
            if let Some(r) = root(last) {
                narrative = Some(EventDate {
                    value: r.value.clone(),
                    end: None,
                    modifier: r.modifier.map(|m| m.as_str().to_string()),
                });
            }
        }
    }
    for (i, m) in out.iter_mut().enumerate() {
        m.id = format!("Q{}", i + 1);
    }
    out
}

/// The measures of one sentence, in order, without overlaps and without
/// conversions in brackets.
fn find(tables: &Tables, cx: &Ctx) -> Vec<Cand> {
    let mut found: Vec<Cand> = Vec::new();
    let mut i = 0;
    let mut prev_end: Option<usize> = None;
    // A bracket of conversions after a physical measure: (dimension, closing token).
    let mut conversion: Option<(&'static str, usize)> = None;
    while i < cx.toks.len() {
        let Some(c) = tables.candidate_at(cx, i, 0, prev_end) else {
            i += 1;
            continue;
        };
        let end = c.found.end.max(c.num.last);
        if let Some((dim, close)) = conversion {
            if c.first < close && c.found.unit.kind == Kind::Physical && c.found.unit.dim == dim {
                i = end + 1;
                continue;
            }
        }
        if c.found.unit.kind == Kind::Physical && cx.toks.get(end + 1).is_some_and(|t| t.is("(")) {
            let close = (end + 1..cx.toks.len())
                .find(|&k| cx.toks[k].is(")"))
                .unwrap_or(cx.toks.len());
            conversion = Some((c.found.unit.dim, close));
        }
        // A rate after the measure ("a year") is no measure of its own.
        let mut next = end + 1;
        if let Some((e, _)) = tables.rate_after(&cx.toks, next) {
            next = e;
        }
        let mut c = c;
        if let Some(p) = found.last() {
            let between = p.approx.as_deref() == Some("between")
                && c.first == p.found.end + 2
                && cx.word(p.found.end + 1) == "and";
            if between && c.approx.is_none() {
                c.approx = Some("between".to_string());
            }
        }
        prev_end = Some(end);
        found.push(c);
        i = next;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_digit_groups_and_signs() {
        let toks = tokenize("US$4.4 billion, 70,000 troops and 117 000 lives in 1941, 300");
        let words: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
        assert_eq!(
            words,
            [
                "us", "$", "4.4", "billion", ",", "70,000", "troops", "and", "117 000", "lives",
                "in", "1941", ",", "300"
            ]
        );
        assert_eq!(toks[2].mantissa, 44.0);
        assert_eq!(toks[2].decimals, 1);
        assert!(toks[1].glued && toks[2].glued && !toks[3].glued);
    }

    #[test]
    fn clauses_end_at_commas_before_spaces_only() {
        let text = "In 1941, two years after 70,000 men, they signed.";
        let a = text.find("two").unwrap_or(0);
        let (s, e) = clause(text, a, a + 9);
        assert_eq!(&text[s..e], " two years after 70,000 men");
    }

    #[test]
    fn intervals_from_an_anchor() {
        let anchor = EventDate {
            value: "1972-01".into(),
            end: None,
            modifier: None,
        };
        let d = span_from(&anchor, 3.0, "years", true);
        assert_eq!(
            d.map(|d| (d.value, d.end)),
            Some(("1972".into(), Some("1974".into())))
        );
        let d = span_from(&anchor, 2.0, "months", false);
        assert_eq!(
            d.map(|d| (d.value, d.end)),
            Some(("1971-12".into(), Some("1972-01".into())))
        );
    }
}
