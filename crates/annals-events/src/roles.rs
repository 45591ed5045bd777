//! Who did what to whom: the source and target actors of an event.
//!
//! Verbs take their roles from the clause analysis of `annals-syntax`:
//! the subject acts and the object is acted on, a passive's "by" phrase
//! names the doer, coordinated subjects act together, a relative pronoun
//! stands for its antecedent, and an infinitive's subject comes from the
//! verb that governs it. Event nouns take them from their own noun phrase:
//! a possessor or a premodifier acts ("Gromyko's visit", "the Soviet
//! invasion"), "of", "to", "on" and "against" phrases name the target ("the
//! invasion of Afghanistan"), "by" and "from" phrases the doer, and
//! "between X and Y" joint parties. Joint acts (signing, talks, exchanges)
//! put all parties in the source, as PLOVER does; bilateral wording with no
//! names ("the two countries", "both sides") stands for the document's two
//! main parties.

use annals_core::{EntityLabel, Mention};
use std::collections::HashMap;

/// The words of a sentence: (start, end, lower-case text), relative to it.
type Words<'a> = &'a [(usize, usize, String)];

/// A name that can act: a state, a people standing for its state, a person,
/// an organisation, with a link.
pub(crate) fn is_actor(m: &Mention) -> bool {
    matches!(
        m.label,
        EntityLabel::Gpe | EntityLabel::Norp | EntityLabel::Person | EntityLabel::Org
    ) && m.link.is_some()
}

/// Acts whose parties act together: signing and concluding agreements,
/// talks and negotiations, exchanges.
pub(crate) fn reciprocal(plover: &str, cameo: &str) -> bool {
    matches!(
        cameo,
        "057" | "050" | "040" | "046" | "04" | "060" | "061" | "06"
    ) || (plover == "COOPERATE" && cameo != "064")
        || (plover == "CONSULT" && cameo != "042")
}

/// COW numbers of state titles.
pub(crate) static STATE_COW: std::sync::LazyLock<HashMap<&'static str, u16>> =
    std::sync::LazyLock::new(|| {
        annals_entities::state_codes()
            .into_iter()
            .filter_map(|(title, (_, cow))| cow.map(|c| (title, c)))
            .collect()
    });

/// A side of a conflict or a relationship: a state by its COW number, or a
/// state the COW list does not hold (the Confederate States) by a number of
/// its own above 100,000.
pub(crate) type Side = u32;

/// States without a COW number, in a fixed order.
static OTHER_STATES: std::sync::LazyLock<HashMap<&'static str, Side>> =
    std::sync::LazyLock::new(|| {
        let mut titles: Vec<&'static str> = annals_entities::state_codes()
            .into_iter()
            .filter(|(_, (_, cow))| cow.is_none())
            .map(|(title, _)| title)
            .collect();
        titles.sort_unstable();
        titles
            .into_iter()
            .enumerate()
            .map(|(i, t)| (t, 100_000 + i as Side))
            .collect()
    });

/// The side a state title stands for, if it is a state's.
pub(crate) fn side_of(title: &str) -> Option<Side> {
    STATE_COW
        .get(title)
        .map(|&c| Side::from(c))
        .or_else(|| OTHER_STATES.get(title).copied())
}

/// Words that stand for the two parties of a bilateral relationship.
const BILATERAL: [&[&str]; 12] = [
    &["neither", "side"],
    &["either", "side"],
    &["each", "side"],
    &["two", "countries"],
    &["two", "parties"],
    &["two", "sides"],
    &["both", "sides"],
    &["both", "countries"],
    &["two", "states"],
    &["two", "governments"],
    &["both", "governments"],
    &["each", "other"],
];

/// Whether the sentence speaks of "the two countries", "both sides", ….
pub(crate) fn bilateral(ws: Words) -> bool {
    ws.windows(2)
        .any(|w| BILATERAL.iter().any(|b| w[0].2 == b[0] && w[1].2 == b[1]))
}

/// The actors of a sentence with their offsets relative to it and the
/// title each stands for.
pub(crate) struct Actors {
    list: Vec<(usize, usize, String)>,
}

