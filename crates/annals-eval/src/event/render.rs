//! Plain-text reports of event and measure scores: tables of figures and lists of errors.

use std::fmt::Write;

use crate::{EventDate, EventRecord, EventScore, MeasureRecord, MeasureScore, Prf};

/// A table with one row per measure (P, R, F1, tp, sys, gold), the date,
/// polarity and `same_as` accuracy on matched pairs, then one relaxed typed
/// row per event type that occurs in the gold or the system.
///
/// ```
/// use annals_eval::{render_event_table, score_events_document, EventRecord, TriggerSpan};
///
/// let agree = EventRecord {
///     trigger: TriggerSpan { start: 2, end: 8, text: "agreed".into() },
///     r#type: Some("AGREE".into()),
///     ..EventRecord::default()
/// };
/// let score = score_events_document(&[agree.clone()], &[agree]).score();
/// let table = render_event_table("seed events", &score);
/// assert!(table.starts_with("seed events\n"));
/// assert!(table.contains("typed_with_actors"));
/// assert!(table.contains("\nAGREE "));
/// ```
pub fn render_event_table(title: &str, score: &EventScore) -> String {
    let mut out = format!("{title}\n");
    header(&mut out);
    let rows = [
        ("trigger", &score.trigger),
        ("typed", &score.typed),
        ("typed_with_actors", &score.typed_with_actors),
    ];
    for (name, prf) in rows {
        row(&mut out, name, prf);
    }
    let counts = &score.counts;
    let accuracies = [
        (
            "date",
            score.date_accuracy_on_matched,
            counts.dated,
            counts.pairs,
        ),
        (
            "polarity",
            score.polarity_accuracy_on_matched,
            counts.polarity,
            counts.pairs,
        ),
        (
            "same_as",
            score.same_as_accuracy_on_matched,
            counts.same_as_ok,
            counts.same_as_pairs,
        ),
    ];
    for (name, figure, right, all) in accuracies {
        let _ = writeln!(
            out,
            "{name:<8} accuracy on matched {figure:.4} ({right}/{all})"
        );
    }
    if !score.per_type.is_empty() {
        let _ = writeln!(out, "relaxed typed, by type");
        for (kind, prf) in &score.per_type {
            row(&mut out, kind, prf);
        }
    }
    out
}

/// A table with the strict and relaxed span rows, then the amount and unit
/// accuracy on matched pairs.
///
/// ```
/// use annals_eval::{render_measure_table, score_measures_document, MeasureRecord, MeasureScope};
///
/// let usd = MeasureRecord { start: 0, end: 4, amount: Some(4.0), unit: Some("USD".into()), ..MeasureRecord::default() };
/// let score = score_measures_document(&[usd.clone()], &[usd], MeasureScope::All).score();
/// let table = render_measure_table("seed measures", &score);
/// assert!(table.contains("amount accuracy on matched 1.0000 (1/1)"));
/// ```
pub fn render_measure_table(title: &str, score: &MeasureScore) -> String {
    let mut out = format!("{title}\n");
    header(&mut out);
    row(&mut out, "strict", &score.strict);
    row(&mut out, "relaxed", &score.relaxed);
    let counts = &score.counts;
    let _ = writeln!(
        out,
        "amount accuracy on matched {:.4} ({}/{})",
        score.amount_accuracy_on_matched, counts.amount, counts.pairs
    );
    let _ = writeln!(
        out,
        "unit accuracy on matched   {:.4} ({}/{})",
        score.unit_accuracy_on_matched, counts.unit, counts.pairs
    );
    out
}

fn header(out: &mut String) {
    let _ = writeln!(
        out,
        "{:<18} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "measure", "P", "R", "F1", "tp", "sys", "gold"
    );
}

fn row(out: &mut String, name: &str, prf: &Prf) {
    let _ = writeln!(
        out,
        "{name:<18} {:>6.4} {:>6.4} {:>6.4} {:>6} {:>6} {:>6}",
        prf.p, prf.r, prf.f1, prf.tp, prf.sys, prf.gold
    );
}

