//! Verb groups and their arguments: subject, object, agent, voice,
//! negation, modality; the rules are described on [`VerbGroup`] and their
//! examples are `data/clauses.txt`.

use crate::chunk::{Chunk, ChunkKind};
use crate::lexicon::{LEX, OBJECT_CONTROL, PARTITIVE, RELATIVE, TIME};
use crate::pos::{Pos, VerbForm};
use crate::Token;

/// The form of a verb group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// A tensed group, or one with a modal or auxiliary: "signed", "had been signed", "would sign".
    Finite,
    /// "to sign", "to have been signed".
    Infinitive,
    /// An -ing group without an auxiliary: "forcing", "having signed".
    Gerund,
    /// A past participle without an auxiliary: "signed by Japan", "pressed by the United States".
    Participle,
}

/// Where a verb group's subject was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SubjectLink {
    /// No subject was found.
    None,
    /// The noun phrase(s) before the verb in its own clause.
    Local,
    /// Shared with the verb it is coordinated with: "Japan occupied X and *annexed* Y".
    Coordinated,
    /// The antecedent of a relative pronoun: "Tanaka, who *visited* Moscow".
    Relative,
    /// The controller of an infinitive or of a verb's complement: "Japan agreed to *sign*"
    /// (the subject), "pressed Japan to *sign*" (the object).
    Control,
    /// The main clause's subject, for a participle clause: ", *forcing* Japan to retreat".
    Participle,
    /// The noun a participle follows: "the treaty *signed* by Japan", "troops *fighting* in Korea".
    Modifier,
}

/// One verb group with its arguments.
///
/// - Active voice: the subject is the noun phrase before the group in the same
///   clause, skipping prepositional phrases, adverbs, parentheticals and
///   appositions between commas ("The Soviet Union, under Stalin, signed");
///   the object is the noun phrase right after it (after adverbs), with
///   coordinated ones ("X and Y", "X, Y and Z").
/// - Passive voice ("be" + past participle, or a bare participle): the
///   subject is the patient, the noun phrases of the first "by" phrase
///   (not a time: "by late September") are the agent.
/// - Coordination: subjects "Japan and the Soviet Union signed"; verbs
///   sharing one subject "Japan occupied X and annexed Y".
/// - Relative clauses: "Tanaka, who visited Moscow" (the antecedent is the
///   subject); "the treaty, which Japan signed" (the antecedent is the object).
/// - Infinitives: "Japan agreed to sign" (subject control); "X pressed Japan to sign"
///   (object control, for the verbs of words.txt); "was pressed by X to sign" (the
///   passive's subject).
/// - Participle clauses: ", forcing Japan to retreat" and "After signing an
///   armistice, the Soviets launched" take the main clause's subject;
///   "prevented both countries from signing" the object; a passive participle
///   after a comma (", captured by X") the noun before the comma.
/// - Partitives: a subject or object like "most of the forts" or "thousands of
///   Iraqis" is given as the noun phrase(s) of its "of" phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbGroup {
    /// Index of the group's chunk (a [`ChunkKind::Vp`]).
    pub vp: usize,
    /// Index of the main verb's token (an auxiliary when there is no other verb).
    pub verb: usize,
    /// Lemma of the main verb.
    pub lemma: String,
    /// The particle of a phrasal verb ("over" in "took over").
    pub particle: Option<String>,
    /// Finite, infinitive, gerund or participle.
    pub form: Form,
    /// Passive voice.
    pub passive: bool,
    /// "not", "never", "n't" or "cannot" in the group.
    pub negated: bool,
    /// The modal's lemma: "would", "could", "must", "will", "can".
    pub modal: Option<String>,
    /// The subject's noun-phrase chunks (several when coordinated); for a passive, the patient.
    pub subject: Vec<usize>,
    /// How the subject was found.
    pub subject_link: SubjectLink,
    /// Direct object noun-phrase chunks (for "be", the predicate noun phrase).
    pub object: Vec<usize>,
    /// A passive's "by" noun-phrase chunks.
    pub agent: Vec<usize>,
    /// Token range of the clause, inclusive: from its subordinator or subject
    /// (when found in the clause) or its verb group, to just before the next
    /// clause. Clauses do not nest.
    pub clause: (usize, usize),
}

/// How far (in chunks, or in verb groups) the rules look for a subject, a
/// main clause or a controller. Keeps the work linear on very long inputs.
const REACH: usize = 64;

