//! Counting event matches per document and turning counts into figures.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::{Add, AddAssign};

use serde::Serialize;

use crate::align::{align, extents};
use crate::score::{ratio, round4};
use crate::{EventDate, EventRecord, Prf, ValueNorm};

/// Counts of one event type: aligned pairs restricted to that type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TypeCounts {
    /// Aligned pairs whose gold and system events both have the type.
    pub tp: usize,
    /// System events with the type.
    pub n_sys: usize,
    /// Required gold events with the type.
    pub n_gold: usize,
}

impl Add for TypeCounts {
    type Output = TypeCounts;

    fn add(self, other: TypeCounts) -> TypeCounts {
        TypeCounts {
            tp: self.tp + other.tp,
            n_sys: self.n_sys + other.n_sys,
            n_gold: self.n_gold + other.n_gold,
        }
    }
}

/// Raw event match counts; corpus counts are sums of document counts (micro averages).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct EventCounts {
    /// System events scored (all of them: `score.py` drops none).
    pub n_sys: usize,
    /// Required gold events.
    pub n_gold: usize,
    /// Aligned pairs: events whose triggers overlap.
    pub pairs: usize,
    /// Pairs with equal types (a missing type equals a missing type).
    pub typed: usize,
    /// Pairs with equal types and equal sets of sources and of targets.
    pub typed_with_actors: usize,
    /// Pairs whose dates agree: both absent, or both present with the same value.
    pub dated: usize,
    /// Pairs with the same `negated` and the same `hypothetical` flag.
    pub polarity: usize,
    /// Pairs whose gold event has a `same_as`.
    pub same_as_pairs: usize,
    /// Of those, pairs whose system `same_as` names the right system event.
    pub same_as_ok: usize,
    /// The counts of each type that occurs on either side, by type as written.
    pub per_type: BTreeMap<String, TypeCounts>,
}

impl Add for EventCounts {
    type Output = EventCounts;

    fn add(mut self, other: EventCounts) -> EventCounts {
        self += other;
        self
    }
}

impl AddAssign for EventCounts {
    fn add_assign(&mut self, other: EventCounts) {
        self.n_sys += other.n_sys;
        self.n_gold += other.n_gold;
        self.pairs += other.pairs;
        self.typed += other.typed;
        self.typed_with_actors += other.typed_with_actors;
        self.dated += other.dated;
        self.polarity += other.polarity;
        self.same_as_pairs += other.same_as_pairs;
        self.same_as_ok += other.same_as_ok;
        for (kind, counts) in other.per_type {
            let sum = self.per_type.entry(kind).or_default();
            *sum = *sum + counts;
        }
    }
}

/// The event figures: serialises to the keys of `score.py events --json`,
/// plus `same_as_accuracy_on_matched` and `per_type`.
///
/// `counts`, `misses` and `wrong` are left out of that JSON;
/// [`EventScore::to_json`] adds the errors on request.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventScore {
    /// Overlapping triggers.
    pub trigger: Prf,
    /// Overlapping triggers and equal types.
    pub typed: Prf,
    /// Overlapping triggers, equal types, and equal sets of sources and of targets.
    pub typed_with_actors: Prf,
    /// Pairs whose dates agree (both absent, or the same value), among all
    /// pairs (0 when there is none).
    pub date_accuracy_on_matched: f64,
    /// Pairs with the same `negated` and `hypothetical` flags, among all pairs.
    pub polarity_accuracy_on_matched: f64,
    /// Among pairs whose gold event has a `same_as`, the share whose system
    /// `same_as` is the id of the system event aligned to the gold's antecedent;
    /// see [`score_events_document`].
    pub same_as_accuracy_on_matched: f64,
    /// Relaxed typed figures of each type that occurs in the gold or the system.
    pub per_type: BTreeMap<String, Prf>,
    /// The counts behind the figures.
    #[serde(skip)]
    pub counts: EventCounts,
    /// Required gold events with no system partner, in gold order.
    #[serde(skip)]
    pub misses: Vec<EventRecord>,
    /// Aligned (gold, system) pairs whose types or actors differ, in alignment order.
    #[serde(skip)]
    pub wrong: Vec<(EventRecord, EventRecord)>,
}

