//! Wikipedia's own links as a free gold for entity linking.
//!
//! Every `[[Target|text]]` of an article says which article its text names.
//! [`evaluate_wikilinks`] reads each article page of a dump with
//! [`annals_wiki::read_wikitext`], runs the entity layer on the plain text
//! *without* the links (the linker never sees the targets), and compares,
//! for each gold link that counts, the system's link of the mention at that
//! span with the gold target.
//!
//! **Which links count.** A gold link counts when its target (normalised,
//! below) is a state, a person, a place or an event:
//!
//! 1. when the entity layer's gazetteers know the target as a title
//!    ([`annals_entities::title_label`]), their label decides: a state's
//!    title, a `GPE` or `LOC` place, a `PERSON` or an `EVENT` counts; an
//!    organisation, group or law does not;
//! 2. when the gazetteers do not know the target, the label the system gives
//!    the mention at that span decides the same way (`GPE`, `LOC`, `PERSON`,
//!    `EVENT` count); a span without a system mention then does not count
//!    (nothing says what it is: most such links are to common nouns and
//!    concepts, "philosophy", "anarchism").
//!
//! **Normalisation.** A gold target (and a system link) is followed through
//! the dump's redirect pages ("USSR" → "Soviet Union", up to 8 hops); a
//! target that is no redirect of the dump and no gazetteer title, but a name
//! the gazetteers give exactly one title ([`annals_entities::canonical_title`]),
//! takes that title.
//!
//! **The system's mention** for a gold span is the mention at exactly that
//! span, else the one overlapping it most. Link accuracy = correct / gold
//! links counted; coverage = counted gold spans with a system mention /
//! counted; accuracy on covered = correct / covered.

use crate::Error;
use annals_core::{EntityLabel, Mention};
use annals_wiki::GoldLink;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;

/// Redirect titles of a dump, each to its target.
pub type Redirects = HashMap<String, String>;

/// The classes of linked names that are scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LinkClass {
    /// A state (a title of the states gazetteer, or a state mention).
    State,
    /// A place that is not a state (`GPE`, `LOC`).
    Place,
    /// A person.
    Person,
    /// A named event.
    Event,
}

impl LinkClass {
    /// The class's name in tables and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkClass::State => "state",
            LinkClass::Place => "place",
            LinkClass::Person => "person",
            LinkClass::Event => "event",
        }
    }
}

/// Counts of one class, or of all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinkCounts {
    /// Gold links counted.
    pub gold: usize,
    /// Of those, spans with a system mention.
    pub covered: usize,
    /// Of those, mentions whose link is the gold target.
    pub correct: usize,
}

impl LinkCounts {
    /// correct / gold (0 when there is no gold).
    pub fn accuracy(&self) -> f64 {
        ratio(self.correct, self.gold)
    }

    /// covered / gold.
    pub fn coverage(&self) -> f64 {
        ratio(self.covered, self.gold)
    }

    /// correct / covered.
    pub fn accuracy_on_covered(&self) -> f64 {
        ratio(self.correct, self.covered)
    }

    fn add(&mut self, other: &LinkCounts) {
        self.gold += other.gold;
        self.covered += other.covered;
        self.correct += other.correct;
    }

    fn to_json(self) -> serde_json::Value {
        serde_json::json!({
            "gold": self.gold,
            "covered": self.covered,
            "correct": self.correct,
            "accuracy": round4(self.accuracy()),
            "coverage": round4(self.coverage()),
            "accuracy_on_covered": round4(self.accuracy_on_covered()),
        })
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// A counted gold link the system got wrong or missed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkMiss {
    /// The page title.
    pub page: String,
    /// Byte span of the link's text in the page's plain text.
    pub start: usize,
    /// End of that span.
    pub end: usize,
    /// The link's text.
    pub text: String,
    /// The class it was counted under.
    pub class: LinkClass,
    /// Whether the gazetteers know the target (rule 1).
    pub known: bool,
    /// The normalised gold target.
    pub gold: String,
    /// The system mention's text and link (`None` inside: no link), or
    /// `None` when no mention covers the span.
    pub system: Option<(String, Option<String>)>,
}

/// The score of one page or a whole dump.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WikiLinkScore {
    /// Article pages read.
    pub pages: usize,
    /// Pages whose wikitext could not be read.
    pub unreadable: usize,
    /// Gold links seen, counted or not.
    pub links_seen: usize,
    /// All counted links.
    pub total: LinkCounts,
    /// By class.
    pub by_class: BTreeMap<LinkClass, LinkCounts>,
    /// The links whose target the gazetteers know (rule 1); the others were
    /// counted by the system's label (rule 2).
    pub known: LinkCounts,
    /// Gold targets normalised by a redirect of the dump.
    pub by_redirect: usize,
    /// Gold targets normalised by a gazetteer name.
    pub by_gazetteer: usize,
    /// The misses, in page order.
    pub misses: Vec<LinkMiss>,
}

