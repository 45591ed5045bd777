//! Scoring measures (explicit quantities) against gold: span alignment as for
//! time expressions, then amounts and units on the aligned pairs.

use std::ops::{Add, AddAssign};

use serde::Serialize;

use crate::align::{align, extents, split_optional};
use crate::event::score::accuracy;
use crate::value::python_strip;
use crate::{MeasureRecord, Prf};

/// Which measures are scored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum MeasureScope {
    /// Every measure.
    #[default]
    All,
    /// Measures in units other than time ("90 days" is a duration, which the
    /// time tagger finds): gold measures whose unit is a time unit
    /// ([`MeasureRecord::is_time`]) count as optional gold, and system
    /// measures in a time unit are left out.
    ExceptTime,
}

/// Raw measure match counts; corpus counts are sums of document counts (micro averages).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct MeasureCounts {
    /// System measures scored (after dropping those on optional gold).
    pub n_sys: usize,
    /// Required gold measures.
    pub n_gold: usize,
    /// Aligned (overlapping) pairs.
    pub pairs: usize,
    /// Pairs with identical spans.
    pub strict: usize,
    /// Pairs whose amounts agree.
    pub amount: usize,
    /// Pairs whose units agree.
    pub unit: usize,
}

impl Add for MeasureCounts {
    type Output = MeasureCounts;

    fn add(self, other: MeasureCounts) -> MeasureCounts {
        MeasureCounts {
            n_sys: self.n_sys + other.n_sys,
            n_gold: self.n_gold + other.n_gold,
            pairs: self.pairs + other.pairs,
            strict: self.strict + other.strict,
            amount: self.amount + other.amount,
            unit: self.unit + other.unit,
        }
    }
}

impl AddAssign for MeasureCounts {
    fn add_assign(&mut self, other: MeasureCounts) {
        *self = *self + other;
    }
}

/// The measure figures. `counts`, `misses` and `wrong` are left out of the
/// JSON; [`MeasureScore::to_json`] adds the errors on request.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureScore {
    /// Identical spans.
    pub strict: Prf,
    /// Overlapping spans.
    pub relaxed: Prf,
    /// Pairs whose amounts agree, among all pairs (0 when there is none).
    pub amount_accuracy_on_matched: f64,
    /// Pairs whose units agree, among all pairs (0 when there is none).
    pub unit_accuracy_on_matched: f64,
    /// The counts behind the figures.
    #[serde(skip)]
    pub counts: MeasureCounts,
    /// Required gold measures with no system partner, in gold order.
    #[serde(skip)]
    pub misses: Vec<MeasureRecord>,
    /// Aligned (gold, system) pairs whose amounts or units differ, in alignment order.
    #[serde(skip)]
    pub wrong: Vec<(MeasureRecord, MeasureRecord)>,
}

impl MeasureScore {
    /// The figures for some counts, with no misses or wrong measures listed.
    pub fn from_counts(counts: &MeasureCounts) -> Self {
        let prf = |tp| Prf::from_counts(tp, counts.n_sys, counts.n_gold);
        MeasureScore {
            strict: prf(counts.strict),
            relaxed: prf(counts.pairs),
            amount_accuracy_on_matched: accuracy(counts.amount, counts.pairs),
            unit_accuracy_on_matched: accuracy(counts.unit, counts.pairs),
            counts: *counts,
            misses: Vec::new(),
            wrong: Vec::new(),
        }
    }

    /// The score as JSON; with `with_errors`, also `misses` and `wrong`
    /// (each wrong pair as `{"gold": .., "system": ..}`).
    pub fn to_json(&self, with_errors: bool) -> serde_json::Value {
        let mut json = serde_json::to_value(self).expect("a measure score serialises to JSON");
        if let (true, Some(object)) = (with_errors, json.as_object_mut()) {
            let wrong: Vec<_> = self
                .wrong
                .iter()
                .map(|(gold, system)| serde_json::json!({ "gold": gold, "system": system }))
                .collect();
            object.insert("misses".into(), serde_json::json!(self.misses));
            object.insert("wrong".into(), wrong.into());
        }
        json
    }
}

/// The result of scoring one document's measures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MeasureDocumentScore {
    /// The document, as named by the first gold (or else system) measure.
    pub doc: Option<String>,
    /// The match counts.
    pub counts: MeasureCounts,
    /// Required gold measures with no system partner, in gold order.
    pub misses: Vec<MeasureRecord>,
    /// Aligned (gold, system) pairs whose amounts or units differ, in alignment order.
    pub wrong: Vec<(MeasureRecord, MeasureRecord)>,
}

impl MeasureDocumentScore {
    /// The figures, with this document's misses and wrong measures.
    pub fn score(&self) -> MeasureScore {
        MeasureScore {
            misses: self.misses.clone(),
            wrong: self.wrong.clone(),
            ..MeasureScore::from_counts(&self.counts)
        }
    }
}