impl EventScore {
    /// The figures for some counts, with no misses or wrong events listed.
    pub fn from_counts(counts: &EventCounts) -> Self {
        let prf = |tp| Prf::from_counts(tp, counts.n_sys, counts.n_gold);
        let per_type = counts
            .per_type
            .iter()
            .map(|(kind, c)| (kind.clone(), Prf::from_counts(c.tp, c.n_sys, c.n_gold)))
            .collect();
        EventScore {
            trigger: prf(counts.pairs),
            typed: prf(counts.typed),
            typed_with_actors: prf(counts.typed_with_actors),
            date_accuracy_on_matched: accuracy(counts.dated, counts.pairs),
            polarity_accuracy_on_matched: accuracy(counts.polarity, counts.pairs),
            same_as_accuracy_on_matched: accuracy(counts.same_as_ok, counts.same_as_pairs),
            per_type,
            counts: counts.clone(),
            misses: Vec::new(),
            wrong: Vec::new(),
        }
    }

    /// The score as JSON; with `with_errors`, also `misses` and `wrong`
    /// (each wrong pair as `{"gold": .., "system": ..}`).
    pub fn to_json(&self, with_errors: bool) -> serde_json::Value {
        let mut json = serde_json::to_value(self).expect("an event score serialises to JSON");
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

/// `round(right / all, 4)`, or 0 when there is nothing to count, as `score.py` has it.
pub(crate) fn accuracy(right: usize, all: usize) -> f64 {
    if all == 0 {
        0.0
    } else {
        round4(ratio(right, all))
    }
}

/// The result of scoring one document's events.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventDocumentScore {
    /// The document, as named by the first gold (or else system) event.
    pub doc: Option<String>,
    /// The match counts.
    pub counts: EventCounts,
    /// Required gold events with no system partner, in gold order.
    pub misses: Vec<EventRecord>,
    /// Aligned (gold, system) pairs whose types or actors differ, in alignment order.
    pub wrong: Vec<(EventRecord, EventRecord)>,
}

impl EventDocumentScore {
    /// The figures, with this document's misses and wrong events.
    pub fn score(&self) -> EventScore {
        EventScore {
            misses: self.misses.clone(),
            wrong: self.wrong.clone(),
            ..EventScore::from_counts(&self.counts)
        }
    }
}

/// Scores one document's system events against its gold, as `score.py events`
/// does: optional gold is removed (system events are all kept, even those on
/// optional gold), then triggers are aligned with the greedy overlap alignment
/// shared with the timex scorer. On the aligned pairs:
///
/// - **typed**: equal types; **typed_with_actors**: also equal sets of
///   `source` and of `target` (order and repeats do not matter);
/// - **date accuracy**: both dates absent, or both present with values equal
///   after trimming and upper-casing (`end` and `mod` are not compared);
/// - **polarity accuracy**: equal `negated` and equal `hypothetical` flags;
/// - **same_as accuracy** (not in `score.py`): the pairs counted are those
///   whose gold event has a non-empty `same_as`. Its *antecedent* is the first
///   required gold event of the document with that id. The pair is right when
///   the antecedent is aligned to a system event that has an id and the system
///   event's `same_as` is that id. An antecedent that is missing, optional or
///   unaligned makes the pair wrong. A system `same_as` where the gold has
///   none is not counted;
/// - **per type**: a type's true positives are the pairs with that type on
///   both sides, its system and gold counts the events with that type; events
///   without a type have no row.
///
/// The `doc` and `sentence_*` fields are not looked at (nor by `score.py`).
///
/// ```
/// use annals_eval::{score_events_document, EventRecord, TriggerSpan};
///
/// let event = |id: &str, start, kind: &str, source: &[&str]| EventRecord {
///     id: Some(id.to_owned()),
///     trigger: TriggerSpan { start, end: start + 6, text: String::new() },
///     r#type: Some(kind.to_owned()),
///     source: source.iter().map(|s| s.to_string()).collect(),
///     ..EventRecord::default()
/// };
/// let gold = [event("E1", 0, "AGREE", &["Japan"]), event("E2", 20, "ASSAULT", &["Japan"])];
/// let system = [event("e1", 2, "AGREE", &["Japan"]), event("e2", 20, "COERCE", &["Japan"])];
/// let score = score_events_document(&gold, &system).score();
/// assert_eq!(score.trigger.f1, 1.0);
/// assert_eq!(score.typed.f1, 0.5);
/// assert_eq!(score.per_type["AGREE"].f1, 1.0);
/// assert_eq!(score.per_type["COERCE"].p, 0.0);
/// assert_eq!(score.wrong.len(), 1);
/// ```
pub fn score_events_document(gold: &[EventRecord], system: &[EventRecord]) -> EventDocumentScore {
    let required: Vec<&EventRecord> = gold.iter().filter(|g| !g.optional).collect();
    let system: Vec<&EventRecord> = system.iter().collect();
    let pairs = align(&extents(&required), &extents(&system));
    let mut counts = EventCounts {
        n_sys: system.len(),
        n_gold: required.len(),
        pairs: pairs.len(),
        ..EventCounts::default()
    };
    for kind in required.iter().filter_map(|g| g.r#type.as_ref()) {
        counts.per_type.entry(kind.clone()).or_default().n_gold += 1;
    }
    for kind in system.iter().filter_map(|s| s.r#type.as_ref()) {
        counts.per_type.entry(kind.clone()).or_default().n_sys += 1;
    }
    let mut partner = vec![None; required.len()];
    for &(g, s) in &pairs {
        partner[g] = Some(s);
    }
    let antecedents = Antecedents::new(&required, &system, &partner);
    let mut wrong = Vec::new();
    for &(g, s) in &pairs {
        let (gold, system) = (required[g], system[s]);
        let same_type = gold.r#type == system.r#type;
        let full = same_type
            && same_actors(&gold.source, &system.source)
            && same_actors(&gold.target, &system.target);
        counts.typed += usize::from(same_type);
        counts.typed_with_actors += usize::from(full);
        if let (true, Some(kind)) = (same_type, &gold.r#type) {
            counts.per_type.entry(kind.clone()).or_default().tp += 1;
        }
        counts.dated += usize::from(dates_match(gold.date.as_ref(), system.date.as_ref()));
        counts.polarity +=
            usize::from(gold.negated == system.negated && gold.hypothetical == system.hypothetical);
        if let Some(right) = antecedents.expected_same_as(gold) {
            counts.same_as_pairs += 1;
            counts.same_as_ok += usize::from(right.is_some() && system.same_as_id() == right);
        }
        if !full {
            wrong.push((gold.clone(), system.clone()));
        }
    }
    let misses = required
        .iter()
        .zip(&partner)
        .filter(|(_, partner)| partner.is_none())
        .map(|(gold, _)| (*gold).clone())
        .collect();
    let doc = gold
        .first()
        .or(system.first().copied())
        .and_then(|r| r.doc.clone());
    EventDocumentScore {
        doc,
        counts,
        misses,
        wrong,
    }
}

/// Resolves gold `same_as` ids to the id the system should have written.
struct Antecedents<'a> {
    /// The system id aligned to each gold id (its first event), `None` when unaligned.
    aligned: HashMap<&'a str, Option<&'a str>>,
}

