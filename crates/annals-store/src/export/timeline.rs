//! TimelineJS: the dated events as slides of a timeline
//! (<https://timeline.knightlab.com/docs/json-format.html>).

use super::{file_stems, DocumentRecord};
use annals_core::Event;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// A TimelineJS date object: a year, and the finer parts its precision has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineDate {
    /// The year; years before the era are negative (44 BC is -44).
    pub year: i64,
    /// Month, 1–12.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<u8>,
    /// Day of the month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<u8>,
    /// Hour, 0–23.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hour: Option<u8>,
    /// Minute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minute: Option<u8>,
    /// Second.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second: Option<u8>,
}

impl TimelineDate {
    fn year(year: i64) -> TimelineDate {
        TimelineDate {
            year,
            month: None,
            day: None,
            hour: None,
            minute: None,
            second: None,
        }
    }

    fn month(year: i64, month: u8) -> TimelineDate {
        TimelineDate {
            month: Some(month),
            ..TimelineDate::year(year)
        }
    }
}

/// A TIMEX3 value as a timeline shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineSpan {
    /// Where it starts, at the value's own precision.
    pub start: TimelineDate,
    /// Where it ends, when the value covers more than its start says (the
    /// last year of a decade, the last month of a quarter).
    pub end: Option<TimelineDate>,
    /// How to read it: `1980s`, `September 1941`, `44 BC`.
    pub label: String,
}

use annals_core::calendar::MONTH_NAMES as MONTHS;

/// A TIMEX3 date value as TimelineJS dates: a year, month, day or time of
/// day stays at its precision; a decade, century, quarter or half-year
/// starts at its first year or month and ends at its last. `None` for what
/// a timeline cannot place: `PRESENT_REF` and the like, seasons, weeks,
/// decades and centuries before the era.
///
/// ```
/// use annals_store::export::timeline_date;
/// let decade = timeline_date("198").expect("a decade");
/// assert_eq!((decade.start.year, decade.start.month), (1980, None));
/// assert_eq!(decade.end.map(|d| d.year), Some(1989));
/// assert_eq!(decade.label, "1980s");
/// let day = timeline_date("1945-08-08").expect("a day");
/// assert_eq!((day.start.year, day.start.month, day.start.day), (1945, Some(8), Some(8)));
/// assert_eq!((day.end, day.label.as_str()), (None, "8 August 1945"));
/// assert_eq!(timeline_date("BC0044").map(|d| (d.start.year, d.label)), Some((-44, "44 BC".into())));
/// assert_eq!(timeline_date("PRESENT_REF"), None);
/// assert_eq!(timeline_date("1945-SU"), None);
/// ```
pub fn timeline_date(value: &str) -> Option<TimelineSpan> {
    let (before_era, body) = match value.strip_prefix("BC") {
        Some(rest) => (true, rest),
        None => (false, value),
    };
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let (head, rest) = body.split_at(digits);
    let number: i64 = head.parse().ok()?;
    match (digits, before_era, rest) {
        (2, false, "") => Some(TimelineSpan {
            start: TimelineDate::year(number * 100),
            end: Some(TimelineDate::year(number * 100 + 99)),
            label: format!("{} century", ordinal(number + 1)),
        }),
        (3, false, "") => Some(TimelineSpan {
            start: TimelineDate::year(number * 10),
            end: Some(TimelineDate::year(number * 10 + 9)),
            label: format!("{}s", number * 10),
        }),
        (4, _, _) if !(before_era && number == 0) => {
            let year = if before_era { -number } else { number };
            let year_label = if before_era {
                format!("{number} BC")
            } else {
                number.to_string()
            };
            within_year(year, &year_label, rest)
        }
        _ => None,
    }
}

