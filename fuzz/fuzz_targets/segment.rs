//! Segmenting arbitrary text: paragraphs are ordered, disjoint, trimmed, non-empty, on
//! character boundaries and after the start offset, in both layouts.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reprint_core::{Layout, detect_layout, segment_with};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // A start offset on a character boundary, taken from the first byte.
    let want = data.first().map_or(0, |&b| b as usize % (text.len() + 1));
    let from = (0..=want).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let _ = detect_layout(&text[from..]);
    for layout in [Layout::Lines, Layout::Blocks] {
        let mut last = from;
        for p in segment_with(&text, from, layout) {
            let (s, e) = (p.start as usize, p.end as usize);
            assert!(s >= last && s < e && e <= text.len());
            let para = &text[s..e];
            assert_eq!(para.trim(), para);
            last = e;
        }
    }
});
