//! TimeML output: the text with inline TIMEX3 tags.

use annals_core::Timex;

fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

/// The document as a TimeML document: its text with each timex wrapped in a
/// `TIMEX3` element (`tid`, `type`, `value`, `mod`, `anchorTimeID`,
/// `beginPoint` for range ends), the whole in a `TimeML` root. Timexes must
/// be in document order and must not overlap (the tagger's output is both).
///
/// ```
/// let text = "Signed in 1925 & kept.";
/// let t = annals_time::tag_text(text, &Default::default());
/// let xml = annals_time::timeml(text, &t);
/// assert!(xml.contains(r#"<TIMEX3 tid="t1" type="DATE" value="1925">1925</TIMEX3> &amp; kept."#));
/// ```
pub fn timeml(text: &str, timexes: &[Timex]) -> String {
    let mut out = String::with_capacity(text.len() + timexes.len() * 60 + 64);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TimeML>\n<TEXT>");
    let mut at = 0;
    for t in timexes {
        let (Some(before), Some(inner)) = (
            text.get(at..t.span.start),
            text.get(t.span.start..t.span.end),
        ) else {
            continue;
        };
        escape(before, &mut out);
        out.push_str(&format!(
            "<TIMEX3 tid=\"{}\" type=\"{}\" value=\"",
            t.id.to_lowercase(),
            t.kind.as_str()
        ));
        escape(&t.value, &mut out);
        out.push('"');
        if let Some(m) = t.modifier {
            out.push_str(&format!(" mod=\"{}\"", m.as_str()));
        }
        if let Some(a) = &t.anchor {
            out.push_str(&format!(" anchorTimeID=\"{}\"", a.to_lowercase()));
        }
        if let Some(r) = &t.range_start {
            out.push_str(&format!(" beginPoint=\"{}\"", r.to_lowercase()));
        }
        out.push('>');
        escape(inner, &mut out);
        out.push_str("</TIMEX3>");
        at = t.span.end;
    }
    escape(text.get(at..).unwrap_or(""), &mut out);
    out.push_str("</TEXT>\n</TimeML>\n");
    out
}
