//! Writing labels in reprint's own format: one JSON object a label, the kinds in the order the
//! format lists them, so that what is written here reads back as the same labels.

use super::{
    ArticleGroup, ClusterMember, CopyLabel, DeclaredLabel, KindPara, KindSpan, Labels, LineRef,
    PairLabelled, ParaCluster, ReuseLabel, SCHEMA, SpanRef,
};
use serde_json::{Value, json};
use std::io::Write;

impl Labels {
    /// Writes the labels in reprint's own format (what [`crate::load_labels`] reads back).
    pub fn write_jsonl(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let lines = std::iter::once(self.set_json())
            .chain(self.clusters.iter().map(cluster_json))
            .chain(self.kind_paras.iter().map(|k| self.kind_para_json(k)))
            .chain(self.kind_spans.iter().map(|k| self.kind_span_json(k)))
            .chain(self.copies.iter().map(copy_json))
            .chain(self.article_groups.iter().map(article_cluster_json))
            .chain(
                self.article_pairs
                    .iter()
                    .map(|p| pair_json("article_pair", p)),
            )
            .chain(self.reuse_pairs.iter().map(|p| pair_json("reuse_pair", p)))
            .chain(self.reused.iter().map(reused_json))
            .chain(self.declared.iter().map(declared_json))
            .chain(self.body.iter().map(body_json));
        for v in lines {
            serde_json::to_writer(&mut *out, &v).map_err(std::io::Error::other)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    /// The `set` header, always written, so that `positive_only` and `covers` survive a
    /// round trip even when no label names a covered kind.
    fn set_json(&self) -> Value {
        let covers: Vec<&str> = self.covers.iter().map(|k| k.name()).collect();
        json!({"kind": "set", "schema": SCHEMA, "name": self.name,
               "positive_only": self.positive_only, "covers": covers})
    }

    /// A paragraph of a kind, with its junk pattern: patterns are kept apart from the kind
    /// labels (by line), so they are joined back here.
    fn kind_para_json(&self, k: &KindPara) -> Value {
        let mut v = json!({"kind": k.kind.name(), "article": k.para.article, "paragraph": k.para.paragraph});
        if let Some(p) = self.pattern_of(&LineRef::Para(k.para.clone())) {
            v["pattern"] = json!(p);
        }
        v
    }

    /// A byte range of a kind, with its junk pattern (see [`Labels::kind_para_json`]).
    fn kind_span_json(&self, k: &KindSpan) -> Value {
        let mut v = span_json(&k.span);
        v["kind"] = json!(k.kind.name());
        if let Some(p) = self.pattern_of(&LineRef::Span(k.span.clone())) {
            v["pattern"] = json!(p);
        }
        v
    }
}

/// A `cluster` line; optional fields are left out rather than written as `null`.
fn cluster_json(c: &ParaCluster) -> Value {
    let members: Vec<Value> = c.members.iter().map(cluster_member_json).collect();
    let mut v = json!({"kind": "cluster", "id": c.id, "members": members});
    if let Some(x) = &c.class {
        v["class"] = json!(x);
    }
    if let Some(x) = &c.origin {
        v["origin"] = json!(x);
    }
    v
}

/// A cluster member as an object. `jaccard5` is rounded to three decimals: it was read as an
/// `f32`, and the digits past that are noise of the conversion, not of the label.
fn cluster_member_json(m: &ClusterMember) -> Value {
    let mut v = json!({"article": m.para.article, "paragraph": m.para.paragraph});
    if let Some(e) = &m.edit {
        v["edit"] = json!(e);
    }
    if let Some(j) = m.jaccard5 {
        v["jaccard5"] = json!((j as f64 * 1000.0).round() / 1000.0);
    }
    v
}

/// A `syndicated_article` or `duplicate_article` line.
fn copy_json(c: &CopyLabel) -> Value {
    let mut v = json!({"kind": c.kind.name(), "article": c.article});
    if let Some(x) = &c.original {
        v["original"] = json!(x);
    }
    if let Some(x) = &c.via {
        v["via"] = json!(x);
    }
    v
}

/// An `article_cluster` line.
fn article_cluster_json(g: &ArticleGroup) -> Value {
    let mut v = json!({"kind": "article_cluster", "id": g.id, "members": g.members});
    if let Some(x) = &g.relation {
        v["relation"] = json!(x);
    }
    v
}

/// An `article_pair` or `reuse_pair` line (`kind` says which: both are stored alike).
fn pair_json(kind: &str, p: &PairLabelled) -> Value {
    let mut v = json!({"kind": kind, "a": p.a, "b": p.b, "label": p.label.name()});
    if let Some(t) = &p.tier {
        v["tier"] = json!(t);
    }
    v
}

/// A `reused_wording` line.
fn reused_json(r: &ReuseLabel) -> Value {
    let members: Vec<Value> = r.members.iter().map(span_json).collect();
    let mut v = json!({"kind": "reused_wording", "id": r.id, "members": members});
    if let Some(x) = &r.origin {
        v["origin"] = json!(x);
    }
    v
}

/// A `declared` line.
fn declared_json(d: &DeclaredLabel) -> Value {
    let mut v = span_json(&d.span);
    v["kind"] = json!("declared");
    v["declared"] = json!(d.kind);
    v["outlet"] = json!(d.outlet);
    v
}

/// A `body` line: a paragraph, or a byte range.
fn body_json(b: &LineRef) -> Value {
    let mut v = match b {
        LineRef::Para(p) => json!({"article": p.article, "paragraph": p.paragraph}),
        LineRef::Span(s) => span_json(s),
    };
    v["kind"] = json!("body");
    v
}

/// The fields of a byte range; `paragraph` only when the offsets count from one.
fn span_json(s: &SpanRef) -> Value {
    let mut v = json!({"article": s.article, "start": s.start, "end": s.end});
    if let Some(p) = s.paragraph {
        v["paragraph"] = json!(p);
    }
    v
}
