//! Places a dateline may name alone: the populated places of the GeoNames gazetteer, in the
//! languages and scripts it records their names in (`crates/core/data/places.txt.gz`, written
//! by `places.py` beside it, which names its source).
//!
//! A dateline in capitals or naming a wire tells itself by its shape. A place alone in title
//! case, or in a script without case, before a colon, a stop or a dash ("Bengaluru:",
//! "சென்னை:", "लखनऊ।", "Dar es Salaam.", "เชียงใหม่ -") looks like any label that opens a
//! line ("The Latest:", "Claim:", "Weather Alert:"); only knowing the place tells them apart.

use std::sync::OnceLock;

/// The gazetteer, gzip-compressed: one name a line, sorted by bytes.
const PLACES_GZ: &[u8] = include_bytes!("../../../data/places.txt.gz");

/// Most words of a place's name in the gazetteer.
pub(super) const PLACE_WORDS: usize = 4;

/// The gazetteer's names, read on first use (most pages never ask).
struct Gazetteer {
    /// The names, one a line.
    text: String,
    /// Where each line starts in `text`.
    starts: Vec<u32>,
}

impl Gazetteer {
    fn read() -> Gazetteer {
        use std::io::Read;
        let mut text = String::new();
        // The data is compiled in; it decompresses unless the build itself is broken.
        flate2::read::GzDecoder::new(PLACES_GZ)
            .read_to_string(&mut text)
            .expect("the built-in place names decompress");
        let mut starts = vec![0u32];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i as u32 + 1));
        starts.pop();
        Gazetteer { text, starts }
    }

    /// The name whose line starts at byte `start`.
    fn name_at(&self, start: u32) -> &str {
        let rest = &self.text[start as usize..];
        &rest[..memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len())]
    }

    fn contains(&self, name: &str) -> bool {
        self.starts
            .binary_search_by(|&s| self.name_at(s).cmp(name))
            .is_ok()
    }
}

/// Whether `name` (as written: title case, or a script without case) names a populated place.
pub(super) fn is_place(name: &str) -> bool {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    !name.is_empty() && GAZETTEER.get_or_init(Gazetteer::read).contains(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_places_in_many_scripts_and_not_labels() {
        for place in [
            "Bengaluru",
            "New Delhi",
            "Dar es Salaam",
            "சென்னை",
            "लखनऊ",
            "北京",
        ] {
            assert!(is_place(place), "{place}");
        }
        for label in [
            "The Latest",
            "Claim",
            "Weather Alert",
            "bengaluru",
            "Bengal",
            "",
        ] {
            assert!(!is_place(label), "{label}");
        }
    }

    #[test]
    fn the_gazetteer_is_sorted_for_its_binary_search() {
        let g = Gazetteer::read();
        assert!(g.starts.len() > 100_000);
        assert!(
            g.starts
                .windows(2)
                .all(|w| g.name_at(w[0]) < g.name_at(w[1]))
        );
    }
}
