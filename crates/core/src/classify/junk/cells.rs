//! Bars of page controls: one line of cells set apart by bars or brackets, each judged alone.
//!
//! **What it flags**: a line whose cells are a page's controls and labels, as a page's tool
//! bar or header prints them on one line: "Email this story | Print this story | Text size: A A
//! A", "Print | E-mail | Font Size: A A+ A++ | Comments (6)", "The Example Observer | Monday,
//! March 22, 2010 | e-Paper | Archives", "【打印】【关闭】".
//!
//! **Evidence**: the line splits into two or more cells (at `|`, or between `【】` brackets);
//! at least one cell is junk by the rules that judge a line alone (a widget, a stamp, a notice,
//! a promo …), and every other cell is junk too or an item of a few words that does not close
//! like a sentence. Two cells both flagged for their shape alone (a date, a figure) are not
//! enough: a range of dates or figures is set out that way too. The line takes the signals of
//! the cells that were flagged.
//!
//! **Example**: `Artikel drucken | Artikel versenden | Schriftgröße: A A A`.
//!
//! **Known misses**: bars whose cells are all unknown words (a site's own section names, which
//! a headline and its site name set apart by a bar resemble); cells closed like sentences
//! ("Blog at Example.com. | Theme: …").

use super::shape::Line;

/// Most cells of a bar, and most words of one: a longer line is prose with bars in it.
const MAX_CELLS: usize = 12;
/// Most words of a cell that is not flagged by a rule of its own.
pub(crate) const ITEM_WORDS: usize = 4;
/// Most words of any cell.
pub(crate) const CELL_WORDS: usize = 10;

/// The cells of `text` when it is set apart by bars (`a | b`) or brackets (`【a】【b】`): two
/// or more non-empty cells, or none.
pub(crate) fn split(text: &str) -> Vec<&str> {
    let cells: Vec<&str> = if text.contains('【') {
        text.split(['【', '】'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect()
    } else if text.contains('|') {
        text.split('|').map(str::trim).collect()
    } else {
        return Vec::new();
    };
    if cells.len() < 2 || cells.len() > MAX_CELLS || cells.iter().any(|c| c.is_empty()) {
        return Vec::new();
    }
    cells
}

/// A row of a table in Markdown: a line that opens and closes with a bar ("| Bayern | 3,2 °C |").
fn table_row(text: &str) -> bool {
    let t = text.trim();
    t.len() >= 3 && t.starts_with('|') && t.ends_with('|')
}

/// The row under a Markdown table's header: cells of dashes, with colons for alignment
/// ("|---|:--:|", "| --- | --- |").
fn separator_row(text: &str) -> bool {
    table_row(text)
        && text.contains("---")
        && text
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':') || c.is_whitespace())
}

/// Unflags the rows of a Markdown table: a run of rows ([`table_row`]) with a header's
/// separator among them, as a converter writes a story's table of results, figures or
/// schedules; their cells of figures and names look like a ticker or a bar. A table whose rows
/// hold links (`](`) is a block of the page's links set out as a table, and keeps its flags.
pub(crate) fn keep_tables(lines: &[Line], first: usize, out: &mut [u32]) {
    let mut i = first;
    while i < lines.len() {
        if !table_row(lines[i].text) {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && table_row(lines[i].text) {
            i += 1;
        }
        let rows = &lines[start..i];
        if rows.iter().any(|l| separator_row(l.text)) && !rows.iter().any(|l| l.text.contains("]("))
        {
            out[start..i].iter_mut().for_each(|s| *s = 0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::sig;
    use super::super::tests::{fired, fired_all};
    use super::split;

    #[test]
    fn a_markdown_tables_rows_stay() {
        let table = [
            "The figures for the four states were released on Monday by the weather service.",
            "| Land | Temperatur | Regen |",
            "|---|---|---|",
            "| Bayern | 3,2 °C | 31 l/m² |",
            "| Sachsen | 3,4 °C | 19 l/m² |",
            "The service expects a milder spring than last year in all of the four states.",
        ];
        assert!(fired_all(&table).iter().all(|&s| s & sig::RULES == 0));
        // Rows of links are the page's, set out as a table.
        let links = [
            "The figures for the four states were released on Monday by the weather service.",
            "| [Home](https://example.org/) | [News](https://example.org/news) |",
            "| --- | --- |",
            "| [Sport](https://example.org/sport) | [Weather](https://example.org/weather) |",
        ];
        assert!(!super::separator_row(links[1]) && super::separator_row(links[2]));
    }

    #[test]
    fn cells_are_set_apart_by_bars_or_brackets() {
        assert_eq!(split("Print | E-mail"), vec!["Print", "E-mail"]);
        assert_eq!(split("【打印】【关闭】"), vec!["打印", "关闭"]);
        assert!(split("Print").is_empty());
        // An empty cell is a table's border or a stray bar, not a tool bar.
        assert!(split("| a | b |").is_empty());
    }

    #[test]
    fn tool_bars_whose_cells_are_controls() {
        for line in [
            "Email this story | Print this story | Text size: A A A",
            "Print | E-mail | Font Size: - + | Comments (6)",
            "Réagir à cet article | Imprimer | Envoyer à un ami",
            "Lakeview Observer | Monday, March 22, 2010 | e-Paper | Archives",
        ] {
            assert_ne!(fired(line) & sig::RULES, 0, "{line}");
        }
    }

    #[test]
    fn a_headline_and_its_site_name_stay() {
        for line in [
            "Council backs new bus depot | Lakeview Observer",
            "Budget passes after a long night | City Hall | Lakeview Observer",
            "Liverpool | 38 | 99 | Champions",
            "29 November 2018 | 20 January 2019",
            "The council voted to print the plan | the mayor said she would sign it on Monday.",
        ] {
            assert_eq!(fired(line) & sig::RULES, 0, "{line}");
        }
    }
}
