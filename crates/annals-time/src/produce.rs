//! From a rule's match to a raw time expression: the values the captures
//! give, before the narrative resolves what is relative.

use crate::grammar::{Capture, Grammar, Make, MakeKind, Match};
use crate::token::Token;
use crate::value::{Duration, Unit, YearPart};
use annals_core::{Span, TimexMod, TimexType};

/// A date as written: any part may be missing.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Partial {
    /// Astronomical year.
    pub year: Option<i32>,
    /// The year was written with two digits only ("'45").
    pub short_year: bool,
    /// The year was written without an era and below 1000.
    pub bare_small_year: bool,
    /// Decade (192 for the 1920s).
    pub decade: Option<i32>,
    /// Century (18 for the 1800s).
    pub century: Option<i32>,
    /// Month 1–12.
    pub month: Option<u8>,
    /// Day 1–31.
    pub day: Option<u8>,
    /// Season, half or quarter.
    pub part: Option<YearPart>,
    /// Day of the week 1 (Monday) – 7.
    pub weekday: Option<u8>,
    /// For a season: +1 "the next spring", -1 "the previous winter", 0 otherwise.
    pub shift: i8,
}

/// What a match makes, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub enum RawKind {
    /// A calendar date, maybe without a year.
    Date(Partial),
    /// A date with a part of the day or a clock time.
    Time(Partial, TimeOfDay),
    /// A duration.
    Duration(Duration),
    /// A set.
    Set(String),
    /// PRESENT_REF, PAST_REF, FUTURE_REF.
    Ref(&'static str),
    /// A duration from the reference time: `sign` is +1 (later) or -1
    /// (earlier); `ago` counts from the document creation time.
    Offset {
        /// The amount (None: unspecified, "months later").
        count: Option<f64>,
        /// The unit.
        unit: Unit,
        /// +1 or -1.
        sign: i64,
        /// Counted back from the document creation time.
        ago: bool,
    },
    /// A unit moved from the reference time.
    Relative {
        /// Units to move.
        shift: i64,
        /// The unit.
        unit: Unit,
    },
    /// A unit moved from the document creation time.
    Deictic {
        /// Units to move.
        shift: i64,
        /// The unit.
        unit: Unit,
    },
}

/// A time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeOfDay {
    /// `MO`, `AF`, `EV`, `NI`, `DT`.
    Part(&'static str),
    /// Hours and minutes.
    Clock(u8, u8),
}

/// A time expression found in a sentence, not yet resolved.
#[derive(Debug, Clone)]
pub struct Raw {
    /// The expression's bytes.
    pub span: Span,
    /// Its sentence.
    pub sentence: Span,
    /// What it is.
    pub kind: RawKind,
    /// Its modifier.
    pub modifier: Option<TimexMod>,
    /// A type the rule imposed.
    pub timex_type: Option<TimexType>,
    /// It takes the reference time as anchor.
    pub anchored: bool,
    /// Index (in the document's raw list) of the start of the range it ends.
    pub range_start: Option<usize>,
}

