//! Reading reprint's own label format: each line is checked field by field, and every problem
//! is reported with the file and line it is on.

use super::{
    ArticleGroup, ClusterMember, CopyLabel, DECLARED_KINDS, DeclaredLabel, KindPara, KindSpan,
    Labels, LineRef, PairLabel, PairLabelled, ParaCluster, ParaRef, ReuseLabel, SpanRef,
};
use reprint_core::error::{Error, Result};
use reprint_core::model::FindingKind;
use serde_json::Value;
use std::io::BufRead;

impl PairLabel {
    /// A verdict as the formats write it: a name, a boolean, or 1 / 0 (as text or a number).
    fn parse(v: &Value) -> Option<PairLabel> {
        match v {
            Value::String(s) => match s.as_str() {
                "positive" | "1" | "true" => Some(PairLabel::Positive),
                "negative" | "0" | "false" => Some(PairLabel::Negative),
                "ignore" => Some(PairLabel::Ignore),
                _ => None,
            },
            Value::Bool(b) => Some(if *b {
                PairLabel::Positive
            } else {
                PairLabel::Negative
            }),
            Value::Number(n) => match n.as_u64() {
                Some(1) => Some(PairLabel::Positive),
                Some(0) => Some(PairLabel::Negative),
                _ => None,
            },
            _ => None,
        }
    }
}

/// A field-reading helper that names the place of every problem.
struct Obj<'a> {
    v: &'a Value,
    place: &'a str,
}

impl Obj<'_> {
    fn err(&self, message: String) -> Error {
        Error::Input(format!("{}: {message}", self.place))
    }

    fn str(&self, key: &str) -> Result<String> {
        match self.v.get(key) {
            Some(Value::String(s)) => Ok(s.clone()),
            Some(Value::Number(n)) => Ok(n.to_string()),
            _ => Err(self.err(format!("expected a string field \"{key}\""))),
        }
    }

    fn opt_str(&self, key: &str) -> Result<Option<String>> {
        match self.v.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(_) => self.str(key).map(Some),
        }
    }

    fn u32_of(&self, v: &Value, key: &str) -> Result<u32> {
        v.as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| self.err(format!("\"{key}\" must be a whole number below 2^32")))
    }

    fn u32(&self, key: &str) -> Result<u32> {
        match self.v.get(key) {
            Some(v) => self.u32_of(v, key),
            None => Err(self.err(format!("expected a number field \"{key}\""))),
        }
    }

    fn opt_u32(&self, key: &str) -> Result<Option<u32>> {
        match self.v.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => self.u32_of(v, key).map(Some),
        }
    }

    fn array(&self, key: &str) -> Result<&Vec<Value>> {
        self.v
            .get(key)
            .and_then(Value::as_array)
            .ok_or_else(|| self.err(format!("expected an array field \"{key}\"")))
    }

    fn at<'b>(&'b self, v: &'b Value) -> Obj<'b> {
        Obj {
            v,
            place: self.place,
        }
    }

    /// `start`/`end` (and optional `paragraph`) of a span object.
    fn span(&self, article: String) -> Result<SpanRef> {
        let (start, end) = (self.u32("start")?, self.u32("end")?);
        if end < start {
            return Err(self.err(format!("\"end\" ({end}) is before \"start\" ({start})")));
        }
        Ok(SpanRef {
            article,
            paragraph: self.opt_u32("paragraph")?,
            start,
            end,
        })
    }

    /// `paragraph` or `paragraphs`.
    fn paragraphs(&self) -> Result<Vec<u32>> {
        if let Some(p) = self.opt_u32("paragraph")? {
            return Ok(vec![p]);
        }
        self.array("paragraphs")?
            .iter()
            .map(|v| self.u32_of(v, "paragraphs"))
            .collect()
    }
}