/// The part of a value after its year: nothing, `-Q1`, `-H2`, `-09`,
/// `-09-01`, `-09-01T07:48`, `-09-01TMO`.
fn within_year(year: i64, year_label: &str, rest: &str) -> Option<TimelineSpan> {
    let Some(rest) = rest.strip_prefix('-') else {
        return rest.is_empty().then(|| TimelineSpan {
            start: TimelineDate::year(year),
            end: None,
            label: year_label.to_string(),
        });
    };
    if let Some(q) = rest.strip_prefix('Q').and_then(|q| q.parse::<u8>().ok()) {
        let words = ["first", "second", "third", "fourth"];
        let word = words.get(usize::from(q).checked_sub(1)?)?;
        return Some(TimelineSpan {
            start: TimelineDate::month(year, q * 3 - 2),
            end: Some(TimelineDate::month(year, q * 3)),
            label: format!("{word} quarter of {year_label}"),
        });
    }
    if let Some(h) = rest.strip_prefix('H').and_then(|h| h.parse::<u8>().ok()) {
        let word = ["first", "second"].get(usize::from(h).checked_sub(1)?)?;
        return Some(TimelineSpan {
            start: TimelineDate::month(year, h * 6 - 5),
            end: Some(TimelineDate::month(year, h * 6)),
            label: format!("{word} half of {year_label}"),
        });
    }
    let month: u8 = two_digits(rest.get(..2)?)?;
    let name = MONTHS.get(usize::from(month).checked_sub(1)?)?;
    let rest = &rest[2..];
    let Some(rest) = rest.strip_prefix('-') else {
        return rest.is_empty().then(|| TimelineSpan {
            start: TimelineDate::month(year, month),
            end: None,
            label: format!("{name} {year_label}"),
        });
    };
    let day: u8 = two_digits(rest.get(..2)?)?;
    let days = annals_core::calendar::days_in_month(i32::try_from(year).ok()?, month);
    if day == 0 || day > days {
        return None;
    }
    let date = TimelineDate {
        day: Some(day),
        ..TimelineDate::month(year, month)
    };
    let label = format!("{day} {name} {year_label}");
    let rest = &rest[2..];
    if rest.is_empty() {
        return Some(TimelineSpan {
            start: date,
            end: None,
            label,
        });
    }
    let time = rest.strip_prefix('T')?;
    let part = match time {
        "MO" => Some("morning"),
        "AF" => Some("afternoon"),
        "EV" => Some("evening"),
        "NI" => Some("night"),
        "DT" => Some("daytime"),
        _ => None,
    };
    if let Some(part) = part {
        return Some(TimelineSpan {
            start: date,
            end: None,
            label: format!("{label}, {part}"),
        });
    }
    let mut fields = time.split(':');
    let hour = two_digits(fields.next()?).filter(|h| *h < 24)?;
    let mut next = |limit: u8| match fields.next() {
        Some(f) => two_digits(f).filter(|n| *n < limit).map(Some),
        None => Some(None),
    };
    let minute = next(60)?;
    let second = next(60)?;
    if fields.next().is_some() {
        return None;
    }
    let clock = match (minute, second) {
        (Some(m), Some(s)) => format!("{hour:02}:{m:02}:{s:02}"),
        (Some(m), None) => format!("{hour:02}:{m:02}"),
        _ => format!("{hour:02}:00"),
    };
    Some(TimelineSpan {
        start: TimelineDate {
            hour: Some(hour),
            minute,
            second,
            ..date
        },
        end: None,
        label: format!("{label}, {clock}"),
    })
}

