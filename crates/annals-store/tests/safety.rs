//! The record in bad places: a read-only folder or file, a full disk and a
//! corrupt file. Each gives an error that names the database file, and none
//! loses or changes what the record already held.

use annals_store::{Error, Layers, Outcome, Store};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// A document through the whole pipeline, ingested into `store`.
fn ingest(store: &mut Store, doc: &annals_core::Document) -> Result<Outcome, Error> {
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
    store.ingest(doc, &layers)
}

/// A few short documents.
fn notes() -> Vec<annals_core::Document> {
    (0..4)
        .map(|i| {
            let text = format!(
                "In {} Japan and the Soviet Union signed treaty number {i}. \
                 Moscow sent {} soldiers to the border in March {}.",
                1920 + i,
                1000 * (i + 1),
                1921 + i
            );
            annals_text::read_bytes(
                &format!("note{i}.txt"),
                text.as_bytes(),
                annals_text::Format::Plain,
            )
            .expect("reads")
        })
        .collect()
}

/// A record holding [`notes`], closed.
fn record_with_notes(path: &Path) {
    let mut store = Store::open(path).expect("a new record opens");
    for doc in notes() {
        assert_eq!(ingest(&mut store, &doc).expect("written"), Outcome::New);
    }
}

/// Every table's row count, in a fixed order.
fn counts(store: &Store) -> Vec<i64> {
    [
        "documents",
        "sections",
        "sentences",
        "timexes",
        "mentions",
        "events",
        "event_actors",
        "measures",
    ]
    .iter()
    .map(|t| store.count(t).expect("counts"))
    .collect()
}

/// Sets a file's or folder's permission bits.
fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// Whether this process writes where permissions say it may not (root, or
/// a capability such as CAP_DAC_OVERRIDE): then read-only places cannot be
/// tested in-process.
fn permissions_are_ignored(dir: &Path) -> bool {
    let probe_dir = dir.join("probe");
    std::fs::create_dir(&probe_dir).expect("a folder");
    chmod(&probe_dir, 0o555);
    let ignored = std::fs::write(probe_dir.join("probe"), b"x").is_ok();
    chmod(&probe_dir, 0o755);
    std::fs::remove_dir_all(&probe_dir).expect("the probe goes");
    ignored
}

/// Asserts that opening `path` and writing a document fails, with an error
/// naming the file.
fn refused(path: &Path) -> Error {
    let doc = annals_text::read_bytes(
        "late.txt",
        b"Gromyko visited Tokyo in January 1972.",
        annals_text::Format::Plain,
    )
    .expect("reads");
    let err = match Store::open(path) {
        Err(e) => e,
        Ok(mut store) => ingest(&mut store, &doc).expect_err("the write is refused"),
    };
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "the error does not name {}: {err}",
        path.display()
    );
    err
}

#[test]
fn read_only_places_are_refused_by_name_and_left_intact() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    if permissions_are_ignored(dir.path()) {
        eprintln!(
            "note: skipped: this process writes into read-only folders (root?), \
             so read-only places cannot be tested in-process; \
             crates/annals/tests/ingest.rs tests them as an unprivileged child"
        );
        return;
    }
    // A new record in a read-only folder.
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).expect("a folder");
    chmod(&locked, 0o555);
    refused(&locked.join("annals.db"));
    assert_eq!(std::fs::read_dir(&locked).expect("lists").count(), 0);
    chmod(&locked, 0o755);

    // A read-only record file.
    let file = dir.path().join("frozen.db");
    record_with_notes(&file);
    chmod(&file, 0o444);
    let before = std::fs::read(&file).expect("reads");
    refused(&file);
    assert_eq!(std::fs::read(&file).expect("reads"), before);
    chmod(&file, 0o644);

    // A writable record file in a read-only folder (no room for its journal).
    let shut = dir.path().join("shut");
    std::fs::create_dir(&shut).expect("a folder");
    let file = shut.join("annals.db");
    record_with_notes(&file);
    let before = std::fs::read(&file).expect("reads");
    chmod(&shut, 0o555);
    refused(&file);
    chmod(&shut, 0o755);
    assert_eq!(std::fs::read(&file).expect("reads"), before);
    let store = Store::open(&file).expect("opens once writable again");
    assert_eq!(store.count("documents").expect("counts"), 4);
    assert_eq!(store.integrity().expect("checks"), "ok");
}