impl WikiLinkScore {
    fn add(&mut self, other: WikiLinkScore) {
        self.pages += other.pages;
        self.unreadable += other.unreadable;
        self.links_seen += other.links_seen;
        self.total.add(&other.total);
        self.known.add(&other.known);
        for (class, counts) in &other.by_class {
            self.by_class.entry(*class).or_default().add(counts);
        }
        self.by_redirect += other.by_redirect;
        self.by_gazetteer += other.by_gazetteer;
        self.misses.extend(other.misses);
    }

    /// The figures as JSON (without the misses).
    pub fn to_json(&self) -> serde_json::Value {
        let classes: serde_json::Map<String, serde_json::Value> = self
            .by_class
            .iter()
            .map(|(c, n)| (c.as_str().to_string(), n.to_json()))
            .collect();
        serde_json::json!({
            "pages": self.pages,
            "unreadable": self.unreadable,
            "links_seen": self.links_seen,
            "normalised_by_redirect": self.by_redirect,
            "normalised_by_gazetteer": self.by_gazetteer,
            "all": self.total.to_json(),
            "known_targets": self.known.to_json(),
            "by_class": classes,
        })
    }
}

/// Follows redirects from `title` (at most 8 hops, so cycles end).
pub fn resolve<'a>(redirects: &'a Redirects, title: &'a str) -> &'a str {
    let mut t = title;
    for _ in 0..8 {
        match redirects.get(t) {
            Some(next) if next != t => t = next,
            _ => break,
        }
    }
    t
}

