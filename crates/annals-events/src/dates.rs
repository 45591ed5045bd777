//! Dating events: the sentence's own dates, named events used as time frames
//! ("during the Russian Civil War", "after World War II"), the period of the
//! section's heading ("1925–1930: Quiet cooperation"), and the narrative's
//! latest date.

use annals_core::calendar::from_day_number;
use annals_core::{Document, EntityLabel, EventDate, Mention, Sentence, Timex, TimexType};
use std::collections::HashMap;

/// Where an event's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateSource {
    /// A time expression of the event's own clause, or the event's own
    /// dates (a named war).
    Own,
    /// A time expression of the sentence, in another clause.
    Sentence,
    /// A named event used as a time frame in the sentence.
    Frame,
    /// The period of the section's heading.
    Section,
    /// The narrative's latest date before the sentence.
    Narrative,
    /// No date.
    None,
}

/// Words that open a phrase after which the event happened.
const AFTER: [&str; 4] = ["after", "following", "since", "afterwards"];
/// Words that open a phrase before which the event happened.
const BEFORE: [&str; 2] = ["before", "prior"];

/// The period each section's heading gives ("1925–1930: Quiet cooperation",
/// "Russian Civil War and recognition (1917–1925)"), inherited by
/// subsections whose headings give none.
pub(crate) fn section_periods(doc: &Document, timexes: &[Timex]) -> Vec<Option<EventDate>> {
    let mut out: Vec<Option<EventDate>> = Vec::with_capacity(doc.sections.len());
    for section in &doc.sections {
        let own = section.heading.and_then(|h| {
            let inside: Vec<&Timex> = timexes
                .iter()
                .filter(|t| {
                    t.span.start >= h.start
                        && t.span.end <= h.end
                        && t.kind == TimexType::Date
                        && t.value.len() >= 3
                })
                .collect();
            let first = inside.iter().find(|t| t.range_start.is_none())?;
            let end = inside
                .iter()
                .find(|t| t.range_start.as_deref() == Some(first.id.as_str()))
                .map(|t| t.value.clone());
            Some(EventDate {
                value: first.value.clone(),
                end,
                modifier: None,
            })
        });
        let inherited = section.parent.and_then(|p| out.get(p).cloned().flatten());
        out.push(own.or(inherited));
    }
    out
}

/// Whether a year names a treaty, a law or an event rather than dating the
/// sentence: it runs straight into the name ("the 1905 Treaty of
/// Portsmouth", "the 1941 Neutrality pact") or lies inside it.
pub(crate) fn names_year(t: &Timex, names: &[&Mention]) -> bool {
    names.iter().any(|n| {
        matches!(n.label, EntityLabel::Law | EntityLabel::Event)
            && ((n.span.start >= t.span.end && n.span.start <= t.span.end + 1)
                || (n.span.start <= t.span.start && t.span.end <= n.span.end))
    })
}

/// The dates the text itself gives named events: "the Russian Civil War
/// (1918–21)", "the Russo-Japanese War of 1904–05". The first such date of
/// each title holds for the whole document.
pub(crate) fn named_dates(
    doc: &Document,
    sentences: &[Sentence],
    timexes: &[Timex],
    mentions: &[Mention],
) -> HashMap<String, EventDate> {
    let _ = sentences;
    let mut out = HashMap::new();
    for n in mentions.iter().filter(|n| n.label == EntityLabel::Event) {
        let Some(link) = &n.link else {
            continue;
        };
        if out.contains_key(link) {
            continue;
        }
        let rest = doc.text.get(n.span.end..).unwrap_or("");
        let gap = if rest.starts_with(" (") {
            2
        } else if rest.starts_with(" of ") {
            4
        } else {
            continue;
        };
        let at = n.span.end + gap;
        let Some(t) = timexes
            .iter()
            .find(|t| t.span.start == at && t.kind == TimexType::Date && t.range_start.is_none())
        else {
            continue;
        };
        let all: Vec<&Timex> = timexes.iter().collect();
        out.insert(link.clone(), of_timex(t, &all));
    }
    out
}

/// A date from a time expression, with the end of its written range.
pub(crate) fn of_timex(t: &Timex, dates: &[&Timex]) -> EventDate {
    let end = dates
        .iter()
        .find(|d| d.range_start.as_deref() == Some(t.id.as_str()))
        .map(|d| d.value.clone());
    EventDate {
        value: t.value.clone(),
        end,
        modifier: t.modifier.map(|m| m.as_str().to_string()),
    }
}

/// The years of a named event of the gazetteer (`1904`..`1905`).
pub(crate) fn of_named(title: &str) -> Option<EventDate> {
    let event = annals_entities::named_event(title)?;
    let from = from_day_number(event.from?).0;
    let to = event.to.map_or(from, |d| from_day_number(d).0);
    if from <= 0 {
        return None;
    }
    Some(EventDate {
        value: format!("{from:04}"),
        end: (to != from).then(|| format!("{to:04}")),
        modifier: None,
    })
}

