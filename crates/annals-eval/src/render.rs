//! Plain-text reports of a score: a table of figures and a list of errors.

use std::fmt::Write;

use crate::{TimexRecord, TimexScore};

/// A table with one row per measure (P, R, F1, tp, sys, gold), then the value
/// and type accuracy on matched pairs.
///
/// ```
/// use annals_eval::{render_table, score_document, ValueNorm};
///
/// let table = render_table("seed", &score_document(&[], &[], ValueNorm::Exact).score());
/// assert!(table.starts_with("seed\n"));
/// assert!(table.contains("value_mod"));
/// ```
pub fn render_table(title: &str, score: &TimexScore) -> String {
    let mut out = format!("{title}\n");
    let _ = writeln!(
        out,
        "{:<10} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "measure", "P", "R", "F1", "tp", "sys", "gold"
    );
    let rows = [
        ("strict", &score.strict),
        ("relaxed", &score.relaxed),
        ("value", &score.value),
        ("value_mod", &score.value_mod),
        ("type", &score.r#type),
    ];
    for (name, prf) in rows {
        let _ = writeln!(
            out,
            "{name:<10} {:>6.4} {:>6.4} {:>6.4} {:>6} {:>6} {:>6}",
            prf.p, prf.r, prf.f1, prf.tp, prf.sys, prf.gold
        );
    }
    let matched = score.relaxed.tp;
    let _ = writeln!(
        out,
        "value accuracy on matched {:.4} ({}/{matched})",
        score.value_accuracy_on_matched, score.value.tp
    );
    let _ = writeln!(
        out,
        "type accuracy on matched  {:.4} ({}/{matched})",
        score.type_accuracy_on_matched(),
        score.r#type.tp
    );
    out
}

/// One line per missed gold record (`MISS`) and one per aligned pair with a
/// wrong value (`WRONG`, gold then system), each with its document and span.
///
/// ```
/// use annals_eval::{render_errors, score_document, TimexRecord, ValueNorm};
///
/// let gold = TimexRecord {
///     start: 4,
///     end: 8,
///     text: "1941".into(),
///     value: Some("1941".into()),
///     ..TimexRecord::default()
/// };
/// let report = render_errors(&score_document(&[gold], &[], ValueNorm::Exact).score());
/// assert_eq!(report, "MISS  [4..8] \"1941\" value 1941\n");
/// ```
pub fn render_errors(score: &TimexScore) -> String {
    let mut out = String::new();
    for gold in &score.misses {
        let _ = writeln!(out, "MISS  {}", describe(gold));
    }
    for (gold, system) in &score.wrong {
        let _ = writeln!(out, "WRONG {}\n   vs {}", describe(gold), describe(system));
    }
    out
}

/// `doc [start..end] "text" TYPE value V mod M`, leaving out what is absent.
fn describe(record: &TimexRecord) -> String {
    let mut line = String::new();
    if let Some(doc) = &record.doc {
        let _ = write!(line, "{doc} ");
    }
    let _ = write!(line, "[{}..{}] {:?}", record.start, record.end, record.text);
    if let Some(kind) = &record.r#type {
        let _ = write!(line, " {kind}");
    }
    let _ = write!(
        line,
        " value {}",
        record.value.as_deref().unwrap_or("(none)")
    );
    if let Some(modifier) = &record.r#mod {
        let _ = write!(line, " mod {modifier}");
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{score_document, ValueNorm};

    #[test]
    fn table_lists_every_measure() {
        let gold = TimexRecord {
            start: 0,
            end: 4,
            value: Some("1941".into()),
            ..TimexRecord::default()
        };
        let system = TimexRecord {
            value: Some("1942".into()),
            ..gold.clone()
        };
        let table = render_table(
            "t",
            &score_document(&[gold], &[system], ValueNorm::Exact).score(),
        );
        let expected = "\
t
measure         P      R     F1     tp    sys   gold
strict     1.0000 1.0000 1.0000      1      1      1
relaxed    1.0000 1.0000 1.0000      1      1      1
value      0.0000 0.0000 0.0000      0      1      1
value_mod  0.0000 0.0000 0.0000      0      1      1
type       1.0000 1.0000 1.0000      1      1      1
value accuracy on matched 0.0000 (0/1)
type accuracy on matched  1.0000 (1/1)
";
        assert_eq!(table, expected);
    }

    #[test]
    fn errors_show_gold_and_system() {
        let gold = TimexRecord {
            doc: Some("01_WW2".into()),
            start: 10,
            end: 20,
            text: "mid-1941".into(),
            r#type: Some("DATE".into()),
            value: Some("1941".into()),
            r#mod: Some("MID".into()),
            ..TimexRecord::default()
        };
        let system = TimexRecord {
            start: 14,
            text: "1941".into(),
            r#mod: None,
            value: Some("1942".into()),
            ..gold.clone()
        };
        let report = render_errors(&score_document(&[gold], &[system], ValueNorm::Exact).score());
        assert_eq!(
            report,
            "WRONG 01_WW2 [10..20] \"mid-1941\" DATE value 1941 mod MID\n   vs 01_WW2 [14..20] \"1941\" DATE value 1942\n"
        );
    }
}
