//! The terminal renderer of a [`Diff`]: the two articles in two columns, aligned pairs side
//! by side under a header with their similarity, unaligned paragraphs alone in their column.
//!
//! With colour, shared spans are highlighted and boilerplate and footer paragraphs dimmed; without
//! colour (`--color never`, `NO_COLOR`, or output that is not a terminal), shared spans are
//! written between `[[` and `]]` so the view survives a pipe. Widths are display columns
//! (`unicode-width`), so wide scripts keep the columns straight. Nothing here decides whether to
//! colour: the caller says so.
//!
//! Aligned passages (reused wording with edits) are listed before the columns, each as one text
//! with its edits marked as `wdiff` marks them: `[-words of A-]{+words of B+}` (red and green
//! with colour).

use anstyle::{AnsiColor, Color, Style};
use reprint_core::model::{FindingKind, KindSet};
use reprint_core::{Diff, DiffArticle, Elsewhere, PairDiff, Piece, Row, ShownPassage, pieces};
use std::io::{self, Write};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How the terminal view is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TermOptions {
    /// Total width in columns (at least 40 is used).
    pub width: usize,
    /// Whether to write ANSI colours; otherwise shared spans are bracketed with `[[ ]]`.
    pub color: bool,
}

impl Default for TermOptions {
    fn default() -> Self {
        TermOptions {
            width: 120,
            color: false,
        }
    }
}

/// Opening marker of a shared span without colour.
pub(crate) const MARK_OPEN: &str = "[[";
/// Closing marker of a shared span without colour.
pub(crate) const MARK_CLOSE: &str = "]]";
const SEPARATOR: &str = " │ ";

/// The text styles of the view.
#[derive(Clone, Copy, Debug)]
struct Styles {
    mark: Style,
    furniture: Style,
    plain: Style,
    label: Style,
    kind: Style,
    header: Style,
    deleted: Style,
    inserted: Style,
}

impl Styles {
    fn new(color: bool) -> Styles {
        if !color {
            let s = Style::new();
            return Styles {
                mark: s,
                furniture: s,
                plain: s,
                label: s,
                kind: s,
                header: s,
                deleted: s,
                inserted: s,
            };
        }
        let fg = |c: AnsiColor| Style::new().fg_color(Some(Color::Ansi(c)));
        Styles {
            mark: Style::new()
                .bg_color(Some(Color::Ansi(AnsiColor::Yellow)))
                .fg_color(Some(Color::Ansi(AnsiColor::Black))),
            furniture: Style::new().dimmed(),
            plain: Style::new(),
            label: fg(AnsiColor::Cyan),
            kind: fg(AnsiColor::Magenta).bold(),
            header: Style::new().bold(),
            deleted: fg(AnsiColor::Red).strikethrough(),
            inserted: fg(AnsiColor::Green).underline(),
        }
    }
}

/// A run of text in one style.
type Span = (String, Style);
/// A line of a column.
type Line = Vec<Span>;

fn width_of(line: &Line) -> usize {
    line.iter().map(|(t, _)| t.width()).sum()
}

/// A word of a paragraph: its parts (a word may be partly shared) and the style of the space
/// before it.
struct Word {
    parts: Vec<Span>,
    space: Option<Style>,
}

/// Breaks styled text into words; runs of whitespace become one space.
fn words_of(runs: &[(String, Style)]) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut cur: Option<Word> = None;
    let mut space: Option<Style> = None;
    for (text, style) in runs {
        let mut rest = text.as_str();
        while !rest.is_empty() {
            let ws = rest.starts_with(char::is_whitespace);
            let end = rest
                .find(|c: char| c.is_whitespace() != ws)
                .unwrap_or(rest.len());
            let (seg, tail) = rest.split_at(end);
            rest = tail;
            if ws {
                if let Some(w) = cur.take() {
                    words.push(w);
                }
                space = Some(*style);
            } else {
                match &mut cur {
                    Some(w) => w.parts.push((seg.to_string(), *style)),
                    None => {
                        cur = Some(Word {
                            parts: vec![(seg.to_string(), *style)],
                            space: if words.is_empty() { None } else { space },
                        });
                    }
                }
                space = None;
            }
        }
    }
    words.extend(cur);
    words
}

