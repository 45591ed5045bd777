//! Phrase chunks: noun phrases, verb groups, prepositional phrases,
//! adjective and adverb phrases.
//!
//! A prepositional phrase spans its preposition(s) and its noun phrase, or
//! several noun phrases joined by "and"/"or" ("between Japan and the Soviet
//! Union"); those noun phrases are chunks too, listed right after the PP with
//! `within` pointing at it. All other chunks are top-level and together
//! cover every token in order (punctuation, conjunctions and subordinators
//! are `Other` chunks of one token).

use crate::lexicon::LEX;
use crate::pos::{Pos, VerbForm};
use crate::Token;

/// The kind of a chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChunkKind {
    /// A noun phrase: "the Soviet Union", "Japan's victory", "70,000 troops", "they".
    Np,
    /// A verb group: modals, auxiliaries, negation and adverbs with one main
    /// verb ("had not yet been signed"), an infinitive with its "to" ("to sign"),
    /// and a phrasal verb's particle ("took over").
    Vp,
    /// A preposition with its noun phrase(s): "in January 1925", "between X and Y";
    /// or a preposition alone (before a gerund: "after *signing*").
    Pp,
    /// An adjective phrase not inside a noun phrase: "hostile", "very large".
    Adjp,
    /// Adverbs not inside a verb group: "however", "then".
    Advp,
    /// One token of anything else: punctuation, conjunction, subordinator.
    Other,
}

/// A chunk: a run of tokens `first..=last` with its head.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Chunk {
    /// What kind of phrase it is.
    pub kind: ChunkKind,
    /// Index of its first token.
    pub first: usize,
    /// Index of its last token (inclusive).
    pub last: usize,
    /// Index of its head token: the noun of a noun phrase (before an "of"
    /// joining two proper names: "Treaty" in "Treaty of Portsmouth"), the main
    /// verb of a verb group, the head of a PP's (first) noun phrase, or the
    /// preposition of a PP without one.
    pub head: usize,
    /// For a noun phrase inside a PP, the index of the PP's chunk.
    pub within: Option<usize>,
}

fn pos(tokens: &[Token], i: usize) -> Option<Pos> {
    tokens.get(i).map(|t| t.pos)
}

fn is(tokens: &[Token], i: usize, f: impl Fn(Pos) -> bool) -> bool {
    pos(tokens, i).is_some_and(f)
}

fn is_finite_start(p: Pos) -> bool {
    matches!(
        p,
        Pos::Modal | Pos::Aux | Pos::Verb(VerbForm::Past) | Pos::Verb(VerbForm::Present)
    )
}

/// The verb group starting at `i`: (last token, head).
fn verb_group(tokens: &[Token], i: usize) -> Option<(usize, usize)> {
    let mut j = i;
    let infinitive = is(tokens, j, |p| p == Pos::To);
    if infinitive {
        j += 1;
    }
    let mut k = j;
    while is(tokens, k, |p| matches!(p, Pos::Adv | Pos::Neg)) {
        k += 1;
    }
    let starts = |p: Pos| {
        if infinitive {
            matches!(p, Pos::Verb(VerbForm::Base) | Pos::Aux)
        } else {
            matches!(p, Pos::Modal | Pos::Aux | Pos::Verb(_))
        }
    };
    if !is(tokens, k, starts) {
        return None;
    }
    let mut head = None;
    let mut last = k;
    while let Some(p) = pos(tokens, k) {
        match p {
            Pos::Modal | Pos::Aux => {
                head = Some(k);
                last = k;
            }
            Pos::Adv | Pos::Neg => {
                // Adverbs inside the group only when more of the group follows.
                let mut m = k;
                while is(tokens, m, |p| matches!(p, Pos::Adv | Pos::Neg)) {
                    m += 1;
                }
                if !is(tokens, m, |p| {
                    matches!(p, Pos::Modal | Pos::Aux | Pos::Verb(_))
                }) || head.is_some_and(|h| tokens[h].pos.is_verb())
                {
                    break;
                }
            }
            Pos::Verb(_) => {
                if head.is_some_and(|h| tokens[h].pos.is_verb()) {
                    break; // a second main verb starts a new group
                }
                head = Some(k);
                last = k;
            }
            _ => break,
        }
        k += 1;
    }
    let head = head?;
    // The particle of a phrasal verb.
    if tokens[head].pos.is_verb() {
        if let Some(t) = tokens.get(last + 1) {
            if t.pos == Pos::Adv && LEX.is_particle_of(&tokens[head].lemma, &t.lemma) {
                last += 1;
            }
        }
    }
    Some((last, head))
}

fn is_year(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())
}

fn nominal_body(p: Pos) -> bool {
    matches!(p, Pos::Adj | Pos::Num | Pos::Noun | Pos::Proper)
}