/// One line per missed gold event (`MISS`) and one per aligned pair whose
/// type or actors differ (`WRONG`, gold then system), each with its document,
/// trigger span and text, type, actors and date.
///
/// ```
/// use annals_eval::{render_event_errors, score_events_document, EventRecord, TriggerSpan};
///
/// let gold = EventRecord {
///     trigger: TriggerSpan { start: 149, end: 157, text: "takeover".into() },
///     r#type: Some("COERCE".into()),
///     source: vec!["Bolsheviks".into()],
///     target: vec!["Russian Provisional Government".into()],
///     ..EventRecord::default()
/// };
/// let report = render_event_errors(&score_events_document(&[gold], &[]).score());
/// assert_eq!(
///     report,
///     "MISS  [149..157] \"takeover\" COERCE Bolsheviks -> Russian Provisional Government date (none)\n"
/// );
/// ```
pub fn render_event_errors(score: &EventScore) -> String {
    let mut out = String::new();
    for gold in &score.misses {
        let _ = writeln!(out, "MISS  {}", describe_event(gold));
    }
    for (gold, system) in &score.wrong {
        let _ = writeln!(
            out,
            "WRONG {}\n   vs {}",
            describe_event(gold),
            describe_event(system)
        );
    }
    out
}

/// One line per missed gold measure (`MISS`) and one per aligned pair whose
/// amount or unit differs (`WRONG`, gold then system).
///
/// ```
/// use annals_eval::{render_measure_errors, score_measures_document, MeasureRecord, MeasureScope};
///
/// let gold = MeasureRecord {
///     start: 6642,
///     end: 6649,
///     text: "90 days".into(),
///     amount: Some(90.0),
///     unit: Some("days".into()),
///     ..MeasureRecord::default()
/// };
/// let report = render_measure_errors(&score_measures_document(&[gold], &[], MeasureScope::All).score());
/// assert_eq!(report, "MISS  [6642..6649] \"90 days\" 90 days\n");
/// ```
pub fn render_measure_errors(score: &MeasureScore) -> String {
    let mut out = String::new();
    for gold in &score.misses {
        let _ = writeln!(out, "MISS  {}", describe_measure(gold));
    }
    for (gold, system) in &score.wrong {
        let _ = writeln!(
            out,
            "WRONG {}\n   vs {}",
            describe_measure(gold),
            describe_measure(system)
        );
    }
    out
}

/// `doc [start..end] "trigger" TYPE sources -> targets date V..E mod M`, with
/// flags after; `(no type)`, `(none)` and `(no date)` mark what is absent.
fn describe_event(event: &EventRecord) -> String {
    let mut line = String::new();
    if let Some(doc) = &event.doc {
        let _ = write!(line, "{doc} ");
    }
    let actors = |actors: &[String]| match actors {
        [] => "(none)".to_owned(),
        actors => actors.join(", "),
    };
    let _ = write!(
        line,
        "[{}..{}] {:?} {} {} -> {} date {}",
        event.trigger.start,
        event.trigger.end,
        event.trigger.text,
        event.r#type.as_deref().unwrap_or("(no type)"),
        actors(&event.source),
        actors(&event.target),
        describe_date(event.date.as_ref()),
    );
    if event.negated {
        line.push_str(" negated");
    }
    if event.hypothetical {
        line.push_str(" hypothetical");
    }
    if let Some(same_as) = &event.same_as {
        let _ = write!(line, " same_as {same_as}");
    }
    line
}

/// `V`, `V..E`, with ` mod M` when there is one; `(none)` for no date.
fn describe_date(date: Option<&EventDate>) -> String {
    let Some(date) = date else {
        return "(none)".to_owned();
    };
    let mut text = date.value.clone().unwrap_or_default();
    if let Some(end) = &date.end {
        let _ = write!(text, "..{end}");
    }
    if let Some(modifier) = &date.r#mod {
        let _ = write!(text, " mod {modifier}");
    }
    text
}

