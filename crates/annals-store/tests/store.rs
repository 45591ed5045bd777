//! The record against a real SQLite file: idempotent ingest, replacement,
//! cascades, integrity, and clear refusals of files it must not touch.

use annals_store::{Error, Layers, Outcome, Store};
use std::path::Path;

/// The seed through the whole pipeline, ingested into `store`.
fn ingest(store: &mut Store, doc: &annals_core::Document) -> Outcome {
    let sentences = annals_text::segment(doc);
    let timexes = annals_time::tag_document(doc, &sentences, &Default::default());
    let mentions = annals_entities::tag_document(doc, &sentences, &timexes);
    let events = annals_events::tag_document(doc, &sentences, &timexes, &mentions);
    let measures = annals_events::measures::tag_measures(doc, &sentences, &timexes);
    let layers = Layers {
        sentences: &sentences,
        timexes: &timexes,
        mentions: &mentions,
        events: &events,
        measures: &measures,
    };
    store.ingest(doc, &layers).expect("the document is written")
}

fn text_doc(name: &str, text: &str) -> annals_core::Document {
    annals_text::read_bytes(name, text.as_bytes(), annals_text::Format::Plain).expect("reads")
}

#[test]
fn the_seed_goes_in_whole_once() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("annals.db");
    let mut store = Store::open(&path).expect("a new record opens");
    let seed = annals_text::seed();
    assert_eq!(ingest(&mut store, &seed), Outcome::New);
    let counts: Vec<i64> = [
        "documents",
        "sentences",
        "timexes",
        "mentions",
        "events",
        "measures",
    ]
    .iter()
    .map(|t| store.count(t).expect("counts"))
    .collect();
    assert_eq!(counts[0], 1);
    assert!(counts[1] > 150 && counts[2] > 100 && counts[3] > 400 && counts[4] > 150);
    assert_eq!(counts[5], 17);
    // The same text again changes nothing, even after reopening the file.
    drop(store);
    let mut store = Store::open(&path).expect("the record reopens");
    assert_eq!(ingest(&mut store, &seed), Outcome::Unchanged);
    assert_eq!(store.count("events").expect("counts"), counts[4]);
    assert_eq!(store.integrity().expect("checks"), "ok");
    assert_eq!(
        store.version().expect("version"),
        annals_store::SCHEMA_VERSION
    );
}

#[test]
fn a_changed_text_replaces_its_rows() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut store = Store::open(&dir.path().join("annals.db")).expect("opens");
    let first = text_doc(
        "note.txt",
        "In 1941 Japan and the Soviet Union signed a neutrality pact.",
    );
    assert_eq!(ingest(&mut store, &first), Outcome::New);
    let before = store.count("event_actors").expect("counts");
    assert!(before > 0);
    let second = text_doc("note.txt", "The pact was annulled in April 1945.");
    assert_eq!(ingest(&mut store, &second), Outcome::Replaced);
    // The old document's rows went with it: the record is what the new text
    // alone makes.
    let mut fresh = Store::open(&dir.path().join("fresh.db")).expect("opens");
    assert_eq!(ingest(&mut fresh, &second), Outcome::New);
    for table in [
        "documents",
        "sentences",
        "timexes",
        "mentions",
        "events",
        "event_actors",
        "measures",
    ] {
        assert_eq!(
            store.count(table).expect("counts"),
            fresh.count(table).expect("counts"),
            "{table}"
        );
    }
    let other = text_doc("other.txt", "Gromyko visited Tokyo in January 1972.");
    assert_eq!(ingest(&mut store, &other), Outcome::New);
    assert_eq!(store.count("documents").expect("counts"), 2);
}

#[test]
fn foreign_and_newer_files_are_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    // Another program's database.
    let foreign = dir.path().join("other.db");
    rusqlite_free::open(&foreign);
    let before = std::fs::read(&foreign).expect("reads");
    match Store::open(&foreign) {
        Err(Error::Foreign { path, .. }) => assert_eq!(path, foreign),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(std::fs::read(&foreign).expect("reads"), before);
    // Not a database at all.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"this is not a database, it is a sentence").expect("writes");
    let err = Store::open(&junk).expect_err("junk is refused");
    assert!(err.to_string().contains("junk.db"), "{err}");
    assert_eq!(
        std::fs::read(&junk).expect("reads"),
        b"this is not a database, it is a sentence"
    );
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("annals.db");
    drop(Store::open(&path).expect("opens"));
    rusqlite_free::set_user_version(&path, annals_store::SCHEMA_VERSION + 1);
    match Store::open(&path) {
        Err(Error::Newer { found, .. }) => assert_eq!(found, annals_store::SCHEMA_VERSION + 1),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// Writing SQLite files by hand for the refusal tests, through the sqlite3
/// shell when present, else through a minimal valid file.
mod rusqlite_free {
    use super::Path;

    /// A database of "another program": one table, application id 0.
    pub fn open(path: &Path) {
        annals_store::testing::foreign_database(path).expect("a foreign database is written");
    }

    /// Sets `PRAGMA user_version`.
    pub fn set_user_version(path: &Path, version: i64) {
        annals_store::testing::set_user_version(path, version).expect("the version is set");
    }
}

#[test]
fn ingesting_the_same_hundred_documents_again_changes_no_row() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("annals.db");
    let docs: Vec<annals_core::Document> = (0..100)
        .map(|i| {
            text_doc(
                &format!("doc{i:03}.txt"),
                &format!(
                    "In {} Japan and the Soviet Union signed treaty number {i}. \
                     The pact was annulled {} years later.",
                    1900 + i,
                    i % 7 + 1
                ),
            )
        })
        .collect();
    let mut store = Store::open(&path).expect("opens");
    for doc in &docs {
        assert_eq!(ingest(&mut store, doc), Outcome::New);
    }
    let counts: Vec<i64> = [
        "documents",
        "sentences",
        "timexes",
        "events",
        "event_actors",
    ]
    .iter()
    .map(|t| store.count(t).expect("counts"))
    .collect();
    assert_eq!(counts[0], 100);
    drop(store);
    let mut store = Store::open(&path).expect("reopens");
    for doc in &docs {
        assert_eq!(ingest(&mut store, doc), Outcome::Unchanged);
    }
    assert_eq!(store.changes(), 0, "re-ingesting changed rows");
    let again: Vec<i64> = [
        "documents",
        "sentences",
        "timexes",
        "events",
        "event_actors",
    ]
    .iter()
    .map(|t| store.count(t).expect("counts"))
    .collect();
    assert_eq!(again, counts);
}
