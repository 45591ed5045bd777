//! The reader on the English Wikipedia fragments of `shared/data/wiki`.

use annals_dump::{Options, Page, Pages};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/wiki")
        .join(name)
}

const FRAGMENT: &str = "enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2";
const TABLES: &str = "enwiki-table-markup.xml.bz2";

fn all(path: &Path, options: Options) -> Vec<Page> {
    Pages::open_with(path, options)
        .expect("opens")
        .collect::<Result<Vec<_>, _>>()
        .expect("every page reads")
}

fn decompressed(path: &Path) -> String {
    let mut xml = String::new();
    bzip2::read::MultiBzDecoder::new(std::fs::File::open(path).expect("opens"))
        .read_to_string(&mut xml)
        .expect("decompresses");
    xml
}

/// The entities of XML character data, decoded by hand.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find(';').expect("entity ends") + i;
        let entity = &rest[i + 1..end];
        let c = match entity {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            _ if entity.starts_with("#x") => {
                char::from_u32(u32::from_str_radix(&entity[2..], 16).expect("hex")).expect("char")
            }
            _ if entity.starts_with('#') => {
                char::from_u32(entity[1..].parse().expect("decimal")).expect("char")
            }
            _ => panic!("unknown entity {entity}"),
        };
        out.push(c);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// (id, title, text) of every page, by string search over the whole XML.
fn naive(xml: &str) -> Vec<(u64, String, String)> {
    let between = |s: &str, open: &str, close: &str| -> String {
        let a = s.find(open).expect("opening tag");
        let rest = &s[a + open.len()..];
        let rest = &rest[rest.find('>').expect("tag ends") + 1..];
        rest[..rest.find(close).expect("closing tag")].to_string()
    };
    xml.split("<page>")
        .skip(1)
        .map(|page| {
            let id = between(page, "<id", "</id>").parse().expect("id");
            let title = unescape(&between(page, "<title", "</title>"));
            let text =
                if page.contains("<text") && !page.contains("<text xml:space=\"preserve\" />") {
                    unescape(&between(page, "<text", "</text>"))
                } else {
                    String::new()
                };
            (id, title, text)
        })
        .collect()
}

#[test]
fn counts_pages_articles_and_redirects() {
    let path = data(FRAGMENT);
    let pages = all(&path, Options::all());
    assert_eq!(pages.len(), 206);
    let redirects = pages.iter().filter(|p| p.redirect.is_some()).count();
    assert_eq!(redirects, 100);
    let articles = all(&path, Options::default());
    assert_eq!(articles.len(), 106);
    assert!(articles.iter().all(|p| p.ns == 0 && p.redirect.is_none()));
    let tables = all(&data(TABLES), Options::all());
    assert_eq!(tables.len(), 5);
}

#[test]
fn first_pages_have_their_titles_and_ids() {
    let pages = all(&data(FRAGMENT), Options::all());
    let first: Vec<(u64, &str)> = pages
        .iter()
        .take(3)
        .map(|p| (p.id, p.title.as_str()))
        .collect();
    assert_eq!(
        first,
        [
            (10, "AccessibleComputing"),
            (12, "Anarchism"),
            (13, "AfghanistanHistory")
        ]
    );
    assert_eq!(pages[0].redirect.as_deref(), Some("Computer accessibility"));
    assert_eq!(pages[0].timestamp.as_deref(), Some("2014-10-26T04:50:23Z"));
    let mut reader = Pages::open(data(FRAGMENT)).expect("opens");
    assert_eq!(reader.site(), None);
    reader.next().expect("a page").expect("reads");
    assert_eq!(reader.site(), Some("enwiki"));
    let articles = all(&data(FRAGMENT), Options::default());
    assert_eq!(
        (articles[0].id, articles[0].title.as_str()),
        (12, "Anarchism")
    );
    assert!(articles[0]
        .text
        .starts_with("{{Redirect2|Anarchist|Anarchists|"));
}

