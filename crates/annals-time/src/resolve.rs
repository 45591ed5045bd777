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
        if let Some(raw) = produce(grammar, m, &tokens, sentence.span, sentence.section) {
            raws.push(raw);
            kept.push(m);
        }
    }
    link_ranges(grammar, &tokens, &kept, &mut raws[first..], first);
}

/// Keeps the longest matches that do not overlap (ties: the earlier rule).
fn select(mut matches: Vec<Match>, tokens: &[Token<'_>]) -> Vec<Match> {
    let bytes = |m: &Match| tokens[m.end - 1].span.end - tokens[m.start].span.start;
    matches.sort_by(|a, b| {
        bytes(b)
            .cmp(&bytes(a))
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
    /// The latest date with a year: (raw index, value).
    reference: Option<(usize, Cal)>,
    /// The latest explicit year was before the common era.
    before_era: bool,
}

/// Resolves raw expressions in document order into timexes.
pub fn resolve(doc: &Document, raws: Vec<Raw>, options: &TagOptions) -> Vec<Timex> {
    let mut state = Narrative {
        reference: None,
        before_era: false,
    };
    let mut out = Vec::with_capacity(raws.len());
    for (i, raw) in raws.iter().enumerate() {
        let mut anchor = None;
        let reference = state.reference;
        let (kind, value, cal) = match &raw.kind {
            RawKind::Date(p) => {
                let (value, cal, used_ref) = date_value(p, reference, &mut state, options);
                if used_ref {
                    anchor = reference.map(|r| r.0);
                }
                (TimexType::Date, value, cal)
            }
            RawKind::Time(p, tod) if *p == Partial::default() && raw.anchored => match reference {
                Some((r, c)) => {
                    anchor = Some(r);
                    (TimexType::Time, time_value(&c.timex(), Some(c), *tod), None)
                }
                None => (TimexType::Time, time_value("", None, *tod), None),
            },
            RawKind::Time(p, tod) => {
                let (value, cal, used_ref) = date_value(p, reference, &mut state, options);
                if used_ref {
                    anchor = reference.map(|r| r.0);
                }
                (TimexType::Time, time_value(&value, cal, *tod), None)
            }
            RawKind::Duration(d) => (TimexType::Duration, d.timex(), None),
            RawKind::Set(v) => (TimexType::Set, v.clone(), None),
            RawKind::Ref(v) => {
                let cal = match (*v, options.dct) {
                    ("PRESENT_REF", Some(dct)) => Some(dct),
                    _ => None,
                };
                (TimexType::Date, (*v).to_string(), cal)
            }
            RawKind::Offset {
                count,
                unit,
                sign,
                ago,
            } => {
                let base = if *ago {
                    options.dct.map(|d| (usize::MAX, d))
                } else {
                    reference
                };
                match (base, count) {
                    (Some((r, cal)), Some(n)) if n.fract() == 0.0 => {
                        match cal.shift(sign * (*n as i64), unit.grain()) {
                            Some(c) => {
                                anchor = (r != usize::MAX).then_some(r);
                                (TimexType::Date, c.timex(), Some(c))
                            }
                            None => (TimexType::Date, unknown(unit.grain()), None),
                        }
                    }
                    _ => (TimexType::Date, unknown(unit.grain()), None),
                }
            }
            RawKind::Relative { shift, unit } => {
                match reference.and_then(|(r, c)| Some((r, relative(c, *shift, *unit)?))) {
                    Some((r, c)) => {
                        anchor = Some(r);
                        (TimexType::Date, c.timex(), Some(c))
                    }
                    None => (TimexType::Date, unknown(unit.grain()), None),
                }
            }
            RawKind::Deictic { shift, unit } => {
                match options.dct.and_then(|d| relative(d, *shift, *unit)) {
                    Some(c) => (TimexType::Date, c.timex(), Some(c)),
                    None if *shift == 0 && *unit == Unit::Day => {
                        (TimexType::Date, "PRESENT_REF".into(), None)
                    }
                    None => (TimexType::Date, unknown(unit.grain()), None),
                }
            }
        };
        let kind = raw.timex_type.unwrap_or(kind);
        if raw.anchored && anchor.is_none() {
            anchor = reference.map(|r| r.0);
        }
        if let Some(c) = cal {
            if kind == TimexType::Date && raw.range_start.is_none() && c.grain() <= Grain::Year {
                state.reference = Some((i, c));
            }
            if let Some(y) = c.year() {
                state.before_era = y <= 0;
            }
        }
        let (edtf, earliest, latest) = match (kind, cal) {
            (TimexType::Date, Some(c)) => {
                let mut edtf = c.edtf();
                if raw.modifier == Some(TimexMod::Approx) {
                    edtf.push('~');
                }
                let (a, b) = c.interval(raw.modifier);
                let (a, b) = match raw.modifier {
                    Some(TimexMod::After) => (a, String::new()),
                    Some(TimexMod::Before) => (String::new(), b),
                    _ => (a, b),
                };
                (
                    Some(edtf),
                    Some(a).filter(|s| !s.is_empty()),
                    Some(b).filter(|s| !s.is_empty()),
                )
            }
            _ => (None, None, None),
        };
        out.push(Timex {
            id: format!("T{}", i + 1),
            span: raw.span,
            text: doc.span_text(raw.span).to_string(),
            kind,
            value,
            modifier: raw.modifier,
            anchor: anchor.filter(|&a| a != i).map(|a| format!("T{}", a + 1)),
            range_start: raw.range_start.map(|r| format!("T{}", r + 1)),
            edtf,
            earliest,
            latest,
            sentence: raw.sentence,
        });
    }
    out
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

/// Resolves a written date: (TIMEX3 value, calendar value, whether the
/// reference time supplied a part).
fn date_value(
    p: &Partial,
    reference: Option<(usize, Cal)>,
    state: &mut Narrative,
    options: &TagOptions,
) -> (String, Option<Cal>, bool) {
    let _ = options;
    let mut p = *p;
    let mut used = false;
    if p.bare_small_year && state.before_era {
        p.year = p.year.map(|y| 1 - y);
    }
    if let Some(c) = p.century {
        return (Cal::Century(c).timex(), Some(Cal::Century(c)), false);
    }
    if let Some(d) = p.decade {
        return (Cal::Decade(d).timex(), Some(Cal::Decade(d)), false);
    }
    let ref_year = reference.and_then(|(_, c)| c.year());
    if p.short_year {
        if let (Some(y), Some(r)) = (p.year, ref_year) {
            p.year = Some(r - r.rem_euclid(100) + y % 100);
        }
    }
    if p.year.is_none() {
        if let Some(r) = ref_year {
            p.year = Some(r);
            used = true;
        }
    }
    if let (Some(wd), None) = (p.weekday, p.day) {
        // A weekday alone: the day of that name nearest the reference day.
        if let Some((_, Cal::Day(y, m, d))) = reference {
            let n = day_number(y, m, d);
            let current = (n + 3).rem_euclid(7) + 1;
            let mut delta = i64::from(wd) - current;
            if delta > 3 {
                delta -= 7;
            } else if delta < -3 {
                delta += 7;
            }
            let (y, m, d) = from_day_number(n + delta);
            let c = Cal::Day(y, m, d);
            return (c.timex(), Some(c), true);
        }
        return (format!("XXXX-WXX-{wd}"), None, false);
    }
    let Some(y) = p.year else {
        let value = match (p.month, p.day, p.part) {
            (Some(m), Some(d), _) => format!("XXXX-{m:02}-{d:02}"),
            (Some(m), None, _) => format!("XXXX-{m:02}"),
            (None, _, Some(YearPart::Season(s))) => format!(
                "XXXX-{}",
                ["SP", "SU", "FA", "WI"][usize::from(s.clamp(1, 4) - 1)]
            ),
            _ => "XXXX".to_string(),
        };
        return (value, None, false);
    };
    let cal = match (p.month, p.day, p.part) {
        (Some(m), Some(d), _) => Cal::Day(y, m, d),
        (Some(m), None, _) => Cal::Month(y, m),
        (None, _, Some(part)) => Cal::Part(y, part),
        _ => Cal::Year(y),
    };
    (cal.timex(), Some(cal), used)
}

/// A date with a time of day: `1941-12-07TMO`, `XXXX-XX-XXTNI`, `1941-12-07T07:48`.
fn time_value(date: &str, cal: Option<Cal>, tod: TimeOfDay) -> String {
    let day = match cal {
        Some(Cal::Day(..)) => date.to_string(),
        Some(Cal::Month(..)) => format!("{date}-XX"),
        Some(c) if c.year().is_some() => format!("{}-XX-XX", c.timex()),
        _ if date.len() == 10 => date.to_string(),
        _ => "XXXX-XX-XX".to_string(),
    };
    match tod {
        TimeOfDay::Part(p) => format!("{day}T{p}"),
        TimeOfDay::Clock(h, m) => format!("{day}T{h:02}:{m:02}"),
    }
}