/// A title as Wikipedia writes it: spaces for underscores, first letter
/// upper case, no `#section`.
fn normal_title(title: &str) -> String {
    let t = title.split('#').next().unwrap_or("").replace('_', " ");
    let t = t.trim();
    let mut chars = t.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// How a gold target was normalised.
enum Normalised {
    Redirect(String),
    Gazetteer(String),
    AsIs(String),
}

fn normalise(redirects: &Redirects, target: &str) -> Normalised {
    let t = normal_title(target);
    let r = resolve(redirects, &t);
    if r != t {
        return Normalised::Redirect(r.to_string());
    }
    match annals_entities::canonical_title(&t) {
        Some(c) if c != t => Normalised::Gazetteer(c.to_string()),
        _ => Normalised::AsIs(t),
    }
}

/// The class a gold link counts under (see the module's rule), if any.
fn class_of(target: &str, system: Option<&Mention>) -> Option<LinkClass> {
    if annals_entities::state_codes().contains_key(target) {
        return Some(LinkClass::State);
    }
    let by_label = |label: EntityLabel| match label {
        EntityLabel::Gpe | EntityLabel::Loc => Some(LinkClass::Place),
        EntityLabel::Person => Some(LinkClass::Person),
        EntityLabel::Event => Some(LinkClass::Event),
        _ => None,
    };
    match annals_entities::title_label(target) {
        Some(label) => by_label(label),
        None => {
            let m = system?;
            match by_label(m.label)? {
                LinkClass::Place if m.cow.is_some() || m.iso.is_some() => Some(LinkClass::State),
                class => Some(class),
            }
        }
    }
}

/// The system mention for a gold span: the one at exactly that span, else
/// the one overlapping it most (the first of equals).
fn mention_at(mentions: &[Mention], start: usize, end: usize) -> Option<&Mention> {
    if let Some(m) = mentions
        .iter()
        .find(|m| m.span.start == start && m.span.end == end)
    {
        return Some(m);
    }
    let overlap = |m: &Mention| m.span.end.min(end).saturating_sub(m.span.start.max(start));
    mentions
        .iter()
        .filter(|m| overlap(m) > 0)
        .fold(None, |best: Option<&Mention>, m| match best {
            Some(b) if overlap(b) >= overlap(m) => Some(b),
            _ => Some(m),
        })
}

/// Scores one page: its text, its gold links and the system's mentions.
pub fn score_page(
    page: &str,
    text: &str,
    links: &[GoldLink],
    mentions: &[Mention],
    redirects: &Redirects,
) -> WikiLinkScore {
    let mut score = WikiLinkScore {
        pages: 1,
        links_seen: links.len(),
        ..WikiLinkScore::default()
    };
    for link in links {
        let system = mention_at(mentions, link.start, link.end);
        let (gold, how) = match normalise(redirects, &link.target) {
            Normalised::Redirect(t) => (t, 1),
            Normalised::Gazetteer(t) => (t, 2),
            Normalised::AsIs(t) => (t, 0),
        };
        let Some(class) = class_of(&gold, system) else {
            continue;
        };
        match how {
            1 => score.by_redirect += 1,
            2 => score.by_gazetteer += 1,
            _ => {}
        }
        let correct = system
            .and_then(|m| m.link.as_deref())
            .is_some_and(|l| resolve(redirects, &normal_title(l)) == gold);
        let counts = LinkCounts {
            gold: 1,
            covered: usize::from(system.is_some()),
            correct: usize::from(correct),
        };
        score.total.add(&counts);
        let known = annals_entities::title_label(&gold).is_some();
        if known {
            score.known.add(&counts);
        }
        score.by_class.entry(class).or_default().add(&counts);
        if !correct {
            score.misses.push(LinkMiss {
                page: page.to_string(),
                start: link.start,
                end: link.end,
                text: text.get(link.start..link.end).unwrap_or("").to_string(),
                class,
                known,
                gold,
                system: system.map(|m| (m.text.clone(), m.link.clone())),
            });
        }
    }
    score
}

/// Runs the pipeline up to the entity layer on a page's plain text (the
/// gold links are not passed) and scores its links.
fn tag_and_score(title: &str, wikitext: &str, redirects: &Redirects) -> WikiLinkScore {
    let wiki = match annals_wiki::read_wikitext(title, Some(title), wikitext) {
        Ok(w) => w,
        Err(_) => {
            return WikiLinkScore {
                unreadable: 1,
                ..WikiLinkScore::default()
            }
        }
    };
    let doc = &wiki.doc;
    let sentences = annals_text::segment(doc);
    let timexes = annals_time::tag_document(doc, &sentences, &Default::default());
    let mentions = annals_entities::tag_document(doc, &sentences, &timexes);
    score_page(title, &doc.text, &wiki.links, &mentions, redirects)
}

/// The redirects of a dump's articles: title → normalised target.
pub fn read_redirects(path: &Path) -> Result<Redirects, Error> {
    let options = annals_dump::Options {
        skip_redirects: false,
        ..annals_dump::Options::default()
    };
    let mut out = Redirects::new();
    for page in annals_dump::Pages::open_with(path, options)? {
        let page = match page {
            Ok(p) => p,
            Err(e) if e.fatal => return Err(e.into()),
            Err(_) => continue,
        };
        if let Some(target) = page.redirect.as_deref().map(normal_title) {
            if !target.is_empty() {
                out.insert(page.title, target);
            }
        }
    }
    Ok(out)
}

/// Scores the entity layer's links against the links of every article page
/// of a dump (`.xml` or `.bz2`): a first pass reads the redirects, a second
/// tags and scores the articles, on every core. A page the dump reader
/// cannot give is skipped; a fatal read error fails the run.
pub fn evaluate_wikilinks(path: &Path) -> Result<WikiLinkScore, Error> {
    let redirects = read_redirects(path)?;
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let mut pages = annals_dump::Pages::open_with(path, annals_dump::Options::default())?;
    let mut score = WikiLinkScore::default();
    loop {
        // A batch of pages at a time, tagged in parallel, merged in order.
        let mut batch = Vec::with_capacity(threads * 4);
        for page in pages.by_ref() {
            match page {
                Ok(p) => batch.push(p),
                Err(e) if e.fatal => return Err(e.into()),
                Err(_) => score.unreadable += 1,
            }
            if batch.len() == threads * 4 {
                break;
            }
        }
        if batch.is_empty() {
            break;
        }
        let chunk = batch.len().div_ceil(threads).max(1);
        let results: Vec<WikiLinkScore> = std::thread::scope(|s| {
            let handles: Vec<_> = batch
                .chunks(chunk)
                .map(|part| {
                    let redirects = &redirects;
                    let handle = s.spawn(move || {
                        part.iter()
                            .map(|p| tag_and_score(&p.title, &p.text, redirects))
                            .collect::<Vec<_>>()
                    });
                    (part.len(), handle)
                })
                .collect();
            // A panic of the pipeline (a bug) counts its pages as unreadable.
            handles
                .into_iter()
                .flat_map(|(n, h)| {
                    h.join().unwrap_or_else(|_| {
                        vec![WikiLinkScore {
                            unreadable: n,
                            ..WikiLinkScore::default()
                        }]
                    })
                })
                .collect()
        });
        for r in results {
            score.add(r);
        }
    }
    Ok(score)
}

/// The figures as a table: all counted links, by class, and those whose
/// target the gazetteers know (`known`).
pub fn render_wikilink_table(name: &str, score: &WikiLinkScore) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{name}: {} pages, {} gold links, {} counted (redirects normalised {}, gazetteer names {})",
        score.pages, score.links_seen, score.total.gold, score.by_redirect, score.by_gazetteer
    );
    let _ = writeln!(
        out,
        "{:<8} {:>6} {:>8} {:>8} {:>9} {:>9} {:>11}",
        "class", "gold", "covered", "correct", "accuracy", "coverage", "acc/covered"
    );
    let row = |out: &mut String, name: &str, c: &LinkCounts| {
        let _ = writeln!(
            out,
            "{:<8} {:>6} {:>8} {:>8} {:>9.4} {:>9.4} {:>11.4}",
            name,
            c.gold,
            c.covered,
            c.correct,
            c.accuracy(),
            c.coverage(),
            c.accuracy_on_covered()
        );
    };
    row(&mut out, "all", &score.total);
    for (class, counts) in &score.by_class {
        row(&mut out, class.as_str(), counts);
    }
    row(&mut out, "known", &score.known);
    out
}

