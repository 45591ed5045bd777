//! Coreference of events: a later mention of an event already reported
//! ("the pact", "This proposal", "The visit", a war named again) points to
//! the first mention with `same_as`, so that counts and the index count each
//! real event once.

use crate::dates::DateSource;
use annals_core::{Event, EventDate};

/// What coreference needs to know of a mention beyond the event itself.
#[derive(Debug, Clone)]
pub(crate) struct Key {
    /// Where the mention's date came from.
    pub date: DateSource,
    /// The title of the named event it names, if any.
    pub named: Option<String>,
    /// A definite event noun ("the visit").
    pub definite: bool,
    /// A demonstrative event noun ("this proposal", "these talks").
    pub demonstrative: bool,
    /// The section it lies in.
    pub section: usize,
    /// The sentence's first byte.
    pub sentence: usize,
}

/// Verbs and nouns of winning and losing: a victory in a war or battle is
/// that war or battle.
const OUTCOMES: [&str; 10] = [
    "won", "win", "wins", "defeated", "defeat", "defeats", "victory", "lost", "loss", "triumph",
];

/// How far back (in events) an anaphoric noun looks for its antecedent.
const ANAPHORA_WINDOW: usize = 12;

/// How many first mentions of a type any later mention is compared with:
/// keeps coreference linear in the length of a document.
const ROOT_WINDOW: usize = 300;

/// Sets `same_as` on every later mention of an event, pointing at the root
/// (the first mention), and gives a mention that has no date of its own the
/// root's date.
pub(crate) fn link(events: &mut [Event], keys: &[Key]) {
    // First mentions so far, by type, in document order.
    let mut roots: std::collections::HashMap<String, Vec<usize>> = Default::default();
    let mut parties: Vec<Vec<String>> = events.iter().map(party_keys).collect();
    for i in 0..events.len() {
        let candidates: &[usize] = roots.get(&events[i].kind).map_or(&[], Vec::as_slice);
        let recent = &candidates[candidates.len().saturating_sub(ROOT_WINDOW)..];
        let Some(root) = antecedent(events, keys, &parties, recent, i) else {
            roots.entry(events[i].kind.clone()).or_default().push(i);
            continue;
        };
        // Ids are E1, E2, … in order: a root's id gives its index.
        let root = events[root]
            .same_as
            .as_deref()
            .and_then(|id| id.strip_prefix('E')?.parse::<usize>().ok())
            .map_or(root, |n| n - 1);
        if root == i {
            continue;
        }
        events[i].same_as = Some(events[root].id.clone());
        // "This proposal was rejected": the parties of the first mention.
        if events[i].source.is_empty() && (keys[i].definite || keys[i].demonstrative) {
            events[i].source = events[root].source.clone();
            if events[i].target.is_empty() {
                events[i].target = events[root].target.clone();
            }
            parties[i] = parties[root].clone();
        }
        // What a later mention says of the parties holds for the event.
        if events[root].source.is_empty() && events[root].target.is_empty() {
            events[root].source = events[i].source.clone();
            events[root].target = events[i].target.clone();
            parties[root] = parties[i].clone();
        }
        let finer_root = match (&events[i].date, &events[root].date) {
            (Some(own), Some(first)) => {
                first.value.len() > own.value.len() && first.value.starts_with(&own.value)
            }
            _ => false,
        };
        if matches!(keys[i].date, DateSource::None) {
            // Content with no time of its own keeps none.
        } else if !matches!(keys[i].date, DateSource::Own) || finer_root {
            // No date of its own, or a coarser one ("the invasion of
            // Afghanistan in 1979" is the invasion of December 1979).
            events[i].date = events[root].date.clone();
        } else if matches!(
            keys[root].date,
            DateSource::Section | DateSource::Narrative | DateSource::None
        ) {
            // A heading's "recognition (1917–1925)" is the recognition the
            // text later dates to January 1925.
            events[root].date = events[i].date.clone();
        }
    }
}

