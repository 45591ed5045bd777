//! Finding names in a sentence: gazetteer matches, capitalised sequences
//! classified by their cue words, and amounts of money.

use crate::cues::Cues;
use crate::gazetteer::{Gazetteer, Reading};
use aho_corasick::AhoCorasick;
use annals_core::{EntityLabel, Span};

/// A name found in a sentence, before linking.
#[derive(Debug, Clone)]
pub struct Found {
    /// Bytes in the document.
    pub span: Span,
    /// Label.
    pub label: EntityLabel,
    /// The gazetteer reading, if the name is known.
    pub reading: Option<Reading>,
    /// The word before the name (lower case), for metonymy.
    pub before: String,
    /// The name is followed by a possessive "'s" ("Moscow's refusal").
    pub possessive: bool,
    /// The name closes its phrase: punctuation, a line break or the end of
    /// the sentence follows it ("the capital is Luanda.", "Tokyo, Seoul").
    pub closes: bool,
    /// The name came from a capitalised sequence no list knows.
    pub guessed: bool,
}

/// Whether the text after a name closes its phrase: punctuation (not a
/// possessive or a hyphen), a line break or nothing.
fn closes(after: &str) -> bool {
    after
        .trim_start_matches(' ')
        .chars()
        .next()
        .is_none_or(|c| {
            matches!(
                c,
                ',' | '.' | ';' | ':' | '(' | ')' | '"' | '\n' | '!' | '?'
            )
        })
}

/// A unit of a sentence: a word, a gazetteer match, or a punctuation mark.
#[derive(Debug, Clone)]
struct Unit {
    start: usize,
    end: usize,
    kind: UnitKind,
}

#[derive(Debug, Clone, PartialEq)]
enum UnitKind {
    Word,
    Known(usize),
    Dash,
    Other,
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—')
}

/// Splits `text` into units, with gazetteer matches as single units.
fn units(text: &str, known: &[(usize, usize, usize)]) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut k = 0;
    let mut i = 0;
    while i < text.len() {
        if let Some(&(s, e, r)) = known.get(k) {
            if s == i {
                out.push(Unit {
                    start: s,
                    end: e,
                    kind: UnitKind::Known(r),
                });
                i = e;
                k += 1;
                continue;
            }
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let next_known = known.get(k).map_or(text.len(), |&(s, _, _)| s);
        if c.is_alphanumeric() {
            let mut e = i;
            for (j, ch) in text[i..].char_indices() {
                let at = i + j;
                if at >= next_known {
                    break;
                }
                let inner_mark = (ch == '.' || ch == '\'' || ch == '’')
                    && text[at + ch.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
                    && !text[at + ch.len_utf8()..].starts_with('s');
                if ch.is_alphanumeric() || inner_mark || ch == '$' {
                    e = at + ch.len_utf8();
                } else {
                    break;
                }
            }
            // An initial keeps its full stop: "Leonid I. Brezhnev".
            let w = &text[i..e];
            if w.chars().count() == 1
                && w.chars().all(char::is_uppercase)
                && text[e..].starts_with(". ")
            {
                e += 1;
            }
            out.push(Unit {
                start: i,
                end: e,
                kind: UnitKind::Word,
            });
            i = e;
        } else {
            let kind = if is_dash(c) {
                UnitKind::Dash
            } else if c.is_whitespace() {
                i += c.len_utf8();
                continue;
            } else {
                UnitKind::Other
            };
            out.push(Unit {
                start: i,
                end: i + c.len_utf8(),
                kind,
            });
            i += c.len_utf8();
        }
    }
    out
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Finds the names of one sentence (`text` at byte `offset` of the document).
pub struct Finder<'a> {
    /// The gazetteers.
    pub gazetteer: &'a Gazetteer,
    /// The automaton over the gazetteers' names.
    pub automaton: &'a AhoCorasick,
    /// The name of each automaton pattern.
    pub patterns: &'a [&'a str],
    /// The cue words.
    pub cues: &'a Cues,
}