impl Actors {
    /// The actor mentions among `names`, relative to a sentence at `base`:
    /// states (and the peoples and capitals standing for them, under the
    /// state's title of the moment in `titles`), persons, organisations and
    /// groups; other places only locate.
    pub(crate) fn new(names: &[&Mention], base: usize, titles: &HashMap<Side, String>) -> Actors {
        let mut list = Vec::new();
        for m in names.iter().filter(|m| is_actor(m)) {
            let Some(title) = m.link.clone() else {
                continue;
            };
            let title = if m.cow.is_some() {
                title
            } else if matches!(m.label, EntityLabel::Gpe | EntityLabel::Norp) {
                let capital = annals_entities::capital_of(&title);
                if let Some(state) = capital.iter().find_map(|&c| titles.get(&Side::from(c))) {
                    state.clone()
                } else if annals_entities::is_place(&title) || title == "Communism" {
                    continue;
                } else {
                    title
                }
            } else {
                title
            };
            list.push((m.span.start - base, m.span.end - base, title));
        }
        Actors { list }
    }

    /// The actor that starts at `at` (a word's start), if any.
    fn starting_at(&self, at: usize) -> Option<&(usize, usize, String)> {
        self.list.iter().find(|a| a.0 == at)
    }

    /// The actors that lie within `a..b`.
    pub(crate) fn within(&self, a: usize, b: usize) -> Vec<String> {
        let mut out: Vec<String> = self
            .list
            .iter()
            .filter(|x| x.0 >= a && x.1 <= b)
            .map(|x| x.2.clone())
            .collect();
        out.dedup();
        out
    }

    /// Whether a title is a state's (it has a COW number in the gazetteer).
    pub(crate) fn is_state(&self, title: &str) -> bool {
        STATE_COW.contains_key(title)
    }

    /// The actors that end at or before `at`, nearest last.
    pub(crate) fn before(&self, at: usize) -> Vec<&(usize, usize, String)> {
        self.list.iter().filter(|x| x.1 <= at).collect()
    }

    /// The actors that start at or after `at`, nearest first.
    pub(crate) fn after(&self, at: usize) -> Vec<&(usize, usize, String)> {
        self.list.iter().filter(|x| x.0 >= at).collect()
    }
}

/// Index of the first word at or after `at`.
fn word_at(ws: Words, at: usize) -> usize {
    ws.iter().position(|w| w.0 >= at).unwrap_or(ws.len())
}

/// Words that may stand between a premodifier or possessor and its noun
/// ("the Soviet military buildup", "Japan's formal recognition").
fn is_premodifier(word: &str) -> bool {
    !matches!(
        word,
        "," | ";" | ":" | "(" | ")" | "and" | "or" | "of" | "in" | "by" | "to" | "with" | "the"
    ) && !word.ends_with("ed")
        || matches!(
            word,
            "military" | "armed" | "naval" | "formal" | "official" | "first" | "second"
        )
}

