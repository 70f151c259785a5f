//! `reprint check --format sarif`: the SARIF 2.1.0 log, [`SarifLog`].
//!
//! One run; one rule per finding kind, its id the kind's name (stable) and its index the
//! kind's place in [`FindingKind::ALL`]; each result has `ruleId`, `level`, `message.text`,
//! one location with `startLine` (always) and `endLine` (for `.txt` also
//! `byteOffset`/`byteLength`, which are the file's bytes there), `relatedLocations` (the origin
//! first, then other carriers; those in the index point at the file and line they were added
//! from) and `partialFingerprints."reprint/v1"`: a hash of the kind and the normalized text of
//! the drop paragraphs involved, so re-running on the same text gives the same fingerprint.
//! Files or records that could not be read are tool execution notifications. Keys are written
//! in alphabetical order.

use super::{Carrier, CiFinding, CiReport, write_document};
use crate::json::round4;
use reprint_core::error::RecordError;
use reprint_core::model::FindingKind;
use serde::Serialize;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Related locations of a result at most, besides the origin.
const MAX_RELATED: usize = 5;

/// The SARIF log.
#[derive(Serialize)]
pub(crate) struct SarifLog<'a> {
    /// The SARIF schema's address.
    #[serde(rename = "$schema")]
    pub schema: &'static str,
    /// The one run.
    pub runs: [Run<'a>; 1],
    /// `2.1.0`.
    pub version: &'static str,
}

/// The run of a check.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Run<'a> {
    /// The one invocation.
    pub invocations: [Invocation; 1],
    /// The verdict and the index.
    pub properties: RunProperties<'a>,
    /// One result per finding, in the report's order.
    pub results: Vec<SarifResult<'a>>,
    /// reprint and its rules.
    pub tool: SarifTool,
}

/// Whether the check read everything, and what it could not read.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Invocation {
    /// No file or record was left unread.
    pub execution_successful: bool,
    /// One per file or record left unread: without them a code-scanning upload of a check
    /// that exited 2 would look clean.
    pub tool_execution_notifications: Vec<Notification>,
}

/// The run's own properties.
#[derive(Serialize)]
pub(crate) struct RunProperties<'a> {
    /// The index file as given.
    pub index: &'a str,
    /// Whether the drop is within policy.
    pub pass: bool,
}

/// `tool`.
#[derive(Serialize)]
pub(crate) struct SarifTool {
    /// reprint.
    pub driver: Driver,
}

/// `tool.driver`.
#[derive(Serialize)]
pub(crate) struct Driver {
    /// `reprint`.
    pub name: &'static str,
    /// One rule per kind, in [`FindingKind::ALL`] order.
    pub rules: Vec<Rule>,
    /// The version that wrote the log.
    pub version: &'static str,
}

/// A rule: one finding kind.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Rule {
    /// `error` for a kind that fails the policy, else `warning`.
    pub default_configuration: LevelJson,
    /// What the kind means.
    pub full_description: Message<'static>,
    /// The kind's name.
    pub id: &'static str,
    /// The short description without spaces.
    pub name: String,
    /// The kind in a few words.
    pub short_description: Message<'static>,
}

/// `{"level": …}`.
#[derive(Serialize)]
pub(crate) struct LevelJson {
    /// `error` or `warning`.
    pub level: &'static str,
}

/// `{"text": …}`.
#[derive(Serialize)]
pub(crate) struct Message<'a> {
    /// The text.
    pub text: Cow<'a, str>,
}

impl<'a> Message<'a> {
    fn new(text: impl Into<Cow<'a, str>>) -> Message<'a> {
        Message { text: text.into() }
    }
}

/// A finding as a SARIF result.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SarifResult<'a> {
    /// `error` or `warning`.
    pub level: &'static str,
    /// Its place in the drop.
    pub locations: [ResultLocation<'a>; 1],
    /// What was found.
    pub message: Message<'a>,
    /// `reprint/v1`: its fingerprint.
    pub partial_fingerprints: Fingerprints<'a>,
    /// Its score and whether it crosses outlets.
    pub properties: ResultProperties,
    /// The origin first, then other carriers.
    pub related_locations: Vec<RelatedLocation<'a>>,
    /// The kind's name.
    pub rule_id: &'static str,
    /// The kind's rule in `tool.driver.rules`.
    pub rule_index: usize,
}

/// `partialFingerprints`.
#[derive(Serialize)]
pub(crate) struct Fingerprints<'a> {
    /// A hash of the kind and the drop's text involved.
    #[serde(rename = "reprint/v1")]
    pub reprint_v1: &'a str,
}