/// Reads a match's captures into a raw expression; `None` when the values do
/// not make a valid date (a 31 February, a month 13).
pub fn produce(grammar: &Grammar, m: &Match, tokens: &[Token<'_>], sentence: Span) -> Option<Raw> {
    let rule = &grammar.rules[m.rule];
    let make: &Make = &rule.make;
    let caps = Captures { grammar, m, tokens };
    let mut modifier = make.modifier;
    let mut partial = Partial::default();
    let mut era_bc = false;
    if let Some(era) = caps.value(Capture::Era, "ERA") {
        era_bc = era == "BC";
    }
    let short = caps
        .token(Capture::Year)
        .is_some_and(|t| t.text.starts_with(['\'', '’']));
    if let Some(y) = caps.number(Capture::Year).filter(|_| short) {
        partial.year = Some(1900 + y as i32);
        partial.short_year = true;
    } else if let Some(y) = caps.number(Capture::Year) {
        let y = y as i32;
        partial.year = Some(if era_bc { 1 - y } else { y });
        partial.bare_small_year = !era_bc && caps.value(Capture::Era, "ERA").is_none() && y < 1000;
    }
    if let Some(t) = caps.token(Capture::ShortYear) {
        let digits = t.text.trim_start_matches(['\'', '’']);
        let n = t.number? as i32;
        match partial.year {
            // The end of "1904–05" takes the century of its start.
            Some(start) => {
                let base = 10i32.pow(digits.len() as u32);
                let mut y = start - start.rem_euclid(base) + n;
                if y <= start {
                    y += base;
                }
                partial.year = Some(y);
            }
            None => {
                partial.year = Some(1900 + n);
                partial.short_year = true;
            }
        }
    }
    if let Some(t) = caps.token(Capture::Decade) {
        let word = caps
            .value(Capture::Decade, "DECADEWORD")
            .and_then(|v| v.parse::<f64>().ok());
        let n = word.or(t.number)?;
        let d = if n >= 100.0 {
            (n / 10.0) as i32
        } else if n >= 10.0 {
            190 + (n / 10.0) as i32
        } else {
            190 + n as i32
        };
        partial.decade = Some(if era_bc { -d } else { d });
    }
    if let Some(n) = caps.number(Capture::Century) {
        let text = caps.token(Capture::Century).map_or("", |t| t.text);
        // "the 1800s" (a plural year) or "the 19th century" (an ordinal,
        // which no real text takes past a few dozen).
        let plural = text.ends_with('s') && n >= 100.0;
        if !plural && !(1.0..=99.0).contains(&n) || plural && n >= 10_000.0 {
            return None;
        }
        let c = if plural { n as i32 / 100 } else { n as i32 - 1 };
        partial.century = Some(if era_bc { -(n as i32) } else { c });
    }
    if let Some(m) = caps.value(Capture::Month, "MONTH") {
        partial.month = Some(m.parse().ok()?);
    }
    if let Some(d) = caps.number(Capture::Day) {
        if !(1.0..=31.0).contains(&d) {
            return None;
        }
        partial.day = Some(d as u8);
    }
    if let Some(s) = caps
        .value(Capture::Season, "SEASON")
        .or_else(|| caps.value(Capture::Season, "FALL"))
    {
        partial.part = Some(YearPart::Season(s.parse().ok()?));
    }
    if let Some(shift) = caps.value(Capture::Shift, "SHIFT") {
        partial.shift = shift.parse().unwrap_or(0);
    }
    if let Some(w) = caps.value(Capture::Weekday, "WEEKDAY") {
        partial.weekday = Some(w.parse().ok()?);
    }
    if let Some(h) = caps.value(Capture::Holiday, "HOLIDAY") {
        let (mo, d) = h.split_once('-')?;
        partial.month = Some(mo.parse().ok()?);
        partial.day = Some(d.parse().ok()?);
    }
    // A half ("the latter half") takes precedence over the same word's
    // part-of-period reading.
    let halves = caps.values_all(Capture::Part, "HALFORD");
    let parts = caps
        .values_all(Capture::Part, "PART")
        .into_iter()
        .filter(|(_, token)| !halves.iter().any(|(_, t)| t == token))
        .chain(halves.iter().copied());
    for (part_value, _) in parts {
        apply_part(part_value, &mut partial, &mut modifier);
    }
    if let Some(v) = caps.value(Capture::Mod, "MOD") {
        modifier = TimexMod::parse(v).or(modifier);
    }
    if let (Some(m), Some(d)) = (partial.month, partial.day) {
        if d == 0 || d > crate::value::days_in_month(partial.year.unwrap_or(2000), m) {
            return None;
        }
    }
    let unit = caps
        .value(Capture::Unit, "UNIT")
        .or_else(|| caps.value(Capture::Unit, "UNITS"))
        .and_then(Unit::parse);
    let plural = caps.value(Capture::Unit, "UNITS").is_some();
    // No count: one of a singular unit ("the day after"), unspecified of a
    // plural ("days later", "within months").
    let count = match caps.token(Capture::Count) {
        Some(_) => caps.count(),
        None if plural => None,
        None => Some(1.0),
    };
    let kind = match make.kind {
        MakeKind::Nothing => return None,
        MakeKind::Date => RawKind::Date(partial),
        MakeKind::Time => {
            let tod = match (
                caps.token(Capture::Clock),
                caps.value(Capture::DayPart, "DAYPART"),
            ) {
                (Some(t), _) => {
                    let (h, mi) = clock(t.text, caps.value(Capture::Meridiem, "MERIDIEM"))?;
                    TimeOfDay::Clock(h, mi)
                }
                (None, Some(p)) => TimeOfDay::Part(p),
                (None, None) => TimeOfDay::Part(make.value?),
            };
            RawKind::Time(partial, tod)
        }
        MakeKind::Duration => match make.value {
            Some(v) => RawKind::Duration(fixed_duration(v)?),
            None => RawKind::Duration(Duration::of(count, unit?)),
        },
        MakeKind::Set => RawKind::Set(
            match make.value.or_else(|| caps.value(Capture::Unit, "SET")) {
                Some(v) => v.to_string(),
                None => match (partial.part, partial.weekday) {
                    (Some(YearPart::Season(s)), _) => {
                        format!(
                            "XXXX-{}",
                            ["SP", "SU", "FA", "WI"][usize::from(s.clamp(1, 4) - 1)]
                        )
                    }
                    (_, Some(w)) => format!("XXXX-WXX-{w}"),
                    _ => Duration::of(count.or(Some(1.0)), unit?).timex(),
                },
            },
        ),
        MakeKind::Ref => RawKind::Ref(make.value?),
        MakeKind::Offset => {
            let dir = caps.value(Capture::Direction, "DIR").or(make.value)?;
            RawKind::Offset {
                count,
                unit: unit?,
                sign: if dir == "+" { 1 } else { -1 },
                ago: dir == "ago",
            }
        }
        MakeKind::Relative | MakeKind::Deictic => {
            let (shift, unit) = match make.value {
                Some(v) => split_shift(v)?,
                None => (
                    caps.value(Capture::Shift, "SHIFT")
                        .unwrap_or("0")
                        .parse()
                        .ok()?,
                    unit?,
                ),
            };
            if make.kind == MakeKind::Relative {
                RawKind::Relative { shift, unit }
            } else {
                RawKind::Deictic { shift, unit }
            }
        }
    };
    Some(Raw {
        span: Span::new(tokens[m.start].span.start, tokens[m.end - 1].span.end),
        sentence,
        kind,
        modifier,
        timex_type: make.timex_type,
        anchored: make.anchored,
        range_start: None,
    })
}

/// A part word: START/MID/END set the modifier; H1/H2 and Q1–Q4 name a part
/// of a year (or, for a decade or century, its first or last stretch).
fn apply_part(v: &str, partial: &mut Partial, modifier: &mut Option<TimexMod>) {
    let year_only = partial.year.is_some() && partial.month.is_none() && partial.part.is_none();
    match v {
        "H1" | "H2" | "Q1" | "Q2" | "Q3" | "Q4" if year_only => {
            let n = v[1..].parse().unwrap_or(1);
            partial.part = Some(if v.starts_with('H') {
                YearPart::Half(n)
            } else {
                YearPart::Quarter(n)
            });
        }
        "H1" => *modifier = Some(TimexMod::Start),
        "H2" => *modifier = Some(TimexMod::End),
        other => {
            if let Some(m) = TimexMod::parse(other) {
                *modifier = Some(m);
            }
        }
    }
}

fn split_shift(v: &str) -> Option<(i64, Unit)> {
    let i = v.find(|c: char| c.is_ascii_uppercase())?;
    Some((v[..i].parse().ok()?, Unit::parse(&v[i..])?))
}

fn fixed_duration(v: &str) -> Option<Duration> {
    let body = v.strip_prefix('P')?;
    let body = body.strip_prefix('T').unwrap_or(body);
    let i = body.find(|c: char| c.is_ascii_uppercase())?;
    let amount = &body[..i];
    let unit = match (&body[i..], v.contains('T')) {
        ("M", true) => Unit::Minute,
        (code, _) => Unit::parse(code)?,
    };
    let count = if amount == "X" {
        None
    } else {
        Some(amount.parse().ok()?)
    };
    Some(Duration::of(count, unit))
}

fn clock(text: &str, meridiem: Option<&str>) -> Option<(u8, u8)> {
    let digits = text.trim_end_matches(|c: char| c.is_alphabetic());
    let (h, m) = match digits.split_once(':') {
        Some((h, m)) => (h.parse::<u8>().ok()?, m.parse::<u8>().ok()?),
        None => (digits.parse::<u8>().ok()?, 0),
    };
    let h = match meridiem {
        Some("pm") if h < 12 => h + 12,
        Some("am") if h == 12 => 0,
        _ => h,
    };
    (h < 25 && m < 60).then_some((h, m))
}

struct Captures<'a, 't> {
    grammar: &'a Grammar,
    m: &'a Match,
    tokens: &'a [Token<'t>],
}

