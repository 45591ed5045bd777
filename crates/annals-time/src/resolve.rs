//! Finding expressions in sentences and resolving them in document order.

use crate::grammar::{Grammar, Match, Scheme};
use crate::produce::{produce, Partial, Raw, RawKind, TimeOfDay};
use crate::token::{tokenize, Token};
use crate::value::{day_number, from_day_number, Cal, Grain, Unit, YearPart};
use crate::TagOptions;
use annals_core::{Document, Sentence, Timex, TimexMod, TimexType};

/// Finds the expressions of one sentence and appends them to `raws`.
pub fn find_in_sentence(
    grammar: &Grammar,
    text: &str,
    sentence: &Sentence,
    scheme: Scheme,
    raws: &mut Vec<Raw>,
) {
    let tokens = tokenize(text, sentence.span.start, grammar);
    if tokens.is_empty() {
        return;
    }
    let matches = select(grammar.matches(&tokens, scheme), &tokens);
    let first = raws.len();
    let mut kept: Vec<&Match> = Vec::new();
    for m in &matches {
        if let Some(raw) = produce(grammar, m, &tokens, sentence.span) {
            raws.push(raw);
            kept.push(m);
        }
    }
    link_ranges(grammar, &tokens, &kept, &mut raws[first..], first);
}

