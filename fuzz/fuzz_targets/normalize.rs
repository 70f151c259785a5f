//! Words and their normal form on arbitrary text: word offsets slice the original; the ASCII
//! fast path agrees with UAX #29 (`unicode_word_indices`); normalizing never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reprint_core::{for_each_word, normalize_word, normalized_text, words};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut buf = String::new();
    let mut last = 0;
    for_each_word(&text, |s, w| {
        assert!(s >= last && !w.is_empty());
        assert_eq!(&text[s..s + w.len()], w);
        last = s + w.len();
        normalize_word(w, &mut buf);
    });
    if text.is_ascii() {
        // The ASCII scanner is held to the Unicode definition.
        let ascii: Vec<(usize, &str)> = words(&text);
        let mut reference = Vec::new();
        for (s, w) in unicode_segmentation::UnicodeSegmentation::unicode_word_indices(&*text) {
            reference.push((s, w));
        }
        assert_eq!(ascii, reference);
    }
    let _ = normalized_text(&text);
});