/// The roles of an event noun from its noun phrase: (source, target, joint).
pub(crate) fn noun_roles(
    ws: Words,
    text: &str,
    actors: &Actors,
    start: usize,
    end: usize,
    mobilize: bool,
    voiced: bool,
) -> (Vec<String>, Vec<String>, bool) {
    let mut source = Vec::new();
    let mut target = Vec::new();
    let mut joint = false;
    // Before the noun: a possessor or premodifiers, up to three words back.
    let i = word_at(ws, start);
    let mut k = i;
    let mut hops = 0;
    while k > 0 && hops < 4 {
        let w = &ws[k - 1];
        if let Some(a) = actors
            .list
            .iter()
            .find(|a| a.1 == w.1 || (a.0 <= w.0 && w.1 <= a.1))
        {
            // "Sino-Soviet split", "Soviet-Japanese border incident".
            let mut mods = vec![a.2.clone()];
            let before = &text[..a.0];
            if before.ends_with(['-', '–']) {
                if let Some(b) = actors
                    .list
                    .iter()
                    .find(|b| b.1 + 1 >= a.0 && b.1 <= a.0 && b.0 < a.0)
                {
                    mods.insert(0, b.2.clone());
                    joint = true;
                }
            }
            source.extend(mods);
            break;
        }
        if !is_premodifier(&w.2) && !w.2.ends_with("'s") && !w.2.ends_with("’s") {
            break;
        }
        k -= 1;
        hops += 1;
    }
    // After the noun: its prepositional phrases, up to eight words on.
    let j = word_at(ws, end);
    let mut n = j;
    while n < ws.len() && n < j + 8 {
        let w = ws[n].2.as_str();
        if matches!(
            w,
            ";" | ":"
                | "("
                | ","
                | "which"
                | "who"
                | "that"
                | "when"
                | "was"
                | "were"
                | "is"
                | "are"
                | "had"
                | "has"
                | "have"
                | "been"
                | "would"
                | "could"
        ) {
            break;
        }
        let role = match w {
            "of" | "to" | "on" | "against" | "with" | "toward" | "towards" | "over" => Some(false),
            "in" if mobilize => Some(false),
            // "strong opposition in Japan to …": where a protest is voiced.
            "in" if voiced => Some(true),
            "by" | "from" => Some(true),
            "between" => {
                let people = actors.within(ws[n].1, ws.get(n + 6).map_or(text.len(), |x| x.1));
                if people.len() >= 2 {
                    source = people;
                    return (source, Vec::new(), true);
                }
                None
            }
            _ => None,
        };
        if let Some(is_source) = role {
            // The phrase's noun phrase: the next actor within three words.
            let found = (n + 1..(n + 4).min(ws.len()))
                .find_map(|m| actors.starting_at(ws[m].0))
                .map(|a| a.2.clone());
            if let Some(name) = found {
                if is_source {
                    if source.is_empty() {
                        source.push(name);
                    }
                } else if target.is_empty() {
                    target.push(name);
                }
            }
        }
        n += 1;
    }
    (source, target, joint)
}

/// Puts the parties of a joint act together in the source.
pub(crate) fn join(source: &mut Vec<String>, target: &mut Vec<String>) {
    for t in target.drain(..) {
        if !source.contains(&t) {
            source.push(t);
        }
    }
}

/// Actors of a verb by position in its clause: the nearest actors before
/// and after the trigger; "by" after a passive trigger names the doer; "X
/// and Y" before a trigger are joint doers. (The fallback when the clause
/// analysis gives no subject.)
pub(crate) fn by_position(
    ws: Words,
    actors: &Actors,
    start: usize,
    end: usize,
    passive: bool,
) -> (Vec<String>, Vec<String>) {
    let boundary = |a: usize, b: usize| {
        ws.iter()
            .any(|w| w.0 >= a && w.1 <= b && matches!(w.2.as_str(), ";" | ":"))
    };
    let before: Vec<&(usize, usize, String)> = actors
        .before(start)
        .into_iter()
        .filter(|m| !boundary(m.1, start))
        .collect();
    let after: Vec<&(usize, usize, String)> = actors
        .after(end)
        .into_iter()
        .filter(|m| !boundary(end, m.0))
        .collect();
    let mut subject: Vec<String> = Vec::new();
    if let Some(last) = before.last() {
        subject.push(last.2.clone());
        if before.len() >= 2 {
            let prev = before[before.len() - 2];
            let gap: Vec<&str> = ws
                .iter()
                .filter(|w| w.0 >= prev.1 && w.1 <= last.0)
                .map(|w| w.2.as_str())
                .collect();
            if matches!(gap.as_slice(), ["and"] | ["and", "the"]) {
                subject.insert(0, prev.2.clone());
            }
        }
    }
    let object: Vec<String> = after.first().map(|m| vec![m.2.clone()]).unwrap_or_default();
    if passive {
        let by = ws.iter().find(|w| w.0 >= end && w.2 == "by").map(|w| w.1);
        let agent: Vec<String> = by
            .and_then(|b| after.iter().find(|m| m.0 >= b))
            .map(|m| vec![m.2.clone()])
            .unwrap_or_default();
        (agent, subject)
    } else {
        (subject, object)
    }
}