/// Reads reprint's own label format. `name` is how messages name the input (`path`); every
/// problem is reported as `name:line: message`.
pub(crate) fn read_jsonl(input: impl BufRead, name: &str) -> Result<Labels> {
    let mut labels = Labels {
        label_files: vec![name.to_string()],
        ..Labels::default()
    };
    let mut seq = 0usize;
    crate::jsonl::for_each_value(input, name, |_, place, v| {
        let o = Obj { v: &v, place };
        if !v.is_object() {
            return Err(o.err("expected a JSON object".into()));
        }
        seq += 1;
        read_line(&o, &mut labels, seq)
    })?;
    labels.tidy();
    Ok(labels)
}

fn read_line(o: &Obj<'_>, labels: &mut Labels, seq: usize) -> Result<()> {
    let kind = o.str("kind")?;
    match kind.as_str() {
        "set" => read_set(o, labels)?,
        "cluster" => labels.clusters.push(paragraph_cluster(o, seq)?),
        "article_cluster" => labels.article_groups.push(article_cluster(o, seq)?),
        "article_pair" | "reuse_pair" => {
            let label = o.v.get("label").and_then(PairLabel::parse).ok_or_else(|| {
                o.err("\"label\" must be \"positive\", \"negative\" or \"ignore\"".into())
            })?;
            let pair = PairLabelled {
                a: o.str("a")?,
                b: o.str("b")?,
                label,
                tier: o.opt_str("tier")?,
            };
            if kind == "article_pair" {
                labels.article_pairs.push(pair);
            } else {
                labels.reuse_pairs.push(pair);
            }
        }
        "declared" => {
            let kind = o.str("declared")?;
            if !DECLARED_KINDS.contains(&kind.as_str()) {
                return Err(o.err(format!(
                    "unknown declared kind \"{kind}\" (expected {})",
                    DECLARED_KINDS.join(", ")
                )));
            }
            labels.declared.push(DeclaredLabel {
                span: o.span(o.str("article")?)?,
                kind,
                outlet: o.opt_str("outlet")?,
            });
        }
        "body" => {
            let article = o.str("article")?;
            if o.v.get("start").is_some() {
                labels.body.push(LineRef::Span(o.span(article)?));
            } else {
                for p in o.paragraphs()? {
                    labels.body.push(LineRef::Para(ParaRef {
                        article: article.clone(),
                        paragraph: p,
                    }));
                }
            }
        }
        "reused_wording" => labels.reused.push(reused_wording(o, seq)?),
        other => match FindingKind::parse(other) {
            Some(k @ (FindingKind::SyndicatedArticle | FindingKind::DuplicateArticle)) => {
                labels.copies.push(CopyLabel {
                    kind: k,
                    article: o.str("article")?,
                    original: o.opt_str("original")?,
                    via: o.opt_str("via")?,
                });
            }
            Some(
                k @ (FindingKind::Boilerplate
                | FindingKind::AggregatorFooter
                | FindingKind::InternalDuplicate),
            ) => read_kind_lines(o, k, labels)?,
            _ => {
                return Err(o.err(format!(
                    "unknown label kind \"{other}\" (expected set, cluster, boilerplate, \
                     aggregator_footer, internal_duplicate, syndicated_article, \
                     duplicate_article, article_cluster, article_pair, reuse_pair, \
                     reused_wording, declared or body)"
                )));
            }
        },
    }
    Ok(())
}

/// A `cluster` line: near-duplicate paragraphs (`seq` numbers it when it has no id).
fn paragraph_cluster(o: &Obj<'_>, seq: usize) -> Result<ParaCluster> {
    let members = o
        .array("members")?
        .iter()
        .map(|m| cluster_member(&o.at(m)))
        .collect::<Result<Vec<_>>>()?;
    if members.len() < 2 {
        return Err(o.err("a cluster needs at least two members".into()));
    }
    Ok(ParaCluster {
        id: o.opt_str("id")?.unwrap_or_else(|| format!("#{seq}")),
        class: o.opt_str("class")?,
        origin: o.opt_str("origin")?,
        members,
    })
}

