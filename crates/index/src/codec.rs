//! The byte layouts of the index's blob columns: LEB128 varints, a paragraph text's words as
//! vocabulary ids, which of its words are quoted, and an article's paragraph list. Pure functions; decoding checks every
//! length and id, so a damaged blob is an error, never a panic or a wrong answer.

use reprint_core::model::ByteSpan;

/// Appends `v` as an unsigned LEB128 varint (7 bits a byte, low bits first).
pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a varint at `*pos`, advancing it; `None` when the bytes end early or it overflows.
#[inline]
pub(crate) fn get_varint(b: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    let mut shift = 0u32;
    loop {
        let byte = *b.get(*pos)?;
        *pos += 1;
        if shift > 63 {
            return None;
        }
        v |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Some(v);
        }
        shift += 7;
    }
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

/// Encodes a text's words given as vocabulary ids: one varint each. Ids are given in
/// order of frequency when the vocabulary grows, so common words take one byte.
pub(crate) fn encode_words(ids: impl IntoIterator<Item = u32>, out: &mut Vec<u8>) {
    out.clear();
    for id in ids {
        put_varint(out, u64::from(id));
    }
}

/// Decodes words into their 32-bit word hashes through `vocab` (hash per id), appending to
/// `out`; `None` when the blob is damaged or names an id the vocabulary lacks.
pub(crate) fn decode_words(blob: &[u8], vocab: &[u32], out: &mut Vec<u32>) -> Option<()> {
    out.clear();
    let mut pos = 0;
    while pos < blob.len() {
        let id = get_varint(blob, &mut pos)?;
        out.push(*vocab.get(usize::try_from(id).ok()?)?);
    }
    Some(())
}

/// One entry of an article's paragraph list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ParaEntry {
    /// The index's id of the paragraph's text.
    pub text: u32,
    /// Its bytes in the article's text.
    pub span: ByteSpan,
    /// Its layout flags (the two of [`reprint_core::Para`]).
    pub flags: u8,
}

/// Bits of the layout flags a paragraph list keeps.
pub(crate) const FLAG_BITS: u32 = 2;

/// Encodes a paragraph list: per paragraph the text id as a zigzag delta from the previous
/// one (a new article's new texts are consecutive, so most deltas take one byte), the gap
/// from the previous paragraph's end shifted left by [`FLAG_BITS`] with the layout flags in
/// the low bits (still one byte for the usual blank line), and the length.
pub(crate) fn encode_paras(paras: &[ParaEntry]) -> Vec<u8> {
    let mut out = Vec::with_capacity(paras.len() * 6);
    let (mut prev_text, mut prev_end) = (0i64, 0u32);
    let mask = (1u8 << FLAG_BITS) - 1;
    for p in paras {
        debug_assert!(p.flags <= mask, "a layout flag the index does not keep");
        put_varint(&mut out, zigzag(i64::from(p.text) - prev_text));
        let gap = u64::from(p.span.start.saturating_sub(prev_end));
        put_varint(&mut out, gap << FLAG_BITS | u64::from(p.flags & mask));
        put_varint(&mut out, u64::from(p.span.end - p.span.start));
        prev_text = i64::from(p.text);
        prev_end = p.span.end;
    }
    out
}

/// Calls `f` with each entry of a paragraph list; `None` when the blob is damaged.
pub(crate) fn for_each_para(blob: &[u8], mut f: impl FnMut(ParaEntry)) -> Option<()> {
    let (mut pos, mut prev_text, mut prev_end) = (0usize, 0i64, 0u64);
    while pos < blob.len() {
        let text = prev_text.checked_add(unzigzag(get_varint(blob, &mut pos)?))?;
        let gap_flags = get_varint(blob, &mut pos)?;
        let start = prev_end.checked_add(gap_flags >> FLAG_BITS)?;
        let end = start.checked_add(get_varint(blob, &mut pos)?)?;
        f(ParaEntry {
            text: u32::try_from(text).ok()?,
            span: ByteSpan {
                start: u32::try_from(start).ok()?,
                end: u32::try_from(end).ok()?,
            },
            flags: (gap_flags & ((1 << FLAG_BITS) - 1)) as u8,
        });
        prev_text = text;
        prev_end = end;
    }
    Some(())
}