/// The misses, one a line: page, span, text, class, gold, system.
pub fn render_wikilink_errors(score: &WikiLinkScore) -> String {
    let mut out = String::new();
    for m in &score.misses {
        let system = match &m.system {
            None => "no mention".to_string(),
            Some((text, link)) => format!("{text:?} -> {}", link.as_deref().unwrap_or("(no link)")),
        };
        let _ = writeln!(
            out,
            "{} [{}..{}] {:?} {}{}: gold {} | system {}",
            m.page,
            m.start,
            m.end,
            m.text,
            m.class.as_str(),
            if m.known { " (known)" } else { "" },
            m.gold,
            system
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use annals_core::Span;

    fn mention(start: usize, end: usize, text: &str, label: EntityLabel, link: &str) -> Mention {
        Mention {
            id: "M1".into(),
            span: Span::new(start, end),
            text: text.into(),
            label,
            link: Some(link.into()),
            metonymy: false,
            iso: None,
            cow: None,
            valid_from: None,
            valid_to: None,
            sentence: Span::new(0, 100),
        }
    }

    fn gold(start: usize, end: usize, target: &str) -> GoldLink {
        GoldLink {
            start,
            end,
            target: target.into(),
        }
    }

    #[test]
    fn redirects_normalise_gold_and_resolve_follows_chains() {
        let mut r = Redirects::new();
        r.insert("USSR".into(), "Soviet union".into());
        r.insert("Soviet union".into(), "Soviet Union".into());
        r.insert("Loop".into(), "Loop".into());
        assert_eq!(resolve(&r, "USSR"), "Soviet Union");
        assert_eq!(resolve(&r, "Loop"), "Loop");
        let text = "The USSR fell.";
        let links = [gold(4, 8, "USSR")];
        let m = [mention(4, 8, "USSR", EntityLabel::Gpe, "Soviet Union")];
        let s = score_page("p", text, &links, &m, &r);
        assert_eq!(
            s.total,
            LinkCounts {
                gold: 1,
                covered: 1,
                correct: 1
            }
        );
        assert_eq!(s.by_redirect, 1);
        assert_eq!(s.by_class[&LinkClass::State].correct, 1);
    }

    #[test]
    fn gazetteer_names_normalise_when_no_redirect_does() {
        let text = "The USSR fell.";
        let links = [gold(4, 8, "USSR")];
        let m = [mention(4, 8, "USSR", EntityLabel::Gpe, "Soviet Union")];
        let s = score_page("p", text, &links, &m, &Redirects::new());
        assert_eq!(s.total.correct, 1);
        assert_eq!(s.by_gazetteer, 1);
    }

    #[test]
    fn the_class_rule_counts_known_titles_and_system_labels() {
        let text = "Stalin read philosophy in Zzyx and met Foo Bar of the Comintern.";
        let links = [
            gold(0, 6, "Joseph Stalin"),
            gold(12, 22, "Philosophy"),
            gold(26, 30, "Zzyx"),
            gold(39, 46, "Foo Bar"),
            gold(54, 63, "Communist International"),
        ];
        let m = [
            mention(0, 6, "Stalin", EntityLabel::Person, "Joseph Stalin"),
            mention(26, 30, "Zzyx", EntityLabel::Gpe, "Zzyx, California"),
            mention(39, 46, "Foo Bar", EntityLabel::Person, "Foo Bar"),
            mention(
                54,
                63,
                "Comintern",
                EntityLabel::Org,
                "Communist International",
            ),
        ];
        let s = score_page("p", text, &links, &m, &Redirects::new());
        // Stalin (gazetteer PERSON), Zzyx (system GPE), Foo Bar (system
        // PERSON); not philosophy (unknown, no mention), not the Comintern
        // (an organisation).
        assert_eq!(s.links_seen, 5);
        assert_eq!(s.total.gold, 3);
        assert_eq!(s.total.correct, 2);
        assert_eq!(s.misses.len(), 1);
        assert_eq!(s.misses[0].gold, "Zzyx");
        assert_eq!(s.by_class[&LinkClass::Person].gold, 2);
        assert_eq!(
            s.known,
            LinkCounts {
                gold: 1,
                covered: 1,
                correct: 1
            }
        );
    }

    #[test]
    fn overlapping_mentions_cover_and_missing_ones_do_not() {
        let text = "the Battle of Kursk and Japan";
        let links = [gold(4, 19, "Battle of Kursk"), gold(24, 29, "Japan")];
        let m = [mention(14, 19, "Kursk", EntityLabel::Gpe, "Kursk")];
        let s = score_page("p", text, &links, &m, &Redirects::new());
        assert_eq!(
            s.total,
            LinkCounts {
                gold: 2,
                covered: 1,
                correct: 0
            }
        );
        assert!((s.total.coverage() - 0.5).abs() < 1e-9);
        assert_eq!(s.total.accuracy_on_covered(), 0.0);
        let errors = render_wikilink_errors(&s);
        assert!(errors.contains("no mention"), "{errors}");
        assert!(errors.contains("\"Kursk\" -> Kursk"), "{errors}");
        assert!(render_wikilink_table("t", &s).contains("all"));
    }

    #[test]
    fn a_page_is_tagged_without_its_links() {
        let page =
            "In 1941 [[Japan|Japan]] and the [[USSR|Soviet Union]] signed a pact in [[Moscow]].";
        let s = tag_and_score("Pact", page, &Redirects::new());
        assert_eq!(s.pages, 1);
        // Japan in 1941 is the Empire of Japan, not the gold "Japan".
        assert_eq!(s.total.gold, 3);
        assert_eq!(s.total.covered, 3);
        assert_eq!(s.total.correct, 2);
        assert_eq!(s.misses[0].gold, "Japan");
        let json = s.to_json();
        assert_eq!(json["all"]["gold"], 3);
    }

    #[test]
    fn titles_are_written_as_wikipedia_writes_them() {
        assert_eq!(normal_title("soviet_Union#History"), "Soviet Union");
        assert_eq!(normal_title(""), "");
    }
}