#[test]
fn texts_equal_a_naive_parse_of_the_whole_file() {
    for name in [FRAGMENT, TABLES] {
        let path = data(name);
        let xml = decompressed(&path);
        let expected = naive(&xml);
        let pages = all(&path, Options::all());
        assert_eq!(pages.len(), expected.len(), "{name}");
        for (page, (id, title, text)) in pages.iter().zip(&expected) {
            assert_eq!((page.id, &page.title), (*id, title), "{name}");
            assert_eq!(&page.text, text, "{name}: {title}");
            let at = usize::try_from(page.source_offset).expect("fits");
            assert!(xml[at..].starts_with("<page>"), "{name}: {title} offset");
        }
    }
}

#[test]
fn a_plain_xml_copy_reads_the_same() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plain = dir.path().join("fragment.xml");
    std::fs::write(&plain, decompressed(&data(FRAGMENT))).expect("writes");
    let from_plain = all(&plain, Options::all());
    let from_bz2 = all(&data(FRAGMENT), Options::all());
    assert_eq!(from_plain, from_bz2);
}

#[test]
fn filters_and_limits() {
    let path = data(FRAGMENT);
    let options = Options {
        title: Some(regex::Regex::new("^A[ln]").expect("regex")),
        ..Options::default()
    };
    let pages = all(&path, options);
    assert!(!pages.is_empty());
    assert!(pages
        .iter()
        .all(|p| p.title.starts_with("Al") || p.title.starts_with("An")));
    assert!(pages.iter().any(|p| p.title == "Algeria"));
    let options = Options {
        limit: Some(5),
        ..Options::default()
    };
    assert_eq!(all(&path, options).len(), 5);
}

#[test]
fn a_truncated_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bytes = std::fs::read(data(FRAGMENT)).expect("reads");
    let cut = dir.path().join("cut.xml.bz2");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).expect("writes");
    let items: Vec<_> = Pages::open(&cut).expect("opens").collect();
    let last = items.last().expect("some item");
    let err = last.as_ref().expect_err("ends in an error");
    assert!(err.fatal);
    assert!(err.to_string().contains("cut.xml.bz2"), "{err}");
    assert!(items.iter().filter(|i| i.is_ok()).count() > 10);
    // The same, decompressed and cut inside a page.
    let xml = decompressed(&data(FRAGMENT));
    let plain = dir.path().join("cut.xml");
    std::fs::write(&plain, &xml.as_bytes()[..xml.len() / 2]).expect("writes");
    let items: Vec<_> = Pages::open(&plain).expect("opens").collect();
    let err = items.last().expect("an item").as_ref().expect_err("error");
    assert!(err.to_string().contains("cut.xml: byte "), "{err}");
    assert!(err.to_string().contains("end of file"), "{err}");
}

#[test]
fn garbage_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let noise: Vec<u8> = (0..100_000)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect();
    for (name, bytes) in [
        ("noise.xml", noise.clone()),
        ("noise.xml.bz2", [b"BZh9".as_slice(), &noise].concat()),
        ("text.xml", b"just some words, no markup at all\n".to_vec()),
        ("html.xml", b"<html><body>hi</body></html>".to_vec()),
        ("empty.xml", Vec::new()),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("writes");
        let items: Vec<_> = Pages::open(&path).expect("opens").collect();
        assert!(!items.is_empty(), "{name}");
        assert!(items.iter().all(|i| i.is_err()), "{name}");
        let err = items[0].as_ref().expect_err("error");
        assert!(err.to_string().contains(name), "{err}");
    }
    let missing = Pages::open(dir.path().join("missing.xml")).expect_err("no such file");
    assert!(missing.to_string().contains("missing.xml"), "{missing}");
}