impl<'t> Captures<'_, 't> {
    fn token(&self, c: Capture) -> Option<&Token<'t>> {
        self.m
            .captures
            .iter()
            .find(|(k, _)| *k == c)
            .map(|&(_, i)| &self.tokens[i])
    }

    fn number(&self, c: Capture) -> Option<f64> {
        self.token(c).and_then(|t| t.number)
    }

    fn value(&self, c: Capture, class: &str) -> Option<&'static str> {
        let id = self.grammar.class(class)?;
        self.token(c).and_then(|t| t.value_in(id))
    }

    fn values_all(&self, c: Capture, class: &str) -> Vec<(&'static str, usize)> {
        let Some(id) = self.grammar.class(class) else {
            return Vec::new();
        };
        self.m
            .captures
            .iter()
            .filter(|(k, _)| *k == c)
            .filter_map(|&(_, i)| self.tokens[i].value_in(id).map(|v| (v, i)))
            .collect()
    }

    /// The count: a number, "a"/"an" (1), a vague word (unspecified), plus a
    /// captured fraction ("and a half").
    fn count(&self) -> Option<f64> {
        let t = self.token(Capture::Count)?;
        let base = match t.number {
            Some(n) => Some(n),
            None => match self.value(Capture::Count, "FEW") {
                Some(_) => None,
                None => Some(1.0),
            },
        };
        let frac = self
            .value(Capture::Fraction, "FRACTION")
            .and_then(|v| v.parse::<f64>().ok());
        match (base, frac) {
            (Some(b), Some(f)) => Some(b + f),
            (b, _) => b,
        }
    }
}
