//! The grammar: classes, the lexicon and the rules, read from the data files.
//!
//! `data/lexicon.txt` gives words their classes and values; `data/rules.txt`
//! gives patterns over classes and what each match makes. Both are embedded
//! at build time and parsed once. A rule's pattern is a sequence of elements,
//! each a set of classes with an optional capture name; matching is a small
//! backtracking search over the tokens of one sentence, so rules can be
//! written as they read ("m:MONTH d:DAY ","? y:YEAR").

use crate::token::Token;
use crate::Error;
use annals_core::{TimexMod, TimexType};
use std::collections::HashMap;

/// Index of a class.
pub type ClassId = u16;

const WORDS: usize = 6;

/// A set of classes (a bit set).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClassSet([u64; WORDS]);

impl ClassSet {
    /// Adds a class.
    pub fn insert(&mut self, id: ClassId) {
        self.0[usize::from(id) / 64] |= 1 << (id % 64);
    }

    /// Whether the class is in the set.
    pub fn contains(&self, id: ClassId) -> bool {
        self.0[usize::from(id) / 64] & (1 << (id % 64)) != 0
    }

    /// Whether the sets share a class.
    pub fn intersects(&self, other: &ClassSet) -> bool {
        self.0.iter().zip(other.0.iter()).any(|(a, b)| a & b != 0)
    }

    fn union(&mut self, other: &ClassSet) {
        for (a, b) in self.0.iter_mut().zip(other.0.iter()) {
            *a |= b;
        }
    }

    fn first(&self) -> Option<ClassId> {
        (0..(WORDS * 64) as ClassId).find(|&i| self.contains(i))
    }
}

/// Classes computed from a token's shape rather than looked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Starts with a capital letter.
    Capitalised,
    /// Any number ("70,000", "4.4", "12").
    Number,
    /// A number without separators or decimals.
    Integer,
    /// Four digits from 1000 to 2099.
    Year,
    /// Three digits from 100 to 999 (years of antiquity).
    Year3,
    /// One to four digits, 1 or more (years with an era: "44 BC").
    YearLike,
    /// One or two digits from 1 to 31, or an ordinal to 31st.
    Day,
    /// One or two digits (the end of "1904–05").
    TwoDigits,
    /// "1920s", "1920's".
    Decade,
    /// "1800s": a century written as a plural year.
    Centuries,
    /// "20s", "'20s".
    ShortDecade,
    /// "19th", "2nd".
    Ordinal,
    /// An ordinal from 1st to 31st.
    DayOrdinal,
    /// A lower-case word in -s that is not a known verb: a counted noun
    /// after a number ("1400 victims").
    Plural,
    /// "10:30".
    Clock,
    /// "'45".
    ShortYear,
}

const SHAPES: [(Shape, &str); 16] = [
    (Shape::Capitalised, "CAP"),
    (Shape::Number, "NUMBER"),
    (Shape::Integer, "INT"),
    (Shape::Year, "YEAR"),
    (Shape::Year3, "YEAR3"),
    (Shape::YearLike, "YEARLIKE"),
    (Shape::Day, "DAY"),
    (Shape::TwoDigits, "DIGITS2"),
    (Shape::Decade, "DECADE"),
    (Shape::Centuries, "CENTURIES"),
    (Shape::ShortDecade, "SHORTDECADE"),
    (Shape::Ordinal, "ORDINAL"),
    (Shape::DayOrdinal, "DAYORD"),
    (Shape::Plural, "PLURAL"),
    (Shape::Clock, "CLOCK"),
    (Shape::ShortYear, "SHORTYEAR"),
];

/// Lexicon classes whose values are numbers (the token's `number`).
const NUMERIC: [&str; 2] = ["NUMWORD", "ORDWORD"];

/// What a capture names in a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Capture {
    /// A year.
    Year,
    /// The truncated end of a range ("05" in "1904–05").
    ShortYear,
    /// A month.
    Month,
    /// A day of the month.
    Day,
    /// A decade ("1920s", "twenties").
    Decade,
    /// A century (ordinal or "1800s").
    Century,
    /// A part-of-period word (START, MID, END) or a half/quarter.
    Part,
    /// An approximator or other modifier word.
    Mod,
    /// A count (for durations and offsets).
    Count,
    /// A second count added to the first ("and a half").
    Fraction,
    /// A duration unit.
    Unit,
    /// A season.
    Season,
    /// An era marker (BC, AD).
    Era,
    /// A shift: next (+1), previous (-1), this (0).
    Shift,
    /// A direction after a duration: later (+), earlier (-), ago.
    Direction,
    /// A day of the week.
    Weekday,
    /// A part of the day.
    DayPart,
    /// A clock time.
    Clock,
    /// a.m. or p.m.
    Meridiem,
    /// A fixed day of the year (holidays).
    Holiday,
}