#[test]
fn a_malformed_page_is_reported_and_the_next_read() {
    let xml = r#"<mediawiki><siteinfo/>
  <page><title>Good one</title><ns>0</ns><id>1</id><revision><text>a &amp; b</text></revision></page>
  <page><title>Bad tag</title><ns>0</ns><id>2</id><revision><text>oops</txet></revision></page>
  <page><title>Bad entity</title><ns>0</ns><id>3</id><revision><text>x &nope; y</text></revision></page>
  <page><ns>0</ns><id>4</id><revision><text>no title</text></revision></page>
  <page><title>Good two</title><ns>0</ns><id>5</id><revision><text>fine</text></revision></page>
</mediawiki>"#;
    let items: Vec<_> = Pages::from_bytes("test.xml", xml.as_bytes().to_vec(), Options::default())
        .expect("opens")
        .collect();
    let shown: Vec<String> = items
        .iter()
        .map(|i| match i {
            Ok(p) => format!("ok {} {}", p.id, p.text),
            Err(e) => format!("err {e}"),
        })
        .collect();
    assert_eq!(shown.len(), 5, "{shown:#?}");
    assert_eq!(shown[0], "ok 1 a & b");
    assert!(shown[1].starts_with("err test.xml: byte ") && shown[1].contains("2 \"Bad tag\""));
    assert!(shown[2].contains("3 \"Bad entity\""), "{}", shown[2]);
    assert!(shown[3].contains("without <title>"), "{}", shown[3]);
    assert_eq!(shown[4], "ok 5 fine");
}

/// The peak resident memory of this process, in kB.
fn peak_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn a_large_export_streams_in_bounded_memory() {
    let xml = decompressed(&data(FRAGMENT));
    let start = xml.find("<page>").expect("a page");
    let end = xml.rfind("</page>").expect("a page") + "</page>".len();
    let (head, body) = (&xml[..start], &xml[start..end]);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("large.xml");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).expect("creates"));
    file.write_all(head.as_bytes()).expect("writes");
    let mut copies = 0u64;
    let mut written = 0;
    while written < 50_000_000 {
        // New page ids: each copy's ids shifted by a million.
        let shifted = body.replace(
            "<page>\n    <title>",
            &format!("<page>\n    <title>{copies} "),
        );
        file.write_all(shifted.as_bytes()).expect("writes");
        written += shifted.len();
        copies += 1;
    }
    file.write_all(b"\n</mediawiki>\n").expect("writes");
    file.flush().expect("flushes");
    drop(file);
    drop(xml);
    let before = peak_kb();
    let mut pages = Pages::open_with(&path, Options::all()).expect("opens");
    let (mut n, mut largest) = (0u64, 0usize);
    for page in pages.by_ref() {
        let page = page.expect("reads");
        largest = largest.max(page.text.len());
        n += 1;
    }
    assert_eq!(n, 206 * copies);
    assert_eq!(
        pages.progress().bytes(),
        std::fs::metadata(&path).expect("size").len()
    );
    // One page at a time: the buffers never hold much more than the largest page.
    assert!(
        pages.max_buffer() <= 4 * largest + (1 << 20),
        "held {} bytes, largest page {largest}",
        pages.max_buffer()
    );
    assert!(
        pages.max_buffer() < 5_000_000,
        "held {}",
        pages.max_buffer()
    );
    if let (Some(before), Some(after)) = (before, peak_kb()) {
        assert!(
            after.saturating_sub(before) < 40_000,
            "peak grew {before} -> {after} kB"
        );
    }
}

#[test]
fn offsets_count_a_byte_order_mark() {
    // Found by the read_dump fuzz target: the XML reader skips a BOM
    // without counting it.
    let xml = "\u{feff}<mediawiki><page><title>T</title><ns>0</ns><id>7</id><revision><text>x</text></revision></page></mediawiki>";
    let pages: Vec<Page> = Pages::from_bytes("bom.xml", xml.as_bytes().to_vec(), Options::all())
        .expect("opens")
        .collect::<Result<_, _>>()
        .expect("reads");
    assert_eq!(pages.len(), 1);
    let at = usize::try_from(pages[0].source_offset).expect("fits");
    assert!(xml[at..].starts_with("<page>"));
}