/// An `article_cluster` line: articles that copy one another.
fn article_cluster(o: &Obj<'_>, seq: usize) -> Result<ArticleGroup> {
    let members = o
        .array("members")?
        .iter()
        .map(|m| {
            m.as_str()
                .map(str::to_string)
                .ok_or_else(|| o.err("article cluster members are article ids".into()))
        })
        .collect::<Result<Vec<_>>>()?;
    if members.len() < 2 {
        return Err(o.err("an article cluster needs at least two members".into()));
    }
    Ok(ArticleGroup {
        id: o.opt_str("id")?.unwrap_or_else(|| format!("#{seq}")),
        relation: o.opt_str("relation")?,
        members,
    })
}

/// A `set` line: the set's name, whether its labels are positive only, and the kinds it covers.
fn read_set(o: &Obj<'_>, labels: &mut Labels) -> Result<()> {
    labels.name = o.opt_str("name")?;
    labels.positive_only =
        o.v.get("positive_only")
            .and_then(Value::as_bool)
            .unwrap_or(false);
    if let Some(list) = o.v.get("covers") {
        let list = list
            .as_array()
            .ok_or_else(|| o.err("\"covers\" must be an array of kinds".into()))?;
        for k in list {
            let name = k.as_str().unwrap_or_default();
            let kind = FindingKind::parse(name)
                .ok_or_else(|| o.err(format!("unknown kind {k} in \"covers\"")))?;
            labels.covers.insert(kind);
        }
    }
    Ok(())
}

/// A `reused_wording` line (`seq` numbers it when it has no id).
fn reused_wording(o: &Obj<'_>, seq: usize) -> Result<ReuseLabel> {
    let members = match o.v.get("members") {
        Some(_) => o
            .array("members")?
            .iter()
            .map(|m| {
                let m = o.at(m);
                m.span(m.str("article")?)
            })
            .collect::<Result<Vec<_>>>()?,
        None => vec![o.span(o.str("article")?)?],
    };
    Ok(ReuseLabel {
        id: o.opt_str("id")?.unwrap_or_else(|| format!("#{seq}")),
        origin: o.opt_str("origin")?,
        members,
    })
}

/// A line of kind `k` (boilerplate, footer or internal duplicate): a byte range or paragraphs,
/// with the pattern they show, if named.
fn read_kind_lines(o: &Obj<'_>, k: FindingKind, labels: &mut Labels) -> Result<()> {
    let article = o.str("article")?;
    let pattern = o.opt_str("pattern")?;
    let mut lines = Vec::new();
    if o.v.get("start").is_some() {
        let span = o.span(article)?;
        lines.push(LineRef::Span(span.clone()));
        labels.kind_spans.push(KindSpan { kind: k, span });
    } else {
        for p in o.paragraphs()? {
            let para = ParaRef {
                article: article.clone(),
                paragraph: p,
            };
            lines.push(LineRef::Para(para.clone()));
            labels.kind_paras.push(KindPara { kind: k, para });
        }
    }
    if let Some(pattern) = pattern {
        labels
            .patterns
            .extend(lines.into_iter().map(|l| (l, pattern.clone())));
    }
    Ok(())
}

/// A cluster member: `{"article", "paragraph", "edit"?, "jaccard5"?}` or `[article, paragraph]`.
fn cluster_member(o: &Obj<'_>) -> Result<ClusterMember> {
    if let Some(a) = o.v.as_array() {
        let article = a.first().and_then(Value::as_str);
        let paragraph = a.get(1).and_then(Value::as_u64).map(u32::try_from);
        return match (article, paragraph) {
            (Some(article), Some(Ok(paragraph))) => Ok(ClusterMember {
                para: ParaRef {
                    article: article.to_string(),
                    paragraph,
                },
                edit: a.get(2).and_then(Value::as_str).map(str::to_string),
                jaccard5: a.get(3).and_then(Value::as_f64).map(|x| x as f32),
            }),
            _ => Err(o.err("a cluster member is [article, paragraph] or an object".into())),
        };
    }
    Ok(ClusterMember {
        para: ParaRef {
            article: o.str("article")?,
            paragraph: o.u32("paragraph")?,
        },
        edit: o.opt_str("edit")?,
        jaccard5: o
            .v
            .get("jaccard5")
            .and_then(Value::as_f64)
            .map(|x| x as f32),
    })
}
