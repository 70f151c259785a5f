//! Newsletter, app, social, podcast and subscription promos.
//!
//! **What it flags**: the site asking the reader to do something other than read: sign up,
//! subscribe, follow on a platform, get the app, listen to the podcast, take a survey.
//!
//! **Evidence**: a promo phrase of the cue file inside a line of at most 50 words ("sign up
//! for", "in your inbox", "download the app", "click here"), or a line of at most 30 words that
//! opens with a call to action ("Follow …", "Subscribe …", "Listen to …") and names a
//! platform, carries a link or is set in capitals.
//!
//! **Example**: `Follow NBC Latino on Facebook, Twitter and Instagram.`
//!
//! **Known misses**: deals headers ("Save hundreds on …"), promos worded as plain sentences
//! with no call to action.

use super::lexicon::{CueHits, Rule};
use super::shape::Line;
use super::sig;

/// Longest line, in words, flagged on a contained promo phrase.
const CONTAINS_WORDS: usize = 50;
/// Longest line, in words, flagged on a call to action at its start.
const PREFIX_WORDS: usize = 30;

/// Platforms and channels a call to action names. Brand names and words of the web, the same
/// in every language.
const PLATFORMS: [&str; 16] = [
    " facebook ",
    " twitter ",
    " instagram ",
    " youtube ",
    " tiktok ",
    " telegram ",
    " whatsapp ",
    " linkedin ",
    " snapchat ",
    " threads ",
    " newsletter ",
    " newsletters ",
    " podcast ",
    " app ",
    " inbox ",
    " rss ",
];

/// The signals this rule adds to a line.
pub fn check(l: &Line, h: CueHits) -> u32 {
    let inside = h.inside(Rule::Promo) && l.words <= CONTAINS_WORDS;
    let call = h.prefix(Rule::Promo)
        && l.words <= PREFIX_WORDS
        && (l.link_like || l.all_caps() || PLATFORMS.iter().any(|p| l.norm.contains(p)));
    if inside || call { sig::PROMO } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::super::sig;
    use super::super::tests::fired;

    #[test]
    fn promos_in_several_languages() {
        for t in [
            "Follow NBC Latino on Facebook, Twitter and Instagram.",
            "Sign up for our daily newsletter and get the news in your inbox.",
            "CLICK HERE TO GET THE APP",
            "Siga-nos no Instagram e no Twitter",
            "Abonnieren Sie unseren Newsletter",
            "Подписывайтесь на наш Telegram-канал",
        ] {
            assert!(fired(t) & sig::PROMO != 0, "{t}");
        }
        assert_eq!(
            fired(
                "Follow-up talks between the two delegations are planned for next week in Geneva."
            ) & sig::PROMO,
            0
        );
    }
}
