//! Reading the record back: whole documents, timelines, events, entities
//! and full-text search, each fact with its sentence and spans.

use annals_core::calendar::day_number;
use annals_store::query::{Filter, ItemKind};
use annals_store::{Layers, Store};

struct Piped {
    doc: annals_core::Document,
    sentences: Vec<annals_core::Sentence>,
    timexes: Vec<annals_core::Timex>,
    mentions: Vec<annals_core::Mention>,
    events: Vec<annals_core::Event>,
    measures: Vec<annals_core::Measure>,
}

fn pipeline(doc: annals_core::Document) -> Piped {
    let sentences = annals_text::segment(&doc);
    let timexes = annals_time::tag_document(&doc, &sentences, &Default::default());
    let mentions = annals_entities::tag_document(&doc, &sentences, &timexes);
    let events = annals_events::tag_document(&doc, &sentences, &timexes, &mentions);
    let measures = annals_events::measures::tag_measures(&doc, &sentences, &timexes);
    Piped {
        doc,
        sentences,
        timexes,
        mentions,
        events,
        measures,
    }
}

fn put(store: &mut Store, p: &Piped) {
    let layers = Layers {
        sentences: &p.sentences,
        timexes: &p.timexes,
        mentions: &p.mentions,
        events: &p.events,
        measures: &p.measures,
    };
    store
        .ingest(&p.doc, &layers)
        .expect("the document is written");
}

fn seed_store() -> (tempfile::TempDir, Store, Piped) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut store = Store::open(&dir.path().join("annals.db")).expect("opens");
    let seed = pipeline(annals_text::seed());
    put(&mut store, &seed);
    (dir, store, seed)
}

#[test]
fn a_document_comes_back_as_the_pipeline_made_it() {
    let (_dir, store, seed) = seed_store();
    let back = store
        .load(&seed.doc.name)
        .expect("reads")
        .expect("is there");
    assert_eq!(back.doc.text, seed.doc.text);
    assert_eq!(back.doc.title, seed.doc.title);
    assert_eq!(back.doc.sections, seed.doc.sections);
    assert_eq!(back.sentences.len(), seed.sentences.len());
    for (a, b) in back.sentences.iter().zip(&seed.sentences) {
        assert_eq!((a.span, a.section), (b.span, b.section));
    }
    assert_eq!(back.events, seed.events);
    assert_eq!(back.measures, seed.measures);
    assert_eq!(back.timexes.len(), seed.timexes.len());
    for (a, b) in back.timexes.iter().zip(&seed.timexes) {
        assert_eq!(
            (&a.id, a.span, &a.value, a.modifier, &a.earliest, a.sentence),
            (&b.id, b.span, &b.value, b.modifier, &b.earliest, b.sentence)
        );
    }
    assert_eq!(back.mentions.len(), seed.mentions.len());
    for (a, b) in back.mentions.iter().zip(&seed.mentions) {
        assert_eq!(
            (&a.id, a.span, &a.link, a.label, a.cow, a.sentence),
            (&b.id, b.span, &b.link, b.label, b.cow, b.sentence)
        );
    }
    assert!(store.load("no such document").expect("reads").is_none());
}

