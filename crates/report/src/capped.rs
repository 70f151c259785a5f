//! Long lists cut short for people: the first few entries, then a line saying how many were
//! left out and where to find them all, as every text-like output writes it.

use std::io::{self, Write};

/// "… and 231 more articles, see --format json" (`one` or `many` names the entries).
pub(crate) fn more_line(left_out: usize, one: &str, many: &str) -> String {
    format!(
        "… and {left_out} more {}, see --format json",
        if left_out == 1 { one } else { many }
    )
}

/// Writes the first `max` of `items`, one line each as `line` words it, indented by
/// `indent`, then the [`more_line`] when some were left out.
pub(crate) fn write_capped<T>(
    out: &mut dyn Write,
    items: &[T],
    max: usize,
    indent: &str,
    (one, many): (&str, &str),
    line: impl Fn(&T) -> String,
) -> io::Result<()> {
    for x in items.iter().take(max) {
        safe_line!(out, "{indent}{}", line(x))?;
    }
    if items.len() > max {
        safe_line!(out, "{indent}{}", more_line(items.len() - max, one, many))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_a_list_and_counts_the_rest() {
        let mut out = Vec::new();
        write_capped(
            &mut out,
            &[1, 2, 3, 4],
            2,
            "  ",
            ("number", "numbers"),
            |n| format!("n{n}"),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "  n1\n  n2\n  … and 2 more numbers, see --format json\n"
        );
        assert_eq!(
            more_line(1, "outlet", "outlets"),
            "… and 1 more outlet, see --format json"
        );
    }
}