/// The roles of a verb trigger from the clause analysis: the verb group
/// whose main verb lies in the trigger (`start..end`, absolute offsets; the
/// sentence starts at `base`). Active: the subject acts on the object, or
/// on the noun phrase of a "with", "against", "on", "to" or "into" phrase
/// after it; passive: the "by" phrase acts on the subject. `None` when no
/// verb group holds the trigger.
pub(crate) fn clause_roles(
    syntax: &annals_syntax::Analysis,
    actors: &Actors,
    base: usize,
    start: usize,
    end: usize,
) -> Option<(Vec<String>, Vec<String>)> {
    use annals_syntax::ChunkKind;
    let group = syntax.verbs.iter().find(|v| {
        let t = &syntax.tokens[v.verb];
        t.start >= start && t.start < end
    })?;
    let names = |chunks: &[usize]| -> Vec<String> {
        let mut out = Vec::new();
        for &c in chunks {
            for n in chunk_actors(syntax, actors, base, c) {
                if !out.contains(&n) {
                    out.push(n);
                }
            }
        }
        out
    };
    let mut subject = names(&group.subject);
    if subject.is_empty() && !group.subject.is_empty() {
        // "Minister of Foreign Affairs Andrei Gromyko of the Soviet Union
        // visited": the first name in the subject's phrases.
        let from = syntax.chunk_span(group.subject[0]).0;
        let to = syntax.chunk_span(group.vp).0;
        if from < to {
            subject = actors
                .within(from - base, to - base)
                .into_iter()
                .take(1)
                .collect();
        }
    }
    // "Soviet officials asserted that their government would propose …":
    // "their" stands for the main clause's subject.
    if subject.is_empty() && !group.subject.is_empty() {
        let first = &syntax.tokens[syntax.chunks[group.subject[0]].first];
        if matches!(first.lemma.as_str(), "their" | "its" | "his" | "her") {
            subject = first_subject(syntax, actors, base).unwrap_or_default();
        }
    }
    // "were in 1946 incorporated into …": a participle after a "be" group
    // that a phrase kept apart.
    let split_passive = !group.passive
        && group.subject.is_empty()
        && matches!(
            syntax.tokens[group.verb].pos,
            annals_syntax::Pos::Verb(
                annals_syntax::VerbForm::Past | annals_syntax::VerbForm::PastParticiple
            )
        )
        && syntax.verbs.iter().any(|v| {
            v.lemma == "be"
                && v.verb < group.verb
                && group.verb - v.verb <= 5
                && v.object.is_empty()
        });
    if group.passive || split_passive {
        let mut agent = names(&group.agent);
        if agent.is_empty() {
            // "… were incorporated into the Soviet Union": the state that took them.
            agent = following_pp(syntax, group, &["into"])
                .map(|c| names(&[c]))
                .unwrap_or_default()
                .into_iter()
                .filter(|n| actors.is_state(n))
                .collect();
        }
        if agent.is_empty() {
            // "Sorge was arrested in Japan": a state where it was done did it.
            agent = following_pp(syntax, group, &["in"])
                .map(|c| names(&[c]))
                .unwrap_or_default()
                .into_iter()
                .filter(|n| actors.is_state(n))
                .collect();
        }
        // "… was transferred to the Soviet Union": the recipient.
        let patient = if subject.is_empty() {
            following_pp(syntax, group, &["to"])
                .map(|c| names(&[c]))
                .unwrap_or_default()
        } else {
            subject
        };
        return Some((agent, patient));
    }
    let mut object = names(&group.object);
    if object.is_empty() {
        // "negotiated with Litvinov", "declared war on Japan".
        let vp = group.vp;
        let clause_end = group.clause.1;
        for (i, chunk) in syntax.chunks.iter().enumerate().skip(vp + 1) {
            if chunk.first > clause_end || chunk.kind == ChunkKind::Vp {
                break;
            }
            if chunk.kind != ChunkKind::Pp {
                continue;
            }
            let prep = syntax.tokens[chunk.first].lemma.as_str();
            if matches!(
                prep,
                "with" | "against" | "on" | "to" | "into" | "toward" | "towards"
            ) {
                object = names(&[i]);
                if !object.is_empty() {
                    break;
                }
            }
        }
    }
    Some((subject, object))
}

/// The first PP chunk after a verb group, in its clause, whose preposition
/// is one of `preps`.
fn following_pp(
    syntax: &annals_syntax::Analysis,
    group: &annals_syntax::VerbGroup,
    preps: &[&str],
) -> Option<usize> {
    use annals_syntax::ChunkKind;
    for (i, chunk) in syntax.chunks.iter().enumerate().skip(group.vp + 1) {
        if chunk.first > group.clause.1 || chunk.kind == ChunkKind::Vp {
            return None;
        }
        if chunk.kind == ChunkKind::Pp
            && chunk.within.is_none()
            && preps.contains(&syntax.tokens[chunk.first].lemma.as_str())
        {
            return Some(i);
        }
    }
    None
}