impl Capture {
    fn parse(name: &str) -> Option<Capture> {
        Some(match name {
            "y" => Capture::Year,
            "yt" => Capture::ShortYear,
            "m" => Capture::Month,
            "d" => Capture::Day,
            "dec" => Capture::Decade,
            "cent" => Capture::Century,
            "part" => Capture::Part,
            "mod" => Capture::Mod,
            "n" => Capture::Count,
            "frac" => Capture::Fraction,
            "u" => Capture::Unit,
            "season" => Capture::Season,
            "era" => Capture::Era,
            "shift" => Capture::Shift,
            "dir" => Capture::Direction,
            "wd" => Capture::Weekday,
            "tod" => Capture::DayPart,
            "clock" => Capture::Clock,
            "ampm" => Capture::Meridiem,
            "hol" => Capture::Holiday,
            _ => return None,
        })
    }
}

/// One element of a pattern.
#[derive(Debug, Clone)]
pub struct Element {
    /// Classes a token must have one of.
    pub set: ClassSet,
    /// May be skipped.
    pub optional: bool,
    /// Must follow the previous token with no white space.
    pub adjacent: bool,
    /// What the matched token is captured as.
    pub capture: Option<Capture>,
}

/// What a rule makes of a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MakeKind {
    /// A calendar date (resolved from the narrative when it lacks a year).
    Date,
    /// A date with a time of day.
    Time,
    /// A duration.
    Duration,
    /// A set (recurring time), value given.
    Set,
    /// A fixed reference value: PRESENT_REF, PAST_REF, FUTURE_REF.
    Ref,
    /// A duration moved from the narrative's reference time ("two years later").
    Offset,
    /// A unit moved from the narrative's reference time ("the next day", "that year").
    Relative,
    /// A unit moved from the document creation time ("yesterday", "last week").
    Deictic,
    /// Claims the words without making a timex ("70,000 troops").
    Nothing,
}

/// The production of a rule.
#[derive(Debug, Clone)]
pub struct Make {
    /// What is made.
    pub kind: MakeKind,
    /// A fixed value (`PRESENT_REF`, `P1Y`, a shift for relative rules).
    pub value: Option<&'static str>,
    /// A modifier set by the rule itself.
    pub modifier: Option<TimexMod>,
    /// A type set by the rule itself.
    pub timex_type: Option<TimexType>,
    /// The result carries the narrative's reference timex as its anchor.
    pub anchored: bool,
}

/// The annotation scheme a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// TimeML TIMEX3 (the default).
    Timex3,
    /// TIDES/ACE TIMEX2 conventions, as in WikiWars.
    Timex2,
}

/// One example of a rule or of the examples file.
#[derive(Debug, Clone)]
pub struct Example {
    /// Line in its data file.
    pub line: usize,
    /// The example text with `[` `]` around each expected extent.
    pub text: &'static str,
    /// The expected timexes, in order (empty: none must be found).
    pub expected: Vec<&'static str>,
}

/// A rule: a pattern and what it makes.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The rule's name.
    pub name: &'static str,
    /// Line of the rule in `rules.txt`.
    pub line: usize,
    /// The pattern.
    pub elements: Vec<Element>,
    /// Elements `extent.0 .. extent.1` are the expression; the others are context.
    pub extent: (usize, usize),
    /// The production.
    pub make: Make,
    /// Not when the token right before the extent has one of these classes.
    pub unless_after: ClassSet,
    /// Not when the token right after the extent has one of these classes.
    pub unless_before: ClassSet,
    /// Only under this scheme (both when `None`).
    pub scheme: Option<Scheme>,
    /// Examples that run as tests.
    pub examples: Vec<Example>,
    /// Classes the first token of a match may have.
    first: ClassSet,
}

