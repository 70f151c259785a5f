//! Decoding a JSONL record from arbitrary bytes: never panics; every problem names the line;
//! a decoded record's raw fields name the same text field, so `clean` can write it back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reprint_core::{FieldNames, raw_fields};
use reprint_core::parse_jsonl_record;

fuzz_target!(|data: &[u8]| {
    let names = FieldNames::default();
    let parsed = parse_jsonl_record(data.to_vec(), "f.jsonl", 7, 0, &names, true);
    for p in &parsed.problems {
        assert_eq!(p.place, "f.jsonl:7");
    }
    let Some(a) = parsed.article else {
        assert!(!parsed.problems.is_empty(), "a skipped record is reported");
        return;
    };
    assert!(!a.meta.id.is_empty());
    let raw = raw_fields(std::str::from_utf8(data).expect("decoded without --lossy"))
        .expect("a record that parsed as an object has raw fields");
    let i = raw.text_index(&names).expect("the text field is found again");
    let again: String =
        serde_json::from_str(raw.fields[i].1.get()).expect("the text field holds a string");
    assert_eq!(again, a.text);
});