#[test]
fn the_timeline_is_in_interval_order_at_each_dates_precision() {
    let (_dir, store, seed) = seed_store();
    let items = store.timeline(&Filter::default()).expect("reads");
    let dated_events = seed.events.iter().filter(|e| e.date.is_some()).count();
    let events = items.iter().filter(|i| i.kind == ItemKind::Event).count();
    assert!(
        events > 100 && events <= dated_events,
        "{events} of {dated_events}"
    );
    assert!(items
        .windows(2)
        .all(|w| (w[0].date.first_day, w[0].date.last_day)
            <= (w[1].date.first_day, w[1].date.last_day)));
    for item in &items {
        // Every row quotes its sentence, and its words lie inside it.
        assert_eq!(
            seed.doc.text.get(item.quote.start..item.quote.end),
            Some(item.quote.text.as_str())
        );
        assert!(item.quote.start <= item.start && item.end <= item.quote.end);
        assert!(item.date.first_day <= item.date.last_day);
    }
    // A decade stays a decade.
    let decade = items
        .iter()
        .find(|i| i.date.precision == "decade")
        .expect("the seed writes decades");
    assert_eq!(decade.date.value.len(), 3);
    // The neutrality pact, signed in 1941.
    let pact = items
        .iter()
        .find(|i| {
            i.kind == ItemKind::Event
                && i.text == "signed"
                && i.quote.text.contains("neutrality pact")
        })
        .expect("the pact is on the timeline");
    assert!(
        pact.date.first_day >= day_number(1941, 1, 1)
            && pact.date.last_day <= day_number(1941, 12, 31)
    );
    // Filters: a period, an entity, a type.
    let war = Filter {
        from: Some(day_number(1945, 8, 1)),
        to: Some(day_number(1945, 8, 31)),
        ..Default::default()
    };
    let august = store.timeline(&war).expect("reads");
    assert!(!august.is_empty());
    assert!(august
        .iter()
        .all(|i| i.date.last_day >= day_number(1945, 8, 1)
            && i.date.first_day <= day_number(1945, 8, 31)));
    let assaults = store
        .timeline(&Filter {
            kind: Some("assault".into()),
            ..Default::default()
        })
        .expect("reads");
    assert!(!assaults.is_empty());
    assert!(assaults
        .iter()
        .all(|i| i.event.as_ref().is_some_and(|e| e.kind == "ASSAULT")));
    let gorbachev = store
        .timeline(&Filter {
            entity: Some("Mikhail Gorbachev".into()),
            ..Default::default()
        })
        .expect("reads");
    assert!(!gorbachev.is_empty());
    assert!(gorbachev
        .iter()
        .all(|i| i.date.first_day >= day_number(1980, 1, 1)));
    let few = store
        .timeline(&Filter {
            limit: Some(5),
            ..Default::default()
        })
        .expect("reads");
    assert_eq!(few.len(), 5);
    assert_eq!(few[0].date.first_day, items[0].date.first_day);
}

#[test]
fn search_ranks_sentences_and_marks_the_matches() {
    let (_dir, store, seed) = seed_store();
    let hits = store
        .search("neutrality pact", &Filter::default())
        .expect("searches");
    assert!(!hits.is_empty());
    assert!(hits.windows(2).all(|w| w[0].rank <= w[1].rank));
    for h in &hits {
        let words = h.quote.text.to_lowercase();
        assert!(words.contains("neutrality") && words.contains("pact"));
        assert!(!h.matches.is_empty());
        for &(a, b) in &h.matches {
            let matched = seed.doc.text[a..b].to_lowercase();
            assert!(
                matched.starts_with("neutral") || matched.starts_with("pact"),
                "{matched}"
            );
        }
        assert!(h.snippet.contains('['));
    }
    assert!(hits.iter().any(|h| h.quote.text.contains("1941")));
    // Stemming: "signing" finds "signed".
    let signed = store
        .search("signing", &Filter::default())
        .expect("searches");
    assert!(signed.iter().any(|h| h.quote.text.contains("signed")));
    // Query syntax in the input is only words.
    assert!(store.search("\"pact OR (", &Filter::default()).is_ok());
    assert!(store
        .search("  -- ", &Filter::default())
        .expect("searches")
        .is_empty());
    // Filters.
    let early = store
        .search(
            "pact",
            &Filter {
                to: Some(day_number(1941, 12, 31)),
                ..Default::default()
            },
        )
        .expect("searches");
    assert!(
        !early.is_empty()
            && early.len()
                < store
                    .search("pact", &Filter::default())
                    .expect("searches")
                    .len()
    );
    let with_us = store
        .search(
            "war",
            &Filter {
                entity: Some("United States".into()),
                ..Default::default()
            },
        )
        .expect("searches");
    assert!(!with_us.is_empty());
    assert!(with_us
        .iter()
        .all(|h| h.quote.text.contains("United States")
            || h.quote.text.contains("American")
            || h.quote.text.contains("U.S.")
            || h.quote.text.contains("Washington")));
}