/// Where a subject comes from, before references are followed.
#[derive(Debug, Clone)]
enum Source {
    None,
    Nps(Vec<usize>),
    SameAs(usize),
    ObjectOf(usize),
}

struct Ctx<'a> {
    text: &'a str,
    tokens: &'a [Token],
    chunks: &'a [Chunk],
    /// Top-level chunk indices.
    top: Vec<usize>,
    /// Chunk index -> slot in `top`.
    slot_of: Vec<usize>,
}

impl Ctx<'_> {
    fn chunk(&self, slot: usize) -> &Chunk {
        &self.chunks[self.top[slot]]
    }

    fn kind(&self, slot: isize) -> Option<ChunkKind> {
        usize::try_from(slot)
            .ok()
            .and_then(|s| self.top.get(s))
            .map(|&c| self.chunks[c].kind)
    }

    fn token(&self, slot: isize) -> Option<&Token> {
        let s = usize::try_from(slot).ok()?;
        let c = self.chunks[*self.top.get(s)?];
        (c.kind == ChunkKind::Other).then(|| &self.tokens[c.first])
    }

    fn is_lemma(&self, slot: isize, pos: Pos, lemmas: &[&str]) -> bool {
        self.token(slot)
            .is_some_and(|t| t.pos == pos && lemmas.contains(&t.lemma.as_str()))
    }

    fn is_comma(&self, slot: isize) -> bool {
        self.is_lemma(slot, Pos::Punct, &[",", "-", "–", "—"])
    }

    fn is_cc(&self, slot: isize) -> bool {
        self.is_lemma(slot, Pos::Coord, &["and", "or", "but", "nor"])
    }

    fn is_and(&self, slot: isize) -> bool {
        self.is_lemma(slot, Pos::Coord, &["and", "or"])
    }

    fn is_sub(&self, slot: isize) -> bool {
        self.token(slot).is_some_and(|t| t.pos == Pos::Sub)
    }

    fn is_relative(&self, slot: isize) -> bool {
        self.token(slot)
            .is_some_and(|t| t.pos == Pos::Sub && LEX.flags(&t.lemma) & RELATIVE != 0)
    }

    fn is_stop(&self, slot: isize) -> bool {
        self.is_lemma(slot, Pos::Punct, &[";", ":"])
    }

    /// The noun phrases inside the PP at `slot`.
    fn pp_nps(&self, slot: usize) -> Vec<usize> {
        let pp = self.top[slot];
        (pp + 1..self.chunks.len())
            .take_while(|&c| self.chunks[c].within == Some(pp))
            .collect()
    }

    fn pp_prep(&self, slot: usize) -> &str {
        &self.tokens[self.chunk(slot).first].lemma
    }

    fn surface(&self, token: usize) -> &str {
        let t = &self.tokens[token];
        self.text.get(t.start..t.end).unwrap_or("")
    }
}

/// Facts of one group read from its own tokens.
struct Group {
    slot: usize,
    verb: usize,
    form: Form,
    passive: bool,
    negated: bool,
    modal: Option<String>,
    particle: Option<String>,
}

fn read_group(cx: &Ctx, slot: usize) -> Group {
    let c = cx.chunk(slot);
    let toks = &cx.tokens[c.first..=c.last];
    let mut negated = false;
    let mut modal = None;
    let mut aux_before: Option<usize> = None; // the auxiliary just before the head
    let mut first_verbal: Option<usize> = None;
    for (k, t) in toks.iter().enumerate() {
        let i = c.first + k;
        match t.pos {
            Pos::Neg => negated = true,
            Pos::Modal => {
                if cx.surface(i).eq_ignore_ascii_case("cannot") {
                    negated = true;
                }
                modal = Some(t.lemma.clone());
                first_verbal.get_or_insert(i);
            }
            Pos::Aux => {
                if i < c.head {
                    aux_before = Some(i);
                }
                first_verbal.get_or_insert(i);
            }
            Pos::Verb(_) => {
                first_verbal.get_or_insert(i);
            }
            _ => {}
        }
    }
    let head = &cx.tokens[c.head];
    let particle = (c.last > c.head && cx.tokens[c.last].pos == Pos::Adv)
        .then(|| cx.tokens[c.last].lemma.clone());
    let infinitive = cx.tokens[c.first].pos == Pos::To;
    let first = first_verbal.unwrap_or(c.head);
    let first_is_ing = {
        let b = cx.surface(first).as_bytes();
        b.len() > 3 && b[b.len() - 3..].eq_ignore_ascii_case(b"ing")
    };
    let form = if infinitive {
        Form::Infinitive
    } else if first_is_ing {
        Form::Gerund
    } else if modal.is_some() || aux_before.is_some() {
        Form::Finite
    } else {
        match head.pos {
            Pos::Verb(VerbForm::Gerund) => Form::Gerund,
            Pos::Verb(VerbForm::PastParticiple) => Form::Participle,
            _ => Form::Finite,
        }
    };
    let passive = head.pos == Pos::Verb(VerbForm::PastParticiple)
        && match aux_before {
            Some(a) => matches!(cx.tokens[a].lemma.as_str(), "be" | "get"),
            None => form == Form::Participle,
        };
    Group {
        slot,
        verb: c.head,
        form,
        passive,
        negated,
        modal,
        particle,
    }
}

