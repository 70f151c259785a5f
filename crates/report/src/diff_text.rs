//! The terminal renderer of a [`Diff`]: a header saying which article is the original, then
//! the articles in reading order: each aligned pair of paragraphs as one text with its edits,
//! as `git diff --word-diff` shows them, and the paragraphs with no aligned partner in two
//! columns (A left, B right).
//!
//! An edit is marked as git marks it: `[-words of A-]{+words of B+}`, red and green with colour;
//! shared words are plain, so the few changed words of a copy stand out. Without colour
//! (`--color never`, `NO_COLOR`, or output that is not a terminal) the brackets keep the view
//! readable in a pipe. In unaligned paragraphs, spans the audit found shared with the other
//! article are highlighted, or written between `[[` and `]]`, and boilerplate and footer
//! paragraphs are dimmed. Widths are display columns (`unicode-width`), so wide scripts keep
//! the columns straight. Nothing here decides whether to colour: the caller says so.
//!
//! Aligned passages (reused wording with edits, as the audit finds them) are listed before
//! the paragraphs, marked the same way.

use anstyle::{AnsiColor, Color, Style};
use reprint_core::model::{ByteSpan, FindingKind, KindSet};
use reprint_core::{
    Diff, DiffArticle, Elsewhere, Mark, Original, PairDiff, Piece, Row, ShownPassage, inline,
    pieces,
};
use std::io::{self, Write};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How the terminal view is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TermOptions {
    /// Total width in columns (at least 40 is used).
    pub width: usize,
    /// Whether to write ANSI colours; otherwise edits are bracketed with `[- -]` and `{+ +}`,
    /// and shared spans of unaligned paragraphs with `[[ ]]`.
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

/// The style of a paragraph's plain text: dimmed for boilerplate and footers.
fn base_style(art: &DiffArticle, p: u32, st: &Styles) -> Style {
    if art.kinds.get(p as usize).is_some_and(|&k| is_furniture(k)) {
        st.furniture
    } else {
        st.plain
    }
}

/// The styled runs of an unaligned paragraph's text, the spans the audit found shared with the
/// other article marked.
fn para_runs(art: &DiffArticle, p: u32, st: &Styles, color: bool) -> Vec<(String, Style)> {
    let Some(&span) = art.paras.get(p as usize) else {
        return Vec::new();
    };
    let base = base_style(art, p, st);
    pieces(&art.text, span, &art.found_in(p))
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
        lines.extend(wrap(&para_runs(art, p, st, color), width));
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

/// What an aligned pair shares: A's shared runs, each on one line; empty when it shares no
/// run long enough to show.
pub(crate) fn shared_texts(d: &Diff, p: &PairDiff) -> Vec<String> {
    p.shared_a()
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

/// The header of an aligned pair: `A ¶3 ↔ B ¶3 · similarity 0.97 · 30 shared words, 1
/// removed, 1 added`.
pub(crate) fn pair_head(p: &PairDiff) -> String {
    format!(
        "A ¶{} ↔ B ¶{} · similarity {:.2} · {} shared words, {} removed, {} added",
        p.a, p.b, p.similarity, p.shared_words, p.edits.deleted_words, p.edits.inserted_words
    )
}

/// The kinds of an aligned pair's paragraphs, `A ¶3 [reused_wording] · B ¶3 [boilerplate]`;
/// empty when neither has a kind.
fn pair_kinds(d: &Diff, p: &PairDiff, st: &Styles) -> Line {
    let mut out: Line = Vec::new();
    for (side, art, n) in [('A', &d.a, p.a), ('B', &d.b, p.b)] {
        let k = art.kinds.get(n as usize).copied().unwrap_or_default();
        if k.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push((" · ".into(), st.plain));
        }
        out.push((format!("{side} ¶{n} "), st.label));
        out.push((format!("[{}]", kind_labels(k)), st.kind));
    }
    out
}

/// Marks of words of A that B removes, without colour (as `git diff --word-diff=plain`).
pub(crate) const DELETED: (&str, &str) = ("[-", "-]");
/// Marks of words that B adds, without colour.
pub(crate) const INSERTED: (&str, &str) = ("{+", "+}");

/// `text` between `marks` without colour; as it is with colour (the style marks it).
fn bracketed(text: &str, marks: (&str, &str), color: bool) -> String {
    if color {
        text.to_string()
    } else {
        format!("{}{text}{}", marks.0, marks.1)
    }
}

/// Edit pieces over `span_a` of A and `span_b` of B as one text of styled runs: shared words
/// in `base`, A's removed words and B's added ones marked.
fn edit_runs(
    d: &Diff,
    (span_a, span_b): (ByteSpan, ByteSpan),
    edits: &[Piece],
    base: Style,
    st: &Styles,
    color: bool,
) -> Vec<Span> {
    inline(&d.a.text, &d.b.text, span_a, span_b, edits)
        .into_iter()
        .map(|(mark, t)| match mark {
            Mark::Plain => (t.to_string(), base),
            Mark::Deleted => (bracketed(t, DELETED, color), st.deleted),
            Mark::Inserted => (bracketed(t, INSERTED, color), st.inserted),
        })
        .collect()
}

/// An aligned passage's pieces as styled runs.
fn passage_runs(d: &Diff, sp: &ShownPassage, st: &Styles, color: bool) -> Vec<Span> {
    edit_runs(d, (sp.span_a, sp.span_b), &sp.pieces, st.plain, st, color)
}

/// An aligned pair's lines: its header, its kinds, and its text with the edits marked, shared
/// text as B has it (dimmed when B's paragraph is boilerplate or a footer).
fn pair_lines(d: &Diff, p: &PairDiff, width: usize, st: &Styles, color: bool) -> Vec<Line> {
    let mut lines = wrap(&[(pair_head(p), st.header)], width);
    lines.extend(wrap(&pair_kinds(d, p, st), width));
    let span = |art: &DiffArticle, n: u32| art.paras.get(n as usize).copied().unwrap_or_default();
    let runs = edit_runs(
        d,
        (span(&d.a, p.a), span(&d.b, p.b)),
        &p.edits.pieces,
        base_style(&d.b, p.b, st),
        st,
        color,
    );
    lines.extend(wrap(&runs, width));
    lines
}

/// Which article is the original and why: `original: A (earlier date 2024-01-02)`,
/// `original: unknown (no dates)`.
pub(crate) fn original_line(o: &Original) -> String {
    let who = o
        .which()
        .map_or("unknown".to_string(), |w| w.letter().to_string());
    format!("original: {who} ({})", o.reason())
}

/// The key to the marks, two lines: edits in aligned pairs, then the rest.
fn key_lines(st: &Styles, color: bool) -> [Line; 2] {
    let t = |s: &str| (s.to_string(), st.plain);
    if color {
        return [
            vec![
                t("in aligned pairs, words of A that B removes are "),
                ("red".into(), st.deleted),
                t(" and words B adds "),
                ("green".into(), st.inserted),
                t("; shared words are plain"),
            ],
            vec![
                t("elsewhere, text the audit found shared is "),
                ("highlighted".into(), st.mark),
                t("; boilerplate and footer paragraphs are dimmed"),
            ],
        ];
    }
    let (d, i) = (DELETED, INSERTED);
    [
        vec![t(&format!(
            "in aligned pairs, words of A that B removes are {}bracketed{} and words B adds {}bracketed{}; shared words are plain",
            d.0, d.1, i.0, i.1
        ))],
        vec![t(&format!(
            "elsewhere, text the audit found shared is between {MARK_OPEN} and {MARK_CLOSE}; paragraph kinds are in [brackets]"
        ))],
    ]
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

/// Writes styled lines, each ended by a newline, after `indent`.
fn write_lines(out: &mut dyn Write, lines: &[Line], indent: &str, color: bool) -> io::Result<()> {
    for line in lines {
        write!(out, "{indent}")?;
        write_line(out, line, color)?;
        writeln!(out)?;
    }
    Ok(())
}

/// The header: the two articles, which is the original, the figures, the key to the marks
/// (wrapped to `width`).
fn write_header(
    out: &mut dyn Write,
    d: &Diff,
    width: usize,
    st: &Styles,
    color: bool,
) -> io::Result<()> {
    let al = &d.alignment;
    let title = format!("reprint diff: {} ↔ {}", d.a.meta.id, d.b.meta.id);
    write_lines(out, &[vec![(title, st.header)]], "", color)?;
    writeln!(out, "{}", describe('A', &d.a))?;
    writeln!(out, "{}", describe('B', &d.b))?;
    write_lines(
        out,
        &[vec![(original_line(&d.original), st.header)]],
        "",
        color,
    )?;
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
    let key: Vec<Line> = key_lines(st, color)
        .iter()
        .flat_map(|l| wrap(l, width))
        .collect();
    write_lines(out, &key, "", color)
}

/// The list of aligned pairs, each with what it shares on one line.
fn write_overview(out: &mut dyn Write, d: &Diff, width: usize) -> io::Result<()> {
    let al = &d.alignment;
    if al.pairs().next().is_none() {
        return Ok(());
    }
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
    Ok(())
}

/// The aligned passages the audit found, each with its edits.
fn write_passages(
    out: &mut dyn Write,
    d: &Diff,
    width: usize,
    st: &Styles,
    color: bool,
) -> io::Result<()> {
    if d.passages.is_empty() {
        return Ok(());
    }
    let mark = |m: &'static str| if color { "" } else { m };
    writeln!(
        out,
        "\naligned passages (reused wording with edits; {}A's words{} replaced or dropped, {}B's words{} put in):",
        mark(DELETED.0),
        mark(DELETED.1),
        mark(INSERTED.0),
        mark(INSERTED.1),
    )?;
    for sp in &d.passages {
        write_lines(out, &[vec![(passage_head(sp), st.header)]], "  ", color)?;
        let lines = wrap(&passage_runs(d, sp, st, color), width.saturating_sub(4));
        write_lines(out, &lines, "    ", color)?;
    }
    Ok(())
}

/// Writes the view: the header, the overview of pairs and passages, then every paragraph in
/// order, aligned pairs as one text with their edits, unaligned paragraphs in two columns
/// between rules.
pub fn write_diff_text(out: &mut dyn Write, d: &Diff, opts: &TermOptions) -> io::Result<()> {
    let (st, color) = (Styles::new(opts.color), opts.color);
    let width = opts.width.max(40);
    let col = (width - SEPARATOR.width()) / 2;
    let al = &d.alignment;
    write_header(out, d, width, &st, color)?;
    write_overview(out, d, width)?;
    write_passages(out, d, width, &st, color)?;
    let rule = "─".repeat(width);
    for row in &al.rows {
        writeln!(out)?;
        match row {
            Row::Pair(p) => write_lines(out, &pair_lines(d, p, width, &st, color), "", color)?,
            Row::Gap { a, b } => {
                writeln!(out, "{}", &rule)?;
                let left = gap_column('A', &d.a, a.clone(), &al.elsewhere_a, col, &st, color);
                let right = gap_column('B', &d.b, b.clone(), &al.elsewhere_b, col, &st, color);
                write_columns(out, &left, &right, col, color)?;
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

    const WIRE: &str =
        "The dictator said on Monday that the talks would go on through the winter.\n";
    const COPY: &str = "The leader said on Monday that the talks would go on through the winter.\n";

    /// The wire story and its copy with one word changed, undated.
    fn wire_and_copy() -> Diff {
        Diff::new(
            article("a", WIRE),
            article("b", COPY),
            &DiffConfig::default(),
        )
    }

    fn dated(mut a: DiffArticle, date: &str) -> DiffArticle {
        a.meta.date = Some(date.into());
        a
    }

    #[test]
    fn without_colour_edits_are_bracketed_as_git_does() {
        let d = wire_and_copy();
        let s = render(&d, false, 100);
        assert!(
            s.contains(
                "\nThe [-dictator-]{+leader+} said on Monday that the talks would go on through the winter.\n"
            ),
            "{s}"
        );
        assert!(
            s.contains("A ¶0 ↔ B ¶0 · similarity 0.93 · 13 shared words, 1 removed, 1 added"),
            "{s}"
        );
        assert!(s.contains("\noriginal: unknown (no dates)\n"), "{s}");
        assert!(!s.contains('\x1b'));
    }

    #[test]
    fn with_colour_edits_are_red_and_green_and_shared_words_plain() {
        let d = wire_and_copy();
        let s = render(&d, true, 100);
        let st = Styles::new(true);
        let (del, ins) = (st.deleted.render(), st.inserted.render());
        let reset = st.deleted.render_reset();
        assert!(
            s.contains(&format!(
                "\nThe {del}dictator{reset}{ins}leader{reset} said on Monday"
            )),
            "{s:?}"
        );
        assert!(!s.contains(DELETED.0) && !s.contains(INSERTED.0), "{s:?}");
        let text = s
            .lines()
            .find(|l| l.contains("said on Monday"))
            .unwrap_or("");
        assert!(!text.contains(&st.mark.render().to_string()), "{text:?}");
    }

    #[test]
    fn the_header_names_the_original_by_date() {
        let d = Diff::new(
            dated(article("a", WIRE), "2024-01-03"),
            dated(article("b", COPY), "2024-01-02"),
            &DiffConfig::default(),
        );
        assert!(
            render(&d, false, 100).contains("\noriginal: B (earlier date 2024-01-02)\n"),
            "{}",
            render(&d, false, 100)
        );
        let d = Diff::new(
            dated(article("a", WIRE), "2024-01-02"),
            dated(article("b", COPY), "2024-01-02"),
            &DiffConfig::default(),
        );
        assert!(render(&d, false, 100).contains("\noriginal: unknown (same date 2024-01-02)\n"));
    }

    #[test]
    fn without_colour_found_spans_of_unaligned_paragraphs_are_bracketed() {
        let mut a = article(
            "a",
            "A long caption about the summit (Photo by Kenzaburo Fukuhara-Pool/Getty Images)\n",
        );
        a.found = vec![reprint_core::model::ByteSpan::new(32, 80)];
        let d = Diff::new(
            a,
            article("b", "Something else entirely, and more of it.\n"),
            &DiffConfig::default(),
        );
        let s = render(&d, false, 200);
        assert!(
            s.contains("[[(Photo by Kenzaburo Fukuhara-Pool/Getty Images)]]"),
            "{s}"
        );
        let s = render(&d, true, 200);
        let mark = Styles::new(true).mark.render().to_string();
        assert!(s.contains(&format!("{mark}(Photo by")), "{s:?}");
    }

    #[test]
    fn an_identical_pair_is_plain_text() {
        let d = Diff::new(
            article("a", "Title A\n\nKenzaburo Fukuhara-Pool/Getty Images\n"),
            article("b", "Title B\n\nKenzaburo Fukuhara/Pool/Getty Images\n"),
            &DiffConfig::default(),
        );
        let s = render(&d, false, 100);
        assert!(
            s.contains(
                "A ¶1 ↔ B ¶1 · similarity 1.00 · 5 shared words, 0 removed, 0 added\nKenzaburo Fukuhara/Pool/Getty Images\n"
            ),
            "{s}"
        );
        assert!(!s.contains("[[Kenzaburo"), "{s}");
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