/// The noun phrase starting at `i`: (last token, head).
fn noun_phrase(tokens: &[Token], i: usize) -> Option<(usize, usize)> {
    let p = pos(tokens, i)?;
    if p == Pos::Pronoun {
        return Some((i, i));
    }
    let mut j = i;
    while is(tokens, j, |p| p == Pos::Det) {
        j += 1;
    }
    let dets = j > i;
    let body_start = j;
    let mut head: Option<usize> = None;
    let mut num_head: Option<usize> = None;
    let mut proper_join = false;
    while let Some(p) = pos(tokens, j) {
        let next = pos(tokens, j + 1);
        match p {
            Pos::Noun | Pos::Proper => {
                // "January 1925 Japan", "In 1971 Australia": a name after a
                // date ends the phrase before it.
                if j > body_start && tokens[j - 1].pos == Pos::Num && p == Pos::Proper {
                    let after_name =
                        j >= body_start + 2 && matches!(tokens[j - 2].pos, Pos::Proper | Pos::Noun);
                    let year = !dets && j - 1 == body_start && is_year(&tokens[j - 1].lemma);
                    if after_name || year {
                        break;
                    }
                }
                if !proper_join {
                    head = Some(j);
                }
            }
            Pos::Num => {
                // "against Japan 90 days after": a count after a name starts a new phrase.
                if j > body_start
                    && tokens[j - 1].pos == Pos::Proper
                    && next == Some(Pos::Noun)
                    && !is_year(&tokens[j].lemma)
                {
                    break;
                }
                if num_head.is_none() || !proper_join {
                    num_head = Some(j);
                }
            }
            Pos::Adj => {
                // After the head, adjectives belong to the phrase only before
                // another noun: "Georgia open to Greene" ends at "Georgia".
                if head.is_some() || num_head.is_some() {
                    let mut m = j;
                    while is(tokens, m, |p| p == Pos::Adj) {
                        m += 1;
                    }
                    if !is(tokens, m, |p| matches!(p, Pos::Noun | Pos::Proper)) {
                        break;
                    }
                }
            }
            Pos::Adv => {
                if !next.is_some_and(|n| matches!(n, Pos::Adj | Pos::Num | Pos::Adv)) {
                    break;
                }
            }
            Pos::Verb(VerbForm::PastParticiple | VerbForm::Gerund) => {
                if j == i || !next.is_some_and(|n| matches!(n, Pos::Noun | Pos::Proper | Pos::Adj))
                {
                    break;
                }
            }
            Pos::Possessive => {
                if j == body_start || !tokens[j - 1].pos.is_nominal() {
                    break;
                }
                if !next.is_some_and(|n| {
                    nominal_body(n)
                        || matches!(n, Pos::Verb(VerbForm::PastParticiple | VerbForm::Gerund))
                }) {
                    j += 1; // "the countries'" ends here
                    break;
                }
                head = None;
                num_head = None;
            }
            Pos::Symbol => {
                let num_next = next == Some(Pos::Num);
                let num_before = j > body_start && tokens[j - 1].pos == Pos::Num;
                if !(num_next || num_before) || tokens[j].lemma == "," {
                    break;
                }
            }
            Pos::Prep => {
                // "Treaty of Portsmouth", "Battle of the Bulge": two names joined by "of".
                let mut k = j + 1;
                if is(tokens, k, |p| p == Pos::Det) {
                    k += 1;
                }
                if tokens[j].lemma == "of"
                    && j > body_start
                    && tokens[j - 1].pos == Pos::Proper
                    && is(tokens, k, |p| p == Pos::Proper)
                {
                    proper_join = true;
                    j = k;
                    continue;
                }
                break;
            }
            _ => break,
        }
        j += 1;
    }
    if j == body_start && !dets {
        return None;
    }
    let last = j - 1;
    if head.is_none() && num_head.is_none() && !dets {
        // Adjectives alone are an adjective phrase.
        if !(body_start..=last).any(|k| tokens[k].pos == Pos::Possessive) {
            return None;
        }
    }
    Some((last, head.or(num_head).unwrap_or(last)))
}

/// Whether the tokens after `i` start a finite verb group.
fn finite_follows(tokens: &[Token], i: usize) -> bool {
    let mut k = i + 1;
    while is(tokens, k, |p| matches!(p, Pos::Adv | Pos::Neg)) {
        k += 1;
    }
    is(tokens, k, is_finite_start)
}