#[test]
fn an_entity_has_its_counts_dates_events_and_company() {
    let (_dir, store, seed) = seed_store();
    let link = store.resolve_entity("soviet union").expect("reads");
    assert_eq!(link.as_deref(), Some("Soviet Union"));
    let by_form = store.resolve_entity("Soviets").expect("reads");
    assert_eq!(by_form.as_deref(), Some("Soviet Union"));
    assert_eq!(store.resolve_entity("Atlantis").expect("reads"), None);
    let info = store
        .entity("Soviet Union", 10)
        .expect("reads")
        .expect("is there");
    let expected = seed
        .mentions
        .iter()
        .filter(|m| m.link.as_deref() == Some("Soviet Union"))
        .count() as i64;
    assert_eq!(info.mentions, expected);
    assert_eq!(info.documents, 1);
    assert_eq!(info.label, "GPE");
    assert_eq!(info.iso.as_deref(), Some("SUN"));
    assert_eq!(info.cow, Some(365));
    assert!(info.forms.iter().any(|f| f.0 == "Soviet Union"));
    let (first, _) = info.first.as_ref().expect("dated mentions");
    let (last, _) = info.last.as_ref().expect("dated mentions");
    assert!(first.first_day < day_number(1930, 1, 1), "{first:?}");
    assert!(last.last_day > day_number(1985, 1, 1), "{last:?}");
    assert!(info.as_source > 20 && info.as_target > 10);
    assert_eq!(info.events.len(), 10);
    assert!(info.events.iter().all(|e| e
        .event
        .source
        .iter()
        .chain(&e.event.target)
        .any(|a| a == "Soviet Union")));
    assert!(info.cooccurring.iter().any(|c| c.0 == "Japan"));
    assert!(store.entity("Atlantis", 10).expect("reads").is_none());
}

#[test]
fn search_index_follows_replaced_documents() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut store = Store::open(&dir.path().join("annals.db")).expect("opens");
    let first = pipeline(
        annals_text::read_bytes(
            "note.txt",
            b"Japan signed a fisheries agreement with the Soviet Union in 1956.",
            annals_text::Format::Plain,
        )
        .expect("reads"),
    );
    put(&mut store, &first);
    assert_eq!(
        store
            .search("fisheries", &Filter::default())
            .expect("searches")
            .len(),
        1
    );
    let second = pipeline(
        annals_text::read_bytes(
            "note.txt",
            b"Tokyo protested the seizure of boats in 1957. Moscow rejected the protest.",
            annals_text::Format::Plain,
        )
        .expect("reads"),
    );
    put(&mut store, &second);
    assert!(store
        .search("fisheries", &Filter::default())
        .expect("searches")
        .is_empty());
    assert_eq!(
        store
            .search("protest", &Filter::default())
            .expect("searches")
            .len(),
        2
    );
    assert_eq!(store.count("sentences").expect("counts"), 2);
    assert_eq!(store.integrity().expect("checks"), "ok");
}

