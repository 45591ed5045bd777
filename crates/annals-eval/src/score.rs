//! Counting matches per document and turning counts into TempEval-3 figures.

use std::ops::{Add, AddAssign};

use serde::Serialize;

use crate::align::{align, extents, split_optional};
use crate::{TimexRecord, ValueNorm};

/// Precision, recall and F1 of one measure, with the counts behind them.
///
/// The three ratios are rounded to four decimals exactly as Python's
/// `round(x, 4)` rounds them in `score.py`.
///
/// ```
/// use annals_eval::Prf;
///
/// let prf = Prf::from_counts(1, 32, 3);
/// assert_eq!(prf.p, 0.0312); // 1/32 = 0.03125, a tie rounded to even
/// assert_eq!(prf.r, 0.3333);
/// assert_eq!(Prf::from_counts(0, 0, 0).f1, 0.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    /// Precision: `tp / sys`, 0 when there is no system record.
    pub p: f64,
    /// Recall: `tp / gold`, 0 when there is no gold record.
    pub r: f64,
    /// The harmonic mean of the unrounded precision and recall.
    pub f1: f64,
    /// True positives.
    pub tp: usize,
    /// System records scored.
    pub sys: usize,
    /// Gold records scored.
    pub gold: usize,
}

impl Prf {
    /// The figures for `tp` true positives among `sys` system and `gold` gold records.
    pub fn from_counts(tp: usize, sys: usize, gold: usize) -> Self {
        let p = ratio(tp, sys);
        let r = ratio(tp, gold);
        // Same operations in the same order as score.py, so the same float.
        let f1 = if p + r != 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Prf {
            p: round4(p),
            r: round4(r),
            f1: round4(f1),
            tp,
            sys,
            gold,
        }
    }
}

pub(crate) fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 {
        0.0
    } else {
        numerator as f64 / denominator as f64
    }
}

/// Python's `round(x, 4)`: the decimal nearest to the exact binary value, ties to
/// even, read back as a float. Rust's fixed-precision formatting rounds the exact
/// value the same way, and parsing is correctly rounded like Python's `float()`.
pub(crate) fn round4(x: f64) -> f64 {
    format!("{x:.4}")
        .parse()
        .expect("a float formatted with {:.4} parses back")
}

/// Raw match counts; corpus counts are sums of document counts (micro averages).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// System records scored (after dropping those on optional gold).
    pub n_sys: usize,
    /// Required gold records.
    pub n_gold: usize,
    /// Aligned (overlapping) pairs: the relaxed true positives.
    pub pairs: usize,
    /// Pairs with identical spans.
    pub strict: usize,
    /// Pairs whose values match.
    pub value: usize,
    /// Pairs whose values and mods match.
    pub value_mod: usize,
    /// Pairs whose types are equal.
    pub r#type: usize,
}

impl Add for Counts {
    type Output = Counts;

    fn add(self, other: Counts) -> Counts {
        Counts {
            n_sys: self.n_sys + other.n_sys,
            n_gold: self.n_gold + other.n_gold,
            pairs: self.pairs + other.pairs,
            strict: self.strict + other.strict,
            value: self.value + other.value,
            value_mod: self.value_mod + other.value_mod,
            r#type: self.r#type + other.r#type,
        }
    }
}

impl AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        *self = *self + other;
    }
}

/// The TempEval-3 figures: serialises to the same keys as `score.py timex --json`.
///
/// `misses` and `wrong` are left out of that JSON; [`TimexScore::to_json`] adds them
/// on request.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimexScore {
    /// Exact span match.
    pub strict: Prf,
    /// Overlapping spans.
    pub relaxed: Prf,
    /// Overlapping spans with matching values.
    pub value: Prf,
    /// Overlapping spans with matching values and mods.
    pub value_mod: Prf,
    /// Overlapping spans with equal types.
    #[serde(rename = "type")]
    pub r#type: Prf,
    /// Matching values among overlapping pairs (0 when there is no pair).
    pub value_accuracy_on_matched: f64,
    /// Required gold records with no system partner, in gold order.
    #[serde(skip)]
    pub misses: Vec<TimexRecord>,
    /// Aligned (gold, system) pairs whose values differ, in alignment order.
    #[serde(skip)]
    pub wrong: Vec<(TimexRecord, TimexRecord)>,
}

impl TimexScore {
    /// The figures for some counts, with no misses or wrong values listed.
    pub fn from_counts(counts: &Counts) -> Self {
        let prf = |tp| Prf::from_counts(tp, counts.n_sys, counts.n_gold);
        TimexScore {
            strict: prf(counts.strict),
            relaxed: prf(counts.pairs),
            value: prf(counts.value),
            value_mod: prf(counts.value_mod),
            r#type: prf(counts.r#type),
            value_accuracy_on_matched: if counts.pairs == 0 {
                0.0
            } else {
                round4(ratio(counts.value, counts.pairs))
            },
            misses: Vec::new(),
            wrong: Vec::new(),
        }
    }