/// A lexicon entry.
#[derive(Debug, Clone, Copy)]
struct Entry {
    class: ClassId,
    value: &'static str,
    capitalised_only: bool,
}

/// Classes, lexicon and rules.
#[derive(Debug)]
pub struct Grammar {
    names: Vec<String>,
    ids: HashMap<String, ClassId>,
    lexicon: HashMap<String, Vec<Entry>>,
    literals: HashMap<String, ClassId>,
    shapes: Vec<ClassId>,
    numeric: ClassSet,
    /// The rules in file order (earlier wins a tie).
    pub rules: Vec<Rule>,
    /// Rules that may start at a token with a class: index by class.
    by_first: Vec<Vec<usize>>,
}

/// A match of a rule in a sentence's tokens.
#[derive(Debug, Clone)]
pub struct Match {
    /// The rule's index.
    pub rule: usize,
    /// First token of the extent.
    pub start: usize,
    /// One past the last token of the extent.
    pub end: usize,
    /// Tokens the whole match covers, context included.
    pub span_tokens: usize,
    /// Captured tokens: (capture, token index).
    pub captures: Vec<(Capture, usize)>,
}

fn strip_comment(line: &str) -> &str {
    line.split(" #").next().unwrap_or("").trim()
}

impl Grammar {
    /// Reads the grammar from lexicon and rules text.
    pub fn parse(lexicon: &'static str, rules: &'static str) -> Result<Grammar, Error> {
        let mut g = Grammar {
            names: Vec::new(),
            ids: HashMap::new(),
            lexicon: HashMap::new(),
            literals: HashMap::new(),
            shapes: Vec::new(),
            numeric: ClassSet::default(),
            rules: Vec::new(),
            by_first: Vec::new(),
        };
        for (_, name) in SHAPES {
            let id = g.intern(name)?;
            g.shapes.push(id);
        }
        g.parse_lexicon(lexicon)?;
        for name in NUMERIC {
            let id = g.intern(name)?;
            g.numeric.insert(id);
        }
        g.parse_rules(rules)?;
        g.index();
        Ok(g)
    }

    fn intern(&mut self, name: &str) -> Result<ClassId, Error> {
        if let Some(&id) = self.ids.get(name) {
            return Ok(id);
        }
        let id = self.names.len();
        if id >= WORDS * 64 {
            return Err(Error::Grammar {
                file: "rules.txt",
                line: 0,
                message: format!("more than {} classes and literals", WORDS * 64),
            });
        }
        let id = id as ClassId;
        self.names.push(name.to_string());
        self.ids.insert(name.to_string(), id);
        Ok(id)
    }

    fn parse_lexicon(&mut self, text: &'static str) -> Result<(), Error> {
        for (n, raw) in text.lines().enumerate() {
            let line = strip_comment(raw);
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&'static str> = line.split_whitespace().collect();
            let bad = |message: String| Error::Grammar {
                file: "lexicon.txt",
                line: n + 1,
                message,
            };
            if fields.len() < 3 || fields.len() > 4 {
                return Err(bad(format!(
                    "expected `word CLASS value [cap]`, found {line:?}"
                )));
            }
            let capitalised_only = match fields.get(3) {
                None => false,
                Some(&"cap") => true,
                Some(other) => return Err(bad(format!("unknown flag {other:?}"))),
            };
            if !fields[1]
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
            {
                return Err(bad(format!("class names are upper case: {:?}", fields[1])));
            }
            let class = self.intern(fields[1])?;
            let key = fields[0].replace('_', " ").to_lowercase();
            self.lexicon.entry(key).or_default().push(Entry {
                class,
                value: fields[2],
                capitalised_only,
            });
        }
        Ok(())
    }

