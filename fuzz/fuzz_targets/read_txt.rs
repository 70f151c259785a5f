//! Decoding a `.txt` article from arbitrary bytes: never panics; a decoded article's body
//! start and title are consistent with its text, and its paragraphs segment cleanly.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reprint_core::parse_txt;
use reprint_core::segment;

fuzz_target!(|data: &[u8]| {
    let lossy = data.first().is_some_and(|b| b & 1 == 1);
    let folder = data.get(1).is_some_and(|b| b & 1 == 1).then_some("outlet");
    let parsed = parse_txt(data.to_vec(), "f.txt", "f", folder, 0, lossy);
    let Some(a) = parsed.article else {
        assert!(!parsed.problems.is_empty(), "a skipped file is reported");
        return;
    };
    assert!(a.body_start <= a.text.len() && a.text.is_char_boundary(a.body_start));
    if !lossy {
        assert_eq!(a.text.as_bytes(), data, "offsets point into the file's own bytes");
    }
    for p in segment(&a.text, a.body_start) {
        assert!(p.start as usize >= a.body_start);
        assert!(p.slice(&a.text).is_some());
    }
    for p in &parsed.problems {
        assert!(p.place.starts_with("f.txt"), "{p}");
    }
});