/// The doer of an event noun that is the object of a verb ("The Soviet
/// Union revived another proposal", "the United States imposed
/// sanctions"): that verb's subject, unless the verb receives or judges the
/// act (`receivers.txt`: "considered the proposal").
pub(crate) fn governing_subject(
    syntax: &annals_syntax::Analysis,
    actors: &Actors,
    base: usize,
    token_start: usize,
    receivers: &[&str],
) -> Vec<String> {
    let Some(t) = syntax.tokens.iter().position(|x| x.start == token_start) else {
        return Vec::new();
    };
    let Some(np) = syntax.chunk_of(t) else {
        return Vec::new();
    };
    let outer = syntax.chunks[np].within.unwrap_or(np);
    let group = syntax.verbs.iter().find(|v| {
        !v.passive
            && (v.object.contains(&np)
                || v.object.contains(&outer)
                || (outer > v.vp && outer <= v.vp + 2 && syntax.chunks[outer].first <= v.clause.1))
    });
    let Some(group) = group else {
        return Vec::new();
    };
    if receivers.contains(&group.lemma.as_str()) || group.lemma == "be" {
        return Vec::new();
    }
    let mut out = Vec::new();
    for &c in &group.subject {
        for n in chunk_actors(syntax, actors, base, c) {
            if !out.contains(&n) {
                out.push(n);
            }
        }
    }
    out
}

/// The nearest possessor actor before `at` ("Japan's decision"), offsets
/// relative to the sentence.
pub(crate) fn possessor_before(ws: Words, actors: &Actors, at: usize) -> Vec<String> {
    actors
        .before(at)
        .into_iter()
        .rev()
        .find(|a| {
            ws.iter()
                .any(|w| w.0 <= a.0 && w.1 >= a.1 && (w.2.ends_with("'s") || w.2.ends_with("’s")))
                || ws.iter().any(|w| w.0 == a.0 && w.1 > a.1)
        })
        .map(|a| vec![a.2.clone()])
        .unwrap_or_default()
}

/// The state each person of a document serves, when the text says so next
/// to the name: "Soviet Foreign Commissar Maxim Litvinoff", "Russian
/// president Boris Yeltsin", "Andrei Gromyko of the Soviet Union". The first
/// such mention of a person decides.
pub(crate) fn affiliations(text: &str, mentions: &[Mention]) -> HashMap<String, Side> {
    let mut out = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        if m.label != EntityLabel::Person {
            continue;
        }
        let Some(link) = &m.link else {
            continue;
        };
        if out.contains_key(link) {
            continue;
        }
        let near = m.span.start.saturating_sub(80);
        let side = |s: &Mention| s.link.as_deref().and_then(side_of);
        let before = mentions[..i]
            .iter()
            .rev()
            .take_while(|s| s.span.end >= near)
            .find(|s| {
                side(s).is_some()
                    && s.span.end <= m.span.start
                    && m.span.start - s.span.end <= 40
                    && text.get(s.span.end..m.span.start).is_some_and(|gap| {
                        !gap.contains([',', '.', ';', '(', ')']) && !gap.contains(" and ")
                    })
            });
        let after = mentions.get(i + 1).filter(|s| {
            side(s).is_some()
                && text
                    .get(m.span.end..s.span.start)
                    .is_some_and(|gap| matches!(gap, " of the " | " of "))
        });
        if let Some(found) = before.or(after).and_then(side) {
            out.insert(link.clone(), found);
        }
    }
    out
}

/// The states of a signing: "between X and Y" in the sentence, or a
/// "Sino-Japanese" compound after the trigger.
pub(crate) fn pair_in(ws: Words, text: &str, actors: &Actors, at: usize) -> Vec<String> {
    if let Some(b) = ws.iter().position(|w| w.2 == "between") {
        let from = ws[b].1;
        let to = ws
            .iter()
            .skip(b + 1)
            .find(|w| matches!(w.2.as_str(), "," | ";" | ":") || w.2.ends_with("ed"))
            .map_or(text.len(), |w| w.0);
        let people = actors.within(from, to);
        if people.len() >= 2 {
            return people;
        }
    }
    // A hyphenated pair within a few words after the trigger.
    let near: Vec<&(usize, usize, String)> = actors
        .after(at)
        .into_iter()
        .filter(|a| a.0 <= at + 80)
        .collect();
    for pair in near.windows(2) {
        let gap = text.get(pair[0].1..pair[1].0).unwrap_or(" ");
        if matches!(gap, "-" | "–") {
            return vec![pair[0].2.clone(), pair[1].2.clone()];
        }
    }
    Vec::new()
}

