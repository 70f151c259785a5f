//! The HTML renderers: the corpus report ([`corpus`]) and the diff page ([`diff`]).
//!
//! Pages are self-contained: the style sheet and the small filtering script are inlined, there
//! is no image, font or script from elsewhere, and a Content-Security-Policy forbids the page to
//! load anything at all. Everything readable works without JavaScript; the script only hides
//! articles or rows on request and marks the page `data-js="ok"` once it ran.
//!
//! Scraped text is untrusted. All markup is built with `maud`, which escapes every value it
//! inserts, so article text, ids, titles and outlet names can only ever be text. The only raw
//! strings written are this module's own constants (tags, the style sheet and the script).
//! Links are made only from `http`/`https` URLs. Nothing here reads files.

pub(crate) mod corpus;
pub(crate) mod diff;

use maud::{Markup, PreEscaped, html};
use reprint_core::model::{ByteSpan, FindingKind, KindSet};
use reprint_core::pieces;
use std::io::{self, Write};

/// The style sheet inlined into every page.
pub(crate) const CSS: &str = include_str!("style.css");
/// The filtering script inlined into every page.
pub(crate) const SCRIPT: &str = include_str!("filter.js");
/// The Content-Security-Policy of every page: nothing may be loaded, inline style may apply,
/// and the only script that may run is [`SCRIPT`], named by its SHA-256 hash, so that a script
/// smuggled into a page through corpus text would not run even if escaping failed.
pub(crate) fn csp() -> &'static str {
    static CSP: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    CSP.get_or_init(|| {
        use sha2::Digest;
        let hash = sha2::Sha256::digest(SCRIPT.as_bytes());
        format!(
            "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{}'; img-src data:",
            base64(&hash)
        )
    })
}

/// Standard base64 with padding, as CSP hash sources are written.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The name charts and legends give to original text (paragraphs of no kind).
pub(crate) const ORIGINAL: &str = "original";

/// Writes the start of a page: doctype, head (title, inline style) and the opening `<body>`.
pub(crate) fn page_start(out: &mut dyn Write, title: &str) -> io::Result<()> {
    let head = html! {
        meta charset="utf-8";
        meta name="viewport" content="width=device-width, initial-scale=1";
        meta http-equiv="Content-Security-Policy" content=(csp());
        meta name="generator" content=(concat!("reprint ", env!("CARGO_PKG_VERSION")));
        title { (title) }
        style { (PreEscaped(CSS)) }
    };
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>{}</head>\n<body>\n",
        head.into_string()
    )
}

/// Writes the end of a page: the inline script and the closing tags.
pub(crate) fn page_end(out: &mut dyn Write) -> io::Result<()> {
    write!(out, "\n<script>{SCRIPT}</script>\n</body>\n</html>\n")
}

/// Writes rendered markup.
pub(crate) fn write_markup(out: &mut dyn Write, m: Markup) -> io::Result<()> {
    out.write_all(m.into_string().as_bytes())
}

/// The first kind of a set in report order: the one that colours a paragraph.
pub(crate) fn primary(k: KindSet) -> Option<FindingKind> {
    k.iter().next()
}

/// The CSS class of a paragraph: `para k-<primary kind>`, or `para orig` for original text.
pub(crate) fn para_class(k: KindSet) -> String {
    match primary(k) {
        Some(kind) => format!("para k-{}", kind.name()),
        None => "para orig".to_string(),
    }
}

/// The kinds of a set as a space-separated list of wire names.
pub(crate) fn kind_names(k: KindSet) -> String {
    k.iter().map(|k| k.name()).collect::<Vec<_>>().join(" ")
}

/// A badge per kind.
pub(crate) fn badges(k: KindSet) -> Markup {
    html! {
        @for kind in k.iter() {
            span class={ "badge b-" (kind.name()) } { (kind.name().replace('_', " ")) }
        }
    }
}

