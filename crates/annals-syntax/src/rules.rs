//! The context rules of the tagger (`data/tagrules.txt`): parsing and
//! application. The file's header describes the language.

use crate::lexicon::DataError;
use crate::pos::Pos;
use crate::tagger::Sentence;
use std::collections::HashMap;
use std::sync::LazyLock;

/// `data/tagrules.txt`, embedded.
pub const TAGRULES: &str = include_str!("../data/tagrules.txt");

/// Where a condition looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// A fixed offset from the word.
    At(i8),
    /// The nearest token before that is not ADV or NEG.
    Prev,
    /// The nearest token after that is not ADV or NEG.
    Next,
    /// The token after the run of noun-phrase words that follows.
    AfterNp,
}

/// What a condition tests at its place.
#[derive(Debug, Clone)]
enum Item {
    /// The current tag is in the mask.
    Tags(u32),
    /// The word, in lower case.
    Word(&'static str),
    /// The lemma of the current reading.
    Lemma(&'static str),
    /// One of the readings is in the mask.
    Can(u32),
    /// Before the sentence.
    Bos,
    /// After the sentence.
    Eos,
    /// Written with a capital.
    Cap,
    /// A particle of the verb before.
    Particle,
    /// A time noun.
    Time,
}

#[derive(Debug, Clone)]
struct Cond {
    place: Place,
    negate: bool,
    items: Vec<Item>,
}

/// One rule of tagrules.txt.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    /// Its name.
    pub name: &'static str,
    /// Tags it changes (all bits: any).
    from: u32,
    /// The tag it gives.
    pub to: Pos,
    when: Vec<Vec<Cond>>,
    unless: Vec<Vec<Cond>>,
    /// `TEXT => TAG` examples.
    pub examples: Vec<(&'static str, &'static str)>,
    /// Line of the `rule` keyword.
    line: usize,
}

const NP_WORDS: u32 = Pos::Det.bit()
    | Pos::Adj.bit()
    | Pos::Noun.bit()
    | Pos::Proper.bit()
    | Pos::Pronoun.bit()
    | Pos::Num.bit()
    | Pos::Possessive.bit();
const SKIPPED: u32 = Pos::Adv.bit() | Pos::Neg.bit();

fn error(line: usize, message: impl Into<String>) -> DataError {
    DataError {
        file: "tagrules.txt",
        line,
        message: message.into(),
    }
}

fn tags(sets: &HashMap<&str, u32>, line: usize, text: &str) -> Result<u32, DataError> {
    let mut mask = 0;
    for t in text.split('|') {
        mask |= match (sets.get(t), Pos::from_code(t)) {
            (Some(&m), _) => m,
            (None, Some(p)) => p.bit(),
            _ => return Err(error(line, format!("unknown tag or set {t}"))),
        };
    }
    Ok(mask)
}

fn cond(sets: &HashMap<&str, u32>, line: usize, text: &'static str) -> Result<Cond, DataError> {
    let (negate, text) = match text.strip_prefix('!') {
        Some(t) => (true, t),
        None => (false, text),
    };
    let (place, items) = text
        .split_once('=')
        .ok_or_else(|| error(line, format!("a condition is PLACE=ITEMS: {text}")))?;
    let place = match place {
        "<" => Place::Prev,
        ">" => Place::Next,
        "+np" => Place::AfterNp,
        p => Place::At(
            p.parse::<i8>()
                .ok()
                .filter(|n| (-3..=3).contains(n))
                .ok_or_else(|| error(line, format!("unknown place {p}")))?,
        ),
    };
    let mut parsed = Vec::new();
    for item in items.split('|') {
        parsed.push(if let Some(w) = item.strip_prefix('"') {
            Item::Word(
                w.strip_suffix('"')
                    .ok_or_else(|| error(line, format!("unclosed quote in {item}")))?,
            )
        } else if let Some(l) = item.strip_prefix('@') {
            Item::Lemma(l)
        } else if let Some(t) = item.strip_prefix("can:") {
            Item::Can(tags(sets, line, t)?)
        } else {
            match item {
                "BOS" => Item::Bos,
                "EOS" => Item::Eos,
                "CAP" => Item::Cap,
                "PARTICLE" => Item::Particle,
                "TIME" => Item::Time,
                t => Item::Tags(tags(sets, line, t)?),
            }
        });
    }
    Ok(Cond {
        place,
        negate,
        items: parsed,
    })
}

/// Reads tagrules.txt.
pub(crate) fn parse(text: &'static str) -> Result<Vec<Rule>, DataError> {
    let mut sets: HashMap<&str, u32> = HashMap::new();
    let mut rules: Vec<Rule> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, rest) = line.split_once(' ').unwrap_or((line, ""));
        let rest = rest.trim();
        match key {
            "set" => {
                let (name, members) = rest
                    .split_once('=')
                    .ok_or_else(|| error(n, "set NAME = TAGS"))?;
                let mut mask = 0;
                for t in members.split_whitespace() {
                    mask |= tags(&sets, n, t)?;
                }
                sets.insert(name.trim(), mask);
            }
            "rule" => rules.push(Rule {
                name: rest,
                from: 0,
                to: Pos::Other,
                when: Vec::new(),
                unless: Vec::new(),
                examples: Vec::new(),
                line: n,
            }),
            _ => {
                let rule = rules
                    .last_mut()
                    .ok_or_else(|| error(n, format!("{key} outside a rule")))?;
                match key {
                    "retag" => {
                        let (from, to) = rest
                            .split_once("->")
                            .ok_or_else(|| error(n, "retag FROM -> TO"))?;
                        rule.from = match from.trim() {
                            "*" => u32::MAX,
                            f => tags(&sets, n, f)?,
                        };
                        rule.to = Pos::from_code(to.trim())
                            .ok_or_else(|| error(n, format!("unknown tag {to}")))?;
                    }
                    "when" | "unless" => {
                        let conds = rest
                            .split_whitespace()
                            .map(|c| cond(&sets, n, c))
                            .collect::<Result<Vec<_>, _>>()?;
                        if key == "when" {
                            rule.when.push(conds);
                        } else {
                            rule.unless.push(conds);
                        }
                    }
                    "example" => {
                        let (t, e) = rest
                            .rsplit_once("=>")
                            .ok_or_else(|| error(n, "example TEXT => TAG"))?;
                        rule.examples.push((t.trim(), e.trim()));
                    }
                    _ => return Err(error(n, format!("unknown keyword {key}"))),
                }
            }
        }
    }
    for r in &rules {
        if r.from == 0 {
            return Err(error(r.line, format!("rule {} has no retag line", r.name)));
        }
        if r.examples.is_empty() {
            return Err(error(r.line, format!("rule {} has no example", r.name)));
        }
    }
    Ok(rules)
}

