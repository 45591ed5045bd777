//! Hand-written cases, hard ones included, and properties.

use super::*;
use annals_core::BlockKind;

fn read(src: &str) -> Wiki {
    read_wikitext("t", None, src).unwrap()
}

fn text(src: &str) -> String {
    read(src).doc.text
}

fn blocks(w: &Wiki) -> Vec<(BlockKind, &str)> {
    w.doc
        .blocks
        .iter()
        .map(|b| (b.kind, w.doc.block_text(b)))
        .collect()
}

/// Every invariant a reader's output must keep.
fn check(src: &str) -> Wiki {
    let w = read(src);
    let t = &w.doc.text;
    let ok = |s: usize, e: usize| {
        s <= e && e <= t.len() && t.is_char_boundary(s) && t.is_char_boundary(e)
    };
    for b in &w.doc.blocks {
        assert!(ok(b.span.start, b.span.end), "block {b:?} in {src:?}");
        assert!(b.section < w.doc.sections.len());
    }
    for s in &w.doc.sections {
        assert!(ok(s.span.start, s.span.end), "section {s:?} in {src:?}");
    }
    for l in &w.links {
        assert!(
            ok(l.start, l.end) && l.start < l.end,
            "link {l:?} in {src:?}"
        );
    }
    let anchors = w.source.anchors();
    for pair in anchors.windows(2) {
        assert!(
            pair[0].text < pair[1].text,
            "text order {pair:?} in {src:?}"
        );
        assert!(
            pair[0].source <= pair[1].source,
            "source order {pair:?} in {src:?}"
        );
    }
    for (k, a) in anchors.iter().enumerate() {
        let next = anchors.get(k + 1).map_or(t.len(), |n| n.text);
        assert!(ok(a.text, next));
        assert!(a.source + a.source_len <= src.len());
        if a.copied {
            assert_eq!(next - a.text, a.source_len);
            assert_eq!(
                &t[a.text..next],
                &src[a.source..a.source + a.source_len],
                "copied run in {src:?}"
            );
        }
    }
    let (s, e) = w.source.to_source(0, t.len());
    assert!(s <= e && e <= src.len());
    w
}

#[test]
fn paragraphs_headings_lists() {
    let w = check("Lead '''bold''' and ''it''.\nSame para.\n\n== History ==\nText.\n=== Early ===\n* one\n# two\n: three\n;term\n");
    assert_eq!(
        blocks(&w),
        vec![
            (BlockKind::Paragraph, "Lead bold and it.\nSame para."),
            (BlockKind::Heading, "History"),
            (BlockKind::Paragraph, "Text."),
            (BlockKind::Heading, "Early"),
            (BlockKind::ListItem, "one"),
            (BlockKind::ListItem, "two"),
            (BlockKind::ListItem, "three"),
            (BlockKind::ListItem, "term"),
        ]
    );
    assert_eq!(w.doc.sections.len(), 3);
    assert_eq!(w.doc.sections[2].parent, Some(1));
    assert_eq!(w.doc.sections[2].level, 3);
    assert_eq!(w.doc.blocks[3].section, 2);
}

#[test]
fn title_opens_the_document() {
    let w = read_wikitext("t", Some("Rome"), "Rome is a city.").unwrap();
    assert_eq!(
        blocks(&w),
        vec![
            (BlockKind::Title, "Rome"),
            (BlockKind::Paragraph, "Rome is a city.")
        ]
    );
    assert_eq!(w.doc.title, Some(annals_core::Span::new(0, 4)));
    assert_eq!(w.doc.sections[0].heading, w.doc.title);
}

#[test]
fn quotes() {
    assert_eq!(
        text("a ''b'' '''c''' '''''d''''' e's ''''f''''"),
        "a b c d e's 'f'"
    );
}

#[test]
fn links_and_trails() {
    let w =
        check("[[Roman_Empire|the empire]], [[Rome]]s, [[rome#History]] and [[:Category:X|cat]].");
    assert_eq!(w.doc.text, "the empire, Romes, rome#History and cat.");
    let got: Vec<(&str, &str)> = w
        .links
        .iter()
        .map(|l| (&w.doc.text[l.start..l.end], l.target.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("the empire", "Roman Empire"),
            ("Romes", "Rome"),
            ("rome#History", "Rome"),
            ("cat", "Category:X")
        ]
    );
}