impl<'a> Antecedents<'a> {
    fn new(
        required: &[&'a EventRecord],
        system: &[&'a EventRecord],
        partner: &[Option<usize>],
    ) -> Self {
        let mut aligned = HashMap::new();
        for (gold, partner) in required.iter().zip(partner) {
            if let Some(id) = gold.id.as_deref() {
                let system_id = partner.and_then(|s| system[s].id.as_deref());
                aligned.entry(id).or_insert(system_id);
            }
        }
        Antecedents { aligned }
    }

    /// `None` when the gold event has no `same_as`; otherwise the id its system
    /// partner's `same_as` must equal, `Some(None)` when no id can be right.
    fn expected_same_as(&self, gold: &EventRecord) -> Option<Option<&'a str>> {
        let id = gold.same_as_id()?;
        Some(self.aligned.get(id).copied().flatten())
    }
}

/// `score.py` compares the actor lists as sets.
fn same_actors(gold: &[String], system: &[String]) -> bool {
    gold.iter().collect::<BTreeSet<_>>() == system.iter().collect::<BTreeSet<_>>()
}

/// Both absent, or both present with the same normalised value.
fn dates_match(gold: Option<&EventDate>, system: Option<&EventDate>) -> bool {
    match (gold, system) {
        (None, system) => system.is_none(),
        (Some(_), None) => false,
        (Some(gold), Some(system)) => {
            ValueNorm::Exact.normalize(gold.value.as_deref())
                == ValueNorm::Exact.normalize(system.value.as_deref())
        }
    }
}

/// The result of scoring the events of many documents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventCorpusScore {
    /// Each document's score, in order.
    pub documents: Vec<EventDocumentScore>,
    /// The sum of the documents' counts.
    pub counts: EventCounts,
}