/// The noun phrase a relative pronoun at `slot` refers to.
fn antecedent(cx: &Ctx, slot: isize) -> Option<usize> {
    let mut k = slot - 1;
    if cx.is_comma(k) {
        k -= 1;
    }
    // "the Battle of Khalkhin Gol (1939), which".
    if cx.is_lemma(k, Pos::Punct, &[")"]) {
        let floor = k - 12;
        while k > floor && k >= 0 && !cx.is_lemma(k, Pos::Punct, &["("]) {
            k -= 1;
        }
        k -= 1;
    }
    match cx.kind(k)? {
        ChunkKind::Np => Some(cx.top[k as usize]),
        ChunkKind::Pp => {
            // After "of", "between" or "among" the relative belongs to the noun
            // before them ("the treaty between X and Y which", "the city of
            // Chita, which"); after other prepositions to the nearest noun
            // ("at Stalingrad which", "over the Kurils, which").
            let last_pp = k as usize;
            let nearest = cx.pp_nps(last_pp).last().copied();
            if !matches!(cx.pp_prep(last_pp), "of" | "between" | "among") {
                return nearest;
            }
            // The noun the "of" phrase belongs to: "the defeat of Germany",
            // "prisoners of war", "the treaty between X and Y".
            match cx.kind(k - 1) {
                Some(ChunkKind::Np) => Some(cx.top[(k - 1) as usize]),
                Some(ChunkKind::Pp) => cx.pp_nps((k - 1) as usize).last().copied().or(nearest),
                _ => nearest,
            }
        }
        _ => None,
    }
}

/// Whether the comma at `k` closes a parenthetical; returns the slot of the
/// comma that opens it.
fn parenthetical(
    cx: &Ctx,
    k: isize,
    groups: &[Group],
    group_at: &[Option<usize>],
) -> Option<isize> {
    let mut j = k - 1;
    let floor = k - REACH as isize;
    while j >= 0
        && j > floor
        && !cx.is_comma(j)
        && !cx.is_stop(j)
        && !cx.is_lemma(j, Pos::Punct, &["("])
    {
        j -= 1;
    }
    if j < 0 || !cx.is_comma(j) || j + 1 >= k {
        return None;
    }
    let first = j + 1;
    let slots = first..k;
    let has_vp = slots.clone().any(|s| cx.kind(s) == Some(ChunkKind::Vp));
    let ok = if cx.is_sub(first) {
        true
    } else if !has_vp {
        match cx.kind(first) {
            Some(ChunkKind::Pp | ChunkKind::Advp | ChunkKind::Adjp) => true,
            Some(ChunkKind::Np) => cx.kind(j - 1) == Some(ChunkKind::Np),
            _ => false,
        }
    } else if cx.kind(first) == Some(ChunkKind::Vp) {
        group_at[first as usize]
            .is_some_and(|g| matches!(groups[g].form, Form::Gerund | Form::Participle))
    } else {
        false
    };
    ok.then_some(j)
}

/// Noun phrases coordinated before the one at `k` ("France, Britain, and [X]").
fn coordinated_before(cx: &Ctx, k: isize) -> Vec<usize> {
    let mut found = vec![cx.top[k as usize]];
    let mut m = k - 1;
    if cx.is_and(m) {
        let mut mm = m - 1;
        if cx.is_comma(mm) {
            mm -= 1;
        }
        if cx.kind(mm) == Some(ChunkKind::Np) {
            found.push(cx.top[mm as usize]);
            m = mm - 1;
            while cx.is_comma(m) && cx.kind(m - 1) == Some(ChunkKind::Np) && found.len() < REACH {
                found.push(cx.top[(m - 1) as usize]);
                m -= 2;
            }
            // A list right after a verb is that verb's object, not this subject.
            if cx.kind(m) == Some(ChunkKind::Vp) {
                found.truncate(1);
            }
        }
    }
    found.reverse();
    found
}