fn antecedent(
    events: &[Event],
    keys: &[Key],
    parties: &[Vec<String>],
    recent: &[usize],
    i: usize,
) -> Option<usize> {
    let e = &events[i];
    let real = |x: &Event| !x.negated && !x.hypothetical;
    // Roots of the same type, latest first; a real event is not a mention
    // of one that did not happen.
    let roots = || {
        recent
            .iter()
            .rev()
            .copied()
            .filter(move |&j| !real(e) || real(&events[j]))
    };
    let compatible = |j: usize| compatible(&parties[j], &parties[i]);
    // A war or battle named again (or the war a victory was won in).
    if let Some(name) = &keys[i].named {
        return recent
            .iter()
            .copied()
            .find(|&j| keys[j].named.as_ref() == Some(name));
    }
    let word = e.trigger.text.to_lowercase();
    let first = word.split_whitespace().next().unwrap_or("");
    // "won decisively", "the defeat at …": the war or battle just reported.
    if e.kind == "ASSAULT" && OUTCOMES.contains(&first) {
        return roots()
            .take_while(|&j| keys[i].sentence.saturating_sub(keys[j].sentence) < 600)
            .find(|&j| keys[j].named.is_some() || events[j].trigger.text.contains("Battle"));
    }
    // A mention dated in its own clause must fit the first mention's date.
    let timely = |j: usize| {
        !matches!(keys[i].date, DateSource::Own) || within(e.date.as_ref(), events[j].date.as_ref())
    };
    // The same, for a date anywhere in the mention's sentence.
    let dated_within = |j: usize| {
        !matches!(keys[i].date, DateSource::Own | DateSource::Sentence)
            || within(e.date.as_ref(), events[j].date.as_ref())
    };
    let near = |j: usize| {
        keys[j].section == keys[i].section
            || keys[i].sentence.saturating_sub(keys[j].sentence) < 1500
    };
    // "This proposal": the latest event of its kind, however far back;
    // "the visit": within the section.
    if keys[i].demonstrative {
        if let Some(j) = roots().find(|&j| compatible(j) && same_word(&events[j], e)) {
            return Some(j);
        }
        if let Some(j) = roots()
            .take_while(|&j| keys[i].sentence.saturating_sub(keys[j].sentence) < 400)
            .find(|&j| compatible(j))
        {
            return Some(j);
        }
    } else if keys[i].definite {
        if let Some(j) = roots()
            .take(ANAPHORA_WINDOW)
            .take_while(|&j| near(j))
            .find(|&j| compatible(j) && same_word(&events[j], e) && timely(j))
        {
            return Some(j);
        }
    }
    // An act that did not happen, named again ("still has not been
    // signed", "the signing of a peace treaty"); an offer or a proposal is
    // itself an act, each one its own.
    let verbal_offer =
        e.hypothetical && !e.negated && matches!(e.kind.as_str(), "AGREE" | "CONCEDE");
    if !real(e) && !verbal_offer {
        if let Some(j) = recent.iter().copied().find(|&j| {
            !real(&events[j])
                && events[j].cameo == e.cameo
                // Signing and concluding a treaty are one act.
                && (same_word(&events[j], e) || e.cameo == "057")
                && compatible(j)
                && sources_fit(&events[j], e)
                && dated_within(j)
        }) {
            return Some(j);
        }
    }
    // The same act by the same parties, named by the same word, at a
    // compatible time; both real, or both not.
    recent.iter().copied().find(|&j| {
        real(&events[j]) == real(e)
            && shared_party(&parties[j], &parties[i])
            && sources_fit(&events[j], e)
            && events[j].cameo == e.cameo
            && same_word(&events[j], e)
            && within(e.date.as_ref(), events[j].date.as_ref())
    })
}

/// Same stem of the trigger word ("proposal" / "proposals" / "propose",
/// "recognition" / "recognized"), or a later noun that heads an earlier name
/// ("the invasion" / "the Soviet invasion of Manchuria").
fn same_word(a: &Event, b: &Event) -> bool {
    let head = b.trigger.text.to_lowercase();
    let earlier = a.trigger.text.to_lowercase();
    if earlier.contains(' ') && !head.contains(' ') && earlier.split_whitespace().any(|w| w == head)
    {
        return true;
    }
    let (x, y) = (stem(&earlier), stem(&head));
    let common = x.chars().zip(y.chars()).take_while(|(p, q)| p == q).count();
    let shorter = x.chars().count().min(y.chars().count());
    shorter >= 4 && common >= shorter.min(5)
}

/// The first word of a trigger without its inflection or nominal suffix.
fn stem(text: &str) -> String {
    let word = text.split_whitespace().next().unwrap_or("");
    for suffix in [
        "ations", "ation", "ions", "ion", "ings", "ing", "als", "al", "ed", "es", "s", "e",
    ] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.chars().count() >= 4 {
                return stem.to_string();
            }
        }
    }
    word.to_string()
}

/// An event's parties, states by their COW number (the Empire of Japan
/// and Japan are one party).
fn party_keys(e: &Event) -> Vec<String> {
    let codes = &*crate::roles::STATE_COW;
    let mut out: Vec<String> = e
        .source
        .iter()
        .chain(&e.target)
        .map(|t| match codes.get(t.as_str()) {
            Some(cow) => format!("#{cow}"),
            None => t.clone(),
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Parties that do not contradict each other: either side unknown, or a
/// common party.
fn compatible(pa: &[String], pb: &[String]) -> bool {
    pa.is_empty() || pb.is_empty() || pa.iter().any(|p| pb.contains(p))
}

/// Doers that do not contradict each other: either unknown, or one in common.
fn sources_fit(a: &Event, b: &Event) -> bool {
    a.source.is_empty() || b.source.is_empty() || a.source.iter().any(|x| b.source.contains(x))
}

/// A common party, or none known for the first mention (a heading).
fn shared_party(pa: &[String], pb: &[String]) -> bool {
    pa.is_empty() || pa.iter().any(|p| pb.contains(p))
}

/// Whether date `inner` lies within date `outer` (years compared; unknown
/// dates are compatible).
fn within(inner: Option<&EventDate>, outer: Option<&EventDate>) -> bool {
    let (Some(inner), Some(outer)) = (inner, outer) else {
        return true;
    };
    let year = |v: &str| v.get(..4).and_then(|y| y.parse::<i32>().ok());
    let (Some(a), Some(from)) = (year(&inner.value), year(&outer.value)) else {
        return false;
    };
    let to = outer.end.as_deref().and_then(year).unwrap_or(from);
    from <= a && a <= to
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn stems_meet_across_verbs_and_nouns() {
        assert_eq!(stem("signing"), stem("signed"));
        assert_eq!(stem("proposal"), stem("propose"));
        assert_eq!(stem("visits"), "visit");
        assert_ne!(stem("conclusion"), stem("concession"));
    }
}
