//! Quality floor of entity linking against Wikipedia's own links: the
//! shortened English Wikipedia dump of `shared/data/wiki` (106 articles),
//! scored by `annals_eval::wikilinks` (see that module for which links
//! count). The figures may only rise; each is the value measured when the
//! floor was last raised, rounded down to three decimals.

use annals_eval::wikilinks;
use std::path::PathBuf;

/// Link accuracy over all counted gold links.
const FLOOR_ACCURACY: f64 = 0.540;
/// Link accuracy over the gold links whose target the gazetteers know.
const FLOOR_KNOWN_ACCURACY: f64 = 0.891;

fn dump() -> PathBuf {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(
        "../../../shared/data/wiki/enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2",
    );
    assert!(
        path.is_file(),
        "the Wikipedia dump is expected at {} (shared/ beside the repository)",
        path.display()
    );
    path
}

#[test]
fn wiki_link_accuracy_stays_at_its_floor() {
    let score = wikilinks::evaluate_wikilinks(&dump()).expect("the dump is read and tagged");
    assert_eq!(score.pages, 106, "the dump's article pages");
    assert!(
        score.total.gold > 1000,
        "too few links counted: {}",
        score.total.gold
    );
    let accuracy = score.total.accuracy();
    let known = score.known.accuracy();
    let mut failures = Vec::new();
    if accuracy < FLOOR_ACCURACY {
        failures.push(format!(
            "link accuracy {accuracy:.4} is below its floor {FLOOR_ACCURACY:.3}"
        ));
    }
    if known < FLOOR_KNOWN_ACCURACY {
        failures.push(format!(
            "link accuracy on known targets {known:.4} is below its floor {FLOOR_KNOWN_ACCURACY:.3}"
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
