//! The line loop the JSONL label readers share: one JSON value a line, blank lines skipped,
//! every problem named by `file:line`.

use reprint_core::error::{Error, Result};
use serde_json::Value;
use std::io::BufRead;

/// Calls `f` with the 1-based number, the place (`name:line`) and the parsed value of each
/// non-blank line of `input`; stops at the first error, of reading, of JSON or of `f`.
pub(crate) fn for_each_value(
    input: impl BufRead,
    name: &str,
    mut f: impl FnMut(usize, &str, Value) -> Result<()>,
) -> Result<()> {
    for (i, line) in input.lines().enumerate() {
        let line = line.map_err(|e| Error::io(name, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let place = format!("{name}:{}", i + 1);
        let v: Value = serde_json::from_str(&line)
            .map_err(|e| Error::Input(format!("{place}: not JSON: {e}")))?;
        f(i + 1, &place, v)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_are_skipped_and_places_name_the_line() {
        let mut seen = Vec::new();
        for_each_value("{\"a\":1}\n\n  \n[2]\n".as_bytes(), "f", |n, place, v| {
            seen.push((n, place.to_string(), v));
            Ok(())
        })
        .unwrap();
        assert_eq!(seen.len(), 2);
        assert_eq!((seen[1].0, seen[1].1.as_str()), (4, "f:4"));
        let e = for_each_value("{}\n{x\n".as_bytes(), "f", |_, _, _| Ok(())).unwrap_err();
        assert!(e.to_string().contains("f:2: not JSON"), "{e}");
    }
}
