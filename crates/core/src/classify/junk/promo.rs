//! Newsletter, app, social, podcast and subscription promos.
//!
//! **What it flags**: the site asking the reader to do something other than read: sign up,
//! subscribe, follow on a platform, get the app, listen to the podcast, take a survey.
//!
//! **Evidence**: a promo phrase of the cue file inside a line of at most 50 words ("sign up
//! for", "in your inbox", "download the app", "click here"), or of at most 80 words that
//! carries a link or ends in a button's label ("… Join today. LEARN MORE"); a line of at most
//! 30 words that opens with a call to action ("Follow …", "Subscribe …", "Listen to …") and
//! names a platform, carries a link or is set in capitals; a short line that ends in a link
//! arrow ("… near you »"); a label followed only by links ("More sports: https://… and
//! https://…").
//!
//! **Example**: `Follow NBC Latino on Facebook, Twitter and Instagram.`
//!
//! **Known misses**: deals headers ("Save hundreds on …"), promos worded as plain sentences
//! with no call to action.

use super::lexicon::{CueHits, JunkLexicon, Rule};
use super::shape::{CURRENCY_SIGNS, LONG_WORDS, Line, is_link_token};
use super::sig;

/// Longest line, in words, flagged on a contained promo phrase.
const CONTAINS_WORDS: usize = 50;
/// Longest line, in words, flagged on a call to action at its start.
const PREFIX_WORDS: usize = 30;

/// Platforms and channels a call to action names. Brand names and words of the web, the same
/// in every language; the social platforms come first ([`SOCIAL_PLATFORMS`]).
const PLATFORMS: [&str; 27] = [
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
    " google news ",
    " wiadomościach google ",
    " kakaotalk ",
    " 카카오톡 ",
    " viber ",
    " تيليغرام ",
    " تلغرام ",
    " واتساب ",
    " تطبيق ",
    " телеграм ",
    " телеграмі ",
];

/// Labels of the button a promo box ends in, lower case as in [`Line::norm`], in several
/// languages.
const BUTTONS: [&str; 22] = [
    " learn more ",
    " find out more ",
    " subscribe ",
    " subscribe now ",
    " sign up ",
    " sign up now ",
    " join now ",
    " join today ",
    " saiba mais ",
    " assine ",
    " assine já ",
    " suscríbete ",
    " más información ",
    " en savoir plus ",
    " je m'abonne ",
    " mehr erfahren ",
    " jetzt abonnieren ",
    " scopri di più ",
    " abbonati ",
    " berlangganan ",
    " подробнее ",
    " подписаться ",
];

/// Longest line, in words, that ends in a link arrow.
const ARROW_WORDS: usize = 30;

/// What a sales pitch offers besides a platform, lower case as in [`Line::norm`].
const OFFERS: [&str; 12] = [
    " free trial ",
    " subscribe free ",
    " day free trial ",
    " unlimited access ",
    " unlimited digital access ",
    " free articles ",
    " subscription ",
    " subscriptions ",
    " membership ",
    " member ",
    " alerts ",
    " digital access ",
];

/// Stems of the words for subscribing and membership, in several languages: a price is a
/// promo's only beside one of them (a deal on a product is the story's, in a shopping list).
const SUBSCRIBE_STEMS: [&str; 13] = [
    "subscri",
    "member",
    "abonn",
    "suscri",
    "assin",
    "abbon",
    "prenumer",
    "tilaa",
    "berlangganan",
    "подпис",
    "předplat",
    "abone",
    "inscr",
];

/// Most sentences of a line looked at for a call to action opening one of them.
const CALL_SENTENCES: usize = 3;

