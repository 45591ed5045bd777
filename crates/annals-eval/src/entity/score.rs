//! Counting entity matches per document and turning counts into figures.

use std::collections::BTreeMap;
use std::ops::{Add, AddAssign};

use serde::Serialize;

use crate::align::{align, extents, split_optional};
use crate::score::{ratio, round4};
use crate::{EntityLabel, EntityRecord, Prf};

/// Counts of one label: relaxed typed matches restricted to that label.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LabelCounts {
    /// Aligned pairs whose gold and system mentions both carry the label.
    pub tp: usize,
    /// System mentions with the label (after dropping those on optional gold).
    pub n_sys: usize,
    /// Required gold mentions with the label.
    pub n_gold: usize,
}

impl Add for LabelCounts {
    type Output = LabelCounts;

    fn add(self, other: LabelCounts) -> LabelCounts {
        LabelCounts {
            tp: self.tp + other.tp,
            n_sys: self.n_sys + other.n_sys,
            n_gold: self.n_gold + other.n_gold,
        }
    }
}

/// Raw entity match counts; corpus counts are sums of document counts (micro averages).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct EntityCounts {
    /// System mentions scored (after dropping those on optional gold).
    pub n_sys: usize,
    /// Required gold mentions.
    pub n_gold: usize,
    /// Aligned (overlapping) pairs: the relaxed untyped true positives.
    pub pairs: usize,
    /// Pairs with identical spans and equal labels.
    pub strict_typed: usize,
    /// Pairs with equal labels (a missing label equals a missing label).
    pub relaxed_typed: usize,
    /// Pairs whose gold mention has a link.
    pub linked_pairs: usize,
    /// Pairs whose gold mention has a link and the system mention the same one.
    pub link_ok: usize,
    /// System mentions scored that have a link.
    pub n_sys_linked: usize,
    /// Required gold mentions that have a link.
    pub n_gold_linked: usize,
    /// The counts of each label, indexed like [`EntityLabel::ALL`].
    pub per_label: [LabelCounts; 9],
}

impl EntityCounts {
    /// The counts of one label.
    pub fn label(&self, label: EntityLabel) -> LabelCounts {
        self.per_label[crate::entity::record::label_index(label)]
    }
}

impl Add for EntityCounts {
    type Output = EntityCounts;

    fn add(self, other: EntityCounts) -> EntityCounts {
        let mut per_label = self.per_label;
        for (sum, counts) in per_label.iter_mut().zip(other.per_label) {
            *sum = *sum + counts;
        }
        EntityCounts {
            n_sys: self.n_sys + other.n_sys,
            n_gold: self.n_gold + other.n_gold,
            pairs: self.pairs + other.pairs,
            strict_typed: self.strict_typed + other.strict_typed,
            relaxed_typed: self.relaxed_typed + other.relaxed_typed,
            linked_pairs: self.linked_pairs + other.linked_pairs,
            link_ok: self.link_ok + other.link_ok,
            n_sys_linked: self.n_sys_linked + other.n_sys_linked,
            n_gold_linked: self.n_gold_linked + other.n_gold_linked,
            per_label,
        }
    }
}

impl AddAssign for EntityCounts {
    fn add_assign(&mut self, other: EntityCounts) {
        *self = *self + other;
    }
}

/// The entity figures: serialises to the keys of `score.py entities --json`,
/// plus `label_accuracy_on_matched` and `per_label`.
///
/// `counts`, `misses` and `wrong` are left out of that JSON;
/// [`EntityScore::to_json`] adds the errors on request.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityScore {
    /// Identical spans and equal labels.
    pub strict_typed: Prf,
    /// Overlapping spans and equal labels.
    pub relaxed_typed: Prf,
    /// Overlapping spans, whatever the labels.
    pub relaxed_untyped: Prf,
    /// Right links among pairs whose gold has a link (0 when there is none).
    pub link_accuracy_on_matched: f64,
    /// Right links, out of the system mentions with a link and the gold mentions with one.
    pub link: Prf,
    /// Equal labels among overlapping pairs (0 when there is no pair).
    pub label_accuracy_on_matched: f64,
    /// Relaxed typed figures of each of the nine labels, restricted to gold and
    /// system mentions of that label; every label is present.
    pub per_label: BTreeMap<EntityLabel, Prf>,
    /// The counts behind the figures.
    #[serde(skip)]
    pub counts: EntityCounts,
    /// Required gold mentions with no system partner, in gold order.
    #[serde(skip)]
    pub misses: Vec<EntityRecord>,
    /// Aligned (gold, system) pairs whose labels differ or, when the gold has a
    /// link, whose links differ; in alignment order.
    #[serde(skip)]
    pub wrong: Vec<(EntityRecord, EntityRecord)>,
}