/// The rules, read on first use.
pub(crate) static RULES: LazyLock<Vec<Rule>> =
    LazyLock::new(|| parse(TAGRULES).expect("the embedded tagrules.txt parses (tests check it)"));

/// String equality without a call to `memcmp` (the words are short).
#[inline]
pub(crate) fn eq_short(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

/// How far `<`, `>` and `+np` look past adverbs and noun-phrase words.
const SKIP_REACH: usize = 8;

/// The token a place points at: `Ok(i)`, or `Err(true)` before the start,
/// `Err(false)` after the end.
fn locate(s: &Sentence, i: usize, place: Place) -> Result<usize, bool> {
    let n = s.len();
    match place {
        Place::At(d) => {
            let j = i as isize + d as isize;
            if j < 0 {
                Err(true)
            } else if j as usize >= n {
                Err(false)
            } else {
                Ok(j as usize)
            }
        }
        Place::Prev => {
            let mut j = i;
            let floor = i.saturating_sub(SKIP_REACH);
            while j > floor {
                j -= 1;
                if s.tag(j).bit() & SKIPPED == 0 {
                    return Ok(j);
                }
            }
            if floor == 0 {
                Err(true)
            } else {
                Ok(floor)
            }
        }
        Place::Next => {
            let mut j = i + 1;
            let limit = n.min(i + 1 + SKIP_REACH);
            while j < limit {
                if s.tag(j).bit() & SKIPPED == 0 {
                    return Ok(j);
                }
                j += 1;
            }
            if limit == n {
                Err(false)
            } else {
                Ok(limit)
            }
        }
        Place::AfterNp => {
            let mut j = i + 1;
            let limit = n.min(i + 1 + SKIP_REACH);
            while j < limit && s.tag(j).bit() & NP_WORDS != 0 {
                j += 1;
            }
            if j < n {
                Ok(j)
            } else {
                Err(false)
            }
        }
    }
}

fn holds(s: &Sentence, i: usize, c: &Cond) -> bool {
    let at = locate(s, i, c.place);
    let any = c.items.iter().any(|item| match (item, at) {
        (Item::Bos, Err(true)) | (Item::Eos, Err(false)) => true,
        (_, Err(_)) => false,
        (Item::Tags(m), Ok(j)) => s.tag(j).bit() & m != 0,
        (Item::Word(w), Ok(j)) => eq_short(s.lower(j), w),
        (Item::Lemma(l), Ok(j)) => s.lemma_is(j, l),
        (Item::Can(m), Ok(j)) => s.mask(j) & m != 0,
        (Item::Cap, Ok(j)) => s.capitalised(j),
        (Item::Particle, Ok(j)) => s.is_particle(j),
        (Item::Time, Ok(j)) => s.is_time(j),
        (Item::Bos | Item::Eos, Ok(_)) => false,
    });
    any != c.negate
}

/// Applies every rule in order to the ambiguous tokens of the sentence.
pub(crate) fn apply(s: &mut Sentence, rules: &[Rule]) {
    // For each tag, the ambiguous tokens that have it as a reading (a
    // counting sort into one buffer).
    let mut by_tag = std::mem::take(&mut s.by_tag);
    let mut at = [0u32; 24];
    let mut any = 0;
    for i in 0..s.len() {
        let mask = s.mask(i);
        if mask.count_ones() > 1 {
            any |= mask;
            let mut m = mask;
            while m != 0 {
                at[m.trailing_zeros() as usize + 1] += 1;
                m &= m - 1;
            }
        }
    }
    if any == 0 {
        s.by_tag = by_tag;
        return;
    }
    for b in 1..24 {
        at[b] += at[b - 1];
    }
    by_tag.clear();
    by_tag.resize(at[23] as usize, 0);
    let mut fill = at;
    for i in 0..s.len() {
        let mask = s.mask(i);
        if mask.count_ones() > 1 {
            let mut m = mask;
            while m != 0 {
                let b = m.trailing_zeros() as usize;
                by_tag[fill[b] as usize] = i as u32;
                fill[b] += 1;
                m &= m - 1;
            }
        }
    }
    for rule in rules {
        let to = rule.to.bit();
        if any & to == 0 {
            continue;
        }
        let t = rule.to.index();
        for k in at[t]..at[t + 1] {
            let i = by_tag[k as usize] as usize;
            let tag = s.tag(i);
            if tag == rule.to || tag.bit() & rule.from == 0 {
                continue;
            }
            let when = rule.when.is_empty()
                || rule
                    .when
                    .iter()
                    .any(|conds| conds.iter().all(|c| holds(s, i, c)));
            if !when {
                continue;
            }
            if rule
                .unless
                .iter()
                .any(|conds| conds.iter().all(|c| holds(s, i, c)))
            {
                continue;
            }
            s.choose(i, rule.to);
        }
    }
    s.by_tag = by_tag;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mistakes_name_their_line() {
        let e = parse("set A = NOUN\n\nrule r\n  when -1=DET\n").unwrap_err();
        assert_eq!(
            (e.line, e.message.as_str()),
            (3, "rule r has no retag line")
        );
        let e = parse("rule r\n  retag NOUN -> WRONG\n").unwrap_err();
        assert_eq!(e.line, 2);
        let e = parse("rule r\n  retag NOUN -> VB\n  when 7=DET\n").unwrap_err();
        assert_eq!(e.line, 3);
    }
}