/// The signals this rule adds to a line.
pub(crate) fn check(lex: &JunkLexicon, l: &Line, h: CueHits) -> u32 {
    let inside = h.inside(Rule::Promo)
        && (l.words <= CONTAINS_WORDS
            || (l.words <= LONG_WORDS && (l.link_like || ends_in_button(l))));
    // What a call to action sells is looked for only on a line that makes one.
    let object = || l.link_like || l.all_caps() || pitched(l);
    let call = l.words <= PREFIX_WORDS
        && if h.prefix(Rule::Promo) {
            object()
        } else {
            h.later(Rule::Promo) && object() && later_call(lex, l)
        };
    // A newsletter form's field or a florist's button, the whole line ("Enter your email
    // address").
    if inside || call || h.line(Rule::Promo) {
        return sig::PROMO;
    }
    if (l.words <= ARROW_WORDS && ends_in_arrow(l.text))
        || label_then_links(l)
        || label_then_stores(l)
        || (l.words <= PREFIX_WORDS && follow_on_platforms(l))
        || (l.words <= PREFIX_WORDS && both_app_stores(l))
        || (l.words <= PREFIX_WORDS && ends_in_button(l) && pitched(l))
    {
        return sig::PROMO | sig::SHAPE;
    }
    0
}

/// A line naming both app stores ("… app sa Google Play at App Store", "앱 설치하고 … (App Store
/// | Google Play)"): in any language that is an app's download call, as a story naming an app
/// names the one it is in.
fn both_app_stores(l: &Line) -> bool {
    l.norm.contains(" app store ") && l.norm.contains(" google play ")
}

/// Names what a promo sells: a platform or channel, a subscription offer, or a price.
fn pitched(l: &Line) -> bool {
    PLATFORMS.iter().any(|p| l.norm.contains(p))
        || OFFERS.iter().any(|p| l.norm.contains(p))
        || l.norm
            .split(' ')
            .any(|w| w.len() > 10 && w.ends_with("newsletter"))
        || (has_price(l.text) && SUBSCRIBE_STEMS.iter().any(|s| l.norm.contains(s)))
}

/// A price: a figure with a currency sign before or after it ("$2.99", "1 €", "₦500").
fn has_price(text: &str) -> bool {
    text.match_indices(CURRENCY_SIGNS).any(|(i, sign)| {
        let after = text[i + sign.len()..].trim_start_matches(' ');
        let before = text[..i].trim_end_matches(' ');
        after.starts_with(|c: char| c.is_ascii_digit())
            || before.ends_with(|c: char| c.is_ascii_digit())
    })
}

/// A call to action opening the second or third sentence, after a lead-in ("Local journalism
/// matters. Subscribe to …", "Stay ahead of the storm: download the app …", "Stay across every
/// development - follow us on WhatsApp").
fn later_call(lex: &JunkLexicon, l: &Line) -> bool {
    let text = l.text;
    text.match_indices(['.', ':', '!', '?', '-', '–', '—'])
        .filter(|(i, p)| {
            let spaced_dash = !matches!(*p, "." | ":" | "!" | "?") && text[..*i].ends_with(' ');
            text[i + p.len()..].starts_with(' ')
                && (spaced_dash || matches!(*p, "." | ":" | "!" | "?"))
        })
        .take(CALL_SENTENCES - 1)
        .any(|(i, p)| {
            let words: Vec<String> = text[i + p.len()..]
                .split(|c: char| !(c.is_alphanumeric() || c == '\''))
                .filter(|w| !w.is_empty())
                .take(4)
                .map(str::to_lowercase)
                .collect();
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            (1..=words.len()).any(|k| lex.is_prefix_phrase(Rule::Promo, &words[..k]))
        })
}