impl EntityScore {
    /// The figures for some counts, with no misses or wrong mentions listed.
    pub fn from_counts(counts: &EntityCounts) -> Self {
        let prf = |tp| Prf::from_counts(tp, counts.n_sys, counts.n_gold);
        let accuracy = |right, all| {
            if all == 0 {
                0.0
            } else {
                round4(ratio(right, all))
            }
        };
        let per_label = EntityLabel::ALL
            .into_iter()
            .map(|label| {
                let LabelCounts { tp, n_sys, n_gold } = counts.label(label);
                (label, Prf::from_counts(tp, n_sys, n_gold))
            })
            .collect();
        EntityScore {
            strict_typed: prf(counts.strict_typed),
            relaxed_typed: prf(counts.relaxed_typed),
            relaxed_untyped: prf(counts.pairs),
            link_accuracy_on_matched: accuracy(counts.link_ok, counts.linked_pairs),
            link: Prf::from_counts(counts.link_ok, counts.n_sys_linked, counts.n_gold_linked),
            label_accuracy_on_matched: accuracy(counts.relaxed_typed, counts.pairs),
            per_label,
            counts: *counts,
            misses: Vec::new(),
            wrong: Vec::new(),
        }
    }

    /// The score as JSON; with `with_errors`, also `misses` and `wrong`
    /// (each wrong pair as `{"gold": .., "system": ..}`).
    pub fn to_json(&self, with_errors: bool) -> serde_json::Value {
        let mut json = serde_json::to_value(self).expect("an entity score serialises to JSON");
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

/// The result of scoring one document's entity mentions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EntityDocumentScore {
    /// The document, as named by the first gold (or else system) mention.
    pub doc: Option<String>,
    /// The match counts.
    pub counts: EntityCounts,
    /// Required gold mentions with no system partner, in gold order.
    pub misses: Vec<EntityRecord>,
    /// Aligned (gold, system) pairs with a wrong label or link, in alignment order.
    pub wrong: Vec<(EntityRecord, EntityRecord)>,
}

impl EntityDocumentScore {
    /// The figures, with this document's misses and wrong mentions.
    pub fn score(&self) -> EntityScore {
        EntityScore {
            misses: self.misses.clone(),
            wrong: self.wrong.clone(),
            ..EntityScore::from_counts(&self.counts)
        }
    }
}

/// Scores one document's system mentions against its gold, as `score.py
/// entities` does: optional gold split off, then the greedy overlap alignment
/// shared with the timex scorer.
///
/// The `doc` fields are not looked at.
///
/// ```
/// use annals_eval::{score_entities_document, EntityLabel, EntityRecord};
///
/// let mention = |start, end, label: &str, link: &str| EntityRecord {
///     start,
///     end,
///     label: Some(label.to_owned()),
///     link: Some(link.to_owned()),
///     ..EntityRecord::default()
/// };
/// let gold = [mention(0, 5, "GPE", "Japan"), mention(10, 22, "GPE", "Soviet Union")];
/// let system = [mention(0, 5, "GPE", "Japan"), mention(10, 16, "NORP", "Soviet Union")];
/// let score = score_entities_document(&gold, &system).score();
/// assert_eq!(score.strict_typed.tp, 1);
/// assert_eq!(score.relaxed_untyped.f1, 1.0);
/// assert_eq!(score.label_accuracy_on_matched, 0.5);
/// assert_eq!(score.link_accuracy_on_matched, 1.0);
/// assert_eq!(score.per_label[&EntityLabel::Gpe].r, 0.5);
/// assert_eq!(score.wrong.len(), 1);
/// ```
pub fn score_entities_document(
    gold: &[EntityRecord],
    system: &[EntityRecord],
) -> EntityDocumentScore {
    let (required, kept) = split_optional(gold, system);
    let pairs = align(&extents(&required), &extents(&kept));
    let mut counts = EntityCounts {
        n_sys: kept.len(),
        n_gold: required.len(),
        pairs: pairs.len(),
        n_sys_linked: kept.iter().filter(|s| s.has_link()).count(),
        n_gold_linked: required.iter().filter(|g| g.has_link()).count(),
        ..EntityCounts::default()
    };
    for label in required.iter().filter_map(|g| g.entity_label()) {
        counts.per_label[crate::entity::record::label_index(label)].n_gold += 1;
    }
    for label in kept.iter().filter_map(|s| s.entity_label()) {
        counts.per_label[crate::entity::record::label_index(label)].n_sys += 1;
    }
    let mut matched = vec![false; required.len()];
    let mut wrong = Vec::new();
    for &(g, s) in &pairs {
        matched[g] = true;
        let (gold, system) = (required[g], kept[s]);
        let same_label = gold.label == system.label;
        let same_span = gold.start == system.start && gold.end == system.end;
        counts.strict_typed += usize::from(same_span && same_label);
        counts.relaxed_typed += usize::from(same_label);
        if let (true, Some(label)) = (same_label, gold.entity_label()) {
            counts.per_label[crate::entity::record::label_index(label)].tp += 1;
        }
        let link_wrong = gold.has_link() && gold.link != system.link;
        if gold.has_link() {
            counts.linked_pairs += 1;
            counts.link_ok += usize::from(!link_wrong);
        }
        if !same_label || link_wrong {
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
    EntityDocumentScore {
        doc,
        counts,
        misses,
        wrong,
    }
}

/// The result of scoring the entity mentions of many documents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EntityCorpusScore {
    /// Each document's score, in order.
    pub documents: Vec<EntityDocumentScore>,
    /// The sum of the documents' counts.
    pub counts: EntityCounts,
}

impl EntityCorpusScore {
    /// Collects document scores, summing their counts.
    ///
    /// ```
    /// use annals_eval::{score_entities_document, EntityCorpusScore, EntityRecord};
    ///
    /// let mention = |start| EntityRecord { start, end: start + 4, ..EntityRecord::default() };
    /// let corpus = EntityCorpusScore::from_documents(vec![
    ///     score_entities_document(&[mention(0)], &[mention(0)]),
    ///     score_entities_document(&[mention(0)], &[]),
    /// ]);
    /// assert_eq!(corpus.score().relaxed_untyped.r, 0.5);
    /// ```
    pub fn from_documents(documents: Vec<EntityDocumentScore>) -> Self {
        let counts = documents
            .iter()
            .map(|d| d.counts)
            .fold(EntityCounts::default(), Add::add);
        EntityCorpusScore { documents, counts }
    }

    /// The micro-averaged figures, with every document's misses and wrong mentions.
    pub fn score(&self) -> EntityScore {
        EntityScore {
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
            ..EntityScore::from_counts(&self.counts)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(start: usize, end: usize, label: Option<&str>, link: Option<&str>) -> EntityRecord {
        EntityRecord {
            start,
            end,
            label: label.map(str::to_owned),
            link: link.map(str::to_owned),
            ..EntityRecord::default()
        }
    }

    /// Gold: GPE x3, NORP x2, ORG x1. The system finds five, with two labels
    /// wrong, and adds a LOC and a GPE of its own.
    fn example() -> (Vec<EntityRecord>, Vec<EntityRecord>) {
        let gold = vec![
            mention(0, 5, Some("GPE"), Some("Japan")),
            mention(10, 22, Some("GPE"), Some("Soviet Union")),
            mention(30, 36, Some("GPE"), Some("Moscow")),
            mention(40, 48, Some("NORP"), Some("Japanese people")),
            mention(50, 58, Some("NORP"), None),
            mention(60, 70, Some("ORG"), Some("Comintern")),
        ];
        let system = vec![
            mention(0, 5, Some("GPE"), Some("Japan")),
            mention(12, 22, Some("GPE"), None),
            mention(30, 36, Some("LOC"), Some("Moscow")),
            mention(40, 48, Some("GPE"), Some("Japan")),
            mention(50, 58, Some("NORP"), Some("Soviet people")),
            mention(80, 85, Some("LOC"), None),
            mention(90, 95, Some("GPE"), Some("Japan")),
        ];
        (gold, system)
    }

    #[test]
    fn per_label_figures_use_the_overall_alignment() {
        let (gold, system) = example();
        let document = score_entities_document(&gold, &system);
        let counts = |label| document.counts.label(label);
        // GPE: pairs 0-0 and 1-1 are GPE on both sides; system GPE: 0, 1, 3, 6.
        assert_eq!(
            counts(EntityLabel::Gpe),
            LabelCounts {
                tp: 2,
                n_sys: 4,
                n_gold: 3
            }
        );
        // NORP: gold 3 was labelled GPE, gold 4 right.
        assert_eq!(
            counts(EntityLabel::Norp),
            LabelCounts {
                tp: 1,
                n_sys: 1,
                n_gold: 2
            }
        );
        assert_eq!(
            counts(EntityLabel::Loc),
            LabelCounts {
                tp: 0,
                n_sys: 2,
                n_gold: 0
            }
        );
        assert_eq!(
            counts(EntityLabel::Org),
            LabelCounts {
                tp: 0,
                n_sys: 0,
                n_gold: 1
            }
        );
        let score = document.score();
        let gpe = score.per_label[&EntityLabel::Gpe];
        assert_eq!((gpe.p, gpe.r, gpe.f1), (0.5, 0.6667, 0.5714));
        let norp = score.per_label[&EntityLabel::Norp];
        assert_eq!((norp.p, norp.r, norp.f1), (1.0, 0.5, 0.6667));
        assert_eq!(
            score.per_label[&EntityLabel::Fac],
            Prf::from_counts(0, 0, 0)
        );
        assert_eq!(score.per_label.len(), 9);
        // Per-label true positives add up to the relaxed typed ones when every
        // label is one of the nine.
        let tp: usize = score.per_label.values().map(|prf| prf.tp).sum();
        assert_eq!(tp, score.relaxed_typed.tp);
    }

    #[test]
    fn label_and_link_accuracy_on_matched() {
        let (gold, system) = example();
        let score = score_entities_document(&gold, &system).score();
        // Five pairs, three with the same label.
        assert_eq!(score.relaxed_untyped.tp, 5);
        assert_eq!(score.relaxed_typed.tp, 3);
        assert_eq!(score.strict_typed.tp, 2);
        assert_eq!(score.label_accuracy_on_matched, 0.6);
        // Four pairs with a gold link; right: Japan and Moscow.
        assert_eq!(score.counts.linked_pairs, 4);
        assert_eq!(score.link_accuracy_on_matched, 0.5);
        assert_eq!(score.link, Prf::from_counts(2, 5, 5));
        // Wrong: 1 (link dropped), 3 (label and link), 2 (label), in alignment
        // order (largest overlap first); 4's gold has no link.
        let wrong: Vec<usize> = score.wrong.iter().map(|(g, _)| g.start).collect();
        assert_eq!(wrong, vec![10, 40, 30]);
        let misses: Vec<usize> = score.misses.iter().map(|g| g.start).collect();
        assert_eq!(misses, vec![60]);
    }

    #[test]
    fn missing_labels_are_equal_and_empty_links_are_no_links() {
        let gold = [
            mention(0, 4, None, Some("")),
            mention(10, 14, Some("gpe"), None),
        ];
        let system = [
            mention(0, 4, None, None),
            mention(10, 14, Some("gpe"), Some("")),
        ];
        let score = score_entities_document(&gold, &system).score();
        assert_eq!(score.label_accuracy_on_matched, 1.0);
        assert_eq!(score.strict_typed.tp, 2);
        // Labels outside the nine count overall but in no row of their own.
        assert!(score
            .per_label
            .values()
            .all(|prf| prf.sys == 0 && prf.gold == 0));
        assert_eq!(score.link, Prf::from_counts(0, 0, 0));
        assert_eq!(score.link_accuracy_on_matched, 0.0);
        assert!(score.wrong.is_empty());
    }

    #[test]
    fn optional_gold_is_split_off_before_counting_labels() {
        let mut optional = mention(0, 10, Some("PERSON"), Some("Richard Sorge"));
        optional.optional = true;
        let gold = [optional, mention(20, 25, Some("PERSON"), None)];
        let system = [
            mention(2, 8, Some("PERSON"), None),
            mention(8, 22, Some("PERSON"), None),
        ];
        let counts = score_entities_document(&gold, &system).counts;
        // The first system mention lies on optional gold only and is dropped;
        // the second also touches required gold and stays.
        assert_eq!((counts.n_sys, counts.n_gold, counts.pairs), (1, 1, 1));
        assert_eq!(
            counts.label(EntityLabel::Person),
            LabelCounts {
                tp: 1,
                n_sys: 1,
                n_gold: 1
            }
        );
        assert_eq!(counts.n_gold_linked, 0);
    }

    #[test]
    fn corpus_counts_are_sums() {
        let (gold, system) = example();
        let whole = score_entities_document(&gold, &system).counts;
        let corpus = EntityCorpusScore::from_documents(vec![
            score_entities_document(&gold[..3], &system[..3]),
            score_entities_document(&gold[3..], &system[3..]),
        ]);
        // The split falls between pairs, so the halves add up to the whole.
        assert_eq!(corpus.counts, whole);
        assert_eq!(corpus.score().wrong.len(), 3);
    }

    #[test]
    fn json_has_the_reference_keys_and_the_additions() {
        let (gold, system) = example();
        let score = score_entities_document(&gold, &system).score();
        let json = score.to_json(false);
        let mut keys: Vec<&str> = json
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "label_accuracy_on_matched",
                "link",
                "link_accuracy_on_matched",
                "per_label",
                "relaxed_typed",
                "relaxed_untyped",
                "strict_typed"
            ]
        );
        assert_eq!(json["per_label"]["GPE"]["sys"], 4);
        assert_eq!(json["per_label"]["MONEY"]["f1"], 0.0);
        let with_errors = score.to_json(true);
        assert_eq!(with_errors["misses"][0]["label"], "ORG");
        assert_eq!(with_errors["wrong"][2]["system"]["label"], "LOC");
    }
}