    fn parse_rules(&mut self, text: &'static str) -> Result<(), Error> {
        let mut current: Option<Rule> = None;
        for (n, raw) in text.lines().enumerate() {
            let line_no = n + 1;
            let bad = |message: String| Error::Grammar {
                file: "rules.txt",
                line: line_no,
                message,
            };
            let trimmed = raw.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let (keyword, rest) = trimmed
                .split_once(char::is_whitespace)
                .unwrap_or((trimmed, ""));
            let rest = rest.trim();
            if keyword == "rule" {
                if let Some(rule) = current.take() {
                    self.finish_rule(rule)?;
                }
                current = Some(Rule {
                    name: rest,
                    line: line_no,
                    elements: Vec::new(),
                    extent: (0, 0),
                    make: Make {
                        kind: MakeKind::Nothing,
                        value: None,
                        modifier: None,
                        timex_type: None,
                        anchored: false,
                    },
                    unless_after: ClassSet::default(),
                    unless_before: ClassSet::default(),
                    scheme: None,
                    examples: Vec::new(),
                    first: ClassSet::default(),
                });
                continue;
            }
            let Some(rule) = current.as_mut() else {
                return Err(bad(format!("{keyword:?} outside a rule")));
            };
            match keyword {
                "match" => {
                    let (elements, extent) = self.parse_pattern(rest).map_err(bad)?;
                    rule.elements = elements;
                    rule.extent = extent;
                }
                "make" => rule.make = parse_make(rest).map_err(bad)?,
                "unless-after" => rule.unless_after = self.parse_set(rest).map_err(bad)?,
                "unless-before" => rule.unless_before = self.parse_set(rest).map_err(bad)?,
                "scheme" => {
                    rule.scheme = Some(match rest {
                        "timex2" => Scheme::Timex2,
                        "timex3" => Scheme::Timex3,
                        other => return Err(bad(format!("unknown scheme {other:?}"))),
                    })
                }
                "example" => rule
                    .examples
                    .push(parse_example(rest, line_no).map_err(bad)?),
                other => return Err(bad(format!("unknown keyword {other:?}"))),
            }
        }
        if let Some(rule) = current.take() {
            self.finish_rule(rule)?;
        }
        Ok(())
    }

    fn finish_rule(&mut self, mut rule: Rule) -> Result<(), Error> {
        let bad = |message: String| Error::Grammar {
            file: "rules.txt",
            line: rule.line,
            message,
        };
        if rule.elements.is_empty() {
            return Err(bad(format!("rule {} has no `match`", rule.name)));
        }
        if rule.examples.is_empty() {
            return Err(bad(format!("rule {} has no `example`", rule.name)));
        }
        let mut first = ClassSet::default();
        for e in &rule.elements {
            first.union(&e.set);
            if !e.optional {
                break;
            }
        }
        rule.first = first;
        self.rules.push(rule);
        Ok(())
    }

    fn index(&mut self) {
        self.by_first = vec![Vec::new(); self.names.len()];
        for (i, rule) in self.rules.iter().enumerate() {
            for c in 0..self.names.len() as ClassId {
                if rule.first.contains(c) {
                    self.by_first[usize::from(c)].push(i);
                }
            }
        }
    }

    fn parse_atom(&mut self, atom: &str) -> Result<ClassSet, String> {
        let mut set = ClassSet::default();
        let inner = atom.strip_prefix('(').and_then(|a| a.strip_suffix(')'));
        let alternatives: Vec<&str> = match inner {
            Some(inner) => inner.split('|').collect(),
            None => vec![atom],
        };
        for alt in alternatives {
            if let Some(lit) = alt.strip_prefix('"').and_then(|a| a.strip_suffix('"')) {
                if lit.is_empty() {
                    return Err("empty literal".into());
                }
                let lower = lit.to_lowercase();
                let id = match self.literals.get(&lower) {
                    Some(&id) => id,
                    None => {
                        let id = self
                            .intern(&format!("\"{lower}\""))
                            .map_err(|e| e.to_string())?;
                        self.literals.insert(lower, id);
                        id
                    }
                };
                set.insert(id);
            } else if alt
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
                && !alt.is_empty()
            {
                let id = self
                    .ids
                    .get(alt)
                    .copied()
                    .ok_or_else(|| format!("unknown class {alt}"))?;
                set.insert(id);
            } else {
                return Err(format!("cannot read pattern element {alt:?}"));
            }
        }
        Ok(set)
    }

    fn parse_set(&mut self, text: &str) -> Result<ClassSet, String> {
        let mut set = ClassSet::default();
        for atom in text.split_whitespace() {
            set.union(&self.parse_atom(atom)?);
        }
        Ok(set)
    }

