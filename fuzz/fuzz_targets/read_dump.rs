//! Arbitrary bytes through the MediaWiki XML dump reader (plain or bzip2):
//! the iteration ends, every page's offset is in bounds, every error names
//! the file and nothing follows an error that stopped the reading; the
//! default options give a subset of all pages, in the same order.

#![no_main]

use annals_dump::{Options, Pages};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(pages) = Pages::from_bytes("fuzz.xml", data.to_vec(), Options::all()) else {
        return;
    };
    let bzip2 = data.starts_with(b"BZh");
    let mut all = Vec::new();
    let mut stopped = false;
    for item in pages {
        assert!(!stopped, "an item after a fatal error");
        match item {
            Ok(page) => {
                if !bzip2 {
                    let at = usize::try_from(page.source_offset).unwrap_or(usize::MAX);
                    assert!(
                        data.get(at..)
                            .is_some_and(|rest| rest.starts_with(b"<page")),
                        "page {} offset {at} is not at a <page> tag",
                        page.id
                    );
                }
                all.push(page.id);
            }
            Err(e) => {
                assert!(e.to_string().starts_with("fuzz.xml: byte "), "{e}");
                stopped = e.fatal;
            }
        }
    }
    let Ok(pages) = Pages::from_bytes("fuzz.xml", data.to_vec(), Options::default()) else {
        panic!("the default options failed to open what Options::all() opened");
    };
    let articles: Vec<u64> = pages.filter_map(Result::ok).map(|p| p.id).collect();
    let mut rest = all.iter();
    for id in &articles {
        assert!(
            rest.any(|a| a == id),
            "article {id} is not among all pages in order"
        );
    }
});
