//! Readers of the label files of the development sets (one folder each, with an
//! `articles.jsonl`), converted into [`Labels`]:
//!
//! * article clusters (`clusters.jsonl`: `cluster`, `relation`, `members`), such as exact
//!   duplicate stories or cross-posted copies → article clusters, every pair of members a
//!   positive article pair;
//! * tiered article pairs (`pairs.tsv`: `a, b, tier, jaccard5, containment5`): tiers `exact` and
//!   `near` are positive, `partial` is ignored, `related` (and any other tier) is negative,
//!   i.e. must not be reported as a copy;
//! * labelled sentence pairs (`pairs.tsv`: `a, b, label`, 1 = equivalent) → reuse pairs:
//!   positive pairs should be reported as sharing reused wording, negative ones should not;
//! * Usenet spans (`spans.jsonl`: `article, kind, start, end`, ...): a `signature` is
//!   `boilerplate` bytes; a `quoted` run is reused wording, whose origin is the post it quotes
//!   when that post is in the set: the post named by its `declared_source` Message-ID, or, for
//!   a run quoted at depth 1 with no declared source, the reply's one parent in `replies.tsv`.
//!   `attribution` lines are not scored here. These labels are positive-only.
//!
//! Nothing here looks at the corpus beyond the ids and Message-IDs it is given.

use super::jsonl::for_each_value;
use super::labels::{ArticleGroup, KindSpan, Labels, PairLabel, PairLabelled, ReuseLabel, SpanRef};
use reprint_core::error::{Error, Result};
use reprint_core::model::FindingKind;
use serde_json::Value;
use std::collections::HashMap;
use std::io::BufRead;

/// Reads article clusters, one JSON object a line: `{"cluster", "relation", "members"}`.
pub(crate) fn read_article_clusters(input: impl BufRead, name: &str) -> Result<Labels> {
    let mut labels = Labels {
        label_files: vec![name.to_string()],
        ..Labels::default()
    };
    for_each_value(input, name, |line, place, v| {
        let members: Vec<String> = v
            .get("members")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|m| m.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        if members.len() < 2 {
            return Err(Error::Input(format!(
                "{place}: expected \"members\", two or more article ids"
            )));
        }
        labels.article_groups.push(ArticleGroup {
            id: v
                .get("cluster")
                .and_then(Value::as_str)
                .map_or_else(|| format!("#{line}"), str::to_string),
            relation: v
                .get("relation")
                .and_then(Value::as_str)
                .map(str::to_string),
            members,
        });
        Ok(())
    })?;
    labels.tidy();
    Ok(labels)
}

/// The layout of a `pairs.tsv`, told by its header line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PairsLayout {
    /// `a, b, tier, ...`: article pairs graded by tier.
    Tiered,
    /// `a, b, label`: sentence pairs, 1 or 0.
    Labelled,
}

/// Tells the layout of a pairs file from its header line.
pub(crate) fn pairs_layout(header: &str) -> Option<PairsLayout> {
    let cols: Vec<&str> = header.trim_end().split('\t').collect();
    match cols.get(2).copied() {
        Some("tier") => Some(PairsLayout::Tiered),
        Some("label") => Some(PairsLayout::Labelled),
        _ => None,
    }
}

/// Reads a `pairs.tsv` of either layout (see the module docs).
pub(crate) fn read_pairs(input: impl BufRead, name: &str) -> Result<Labels> {
    let mut labels = Labels {
        label_files: vec![name.to_string()],
        ..Labels::default()
    };
    let mut layout = None;
    for (i, line) in input.lines().enumerate() {
        let line = line.map_err(|e| Error::io(name, e))?;
        let place = || format!("{name}:{}", i + 1);
        if i == 0 {
            layout = Some(pairs_layout(&line).ok_or_else(|| {
                Error::Input(format!(
                    "{}: expected a header \"a<TAB>b<TAB>tier...\" or \"a<TAB>b<TAB>label\"",
                    place()
                ))
            })?);
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 3 {
            return Err(Error::Input(format!(
                "{}: expected at least 3 tab-separated fields",
                place()
            )));
        }
        let (a, b) = (f[0].to_string(), f[1].to_string());
        match layout {
            Some(PairsLayout::Tiered) => {
                let label = match f[2] {
                    "exact" | "near" => PairLabel::Positive,
                    "partial" => PairLabel::Ignore,
                    _ => PairLabel::Negative,
                };
                labels.article_pairs.push(PairLabelled {
                    a,
                    b,
                    label,
                    tier: Some(f[2].to_string()),
                });
            }
            _ => {
                let label = match f[2].trim() {
                    "1" => PairLabel::Positive,
                    "0" => PairLabel::Negative,
                    other => {
                        return Err(Error::Input(format!(
                            "{}: label must be 1 or 0, found {other:?}",
                            place()
                        )));
                    }
                };
                labels.reuse_pairs.push(PairLabelled {
                    a,
                    b,
                    label,
                    tier: None,
                });
            }
        }
    }
    labels.tidy();
    Ok(labels)
}

/// A reply link: `reply` quotes or follows up `parent`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Reply {
    /// The reply's article id.
    pub reply: String,
    /// The parent's article id.
    pub parent: String,
}