/// The actors of the subject of a sentence's first finite verb group, in
/// either voice.
pub(crate) fn first_subject(
    syntax: &annals_syntax::Analysis,
    actors: &Actors,
    base: usize,
) -> Option<Vec<String>> {
    let group = syntax
        .verbs
        .iter()
        .find(|v| v.form == annals_syntax::Form::Finite && !v.subject.is_empty())?;
    let mut out = Vec::new();
    for &c in &group.subject {
        let (a, b) = syntax.chunk_span(c);
        out.extend(actors.within(a - base, b - base));
    }
    (!out.is_empty()).then_some(out)
}

/// The actors of a noun-phrase chunk: the one at its head when there is one
/// ("Russian president Boris Yeltsin" is Yeltsin, "CPSU Secretary General
/// Leonid Brezhnev" Brezhnev), else all of them ("Japan and the Soviet
/// Union").
fn chunk_actors(
    syntax: &annals_syntax::Analysis,
    actors: &Actors,
    base: usize,
    chunk: usize,
) -> Vec<String> {
    let (a, b) = syntax.chunk_span(chunk);
    let head = &syntax.tokens[syntax.chunks[chunk].head];
    let (h0, h1) = (head.start - base, head.end - base);
    let all: Vec<&(usize, usize, String)> = actors
        .list
        .iter()
        .filter(|x| x.0 >= a - base && x.0 < b - base)
        .collect();
    if all.len() > 1 {
        if let Some(at_head) = all.iter().find(|x| x.0 <= h0 && h1 <= x.1) {
            return vec![at_head.2.clone()];
        }
    }
    let mut out: Vec<String> = all.into_iter().map(|x| x.2.clone()).collect();
    out.dedup();
    out
}

/// Gives a verb event with no parties those of the event its subject names
/// ("Negotiation of these issues broke down" involves the negotiators).
pub(crate) fn inherit_from_subject_events(
    syntax: &annals_syntax::Analysis,
    events: &mut [annals_core::Event],
) {
    for i in 0..events.len() {
        if !events[i].source.is_empty() || !events[i].target.is_empty() {
            continue;
        }
        let at = events[i].trigger.start;
        let Some(group) = syntax
            .verbs
            .iter()
            .find(|v| syntax.tokens[v.verb].start == at)
        else {
            continue;
        };
        let heads: Vec<usize> = group
            .subject
            .iter()
            .map(|&c| syntax.tokens[syntax.chunks[c].head].start)
            .collect();
        let named = events.iter().position(|e| {
            heads
                .iter()
                .any(|&h| e.trigger.start <= h && h < e.trigger.end)
                && !(e.source.is_empty() && e.target.is_empty())
        });
        if let Some(j) = named {
            let (source, target) = (events[j].source.clone(), events[j].target.clone());
            events[i].source = source;
            events[i].target = target;
        }
    }
}