/// The words of a sentence: (start, end, lower-case text), offsets relative
/// to the sentence.
pub(crate) type Words<'a> = &'a [(usize, usize, String)];

/// "after 1975" / "following the December 1979 invasion": the modifier an
/// event at `trigger` takes from the phrase that holds the date at `date`
/// (offsets relative to the sentence). An event inside the phrase itself
/// ("After Russia was defeated in 1905") takes none.
pub(crate) fn phrase_mod(ws: Words, date: usize, trigger: usize) -> Option<&'static str> {
    let before: Vec<&(usize, usize, String)> =
        ws.iter().filter(|w| w.1 <= date).rev().take(6).collect();
    for w in before {
        if matches!(w.2.as_str(), "," | ";" | ":" | "(" | ")") {
            return None;
        }
        let kind = if AFTER.contains(&w.2.as_str()) {
            "AFTER"
        } else if BEFORE.contains(&w.2.as_str()) {
            "BEFORE"
        } else {
            continue;
        };
        // The phrase runs from its first word to the next comma or the end.
        let end = ws
            .iter()
            .find(|x| x.0 > date && matches!(x.2.as_str(), "," | ";" | ":"))
            .map_or(usize::MAX, |x| x.0);
        let inside = trigger >= w.0 && trigger < end;
        return (!inside).then_some(kind);
    }
    None
}
/// A named event of the sentence used as its time frame, with the offset of
/// its name: "during the Russian Civil War" gives the war's years, "after
/// World War II" its last year with `AFTER`, "before …" its first year with
/// `BEFORE`, "at the end of …" its last year.
pub(crate) fn frame_at(
    ws: Words,
    s: &Sentence,
    names: &[&Mention],
    trigger: usize,
    named_dates: &HashMap<String, EventDate>,
) -> Option<(usize, EventDate)> {
    for n in names {
        let Some(link) = n.link.as_deref() else {
            continue;
        };
        let Some(date) = named_dates.get(link).cloned().or_else(|| of_named(link)) else {
            continue;
        };
        let a = n.span.start.saturating_sub(s.span.start);
        if a <= trigger && trigger < n.span.end - s.span.start {
            continue;
        }
        let word = ws
            .iter()
            .rev()
            .filter(|w| w.1 <= a && !matches!(w.2.as_str(), "the" | "a" | "an"))
            .map(|w| w.2.as_str())
            .next();
        let end_of = {
            let near: Vec<&str> = ws
                .iter()
                .rev()
                .filter(|w| w.1 <= a)
                .take(4)
                .map(|w| w.2.as_str())
                .collect();
            near.first() == Some(&"of")
                && near
                    .iter()
                    .any(|w| matches!(*w, "end" | "last" | "final" | "closing"))
        };
        if end_of {
            return Some((
                a,
                EventDate {
                    value: date.end.unwrap_or(date.value),
                    end: None,
                    modifier: None,
                },
            ));
        }
        match word {
            Some("during" | "throughout" | "amid" | "in") => return Some((a, date)),
            Some(w) if AFTER.contains(&w) => {
                return Some((
                    a,
                    EventDate {
                        value: date.end.unwrap_or(date.value),
                        end: None,
                        modifier: Some("AFTER".into()),
                    },
                ))
            }
            Some(w) if BEFORE.contains(&w) => {
                return Some((
                    a,
                    EventDate {
                        value: date.value,
                        end: None,
                        modifier: Some("BEFORE".into()),
                    },
                ))
            }
            _ => {}
        }
    }
    None
}

/// Whether the date at `at` (relative to the sentence) lies in a clause
/// about the future: a modal ("would", "will") after the clause's last
/// comma or "that" and before the date.
pub(crate) fn in_future_clause(ws: Words, at: usize) -> bool {
    ws.iter()
        .rev()
        .filter(|w| w.1 <= at)
        .take_while(|w| !matches!(w.2.as_str(), "," | ";" | ":" | "that"))
        .any(|w| matches!(w.2.as_str(), "would" | "will" | "shall"))
}

/// "in 1940 and 1941": the year joined to `d` by "and" before it, if any.
pub(crate) fn coordinated_before<'a>(
    ws: Words,
    dates: &[&'a Timex],
    s: &Sentence,
    d: &Timex,
) -> Option<&'a Timex> {
    let at = d.span.start - s.span.start;
    let before: Vec<&(usize, usize, String)> =
        ws.iter().rev().filter(|w| w.1 <= at).take(2).collect();
    let [and, prev] = before.as_slice() else {
        return None;
    };
    if and.2 != "and" {
        return None;
    }
    dates.iter().copied().find(|t| {
        t.span.end - s.span.start == prev.1
            && t.value.len() == d.value.len()
            && t.value < d.value
            && t.range_start.is_none()
    })
}