/// "For the latest news, follow the Daily Clarion on Facebook, X and Instagram": "follow" and
/// whom (us, the outlet, a handle), and two social platforms or more ("… would follow up on
/// reports from Facebook users" is the story's).
fn follow_on_platforms(l: &Line) -> bool {
    if !l.norm.contains(" follow ") {
        return false;
    }
    let whom = l.text.match_indices(['F', 'f']).any(|(i, _)| {
        l.text[i..]
            .get(..7)
            .is_some_and(|w| w.eq_ignore_ascii_case("follow "))
            && l.text[i + 7..].split_whitespace().next().is_some_and(|w| {
                w == "us" || w == "the" || w.starts_with(|c: char| c.is_uppercase() || c == '@')
            })
    });
    whom && PLATFORMS[..SOCIAL_PLATFORMS]
        .iter()
        .filter(|p| l.norm.contains(*p))
        .count()
        >= 2
}

/// How many of [`PLATFORMS`], from the first, are social platforms one follows.
const SOCIAL_PLATFORMS: usize = 10;

/// Verbs a list of stores or streaming services follows, lower case ("Buy the book: Bookshop |
/// Amazon", "Listen: Spotify | Apple Music").
const STORE_CALLS: [&str; 8] = [
    "buy", "listen", "stream", "watch", "order", "shop", "download", "get",
];

/// A call to buy or listen, a colon, then two or more stores or services set apart by bars.
fn label_then_stores(l: &Line) -> bool {
    if !l.text.contains('|') || l.ends_sentence() {
        return false;
    }
    let Some((label, rest)) = l.text.split_once(':') else {
        return false;
    };
    let first = label.split_whitespace().next().unwrap_or("").to_lowercase();
    let stores: Vec<&str> = rest.split('|').map(str::trim).collect();
    label.split_whitespace().count() <= 3
        && STORE_CALLS.contains(&first.as_str())
        && stores.len() >= 2
        && stores
            .iter()
            .all(|s| (1..=4).contains(&s.split_whitespace().count()))
}

/// The line ends in a button's label, with no closing punctuation.
fn ends_in_button(l: &Line) -> bool {
    !l.ends_sentence() && BUTTONS.iter().any(|b| l.norm.ends_with(b))
}

/// A call to action that ends in a link arrow ("… find a professional near you »"). A closing
/// French or German quotation mark has its opening one on the line.
fn ends_in_arrow(text: &str) -> bool {
    let t = text.trim_end();
    let Some(rest) = t.strip_suffix(['»', '›', '→']) else {
        return false;
    };
    rest.ends_with(' ') && rest.split_whitespace().count() >= 3 && !t.contains(['«', '‹'])
}

/// A label and a colon followed only by two or more links ("More football:
/// https://example.com/football and https://example.com/scores"). A source line names one
/// link and is declared provenance, not a promo.
fn label_then_links(l: &Line) -> bool {
    // Two links make the line link-like, so a line that is not is passed over unsplit.
    if !l.link_like {
        return false;
    }
    let Some((label, rest)) = l.text.split_once(": ") else {
        return false;
    };
    let toks: Vec<&str> = rest.split_whitespace().collect();
    let links = toks.iter().filter(|t| is_link_token(t)).count();
    (1..=4).contains(&label.split_whitespace().count())
        && !label.contains("http")
        && links >= 2
        && toks
            .iter()
            .all(|t| is_link_token(t) || (t.chars().count() <= 3 && !t.contains('.')))
}

#[cfg(test)]
mod tests {
    use super::super::sig;
    use super::super::tests::fired;

