//! What an article declares about its own provenance: the kinds of declaration and where each
//! one sits. The provenance stage finds them; the store keeps them with each article, and the
//! renderers and the index read them.

use super::ByteSpan;

/// What kind of declaration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DeclKind {
    /// `CITY (Outlet) —` at the start of the text.
    Dateline,
    /// A photo credit naming an agency or outlet.
    PhotoCredit,
    /// A link or line naming where the article was first published.
    SourceLink,
    /// An outlet named as the source of a statement or of copied text.
    Attribution,
    /// A republisher's disclosure that it aggregates or adapts others' articles.
    Aggregator,
    /// An outlet named in running text ("according to Reuters"): not a declaration of the
    /// article's own provenance, reported apart (`mentioned` in the JSON).
    Mention,
}

impl DeclKind {
    /// The wire name.
    pub fn name(self) -> &'static str {
        match self {
            DeclKind::Dateline => "dateline",
            DeclKind::PhotoCredit => "photo_credit",
            DeclKind::SourceLink => "source_link",
            DeclKind::Attribution => "attribution",
            DeclKind::Aggregator => "aggregator",
            DeclKind::Mention => "mention",
        }
    }
}

/// One thing an article declares about its sources.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declaration {
    /// What kind.
    pub kind: DeclKind,
    /// The outlet's canonical name (or the name as written when it is not in the list).
    pub outlet: String,
    /// Where the declaring text is.
    pub span: ByteSpan,
    /// The declaring text (at most `MAX_DECL_TEXT` bytes of it).
    pub text: String,
    /// For a source link, the URL; for an aggregator, its contact address.
    pub detail: Option<String>,
}
