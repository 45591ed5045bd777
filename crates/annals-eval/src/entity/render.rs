//! Plain-text reports of an entity score: a table of figures and a list of errors.

use std::fmt::Write;

use crate::{EntityLabel, EntityRecord, EntityScore, Prf};

/// A table with one row per measure (P, R, F1, tp, sys, gold), the link and
/// label accuracy on matched pairs, then one relaxed typed row per label that
/// occurs in the gold or the system.
///
/// ```
/// use annals_eval::{render_entity_table, score_entities_document, EntityRecord};
///
/// let gpe = EntityRecord { start: 2, end: 7, label: Some("GPE".into()), ..EntityRecord::default() };
/// let score = score_entities_document(&[gpe.clone()], &[gpe]).score();
/// let table = render_entity_table("seed entities", &score);
/// assert!(table.starts_with("seed entities\n"));
/// assert!(table.contains("relaxed_untyped"));
/// assert!(table.contains("\nGPE ") && !table.contains("PERSON"));
/// ```
pub fn render_entity_table(title: &str, score: &EntityScore) -> String {
    let mut out = format!("{title}\n");
    let _ = writeln!(
        out,
        "{:<16} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "measure", "P", "R", "F1", "tp", "sys", "gold"
    );
    let rows = [
        ("strict_typed", &score.strict_typed),
        ("relaxed_typed", &score.relaxed_typed),
        ("relaxed_untyped", &score.relaxed_untyped),
        ("link", &score.link),
    ];
    for (name, prf) in rows {
        row(&mut out, name, prf);
    }
    let counts = &score.counts;
    let _ = writeln!(
        out,
        "link accuracy on matched  {:.4} ({}/{})",
        score.link_accuracy_on_matched, counts.link_ok, counts.linked_pairs
    );
    let _ = writeln!(
        out,
        "label accuracy on matched {:.4} ({}/{})",
        score.label_accuracy_on_matched, counts.relaxed_typed, counts.pairs
    );
    let present: Vec<(EntityLabel, &Prf)> = score
        .per_label
        .iter()
        .filter(|(_, prf)| prf.sys > 0 || prf.gold > 0)
        .map(|(label, prf)| (*label, prf))
        .collect();
    if !present.is_empty() {
        let _ = writeln!(out, "relaxed typed, by label");
        for (label, prf) in present {
            row(&mut out, label.as_str(), prf);
        }
    }
    out
}

fn row(out: &mut String, name: &str, prf: &Prf) {
    let _ = writeln!(
        out,
        "{name:<16} {:>6.4} {:>6.4} {:>6.4} {:>6} {:>6} {:>6}",
        prf.p, prf.r, prf.f1, prf.tp, prf.sys, prf.gold
    );
}

/// One line per missed gold mention (`MISS`) and one per aligned pair with a
/// wrong label or link (`WRONG`, gold then system), each with its document,
/// span, text, label and link.
///
/// ```
/// use annals_eval::{render_entity_errors, score_entities_document, EntityRecord};
///
/// let gold = EntityRecord {
///     start: 2,
///     end: 7,
///     text: "Japan".into(),
///     label: Some("GPE".into()),
///     link: Some("Japan".into()),
///     ..EntityRecord::default()
/// };
/// let report = render_entity_errors(&score_entities_document(&[gold], &[]).score());
/// assert_eq!(report, "MISS  [2..7] \"Japan\" GPE link Japan\n");
/// ```
pub fn render_entity_errors(score: &EntityScore) -> String {
    let mut out = String::new();
    for gold in &score.misses {
        let _ = writeln!(out, "MISS  {}", describe(gold));
    }
    for (gold, system) in &score.wrong {
        let _ = writeln!(out, "WRONG {}\n   vs {}", describe(gold), describe(system));
    }
    out
}

/// `doc [start..end] "text" LABEL link TITLE`, the label `(no label)` and the
/// title `(none)` when absent.
fn describe(record: &EntityRecord) -> String {
    let mut line = String::new();
    if let Some(doc) = &record.doc {
        let _ = write!(line, "{doc} ");
    }
    let _ = write!(
        line,
        "[{}..{}] {:?} {} link {}",
        record.start,
        record.end,
        record.text,
        record.label.as_deref().unwrap_or("(no label)"),
        record.link.as_deref().unwrap_or("(none)")
    );
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score_entities_document;

    fn mention(
        start: usize,
        end: usize,
        text: &str,
        label: &str,
        link: Option<&str>,
    ) -> EntityRecord {
        EntityRecord {
            start,
            end,
            text: text.into(),
            label: Some(label.into()),
            link: link.map(str::to_owned),
            ..EntityRecord::default()
        }
    }

    #[test]
    fn table_lists_every_measure_and_the_labels_present() {
        let gold = [
            mention(0, 5, "Japan", "GPE", Some("Japan")),
            mention(10, 18, "Japanese", "NORP", None),
        ];
        let system = [
            mention(0, 5, "Japan", "GPE", Some("Empire of Japan")),
            mention(10, 18, "Japanese", "GPE", None),
        ];
        let table = render_entity_table("t", &score_entities_document(&gold, &system).score());
        let expected = "\
t
measure               P      R     F1     tp    sys   gold
strict_typed     0.5000 0.5000 0.5000      1      2      2
relaxed_typed    0.5000 0.5000 0.5000      1      2      2
relaxed_untyped  1.0000 1.0000 1.0000      2      2      2
link             0.0000 0.0000 0.0000      0      1      1
link accuracy on matched  0.0000 (0/1)
label accuracy on matched 0.5000 (1/2)
relaxed typed, by label
NORP             0.0000 0.0000 0.0000      0      0      1
GPE              0.5000 1.0000 0.6667      1      2      1
";
        assert_eq!(table, expected);
    }

    #[test]
    fn errors_show_gold_and_system() {
        let mut gold = mention(10, 22, "Soviet Union", "GPE", Some("Soviet Union"));
        gold.doc = Some("000_x".into());
        let mut system = mention(10, 16, "Soviet", "NORP", None);
        system.doc = Some("000_x".into());
        let report = render_entity_errors(&score_entities_document(&[gold], &[system]).score());
        assert_eq!(
            report,
            "WRONG 000_x [10..22] \"Soviet Union\" GPE link Soviet Union\n   vs 000_x [10..16] \"Soviet\" NORP link (none)\n"
        );
    }
}