    /// Type accuracy among overlapping pairs, rounded like the other figures.
    pub fn type_accuracy_on_matched(&self) -> f64 {
        if self.relaxed.tp == 0 {
            0.0
        } else {
            round4(ratio(self.r#type.tp, self.relaxed.tp))
        }
    }

    /// The score as JSON; with `with_errors`, also `misses` and `wrong`
    /// (each wrong pair as `{"gold": .., "system": ..}`).
    pub fn to_json(&self, with_errors: bool) -> serde_json::Value {
        let mut json = serde_json::to_value(self).expect("a score serialises to JSON");
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

/// The result of scoring one document: counts and the errors behind them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocumentScore {
    /// The document, as named by the first gold (or else system) record.
    pub doc: Option<String>,
    /// The match counts.
    pub counts: Counts,
    /// Required gold records with no system partner, in gold order.
    pub misses: Vec<TimexRecord>,
    /// Aligned (gold, system) pairs whose values differ, in alignment order.
    pub wrong: Vec<(TimexRecord, TimexRecord)>,
}

impl DocumentScore {
    /// The TempEval-3 figures, with this document's misses and wrong values.
    pub fn score(&self) -> TimexScore {
        TimexScore {
            misses: self.misses.clone(),
            wrong: self.wrong.clone(),
            ..TimexScore::from_counts(&self.counts)
        }
    }
}

/// Scores one document's system records against its gold, as `score.py timex` does.
///
/// The `doc` fields are not looked at; see [`score_corpus`] for many documents.
pub fn score_document(
    gold: &[TimexRecord],
    system: &[TimexRecord],
    norm: ValueNorm,
) -> DocumentScore {
    let (required, kept) = split_optional(gold, system);
    let pairs = align(&extents(&required), &extents(&kept));
    let mut counts = Counts {
        n_sys: kept.len(),
        n_gold: required.len(),
        pairs: pairs.len(),
        ..Counts::default()
    };
    let mut matched = vec![false; required.len()];
    let mut wrong = Vec::new();
    for &(g, s) in &pairs {
        matched[g] = true;
        let (gold, system) = (required[g], kept[s]);
        counts.strict += usize::from(gold.start == system.start && gold.end == system.end);
        counts.r#type += usize::from(gold.r#type == system.r#type);
        if norm.values_match(gold, system) {
            counts.value += 1;
            counts.value_mod += usize::from(
                gold.r#mod.as_deref().unwrap_or("") == system.r#mod.as_deref().unwrap_or(""),
            );
        } else {
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
    DocumentScore {
        doc,
        counts,
        misses,
        wrong,
    }
}

/// The result of scoring many documents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CorpusScore {
    /// Each document's score, in order of first appearance (gold first).
    pub documents: Vec<DocumentScore>,
    /// The sum of the documents' counts.
    pub counts: Counts,
}

impl CorpusScore {
    /// Collects document scores, summing their counts.
    pub fn from_documents(documents: Vec<DocumentScore>) -> Self {
        let counts = documents
            .iter()
            .map(|d| d.counts)
            .fold(Counts::default(), Add::add);
        CorpusScore { documents, counts }
    }

    /// The micro-averaged figures, with every document's misses and wrong values.
    pub fn score(&self) -> TimexScore {
        TimexScore {
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
            ..TimexScore::from_counts(&self.counts)
        }
    }
}

/// Scores many documents: records are grouped by `doc` (all records without one
/// form one document) and aligned within their document only.
///
/// A document with gold but no system records has all its gold missed; one with
/// system records but no gold has them all counted as false positives.
///
/// ```
/// use annals_eval::{score_corpus, TimexRecord, ValueNorm};
///
/// let timex = |doc: &str, start| TimexRecord {
///     doc: Some(doc.to_owned()),
///     start,
///     end: start + 4,
///     ..TimexRecord::default()
/// };
/// let gold = [timex("a", 0), timex("b", 0)];
/// let system = [timex("a", 0), timex("c", 0)];
/// let corpus = score_corpus(&gold, &system, ValueNorm::Exact);
/// assert_eq!(corpus.documents.len(), 3);
/// assert_eq!(corpus.counts.pairs, 1);
/// assert_eq!(corpus.score().relaxed.r, 0.5);
/// ```
pub fn score_corpus(gold: &[TimexRecord], system: &[TimexRecord], norm: ValueNorm) -> CorpusScore {
    let mut groups: Vec<(Option<&str>, Vec<TimexRecord>, Vec<TimexRecord>)> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for (is_system, record) in gold
        .iter()
        .map(|r| (false, r))
        .chain(system.iter().map(|r| (true, r)))
    {
        let key = record.doc.as_deref();
        let slot = *index.entry(key).or_insert_with(|| {
            groups.push((key, Vec::new(), Vec::new()));
            groups.len() - 1
        });
        let group = &mut groups[slot];
        if is_system {
            &mut group.2
        } else {
            &mut group.1
        }
        .push(record.clone());
    }
    let documents = groups
        .into_iter()
        .map(|(doc, gold, system)| DocumentScore {
            doc: doc.map(str::to_owned),
            ..score_document(&gold, &system, norm)
        })
        .collect();
    CorpusScore::from_documents(documents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_follows_python() {
        // Values checked against Python 3: round(x, 4).
        assert_eq!(round4(0.03125), 0.0312);
        assert_eq!(round4(0.09375), 0.0938);
        assert_eq!(round4(0.15625), 0.1562);
        assert_eq!(round4(0.00005), 0.0001); // 5e-05 is a little above the tie
        assert_eq!(round4(0.12345), 0.1235);
        assert_eq!(round4(0.99995), 1.0);
        assert_eq!(round4(1.0 / 3.0), 0.3333);
        assert_eq!(round4(2.0 / 3.0), 0.6667);
        assert_eq!(round4(0.0), 0.0);
        assert_eq!(round4(1.0), 1.0);
    }

    #[test]
    fn f1_uses_unrounded_precision_and_recall() {
        // p = 1, r = 1/7: f1 = 0.25 from the exact ratios; from the rounded
        // ones (1, 0.1429) it would be 0.2501.
        let prf = Prf::from_counts(1, 1, 7);
        assert_eq!((prf.p, prf.r, prf.f1), (1.0, 0.1429, 0.25));
    }

    fn timex(start: usize, end: usize, value: &str) -> TimexRecord {
        TimexRecord {
            start,
            end,
            r#type: Some("DATE".into()),
            value: Some(value.into()),
            ..TimexRecord::default()
        }
    }

    #[test]
    fn counts_strict_relaxed_value_and_mod() {
        let mut with_mod = timex(30, 40, "1941");
        with_mod.r#mod = Some("MID".into());
        let gold = [
            timex(0, 10, "1941-09"),
            timex(12, 20, "1945"),
            with_mod,
            timex(50, 54, "1950"),
        ];
        let mut typed = timex(30, 40, " 1941 ");
        typed.r#type = Some("TIME".into());
        let system = [
            timex(0, 10, "1941-09"),
            timex(14, 20, "1944"),
            typed,
            timex(60, 64, "1960"),
        ];
        let document = score_document(&gold, &system, ValueNorm::Exact);
        let expected = Counts {
            n_sys: 4,
            n_gold: 4,
            pairs: 3,
            strict: 2,
            value: 2,
            value_mod: 1,
            r#type: 2,
        };
        assert_eq!(document.counts, expected);
        assert_eq!(document.misses, vec![timex(50, 54, "1950")]);
        assert_eq!(document.wrong.len(), 1);
        assert_eq!(document.wrong[0].1.value.as_deref(), Some("1944"));
        let score = document.score();
        assert_eq!(score.value_accuracy_on_matched, 0.6667);
        assert_eq!(score.type_accuracy_on_matched(), 0.6667);
    }

    #[test]
    fn corpus_counts_are_sums_and_documents_never_mix() {
        let in_doc = |doc: &str, record: TimexRecord| TimexRecord {
            doc: Some(doc.into()),
            ..record
        };
        let gold = [in_doc("a", timex(0, 4, "1")), in_doc("b", timex(0, 4, "2"))];
        // Same span as b's gold, but in document a: it must not match.
        let system = [
            in_doc("a", timex(10, 14, "1")),
            in_doc("c", timex(0, 4, "2")),
        ];
        let corpus = score_corpus(&gold, &system, ValueNorm::Exact);
        let docs: Vec<_> = corpus.documents.iter().map(|d| d.doc.as_deref()).collect();
        assert_eq!(docs, vec![Some("a"), Some("b"), Some("c")]);
        assert_eq!(
            corpus.counts,
            Counts {
                n_sys: 2,
                n_gold: 2,
                ..Counts::default()
            }
        );
        assert_eq!(corpus.score().misses.len(), 2);

        let single = score_corpus(&[timex(0, 4, "1")], &[timex(0, 4, "1")], ValueNorm::Exact);
        assert_eq!(
            single.counts,
            score_document(&[timex(0, 4, "1")], &[timex(0, 4, "1")], ValueNorm::Exact).counts
        );
    }

    #[test]
    fn json_has_the_reference_keys_and_errors_on_request() {
        let score = score_document(&[timex(0, 4, "1")], &[], ValueNorm::Exact).score();
        let json = score.to_json(false);
        let keys: Vec<_> = json
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        let mut expected = [
            "strict",
            "relaxed",
            "value",
            "value_mod",
            "type",
            "value_accuracy_on_matched",
        ];
        expected.sort_unstable();
        assert_eq!(keys, expected);
        assert_eq!(json["strict"]["sys"], 0);
        let with_errors = score.to_json(true);
        assert_eq!(with_errors["misses"][0]["value"], "1");
        assert_eq!(with_errors["wrong"].as_array().map(Vec::len), Some(0));
    }
}