/// Scores one document's system measures against its gold, the way time
/// expressions are aligned: optional gold split off (a system measure lying
/// on optional gold only is dropped), then overlapping spans paired greedily
/// by overlap size. On the aligned pairs:
///
/// - **amount**: both absent, or `|system - gold| <= 1e-9 * max(1, |gold|)`;
/// - **unit**: equal after trimming and lower-casing, a missing unit equal to
///   an empty one.
///
/// `scope` chooses between every measure and those in units other than time
/// (see [`MeasureScope`]). The `doc` fields are not looked at.
///
/// ```
/// use annals_eval::{score_measures_document, MeasureRecord, MeasureScope};
///
/// let measure = |start, end, amount, unit: &str| MeasureRecord {
///     start,
///     end,
///     amount: Some(amount),
///     unit: Some(unit.to_owned()),
///     ..MeasureRecord::default()
/// };
/// let gold = [measure(0, 13, 70000.0, "troops"), measure(20, 27, 90.0, "days")];
/// let system = [measure(0, 6, 70000.0, "soldiers"), measure(20, 27, 90.0, "days")];
///
/// let all = score_measures_document(&gold, &system, MeasureScope::All).score();
/// assert_eq!((all.strict.f1, all.relaxed.f1), (0.5, 1.0));
/// assert_eq!((all.amount_accuracy_on_matched, all.unit_accuracy_on_matched), (1.0, 0.5));
///
/// let except_time = score_measures_document(&gold, &system, MeasureScope::ExceptTime).score();
/// assert_eq!((except_time.relaxed.sys, except_time.relaxed.gold), (1, 1));
/// assert_eq!(except_time.unit_accuracy_on_matched, 0.0);
/// ```
pub fn score_measures_document(
    gold: &[MeasureRecord],
    system: &[MeasureRecord],
    scope: MeasureScope,
) -> MeasureDocumentScore {
    let (gold, system) = in_scope(gold, system, scope);
    let (required, kept) = split_optional(&gold, &system);
    let pairs = align(&extents(&required), &extents(&kept));
    let mut counts = MeasureCounts {
        n_sys: kept.len(),
        n_gold: required.len(),
        pairs: pairs.len(),
        ..MeasureCounts::default()
    };
    let mut matched = vec![false; required.len()];
    let mut wrong = Vec::new();
    for &(g, s) in &pairs {
        matched[g] = true;
        let (gold, system) = (required[g], kept[s]);
        counts.strict += usize::from(gold.start == system.start && gold.end == system.end);
        let amount = amounts_match(gold.amount, system.amount);
        let unit = units_match(gold.unit.as_deref(), system.unit.as_deref());
        counts.amount += usize::from(amount);
        counts.unit += usize::from(unit);
        if !(amount && unit) {
            wrong.push((gold.clone(), system.clone()));
        }
    }
    let misses = required
        .iter()
        .zip(&matched)
        .filter(|(_, &matched)| !matched)
        .map(|(gold, _)| (*gold).clone())
        .collect();
    let doc = gold.first().or(system.first()).and_then(|r| r.doc.clone());
    MeasureDocumentScore {
        doc,
        counts,
        misses,
        wrong,
    }
}

/// The gold and system measures to score: with [`MeasureScope::ExceptTime`],
/// gold in time units made optional and system measures in time units removed.
fn in_scope(
    gold: &[MeasureRecord],
    system: &[MeasureRecord],
    scope: MeasureScope,
) -> (Vec<MeasureRecord>, Vec<MeasureRecord>) {
    match scope {
        MeasureScope::All => (gold.to_vec(), system.to_vec()),
        MeasureScope::ExceptTime => (
            gold.iter()
                .map(|g| MeasureRecord {
                    optional: g.optional || g.is_time(),
                    ..g.clone()
                })
                .collect(),
            system.iter().filter(|s| !s.is_time()).cloned().collect(),
        ),
    }
}

/// Both absent, or equal up to a relative error of 1e-9 (absolute below 1).
fn amounts_match(gold: Option<f64>, system: Option<f64>) -> bool {
    match (gold, system) {
        (None, None) => true,
        (Some(gold), Some(system)) => (system - gold).abs() <= 1e-9 * gold.abs().max(1.0),
        _ => false,
    }
}

fn units_match(gold: Option<&str>, system: Option<&str>) -> bool {
    let normalize = |unit: Option<&str>| python_strip(unit.unwrap_or("")).to_lowercase();
    normalize(gold) == normalize(system)
}

/// The result of scoring the measures of many documents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MeasureCorpusScore {
    /// Each document's score, in order.
    pub documents: Vec<MeasureDocumentScore>,
    /// The sum of the documents' counts.
    pub counts: MeasureCounts,
}

impl MeasureCorpusScore {
    /// Collects document scores, summing their counts.
    ///
    /// ```
    /// use annals_eval::{score_measures_document, MeasureCorpusScore, MeasureRecord, MeasureScope};
    ///
    /// let measure = |start| MeasureRecord { start, end: start + 4, ..MeasureRecord::default() };
    /// let corpus = MeasureCorpusScore::from_documents(vec![
    ///     score_measures_document(&[measure(0)], &[measure(0)], MeasureScope::All),
    ///     score_measures_document(&[], &[measure(0)], MeasureScope::All),
    /// ]);
    /// assert_eq!(corpus.score().relaxed.p, 0.5);
    /// ```
    pub fn from_documents(documents: Vec<MeasureDocumentScore>) -> Self {
        let counts = documents
            .iter()
            .map(|d| d.counts)
            .fold(MeasureCounts::default(), Add::add);
        MeasureCorpusScore { documents, counts }
    }