impl EventCorpusScore {
    /// Collects document scores, summing their counts.
    ///
    /// ```
    /// use annals_eval::{score_events_document, EventCorpusScore, EventRecord, TriggerSpan};
    ///
    /// let event = |start| EventRecord {
    ///     trigger: TriggerSpan { start, end: start + 4, text: String::new() },
    ///     ..EventRecord::default()
    /// };
    /// let corpus = EventCorpusScore::from_documents(vec![
    ///     score_events_document(&[event(0)], &[event(0)]),
    ///     score_events_document(&[event(0)], &[]),
    /// ]);
    /// assert_eq!(corpus.score().trigger.r, 0.5);
    /// ```
    pub fn from_documents(documents: Vec<EventDocumentScore>) -> Self {
        let counts = documents
            .iter()
            .map(|d| d.counts.clone())
            .fold(EventCounts::default(), Add::add);
        EventCorpusScore { documents, counts }
    }

    /// The micro-averaged figures, with every document's misses and wrong events.
    pub fn score(&self) -> EventScore {
        EventScore {
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
            ..EventScore::from_counts(&self.counts)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TriggerSpan;

    fn event(id: &str, start: usize, end: usize, kind: &str) -> EventRecord {
        EventRecord {
            id: Some(id.into()),
            trigger: TriggerSpan {
                start,
                end,
                text: String::new(),
            },
            r#type: Some(kind.into()),
            source: vec!["Japan".into()],
            target: vec!["Soviet Union".into()],
            date: Some(EventDate {
                value: Some("1941".into()),
                ..EventDate::default()
            }),
            ..EventRecord::default()
        }
    }

    /// Gold: five events, E4 and E5 repeat E1. The system finds four of them.
    fn example() -> (Vec<EventRecord>, Vec<EventRecord>) {
        let mut gold = vec![
            event("E1", 0, 6, "AGREE"),
            event("E2", 10, 16, "ASSAULT"),
            event("E3", 20, 26, "ASSAULT"),
            event("E4", 30, 36, "AGREE"),
            event("E5", 40, 46, "AGREE"),
        ];
        gold[3].same_as = Some("E1".into());
        gold[4].same_as = Some("E1".into());
        let mut system = vec![
            event("s1", 2, 6, "AGREE"),
            event("s2", 10, 16, "COERCE"),
            event("s4", 30, 33, "AGREE"),
            event("s5", 44, 50, "AGREE"),
            event("s9", 60, 66, "AGREE"),
        ];
        // Actors in another order and repeated: still the same sets.
        system[0].source = vec!["Japan".into(), "Japan".into()];
        system[1].date = None;
        system[2].same_as = Some("s1".into());
        system[2].hypothetical = true;
        system[3].same_as = Some("E1".into());
        system[3].target = vec![];
        (gold, system)
    }

    #[test]
    fn counts_every_measure() {
        let (gold, system) = example();
        let document = score_events_document(&gold, &system);
        let counts = &document.counts;
        assert_eq!((counts.n_sys, counts.n_gold, counts.pairs), (5, 5, 4));
        assert_eq!((counts.typed, counts.typed_with_actors), (3, 2));
        assert_eq!((counts.dated, counts.polarity), (3, 3));
        // E4's system partner points to s1, E1's partner: right. E5's points
        // to a gold id: wrong.
        assert_eq!((counts.same_as_pairs, counts.same_as_ok), (2, 1));
        assert_eq!(
            counts.per_type["AGREE"],
            TypeCounts {
                tp: 3,
                n_sys: 4,
                n_gold: 3
            }
        );
        assert_eq!(
            counts.per_type["ASSAULT"],
            TypeCounts {
                tp: 0,
                n_sys: 0,
                n_gold: 2
            }
        );
        let score = document.score();
        assert_eq!(score.trigger, Prf::from_counts(4, 5, 5));
        assert_eq!(score.date_accuracy_on_matched, 0.75);
        assert_eq!(score.same_as_accuracy_on_matched, 0.5);
        assert_eq!(score.per_type["COERCE"], Prf::from_counts(0, 1, 0));
        let misses: Vec<_> = score.misses.iter().map(|g| g.id.as_deref()).collect();
        assert_eq!(misses, [Some("E3")]);
        let wrong: Vec<_> = score.wrong.iter().map(|(g, _)| g.id.as_deref()).collect();
        assert_eq!(wrong, [Some("E2"), Some("E5")]);
    }

    #[test]
    fn same_as_needs_an_aligned_antecedent_with_an_id() {
        let (gold, mut system) = example();
        // E1 unaligned: neither repeat can be right.
        system.remove(0);
        let counts = score_events_document(&gold, &system).counts;
        assert_eq!((counts.same_as_pairs, counts.same_as_ok), (2, 0));
        // E1 aligned to a system event without an id: no same_as can name it.
        let (gold, mut system) = example();
        system[0].id = None;
        system[2].same_as = None;
        let counts = score_events_document(&gold, &system).counts;
        assert_eq!((counts.same_as_pairs, counts.same_as_ok), (2, 0));
        // An antecedent id that no gold event has.
        let (mut gold, system) = example();
        gold[3].same_as = Some("E99".into());
        gold[4].same_as = Some(String::new());
        let counts = score_events_document(&gold, &system).counts;
        assert_eq!((counts.same_as_pairs, counts.same_as_ok), (1, 0));
    }

    #[test]
    fn optional_gold_is_removed_but_system_events_stay() {
        let mut optional = event("E1", 0, 10, "AGREE");
        optional.optional = true;
        let gold = [optional, event("E2", 20, 26, "AGREE")];
        let system = [event("a", 2, 5, "AGREE"), event("b", 20, 26, "AGREE")];
        let counts = score_events_document(&gold, &system).counts;
        assert_eq!((counts.n_sys, counts.n_gold, counts.pairs), (2, 1, 1));
        assert_eq!(counts.per_type["AGREE"].n_gold, 1);
    }

    #[test]
    fn dates_and_polarity_follow_the_reference() {
        let date = |value: Option<&str>| {
            Some(EventDate {
                value: value.map(str::to_owned),
                end: Some("1999".into()),
                r#mod: None,
            })
        };
        assert!(dates_match(None, None));
        assert!(!dates_match(None, date(Some("1941")).as_ref()));
        assert!(!dates_match(date(Some("1941")).as_ref(), None));
        assert!(dates_match(
            date(Some(" p3y ")).as_ref(),
            date(Some("P3Y")).as_ref()
        ));
        assert!(dates_match(date(None).as_ref(), date(Some("")).as_ref()));
        let mut gold = event("E1", 0, 6, "AGREE");
        gold.negated = true;
        let mut system = gold.clone();
        system.hypothetical = true;
        let counts = score_events_document(&[gold.clone()], &[system]).counts;
        assert_eq!(counts.polarity, 0);
        let counts = score_events_document(&[gold.clone()], &[gold]).counts;
        assert_eq!(counts.polarity, 1);
    }

    #[test]
    fn corpus_counts_are_sums() {
        let (gold, system) = example();
        let whole = score_events_document(&gold, &system).counts;
        let corpus = EventCorpusScore::from_documents(vec![
            score_events_document(&gold[..2], &system[..2]),
            score_events_document(&gold[2..], &system[2..]),
        ]);
        // The antecedent E1 lies in the first half, so the second half cannot
        // resolve its repeats; everything else adds up.
        assert_eq!(
            EventCounts {
                same_as_ok: whole.same_as_ok - 1,
                ..whole
            },
            corpus.counts
        );
        assert_eq!(corpus.score().wrong.len(), 2);
        assert_eq!(corpus.score().misses.len(), 1);
    }

    #[test]
    fn json_has_the_reference_keys_and_the_additions() {
        let (gold, system) = example();
        let json = score_events_document(&gold, &system).score().to_json(false);
        let mut keys: Vec<&str> = json
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "date_accuracy_on_matched",
                "per_type",
                "polarity_accuracy_on_matched",
                "same_as_accuracy_on_matched",
                "trigger",
                "typed",
                "typed_with_actors"
            ]
        );
        assert_eq!(json["per_type"]["AGREE"]["tp"], 3);
        let with_errors = score_events_document(&gold, &system).score().to_json(true);
        assert_eq!(with_errors["misses"][0]["id"], "E3");
        assert_eq!(with_errors["wrong"][0]["system"]["type"], "COERCE");
    }
}