    fn parse_pattern(&mut self, text: &str) -> Result<(Vec<Element>, (usize, usize)), String> {
        let mut elements = Vec::new();
        let (mut from, mut to) = (None, None);
        for word in text.split_whitespace() {
            match word {
                "[" => {
                    from = Some(elements.len());
                    continue;
                }
                "]" => {
                    to = Some(elements.len());
                    continue;
                }
                _ => {}
            }
            let mut w = word;
            let adjacent = w.starts_with('^');
            w = w.trim_start_matches('^');
            let optional = w.ends_with('?') && w.len() > 1 && !w.ends_with("\"?\"");
            if optional {
                w = &w[..w.len() - 1];
            }
            let mut capture = None;
            if let Some((name, atom)) = w
                .split_once(':')
                .filter(|(n, _)| !n.starts_with(['"', '(']))
            {
                capture = Some(
                    Capture::parse(name).ok_or_else(|| format!("unknown capture name {name:?}"))?,
                );
                w = atom;
            }
            let set = self.parse_atom(w)?;
            elements.push(Element {
                set,
                optional,
                adjacent,
                capture,
            });
        }
        let extent = (from.unwrap_or(0), to.unwrap_or(elements.len()));
        if extent.0 >= extent.1 {
            return Err("the extent `[ ]` holds no element".into());
        }
        Ok((elements, extent))
    }

    /// Whether `word` (lower case) is in the lexicon.
    pub fn lexicon_has(&self, word: &str) -> bool {
        self.lexicon.contains_key(word)
    }

    /// Adds the lexicon classes and values of a word to a token.
    pub fn lexicon_classes(&self, lower: &str, capitalised: bool, token: &mut Token<'_>) {
        if let Some(entries) = self.lexicon.get(lower) {
            for e in entries {
                if e.capitalised_only && !capitalised {
                    continue;
                }
                token.classes.insert(e.class);
                token.values.push((e.class, e.value));
            }
        }
    }

    /// The class of a literal word, if a rule names it.
    pub fn literal(&self, lower: &str) -> Option<ClassId> {
        self.literals.get(lower).copied()
    }

    /// The class of a shape.
    pub fn shape(&self, shape: Shape) -> ClassId {
        let i = SHAPES.iter().position(|(s, _)| *s == shape).unwrap_or(0);
        self.shapes[i]
    }

    /// The class of a name.
    pub fn class(&self, name: &str) -> Option<ClassId> {
        self.ids.get(name).copied()
    }

    /// A class's name.
    pub fn class_name(&self, id: ClassId) -> &str {
        self.names.get(usize::from(id)).map_or("?", String::as_str)
    }

    /// Whether the class's values are numbers.
    pub fn is_numeric_class(&self, id: ClassId) -> bool {
        self.numeric.contains(id)
    }

    /// Whether the word is an ordinal number word.
    pub fn is_ordinal_word(&self, word: &str) -> bool {
        let ord = self.class("ORDWORD");
        self.lexicon
            .get(&word.to_lowercase())
            .is_some_and(|es| es.iter().any(|e| Some(e.class) == ord))
    }