#[test]
fn a_full_disk_fails_the_document_and_keeps_the_others() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("annals.db");
    record_with_notes(&path);
    let mut store = Store::open(&path).expect("reopens");
    let before = counts(&store);
    // The disk is full a few pages past what the record holds now.
    let pages = store.set_max_pages(1).expect("the cap is read");
    assert_eq!(store.set_max_pages(pages + 4).expect("capped"), pages + 4);
    let seed = annals_text::seed();
    let err = ingest(&mut store, &seed).expect_err("the seed does not fit in four pages");
    match &err {
        Error::Sqlite { path: named, .. } => assert_eq!(named, &path),
        other => panic!("expected an SQLite error, got {other:?}"),
    }
    assert!(err.to_string().contains("full"), "{err}");
    // Nothing of the failed document, all of the others.
    assert_eq!(counts(&store), before);
    assert_eq!(store.integrity().expect("checks"), "ok");
    // A small document still fits, and once there is room the large one
    // goes in whole.
    let small = annals_text::read_bytes(
        "small.txt",
        b"Japan protested in 1950.",
        annals_text::Format::Plain,
    )
    .expect("reads");
    assert_eq!(ingest(&mut store, &small).expect("fits"), Outcome::New);
    store.set_max_pages(1 << 30).expect("uncapped");
    assert_eq!(ingest(&mut store, &seed).expect("fits now"), Outcome::New);
    drop(store);
    let store = Store::open(&path).expect("reopens");
    assert_eq!(store.integrity().expect("checks"), "ok");
    assert_eq!(store.count("documents").expect("counts"), 6);
    let mut alone = Store::open(&dir.path().join("alone.db")).expect("opens");
    ingest(&mut alone, &seed).expect("written");
    let seed_events = alone.count("events").expect("counts");
    assert_eq!(
        store.count("events").expect("counts"),
        before[5] + seed_events + 1,
        "the seed's events once, plus the small note's one"
    );
}

/// Bytes that look random (xorshift), the same on every run.
fn noise(len: usize, mut state: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

#[test]
fn corrupt_files_are_refused_untouched() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let good = dir.path().join("good.db");
    record_with_notes(&good);
    let whole = std::fs::read(&good).expect("reads");
    assert!(whole.len() > 8 * 4096, "a record of several pages");

    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("noise.db", noise(64 * 1024, 0x9E37_79B9_7F4A_7C15)),
        ("truncated.db", whole[..whole.len() / 2].to_vec()),
        ("half-page.db", whole[..2048].to_vec()),
        ("scrambled.db", {
            // A sound header over pages of noise.
            let mut bytes = noise(whole.len(), 42);
            bytes[..100].copy_from_slice(&whole[..100]);
            bytes
        }),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).expect("writes");
        let err = refused(&path);
        assert!(
            matches!(err, Error::Sqlite { .. }),
            "{name}: an SQLite error, got {err:?}"
        );
        assert_eq!(
            std::fs::read(&path).expect("reads"),
            bytes,
            "{name} was changed"
        );
    }
}

#[test]
fn a_batch_lands_whole_or_not_at_all() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut store = annals_store::Store::open(&dir.path().join("annals.db")).expect("opens");
    let read = |name: &str, text: &str| {
        annals_text::read_bytes(name, text.as_bytes(), annals_text::Format::Plain).expect("reads")
    };
    let small = read("small.txt", "Japan recognized the Soviet Union in 1925.");
    let seed = annals_text::seed();
    let layers = |doc: &annals_core::Document| {
        let sentences = annals_text::segment(doc);
        let timexes = annals_time::tag_document(doc, &sentences, &Default::default());
        (sentences, timexes)
    };
    let (s1, t1) = layers(&small);
    let (s2, t2) = layers(&seed);
    let l1 = annals_store::Layers {
        sentences: &s1,
        timexes: &t1,
        ..Default::default()
    };
    let l2 = annals_store::Layers {
        sentences: &s2,
        timexes: &t2,
        ..Default::default()
    };
    // The seed does not fit: the small document written before it in the
    // same batch goes too.
    let pages = store.set_max_pages(1).expect("caps the file");
    store.set_max_pages(pages + 12).expect("caps the file");
    // The small document alone fits under the cap (checked in a copy).
    {
        let copy = dir.path().join("copy.db");
        let mut other = annals_store::Store::open(&copy).expect("opens");
        let base = other.set_max_pages(1).expect("caps");
        other.set_max_pages(base + 12).expect("caps");
        other.ingest(&small, &l1).expect("the small document fits");
    }
    assert!(store.ingest_many(&[(&small, l1), (&seed, l2)]).is_err());
    assert_eq!(store.count("documents").expect("counts"), 0);
    assert_eq!(store.integrity().expect("checks"), "ok");
    store.set_max_pages(1 << 30).expect("lifts the cap");
    let outcomes = store
        .ingest_many(&[(&small, l1), (&seed, l2), (&small, l1)])
        .expect("writes");
    assert_eq!(
        outcomes,
        vec![
            annals_store::Outcome::New,
            annals_store::Outcome::New,
            annals_store::Outcome::Unchanged
        ]
    );
    assert_eq!(store.count("documents").expect("counts"), 2);
}
