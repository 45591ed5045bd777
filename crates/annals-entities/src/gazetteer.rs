//! The gazetteers: states by period, places, groups, organisations, events,
//! laws and people, read once from the data files.

use crate::Error;
use annals_core::EntityLabel;
use std::collections::HashMap;

/// One state over one period.
#[derive(Debug, Clone)]
pub struct StatePeriod {
    /// Wikipedia title.
    pub title: &'static str,
    /// ISO 3166 alpha-3.
    pub iso: Option<&'static str>,
    /// Correlates of War number.
    pub cow: Option<u16>,
    /// First day (day number since 1970-01-01), inclusive.
    pub from: i64,
    /// Last day, inclusive.
    pub to: i64,
    /// The title spanning or generic mentions take.
    pub default: bool,
}

/// What a surface name refers to.
#[derive(Debug, Clone)]
pub enum Referent {
    /// A state, chosen among these periods by the date of the situation.
    State(Vec<usize>),
    /// A capital: the city itself (`city`), or the state it stands for.
    Capital {
        /// The city's own title.
        city: &'static str,
        /// The states it may stand for.
        states: Vec<usize>,
    },
    /// One fixed title.
    Title(&'static str),
}

/// A surface name's reading.
#[derive(Debug, Clone)]
pub struct Reading {
    /// Its label.
    pub label: EntityLabel,
    /// What it refers to.
    pub referent: Referent,
    /// When an event took place or a law was made (day numbers), if known.
    /// (Dating a sentence by the events it names was measured on the seed
    /// and loses: events are named as background as often as as setting.)
    pub dates: Option<(i64, i64)>,
}

/// All gazetteers.
#[derive(Debug, Default)]
pub struct Gazetteer {
    /// State periods.
    pub states: Vec<StatePeriod>,
    /// Surface name -> readings, in the order of the files (first wins).
    pub names: HashMap<String, Vec<Reading>>,
    /// Event title -> what kind of event it is and when it took place.
    pub events: HashMap<&'static str, NamedEvent>,
}

/// A named event of `events.tsv`: its kind and its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NamedEvent {
    /// `war`, `battle`, `siege`, `campaign`, `operation`, `incident`,
    /// `conference`, `revolution`, `crisis`, `uprising`, `massacre`,
    /// `intervention` or `other`.
    pub kind: &'static str,
    /// First day (a day number of `annals_core::calendar`), if known.
    pub from: Option<i64>,
    /// Last day, if known.
    pub to: Option<i64>,
}

/// The data files, embedded.
pub const FILES: [(&str, &str); 7] = [
    ("states.tsv", include_str!("../data/states.tsv")),
    ("places.tsv", include_str!("../data/places.tsv")),
    ("groups.tsv", include_str!("../data/groups.tsv")),
    (
        "organizations.tsv",
        include_str!("../data/organizations.tsv"),
    ),
    ("events.tsv", include_str!("../data/events.tsv")),
    ("laws.tsv", include_str!("../data/laws.tsv")),
    ("people.tsv", include_str!("../data/people.tsv")),
];

/// The number of fields each file's lines have.
pub fn columns(file: &str) -> usize {
    match file {
        "states.tsv" => 9,
        "places.tsv" => 4,
        "groups.tsv" => 3,
        "organizations.tsv" => 3,
        "events.tsv" => 5,
        "laws.tsv" => 4,
        "people.tsv" => 5,
        _ => 0,
    }
}

/// Data lines of a file with their line numbers and fields.
pub fn rows(
    file: &'static str,
    text: &'static str,
) -> impl Iterator<Item = Result<(usize, Vec<&'static str>), Error>> {
    let n = columns(file);
    text.lines().enumerate().filter_map(move |(i, line)| {
        if line.trim().is_empty() || line.starts_with('#') {
            return None;
        }
        let fields: Vec<&'static str> = line.split('\t').map(str::trim).collect();
        if fields.len() != n {
            return Some(Err(Error::Data {
                file,
                line: i + 1,
                message: format!("expected {n} tab-separated fields, found {}", fields.len()),
            }));
        }
        Some(Ok((i + 1, fields)))
    })
}

/// A `YYYY` or `YYYY-MM-DD` date as a day number; `-` is open.
pub fn day(text: &str, end: bool) -> Option<i64> {
    if text == "-" {
        return Some(if end { i64::MAX } else { i64::MIN });
    }
    let parts: Vec<&str> = text.split('-').collect();
    let y: i32 = parts.first()?.parse().ok()?;
    let (m, d): (u8, u8) = match parts.as_slice() {
        [_] => (if end { 12 } else { 1 }, if end { 31 } else { 1 }),
        [_, m, d] => (m.parse().ok()?, d.parse().ok()?),
        _ => return None,
    };
    Some(annals_core::calendar::day_number(y, m, d))
}

fn list(field: &'static str) -> impl Iterator<Item = &'static str> {
    field
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty() && *s != "-")
}

impl Gazetteer {
    /// Reads every file.
    pub fn load() -> Result<Gazetteer, Error> {
        let mut g = Gazetteer::default();
        for (file, text) in FILES {
            match file {
                "states.tsv" => g.load_states(file, text)?,
                _ => g.load_simple(file, text)?,
            }
        }
        Ok(g)
    }

