//! Ad-slot labels.
//!
//! **What it flags**: the label an ad slot leaves in extracted text, on a line of its own.
//!
//! **Evidence**: the whole line is an ad label of the cue file ("Advertisement", "Advert",
//! "Anzeige", "Publicidade", "Iklan", "Реклама", "広告", …), or starts with one and is a few
//! words long ("ADVERTISEMENT Thanks for watching!"), or is one with the slot's number
//! ("Advertisement 2").
//!
//! Under the label of a block of text ads ("Ads by Google", "Sponsored Links"), its ads: a
//! short line of a title and its pitch set apart by a dash ("Cheap Flights - Compare 500+
//! Airlines"), or the advertiser's address, up to the story's next paragraph.
//!
//! **Example**: `Advertisement` between two paragraphs.
//!
//! **Known misses**: labels fused into a body sentence; languages missing from the cue file;
//! text ads without a label above them.

use super::lexicon::{CueHits, Rule};
use super::shape::{CURRENCY_SIGNS, Line};
use super::sig;

/// Longest line, in words, an ad label with a few words after it may be.
const MAX_WORDS: usize = 10;

/// Labels of a block of text ads, as [`Line::norm`] holds them.
const BLOCK_LABELS: [&str; 7] = [
    " ads by google ",
    " ads by yahoo ",
    " sponsored links ",
    " sponsored results ",
    " sponsored listings ",
    " anzeigen ",
    " google anzeigen ",
];
/// Most lines of a block of text ads.
const BLOCK_ADS: usize = 8;
/// Most words of one text ad.
const AD_WORDS: usize = 25;

/// Marks the text ads under a block's label (see the module's doc); `out` holds the signals
/// so far.
pub(crate) fn mark_blocks(lines: &[Line], first: usize, out: &mut [u32]) {
    for i in first..lines.len() {
        if !BLOCK_LABELS.contains(&lines[i].norm.as_str()) {
            continue;
        }
        for j in i + 1..lines.len().min(i + 1 + BLOCK_ADS) {
            let l = &lines[j];
            let ad = !l.block
                && l.words <= AD_WORDS
                && (l.only_links || l.text.contains(" - ") || l.text.contains(" – "));
            if !ad {
                break;
            }
            out[j] |= sig::AD_SLOT | sig::AFTER_CUE;
        }
    }
}

/// The signals this rule adds to a line (0 when it does not fire).
pub(crate) fn check(l: &Line, h: CueHits) -> u32 {
    let numbered = l.digits > 0 && l.words <= 3 && h.numbered(Rule::AdSlot);
    if h.line(Rule::AdSlot) || numbered || (h.prefix(Rule::AdSlot) && l.words <= MAX_WORDS) {
        sig::AD_SLOT
    } else if price_at_store(l) || ad_marking(l) {
        sig::AD_SLOT | sig::SHAPE
    } else {
        0
    }
}

/// Most words of an ad's legal marking line.
const MARKING_WORDS: usize = 30;

/// An ad's legal marking: Russian law has every online ad carry its advertiser and a
/// registry token after "erid" ("Реклама. ООО «Ромашка», ИНН 7700000000, erid: LjN8K…"), a
/// token no story writes.
fn ad_marking(l: &Line) -> bool {
    l.digits > 0 && l.words <= MARKING_WORDS && l.norm.contains(" erid ")
}

/// A deals box's button: a price and the store that sells at it ("$229 at Amazon", "£199 at
/// Currys PC World"), alone on the line.
fn price_at_store(l: &Line) -> bool {
    if l.words > 6 || l.digits == 0 {
        return false;
    }
    let Some((price, store)) = l.text.trim().split_once(" at ") else {
        return false;
    };
    let figure = price.trim_start_matches(CURRENCY_SIGNS);
    figure.len() < price.len()
        && figure.starts_with(|c: char| c.is_ascii_digit())
        && figure
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
        && (1..=3).contains(&store.split_whitespace().count())
        && store
            .split_whitespace()
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::super::sig;
    use super::super::tests::fired;

    #[test]
    fn text_ads_under_their_block_label() {
        let body = "The council approved the budget on Tuesday after a long debate about the cost of the new bridge.";
        let got: Vec<bool> = super::super::tests::fired_all(&[
            body,
            "Ads by Google",
            "Cheap Flights to Lisbon - Compare 500+ Airlines. Book Now",
            "www.example-flights.com",
            body,
            "Advertisement",
            "Analysis - what the vote means",
        ])
        .iter()
        .map(|s| s & sig::AD_SLOT != 0)
        .collect();
        assert_eq!(got, [false, true, true, true, false, true, false]);
    }

    #[test]
    fn labels_in_several_languages() {
        for t in [
            "Advertisement",
            "ADVERTISEMENT",
            "Artiklen fortsætter efter annoncen",
            "விளம்பரம்",
            "Anzeige",
            "Publicidade",
            "Iklan",
            "Реклама",
            "Advertisement 2",
            "$229 at Amazon",
            "£199.99 at Currys PC World",
            "Реклама. ООО «Ромашка», ИНН 7700000000, erid: LjN8KXyZ3",
            "বিজ্ঞাপন",
        ] {
            assert!(fired(t) & sig::AD_SLOT != 0, "{t}");
        }
        for t in ["7 at Wembley", "$5 at the door"] {
            assert_eq!(fired(t) & sig::AD_SLOT, 0, "{t}");
        }
        assert_eq!(
            fired("The advertisement ran for three weeks on national television.") & sig::AD_SLOT,
            0
        );
    }
}
