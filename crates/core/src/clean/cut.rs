//! A plan made byte ranges of one article's text, and the exact way back: [`cut_ranges`],
//! [`apply`] and [`restore`] (how a cut treats line breaks is in the parent module's doc).

use super::*;

/// One removed range of an article's original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cut {
    /// The bytes removed.
    pub span: ByteSpan,
    /// Why.
    pub kind: CutKind,
    /// The finding's id; none for a caption.
    pub finding: Option<u32>,
}

/// Start of the line holding byte `at`, but not before `floor`.
fn line_start(text: &str, at: usize, floor: usize) -> usize {
    match text.as_bytes()[floor..at].iter().rposition(|&b| b == b'\n') {
        Some(i) => floor + i + 1,
        None => floor,
    }
}

/// Position of the line break ending the line that holds byte `at` (or `ceil`).
fn line_end(text: &str, at: usize, ceil: usize) -> usize {
    match text.as_bytes()[at..ceil].iter().position(|&b| b == b'\n') {
        Some(i) => at + i,
        None => ceil,
    }
}

/// The byte ranges to remove from `text`, whose paragraphs are `paras` (the segmenter's
/// ranges, in order, none before `body_start`), under the line-break rule of the module docs.
/// Cuts that cover a whole paragraph take their separator with them; a cut covering only part
/// of a paragraph removes exactly its bytes. The ranges come out sorted and disjoint.
///
/// Returns `None` when a planned cut does not fit the text (the text changed since the plan
/// was made), so the caller can keep the article whole rather than cut the wrong bytes.
// Stays long: sorting the planned cuts, widening whole-paragraph cuts by the line-break rule
// and merging partial cuts share the paragraph indices of one pass.
pub fn cut_ranges(
    text: &str,
    body_start: usize,
    paras: &[ByteSpan],
    planned: &[PlannedCut],
) -> Option<Vec<Cut>> {
    let n = paras.len();
    if body_start > text.len() || paras.iter().any(|p| p.slice(text).is_none()) {
        return None;
    }
    let mut whole: Vec<Option<(CutKind, Option<u32>)>> = vec![None; n];
    let mut partial: Vec<Cut> = Vec::new();
    for c in planned {
        let p = *paras.get(c.paragraph as usize)?;
        c.span.slice(text)?;
        if c.span == p {
            whole[c.paragraph as usize].get_or_insert((c.kind, c.finding));
        } else if p.start <= c.span.start && c.span.end <= p.end && !c.span.is_empty() {
            partial.push(Cut {
                span: c.span,
                kind: c.kind,
                finding: c.finding,
            });
        } else {
            return None;
        }
    }
    let ls = |k: usize| {
        let floor = if k == 0 {
            body_start
        } else {
            paras[k - 1].end as usize
        };
        line_start(text, paras[k].start as usize, floor)
    };
    let le = |k: usize| {
        let ceil = if k + 1 < n {
            paras[k + 1].start as usize
        } else {
            text.len()
        };
        line_end(text, paras[k].end as usize, ceil)
    };
    let mut out: Vec<Cut> = Vec::new();
    let mut i = 0;
    while i < n {
        if whole[i].is_none() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < n && whole[j + 1].is_some() {
            j += 1;
        }
        for (k, w) in whole.iter().enumerate().take(j + 1).skip(i) {
            let (kind, finding) = (*w)?;
            let (s, e) = if j + 1 < n {
                (ls(k), ls(k + 1)) // a kept paragraph follows: take the separator after
            } else if i > 0 {
                (le(k - 1), le(k)) // at the end: take the separator before
            } else if k < j {
                (ls(k), ls(k + 1)) // everything goes
            } else {
                (ls(k), le(k))
            };
            out.push(Cut {
                span: ByteSpan::new(s, e),
                kind,
                finding,
            });
        }
        i = j + 1;
    }
    // `out` holds the whole-paragraph cuts, in order: a partial cut inside one of them goes.
    let wholes = out.len();
    for c in partial {
        let before = out[..wholes].partition_point(|w| w.span.start <= c.span.start);
        let covered = before > 0 && c.span.end <= out[before - 1].span.end;
        if !covered {
            out.push(c);
        }
    }
    out.sort_by_key(|c| (c.span.start, c.span.end));
    // Partial cuts of one paragraph may overlap: merge them into the first.
    let mut merged: Vec<Cut> = Vec::with_capacity(out.len());
    for c in out {
        match merged.last_mut() {
            Some(l) if c.span.start < l.span.end => l.span.end = l.span.end.max(c.span.end),
            _ => merged.push(c),
        }
    }
    Some(merged)
}

/// The text with the cuts (sorted, disjoint, on character boundaries) removed.
pub fn apply(text: &str, cuts: &[Cut]) -> String {
    let removed: usize = cuts.iter().map(|c| c.span.len()).sum();
    let mut out = String::with_capacity(text.len().saturating_sub(removed));
    let mut pos = 0;
    for c in cuts {
        out.push_str(&text[pos..c.span.start as usize]);
        pos = c.span.end as usize;
    }
    out.push_str(&text[pos..]);
    out
}

/// Puts removed pieces back: `pieces` are `(start, end, text)` with offsets into the original,
/// sorted by start. Fails, saying why, when the pieces do not fit the cleaned text.
pub fn restore(cleaned: &str, pieces: &[(u32, u32, &str)]) -> Result<String, String> {
    let extra: usize = pieces.iter().map(|p| p.2.len()).sum();
    let mut out = String::with_capacity(cleaned.len() + extra);
    let mut pos = 0usize; // in `cleaned`
    for &(start, end, piece) in pieces {
        let (start, end) = (start as usize, end as usize);
        if end < start || end - start != piece.len() {
            return Err(format!(
                "removal {start}..{end} holds {} bytes of text, not {}",
                piece.len(),
                end.saturating_sub(start)
            ));
        }
        if start < out.len() {
            return Err(format!(
                "removal {start}..{end} overlaps the one before (which ends at {})",
                out.len()
            ));
        }
        let keep = start - out.len();
        let Some(kept) = cleaned.get(pos..pos + keep) else {
            return Err(format!(
                "removal {start}..{end} lies past the end of the cleaned text"
            ));
        };
        out.push_str(kept);
        out.push_str(piece);
        pos += keep;
    }
    match cleaned.get(pos..) {
        Some(rest) => out.push_str(rest),
        None => return Err("the cleaned text does not match the removals".into()),
    }
    Ok(out)
}