    fn add(&mut self, name: &'static str, label: EntityLabel, referent: Referent) {
        self.add_dated(name, label, referent, None);
    }

    fn add_dated(
        &mut self,
        name: &'static str,
        label: EntityLabel,
        referent: Referent,
        dates: Option<(i64, i64)>,
    ) {
        self.names
            .entry(name.to_string())
            .or_default()
            .push(Reading {
                label,
                referent,
                dates,
            });
    }

    fn load_states(&mut self, file: &'static str, text: &'static str) -> Result<(), Error> {
        let mut by_name: HashMap<&'static str, Vec<usize>> = HashMap::new();
        let mut by_adjective: HashMap<&'static str, Vec<usize>> = HashMap::new();
        let mut by_capital: HashMap<&'static str, Vec<usize>> = HashMap::new();
        let mut order: Vec<(&'static str, u8)> = Vec::new();
        for row in rows(file, text) {
            let (line, f) = row?;
            let bad = |message: String| Error::Data {
                file,
                line,
                message,
            };
            let iso = (f[1] != "-").then_some(f[1]);
            let cow = match f[2] {
                "-" => None,
                c => Some(
                    c.parse()
                        .map_err(|_| bad(format!("COW code {c:?} is not a number")))?,
                ),
            };
            let from = day(f[3], false).ok_or_else(|| bad(format!("bad date {:?}", f[3])))?;
            let to = day(f[4], true).ok_or_else(|| bad(format!("bad date {:?}", f[4])))?;
            let index = self.states.len();
            self.states.push(StatePeriod {
                title: f[0],
                iso,
                cow,
                from,
                to,
                default: f[8] == "yes",
            });
            for n in list(f[5]) {
                if !by_name.contains_key(n) {
                    order.push((n, 0));
                }
                by_name.entry(n).or_default().push(index);
            }
            for a in list(f[6]) {
                if !by_adjective.contains_key(a) {
                    order.push((a, 1));
                }
                by_adjective.entry(a).or_default().push(index);
            }
            for c in list(f[7]) {
                if !by_capital.contains_key(c) {
                    order.push((c, 2));
                }
                by_capital.entry(c).or_default().push(index);
            }
        }
        for (name, kind) in order {
            match kind {
                0 => self.add(
                    name,
                    EntityLabel::Gpe,
                    Referent::State(by_name[name].clone()),
                ),
                1 => self.add(
                    name,
                    EntityLabel::Norp,
                    Referent::State(by_adjective[name].clone()),
                ),
                _ => self.add(
                    name,
                    EntityLabel::Gpe,
                    Referent::Capital {
                        city: name,
                        states: by_capital[name].clone(),
                    },
                ),
            }
        }
        Ok(())
    }

    fn load_simple(&mut self, file: &'static str, text: &'static str) -> Result<(), Error> {
        for row in rows(file, text) {
            let (line, f) = row?;
            let title = f[0];
            let (label, names, adjectives) = match file {
                "places.tsv" => {
                    let label = EntityLabel::parse(f[1])
                        .filter(|l| matches!(l, EntityLabel::Gpe | EntityLabel::Loc));
                    let label = label.ok_or_else(|| Error::Data {
                        file,
                        line,
                        message: format!("label {:?} is not GPE or LOC", f[1]),
                    })?;
                    (label, f[2], "-")
                }
                "groups.tsv" => (EntityLabel::Norp, f[1], f[2]),
                "organizations.tsv" => (EntityLabel::Org, f[1], "-"),
                "events.tsv" => (EntityLabel::Event, f[1], "-"),
                "laws.tsv" => (EntityLabel::Law, f[1], "-"),
                _ => (EntityLabel::Person, f[1], "-"),
            };
            // Events and laws date the sentences that name them.
            let known = |d: Option<i64>| d.filter(|d| *d != i64::MIN && *d != i64::MAX);
            let dates = match file {
                "events.tsv" => {
                    known(day(f[2], false)).map(|a| (a, known(day(f[3], true)).unwrap_or(a)))
                }
                "laws.tsv" => {
                    known(day(f[2], false)).map(|a| (a, known(day(f[2], true)).unwrap_or(a)))
                }
                _ => None,
            };
            if file == "events.tsv" {
                self.events.insert(
                    title,
                    NamedEvent {
                        kind: f[4],
                        from: known(day(f[2], false)),
                        to: known(day(f[3], true)),
                    },
                );
            }
            for n in list(names).chain(std::iter::once(title)) {
                // A capital named in the places file gets the city's title;
                // the capital reading (metonymy) stays first.
                let place = file == "places.tsv" && label == EntityLabel::Gpe;
                let capital = self
                    .names
                    .get_mut(n)
                    .filter(|_| place)
                    .and_then(|readings| {
                        readings
                            .iter_mut()
                            .find(|r| matches!(r.referent, Referent::Capital { .. }))
                    });
                if let Some(Reading {
                    referent: Referent::Capital { city, .. },
                    ..
                }) = capital
                {
                    *city = title;
                    continue;
                }
                if self
                    .names
                    .get(n)
                    .is_some_and(|r| r.iter().any(|r| r.label == label))
                {
                    continue;
                }
                self.add_dated(n, label, Referent::Title(title), dates);
            }
            for a in list(adjectives) {
                self.add(a, EntityLabel::Norp, Referent::Title(title));
            }
        }
        Ok(())
    }
}