/// Two ASCII digits.
fn two_digits(text: &str) -> Option<u8> {
    (text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// `20th`, `21st`, `3rd`.
fn ordinal(n: i64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A label under a TIMEX3 modifier: `early 1956`, `after 1945`.
fn modified(label: String, modifier: Option<&str>) -> String {
    let prefix = match modifier {
        Some("START") => "early ",
        Some("MID") => "mid-",
        Some("END") => "late ",
        Some("APPROX") => "about ",
        Some("BEFORE") => "before ",
        Some("AFTER") => "after ",
        Some("ON_OR_BEFORE") => "by ",
        Some("ON_OR_AFTER") => "from ",
        _ => "",
    };
    format!("{prefix}{label}")
}

/// Text for HTML, which TimelineJS renders.
fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// The timeline of the documents' dated events, and how many dated events
/// were skipped because their dates cannot be placed.
pub(super) fn timeline(records: &[DocumentRecord]) -> (Value, usize) {
    let stems = file_stems(records.iter().map(|r| r.name.as_str()));
    let mut slides = Vec::new();
    let mut skipped = 0;
    for (doc, stem) in records.iter().zip(&stems) {
        for event in &doc.events {
            if event.date.is_none() {
                continue;
            }
            match slide(doc, event, stem) {
                Some(s) => slides.push(s),
                None => skipped += 1,
            }
        }
    }
    let (headline, about) = match records {
        [one] => (
            one.title.clone().unwrap_or_else(|| one.name.clone()),
            format!("{} dated events of {}", slides.len(), one.name),
        ),
        _ => (
            "annals".to_string(),
            format!(
                "{} dated events of {} documents",
                slides.len(),
                records.len()
            ),
        ),
    };
    let value = json!({
        "title": {"text": {"headline": html(&headline), "text": html(&about)}},
        "events": slides,
    });
    (value, skipped)
}

/// One event's slide, `None` when its date cannot be placed.
fn slide(doc: &DocumentRecord, event: &Event, stem: &str) -> Option<Value> {
    let date = event.date.as_ref()?;
    let start = timeline_date(&date.value)?;
    let end = match &date.end {
        Some(value) => Some(timeline_date(value)?),
        None => None,
    };
    let (end_date, label) = match end {
        Some(end) => (
            Some(end.end.unwrap_or(end.start)),
            format!("{} – {}", start.label, end.label),
        ),
        None => (start.end.clone(), start.label.clone()),
    };
    let label = modified(label, date.modifier.as_deref());
    let sentence = doc
        .text
        .get(event.sentence_start..event.sentence_end)
        .unwrap_or(&event.trigger.text);
    let trigger = html(&event.trigger.text);
    let (source, target) = (
        html(&event.source.join(", ")),
        html(&event.target.join(", ")),
    );
    let mut headline = match (source.is_empty(), target.is_empty()) {
        (true, true) => trigger,
        (false, true) => format!("{source}: {trigger}"),
        (true, false) => format!("→ {target}: {trigger}"),
        (false, false) => format!("{source} → {target}: {trigger}"),
    };
    if event.negated {
        headline.push_str(" (did not happen)");
    } else if event.hypothetical {
        headline.push_str(" (not carried out)");
    }
    let mode = event
        .mode
        .as_deref()
        .map_or(String::new(), |m| format!(" ({})", html(m)));
    let text = format!(
        "<blockquote>{}</blockquote><p>PLOVER {}{mode} · CAMEO {} · Goldstein {}</p><p>{}</p>",
        html(sentence),
        html(&event.kind),
        html(&event.cameo),
        event.goldstein,
        html(doc.title.as_deref().unwrap_or(&doc.name)),
    );
    let mut slide = json!({
        "start_date": start.start,
        "display_date": label,
        "text": {"headline": headline, "text": text},
        "group": event.kind,
        "unique_id": format!("{stem}-{}", event.id.to_lowercase()),
    });
    if let (Some(end), Some(map)) = (end_date, slide.as_object_mut()) {
        map.insert("end_date".into(), json!(end));
    }
    Some(slide)
}

#[cfg(test)]
mod tests {
    use super::{modified, timeline_date, TimelineDate};

    fn start(value: &str) -> TimelineDate {
        timeline_date(value)
            .unwrap_or_else(|| panic!("{value} is placed"))
            .start
    }

    #[test]
    fn each_value_keeps_its_precision() {
        assert_eq!(start("1941"), TimelineDate::year(1941));
        assert_eq!(start("1941-09"), TimelineDate::month(1941, 9));
        let time = start("1941-12-07T07:48");
        assert_eq!(
            (time.day, time.hour, time.minute, time.second),
            (Some(7), Some(7), Some(48), None)
        );
        let morning = timeline_date("1944-06-06TMO").expect("placed");
        assert_eq!((morning.start.day, morning.start.hour), (Some(6), None));
        assert_eq!(morning.label, "6 June 1944, morning");
        let century = timeline_date("19").expect("placed");
        assert_eq!(
            (century.start.year, century.end.map(|e| e.year)),
            (1900, Some(1999))
        );
        assert_eq!(century.label, "20th century");
        let quarter = timeline_date("1945-Q2").expect("placed");
        assert_eq!(
            (quarter.start.month, quarter.end.and_then(|e| e.month)),
            (Some(4), Some(6))
        );
        let half = timeline_date("1945-H2").expect("placed");
        assert_eq!(half.label, "second half of 1945");
        let ides = timeline_date("BC0044-03-15").expect("placed");
        assert_eq!(
            (ides.start.year, ides.label.as_str()),
            (-44, "15 March 44 BC")
        );
    }

    #[test]
    fn what_a_timeline_cannot_place_is_none() {
        for value in [
            "PRESENT_REF",
            "FUTURE_REF",
            "1945-SU",
            "1945-W12",
            "1945-13",
            "1945-02-30",
            "1945-Q5",
            "1945-09-01T25:00",
            "1945-09-01TXX",
            "BC003",
            "BC0000",
            "P3Y",
            "",
            "19450",
        ] {
            assert_eq!(timeline_date(value), None, "{value}");
        }
    }

    #[test]
    fn modifiers_read_as_words() {
        assert_eq!(modified("1956".into(), Some("START")), "early 1956");
        assert_eq!(modified("1978".into(), Some("MID")), "mid-1978");
        assert_eq!(modified("1945".into(), Some("AFTER")), "after 1945");
        assert_eq!(modified("1945".into(), None), "1945");
    }
}

#[cfg(test)]
mod skipping {
    use crate::export::DocumentRecord;
    use annals_core::{Event, EventDate, Trigger};

    fn event(id: &str, value: Option<&str>) -> Event {
        Event {
            id: id.into(),
            sentence_start: 0,
            sentence_end: 20,
            trigger: Trigger {
                start: 4,
                end: 10,
                text: "signed".into(),
            },
            kind: "AGREE".into(),
            mode: None,
            cameo: "057".into(),
            goldstein: 8.0,
            source: vec!["Japan".into()],
            target: vec![],
            date: value.map(|v| EventDate {
                value: v.into(),
                end: None,
                modifier: None,
            }),
            location: None,
            negated: false,
            hypothetical: false,
            same_as: None,
        }
    }

    #[test]
    fn undated_events_are_left_out_and_unplaceable_ones_counted() {
        let text = "They signed it now.".to_string();
        let doc = DocumentRecord {
            name: "a.txt".into(),
            title: None,
            hash: String::new(),
            bytes: text.len(),
            text,
            sections: vec![],
            sentences: vec![],
            timexes: vec![],
            mentions: vec![],
            events: vec![
                event("E1", Some("1925")),
                event("E2", None),
                event("E3", Some("PRESENT_REF")),
            ],
            measures: vec![],
        };
        let (value, skipped) = super::timeline(&[doc]);
        let slides = value["events"].as_array().expect("events");
        assert_eq!((slides.len(), skipped), (1, 1));
        assert_eq!(slides[0]["unique_id"], "a-txt-e1");
        assert_eq!(slides[0]["text"]["headline"], "Japan: signed");
        assert_eq!(slides[0]["start_date"], serde_json::json!({"year": 1925}));
    }
}