/// `doc [start..end] "text" AMOUNT UNIT`, `(no amount)` and `(no unit)` when absent.
fn describe_measure(measure: &MeasureRecord) -> String {
    let mut line = String::new();
    if let Some(doc) = &measure.doc {
        let _ = write!(line, "{doc} ");
    }
    let amount = measure
        .amount
        .map_or_else(|| "(no amount)".to_owned(), |a| a.to_string());
    let _ = write!(
        line,
        "[{}..{}] {:?} {amount} {}",
        measure.start,
        measure.end,
        measure.text,
        measure.unit.as_deref().unwrap_or("(no unit)")
    );
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{score_events_document, score_measures_document, MeasureScope, TriggerSpan};

    fn event(start: usize, text: &str, kind: &str, source: &[&str]) -> EventRecord {
        EventRecord {
            id: Some(format!("E{start}")),
            trigger: TriggerSpan {
                start,
                end: start + text.len(),
                text: text.into(),
            },
            r#type: Some(kind.into()),
            source: source.iter().map(|s| s.to_string()).collect(),
            ..EventRecord::default()
        }
    }

    #[test]
    fn event_table_lists_every_measure_and_the_types_present() {
        let gold = [
            event(0, "signed", "AGREE", &["Japan"]),
            event(10, "invaded", "ASSAULT", &["Japan"]),
        ];
        let system = [
            event(0, "signed", "AGREE", &["Japan"]),
            event(10, "invaded", "COERCE", &["Japan"]),
        ];
        let table = render_event_table("t", &score_events_document(&gold, &system).score());
        let expected = "\
t
measure                 P      R     F1     tp    sys   gold
trigger            1.0000 1.0000 1.0000      2      2      2
typed              0.5000 0.5000 0.5000      1      2      2
typed_with_actors  0.5000 0.5000 0.5000      1      2      2
date     accuracy on matched 1.0000 (2/2)
polarity accuracy on matched 1.0000 (2/2)
same_as  accuracy on matched 0.0000 (0/0)
relaxed typed, by type
AGREE              1.0000 1.0000 1.0000      1      1      1
ASSAULT            0.0000 0.0000 0.0000      0      0      1
COERCE             0.0000 0.0000 0.0000      0      1      0
";
        assert_eq!(table, expected);
    }

    #[test]
    fn event_errors_show_gold_and_system() {
        let mut gold = event(10, "signed", "SUPPORT", &["Soviet Union", "Japan"]);
        gold.doc = Some("000_x".into());
        gold.negated = true;
        gold.same_as = Some("E4".into());
        gold.date = Some(EventDate {
            value: Some("1945".into()),
            end: None,
            r#mod: Some("AFTER".into()),
        });
        let mut system = event(10, "signed", "SUPPORT", &["Japan"]);
        system.doc = Some("000_x".into());
        system.date = Some(EventDate {
            value: Some("1918".into()),
            end: Some("1922".into()),
            r#mod: None,
        });
        let report = render_event_errors(&score_events_document(&[gold], &[system]).score());
        assert_eq!(
            report,
            "WRONG 000_x [10..16] \"signed\" SUPPORT Soviet Union, Japan -> (none) date 1945 mod AFTER negated same_as E4\n   vs 000_x [10..16] \"signed\" SUPPORT Japan -> (none) date 1918..1922\n"
        );
    }

    #[test]
    fn measure_table_and_errors() {
        let gold = MeasureRecord {
            start: 0,
            end: 13,
            text: "US$4.4 billion".into(),
            amount: Some(4.4e9),
            unit: Some("USD".into()),
            ..MeasureRecord::default()
        };
        let system = MeasureRecord {
            start: 3,
            amount: None,
            ..gold.clone()
        };
        let score = score_measures_document(&[gold], &[system], MeasureScope::All).score();
        let expected = "\
m
measure                 P      R     F1     tp    sys   gold
strict             0.0000 0.0000 0.0000      0      1      1
relaxed            1.0000 1.0000 1.0000      1      1      1
amount accuracy on matched 0.0000 (0/1)
unit accuracy on matched   1.0000 (1/1)
";
        assert_eq!(render_measure_table("m", &score), expected);
        assert_eq!(
            render_measure_errors(&score),
            "WRONG [0..13] \"US$4.4 billion\" 4400000000 USD\n   vs [3..13] \"US$4.4 billion\" (no amount) USD\n"
        );
    }
}
