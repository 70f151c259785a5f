//! Quotation: which bytes of a text lie between quotation marks or on lines quoted with `>`.
//! Words are marked quoted as paragraphs are read (a quoted run needs fewer words to count as
//! reuse), and a shared run that is mostly quotation is reported as the quotation alone.

/// Whether the bytes `run` of `text` are mostly quotation: at least half of the run lies
/// between quotation marks (“…”, «…», "…").
#[cfg(test)]
pub(crate) fn is_quoted(text: &str, run: std::ops::Range<usize>) -> bool {
    is_quoted_in(&quotation_ranges(text), run)
}

/// [`is_quoted`] against a paragraph's [`quotation_ranges`] (sorted and disjoint), found once
/// for all its runs.
pub(crate) fn is_quoted_in(quotes: &[(usize, usize)], run: std::ops::Range<usize>) -> bool {
    let len = run.end.saturating_sub(run.start).max(1);
    // The ranges are sorted and disjoint: look only at those overlapping the run.
    let first = quotes.partition_point(|&(_, e)| e <= run.start);
    let inside: usize = quotes[first..]
        .iter()
        .take_while(|&&(s, _)| s < run.end)
        .map(|&(s, e)| run.end.min(e).saturating_sub(run.start.max(s)))
        .sum();
    inside * 2 >= len
}

/// The part of `run` (bytes of `text`) inside quotation marks, from the first quoted byte to
/// the last, trimmed of punctuation and spaces; `None` when nothing of it is quoted.
#[cfg(test)]
pub(crate) fn quotation_part(
    text: &str,
    run: std::ops::Range<usize>,
) -> Option<std::ops::Range<usize>> {
    quotation_part_in(text, &quotation_ranges(text), run)
}

/// [`quotation_part`] against the text's [`quotation_ranges`] (sorted and disjoint), found
/// once for all its runs.
pub(crate) fn quotation_part_in(
    text: &str,
    quotes: &[(usize, usize)],
    run: std::ops::Range<usize>,
) -> Option<std::ops::Range<usize>> {
    // Only the quotations overlapping the run, found by binary search.
    let first = quotes.partition_point(|&(_, e)| e <= run.start);
    let overlapping = &quotes[first..];
    let overlapping = &overlapping[..overlapping.partition_point(|&(s, _)| s < run.end)];
    let start = overlapping.first()?.0.max(run.start);
    let end = overlapping.last()?.1.min(run.end);
    let part = text.get(start..end)?;
    let trim = |c: char| !c.is_alphanumeric();
    let lead = part.len() - part.trim_start_matches(trim).len();
    let inner = part.trim_matches(trim);
    (!inner.is_empty()).then(|| start + lead..start + lead + inner.len())
}

/// The byte ranges of `text` between quotation marks (“…”, «…», "…") or on lines quoted with
/// `>`; an unclosed quotation runs to the end of the text, as a paragraph-long quote does.
/// The ranges are sorted and disjoint (a quotation on a quoted line is merged into the line),
/// so a caller can walk them alongside sorted positions.
pub(crate) fn quotation_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out = mark_ranges(text);
    if text.contains('>') {
        let mut pos = 0;
        for line in text.split('\n') {
            if crate::segment::is_quoted_line(line) {
                out.push((pos, pos + line.len()));
            }
            pos += line.len() + 1;
        }
        out.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(out.len());
        for (s, e) in out {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        out = merged;
    }
    out
}

/// For byte positions in ascending order, whether each lies inside one of `quotes` (sorted
/// and disjoint, as [`quotation_ranges`] gives them); linear in both.
pub(crate) fn positions_quoted(quotes: &[(usize, usize)], positions: &[usize]) -> Vec<bool> {
    let mut q = 0;
    positions
        .iter()
        .map(|&at| {
            while q < quotes.len() && quotes[q].1 <= at {
                q += 1;
            }
            q < quotes.len() && quotes[q].0 <= at
        })
        .collect()
}

fn mark_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut open: Option<usize> = None;
    let mut quotes: Vec<(usize, usize)> = Vec::new();
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('“' | '«', _) => open = Some(i + c.len_utf8()),
            ('”' | '»', Some(s)) => {
                quotes.push((s, i));
                open = None;
            }
            ('"', None) => open = Some(i + 1),
            ('"', Some(s)) => {
                quotes.push((s, i));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(s) = open {
        quotes.push((s, text.len()));
    }
    quotes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotations_are_sorted_disjoint_and_walked_in_one_pass() {
        let t = "> a “quoted” line\nplain “x” text";
        let q = quotation_ranges(t);
        assert!(q.windows(2).all(|w| w[0].1 < w[1].0), "{q:?}");
        let nl = t.find('\n').unwrap();
        assert_eq!(q[0], (0, nl));
        let at = [0, 5, nl + 1, t.find("x”").unwrap(), t.find("text").unwrap()];
        assert_eq!(positions_quoted(&q, &at), [true, true, false, true, false]);
        assert!(is_quoted_in(&q, 2..10));
        assert!(!is_quoted_in(&q, nl + 1..t.len()));
    }

    #[test]
    fn quotations_are_recognised() {
        let t = "Pre text. “We will not give up the fight,” Ana Kim, the director, said. Post.";
        let q = t.find("We").unwrap();
        let end = t.find("said").unwrap();
        assert!(is_quoted(t, q..end));
        assert!(!is_quoted(t, 0..9));
        assert!(is_quoted("He said \"no way out of this\" today", 9..28));
        // A short quotation inside a longer run does not make the run a quotation.
        let t = "and emphasized that Beijing has lent “support with coordinated action” to Russia";
        assert!(!is_quoted(t, 0..t.len()));
        let mail =
            "In article <x>, jo writes:\n> the quoted line of the\n> parent post\nMy answer.";
        let q = mail.find("the quoted").unwrap();
        assert!(is_quoted(mail, q..mail.find("My").unwrap()));
        assert!(!is_quoted(mail, mail.find("My").unwrap()..mail.len()));
    }

    #[test]
    fn quotations_are_cut_out_of_runs() {
        let t = "Pre. “We will not give up the fight,” Ana Kim, the director, said. Post.";
        let run = t.find("We").unwrap()..t.find(" Post").unwrap();
        let q = quotation_part(t, run).unwrap();
        assert_eq!(&t[q], "We will not give up the fight");
    }
}