/// Reads `replies.tsv` (`reply, parent, via, message_id, ...`, a header line first).
pub(crate) fn read_replies(input: impl BufRead, name: &str) -> Result<Vec<Reply>> {
    let mut out = Vec::new();
    for (i, line) in input.lines().enumerate() {
        let line = line.map_err(|e| Error::io(name, e))?;
        if i == 0 || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 2 {
            return Err(Error::Input(format!(
                "{name}:{}: expected reply<TAB>parent<TAB>...",
                i + 1
            )));
        }
        out.push(Reply {
            reply: f[0].to_string(),
            parent: f[1].to_string(),
        });
    }
    Ok(out)
}

/// Reads the `message_id` of every article of an `articles.jsonl`: Message-ID → article id.
pub(crate) fn read_message_ids(input: impl BufRead, name: &str) -> Result<HashMap<String, String>> {
    #[derive(serde::Deserialize)]
    struct Head {
        id: String,
        message_id: Option<String>,
    }
    let mut out = HashMap::new();
    for (i, line) in input.lines().enumerate() {
        let line = line.map_err(|e| Error::io(name, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let h: Head = serde_json::from_str(&line)
            .map_err(|e| Error::Input(format!("{name}:{}: {e}", i + 1)))?;
        if let Some(m) = h.message_id {
            out.insert(m, h.id);
        }
    }
    Ok(out)
}

/// Reads Usenet `spans.jsonl` (see the module docs). `message_ids` maps Message-IDs of the
/// set's posts to article ids; `replies` are the set's reply links.
pub(crate) fn read_usenet_spans(
    input: impl BufRead,
    name: &str,
    message_ids: &HashMap<String, String>,
    replies: &[Reply],
) -> Result<Labels> {
    let mut labels = Labels {
        label_files: vec![name.to_string()],
        name: Some("usenet".into()),
        positive_only: true,
        ..Labels::default()
    };
    let mut parents: HashMap<&str, Vec<&str>> = HashMap::new();
    for r in replies {
        parents.entry(&r.reply).or_default().push(&r.parent);
    }
    for_each_value(input, name, |_, place, v| {
        let get_u32 = |k: &str| {
            v.get(k)
                .and_then(Value::as_u64)
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| Error::Input(format!("{place}: expected a number field \"{k}\"")))
        };
        let article = v
            .get("article")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::Input(format!("{place}: expected a field \"article\"")))?
            .to_string();
        let kind = v.get("kind").and_then(Value::as_str).unwrap_or_default();
        let span = SpanRef {
            article: article.clone(),
            paragraph: None,
            start: get_u32("start")?,
            end: get_u32("end")?,
        };
        match kind {
            "signature" => labels.kind_spans.push(KindSpan {
                kind: FindingKind::Boilerplate,
                span,
            }),
            "quoted" => {
                let declared = v.get("declared_source").and_then(Value::as_str);
                let depth = v.get("depth").and_then(Value::as_u64).unwrap_or(1);
                let origin = match declared {
                    Some(mid) => message_ids.get(mid).cloned(),
                    None if depth == 1 => match parents.get(article.as_str()).map(Vec::as_slice) {
                        Some([one]) => Some(one.to_string()),
                        _ => None,
                    },
                    None => None,
                };
                labels.reused.push(ReuseLabel {
                    id: format!("quoted:{article}:{}", span.start),
                    origin,
                    members: vec![span],
                });
            }
            _ => {}
        }
        Ok(())
    })?;
    labels.tidy();
    Ok(labels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_become_verdicts() {
        let tsv = "a\tb\ttier\tjaccard5\tcontainment5\nx2\tx1\texact\t1\t1\nx1\tx3\tnear\t0.9\t0.9\nx4\tx5\tpartial\t0.6\t0.7\nx6\tx7\trelated\t0.3\t0.4\n";
        let l = read_pairs(tsv.as_bytes(), "p.tsv").unwrap();
        let got: Vec<(&str, &str, PairLabel)> = l
            .article_pairs
            .iter()
            .map(|p| (p.a.as_str(), p.b.as_str(), p.label))
            .collect();
        assert_eq!(
            got,
            vec![
                ("x1", "x2", PairLabel::Positive),
                ("x1", "x3", PairLabel::Positive),
                ("x4", "x5", PairLabel::Ignore),
                ("x6", "x7", PairLabel::Negative),
            ]
        );
        assert!(l.reuse_pairs.is_empty());
    }

    #[test]
    fn sentence_pairs_become_reuse_pairs() {
        let tsv = "a\tb\tlabel\ns1\ts2\t1\ns3\ts4\t0\n";
        let l = read_pairs(tsv.as_bytes(), "p.tsv").unwrap();
        assert_eq!(l.reuse_pairs.len(), 2);
        assert_eq!(l.reuse_pairs[1].label, PairLabel::Negative);
        let e = read_pairs("a\tb\tlabel\ns1\ts2\tyes\n".as_bytes(), "p.tsv").unwrap_err();
        assert!(e.to_string().starts_with("p.tsv:2: "), "{e}");
        let e = read_pairs("x\ty\n".as_bytes(), "p.tsv").unwrap_err();
        assert!(e.to_string().starts_with("p.tsv:1: "), "{e}");
    }

    #[test]
    fn clusters_of_articles() {
        let j = "{\"cluster\": \"x0\", \"relation\": \"exact\", \"members\": [\"b\", \"a\"]}\n";
        let l = read_article_clusters(j.as_bytes(), "c.jsonl").unwrap();
        assert_eq!(l.article_groups[0].members, vec!["b", "a"]);
        assert_eq!(l.article_groups[0].relation.as_deref(), Some("exact"));
        let e = read_article_clusters("{\"members\": [\"a\"]}".as_bytes(), "c.jsonl");
        assert!(e.is_err());
    }

    #[test]
    fn usenet_quotes_get_their_origin() {
        let spans = r#"{"article": "r1", "kind": "signature", "start": 50, "end": 80, "delimiter": "-- ", "lines": 2}
{"article": "r1", "kind": "quoted", "start": 0, "end": 20, "depth": 1, "declared_source": "m-p1"}
{"article": "r1", "kind": "quoted", "start": 20, "end": 30, "depth": 2, "declared_source": null}
{"article": "r2", "kind": "quoted", "start": 0, "end": 9, "depth": 1, "declared_source": null}
{"article": "r3", "kind": "quoted", "start": 0, "end": 9, "depth": 1, "declared_source": "m-elsewhere"}
{"article": "r1", "kind": "attribution", "start": 0, "end": 9, "depth": 0, "declared_source": "m-p1"}
"#;
        let ids: HashMap<String, String> = [("m-p1".to_string(), "p1".to_string())].into();
        let replies = read_replies(
            "reply\tparent\tvia\nr2\tp2\treferences\nr3\tp3\treferences\n".as_bytes(),
            "r.tsv",
        )
        .unwrap();
        let l = read_usenet_spans(spans.as_bytes(), "s.jsonl", &ids, &replies).unwrap();
        assert!(l.positive_only);
        assert_eq!(l.kind_spans.len(), 1);
        assert_eq!(l.kind_spans[0].kind, FindingKind::Boilerplate);
        let origins: Vec<(&str, u32, Option<&str>)> = l
            .reused
            .iter()
            .map(|r| {
                (
                    r.members[0].article.as_str(),
                    r.members[0].start,
                    r.origin.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            origins,
            vec![
                ("r1", 0, Some("p1")),
                ("r1", 20, None),
                ("r2", 0, Some("p2")),
                ("r3", 0, None),
            ]
        );
    }
}