/// Encodes which words of a text are quoted as runs: per run the gap from the previous run's
/// end and its length; `None` when no word is.
pub(crate) fn encode_quoted(quoted: impl IntoIterator<Item = bool>) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut prev_end, mut start) = (0u64, None);
    let mut i = 0u64;
    for q in quoted {
        match (q, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                put_varint(&mut out, s - prev_end);
                put_varint(&mut out, i - s);
                prev_end = i;
                start = None;
            }
            _ => {}
        }
        i += 1;
    }
    if let Some(s) = start {
        put_varint(&mut out, s - prev_end);
        put_varint(&mut out, i - s);
    }
    (!out.is_empty()).then_some(out)
}

/// Decodes quoted runs into one flag per word of a text of `words` words (into `out`);
/// `None` when damaged or running past the text.
pub(crate) fn decode_quoted(blob: &[u8], words: usize, out: &mut Vec<bool>) -> Option<()> {
    out.clear();
    out.resize(words, false);
    let (mut pos, mut prev_end) = (0usize, 0usize);
    while pos < blob.len() {
        let start = prev_end.checked_add(usize::try_from(get_varint(blob, &mut pos)?).ok()?)?;
        let end = start.checked_add(usize::try_from(get_varint(blob, &mut pos)?).ok()?)?;
        out.get_mut(start..end)?.fill(true);
        prev_end = end;
    }
    Some(())
}

/// Decodes a whole paragraph list.
pub(crate) fn decode_paras(blob: &[u8]) -> Option<Vec<ParaEntry>> {
    let mut v = Vec::new();
    for_each_para(blob, |p| v.push(p))?;
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn varints_take_one_byte_below_128() {
        let mut v = Vec::new();
        put_varint(&mut v, 127);
        assert_eq!(v, [127]);
        put_varint(&mut v, 300);
        assert_eq!(v.len(), 3);
        let mut pos = 1;
        assert_eq!(get_varint(&v, &mut pos), Some(300));
        assert_eq!(get_varint(&[0x80], &mut 0), None);
    }

    #[test]
    fn damaged_blobs_are_refused() {
        let mut out = Vec::new();
        assert_eq!(decode_words(&[5], &[1, 2], &mut out), None);
        assert_eq!(decode_words(&[0x81], &[1, 2], &mut out), None);
        assert!(decode_paras(&[2, 0]).is_none());
        assert!(decode_paras(&[1, 0, 0]).is_none(), "text id below zero");
    }

    proptest! {
        #[test]
        fn paragraph_lists_round_trip(entries in prop::collection::vec((0u32..5_000_000, 0u32..50, 0u32..5_000), 0..40)) {
            let mut end = 0u32;
            let paras: Vec<ParaEntry> = entries.iter().enumerate().map(|(i, &(text, gap, len))| {
                let start = end + gap;
                end = start + len;
                ParaEntry { text, span: ByteSpan { start, end }, flags: (i % 4) as u8 }
            }).collect();
            prop_assert_eq!(decode_paras(&encode_paras(&paras)), Some(paras));
        }

        #[test]
        fn quoted_words_round_trip(flags in prop::collection::vec(any::<bool>(), 0..60)) {
            let mut out = Vec::new();
            match encode_quoted(flags.iter().copied()) {
                None => prop_assert!(!flags.contains(&true)),
                Some(blob) => {
                    prop_assert_eq!(decode_quoted(&blob, flags.len(), &mut out), Some(()));
                    prop_assert_eq!(&out, &flags);
                    // A text shorter than its quoted runs is damage.
                    let last = flags.iter().rposition(|&q| q).unwrap_or(0);
                    prop_assert!(decode_quoted(&blob, last, &mut out).is_none());
                }
            }
        }

        #[test]
        fn words_round_trip(ids in prop::collection::vec(0u32..1000, 0..100)) {
            let vocab: Vec<u32> = (0..1000).map(|i| i * 7 + 1).collect();
            let mut blob = Vec::new();
            encode_words(ids.iter().copied(), &mut blob);
            let mut out = Vec::new();
            prop_assert_eq!(decode_words(&blob, &vocab, &mut out), Some(()));
            let want: Vec<u32> = ids.iter().map(|&i| vocab[i as usize]).collect();
            prop_assert_eq!(out, want);
        }
    }
}