impl Finder<'_> {
    /// Gazetteer matches with word boundaries: (start, end, pattern).
    fn known(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for m in self.automaton.find_iter(text) {
            let (s, e) = (m.start(), m.end());
            let before_ok = text[..s]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            // "US$6 billion" is money, not the United States.
            let after_ok = text[e..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric() && c != '$');
            if before_ok && after_ok {
                out.push((s, e, m.pattern().as_usize()));
            }
        }
        out
    }

    /// Every name of a sentence, in order.
    pub fn find(&self, text: &str, offset: usize) -> Vec<Found> {
        let known = self.known(text);
        let units = units(text, &known);
        let mut found = Vec::new();
        self.money(text, offset, &units, &mut found);
        let mut i = 0;
        while i < units.len() {
            let Some(end) = self.chunk_end(text, &units, i) else {
                i += 1;
                continue;
            };
            self.classify(
                text,
                offset,
                &units[i..end],
                i == 0,
                units.get(i.wrapping_sub(1)).filter(|_| i > 0),
                &mut found,
            );
            i = end;
        }
        found.sort_by_key(|f| f.span.start);
        // Money found first wins over words inside it.
        let mut out: Vec<Found> = Vec::with_capacity(found.len());
        for f in found {
            if out.last().is_some_and(|l| l.span.end > f.span.start) {
                continue;
            }
            out.push(f);
        }
        out
    }

    fn is_name_unit(&self, text: &str, u: &Unit) -> bool {
        match u.kind {
            UnitKind::Known(_) => true,
            UnitKind::Word => {
                let w = &text[u.start..u.end];
                capitalised(w) && !w.chars().all(|c| c.is_ascii_digit())
            }
            _ => false,
        }
    }

    /// The end (exclusive) of the name chunk starting at unit `i`, if one does.
    fn chunk_end(&self, text: &str, units: &[Unit], i: usize) -> Option<usize> {
        if !self.is_name_unit(text, &units[i]) {
            return None;
        }
        let mut end = i + 1;
        while let Some(next) = units.get(end) {
            if self.is_name_unit(text, next) {
                end += 1;
                continue;
            }
            // "Soviet–Japanese", "Russo-Japanese": a dash between two name parts
            // without spaces.
            let tight = |a: &Unit, b: &Unit| a.end == b.start;
            if next.kind == UnitKind::Dash {
                if let Some(after) = units.get(end + 1) {
                    if self.is_name_unit(text, after)
                        && tight(&units[end - 1], next)
                        && tight(next, after)
                    {
                        end += 2;
                        continue;
                    }
                }
            }
            // "Treaty of Portsmouth", "Battle of the Bulge", "Treaty of Peace
            // and Friendship": a joining word starts with a particle ("of",
            // "de", "von"); "the" may follow it, and "and" only joins words
            // after an "of".
            if next.kind == UnitKind::Word && self.cues.inner.contains(&text[next.start..next.end])
            {
                let first = &text[next.start..next.end];
                let has_of = units[i..end].iter().any(|u| &text[u.start..u.end] == "of");
                let opens = !matches!(first, "the" | "and" | "for") || (first == "and" && has_of);
                let mut j = end + 1;
                while units.get(j).is_some_and(|u| {
                    u.kind == UnitKind::Word && matches!(&text[u.start..u.end], "the")
                }) {
                    j += 1;
                }
                if opens && j - end <= 2 && units.get(j).is_some_and(|u| self.is_name_unit(text, u))
                {
                    end = j + 1;
                    continue;
                }
            }
            break;
        }
        Some(end)
    }

    /// Labels a chunk of name units, emitting one or more names.
    #[allow(clippy::too_many_arguments)]
    fn classify(
        &self,
        text: &str,
        offset: usize,
        chunk: &[Unit],
        sentence_start: bool,
        before: Option<&Unit>,
        out: &mut Vec<Found>,
    ) {
        let word = |u: &Unit| &text[u.start..u.end];
        let before_word = before.map(|u| word(u).to_lowercase()).unwrap_or_default();
        // Leading stop words ("The", "In") are not part of names.
        let mut start = 0;
        while start < chunk.len()
            && chunk[start].kind == UnitKind::Word
            && self.cues.stops.contains(word(&chunk[start]))
        {
            start += 1;
        }
        while start < chunk.len()
            && chunk[start].kind == UnitKind::Word
            && self.cues.inner.contains(word(&chunk[start]))
        {
            start += 1;
        }
        let chunk = &chunk[start..];
        let sentence_start = sentence_start && start == 0;
        if chunk.is_empty() {
            return;
        }
        // Titles: "Prime Minister Tanaka Kakuei" -> PERSON "Tanaka Kakuei";
        // what comes before the title is a name of its own.
        let is_title = |u: &Unit| u.kind == UnitKind::Word && self.cues.titles.contains(word(u));
        let is_inner = |u: &Unit| u.kind == UnitKind::Word && self.cues.inner.contains(word(u));
        if let Some(t) = chunk.iter().rposition(is_title) {
            let first_title = chunk.iter().position(is_title).unwrap_or(t);
            for u in &chunk[..first_title] {
                self.unit_alone(text, offset, u, &before_word, out);
            }
            let rest = &chunk[t + 1..];
            // The title's complement ("Chairman of the Japanese Communist
            // Party") is a name of its own, not a person.
            if rest.first().is_some_and(is_inner) {
                let skip = rest.iter().take_while(|u| is_inner(u)).count();
                // "Minister of War Araki Sadao": the office, then the person.
                let offices = rest[skip..]
                    .iter()
                    .take_while(|u| u.kind == UnitKind::Word && self.cues.offices.contains(word(u)))
                    .count();
                let after_office = &rest[skip + offices..];
                if offices > 0
                    && !after_office.is_empty()
                    && after_office
                        .iter()
                        .all(|u| u.kind == UnitKind::Word && !is_inner(u))
                {
                    self.person(text, offset, after_office, out);
                } else if skip < rest.len() {
                    self.classify(text, offset, &rest[skip..], false, None, out);
                }
                return;
            }
            // "Andrei Gromyko of the Soviet Union": the person ends at the
            // first joining word; what follows is a name of its own.
            let person = rest.iter().take_while(|u| !is_inner(u)).count();
            let (name, after) = rest.split_at(person);
            if !name.is_empty() && name.iter().all(|u| u.kind != UnitKind::Dash) {
                self.person(text, offset, name, out);
            }
            let skip = after.iter().take_while(|u| is_inner(u)).count();
            if skip < after.len() {
                self.classify(text, offset, &after[skip..], false, None, out);
            }
            return;
        }
        let first = &chunk[0];
        // "World War II": the head is the last word before a numeral.
        let numeral = |u: &Unit| {
            u.kind == UnitKind::Word
                && (word(u).chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
                    || word(u).chars().all(|c| c.is_ascii_digit()))
        };
        // "Communist Party of the Soviet Union": the head is the word before "of".
        let of = chunk
            .iter()
            .position(|u| u.kind == UnitKind::Word && word(u) == "of");
        let head_at = match of {
            Some(o) if o > 0 => o - 1,
            _ => chunk
                .iter()
                .rposition(|u| !numeral(u))
                .unwrap_or(chunk.len() - 1),
        };
        let last = &chunk[head_at];
        let lead = (first.kind == UnitKind::Word)
            .then(|| self.cues.leads.get(word(first)))
            .flatten();
        let head = (last.kind == UnitKind::Word)
            .then(|| self.cues.heads.get(word(last)))
            .flatten();
        if chunk.len() > 1 {
            if let Some(&label) = lead.or(head) {
                let end = chunk[chunk.len() - 1].end;
                let span = Span::new(offset + first.start, offset + end);
                let name = &text[first.start..end];
                let reading = self
                    .gazetteer
                    .names
                    .get(name)
                    .and_then(|r| r.first().cloned());
                out.push(Found {
                    span,
                    label: reading.as_ref().map_or(label, |r| r.label),
                    reading,
                    before: before_word,
                    possessive: false,
                    closes: false,
                    guessed: true,
                });
                return;
            }
        }
        // A given name that is also a place, or a surname that is also a
        // state: "Vladimir Vinogradov", "Shigenori Togo".
        if chunk.len() == 2 && chunk.iter().all(|u| u.start > 0 || u.end > 0) {
            let known_place = |u: &Unit| match u.kind {
                UnitKind::Known(p) => self
                    .gazetteer
                    .names
                    .get(self.patterns[p])
                    .and_then(|r| r.first())
                    .is_some_and(|r| matches!(r.label, EntityLabel::Gpe | EntityLabel::Loc)),
                _ => false,
            };
            let plain = |u: &Unit| {
                u.kind == UnitKind::Word
                    && capitalised(word(u))
                    && !self.cues.stops.contains(word(u))
                    && !self.cues.heads.contains_key(word(u))
                    && !self.cues.leads.contains_key(word(u))
                    && word(u).chars().skip(1).all(char::is_lowercase)
            };
            let tight = chunk[0].end < chunk[1].start
                && text[chunk[0].end..chunk[1].start].trim().is_empty();
            if tight
                && ((known_place(&chunk[0]) && plain(&chunk[1]))
                    || (plain(&chunk[0]) && known_place(&chunk[1])))
            {
                self.person(text, offset, chunk, out);
                return;
            }
        }
        // Known names inside the chunk stand alone; unknown runs between them
        // are guessed.
        let mut run: Vec<&Unit> = Vec::new();
        let flush = |run: &mut Vec<&Unit>, out: &mut Vec<Found>, at_start: bool| {
            self.unknown(text, offset, run, at_start, out);
            run.clear();
        };
        let mut run_at_start = sentence_start;
        for (k, u) in chunk.iter().enumerate() {
            match u.kind {
                UnitKind::Known(_) => {
                    flush(&mut run, out, run_at_start);
                    self.unit_alone(text, offset, u, &before_word, out);
                    run_at_start = false;
                }
                UnitKind::Dash => {
                    flush(&mut run, out, run_at_start);
                    run_at_start = false;
                }
                _ => {
                    if run.is_empty() {
                        run_at_start = sentence_start && k == 0;
                    }
                    run.push(u);
                }
            }
        }
        flush(&mut run, out, run_at_start);
    }

    fn unit_alone(&self, text: &str, offset: usize, u: &Unit, before: &str, out: &mut Vec<Found>) {
        if let UnitKind::Known(p) = u.kind {
            let name = self.patterns[p];
            if let Some(reading) = self.gazetteer.names.get(name).and_then(|r| r.first()) {
                out.push(Found {
                    span: Span::new(offset + u.start, offset + u.end),
                    label: reading.label,
                    reading: Some(reading.clone()),
                    before: before.to_string(),
                    possessive: text[u.end..].starts_with("'s") || text[u.end..].starts_with("’s"),
                    closes: closes(&text[u.end..]),
                    guessed: false,
                });
            }
        } else if u.kind == UnitKind::Word {
            let w = &text[u.start..u.end];
            if capitalised(w) && !self.cues.stops.contains(w) && !self.cues.titles.contains(w) {
                self.unknown(text, offset, &[u], false, out);
            }
        }
    }

    fn person(&self, text: &str, offset: usize, units: &[Unit], out: &mut Vec<Found>) {
        let (first, last) = (&units[0], &units[units.len() - 1]);
        let name = &text[first.start..last.end];
        let reading = self
            .gazetteer
            .names
            .get(name)
            .and_then(|r| r.iter().find(|r| r.label == EntityLabel::Person).cloned());
        out.push(Found {
            span: Span::new(offset + first.start, offset + last.end),
            label: EntityLabel::Person,
            reading,
            before: String::new(),
            possessive: false,
            closes: false,
            guessed: true,
        });
    }

    /// A run of capitalised words no list knows.
    fn unknown(
        &self,
        text: &str,
        offset: usize,
        run: &[&Unit],
        at_start: bool,
        out: &mut Vec<Found>,
    ) {
        let mut run: Vec<&Unit> = run.to_vec();
        while run
            .last()
            .is_some_and(|u| self.cues.inner.contains(&text[u.start..u.end]))
        {
            run.pop();
        }
        if run.is_empty() {
            return;
        }
        let words: Vec<&str> = run.iter().map(|u| &text[u.start..u.end]).collect();
        if words.iter().all(|w| self.cues.stops.contains(w)) {
            return;
        }
        // A lone capitalised word opening a sentence is not a name unless known.
        if run.len() == 1 && at_start {
            return;
        }
        let (first, last) = (run[0], run[run.len() - 1]);
        let span = Span::new(offset + first.start, offset + last.end);
        let acronym =
            words.len() == 1 && words[0].chars().filter(|c| c.is_uppercase()).count() >= 2;
        let label = if acronym {
            EntityLabel::Org
        } else {
            EntityLabel::Person
        };
        out.push(Found {
            span,
            label,
            reading: None,
            before: String::new(),
            possessive: false,
            closes: false,
            guessed: true,
        });
    }

    /// Amounts of money: "US$4.4 billion", "nearly US$6 billion", "3 million yen".
    fn money(&self, text: &str, offset: usize, units: &[Unit], out: &mut Vec<Found>) {
        let word = |u: &Unit| &text[u.start..u.end];
        let is_number = |u: &Unit| {
            u.kind == UnitKind::Word && word(u).starts_with(|c: char| c.is_ascii_digit())
        };
        for (i, u) in units.iter().enumerate() {
            if u.kind != UnitKind::Word {
                continue;
            }
            let w = word(u);
            // Sign glued to the number: "US$4.4" is one word; "$ 5" two.
            let sign = self
                .cues
                .currencies
                .iter()
                .find(|c| !c.chars().all(char::is_alphabetic) && w.starts_with(**c));
            let (start, mut end) = match sign {
                Some(s)
                    if w.len() > s.len()
                        && w[s.len()..].starts_with(|c: char| c.is_ascii_digit()) =>
                {
                    (i, i + 1)
                }
                _ if is_number(u)
                    && units
                        .get(i + 1)
                        .is_some_and(|n| self.is_currency_word(word(n))) =>
                {
                    (i, i + 2)
                }
                _ if is_number(u)
                    && units
                        .get(i + 2)
                        .is_some_and(|n| self.is_currency_word(word(n)))
                    && units
                        .get(i + 1)
                        .is_some_and(|n| self.cues.scales.contains(word(n))) =>
                {
                    (i, i + 3)
                }
                _ => continue,
            };
            if end < units.len()
                && units[end].kind == UnitKind::Word
                && self.cues.scales.contains(word(&units[end]))
            {
                end += 1;
                if end < units.len() && self.is_currency_word(word(&units[end])) {
                    end += 1;
                }
            }
            let mut first = start;
            for a in &self.cues.approx {
                let n = a.split(' ').count();
                if first >= n {
                    let words: Vec<&str> = units[first - n..first].iter().map(word).collect();
                    if words.join(" ").eq_ignore_ascii_case(a) {
                        first -= n;
                        break;
                    }
                }
            }
            let span = Span::new(offset + units[first].start, offset + units[end - 1].end);
            out.push(Found {
                span,
                label: EntityLabel::Money,
                reading: None,
                before: String::new(),
                possessive: false,
                closes: false,
                guessed: false,
            });
        }
    }

    fn is_currency_word(&self, w: &str) -> bool {
        self.cues
            .currencies
            .iter()
            .any(|c| c.chars().all(char::is_alphabetic) && *c == w)
    }
}