/// A paragraph's text with its marked spans in `<mark>`.
pub(crate) fn marked_text(text: &str, span: ByteSpan, marks: &[ByteSpan]) -> Markup {
    html! {
        @for (t, marked) in pieces(text, span, marks) {
            @if marked { mark { (t) } } @else { (t) }
        }
    }
}

/// A paragraph block: number, badges, text with marks, then `extra` (links, notes).
pub(crate) fn para_block(
    id: &str,
    number: u32,
    kinds: KindSet,
    text: Option<&str>,
    span: ByteSpan,
    marks: &[ByteSpan],
    extra: Markup,
) -> Markup {
    let body = match text {
        Some(t) => marked_text(t, span, marks),
        None => html! { span.muted { "(text not available)" } },
    };
    para_block_with(id, number, kinds, body, extra)
}

/// A paragraph block around an already rendered text `body`: number, badges, the text, then
/// `extra`.
pub(crate) fn para_block_with(
    id: &str,
    number: u32,
    kinds: KindSet,
    body: Markup,
    extra: Markup,
) -> Markup {
    html! {
        div class=(para_class(kinds)) id=(id) {
            a.pn href={ "#" (id) } { (number) }
            div {
                (badges(kinds))
                (body)
                (extra)
            }
        }
    }
}

/// `url` when it is an `http`/`https` URL that can be linked; anything else (a `javascript:`
/// URL, a relative path) is shown as text only.
pub(crate) fn safe_href(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    let ok = (lower.starts_with("http://") || lower.starts_with("https://"))
        && !u.chars().any(|c| c.is_whitespace() || c.is_control());
    ok.then_some(u)
}

/// A colour key for the kinds (and, optionally, shared spans).
pub(crate) fn legend(with_marks: bool) -> Markup {
    html! {
        div.legend {
            @for k in FindingKind::ALL {
                span { span class={ "swatch s-" (k.name()) } {} (k.name().replace('_', " ")) }
            }
            span { span class="swatch s-original" {} "original text" }
            @if with_marks { span { span class="swatch s-mark" {} "shared words" } }
        }
    }
}

/// A count with thousands separators, as every report writes it.
pub(crate) use reprint_core::grouped as group;

/// A share as a percentage with one decimal.
pub(crate) fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        "0.0%".into()
    } else {
        format!("{:.1}%", part as f64 * 100.0 / whole as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_as_the_standard_writes_it() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn only_the_pages_own_script_may_run() {
        let csp = csp();
        assert!(!csp.contains("script-src 'unsafe-inline'"), "{csp}");
        // SHA-256 is 32 bytes: 44 base64 characters with one `=`.
        let hash = csp
            .split("script-src 'sha256-")
            .nth(1)
            .and_then(|r| r.split('\'').next())
            .unwrap_or_default();
        assert_eq!(hash.len(), 44, "{csp}");
        assert!(hash.ends_with('='), "{csp}");
    }

    #[test]
    fn only_web_urls_become_links() {
        assert_eq!(
            safe_href("https://a.example/x"),
            Some("https://a.example/x")
        );
        assert_eq!(safe_href(" HTTP://a.example "), Some("HTTP://a.example"));
        assert_eq!(safe_href("javascript:alert(1)"), None);
        assert_eq!(safe_href("https://a.example/x y"), None);
        assert_eq!(safe_href("/etc/passwd"), None);
    }

    #[test]
    fn text_is_escaped_and_marks_are_kept() {
        let t = "<b>bold</b> & \"quoted\" text";
        let m = marked_text(t, ByteSpan::new(0, t.len()), &[ByteSpan::new(14, 22)]);
        assert_eq!(
            m.into_string(),
            "&lt;b&gt;bold&lt;/b&gt; &amp; <mark>&quot;quoted&quot;</mark> text"
        );
    }

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(group(0), "0");
        assert_eq!(group(1234567), "1,234,567");
        assert_eq!(percent(1, 3), "33.3%");
        assert_eq!(percent(1, 0), "0.0%");
    }
}
