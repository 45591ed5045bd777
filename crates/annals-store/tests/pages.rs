//! Paging through the record: totals that agree with the lists, the
//! entity listing, documents by id, and stopping a query.

use annals_core::calendar::day_number;
use annals_store::query::Filter;
use annals_store::{Layers, Store};

fn ingest(store: &mut Store, doc: annals_core::Document) {
    let sentences = annals_text::segment(&doc);
    let timexes = annals_time::tag_document(&doc, &sentences, &Default::default());
    let mentions = annals_entities::tag_document(&doc, &sentences, &timexes);
    let events = annals_events::tag_document(&doc, &sentences, &timexes, &mentions);
    let measures = annals_events::measures::tag_measures(&doc, &sentences, &timexes);
    let layers = Layers {
        sentences: &sentences,
        timexes: &timexes,
        mentions: &mentions,
        events: &events,
        measures: &measures,
    };
    store
        .ingest(&doc, &layers)
        .expect("the document is written");
}

/// The seed and a short second document.
fn record() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut store = Store::open(&dir.path().join("annals.db")).expect("opens");
    ingest(&mut store, annals_text::seed());
    let note = annals_text::read_bytes(
        "note.txt",
        "Japan attacked China in July 1937. Japan and the Soviet Union signed a treaty in 1941. \
         A pact was discussed later."
            .as_bytes(),
        annals_text::Format::Plain,
    )
    .expect("reads");
    ingest(&mut store, note);
    (dir, store)
}

fn filters() -> Vec<Filter> {
    vec![
        Filter::default(),
        Filter {
            from: Some(day_number(1941, 1, 1)),
            ..Default::default()
        },
        Filter {
            to: Some(day_number(1930, 12, 31)),
            ..Default::default()
        },
        Filter {
            from: Some(day_number(1945, 8, 1)),
            to: Some(day_number(1945, 8, 31)),
            ..Default::default()
        },
        Filter {
            kind: Some("assault".into()),
            ..Default::default()
        },
        Filter {
            entity: Some("Soviet Union".into()),
            ..Default::default()
        },
        Filter {
            entity: Some("Mikhail Gorbachev".into()),
            from: Some(day_number(1985, 1, 1)),
            ..Default::default()
        },
        Filter {
            document: Some("note.txt".into()),
            ..Default::default()
        },
        Filter {
            document: Some("no such document".into()),
            ..Default::default()
        },
    ]
}

#[test]
fn totals_are_the_lengths_of_the_unlimited_lists() {
    let (_dir, store) = record();
    for filter in filters() {
        let timeline = store.timeline(&filter).expect("reads").len();
        assert_eq!(
            store.timeline_total(&filter).expect("counts"),
            timeline,
            "timeline of {filter:?}"
        );
        let events = store.events(&filter).expect("reads").len();
        assert_eq!(
            store.events_total(&filter).expect("counts"),
            events,
            "events of {filter:?}"
        );
        // The limit does not change the total.
        let limited = Filter {
            limit: Some(3),
            ..filter.clone()
        };
        assert_eq!(store.timeline_total(&limited).expect("counts"), timeline);
    }
    assert!(store.timeline_total(&Filter::default()).expect("counts") > 100);
}

#[test]
fn entities_are_listed_most_mentioned_first_and_paged() {
    let (_dir, store) = record();
    let all = store.entity_list(None, 0, usize::MAX).expect("lists");
    assert_eq!(all.len(), store.entity_total(None).expect("counts"));
    assert!(all.len() > 20);
    assert!(all.windows(2).all(|w| w[0].mentions >= w[1].mentions));
    let japan = all
        .iter()
        .find(|e| e.link == "Japan")
        .expect("Japan is named");
    assert_eq!(japan.label, "GPE");
    assert_eq!(japan.iso.as_deref(), Some("JPN"));
    assert_eq!(japan.cow, Some(740));
    // The note names some of the seed's entities again.
    assert!(all.iter().any(|e| e.documents == 2));
    // The entity page counts the same.
    let info = store.entity("Japan", 0).expect("reads").expect("is there");
    assert_eq!(
        (info.mentions, info.documents),
        (japan.mentions, japan.documents)
    );
    assert_eq!(info.label, japan.label);
    // Pages are slices of the whole list.
    let page = store.entity_list(None, 5, 7).expect("lists");
    assert_eq!(page, all[5..12].to_vec());
    assert!(store
        .entity_list(None, all.len(), 10)
        .expect("lists")
        .is_empty());
}

