//! Cutting paragraphs out of arbitrary text: ranges are sorted, disjoint and on character
//! boundaries, and the removed pieces put back give the original.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reprint_core::{PlannedCut, apply_cuts, cut_ranges, restore_cuts};
use reprint_core::model::FindingKind;
use reprint_core::segment;

fuzz_target!(|data: &[u8]| {
    let Some((mask, rest)) = data.split_first_chunk::<8>() else {
        return;
    };
    let mask = u64::from_le_bytes(*mask);
    let text = String::from_utf8_lossy(rest);
    let paras = segment(&text, 0);
    let planned: Vec<PlannedCut> = paras
        .iter()
        .enumerate()
        .filter(|(i, _)| mask >> (i % 64) & 1 == 1)
        .map(|(i, &span)| PlannedCut {
            paragraph: i as u32,
            span,
            kind: FindingKind::Boilerplate,
            finding: 0,
        })
        .collect();
    let cuts = cut_ranges(&text, 0, &paras, &planned).expect("a plan made from the text fits it");
    let mut last = 0;
    for c in &cuts {
        let (s, e) = (c.span.start as usize, c.span.end as usize);
        assert!(s >= last && s < e && text.is_char_boundary(s) && text.is_char_boundary(e));
        last = e;
    }
    let cleaned = apply_cuts(&text, &cuts);
    let pieces: Vec<(u32, u32, &str)> = cuts
        .iter()
        .map(|c| (c.span.start, c.span.end, &text[c.span.range()]))
        .collect();
    assert_eq!(restore_cuts(&cleaned, &pieces).expect("fits"), text);
});