    #[test]
    fn promos_in_several_languages() {
        for t in [
            "Follow NBC Latino on Facebook, Twitter and Instagram.",
            // Both app stores named, in any language.
            "I-download ang Hataw Balita app sa Google Play at App Store",
            "한누리통신 앱 설치하고 실시간 속보 알림 받기 (App Store | Google Play)",
            // A call after a dash, and platforms named in the page's script.
            "Stay across every development - follow the Harbour Post on WhatsApp",
            "Få de viktigaste nyheterna direkt i mobilen – ladda ner vår app",
            "تابعوا آخر الأخبار عبر قناتنا على تيليغرام",
            "Obserwuj nas w Wiadomościach Google",
            "Please enter a valid email address",
            "Melden Sie sich für unseren Newsletter an",
            "Sie haben bereits ein Abo? Hier anmelden",
            "Подпишитесь на нашу рассылку",
            "Get the latest news delivered daily!",
            "By clicking Sign up, you agree to our privacy policy.",
            "Sign up to receive daily headline news from the Valley Courier, a division of Courier Media Inc.",
            "Sertai saluran Telegram kami untuk berita terkini.",
            "Pakua programu ya Habari Leo upate habari papo kwa papo.",
            "Subscreva a nossa newsletter e receba as principais notícias todas as manhãs.",
            "সর্বশেষ খবর পেতে আমাদের ইউটিউব চ্যানেল সাবস্ক্রাইব করুন",
            "Simak berita dan artikel lainnya di Google News",
            "Thanks for signing up!",
            "There was an error processing your subscription.",
            "Cet article vous a été utile ? Abonnez-vous pour soutenir notre rédaction.",
            "For the latest news and breaking stories, follow the Daily Clarion on Facebook, X and Instagram",
            "Listen: Spotify | Apple Music | Bandcamp",
            "Buy the book: Bookshop.org | Amazon | Barnes & Noble",
            "Get the TechMeridian Daily — the day’s tech news in five minutes. Subscribe free.",
            "Sign up for our daily newsletter and get the news in your inbox.",
            "CLICK HERE TO GET THE APP",
            "Siga-nos no Instagram e no Twitter",
            "Abonnieren Sie unseren Newsletter",
            "Die wichtigsten Nachrichten des Tages direkt in Ihr Postfach.",
            "Ontvang elke ochtend het belangrijkste nieuws in je mailbox.",
            "Schrijf je in voor onze nieuwsbrief",
            "Recibe cada mañana las noticias más importantes en tu correo.",
            "Подписывайтесь на наш Telegram-канал",
            "Every week our host takes a long look at the housing market. Click to subscribe!",
            "Need a second opinion on your taxes? Our free tool can match you with an adviser »",
            "More NFL coverage: https://example.com/nfl and https://example.com/scores",
            "Mais esportes: https://example.com.br/esportes e https://example.com.br/placar",
            "Send us a tip: Email the newsroom at tips@example.com or use SecureDrop for documents.",
            "Pobierz aplikację i czytaj wiadomości z regionu na telefonie.",
            "Scarica l'app per leggere le notizie della tua città.",
        ] {
            assert!(fired(t) & sig::PROMO != 0, "{t}");
        }
        assert_eq!(
            fired(
                "Follow-up talks between the two delegations are planned for next week in Geneva."
            ) & sig::PROMO,
            0
        );
        for t in [
            "« Nous ne céderons pas », a déclaré le ministre devant les députés »",
            "Sources: https://example.org/report",
            "Prices climbed → ",
            "Der Verlag verschickt seit März einen täglichen Newsletter, den bereits 12.000 Menschen abonniert haben.",
            "The earbuds have noise cancellation and work with iOS and Android devices.",
            "Nyhetsbrevet som samebyn skickade till sina medlemmar i våras varnade redan då för betet.",
            "The ministry said it would follow up on reports from Facebook and Instagram users.",
            "Listen: the minister said | the mayor said nothing at all that day",
        ] {
            assert_eq!(fired(t) & sig::PROMO, 0, "{t}");
        }
    }

    #[test]
    fn a_long_membership_box_that_ends_in_its_button() {
        let pitch = "If you liked this story, we have a proposition for you: become a member. Members read every story without a paywall, get the print edition and join calls with our reporters and editors each month.";
        let line = format!("Worth a Thought {pitch} {pitch} LEARN MORE");
        assert!(line.split_whitespace().count() > super::CONTAINS_WORDS);
        assert!(fired(&line) & sig::PROMO != 0);
        let prose = format!("{pitch} {pitch} The offer ends soon.");
        assert_eq!(fired(&prose) & sig::PROMO, 0);
    }
}