/// Noun phrases coordinated after the one at `k` ("[X] and Y", "[X], Y and Z"),
/// unless the last one is the subject of a verb that follows.
fn coordinated_after(cx: &Ctx, k: usize) -> Vec<usize> {
    let mut found = vec![cx.top[k]];
    let mut m = k as isize + 1;
    let mut pending = Vec::new();
    while found.len() + pending.len() < REACH {
        let comma = cx.is_comma(m);
        if !(comma || cx.is_and(m)) {
            break;
        }
        let mut n = m + 1;
        let mut coord = !comma;
        if comma && cx.is_and(n) {
            coord = true;
            n += 1;
        }
        if cx.kind(n) != Some(ChunkKind::Np) {
            break;
        }
        // "to sign the treaty and the state of war existed": a noun phrase
        // followed (after its PPs) by a verb is that verb's subject.
        let mut after = n + 1;
        while matches!(cx.kind(after), Some(ChunkKind::Advp | ChunkKind::Pp))
            && after < n + REACH as isize
        {
            after += 1;
        }
        if cx.kind(after) == Some(ChunkKind::Vp) {
            break;
        }
        pending.push(cx.top[n as usize]);
        if coord {
            found.append(&mut pending);
        }
        m = n + 1;
    }
    found
}

/// The nearest finite group before slot `before`, preferring main clauses.
fn previous_finite(groups: &[Group], links: &[SubjectLink], g: usize) -> Option<usize> {
    let cands = (g.saturating_sub(REACH)..g)
        .rev()
        .filter(|&h| groups[h].form == Form::Finite);
    let mut any = None;
    for h in cands {
        if links[h] != SubjectLink::Relative {
            return Some(h);
        }
        any.get_or_insert(h);
    }
    any
}

fn next_finite(groups: &[Group], g: usize) -> Option<usize> {
    (g + 1..groups.len().min(g + 1 + REACH)).find(|&h| groups[h].form == Form::Finite)
}

struct Found {
    source: Source,
    link: SubjectLink,
    opener: Option<isize>,
    object: Option<usize>,
}

impl Found {
    fn new(source: Source, link: SubjectLink) -> Found {
        Found {
            source,
            link,
            opener: None,
            object: None,
        }
    }
}

