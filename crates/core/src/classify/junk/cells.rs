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

#[cfg(test)]
mod tests {
    use super::super::sig;
    use super::super::tests::fired;
    use super::split;

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