/// Splits a part into pieces of at most `width` columns.
fn hard_split(text: &str, width: usize) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut w = 0;
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > width && w > 0 {
            out.push(String::new());
            w = 0;
        }
        if let Some(last) = out.last_mut() {
            last.push(c);
        }
        w += cw;
    }
    out
}

/// Fills lines of at most `width` columns with the words, greedily.
fn wrap(runs: &[(String, Style)], width: usize) -> Vec<Line> {
    let width = width.max(1);
    let mut lines: Vec<Line> = Vec::new();
    let mut line: Line = Vec::new();
    for word in words_of(runs) {
        let ww: usize = word.parts.iter().map(|(t, _)| t.width()).sum();
        let lw = width_of(&line);
        if !line.is_empty() && lw + 1 + ww <= width {
            line.push((" ".into(), word.space.unwrap_or(Style::new())));
            line.extend(word.parts);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if ww <= width {
            line = word.parts;
            continue;
        }
        // A word wider than the column (a URL): cut it.
        for (text, style) in word.parts {
            for piece in hard_split(&text, width) {
                if width_of(&line) + piece.width() > width {
                    lines.push(std::mem::take(&mut line));
                }
                line.push((piece, style));
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn kind_labels(k: KindSet) -> String {
    k.iter().map(|k| k.name()).collect::<Vec<_>>().join(", ")
}

fn is_furniture(k: KindSet) -> bool {
    k.contains(FindingKind::Boilerplate) || k.contains(FindingKind::AggregatorFooter)
}

/// The styled runs of a paragraph's text, shared spans marked.
fn para_runs(
    art: &DiffArticle,
    p: u32,
    marks: &[reprint_core::model::ByteSpan],
    st: &Styles,
    color: bool,
) -> Vec<(String, Style)> {
    let Some(&span) = art.paras.get(p as usize) else {
        return Vec::new();
    };
    let base = if art.kinds.get(p as usize).is_some_and(|&k| is_furniture(k)) {
        st.furniture
    } else {
        st.plain
    };
    pieces(&art.text, span, &art.marks_in(p, marks))
        .into_iter()
        .map(|(t, marked)| match (marked, color) {
            (true, true) => (t.to_string(), st.mark),
            (true, false) => (format!("{MARK_OPEN}{t}{MARK_CLOSE}"), base),
            (false, _) => (t.to_string(), base),
        })
        .collect()
}

/// The label line of a paragraph: `¶3 boilerplate · also matches B ¶5 (0.91)`.
fn para_label(
    side: char,
    art: &DiffArticle,
    p: u32,
    elsewhere: Option<Elsewhere>,
    st: &Styles,
) -> Vec<(String, Style)> {
    let mut out = vec![(format!("{side} ¶{p}"), st.label)];
    let k = art.kinds.get(p as usize).copied().unwrap_or_default();
    if !k.is_empty() {
        out.push((" ".into(), st.plain));
        out.push((format!("[{}]", kind_labels(k)), st.kind));
    }
    if let Some(e) = elsewhere {
        let other = if side == 'A' { 'B' } else { 'A' };
        out.push((
            format!(
                " · matches {other} ¶{} ({:.2}) out of order",
                e.other, e.similarity
            ),
            st.label,
        ));
    }
    out
}

/// One column's lines for a run of unaligned paragraphs.
fn gap_column(
    side: char,
    art: &DiffArticle,
    paras: std::ops::Range<u32>,
    elsewhere: &[Option<Elsewhere>],
    width: usize,
    st: &Styles,
    color: bool,
) -> Vec<Line> {
    let mut lines = Vec::new();
    for p in paras {
        if !lines.is_empty() {
            lines.push(Vec::new());
        }
        let e = elsewhere.get(p as usize).copied().flatten();
        lines.extend(wrap(&para_label(side, art, p, e, st), width));
        lines.extend(wrap(&para_runs(art, p, &[], st, color), width));
    }
    lines
}

fn write_line(out: &mut dyn Write, line: &Line, color: bool) -> io::Result<()> {
    let mut i = 0;
    while i < line.len() {
        let style = line[i].1;
        let end = i + line[i..].iter().take_while(|(_, s)| *s == style).count();
        let on = color && style != Style::new();
        if on {
            write!(out, "{}", style.render())?;
        }
        for (t, _) in &line[i..end] {
            out.write_all(t.as_bytes())?;
        }
        if on {
            write!(out, "{}", style.render_reset())?;
        }
        i = end;
    }
    Ok(())
}

fn write_columns(
    out: &mut dyn Write,
    left: &[Line],
    right: &[Line],
    col: usize,
    color: bool,
) -> io::Result<()> {
    for i in 0..left.len().max(right.len()) {
        let empty = Vec::new();
        let l = left.get(i).unwrap_or(&empty);
        write_line(out, l, color)?;
        let pad = col.saturating_sub(width_of(l));
        write!(out, "{:pad$}{SEPARATOR}", "")?;
        if let Some(r) = right.get(i) {
            write_line(out, r, color)?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn describe(side: char, a: &DiffArticle) -> String {
    let title = a.meta.title.as_deref().unwrap_or("(no title)");
    format!(
        "{side}  {}  \"{}\"  {}, {}  {}",
        a.meta.id,
        title,
        a.outlet.as_deref().unwrap_or("unknown outlet"),
        a.meta.date.as_deref().unwrap_or("undated"),
        a.place
    )
}

fn percent(part: u32, whole: u32) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// What an aligned pair shares: A's shared spans, each on one line; empty when no run is
/// marked.
pub(crate) fn shared_texts(d: &Diff, p: &PairDiff) -> Vec<String> {
    p.marks_a
        .iter()
        .filter_map(|m| m.slice(&d.a.text))
        .map(one_line)
        .collect()
}

/// The start of A's paragraph of a pair, on one line.
pub(crate) fn pair_start(d: &Diff, p: &PairDiff) -> String {
    d.a.paras
        .get(p.a as usize)
        .and_then(|s| s.slice(&d.a.text))
        .map(one_line)
        .unwrap_or_default()
}

fn one_line(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` cut to at most `width` columns, with an ellipsis when cut.
fn clip(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

fn pair_header(p: &PairDiff, st: &Styles) -> Line {
    vec![(
        format!(
            "A ¶{} ↔ B ¶{} · similarity {:.2} · {} shared words",
            p.a, p.b, p.similarity, p.shared_words
        ),
        st.header,
    )]
}

/// Opening and closing marks of words of A left out of an aligned passage, without colour.
pub(crate) const DELETED: (&str, &str) = ("[-", "-]");
/// Opening and closing marks of words of B put into an aligned passage, without colour.
pub(crate) const INSERTED: (&str, &str) = ("{+", "+}");

/// An aligned passage's pieces as styled runs: the same words plain, A's words that were
/// replaced or dropped and B's that replace or add to them marked.
fn passage_runs(d: &Diff, sp: &ShownPassage, st: &Styles, color: bool) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for (i, piece) in sp.pieces.iter().enumerate() {
        let (text, style, marks) = match *piece {
            Piece::Same(s) => (s.slice(&d.a.text), st.plain, ("", "")),
            Piece::Deleted(s) => (s.slice(&d.a.text), st.deleted, DELETED),
            Piece::Inserted(s) => (s.slice(&d.b.text), st.inserted, INSERTED),
        };
        let Some(text) = text else { continue };
        if i > 0 {
            out.push((" ".to_string(), st.plain));
        }
        let (open, close) = if color { ("", "") } else { marks };
        out.push((format!("{open}{}{close}", one_line(text)), style));
    }
    out
}

/// One line describing an aligned passage: where, how similar, which edits.
pub(crate) fn passage_head(sp: &ShownPassage) -> String {
    let p = &sp.passage;
    format!(
        "A ¶{} ↔ B ¶{} · similarity {:.2} · {} words matched, {} substituted, {} inserted, {} deleted",
        sp.a,
        sp.b,
        p.similarity(),
        p.matched,
        p.substituted,
        p.inserted,
        p.deleted
    )
}

/// Writes the side-by-side view.
// Stays long: the header, then the rows, all on the column layout computed at the top.
pub fn write_diff_text(out: &mut dyn Write, d: &Diff, opts: &TermOptions) -> io::Result<()> {
    let st = Styles::new(opts.color);
    let width = opts.width.max(40);
    let col = (width - SEPARATOR.width()) / 2;
    let al = &d.alignment;
    let head = |t: String| vec![(t, st.header)];
    write_line(
        out,
        &head(format!("reprint diff: {} ↔ {}", d.a.meta.id, d.b.meta.id)),
        opts.color,
    )?;
    writeln!(out)?;
    writeln!(out, "{}", describe('A', &d.a))?;
    writeln!(out, "{}", describe('B', &d.b))?;
    let pairs = al.pairs().count();
    writeln!(
        out,
        "similarity {:.2}: {pairs} aligned paragraph pair{}, {} shared words ({:.1}% of A's {}, {:.1}% of B's {})",
        al.similarity(),
        if pairs == 1 { "" } else { "s" },
        al.shared_words,
        percent(al.shared_words, al.words_a),
        al.words_a,
        percent(al.shared_words, al.words_b),
        al.words_b,
    )?;
    if opts.color {
        write!(out, "shared words are ")?;
        write_line(out, &vec![("highlighted".into(), st.mark)], true)?;
        writeln!(out, "; boilerplate and footer paragraphs are dimmed")?;
    } else {
        writeln!(
            out,
            "shared words are between {MARK_OPEN} and {MARK_CLOSE}; paragraph kinds are in [brackets]"
        )?;
    }
    if pairs > 0 {
        writeln!(out, "\naligned pairs:")?;
        for p in al.pairs() {
            let head = format!("  A ¶{} ↔ B ¶{}  {:.2}  ", p.a, p.b, p.similarity);
            let room = width.saturating_sub(head.width()).max(10);
            let shared = shared_texts(d, p);
            let excerpt = if shared.is_empty() {
                pair_start(d, p)
            } else {
                shared.join(" … ")
            };
            writeln!(out, "{head}{}", clip(&excerpt, room))?;
        }
    }
    if !d.passages.is_empty() {
        writeln!(
            out,
            "\naligned passages (reused wording with edits; {}A's words{} replaced or dropped, {}B's words{} put in):",
            if opts.color { "" } else { DELETED.0 },
            if opts.color { "" } else { DELETED.1 },
            if opts.color { "" } else { INSERTED.0 },
            if opts.color { "" } else { INSERTED.1 },
        )?;
        for sp in &d.passages {
            write_line(
                out,
                &vec![(format!("  {}", passage_head(sp)), st.header)],
                opts.color,
            )?;
            writeln!(out)?;
            for line in wrap(
                &passage_runs(d, sp, &st, opts.color),
                width.saturating_sub(4),
            ) {
                write!(out, "    ")?;
                write_line(out, &line, opts.color)?;
                writeln!(out)?;
            }
        }
    }
    let rule = "─".repeat(width);
    for row in &al.rows {
        writeln!(out)?;
        match row {
            Row::Pair(p) => {
                write_line(out, &pair_header(p, &st), opts.color)?;
                writeln!(out)?;
                let mut left = wrap(&para_label('A', &d.a, p.a, None, &st), col);
                left.extend(wrap(
                    &para_runs(&d.a, p.a, &p.marks_a, &st, opts.color),
                    col,
                ));
                let mut right = wrap(&para_label('B', &d.b, p.b, None, &st), col);
                right.extend(wrap(
                    &para_runs(&d.b, p.b, &p.marks_b, &st, opts.color),
                    col,
                ));
                write_columns(out, &left, &right, col, opts.color)?;
            }
            Row::Gap { a, b } => {
                writeln!(out, "{}", &rule)?;
                let left = gap_column('A', &d.a, a.clone(), &al.elsewhere_a, col, &st, opts.color);
                let right = gap_column('B', &d.b, b.clone(), &al.elsewhere_b, col, &st, opts.color);
                write_columns(out, &left, &right, col, opts.color)?;
                writeln!(out, "{}", &rule)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use reprint_core::model::ArticleMeta;
    use reprint_core::{DiffArticle, DiffConfig};

    fn article(id: &str, text: &str) -> DiffArticle {
        let paras = reprint_core::segment(text, 0);
        DiffArticle {
            meta: ArticleMeta {
                id: id.into(),
                ..ArticleMeta::default()
            },
            outlet: None,
            place: format!("{id}.txt"),
            text: text.into(),
            kinds: vec![KindSet::default(); paras.len()],
            paras,
            declared: Vec::new(),
            found: Vec::new(),
        }
    }

    fn render(d: &Diff, color: bool, width: usize) -> String {
        let mut out = Vec::new();
        write_diff_text(&mut out, d, &TermOptions { width, color }).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn without_colour_shared_spans_are_bracketed() {
        let d = Diff::new(
            article("a", "Title A\n\nKenzaburo Fukuhara-Pool/Getty Images\n"),
            article("b", "Title B\n\nKenzaburo Fukuhara/Pool/Getty Images\n"),
            &DiffConfig::default(),
        );
        let s = render(&d, false, 100);
        assert!(
            s.contains("[[Kenzaburo Fukuhara-Pool/Getty Images]]"),
            "{s}"
        );
        assert!(
            s.contains("[[Kenzaburo Fukuhara/Pool/Getty Images]]"),
            "{s}"
        );
        assert!(s.contains("A ¶1 ↔ B ¶1 · similarity 1.00"), "{s}");
        assert!(!s.contains('\x1b'));
    }

    #[test]
    fn with_colour_shared_spans_are_highlighted() {
        let d = Diff::new(
            article("a", "Kenzaburo Fukuhara-Pool/Getty Images\n"),
            article("b", "Kenzaburo Fukuhara/Pool/Getty Images\n"),
            &DiffConfig::default(),
        );
        let s = render(&d, true, 100);
        let mark = Styles::new(true).mark.render().to_string();
        assert!(
            s.contains(&format!("{mark}Kenzaburo Fukuhara-Pool/Getty Images")),
            "{s:?}"
        );
        assert!(!s.contains(MARK_OPEN));
    }

    #[test]
    fn columns_never_pass_the_width() {
        let long = "word ".repeat(80)
            + "https://example.com/a/very/long/path/that/does/not/fit/in/any/column/at/all/even/when/wide";
        let d = Diff::new(
            article("a", &format!("{long}\n\nshort line\n")),
            article(
                "b",
                "日本語の文章がここにあります。とても長い行です。日本語の文章がここにあります。とても長い行です。\n",
            ),
            &DiffConfig::default(),
        );
        for width in [40, 81, 120] {
            let s = render(&d, false, width);
            for line in s.lines().skip(6) {
                assert!(line.width() <= width.max(40), "{width}: {line:?}");
            }
        }
    }

    #[test]
    fn wrapping_keeps_every_word() {
        let runs = vec![
            ("alpha beta ".to_string(), Style::new()),
            ("gamma".to_string(), Style::new().bold()),
            (" delta".to_string(), Style::new()),
        ];
        let lines = wrap(&runs, 11);
        let text: Vec<String> = lines
            .iter()
            .map(|l| l.iter().map(|(t, _)| t.as_str()).collect())
            .collect();
        assert_eq!(text, vec!["alpha beta", "gamma delta"]);
    }
}