#[test]
fn files_categories_interlanguage_dropped() {
    let src = "A [[File:x.jpg|thumb|A [[caption]] here]] b [[Image:y.png]] c [[Category:Z]][[de:Rom]] [[zh-min-nan:Lo]] d [[wikt:word|word]]";
    let w = check(src);
    assert_eq!(w.doc.text, "A  b  c   d word");
    assert!(w.links.is_empty());
}

#[test]
fn external_links_and_urls() {
    assert_eq!(
        text("See [http://x.org/a?b=c the site] and http://bare.org/x here [http://nolabel.org]."),
        "See the site and  here ."
    );
    assert_eq!(text("[http://unclosed x"), "[ x");
    assert_eq!(text("[not a link]"), "[not a link]");
}

#[test]
fn templates() {
    assert_eq!(text("{{lang|fr|la France}} {{nihongo|Tokyo|東京|Tōkyō}} {{convert|5|km|mi}} {{nowrap|a b}} {{small|c}}"), "la France Tokyo 5 km a b c");
    assert_eq!(text("{{convert|5|to|10|km}}"), "5 to 10 km");
    assert_eq!(
        text("x{{citation needed|date=May 2010}}{{sfn|A|2000|p=3}}y"),
        "xy"
    );
    assert_eq!(text("{{circa|1500}}"), "c. 1500");
    assert_eq!(text("{{lang-fr|Paris}}"), "Paris");
}

#[test]
fn date_templates() {
    assert_eq!(text("On {{start date|1941|4|13}}."), "On 13 April 1941.");
    assert_eq!(text("{{birth date|df=yes|1920|1|2}}"), "2 January 1920");
    assert_eq!(
        text("{{death date and age|1993|2|24|1921|3|1}}"),
        "24 February 1993"
    );
    assert_eq!(
        text("{{start date|1941|4}} {{end date|1945}} {{start date|1941-04-13}}"),
        "April 1941 1945 13 April 1941"
    );
    assert_eq!(text("{{start date|x}}"), "");
}

#[test]
fn infobox() {
    let w = check("{{Infobox country\n| name = [[France|French]] Republic\n| capital = Paris<ref>x</ref>\n| founded = {{start date|1792|9|22}}\n| empty =\n| 1 }}\n'''France''' is a country.");
    assert_eq!(
        w.infobox,
        vec![
            ("name".to_string(), "French Republic".to_string()),
            ("capital".to_string(), "Paris".to_string()),
            ("founded".to_string(), "22 September 1792".to_string())
        ]
    );
    assert_eq!(w.doc.text, "France is a country.");
}

#[test]
fn tags_comments_entities_magic() {
    assert_eq!(
        text("a<ref name=\"x\">{{cite|b}}</ref> c<ref name=y/> d<!-- e\nf --> g"),
        "a c d g"
    );
    assert_eq!(
        text("<nowiki>[[x]] ''y''</nowiki> <b>z</b>a<br/>b <math>x^{{2}}</math>"),
        "[[x]] ''y'' za b "
    );
    assert_eq!(
        text("A&amp;B&nbsp;C&ndash;D &#65;&#x42; &bogus; &"),
        "A&B C–D AB &bogus; &"
    );
    assert_eq!(text("__NOTOC__Text __TOC__"), "Text ");
    assert_eq!(text("<gallery>\nFile:a.jpg|b\n</gallery>Text"), "Text");
}

#[test]
fn tables() {
    let w = check("Before.\n{| class=\"wikitable\"\n|+ Caption\n! Year !! Event\n|-\n| 1066 || [[Battle of Hastings|Hastings]]\n|-\n| style=\"x\" | 1215 || Magna Carta\n|}\nAfter.");
    assert_eq!(
        blocks(&w),
        vec![
            (BlockKind::Paragraph, "Before."),
            (BlockKind::Paragraph, "Caption"),
            (BlockKind::Paragraph, "Year"),
            (BlockKind::Paragraph, "Event"),
            (BlockKind::Paragraph, "1066"),
            (BlockKind::Paragraph, "Hastings"),
            (BlockKind::Paragraph, "1215"),
            (BlockKind::Paragraph, "Magna Carta"),
            (BlockKind::Paragraph, "After."),
        ]
    );
    assert_eq!(w.links[0].target, "Battle of Hastings");
}

#[test]
fn redirects() {
    let w = read_wikitext(
        "r",
        Some("USA"),
        "#redirect: [[United_States#History]] {{R from abbreviation}}",
    )
    .unwrap();
    assert_eq!(w.redirect.as_deref(), Some("United States"));
    assert_eq!(w.doc.text, "USA");
    assert_eq!(read("#REDIRECT").redirect, None);
}