/// Keeps the longest matches that do not overlap. Of two equally long, the
/// one whose rule saw more context wins ("twice [a year]" is a set, not the
/// duration "a year"), then the rule written first.
fn select(mut matches: Vec<Match>, tokens: &[Token<'_>]) -> Vec<Match> {
    let bytes = |m: &Match| tokens[m.end - 1].span.end - tokens[m.start].span.start;
    matches.sort_by(|a, b| {
        bytes(b)
            .cmp(&bytes(a))
            .then(b.span_tokens.cmp(&a.span_tokens))
            .then(a.rule.cmp(&b.rule))
            .then(a.start.cmp(&b.start))
    });
    let mut taken = vec![false; tokens.len()];
    let mut out = Vec::new();
    for m in matches {
        if taken[m.start..m.end].iter().any(|&t| t) {
            continue;
        }
        taken[m.start..m.end].iter_mut().for_each(|t| *t = true);
        out.push(m);
    }
    out.sort_by_key(|m| m.start);
    out
}

fn is_dated(raw: &Raw) -> bool {
    matches!(
        raw.kind,
        RawKind::Date(_) | RawKind::Time(..) | RawKind::Ref("PRESENT_REF")
    ) && raw.timex_type.is_none_or(|t| t == TimexType::Date)
}

/// Links written ranges: "1936–1938", "from 1918 until 1922", "between 1940 and 1945".
fn link_ranges(
    grammar: &Grammar,
    tokens: &[Token<'_>],
    matches: &[&Match],
    raws: &mut [Raw],
    offset: usize,
) {
    let class = |name: &str| grammar.class(name);
    let has = |t: &Token<'_>, name: &str| class(name).is_some_and(|c| t.classes.contains(c));
    let word = |i: usize, w: &str| i < tokens.len() && tokens[i].text.eq_ignore_ascii_case(w);
    for i in 1..raws.len() {
        let (a, b) = (matches[i - 1], matches[i]);
        if !is_dated(&raws[i - 1])
            || !is_dated(&raws[i])
            || matches!(raws[i - 1].kind, RawKind::Ref(_))
        {
            continue;
        }
        let between = &tokens[a.end..b.start];
        let before = a.start.checked_sub(1);
        let linked = match between {
            [t] if has(t, "DASH") => true,
            [t] if has(t, "RANGE_TO") => before.is_some_and(|p| word(p, "from")),
            [t] if t.text.eq_ignore_ascii_case("and") => before.is_some_and(|p| word(p, "between")),
            _ => false,
        };
        if linked {
            raws[i].range_start = Some(offset + i - 1);
        }
    }
}

/// The narrative state while resolving in document order.
struct Narrative {
    /// Dates with a year, in document order: (raw index, value). The last
    /// is the reference time.
    history: Vec<(usize, Cal)>,
    /// The latest explicit year was before the common era.
    before_era: bool,
}

impl Narrative {
    fn latest(&self) -> Option<(usize, Cal)> {
        self.history.last().copied()
    }

    /// The reference time for a shift at `grain`: the latest date, or, when
    /// it is coarser than `grain` ("the next day" after "In June 1941"), the
    /// latest finer date that lies inside it ("June 22, 1941").
    fn reference_for(&self, grain: Grain) -> Option<(usize, Cal)> {
        let (i, latest) = self.latest()?;
        if latest.grain() <= grain {
            return Some((i, latest));
        }
        let (a, b) = latest.days();
        self.history
            .iter()
            .rev()
            .take(20)
            .find(|(_, c)| {
                let (x, y) = c.days();
                c.grain() <= grain && a <= x && y <= b
            })
            .copied()
            .or(Some((i, latest)))
    }

    /// The reference a date without a year takes its year from: the latest
    /// date, unless that is a bare year far (more than two years) from a
    /// month-precise date just before it — a year named in passing ("a
    /// report declassified in 2005") does not move the narrative. (Treating
    /// every bare year inside a sentence as an aside was measured on
    /// WikiWars and loses.)
    fn year_reference(&self) -> Option<(usize, Cal)> {
        let (i, latest) = self.latest()?;
        let year = latest.year()?;
        if latest.grain() >= Grain::Year {
            let mut recent = self.history.iter().rev().skip(1).take(5);
            if let Some(&(j, c)) = recent.find(|(_, c)| c.grain() <= Grain::Month) {
                if c.year().is_some_and(|y| (y - year).abs() > 2) {
                    return Some((j, c));
                }
            }
        }
        Some((i, latest))
    }

    /// The year of a date written without one: the reference's. (Moving a
    /// month that lies before the reference's month into the next year was
    /// measured on WikiWars and loses: narratives step back as often as
    /// they step forward.)
    fn year_for_month(&self) -> Option<(usize, i32)> {
        let (i, c) = self.year_reference()?;
        Some((i, c.year()?))
    }

    fn push(&mut self, index: usize, cal: Cal) {
        if self.history.len() > 64 {
            self.history.drain(..32);
        }
        self.history.push((index, cal));
    }
}

/// What resolving one raw expression gives.
struct Resolved {
    kind: TimexType,
    value: String,
    cal: Option<Cal>,
    anchor: Option<usize>,
    /// The value may serve as the narrative's reference time.
    narrative: bool,
}

impl Resolved {
    fn new(kind: TimexType, value: String) -> Resolved {
        Resolved {
            kind,
            value,
            cal: None,
            anchor: None,
            narrative: false,
        }
    }

    fn dated(cal: Cal, anchor: Option<usize>) -> Resolved {
        Resolved {
            kind: TimexType::Date,
            value: cal.timex(),
            cal: Some(cal),
            anchor,
            narrative: true,
        }
    }
}

/// Resolves raw expressions in document order into timexes.
pub fn resolve(doc: &Document, mut raws: Vec<Raw>, options: &TagOptions) -> Vec<Timex> {
    years_from_range_ends(&mut raws);
    let mut state = Narrative {
        history: Vec::new(),
        before_era: false,
    };
    // Raw index -> output index, for anchors and range starts.
    let mut number: Vec<Option<usize>> = vec![None; raws.len()];
    let mut out: Vec<Timex> = Vec::with_capacity(raws.len());
    let mut links: Vec<(Option<usize>, Option<usize>)> = Vec::with_capacity(raws.len());
    for (i, raw) in raws.iter().enumerate() {
        let Some(mut r) = resolve_one(raw, &mut state, options) else {
            continue;
        };
        if raw.anchored && r.anchor.is_none() {
            r.anchor = state.latest().map(|l| l.0);
        }
        let kind = raw.timex_type.unwrap_or(r.kind);
        if let (Some(c), true) = (r.cal, r.narrative) {
            if kind == TimexType::Date && raw.range_start.is_none() && c.grain() <= Grain::Year {
                state.push(i, c);
            }
            if let Some(y) = c.year() {
                state.before_era = y <= 0;
            }
        }
        let (edtf, earliest, latest) = match (kind, r.cal) {
            (TimexType::Date, Some(c)) => {
                let mut edtf = c.edtf();
                if raw.modifier == Some(TimexMod::Approx) {
                    edtf.push('~');
                }
                let (a, b) = c.interval(raw.modifier);
                match raw.modifier {
                    Some(TimexMod::After) => (Some(format!("{edtf}/..")), Some(a), None),
                    Some(TimexMod::Before) => (Some(format!("../{edtf}")), None, Some(b)),
                    _ => (Some(edtf), Some(a), Some(b)),
                }
            }
            _ => (None, None, None),
        };
        number[i] = Some(out.len());
        links.push((r.anchor.filter(|&a| a != i), raw.range_start));
        out.push(Timex {
            id: String::new(),
            span: raw.span,
            text: doc.span_text(raw.span).to_string(),
            kind,
            value: r.value,
            modifier: raw.modifier,
            anchor: None,
            range_start: None,
            edtf,
            earliest,
            latest,
            sentence: raw.sentence,
        });
    }
    let id = |raw: Option<usize>| {
        raw.and_then(|r| number.get(r).copied().flatten())
            .map(|n| format!("T{}", n + 1))
    };
    for (n, (t, (anchor, range))) in out.iter_mut().zip(links).enumerate() {
        t.id = format!("T{}", n + 1);
        t.anchor = id(anchor);
        t.range_start = id(range);
    }
    out
}

/// The start of a written range without a year takes the year of its end:
/// "from July 1 to November 18, 1916", "November 28 – December 1, 1943".
fn years_from_range_ends(raws: &mut [Raw]) {
    for i in 0..raws.len() {
        let Some(j) = raws[i].range_start.filter(|&j| j < i) else {
            continue;
        };
        let end = match &raws[i].kind {
            RawKind::Date(p) => *p,
            _ => continue,
        };
        if let (RawKind::Date(start), Some(y)) = (&mut raws[j].kind, end.year) {
            let yearless =
                start.year.is_none() && start.decade.is_none() && start.century.is_none();
            if yearless && start.month.is_some() {
                let wraps = matches!((start.month, end.month), (Some(a), Some(b)) if a > b);
                start.year = Some(if wraps { y - 1 } else { y });
            }
        }
    }
}

/// Resolves one expression; `None` drops it (a bare number below 1000 that
/// the narrative does not show to be a year).
fn resolve_one(raw: &Raw, state: &mut Narrative, options: &TagOptions) -> Option<Resolved> {
    let latest = state.latest();
    let timex2 = options.scheme == crate::SchemeChoice::Timex2;
    Some(match &raw.kind {
        RawKind::Date(p) => {
            // A bare number below 1000 is a year only where the narrative is
            // in antiquity or has no date yet.
            if p.bare_small_year
                && latest.is_some_and(|(_, c)| c.year().is_none_or(|y| y.abs() >= 1500))
            {
                return None;
            }
            let (value, cal, used) = date_value(p, state);
            Resolved {
                kind: TimexType::Date,
                value,
                cal,
                anchor: used,
                narrative: true,
            }
        }
        RawKind::Time(p, tod) => {
            let blank = Partial { shift: 0, ..*p } == Partial::default();
            let (day, anchor) = match (blank, tod) {
                // "that night", "the next morning": the reference day, moved.
                (true, _) if raw.anchored => match state.reference_for(Grain::Day) {
                    Some((r, c)) => {
                        let c = c.shift(i64::from(p.shift), Grain::Day).unwrap_or(c);
                        (time_day(&c.timex(), Some(c)), Some(r))
                    }
                    None => ("XXXX-XX-XX".to_string(), None),
                },
                // "11 a.m.": the day of the narrative, when it names one.
                (true, TimeOfDay::Clock(..)) => match state.reference_for(Grain::Day) {
                    Some((r, c @ Cal::Day(..))) => (c.timex(), Some(r)),
                    _ => ("XXXX-XX-XX".to_string(), None),
                },
                (true, _) => ("XXXX-XX-XX".to_string(), None),
                (false, _) => {
                    let (value, cal, used) = date_value(p, state);
                    (time_day(&value, cal), used)
                }
            };
            let mut r = Resolved::new(TimexType::Time, time_of_day(&day, *tod));
            r.anchor = anchor;
            r
        }
        RawKind::Duration(d) => Resolved::new(TimexType::Duration, d.timex()),
        RawKind::Set(v) => Resolved::new(TimexType::Set, v.clone()),
        RawKind::Ref(v) => {
            let mut r = Resolved::new(TimexType::Date, (*v).to_string());
            if *v == "PRESENT_REF" {
                r.cal = options.dct;
            }
            r
        }
        RawKind::Offset {
            count,
            unit,
            sign,
            ago,
        } => {
            let Some(n) = count else {
                // "a few days later", "weeks earlier": only the direction is known.
                let v = if *sign > 0 { "FUTURE_REF" } else { "PAST_REF" };
                return Some(Resolved::new(TimexType::Date, v.to_string()));
            };
            // Decades and centuries move years: "a decade earlier" from 490 BC is 500 BC.
            let (n, unit) = match unit {
                Unit::Decade => (n * 10.0, Unit::Year),
                Unit::Century => (n * 100.0, Unit::Year),
                u => (*n, *u),
            };
            let grain = unit.grain();
            let base = if *ago && !timex2 {
                options.dct.map(|d| (usize::MAX, d))
            } else {
                state.reference_for(grain)
            };
            let shifted = base.and_then(|(r, c)| {
                if n.fract() != 0.0 {
                    return None;
                }
                let moved = c
                    .truncate(grain)
                    .filter(|b| b.grain() <= grain)?
                    .shift(sign * n as i64, grain)?;
                Some((r, moved))
            });
            match (shifted, base) {
                (Some((r, c)), _) => {
                    // "two years earlier" looks back; it does not move the narrative.
                    let mut res = Resolved::dated(c, (r != usize::MAX).then_some(r));
                    res.narrative = *sign > 0;
                    res
                }
                (None, Some((r, c))) if r != usize::MAX => {
                    let mut res = Resolved::new(TimexType::Date, partly_unknown(c, grain));
                    res.anchor = Some(r);
                    res
                }
                _ => Resolved::new(TimexType::Date, unknown(grain)),
            }
        }
        RawKind::Relative { shift, unit } => match state.reference_for(unit.grain()) {
            Some((r, c)) => match relative(c, *shift, *unit) {
                Some(moved) => {
                    let mut res = Resolved::dated(moved, Some(r));
                    res.narrative = *shift >= 0;
                    res
                }
                None => {
                    let mut res = Resolved::new(TimexType::Date, partly_unknown(c, unit.grain()));
                    res.anchor = Some(r);
                    res
                }
            },
            None => Resolved::new(TimexType::Date, unknown(unit.grain())),
        },
        RawKind::Deictic { shift, unit } => {
            match options.dct.and_then(|d| relative(d, *shift, *unit)) {
                Some(c) => {
                    let mut r = Resolved::dated(c, None);
                    r.narrative = false;
                    r
                }
                None if *shift == 0 && *unit == Unit::Day => {
                    Resolved::new(TimexType::Date, "PRESENT_REF".into())
                }
                None => Resolved::new(TimexType::Date, unknown(unit.grain())),
            }
        }
    })
}

/// A value at `grain` of which only the reference's year is known: `1915-XX-XX`.
fn partly_unknown(reference: Cal, grain: Grain) -> String {
    let Some(y) = reference.year() else {
        return unknown(grain);
    };
    let year = Cal::Year(y).timex();
    match grain {
        Grain::Day => match reference {
            Cal::Month(..) => format!("{}-XX", reference.timex()),
            _ => format!("{year}-XX-XX"),
        },
        Grain::Week => format!("{year}-WXX"),
        Grain::Month | Grain::Part => format!("{year}-XX"),
        _ => year,
    }
}

/// A unit moved from a reference value: "the next day", "that year".
fn relative(reference: Cal, shift: i64, unit: Unit) -> Option<Cal> {
    let grain = unit.grain();
    let base = reference.truncate(grain)?;
    if base.grain() > grain {
        return None;
    }
    base.shift(shift, grain)
}

/// The value of a date with unknown parts, at a grain: `XXXX-XX` for a month.
fn unknown(grain: Grain) -> String {
    match grain {
        Grain::Day => "XXXX-XX-XX",
        Grain::Week => "XXXX-WXX",
        Grain::Month | Grain::Part => "XXXX-XX",
        Grain::Year => "XXXX",
        Grain::Decade => "XXX",
        Grain::Century => "XX",
    }
    .to_string()
}

/// Resolves a written date: (TIMEX3 value, calendar value, the reference
/// it took a part from).
fn date_value(p: &Partial, state: &Narrative) -> (String, Option<Cal>, Option<usize>) {
    let mut p = *p;
    let mut used = None;
    if p.bare_small_year && state.before_era {
        p.year = p.year.map(|y| 1 - y);
    }
    if let Some(c) = p.century {
        return (Cal::Century(c).timex(), Some(Cal::Century(c)), None);
    }
    if let Some(d) = p.decade {
        return (Cal::Decade(d).timex(), Some(Cal::Decade(d)), None);
    }
    let reference = state.latest();
    let ref_year = reference.and_then(|(_, c)| c.year());
    if p.short_year {
        if let (Some(y), Some(r)) = (p.year, ref_year) {
            p.year = Some(r - r.rem_euclid(100) + y % 100);
        }
    }
    if let (Some(wd), None, None) = (p.weekday, p.day, p.year) {
        // A weekday alone: the day of that name nearest the reference day.
        if let Some((r, Cal::Day(y, m, d))) = state.reference_for(Grain::Day) {
            let n = day_number(y, m, d);
            let current = (n + 3).rem_euclid(7) + 1;
            let mut delta = i64::from(wd) - current;
            match p.shift {
                // "the following Sunday": the next one after the reference day.
                1.. if delta <= 0 => delta += 7,
                ..=-1 if delta >= 0 => delta -= 7,
                0 if delta > 3 => delta -= 7,
                0 if delta < -3 => delta += 7,
                _ => {}
            }
            let (y, m, d) = from_day_number(n + delta);
            let c = Cal::Day(y, m, d);
            return (c.timex(), Some(c), Some(r));
        }
        return (format!("XXXX-WXX-{wd}"), None, None);
    }
    if p.day.is_some() && p.month.is_none() {
        // "the 20th": the month and year of the narrative.
        match state.reference_for(Grain::Month) {
            Some((r, c)) if c.month().is_some() => {
                p.month = c.month();
                p.year = p.year.or(c.year());
                used = Some(r);
            }
            _ => return ("XXXX-XX-XX".into(), None, None),
        }
    }
    if p.year.is_none() {
        if matches!(p.part, Some(YearPart::Season(_))) {
            if let Some((r, c)) = reference {
                if let Some(y) = c.year() {
                    p.year = Some(season_year(y, c.month(), p.part, p.shift));
                    used = Some(r);
                }
            }
        } else if let Some((r, y)) = state.year_for_month() {
            // "the previous December", "the following January": the
            // occurrence before or after the reference's month.
            let ref_month = reference.and_then(|(_, c)| c.month());
            p.year = Some(match (p.shift, p.month, ref_month) {
                (1.., Some(m), Some(rm)) if m > rm => y,
                (1.., _, _) => y + 1,
                (..=-1, Some(m), Some(rm)) if m < rm => y,
                (..=-1, _, _) => y - 1,
                _ => y,
            });
            used = Some(r);
        }
    }
    let Some(y) = p.year else {
        let value = match (p.month, p.day, p.part) {
            (Some(m), Some(d), _) => format!("XXXX-{m:02}-{d:02}"),
            (Some(m), None, _) => format!("XXXX-{m:02}"),
            (None, _, Some(YearPart::Season(s))) => {
                format!(
                    "XXXX-{}",
                    ["SP", "SU", "FA", "WI"][usize::from(s.clamp(1, 4) - 1)]
                )
            }
            _ => "XXXX".to_string(),
        };
        return (value, None, None);
    };
    let cal = match (p.month, p.day, p.part) {
        (Some(m), Some(d), _) => Cal::Day(y, m, d),
        (Some(m), None, _) => Cal::Month(y, m),
        (None, _, Some(part)) => Cal::Part(y, part),
        _ => Cal::Year(y),
    };
    (cal.timex(), Some(cal), used)
}

/// The year of a season named relative to the reference ("the next spring"
/// after December 1777 is 1778's).
fn season_year(year: i32, month: Option<u8>, part: Option<YearPart>, shift: i8) -> i32 {
    let Some(YearPart::Season(s)) = part else {
        return year;
    };
    let start = [3u8, 6, 9, 12][usize::from(s.clamp(1, 4) - 1)];
    match (shift, month) {
        (0, _) => year,
        (1.., Some(m)) if start > m => year,
        (1.., _) => year + 1,
        (..=-1, Some(m)) if start < m => year,
        (..=-1, _) => year - 1,
    }
}

/// The day part of a TIME value: `1941-12-07`, `1918-04-XX`, `XXXX-XX-XX`.
fn time_day(date: &str, cal: Option<Cal>) -> String {
    match cal {
        Some(Cal::Day(..)) => date.to_string(),
        Some(Cal::Month(..)) => format!("{date}-XX"),
        Some(c) if c.year().is_some() => {
            format!("{}-XX-XX", Cal::Year(c.year().unwrap_or(0)).timex())
        }
        _ if date.len() == 10 => date.to_string(),
        _ => "XXXX-XX-XX".to_string(),
    }
}

/// A date with a time of day: `1941-12-07TMO`, `XXXX-XX-XXTNI`, `1941-12-07T07:48`.
fn time_of_day(day: &str, tod: TimeOfDay) -> String {
    match tod {
        TimeOfDay::Part(p) => format!("{day}T{p}"),
        TimeOfDay::Clock(h, m) => format!("{day}T{h:02}:{m:02}"),
    }
}