#[test]
fn a_version_1_record_is_brought_up_to_date() {
    let (dir, store, seed) = seed_store();
    let timeline = store.timeline(&Filter::default()).expect("reads");
    let hits = store.search("pact", &Filter::default()).expect("searches");
    let loaded = store.load(&seed.doc.name).expect("reads");
    let soviet = store.entity("Soviet Union", 20).expect("reads");
    let summaries_before = summaries(&dir.path().join("annals.db"));
    assert!(summaries_before.len() > 500);
    let gorbachev = store.entity("Mikhail Gorbachev", 20).expect("reads");
    drop(store);
    // Take the file back to what version 1 wrote.
    let path = dir.path().join("annals.db");
    {
        let conn = rusqlite::Connection::open(&path).expect("opens");
        conn.execute_batch(
            "DROP TABLE doc_entities; DROP TABLE doc_forms; DROP TABLE doc_pairs;
             DROP TABLE doc_roles; DROP TABLE doc_dated;
             DROP TRIGGER sentences_forget;
             DROP TABLE sentence_search;
             DROP INDEX sentences_by_start; DROP INDEX timexes_by_day; DROP INDEX timexes_by_sentence;
             DROP INDEX mentions_by_sentence; DROP INDEX IF EXISTS mentions_by_text;
             DROP INDEX events_by_day;
             DROP INDEX events_by_sentence;
             ALTER TABLE sections DROP COLUMN parent;
             ALTER TABLE timexes DROP COLUMN sentence; ALTER TABLE timexes DROP COLUMN first_day;
             ALTER TABLE timexes DROP COLUMN last_day;
             ALTER TABLE mentions DROP COLUMN sentence;
             ALTER TABLE events DROP COLUMN sentence; ALTER TABLE events DROP COLUMN first_day;
             ALTER TABLE events DROP COLUMN last_day;
             ALTER TABLE measures DROP COLUMN sentence;
             CREATE INDEX timexes_by_time ON timexes (earliest, latest);
             PRAGMA user_version = 1;",
        )
        .expect("the version 2 parts go");
    }
    let store = Store::open(&path).expect("the old record opens");
    assert_eq!(
        store.version().expect("version"),
        annals_store::SCHEMA_VERSION
    );
    assert_eq!(store.integrity().expect("checks"), "ok");
    assert_eq!(store.timeline(&Filter::default()).expect("reads"), timeline);
    assert_eq!(
        store.search("pact", &Filter::default()).expect("searches"),
        hits
    );
    assert_eq!(store.load(&seed.doc.name).expect("reads"), loaded);
    // The per-document summaries are rebuilt from the rows, as ingest made
    // them from the layers.
    assert_eq!(summaries(&path), summaries_before);
    assert_eq!(store.entity("Soviet Union", 20).expect("reads"), soviet);
    assert_eq!(
        store.entity("Mikhail Gorbachev", 20).expect("reads"),
        gorbachev
    );
}

#[test]
fn a_read_only_record_answers_and_is_never_written() {
    let (dir, store, _) = seed_store();
    let path = dir.path().join("annals.db");
    let items = store.timeline(&Filter::default()).expect("reads");
    store.checkpoint().expect("checkpoints");
    drop(store);
    let before = std::fs::read(&path).expect("reads the file");
    let reader = Store::open_read_only(&path).expect("opens for reading");
    assert_eq!(reader.timeline(&Filter::default()).expect("reads"), items);
    assert!(!reader
        .search("pact", &Filter::default())
        .expect("searches")
        .is_empty());
    drop(reader);
    assert_eq!(std::fs::read(&path).expect("reads the file"), before);
    // A file that is not there is not created.
    let missing = dir.path().join("missing.db");
    assert!(Store::open_read_only(&missing).is_err());
    assert!(!missing.exists());
    // An older version is refused, not migrated.
    annals_store::testing::set_user_version(&path, 1).expect("sets");
    let err = Store::open_read_only(&path).expect_err("refused");
    assert!(err.to_string().contains("older"), "{err}");
}

/// A limited list is the head of the unlimited one, whichever way the rows
/// are found: by walking the dates (a common entity, a small limit) or by
/// gathering the entity's rows first (a rare entity, or no limit).
#[test]
fn limited_lists_are_the_head_of_the_whole_list() {
    let (_dir, store, _seed) = seed_store();
    let entities = ["Soviet Union", "Japan", "soviet union", "Mikhail Gorbachev"];
    let war = Filter {
        from: Some(day_number(1904, 1, 1)),
        to: Some(day_number(1945, 12, 31)),
        ..Default::default()
    };
    let mut filters = vec![Filter::default(), war.clone()];
    for entity in entities {
        filters.push(Filter {
            entity: Some(entity.to_string()),
            ..Default::default()
        });
        filters.push(Filter {
            entity: Some(entity.to_string()),
            ..war.clone()
        });
    }
    for filter in filters {
        let all_events = store.events(&filter).expect("reads");
        let all_items = store.timeline(&filter).expect("reads");
        if filter.entity.is_none() || filter.from.is_none() {
            assert!(!all_items.is_empty(), "{filter:?}");
        }
        for limit in [1, 3, 10, 1000] {
            let limited = Filter {
                limit: Some(limit),
                ..filter.clone()
            };
            let events = store.events(&limited).expect("reads");
            assert_eq!(
                events[..],
                all_events[..limit.min(all_events.len())],
                "{limited:?}"
            );
            let items = store.timeline(&limited).expect("reads");
            assert_eq!(
                items[..],
                all_items[..limit.min(all_items.len())],
                "{limited:?}"
            );
        }
    }
}