#[test]
fn source_map_points_back() {
    let src = "x ''[[Rome|the city]]'' &amp; {{start date|1941|4|13}} y";
    let w = check(src);
    assert_eq!(w.doc.text, "x the city & 13 April 1941 y");
    let find = |needle: &str| {
        let s = w.doc.text.find(needle).unwrap();
        w.source.to_source(s, s + needle.len())
    };
    let (s, e) = find("the city");
    assert_eq!(&src[s..e], "the city");
    let (s, e) = find("&");
    assert_eq!(&src[s..e], "&amp;");
    let (s, e) = find("13 April 1941");
    assert_eq!(&src[s..e], "{{start date|1941|4|13}}");
}

#[test]
fn nested_and_malformed() {
    check("[[a|{{nowrap|[[b]]}}]]");
    assert_eq!(text("[[a|{{nowrap|[[b|c]]}}]]"), "c");
    assert_eq!(text("{{nowrap|[[b|c]] d}}"), "c d");
    assert_eq!(text("x {{{{a}}}} y"), "x } y");
    assert_eq!(text("x {{{1|default}}} y"), "x  y");
    assert_eq!(text("a {{ b [[ c"), "a  b  c");
    assert_eq!(text("a }} b ]] c"), "a  b  c");
    assert_eq!(text("a <!-- unclosed"), "a ");
    assert_eq!(text("a <ref>unclosed"), "a unclosed");
    assert_eq!(text("a <nowiki>unclosed"), "a unclosed");
    assert_eq!(text("[[a|{{b}}]]"), "");
    assert_eq!(text("{{a|[[b}}]]"), "a|b");
    assert_eq!(text("[[a\nb]]"), "a\nb");
    check("{{a|<!-- }} -->}}b");
    check("<ref>{{x</ref>}}");
    check("== {{a}} ==\n== ==\n=\n==");
    check("{|\n|a||b|c\n!x!!y\n|}\n|}\n{|");
    check("''''''''''''");
    check("&#xD800; &#0; &#99999999999;");
}

#[test]
fn deep_nesting_is_bounded() {
    let deep = "{{nowrap|".repeat(5000) + "x" + &"}}".repeat(5000);
    check(&deep);
    let links = "[[a|".repeat(5000) + "x" + &"]]".repeat(5000);
    check(&links);
    check(&"{{{{".repeat(10_000));
}

#[test]
fn megabyte_runs_are_linear() {
    let start = std::time::Instant::now();
    for piece in [
        "{{",
        "[[",
        "}}",
        "]]",
        "{{a|",
        "[[a|",
        "<ref>",
        "<!--",
        "[http://a ",
        "<b ",
        "'''",
        "&amp",
        "{|\n|",
        "<nowiki>",
        "{{[[",
        "[[{{",
    ] {
        let s = piece.repeat((1 << 20) / piece.len());
        check(&s);
    }
    // Not an assertion on speed; a quadratic reader would take minutes here.
    eprintln!("MB runs: {:?}", start.elapsed());
}

#[test]
fn errors_name_the_page_and_place() {
    let e = read_wikitext("Rome", None, "ab\ncd\0").unwrap_err();
    assert_eq!(
        e.to_string(),
        "Rome: NUL byte at byte 5, line 2; expected wikitext"
    );
}

mod properties {
    use super::check;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "{{",
        "}}",
        "{{{",
        "}}}",
        "[[",
        "]]",
        "[",
        "]",
        "|",
        "||",
        "=",
        "==",
        "\n",
        "\n\n",
        "'''",
        "''",
        "<ref>",
        "</ref>",
        "<ref name=a/>",
        "<!--",
        "-->",
        "<nowiki>",
        "</nowiki>",
        "<br>",
        "&amp;",
        "&#",
        ";",
        "http://x",
        "[http://y z",
        "{|",
        "|}",
        "|-",
        "!",
        "!!",
        "*",
        "#",
        ":",
        "{{start date|1941|4|13}}",
        "{{lang|fr|é}}",
        "[[File:",
        "Category:",
        "{{Infobox x|a=",
        "é",
        "日本",
        " ",
        "text",
        "__TOC__",
        "<math>",
        "</math>",
        "#REDIRECT [[",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn spans_on_boundaries_and_map_monotone(parts in proptest::collection::vec(0..PIECES.len(), 0..40)) {
            let src: String = parts.iter().map(|&k| PIECES[k]).collect();
            check(&src);
        }

        #[test]
        fn arbitrary_text(src in "\\PC{0,200}") {
            check(&src);
        }
    }
}
