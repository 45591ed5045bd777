//! Arbitrary UTF-8 through the wikitext reader: it never panics, every span
//! lies on character boundaries of the text, the source map is monotone and
//! its copied runs equal the wikitext, and the segmenter runs on the result.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(wiki) = annals_wiki::read_wikitext("fuzz", Some("Fuzz"), src) else {
        return;
    };
    let text = &wiki.doc.text;
    let sound = |s: usize, e: usize| s <= e && text.get(s..e).is_some();
    for b in &wiki.doc.blocks {
        assert!(sound(b.span.start, b.span.end), "block {b:?}");
        assert!(b.section < wiki.doc.sections.len());
    }
    for s in &wiki.doc.sections {
        assert!(sound(s.span.start, s.span.end), "section {s:?}");
    }
    for l in &wiki.links {
        assert!(l.start < l.end && sound(l.start, l.end), "link {l:?}");
        let (s, e) = wiki.source.to_source(l.start, l.end);
        assert!(s <= e && e <= src.len());
    }
    let anchors = wiki.source.anchors();
    for (k, a) in anchors.iter().enumerate() {
        let next = anchors.get(k + 1).map_or(text.len(), |n| n.text);
        if let Some(n) = anchors.get(k + 1) {
            assert!(
                a.text < n.text && a.source <= n.source,
                "map not monotone at {a:?}"
            );
        }
        if a.copied {
            assert_eq!(
                text.get(a.text..next),
                src.get(a.source..a.source + a.source_len)
            );
        }
    }
    for sentence in annals_text::segment(&wiki.doc) {
        assert!(sound(sentence.span.start, sentence.span.end));
    }
});