#[test]
fn entity_summaries_agree_with_the_mentions_they_sum() {
    use std::collections::{BTreeMap, BTreeSet};
    let (_dir, store, seed) = seed_store();
    let links: BTreeSet<&str> = seed
        .mentions
        .iter()
        .filter_map(|m| m.link.as_deref())
        .collect();
    for link in links {
        let info = store.entity(link, 5).expect("reads").expect("is there");
        let mine: Vec<&annals_core::Mention> = seed
            .mentions
            .iter()
            .filter(|m| m.link.as_deref() == Some(link))
            .collect();
        assert_eq!(info.mentions, mine.len() as i64, "{link}");
        assert_eq!(
            info.forms.iter().map(|f| f.1).sum::<i64>(),
            mine.len() as i64,
            "{link}"
        );
        // Sentences shared with each other entity.
        let sentences: BTreeSet<usize> = mine.iter().map(|m| m.sentence.start).collect();
        let mut shared: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
        for m in &seed.mentions {
            if let Some(other) = m.link.as_deref() {
                if other != link && sentences.contains(&m.sentence.start) {
                    shared.entry(other).or_default().insert(m.sentence.start);
                }
            }
        }
        for (other, n) in &info.cooccurring {
            assert_eq!(
                shared.get(other.as_str()).map_or(0, |s| s.len()) as i64,
                *n,
                "{link} with {other}"
            );
        }
        let sources = seed
            .events
            .iter()
            .map(|e| e.source.iter().filter(|a| *a == link).count())
            .sum::<usize>();
        let targets = seed
            .events
            .iter()
            .map(|e| e.target.iter().filter(|a| *a == link).count())
            .sum::<usize>();
        assert_eq!(
            (info.as_source, info.as_target),
            (sources as i64, targets as i64),
            "{link}"
        );
        // The first dated mention is the earliest date written in a
        // sentence that names the entity.
        let earliest = seed
            .timexes
            .iter()
            .filter(|t| {
                t.kind == annals_core::TimexType::Date && sentences.contains(&t.sentence.start)
            })
            .filter_map(|t| {
                let a = annals_core::calendar::parse_iso_day(t.earliest.as_deref()?)?;
                let b = annals_core::calendar::parse_iso_day(t.latest.as_deref()?)?;
                Some((a, b))
            })
            .min();
        assert_eq!(
            info.first.as_ref().map(|f| (f.0.first_day, f.0.last_day)),
            earliest,
            "{link}"
        );
    }
}

/// Every row of the per-document summary tables, as text, sorted.
fn summaries(path: &std::path::Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).expect("opens");
    let mut rows = Vec::new();
    for (table, columns) in [
        ("doc_entities", "doc, link, label, mentions, iso, cow"),
        ("doc_forms", "doc, link, text, n"),
        ("doc_pairs", "doc, a, b, sentences"),
        ("doc_roles", "doc, actor, role, n"),
        (
            "doc_dated",
            "doc, link, which, first_day, last_day, value, mod, sentence",
        ),
    ] {
        let n = columns.split(',').count();
        let mut st = conn
            .prepare(&format!("SELECT {columns} FROM {table}"))
            .expect("prepares");
        let mut found = st.query([]).expect("queries");
        while let Some(r) = found.next().expect("reads") {
            let cells: Vec<String> = (0..n)
                .map(|i| format!("{:?}", r.get_ref(i).expect("a cell")))
                .collect();
            rows.push(format!("{table}: {}", cells.join(" | ")));
        }
    }
    rows.sort();
    rows
}