    /// Every match of every rule in the tokens (all start points, longest
    /// match of each rule at each start).
    pub fn matches(&self, tokens: &[Token<'_>], scheme: Scheme) -> Vec<Match> {
        let mut out = Vec::new();
        let mut seen = vec![false; self.rules.len()];
        let mut caps = Vec::new();
        for start in 0..tokens.len() {
            seen.iter_mut().for_each(|s| *s = false);
            let classes = &tokens[start].classes;
            let mut c = classes.first();
            let mut remaining = *classes;
            while let Some(class) = c {
                for &r in &self.by_first[usize::from(class)] {
                    if seen[r] {
                        continue;
                    }
                    seen[r] = true;
                    let rule = &self.rules[r];
                    if rule.scheme.is_some_and(|s| s != scheme) {
                        continue;
                    }
                    let mut best: Option<Match> = None;
                    caps.clear();
                    step(
                        rule,
                        r,
                        start,
                        0,
                        start,
                        tokens,
                        &mut caps,
                        (None, None),
                        &mut best,
                    );
                    if let Some(m) = best {
                        if self.guards_hold(rule, &m, tokens) {
                            out.push(m);
                        }
                    }
                }
                remaining.0[usize::from(class) / 64] &= !(1 << (class % 64));
                c = remaining.first();
            }
        }
        out
    }

    fn guards_hold(&self, rule: &Rule, m: &Match, tokens: &[Token<'_>]) -> bool {
        if m.start > 0 && tokens[m.start - 1].classes.intersects(&rule.unless_after) {
            return false;
        }
        if m.end < tokens.len() && tokens[m.end].classes.intersects(&rule.unless_before) {
            return false;
        }
        true
    }
}

#[allow(clippy::too_many_arguments)]
fn step(
    rule: &Rule,
    r: usize,
    first: usize,
    ei: usize,
    ti: usize,
    tokens: &[Token<'_>],
    caps: &mut Vec<(Capture, usize)>,
    mut ext: (Option<usize>, Option<usize>),
    best: &mut Option<Match>,
) {
    if ei == rule.extent.0 {
        ext.0 = Some(ti);
    }
    if ei == rule.extent.1 {
        ext.1 = Some(ti);
    }
    if ei == rule.elements.len() {
        let (Some(s), Some(e)) = ext else { return };
        let whole = ti - first;
        // An extent never ends on a comma: "late November," is only the
        // longer alternative of "late November" with its year left out.
        if e <= s || tokens[e - 1].text == "," {
            return;
        }
        let len = tokens[e - 1].span.end - tokens[s].span.start;
        let better = best.as_ref().is_none_or(|b| {
            let blen = tokens[b.end - 1].span.end - tokens[b.start].span.start;
            len > blen
        });
        if better {
            *best = Some(Match {
                rule: r,
                start: s,
                end: e,
                span_tokens: whole,
                captures: caps.clone(),
            });
        }
        return;
    }
    let el = &rule.elements[ei];
    if ti < tokens.len()
        && tokens[ti].classes.intersects(&el.set)
        && !(el.adjacent && tokens[ti].space_before)
    {
        if let Some(c) = el.capture {
            caps.push((c, ti));
        }
        step(rule, r, first, ei + 1, ti + 1, tokens, caps, ext, best);
        if el.capture.is_some() {
            caps.pop();
        }
    }
    if el.optional {
        step(rule, r, first, ei + 1, ti, tokens, caps, ext, best);
    }
}

fn parse_make(text: &'static str) -> Result<Make, String> {
    let mut words = text.split_whitespace();
    let kind = match words.next() {
        Some("date") => MakeKind::Date,
        Some("time") => MakeKind::Time,
        Some("duration") => MakeKind::Duration,
        Some("set") => MakeKind::Set,
        Some("ref") => MakeKind::Ref,
        Some("offset") => MakeKind::Offset,
        Some("relative") => MakeKind::Relative,
        Some("deictic") => MakeKind::Deictic,
        Some("nothing") => MakeKind::Nothing,
        other => return Err(format!("unknown production {other:?}")),
    };
    let mut make = Make {
        kind,
        value: None,
        modifier: None,
        timex_type: None,
        anchored: false,
    };
    for w in words {
        if w == "anchored" {
            make.anchored = true;
        } else if let Some(m) = w.strip_prefix("mod=") {
            make.modifier = Some(TimexMod::parse(m).ok_or_else(|| format!("unknown mod {m:?}"))?);
        } else if let Some(t) = w.strip_prefix("type=") {
            make.timex_type = Some(match t {
                "DATE" => TimexType::Date,
                "TIME" => TimexType::Time,
                "DURATION" => TimexType::Duration,
                "SET" => TimexType::Set,
                other => return Err(format!("unknown type {other:?}")),
            });
        } else if make.value.is_none() {
            make.value = Some(w);
        } else {
            return Err(format!("unexpected {w:?} in `make`"));
        }
    }
    Ok(make)
}

/// Reads `TEXT => EXPECTED ; EXPECTED …` (or `TEXT => none`).
pub fn parse_example(text: &'static str, line: usize) -> Result<Example, String> {
    let (body, expected) = text
        .rsplit_once("=>")
        .ok_or_else(|| "an example is `text with [extent] => TYPE VALUE …`".to_string())?;
    let expected = expected.trim();
    let expected: Vec<&'static str> = if expected == "none" {
        Vec::new()
    } else {
        expected.split(" ; ").map(str::trim).collect()
    };
    let body = body.trim();
    let brackets = body.matches('[').count();
    if brackets != expected.len() || body.matches(']').count() != brackets {
        return Err(format!(
            "example has {brackets} bracketed extents but {} expected values",
            expected.len()
        ));
    }
    Ok(Example {
        line,
        text: body,
        expected,
    })
}