#[test]
fn a_prefix_finds_links_and_written_forms_in_any_case() {
    let (_dir, store) = record();
    let sov = store.entity_list(Some("sov"), 0, 100).expect("lists");
    assert!(sov.iter().any(|e| e.link == "Soviet Union"));
    assert!(sov.iter().all(|e| e.link.to_lowercase().starts_with("sov")
        || store
            .entity(&e.link, 0)
            .expect("reads")
            .expect("is there")
            .forms
            .iter()
            .any(|(f, _)| f.to_lowercase().starts_with("sov"))));
    assert_eq!(store.entity_total(Some("sov")).expect("counts"), sov.len());
    // A written form that is not the link: "USSR" stands for the Soviet Union.
    let ussr = store.entity_list(Some("USS"), 0, 100).expect("lists");
    assert!(ussr.iter().any(|e| e.link == "Soviet Union"), "{ussr:?}");
    // LIKE's wildcards are only characters.
    assert!(store
        .entity_list(Some("%"), 0, 100)
        .expect("lists")
        .is_empty());
    assert!(store
        .entity_list(Some("_apan"), 0, 100)
        .expect("lists")
        .is_empty());
    assert_eq!(store.entity_total(Some("%")).expect("counts"), 0);
    assert!(store
        .entity_list(Some("no such entity"), 0, 100)
        .expect("lists")
        .is_empty());
}

#[test]
fn documents_are_found_by_id() {
    let (_dir, store) = record();
    let docs = store.documents().expect("lists");
    assert_eq!(docs.len(), 2);
    for d in &docs {
        assert_eq!(store.document(d.id).expect("reads").as_ref(), Some(d));
    }
    assert_eq!(store.document(-1).expect("reads"), None);
    assert_eq!(store.document(1_000_000).expect("reads"), None);
}

#[test]
fn the_data_version_changes_when_another_connection_writes() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("annals.db");
    let mut writer = Store::open(&path).expect("opens");
    ingest(&mut writer, annals_text::seed());
    let reader = Store::open_read_only(&path).expect("opens");
    let before = reader.data_version().expect("reads");
    assert_eq!(reader.data_version().expect("reads"), before);
    let note = annals_text::read_bytes("n.txt", b"Japan left in 1933.", annals_text::Format::Plain)
        .expect("reads");
    ingest(&mut writer, note);
    assert_ne!(reader.data_version().expect("reads"), before);
}

#[test]
fn an_interrupt_of_an_idle_connection_changes_nothing() {
    let (_dir, store) = record();
    let handle = store.interrupt_handle();
    let before = store.timeline_total(&Filter::default()).expect("counts");
    // From another thread, as a server's timeout would.
    std::thread::spawn(move || handle.interrupt())
        .join()
        .expect("the thread ends");
    assert_eq!(
        store.timeline_total(&Filter::default()).expect("counts"),
        before
    );
    assert!(store.entity_total(None).expect("counts") > 0);
}

#[test]
fn a_snapshot_reads_the_record_as_it_was_at_its_start() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("annals.db");
    let mut writer = Store::open(&path).expect("opens");
    ingest(&mut writer, annals_text::seed());
    let reader = Store::open_read_only(&path).expect("opens");
    let all = Filter::default();
    let (before, during) = reader
        .snapshot(|r| -> Result<_, annals_store::Error> {
            let before = r.timeline_total(&all)?;
            // Another connection writes meanwhile.
            let note = annals_text::read_bytes(
                "n.txt",
                b"Japan left the League in 1933.",
                annals_text::Format::Plain,
            )
            .expect("reads");
            ingest(&mut writer, note);
            Ok((before, r.timeline_total(&all)?))
        })
        .expect("reads");
    assert_eq!(before, during);
    // After it, the new document is seen.
    assert_eq!(reader.timeline_total(&all).expect("counts"), before + 1);
    // An error inside ends the transaction too.
    let failed: Result<(), annals_store::Error> = reader.snapshot(|r| {
        r.timeline_total(&all)?;
        Err(annals_store::Error::Older {
            path: "x".into(),
            found: 1,
        })
    });
    assert!(failed.is_err());
    assert!(reader
        .snapshot(|r| r.timeline_total(&all))
        .is_ok_and(|n| n == before + 1));
}
