//! The reader on real pages: the dump fragments in `shared/data/wiki/`.
//!
//! A tiny test-only extractor pulls `<page>`s out of the XML, so these tests
//! need no dump crate.

use annals_wiki::{read_wikitext, Wiki};
use std::io::Read;
use std::path::PathBuf;
use std::sync::LazyLock;

struct Page {
    title: String,
    ns: String,
    redirect: bool,
    text: String,
}

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/wiki")
        .join(name)
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = s.find(open)? + open.len();
    let end = s[start..].find(close)? + start;
    Some(&s[start..end])
}

fn decode_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(k) = rest.find('&') {
        out.push_str(&rest[..k]);
        rest = &rest[k..];
        let entities = [
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&amp;", '&'),
            ("&quot;", '"'),
            ("&#039;", '\''),
            ("&apos;", '\''),
        ];
        match entities.iter().find(|(e, _)| rest.starts_with(e)) {
            Some((e, c)) => {
                out.push(*c);
                rest = &rest[e.len()..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn pages(name: &str) -> Vec<Page> {
    let file = std::fs::File::open(data(name)).expect("the dump fragment is in shared/data/wiki");
    let mut xml = String::new();
    bzip2::read::BzDecoder::new(file)
        .read_to_string(&mut xml)
        .expect("the fragment is bzip2-compressed UTF-8");
    let mut out = Vec::new();
    for chunk in xml.split("<page>").skip(1) {
        let page = chunk
            .split("</page>")
            .next()
            .expect("split yields one part");
        let text = match page.find("<text") {
            Some(k) => {
                let after = &page[k..];
                let gt = after.find('>').expect("<text> tag closes");
                if after[..gt].ends_with('/') {
                    String::new()
                } else {
                    decode_xml(between(after, ">", "</text>").expect("</text> closes the text"))
                }
            }
            None => String::new(),
        };
        out.push(Page {
            title: decode_xml(between(page, "<title>", "</title>").expect("a page has a title")),
            ns: between(page, "<ns>", "</ns>")
                .expect("a page has a namespace")
                .to_string(),
            redirect: page.contains("<redirect"),
            text,
        });
    }
    out
}

static ALL: LazyLock<Vec<Page>> = LazyLock::new(|| {
    let mut all = pages("enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2");
    all.extend(pages("enwiki-table-markup.xml.bz2"));
    all
});

fn articles() -> impl Iterator<Item = &'static Page> {
    ALL.iter().filter(|p| p.ns == "0" && !p.redirect)
}

fn read(page: &Page) -> Wiki {
    read_wikitext(&page.title, Some(&page.title), &page.text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_article_reads_with_sound_spans() {
    let mut n = 0;
    for page in articles() {
        let w = read(page);
        let t = &w.doc.text;
        assert!(w.redirect.is_none(), "{}", page.title);
        assert!(w.doc.blocks.len() > 1, "{} has no content", page.title);
        for b in &w.doc.blocks {
            assert!(
                b.span.end <= t.len()
                    && t.is_char_boundary(b.span.start)
                    && t.is_char_boundary(b.span.end)
            );
        }
        let anchors = w.source.anchors();
        for (k, a) in anchors.iter().enumerate() {
            let next = anchors.get(k + 1).map_or(t.len(), |x| x.text);
            if let Some(x) = anchors.get(k + 1) {
                assert!(
                    a.text < x.text && a.source <= x.source,
                    "{}: map not monotone at {a:?}",
                    page.title
                );
            }
            if a.copied {
                assert_eq!(
                    &t[a.text..next],
                    &page.text[a.source..a.source + a.source_len],
                    "{}",
                    page.title
                );
            }
        }
        n += 1;
    }
    assert_eq!(n, 111, "106 articles in the fragment, 5 in the table pages");
}

#[test]
fn sampled_pages_have_no_leftover_markup() {
    let all: Vec<&Page> = articles().collect();
    let mut seed: u64 = 0x5eed_1941;
    let mut leftovers = Vec::new();
    for _ in 0..20 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let page = all[(seed >> 33) as usize % all.len()];
        let w = read(page);
        for marker in ["{{", "}}", "[[", "]]", "<ref", "'''", "''"] {
            if let Some(k) = w.doc.text.find(marker) {
                let from = w.doc.text.floor_char_boundary(k.saturating_sub(60));
                let to = w
                    .doc
                    .text
                    .ceil_char_boundary((k + 60).min(w.doc.text.len()));
                leftovers.push(format!(
                    "{}: {marker} in {:?}",
                    page.title,
                    &w.doc.text[from..to]
                ));
            }
        }
    }
    assert!(leftovers.is_empty(), "{leftovers:#?}");
}

#[test]
fn redirects_are_recognised() {
    let mut n = 0;
    for page in ALL.iter().filter(|p| p.redirect) {
        let w = read(page);
        assert!(
            w.redirect.is_some(),
            "{}: {:?}",
            page.title,
            &page.text[..page.text.len().min(80)]
        );
        n += 1;
    }
    assert_eq!(n, 100);
}

#[test]
fn gold_links_point_at_their_labels() {
    let (mut links, mut exact) = (0, 0);
    for page in articles() {
        let w = read(page);
        for l in &w.links {
            let label = &w.doc.text[l.start..l.end];
            assert!(
                !label.trim().is_empty() && !label.contains("[["),
                "{}: {l:?}",
                page.title
            );
            assert!(!l.target.is_empty() && !l.target.contains('#') && !l.target.contains('_'));
            // The wikitext of the link holds the label the text shows.
            let (s, e) = w.source.to_source(l.start, l.end);
            let source = &page.text[s..e];
            links += 1;
            if source == label || source.replacen("]]", "", 1) == label {
                exact += 1;
            } else if std::env::var("SHOW").is_ok() {
                eprintln!("{label:?} <- {source:?}");
            }
            let open = page.text[..s]
                .rfind("[[")
                .unwrap_or_else(|| panic!("{}: {l:?} not in a link", page.title));
            assert!(open < s, "{}: {l:?}", page.title);
        }
    }
    eprintln!("gold links: {links}, {exact} whose wikitext is the label itself");
    assert!(links > 10_000, "{links}");
    assert!(exact * 100 >= links * 95, "{exact} of {links}");
}

#[test]
fn the_pipeline_runs_on_every_page() {
    let options = annals_time::TagOptions::default();
    let (mut sentences, mut timexes, mut mentions, mut events) = (0, 0, 0, 0);
    for page in articles() {
        let w = read(page);
        let s = annals_text::segment(&w.doc);
        let t = annals_time::tag_document(&w.doc, &s, &options);
        let m = annals_entities::tag_document(&w.doc, &s, &t);
        let e = annals_events::tag_document(&w.doc, &s, &t, &m);
        sentences += s.len();
        timexes += t.len();
        mentions += m.len();
        events += e.len();
    }
    eprintln!(
        "pipeline: {sentences} sentences, {timexes} timexes, {mentions} mentions, {events} events"
    );
    assert!(timexes > 1000 && events > 100);
}

#[test]
fn throughput() {
    let pages: Vec<&Page> = articles().collect();
    let bytes: usize = pages.iter().map(|p| p.text.len()).sum();
    let start = std::time::Instant::now();
    for page in &pages {
        read(page);
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "read_wikitext: {:.1} MB in {secs:.3} s = {:.1} MB/s",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs
    );
}

#[test]
#[ignore = "prints a page for reading: SHOW_PAGE=title"]
fn show_page() {
    let title = std::env::var("SHOW_PAGE").unwrap_or_else(|_| "Algeria".into());
    let page = ALL
        .iter()
        .find(|p| p.title == title)
        .expect("page in the fragment");
    let w = read(page);
    eprintln!("{}\n---\n{:#?}", w.doc.text, w.infobox);
}

#[test]
#[ignore = "counts leftover markup over every article, for reading"]
fn leftover_markup_everywhere() {
    for page in articles() {
        let w = read(page);
        for marker in [
            "{{", "}}", "[[", "]]", "<ref", "'''", "''", "|-", "{|", "&amp;", "<!--",
        ] {
            let n = w.doc.text.matches(marker).count();
            if n > 0 {
                let k = w.doc.text.find(marker).unwrap_or(0);
                let from = w.doc.text.floor_char_boundary(k.saturating_sub(50));
                let to = w
                    .doc
                    .text
                    .ceil_char_boundary((k + 50).min(w.doc.text.len()));
                eprintln!(
                    "{}: {n} × {marker} e.g. {:?}",
                    page.title,
                    &w.doc.text[from..to]
                );
            }
        }
    }
}