/// The document's two main sides: the states its names stand for most often,
/// COW states and others alike (fewer when it names fewer), most named first.
pub(crate) fn main_sides(mentions: &[Mention]) -> Vec<Side> {
    let mut counts: HashMap<Side, usize> = HashMap::new();
    for m in mentions {
        if !matches!(m.label, EntityLabel::Gpe | EntityLabel::Norp) {
            continue;
        }
        if let Some(side) = m.link.as_deref().and_then(side_of) {
            *counts.entry(side).or_default() += 1;
        }
    }
    let mut ranked: Vec<(Side, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.iter().take(2).map(|r| r.0).collect()
}

/// Prepositions that place an event ("occupied Chita in Transbaikal", "landed
/// at Wonsan").
const PLACING: [&str; 11] = [
    "in", "at", "near", "into", "across", "on", "over", "off", "to", "from", "around",
];

/// Where an event took place: the first place the trigger's clause names
/// after it, as its object ("occupied Vladivostok") or after a placing
/// preposition ("in Moscow"), within a few words. Places are names that do
/// not act (cities, regions, seas); states are actors, not locations.
pub(crate) fn location(
    ws: Words,
    names: &[&Mention],
    base: usize,
    start: usize,
    end: usize,
) -> Option<String> {
    let place = |m: &&&Mention| {
        m.span.start >= base + end
            && m.span.start <= base + end + 80
            && (m.label == EntityLabel::Loc
                || m.link.as_deref().is_some_and(annals_entities::is_place))
    };
    let _ = start;
    for m in names.iter().filter(place) {
        let at = m.span.start - base;
        let between: Vec<&str> = ws
            .iter()
            .filter(|w| w.0 >= end && w.1 <= at)
            .map(|w| w.2.as_str())
            .collect();
        if between
            .iter()
            .any(|w| matches!(*w, ";" | ":" | "," | "which" | "who" | "that"))
        {
            return None;
        }
        let object = between
            .iter()
            .all(|w| matches!(*w, "the" | "a" | "an" | "city" | "of"));
        let placed = between
            .iter()
            .rev()
            .find(|w| !matches!(**w, "the" | "a" | "an"))
            .is_some_and(|w| PLACING.contains(w));
        if object || placed {
            return m.link.clone().or_else(|| Some(m.text.clone()));
        }
    }
    None
}

/// Verbs that say where the subject took place ("the meeting … was held in
/// Moscow", "the battle happened in Primorye").
const LOCATIVE: [&str; 8] = [
    "held", "happened", "occurred", "place", "fought", "convened", "met", "staged",
];

/// Where an event named by a noun took place when its clause says so
/// further on: the event noun is the subject of a locative verb ("An
/// October 1973 meeting between Tanaka and Brezhnev … was held in Moscow";
/// "the Battle of Lake Khasan (1938) happened in Primorye"). The verb must
/// come before any other clause of the sentence (no `;` or `:`, no relative
/// pronoun, no second event noun's own verb) and be followed by a placing
/// preposition and a place.
pub(crate) fn subject_location(
    ws: Words,
    text: &str,
    names: &[&Mention],
    base: usize,
    end: usize,
) -> Option<String> {
    let after: Vec<&(usize, usize, String)> = ws.iter().filter(|w| w.0 >= end).collect();
    let verb = after
        .iter()
        .position(|w| LOCATIVE.contains(&w.2.as_str()))?;
    // "and" may join names ("between Tanaka and Brezhnev"), not clauses.
    let joins_names = |i: usize| {
        after
            .get(i + 1)
            .and_then(|w| text.get(w.0..w.1))
            .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()))
    };
    if after[..verb].iter().enumerate().any(|(i, w)| {
        matches!(w.2.as_str(), ";" | ":" | "which" | "who" | "that")
            || (w.2 == "and" && !joins_names(i))
    }) {
        return None;
    }
    // "took place", "was held", "happened": the verb's own word before it.
    let word = after[verb].2.as_str();
    let before = verb.checked_sub(1).map(|i| after[i].2.as_str());
    let finite = match word {
        "place" => matches!(before, Some("took" | "take" | "takes")),
        "held" | "fought" | "convened" | "staged" => {
            matches!(before, Some("was" | "were" | "is" | "are" | "been"))
        }
        _ => true,
    };
    if !finite {
        return None;
    }
    let prep = after.get(verb + 1)?;
    if !matches!(prep.2.as_str(), "in" | "at" | "near" | "on" | "off") {
        return None;
    }
    let from = base + prep.1;
    let m = names.iter().find(|m| m.span.start >= from)?;
    let gap = &ws
        .iter()
        .filter(|w| w.0 >= prep.1 && w.1 <= m.span.start - base)
        .map(|w| w.2.as_str())
        .collect::<Vec<_>>();
    let place = m.label == EntityLabel::Loc
        || m.label == EntityLabel::Gpe
        || m.link.as_deref().is_some_and(annals_entities::is_place);
    (place
        && gap
            .iter()
            .all(|w| matches!(*w, "the" | "a" | "an" | "city" | "of")))
    .then(|| m.link.clone().unwrap_or_else(|| m.text.clone()))
}