/// "the next three years" (a duration of whole years): the years from the
/// narrative's on ("1972".."1974").
pub(crate) fn following_years(
    t: &Timex,
    all: &[Timex],
    narrative: Option<&EventDate>,
) -> Option<EventDate> {
    if t.kind != TimexType::Duration {
        return None;
    }
    let lower = t.text.to_lowercase();
    if ![
        "the next ",
        "the following ",
        "over the next ",
        "in the next ",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
    {
        return None;
    }
    let years: i32 = t.value.strip_prefix('P')?.strip_suffix('Y')?.parse().ok()?;
    // From the story's time before the sentence ("visited Tokyo in January
    // 1972 … Other talks … during the next three years"), else from the
    // expression's own anchor.
    let from: i32 = match narrative.and_then(|n| n.value.get(..4)?.parse().ok()) {
        Some(year) => year,
        None => {
            let anchor = all.iter().find(|a| Some(&a.id) == t.anchor.as_ref())?;
            anchor.value.get(..4)?.parse().ok()?
        }
    };
    if !(1..=100).contains(&years) {
        return None;
    }
    Some(EventDate {
        value: format!("{from:04}"),
        end: Some(format!("{:04}", from + years - 1)),
        modifier: None,
    })
}

/// "visited Tokyo in January 1972, one month before Nixon's visit to
/// China": an event right after a duration and "before" or "after" happened
/// that long after (or before) the date of the sentence that comes first.
/// Months and years only; `None` when the sentence gives no such reading.
pub(crate) fn offset_from_sentence(
    ws: Words,
    offsets: &[(usize, usize, String)],
    dates: &[&Timex],
    s: &Sentence,
    trigger: usize,
) -> Option<EventDate> {
    for (start, end, value) in offsets {
        if *end > trigger || trigger - end > 60 {
            continue;
        }
        // Only the event the "before"/"after" phrase names, not a verb after it.
        if ws
            .iter()
            .any(|w| w.0 >= *end && w.1 <= trigger && matches!(w.2.as_str(), "," | ";" | ":"))
        {
            continue;
        }
        let next = ws.iter().find(|w| w.0 >= *end).map(|w| w.2.as_str());
        let sign = match next {
            Some("before") => 1,
            Some("after") => -1,
            _ => continue,
        };
        let base = dates
            .iter()
            .rev()
            .find(|d| d.span.end - s.span.start <= *start && d.range_start.is_none())?;
        let (n, unit) = value
            .strip_prefix('P')
            .and_then(|v| v.split_at_checked(v.len().checked_sub(1)?))
            .and_then(|(n, u)| Some((n.parse::<i32>().ok()?, u)))?;
        let year: i32 = base.value.get(..4)?.parse().ok()?;
        return match (
            unit,
            base.value.get(5..7).and_then(|m| m.parse::<i32>().ok()),
        ) {
            ("M", Some(month)) => {
                let total = year * 12 + (month - 1) + sign * n;
                Some(EventDate {
                    value: format!(
                        "{:04}-{:02}",
                        total.div_euclid(12),
                        total.rem_euclid(12) + 1
                    ),
                    end: None,
                    modifier: None,
                })
            }
            ("Y", _) => Some(EventDate {
                value: format!("{:04}", year + sign * n),
                end: None,
                modifier: None,
            }),
            _ => None,
        };
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(usize, usize, String)> {
        crate::words(text)
    }

    #[test]
    fn after_phrases_date_what_follows_them() {
        let text = "After Russia was defeated in 1905, Japan took control of Sakhalin.";
        let ws = words(text);
        let date = text.find("1905").unwrap();
        assert_eq!(phrase_mod(&ws, date, text.find("defeated").unwrap()), None);
        assert_eq!(
            phrase_mod(&ws, date, text.find("took").unwrap()),
            Some("AFTER")
        );
        let text = "Japan was pressed to act following the December 1979 invasion.";
        let ws = words(text);
        let date = text.find("December").unwrap();
        assert_eq!(
            phrase_mod(&ws, date, text.find("pressed").unwrap()),
            Some("AFTER")
        );
        assert_eq!(phrase_mod(&ws, date, text.find("invasion").unwrap()), None);
        let text = "In 1941, Japan and the Soviet Union signed a pact.";
        let ws = words(text);
        assert_eq!(
            phrase_mod(
                &ws,
                text.find("1941").unwrap(),
                text.find("signed").unwrap()
            ),
            None
        );
    }

    #[test]
    fn named_wars_have_their_years() {
        let war = of_named("Russo-Japanese War").unwrap();
        assert_eq!(
            (war.value.as_str(), war.end.as_deref()),
            ("1904", Some("1905"))
        );
        assert!(of_named("Japan").is_none());
    }
}