/// Groups tagged tokens into chunks (see [`ChunkKind`]).
///
/// ```
/// let text = "The poor relations between the Soviet Union and Japan originated in 1904.";
/// let tokens = annals_syntax::tag(text, 0, text.len());
/// let chunks = annals_syntax::chunk(&tokens);
/// let show: Vec<String> = chunks
///     .iter()
///     .filter(|c| c.within.is_none())
///     .map(|c| format!("{:?}[{}]", c.kind, &text[tokens[c.first].start..tokens[c.last].end]))
///     .collect();
/// assert_eq!(show, [
///     "Np[The poor relations]",
///     "Pp[between the Soviet Union and Japan]",
///     "Vp[originated]",
///     "Pp[in 1904]",
///     "Other[.]",
/// ]);
/// ```
pub fn chunk(tokens: &[Token]) -> Vec<Chunk> {
    let mut out = Vec::with_capacity(tokens.len() / 2 + 1);
    let mut i = 0;
    while i < tokens.len() {
        let p = tokens[i].pos;
        if let Some((last, head)) = verb_group(tokens, i) {
            out.push(Chunk {
                kind: ChunkKind::Vp,
                first: i,
                last,
                head,
                within: None,
            });
            i = last + 1;
            continue;
        }
        if let Some((last, head)) = noun_phrase(tokens, i) {
            out.push(Chunk {
                kind: ChunkKind::Np,
                first: i,
                last,
                head,
                within: None,
            });
            i = last + 1;
            continue;
        }
        if p == Pos::Prep {
            let mut j = i;
            while is(tokens, j, |p| p == Pos::Prep) {
                j += 1;
            }
            let mut nps = Vec::new();
            if is(tokens, j, |p| !matches!(p, Pos::Verb(VerbForm::Gerund))) {
                if let Some(np) = noun_phrase(tokens, j) {
                    // "between" and "among" take two or more noun phrases; a PP
                    // after a noun phrase ("conflicts over X and Y were") keeps
                    // its coordination even before a verb.
                    let pairs = matches!(tokens[i].lemma.as_str(), "between" | "among");
                    let after_noun = out.last().is_some_and(|c: &Chunk| c.kind == ChunkKind::Np);
                    nps.push((j, np.0, np.1));
                    // Coordination: "X and Y", "X, Y and Z" (not when the last
                    // one is the subject of a following verb).
                    let mut k = np.0 + 1;
                    let mut pending = Vec::new();
                    while let Some(t) = tokens.get(k) {
                        // A parenthesis between the conjuncts: "the Soviet Union
                        // (subsequently Russia) and Japan".
                        if t.pos == Pos::Punct && t.lemma == "(" {
                            match (k + 1..tokens.len().min(k + 12))
                                .find(|&m| tokens[m].lemma == ")")
                            {
                                Some(close) => {
                                    k = close + 1;
                                    continue;
                                }
                                None => break,
                            }
                        }
                        let comma = t.pos == Pos::Punct && t.lemma == ",";
                        let coord = t.pos == Pos::Coord && matches!(t.lemma.as_str(), "and" | "or");
                        if !(comma || coord) {
                            break;
                        }
                        let mut m = k + 1;
                        let mut saw_coord = coord;
                        if comma
                            && tokens.get(m).is_some_and(|t| {
                                t.pos == Pos::Coord && matches!(t.lemma.as_str(), "and" | "or")
                            })
                        {
                            saw_coord = true;
                            m += 1;
                        }
                        let Some(next) = noun_phrase(tokens, m) else {
                            break;
                        };
                        // ", Japan and the Soviet Union signed": after a comma, a
                        // list that ends before a verb is the clause's subject.
                        let led_by_comma =
                            pending
                                .first()
                                .is_some_and(|&(m0, _, _): &(usize, usize, usize)| {
                                    m0 > 0 && tokens[m0 - 1].lemma == ","
                                })
                                || (pending.is_empty() && comma);
                        if finite_follows(tokens, next.0)
                            && !pairs
                            && (led_by_comma || !(after_noun && coord))
                        {
                            break;
                        }

                        pending.push((m, next.0, next.1));
                        k = next.0 + 1;
                        if saw_coord {
                            nps.append(&mut pending);
                        }
                    }
                }
            }
            let last = nps.last().map_or(j - 1, |n| n.1);
            let head = nps.first().map_or(i, |n| n.2);
            let pp = out.len();
            out.push(Chunk {
                kind: ChunkKind::Pp,
                first: i,
                last,
                head,
                within: None,
            });
            for (first, last, head) in nps {
                out.push(Chunk {
                    kind: ChunkKind::Np,
                    first,
                    last,
                    head,
                    within: Some(pp),
                });
            }
            i = last + 1;
            continue;
        }
        if matches!(p, Pos::Adj | Pos::Adv) {
            let mut j = i;
            while is(tokens, j, |p| matches!(p, Pos::Adv | Pos::Neg)) {
                j += 1;
            }
            let kind = if is(tokens, j, |p| p == Pos::Adj) {
                while is(tokens, j, |p| p == Pos::Adj) {
                    j += 1;
                }
                ChunkKind::Adjp
            } else {
                ChunkKind::Advp
            };
            out.push(Chunk {
                kind,
                first: i,
                last: j - 1,
                head: j - 1,
                within: None,
            });
            i = j;
            continue;
        }
        out.push(Chunk {
            kind: ChunkKind::Other,
            first: i,
            last: i,
            head: i,
            within: None,
        });
        i += 1;
    }
    out
}
