//! TimeML: a document's text with its time expressions as inline `TIMEX3`
//! elements.

use super::{DocumentRecord, Error};
use std::path::Path;

/// The document as TimeML: an XML declaration, then `<TimeML><TEXT>` with
/// the text, each time expression wrapped in `<TIMEX3 tid="t1" type="DATE"
/// value="1941-09" [mod="START"]>`. Removing the tags and decoding the
/// entities gives the text back byte for byte (a carriage return is written
/// `&#13;`, which XML would otherwise turn into a line feed). Time
/// expressions that overlap an earlier one or do not fall on characters of
/// the text are left unwrapped. `target` names the output in errors: the
/// text may hold a control character that XML 1.0 cannot carry.
///
/// ```
/// use annals_store::export::{timeml, DocumentRecord, TimexRecord};
/// let text = "Signed in 1925 & kept.".to_string();
/// let doc = DocumentRecord {
///     name: "note.txt".into(), title: None, hash: String::new(), bytes: text.len(),
///     text, sections: vec![], sentences: vec![], mentions: vec![], events: vec![], measures: vec![],
///     timexes: vec![TimexRecord {
///         id: "T1".into(), start: 10, end: 14, text: "1925".into(), kind: "DATE".into(),
///         value: "1925".into(), modifier: None, edtf: None, earliest: None, latest: None,
///     }],
/// };
/// let xml = timeml(&doc, "note.tml".as_ref())?;
/// assert!(xml.ends_with(r#"<TimeML><TEXT>Signed in <TIMEX3 tid="t1" type="DATE" value="1925">1925</TIMEX3> &amp; kept.</TEXT></TimeML>
/// "#));
/// # Ok::<(), annals_store::export::Error>(())
/// ```
pub fn timeml(doc: &DocumentRecord, target: &Path) -> Result<String, Error> {
    let text = &doc.text;
    let mut out = String::with_capacity(text.len() + doc.timexes.len() * 64 + 96);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TimeML><TEXT>");
    let escape = |part: &str, at: usize, out: &mut String| {
        escape_text(part, at, out).map_err(|(offset, code)| Error::Xml {
            path: target.to_path_buf(),
            doc: doc.name.clone(),
            offset,
            code,
        })
    };
    let mut at = 0;
    for t in &doc.timexes {
        let (Some(before), Some(inner)) = (text.get(at..t.start), text.get(t.start..t.end)) else {
            continue;
        };
        escape(before, at, &mut out)?;
        out.push_str("<TIMEX3 tid=\"");
        attribute(&t.id.to_lowercase(), &mut out);
        out.push_str("\" type=\"");
        attribute(&t.kind, &mut out);
        out.push_str("\" value=\"");
        attribute(&t.value, &mut out);
        out.push('"');
        if let Some(m) = &t.modifier {
            out.push_str(" mod=\"");
            attribute(m, &mut out);
            out.push('"');
        }
        out.push('>');
        escape(inner, t.start, &mut out)?;
        out.push_str("</TIMEX3>");
        at = t.end;
    }
    escape(text.get(at..).unwrap_or(""), at, &mut out)?;
    out.push_str("</TEXT></TimeML>\n");
    Ok(out)
}

/// Character data; `Err((byte offset, code point))` for a character XML 1.0
/// does not allow.
fn escape_text(part: &str, base: usize, out: &mut String) -> Result<(), (usize, u32)> {
    for (i, c) in part.char_indices() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if allowed(c) => out.push(c),
            c => return Err((base + i, u32::from(c))),
        }
    }
    Ok(())
}

/// An attribute value (the values are codes: no line breaks to keep).
fn attribute(value: &str, out: &mut String) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            c if allowed(c) && !c.is_control() => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
}

/// XML 1.0's `Char` production, less tab and line breaks.
fn allowed(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}