/// A result's `properties`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ResultProperties {
    /// For reuse: whether the members span more than one outlet.
    pub cross_outlet: Option<bool>,
    /// The finding's score (rounded).
    pub score: f64,
}

/// A result's place: its file and lines, and the article.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ResultLocation<'a> {
    /// The drop article.
    pub logical_locations: [LogicalLocation<'a>; 1],
    /// The file and lines.
    pub physical_location: PhysicalLocation,
}

/// An article, by its id.
#[derive(Serialize)]
pub(crate) struct LogicalLocation<'a> {
    /// `article`.
    pub kind: &'static str,
    /// The article's id.
    pub name: &'a str,
}

/// A file and where in it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PhysicalLocation {
    /// The file.
    pub artifact_location: ArtifactLocation,
    /// Where in it, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
}

/// `{"uri": …}`.
#[derive(Serialize)]
pub(crate) struct ArtifactLocation {
    /// The file as a URI reference ([`uri`]).
    pub uri: String,
}

/// Lines, and for `.txt` files the bytes.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Region {
    /// Bytes of the member, when the file's bytes are the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byte_length: Option<u32>,
    /// First byte of the member, when the file's bytes are the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byte_offset: Option<u32>,
    /// Last line (results only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_line: Option<u32>,
    /// First line (1-based).
    pub start_line: u32,
}

impl Region {
    fn line(start_line: u32) -> Region {
        Region {
            byte_length: None,
            byte_offset: None,
            end_line: None,
            start_line,
        }
    }
}

/// Another article carrying a result's text.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RelatedLocation<'a> {
    /// Its position in `relatedLocations`.
    pub id: usize,
    /// `first seen: …` or `also in: …`.
    pub message: Message<'a>,
    /// Its file and line, when it was read from a file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub physical_location: Option<PhysicalLocation>,
}

impl RelatedLocation<'_> {
    fn new(id: usize, c: &Carrier, what: &str) -> RelatedLocation<'static> {
        RelatedLocation {
            id,
            message: Message::new(format!("{what}: {}", c.describe())),
            physical_location: c.path.as_ref().map(|p| PhysicalLocation {
                artifact_location: ArtifactLocation { uri: uri(p) },
                region: Some(Region::line(c.line.max(1))),
            }),
        }
    }
}

/// A file or record that could not be read.
#[derive(Serialize)]
pub(crate) struct Notification {
    /// `unreadable-input`.
    pub descriptor: Descriptor,
    /// `error`.
    pub level: &'static str,
    /// The file and line, unless it is standard input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locations: Option<[NotificationLocation; 1]>,
    /// The error.
    pub message: Message<'static>,
}

/// `{"id": …}`.
#[derive(Serialize)]
pub(crate) struct Descriptor {
    /// The notification's kind.
    pub id: &'static str,
}

/// `{"physicalLocation": …}`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct NotificationLocation {
    /// The file, and the line when the place names one.
    pub physical_location: PhysicalLocation,
}

impl From<&RecordError> for Notification {
    fn from(e: &RecordError) -> Notification {
        let (file, line) = match e.place.rsplit_once(':') {
            Some((f, l)) if !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()) => {
                (f, l.parse::<u32>().ok())
            }
            _ => (e.place.as_str(), None),
        };
        let located = file != "<stdin>" && !file.is_empty();
        Notification {
            descriptor: Descriptor {
                id: "unreadable-input",
            },
            level: "error",
            locations: located.then(|| {
                [NotificationLocation {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation { uri: uri(file) },
                        region: line.filter(|&l| l > 0).map(Region::line),
                    },
                }]
            }),
            message: Message::new(e.to_string()),
        }
    }
}

/// What a rule says of its kind.
fn rule_text(kind: FindingKind) -> (&'static str, &'static str) {
    match kind {
        FindingKind::Boilerplate => (
            "Site boilerplate left in the text",
            "Site text that is not the article (comment prompts, share and newsletter lines, related links), recognised by a cue or by recurring at the edges of an outlet's articles, including its earlier articles in the index.",
        ),
        FindingKind::AggregatorFooter => (
            "Aggregator footer",
            "A republisher's disclosure and source link at the end of an article.",
        ),
        FindingKind::ReusedWording => (
            "Reused wording",
            "The same or nearly the same paragraph, or a shared run of words, in another article of the drop or of the index.",
        ),
        FindingKind::SyndicatedArticle => (
            "Syndicated article",
            "Most of the article's words are in paragraphs shared with one article of another outlet.",
        ),
        FindingKind::DuplicateArticle => (
            "Duplicate article",
            "Most of the article's words are in paragraphs shared with another article of the same outlet.",
        ),
        FindingKind::InternalDuplicate => (
            "Internal duplicate",
            "A paragraph repeated inside one article.",
        ),
    }
}