/// The subject of a finite group (or of a participle coordinated with one).
fn finite_subject(
    cx: &Ctx,
    groups: &[Group],
    group_at: &[Option<usize>],
    openers: &[Option<isize>],
    g: usize,
) -> Found {
    // The relative pronoun opening the relative clause of an earlier group at `slot`.
    let relative_opener = |slot: isize| -> Option<isize> {
        let h = group_at
            .get(usize::try_from(slot).ok()?)
            .copied()
            .flatten()?;
        openers[h].filter(|&o| cx.is_relative(o))
    };
    let v = groups[g].slot as isize;
    let previous_group = || (0..g).next_back();
    let mut k = v - 1;
    while cx.kind(k) == Some(ChunkKind::Advp) {
        k -= 1;
    }
    if cx.is_cc(k) || (cx.is_comma(k) && cx.is_cc(k - 1)) {
        return match previous_group() {
            Some(p) => Found::new(Source::SameAs(p), SubjectLink::Coordinated),
            None => Found::new(Source::None, SubjectLink::None),
        };
    }
    let floor = v - REACH as isize;
    while k >= 0 && k > floor {
        match cx.kind(k) {
            Some(ChunkKind::Advp | ChunkKind::Adjp | ChunkKind::Pp) => k -= 1,
            Some(ChunkKind::Np) => {
                let nps = coordinated_before(cx, k);
                let first_slot = cx.slot_of[nps[0]] as isize;
                // The object of an infinitive or participle between subject and
                // verb: "Every effort to break [the line] failed".
                let mut before = first_slot - 1;
                while cx.kind(before) == Some(ChunkKind::Advp) {
                    before -= 1;
                }
                if cx.kind(before) == Some(ChunkKind::Vp)
                    && group_at[before as usize].is_some_and(|h| groups[h].form != Form::Finite)
                {
                    k = before - 1;
                    continue;
                }
                // The object of a relative clause: "The treaty which ended [the war] remained".
                if cx.kind(before) == Some(ChunkKind::Vp) {
                    if let Some(o) = relative_opener(before) {
                        k = o - 1;
                        continue;
                    }
                }
                let mut found = Found::new(Source::Nps(nps), SubjectLink::Local);
                let before = first_slot - 1;
                if cx.is_sub(before) {
                    found.opener = Some(before);
                    let word = cx.surface(cx.chunk(before as usize).first).to_lowercase();
                    if matches!(word.as_str(), "which" | "that" | "whom") {
                        found.object = antecedent(cx, before);
                    }
                }
                return found;
            }
            Some(ChunkKind::Vp) => {
                // Skip an infinitive or participle phrase: "The treaty signed by X ended".
                if group_at[k as usize].is_some_and(|h| groups[h].form != Form::Finite) {
                    k -= 1;
                    continue;
                }
                // A relative clause: "The treaty which Japan signed remained".
                if let Some(o) = relative_opener(k) {
                    k = o - 1;
                    continue;
                }
                break;
            }
            Some(ChunkKind::Other) => {
                if cx.is_sub(k) {
                    if cx.is_relative(k) {
                        let mut found = match antecedent(cx, k) {
                            Some(np) => Found::new(Source::Nps(vec![np]), SubjectLink::Relative),
                            None => Found::new(Source::None, SubjectLink::None),
                        };
                        found.opener = Some(k);
                        return found;
                    }
                    let mut found = Found::new(Source::None, SubjectLink::None);
                    found.opener = Some(k);
                    return found;
                }
                if cx.is_lemma(k, Pos::Punct, &[")"]) {
                    let mut depth = 0;
                    while k >= 0 && k > floor {
                        if cx.is_lemma(k, Pos::Punct, &[")"]) {
                            depth += 1;
                        } else if cx.is_lemma(k, Pos::Punct, &["("]) {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        k -= 1;
                    }
                    k -= 1;
                    continue;
                }
                if cx.is_comma(k) {
                    let right_before = (k + 1..v).all(|s| cx.kind(s) == Some(ChunkKind::Advp));
                    let open = parenthetical(cx, k, groups, group_at);
                    // A parenthetical after a verb is one more item of a list of
                    // verb phrases ("was tortured, forced to confess, tried").
                    let after_verb = open.is_some_and(|o| cx.kind(o - 1) == Some(ChunkKind::Vp));
                    if let Some(open) = open.filter(|_| !(right_before && after_verb)) {
                        k = open - 1;
                        continue;
                    }
                    // ", then invaded": a verb sharing the subject of the one before.
                    if right_before {
                        let prev = (g.saturating_sub(REACH)..g)
                            .rev()
                            .find(|&h| groups[h].form != Form::Infinitive);
                        if let Some(p) = prev {
                            return Found::new(Source::SameAs(p), SubjectLink::Coordinated);
                        }
                    }
                    break;
                }
                if cx.is_cc(k) {
                    if let Some(p) = previous_group() {
                        return Found::new(Source::SameAs(p), SubjectLink::Coordinated);
                    }
                }
                if cx.is_lemma(k, Pos::Punct, &["\"", "“", "”", "'"]) {
                    k -= 1;
                    continue;
                }
                break;
            }
            None => break,
        }
    }
    Found::new(Source::None, SubjectLink::None)
}

/// The subject of an infinitive, gerund or bare participle.
fn nonfinite_subject(
    cx: &Ctx,
    groups: &[Group],
    group_at: &[Option<usize>],
    links: &[SubjectLink],
    objects: &[Vec<usize>],
    g: usize,
) -> Found {
    let v = groups[g].slot as isize;
    let mut k = v - 1;
    while cx.kind(k) == Some(ChunkKind::Advp) {
        k -= 1;
    }
    let before = k;
    let main = |g: usize| -> Found {
        // The main clause: the finite group after this phrase's closing comma
        // when nothing finite comes before ("After signing X, the Soviets
        // launched") or when that group follows the comma at once ("Japan,
        // pressed by X, signed"); else the finite group before; else the next.
        let mut end = v + 1;
        let limit = (cx.top.len() as isize).min(v + REACH as isize);
        while end < limit && !cx.is_comma(end) && !cx.is_stop(end) {
            end += 1;
        }
        let after = if cx.is_comma(end) {
            (g + 1..groups.len().min(g + 1 + REACH))
                .find(|&h| groups[h].slot as isize > end && groups[h].form == Form::Finite)
        } else {
            None
        };
        let prev = previous_finite(groups, links, g);
        // "Japan, pressed by X, signed": between a subject and its verb.
        let parenthetical = after.is_some_and(|h| groups[h].slot as isize == end + 1)
            && cx.is_comma(before)
            && cx.kind(before - 1) == Some(ChunkKind::Np);
        let target = if prev.is_none() || parenthetical {
            after.or(prev)
        } else {
            prev
        }
        .or_else(|| next_finite(groups, g));
        match target {
            Some(h) => Found::new(Source::SameAs(h), SubjectLink::Participle),
            None => Found::new(Source::None, SubjectLink::None),
        }
    };
    let form = groups[g].form;
    if form == Form::Infinitive {
        // Skip PPs: "was pressed by the United States to change".
        while cx.kind(k) == Some(ChunkKind::Pp) {
            k -= 1;
        }
        match cx.kind(k) {
            Some(ChunkKind::Vp) => {
                if let Some(p) = group_at[k as usize] {
                    return Found::new(Source::SameAs(p), SubjectLink::Control);
                }
            }
            Some(ChunkKind::Np) => {
                let np = cx.top[k as usize];
                if let Some(p) = (g.saturating_sub(REACH)..g)
                    .rev()
                    .find(|&p| objects[p].contains(&np))
                {
                    let control = !groups[p].passive
                        && LEX.flags(&cx.tokens[groups[p].verb].lemma) & OBJECT_CONTROL != 0;
                    return if control {
                        Found::new(Source::ObjectOf(p), SubjectLink::Control)
                    } else {
                        Found::new(Source::SameAs(p), SubjectLink::Control)
                    };
                }
                return Found::new(Source::None, SubjectLink::None);
            }
            _ => {}
        }
        if k < 0 || cx.is_comma(k) || cx.is_sub(k) {
            return main(g);
        }
        return Found::new(Source::None, SubjectLink::None);
    }
    // Gerunds and bare participles.
    if cx.is_cc(k) || (cx.is_comma(k) && cx.is_cc(k - 1)) {
        if let Some(p) = (0..g).next_back() {
            return Found::new(Source::SameAs(p), SubjectLink::Coordinated);
        }
    }
    // ", captured by the Japanese army": a passive participle after a comma
    // is said of the noun before the comma.
    if form == Form::Participle && cx.is_comma(k) {
        if let Some(np) = antecedent(cx, k + 1) {
            return Found::new(Source::Nps(vec![np]), SubjectLink::Modifier);
        }
    }
    match cx.kind(k) {
        Some(ChunkKind::Pp) if cx.pp_nps(k as usize).is_empty() => {
            let prep = cx.pp_prep(k as usize);
            let after_noun = cx.kind(k - 1) == Some(ChunkKind::Np);
            // "the main stumbling block to improving relations", "the
            // possibility of signing": a gerund completing a noun has no
            // subject of its own here.
            if after_noun && matches!(prep, "of" | "to" | "for" | "about" | "toward" | "towards") {
                return Found::new(Source::None, SubjectLink::None);
            }
            // "prevented X from signing", "warned X against signing".
            if matches!(prep, "from" | "into" | "against") && after_noun {
                let np = cx.top[(k - 1) as usize];
                if let Some(p) = (g.saturating_sub(REACH)..g)
                    .rev()
                    .find(|&p| objects[p].contains(&np))
                {
                    return Found::new(Source::ObjectOf(p), SubjectLink::Control);
                }
            }
            main(g)
        }
        Some(ChunkKind::Np) => {
            Found::new(Source::Nps(vec![cx.top[k as usize]]), SubjectLink::Modifier)
        }
        Some(ChunkKind::Vp) => match group_at[k as usize] {
            Some(p) => Found::new(Source::SameAs(p), SubjectLink::Control),
            None => main(g),
        },
        _ => main(g),
    }
}

/// The objects of a group: noun phrases right after it.
fn objects_of(cx: &Ctx, group: &Group) -> Vec<usize> {
    if group.passive {
        return Vec::new();
    }
    let mut k = group.slot + 1;
    while cx.kind(k as isize) == Some(ChunkKind::Advp) {
        k += 1;
    }
    if cx.kind(k as isize) != Some(ChunkKind::Np) {
        return Vec::new();
    }
    // "signed in 1956": an NP that is the subject of a following verb is not an object.
    coordinated_after(cx, k)
}

/// A quantity noun phrase with an "of" phrase after it stands for the noun
/// phrases of the "of" phrase: "most of the federal forts", "thousands of Iraqis".
fn partitive(cx: &Ctx, np: usize) -> Vec<usize> {
    let c = &cx.chunks[np];
    let quantity = c.within.is_none()
        && c.last - c.first < 3
        && (cx.tokens[c.head].pos == Pos::Num
            || LEX.flags(&cx.tokens[c.head].lemma) & PARTITIVE != 0)
        && (c.first..=c.last).all(|t| {
            matches!(
                cx.tokens[t].pos,
                Pos::Det | Pos::Num | Pos::Pronoun | Pos::Noun
            )
        });
    let slot = cx.slot_of[np] + 1;
    if quantity && cx.kind(slot as isize) == Some(ChunkKind::Pp) && cx.pp_prep(slot) == "of" {
        let nps = cx.pp_nps(slot);
        if !nps.is_empty() {
            return nps;
        }
    }
    vec![np]
}

/// The agent of a passive group: the first "by" phrase before the next clause.
fn agent_of(cx: &Ctx, group: &Group) -> Vec<usize> {
    let mut k = group.slot + 1;
    while k < cx.top.len() {
        match cx.kind(k as isize) {
            Some(ChunkKind::Pp) => {
                let nps = cx.pp_nps(k);
                if cx.pp_prep(k) == "by" && !nps.is_empty() {
                    let head = &cx.tokens[cx.chunks[nps[0]].head];
                    let time = head.pos == Pos::Num || LEX.flags(&head.lemma) & TIME != 0;
                    if time {
                        return Vec::new();
                    }
                    return nps;
                }
            }
            Some(ChunkKind::Np | ChunkKind::Advp | ChunkKind::Adjp) => {}
            Some(ChunkKind::Other) => {
                let s = k as isize;
                if cx.is_sub(s) || cx.is_stop(s) || cx.is_cc(s) {
                    break;
                }
            }
            _ => break,
        }
        k += 1;
    }
    Vec::new()
}

/// Finds the verb groups of a chunked sentence and their arguments. `text`
/// is the text the tokens' offsets point into.
pub fn verb_groups(text: &str, tokens: &[Token], chunks: &[Chunk]) -> Vec<VerbGroup> {
    let top: Vec<usize> = (0..chunks.len())
        .filter(|&c| chunks[c].within.is_none())
        .collect();
    let mut slot_of = vec![0; chunks.len()];
    for (s, &c) in top.iter().enumerate() {
        slot_of[c] = s;
    }
    for (c, chunk) in chunks.iter().enumerate() {
        if let Some(pp) = chunk.within {
            slot_of[c] = slot_of[pp];
        }
    }
    let cx = Ctx {
        text,
        tokens,
        chunks,
        top,
        slot_of,
    };
    let groups: Vec<Group> = (0..cx.top.len())
        .filter(|&s| cx.chunk(s).kind == ChunkKind::Vp)
        .map(|s| read_group(&cx, s))
        .collect();
    let mut group_at = vec![None; cx.top.len()];
    for (g, group) in groups.iter().enumerate() {
        group_at[group.slot] = Some(g);
    }
    let mut objects: Vec<Vec<usize>> = groups.iter().map(|gr| objects_of(&cx, gr)).collect();
    let mut links = vec![SubjectLink::None; groups.len()];
    let mut sources = vec![Source::None; groups.len()];
    let mut openers = vec![None; groups.len()];
    // Finite groups first (non-finite ones refer to them), then the others.
    for pass in 0..2 {
        for g in 0..groups.len() {
            let coordinated_participle = matches!(groups[g].form, Form::Participle | Form::Gerund)
                && {
                    let mut k = groups[g].slot as isize - 1;
                    while cx.kind(k) == Some(ChunkKind::Advp) {
                        k -= 1;
                    }
                    (cx.is_cc(k) || (cx.is_comma(k) && cx.is_cc(k - 1)))
                        && (0..g)
                            .next_back()
                            .is_some_and(|p| groups[p].form == Form::Finite)
                };
            let finite = groups[g].form == Form::Finite || coordinated_participle;
            if finite != (pass == 0) {
                continue;
            }
            let found = if finite {
                finite_subject(&cx, &groups, &group_at, &openers, g)
            } else {
                nonfinite_subject(&cx, &groups, &group_at, &links, &objects, g)
            };
            if let Some(obj) = found.object {
                if objects[g].is_empty() {
                    objects[g] = vec![obj];
                }
            }
            links[g] = found.link;
            sources[g] = found.source;
            openers[g] = found.opener;
        }
    }
    // Follow references (memoised: a chain of coordinated verbs is read once).
    let mut subjects: Vec<Option<Vec<usize>>> = vec![None; groups.len()];
    for g in 0..groups.len() {
        let mut chain = Vec::new();
        let mut at = g;
        let value = loop {
            if let Some(v) = &subjects[at] {
                break v.clone();
            }
            if chain.contains(&at) || chain.len() > groups.len() {
                break Vec::new();
            }
            chain.push(at);
            match &sources[at] {
                Source::None => break Vec::new(),
                Source::Nps(n) => break n.clone(),
                Source::ObjectOf(p) => break objects[*p].clone(),
                Source::SameAs(p) => at = *p,
            }
        };
        for c in chain {
            subjects[c] = Some(value.clone());
        }
    }
    let mut subjects: Vec<Vec<usize>> = subjects
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect();
    let mut agents: Vec<Vec<usize>> = groups
        .iter()
        .map(|gr| {
            if gr.passive {
                agent_of(&cx, gr)
            } else {
                Vec::new()
            }
        })
        .collect();
    // Coordinated passives share the agent: "was defeated and occupied by X".
    for g in (0..groups.len()).rev() {
        if let Source::SameAs(p) = sources[g] {
            if links[g] == SubjectLink::Coordinated
                && groups[p].passive
                && groups[g].passive
                && agents[p].is_empty()
            {
                agents[p] = agents[g].clone();
            }
        }
    }
    // Clause ranges.
    let starts: Vec<usize> = (0..groups.len())
        .map(|g| {
            let vp = cx.chunk(groups[g].slot);
            let mut start = vp.first;
            if links[g] == SubjectLink::Local {
                if let Some(&np) = subjects[g].first() {
                    start = start.min(chunks[np].first);
                }
            }
            if let Some(o) = openers[g] {
                start = start.min(cx.chunk(o as usize).first);
            }
            // "after [signing] an armistice": the preposition opens the clause.
            let before = groups[g].slot.wrapping_sub(1);
            if groups[g].form == Form::Gerund
                && cx.kind(before as isize) == Some(ChunkKind::Pp)
                && cx.pp_nps(before).is_empty()
            {
                start = start.min(cx.chunk(before).first);
            }
            start
        })
        .collect();
    for list in subjects.iter_mut().chain(objects.iter_mut()) {
        if list.iter().any(|&np| partitive(&cx, np) != [np]) {
            *list = list.iter().flat_map(|&np| partitive(&cx, np)).collect();
        }
    }
    let last_token = tokens.len().saturating_sub(1);
    let mut out = Vec::with_capacity(groups.len());
    for (g, group) in groups.iter().enumerate() {
        let vp = cx.chunk(group.slot);
        let mut end = last_token;
        if let Some(h) = (g + 1..groups.len()).next() {
            let next_vp = cx.chunk(groups[h].slot).first;
            let cut = if starts[h] > vp.last {
                starts[h]
            } else {
                next_vp
            };
            end = end.min(cut.saturating_sub(1));
        }
        for s in group.slot + 1..cx.top.len() {
            let si = s as isize;
            if cx.chunk(s).first > end {
                break;
            }
            if cx.is_sub(si) || cx.is_stop(si) {
                end = cx.chunk(s).first.saturating_sub(1);
                break;
            }
        }
        while end > vp.last && matches!(tokens[end].pos, Pos::Punct | Pos::Coord | Pos::Sub) {
            end -= 1;
        }
        let head = &tokens[group.verb];
        out.push(VerbGroup {
            vp: cx.top[group.slot],
            verb: group.verb,
            lemma: head.lemma.clone(),
            particle: group.particle.clone(),
            form: group.form,
            passive: group.passive,
            negated: group.negated,
            modal: group.modal.clone(),
            subject_link: if subjects[g].is_empty() {
                SubjectLink::None
            } else {
                links[g]
            },
            subject: std::mem::take(&mut subjects[g]),
            object: std::mem::take(&mut objects[g]),
            agent: std::mem::take(&mut agents[g]),
            clause: (starts[g], end.max(vp.last)),
        });
    }
    out
}