    /// The micro-averaged figures, with every document's misses and wrong measures.
    pub fn score(&self) -> MeasureScore {
        MeasureScore {
            misses: self
                .documents
                .iter()
                .flat_map(|d| d.misses.iter().cloned())
                .collect(),
            wrong: self
                .documents
                .iter()
                .flat_map(|d| d.wrong.iter().cloned())
                .collect(),
            ..MeasureScore::from_counts(&self.counts)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure(start: usize, end: usize, amount: Option<f64>, unit: Option<&str>) -> MeasureRecord {
        MeasureRecord {
            start,
            end,
            amount,
            unit: unit.map(str::to_owned),
            ..MeasureRecord::default()
        }
    }

    #[test]
    fn amounts_agree_up_to_a_relative_error() {
        assert!(amounts_match(Some(4.4e9), Some(4.4e9 + 4.0)));
        assert!(!amounts_match(Some(4.4e9), Some(4.4e9 + 5.0)));
        assert!(amounts_match(Some(0.0), Some(1e-9)));
        assert!(!amounts_match(Some(0.0), Some(2e-9)));
        assert!(amounts_match(Some(-3.0), Some(-3.0)));
        assert!(!amounts_match(Some(3.0), Some(-3.0)));
        assert!(amounts_match(None, None));
        assert!(!amounts_match(Some(1.0), None) && !amounts_match(None, Some(1.0)));
    }

    #[test]
    fn units_agree_without_case_or_padding() {
        assert!(units_match(Some("USD"), Some(" usd ")));
        assert!(units_match(None, Some("")));
        assert!(!units_match(Some("islands"), Some("island areas")));
    }

    #[test]
    fn counts_spans_amounts_and_units() {
        let gold = [
            measure(0, 10, Some(70000.0), Some("troops")),
            measure(20, 30, Some(4.4e9), Some("USD")),
            measure(40, 47, Some(2.0), Some("years")),
            measure(60, 70, Some(56.0), Some("islands")),
        ];
        let system = [
            measure(0, 10, Some(70000.0), Some("soldiers")),
            measure(22, 30, Some(4.4e9), Some("usd")),
            measure(40, 47, Some(3.0), Some("years")),
            measure(80, 85, None, None),
        ];
        let document = score_measures_document(&gold, &system, MeasureScope::All);
        let expected = MeasureCounts {
            n_sys: 4,
            n_gold: 4,
            pairs: 3,
            strict: 2,
            amount: 2,
            unit: 2,
        };
        assert_eq!(document.counts, expected);
        let score = document.score();
        assert_eq!(score.amount_accuracy_on_matched, 0.6667);
        assert_eq!(score.misses, [gold[3].clone()]);
        let wrong: Vec<usize> = score.wrong.iter().map(|(g, _)| g.start).collect();
        assert_eq!(wrong, [0, 40]);

        // Without time: the "years" pair leaves, on both sides.
        let counts = score_measures_document(&gold, &system, MeasureScope::ExceptTime).counts;
        let expected = MeasureCounts {
            n_sys: 3,
            n_gold: 3,
            pairs: 2,
            strict: 1,
            amount: 2,
            unit: 1,
        };
        assert_eq!(counts, expected);
    }

    #[test]
    fn except_time_keeps_a_system_measure_without_unit_on_a_duration() {
        let gold = [measure(0, 7, Some(90.0), Some("days"))];
        let on_duration = [measure(0, 7, Some(90.0), None)];
        let counts = score_measures_document(&gold, &on_duration, MeasureScope::ExceptTime).counts;
        // It lies on gold that is now optional, so it is dropped like any
        // system span on optional gold.
        assert_eq!((counts.n_sys, counts.n_gold, counts.pairs), (0, 0, 0));
        let elsewhere = [measure(10, 17, Some(90.0), None)];
        let counts = score_measures_document(&gold, &elsewhere, MeasureScope::ExceptTime).counts;
        assert_eq!((counts.n_sys, counts.n_gold), (1, 0));
    }

    #[test]
    fn corpus_counts_are_sums() {
        let one = [measure(0, 4, Some(1.0), Some("USD"))];
        let corpus = MeasureCorpusScore::from_documents(vec![
            score_measures_document(&one, &one, MeasureScope::All),
            score_measures_document(&one, &[], MeasureScope::All),
        ]);
        assert_eq!(corpus.counts.n_gold, 2);
        assert_eq!(corpus.score().relaxed, Prf::from_counts(1, 1, 2));
        assert_eq!(corpus.score().misses, one);
        let json = corpus.score().to_json(true);
        assert_eq!(json["misses"][0]["unit"], "USD");
        assert_eq!(json["unit_accuracy_on_matched"], 1.0);
    }
}