/// A file as a SARIF `uri`: a relative (or absolute) URI reference with `/` between folders
/// and every byte outside RFC 3986's unreserved characters percent-encoded, so that a file
/// named `sp ace/drop 50%.jsonl` is `sp%20ace/drop%2050%25.jsonl` (a raw space, `%`, `#` or
/// `:` makes the log invalid, or points elsewhere).
pub(crate) fn uri(path: &str) -> String {
    let path = path.strip_prefix("./").unwrap_or(path).replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

impl<'a> SarifLog<'a> {
    /// The log of a report.
    pub(crate) fn new(r: &'a CiReport<'a>) -> SarifLog<'a> {
        let rules = FindingKind::ALL
            .iter()
            .map(|&k| {
                let (short, full) = rule_text(k);
                let failing = r.policy.fail_on.contains(&k);
                Rule {
                    default_configuration: LevelJson {
                        level: if failing { "error" } else { "warning" },
                    },
                    full_description: Message::new(full),
                    id: k.name(),
                    name: short.replace(' ', ""),
                    short_description: Message::new(short),
                }
            })
            .collect();
        let errors = &r.run.analysis.errors;
        SarifLog {
            schema: "https://json.schemastore.org/sarif-2.1.0.json",
            runs: [Run {
                invocations: [Invocation {
                    execution_successful: errors.is_empty(),
                    tool_execution_notifications: errors.iter().map(Notification::from).collect(),
                }],
                properties: RunProperties {
                    index: &r.index.path,
                    pass: r.verdict.pass,
                },
                results: r.findings.iter().map(|f| SarifResult::new(r, f)).collect(),
                tool: SarifTool {
                    driver: Driver {
                        name: "reprint",
                        rules,
                        version: env!("CARGO_PKG_VERSION"),
                    },
                },
            }],
            version: "2.1.0",
        }
    }
}

impl<'a> SarifResult<'a> {
    fn new(r: &'a CiReport<'a>, f: &'a CiFinding) -> SarifResult<'a> {
        let mut related = Vec::new();
        if let Some(o) = &f.origin {
            related.push(RelatedLocation::new(0, o, "first seen"));
        }
        let origin = f.origin.as_ref().map(|o| (&o.article, o.paragraph));
        for c in f
            .others
            .iter()
            .filter(|c| Some((&c.article, c.paragraph)) != origin)
            .take(MAX_RELATED)
        {
            related.push(RelatedLocation::new(related.len(), c, "also in"));
        }
        let finding = &r.run.analysis.classification.findings[f.index];
        let region = Region {
            byte_length: f.bytes.map(|(_, len)| len),
            byte_offset: f.bytes.map(|(off, _)| off),
            end_line: Some(f.end_line.max(f.line).max(1)),
            start_line: f.line.max(1),
        };
        SarifResult {
            level: f.level.name(),
            locations: [ResultLocation {
                logical_locations: [LogicalLocation {
                    kind: "article",
                    name: &f.article,
                }],
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation { uri: uri(&f.path) },
                    region: Some(region),
                },
            }],
            message: Message::new(f.message.as_str()),
            partial_fingerprints: Fingerprints {
                reprint_v1: &f.fingerprint,
            },
            properties: ResultProperties {
                cross_outlet: finding.cross_outlet,
                score: round4(f64::from(finding.score)),
            },
            related_locations: related,
            rule_id: f.kind.name(),
            rule_index: f.kind.index(),
        }
    }
}

/// Writes the `SarifLog` of a report.
pub fn write_sarif(out: &mut dyn Write, r: &CiReport<'_>) -> io::Result<()> {
    write_document(out, &SarifLog::new(r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sarif_uris_are_percent_encoded() {
        assert_eq!(
            uri("./sp ace/drop 50%.jsonl"),
            "sp%20ace/drop%2050%25.jsonl"
        );
        assert_eq!(uri("a:b/<c>#d"), "a%3Ab/%3Cc%3E%23d");
        assert_eq!(uri("é.txt"), "%C3%A9.txt");
        assert_eq!(uri("plain/file-1_a~.txt"), "plain/file-1_a~.txt");
    }
}
