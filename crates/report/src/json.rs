//! The JSON and JSONL renderers: the `reprint.audit/1` wire format.
//!
//! # Envelope
//!
//! ```text
//! {
//!   "schema": "reprint.audit/1",
//!   "tool": {"name": "reprint", "version": "…"},
//!   "summary": {
//!     "articles": 5, "paragraphs": 210, "words": 5200, "outlets": 5, "clusters": 2,
//!     "kinds": {"boilerplate": {"findings": 7, "paragraphs": 7, "words": 41, "share": 0.0079}, …},
//!     "aggregators": [{"outlet": "…", "articles": 40, "copies": 38, "share": 0.95}],
//!     "contradictions": 1, "errors": 0
//!   },
//!   "articles": [{
//!     "id": "004_faff4caeb2184804", "source": null, "date": null, "title": "…", "url": null,
//!     "path": "seeds/004_faff4caeb2184804.txt", "line": null, "words": 992,
//!     "paragraphs": [{"index": 0, "start": 0, "end": 64, "kinds": []}, …],
//!     "provenance": {
//!       "declared": [{"kind": "source_link", "outlet": "Newsweek", "text": "https://…", "start": 5650, "end": 5790, "detail": "https://…"}],
//!       "mentioned": [{"outlet": "Reuters", "text": "Reuters", "start": 812, "end": 819}],
//!       "copied_from": [{"article": "…", "source": "…", "share": 0.93}],
//!       "contradictions": [{"kind": "undeclared_copy", "origin": "…", "declared": null}]
//!     }
//!   }],
//!   "clusters": [{"id": 0, "kind": "internal_duplicate", "members": [{"article": "…", "paragraph": 5, "start": 1210, "end": 1246}]}],
//!   "findings": [{
//!     "id": 0, "kind": "reused_wording", "members": […], "score": 1.0,
//!     "evidence": {"rule": "near_duplicate", "cluster": 1, "jaccard": 1.0, "edit_similarity": 1.0},
//!     "origin": {"article": "…", "source": "…", "date": "…"}, "cross_outlet": true
//!   }],
//!   "errors": [{"place": "corpus/a.jsonl:12", "message": "…"}]
//! }
//! ```
//!
//! * `start`/`end` are byte offsets into the article's text: the file's bytes for `.txt`, the
//!   decoded `text` field for JSONL. For `.txt` input, paragraph 0 is the first line (the title).
//! * `paragraphs[].kinds` lists the finding kinds covering the paragraph; empty for original text.
//! * A member's `paragraph` is `null` for article-level members (syndicated and duplicate
//!   articles), whose range is the whole text.
//! * `clusters[]` lists every verified near-duplicate paragraph cluster of two or more
//!   paragraphs, whatever its kind (`kind` is the kind most members carry, or `null`).
//! * `origin` is the earliest dated article carrying the text; `null` when no member is dated.
//! * Evidence `rule`s: `cue` (`cue`, `position`), `recurrence` (`articles`, `outlets`,
//!   `edge_share`), `disclosure` (`cue`), `near_duplicate` (`cluster`, `jaccard`,
//!   `edit_similarity`), `shared_span` (`words`, `quoted`), `shared_credit` (`outlet`), `article_share` (`share`,
//!   `shared_paragraphs`).
//!
//! JSONL (`--format jsonl`) writes one finding a line, in the same shape as `findings[]`.

use super::Summary;
use reprint_core::analysis::Analysis;
use reprint_core::classify::junk;
use reprint_core::model::DeclKind;
use reprint_core::model::{Evidence, Finding, Member};
use serde_json::{Value, json};
use std::io::{self, Write};

/// The schema name written into every document.
pub const SCHEMA: &str = "reprint.audit/1";

fn member_json(a: &Analysis, m: &Member) -> Value {
    json!({
        "article": a.store.articles[m.article.get()].meta.id,
        "paragraph": m.paragraph,
        "start": m.span.start,
        "end": m.span.end,
    })
}

fn evidence_json(e: &Evidence) -> Value {
    let r = |x: f32| (x as f64 * 10_000.0).round() / 10_000.0;
    match e {
        Evidence::Cue { cue, position } => {
            json!({"rule": "cue", "cue": cue, "position": position.name()})
        }
        Evidence::Recurrence {
            articles,
            outlets,
            edge_share,
        } => {
            json!({"rule": "recurrence", "articles": articles, "outlets": outlets, "edge_share": r(*edge_share)})
        }
        Evidence::Disclosure { cue } => json!({"rule": "disclosure", "cue": cue}),
        Evidence::Signals {
            rule,
            signals,
            position,
        } => {
            json!({"rule": "junk", "junk_rule": rule, "signals": signals, "position": position.name()})
        }
        Evidence::NearDuplicate {
            cluster,
            jaccard,
            edit_similarity,
        } => {
            json!({"rule": "near_duplicate", "cluster": cluster, "jaccard": r(*jaccard), "edit_similarity": edit_similarity.map(r)})
        }
        Evidence::SharedSpan { words, quoted } => {
            json!({"rule": "shared_span", "words": words, "quoted": quoted})
        }
        Evidence::AlignedPassage {
            similarity,
            matched,
            substituted,
            inserted,
            deleted,
        } => {
            json!({"rule": "aligned_passage", "similarity": r(*similarity), "matched": matched, "edits": {"substituted": substituted, "inserted": inserted, "deleted": deleted}})
        }
        Evidence::SharedCredit { outlet } => json!({"rule": "shared_credit", "outlet": outlet}),
        Evidence::ArticleShare {
            share,
            shared_paragraphs,
        } => {
            json!({"rule": "article_share", "share": r(*share), "shared_paragraphs": shared_paragraphs})
        }
    }
}

/// The origin of a finding as JSON.
pub fn origin_json(a: &Analysis, article: usize) -> Value {
    let art = &a.store.articles[article];
    json!({"article": art.meta.id, "source": a.outlet_name(article), "date": art.meta.date})
}

/// One finding as JSON (`id` is its position in the findings list).
pub fn finding_json(a: &Analysis, id: usize, f: &Finding) -> Value {
    let r = |x: f32| (x as f64 * 10_000.0).round() / 10_000.0;
    json!({
        "id": id,
        "kind": f.kind.name(),
        "members": f.members.iter().map(|m| member_json(a, m)).collect::<Vec<_>>(),
        "score": r(f.score),
        "evidence": evidence_json(&f.evidence),
        "origin": f.origin.as_ref().map(|o| origin_json(a, o.article.get())),
        "cross_outlet": f.cross_outlet,
    })
}

fn summary_json(s: &Summary) -> Value {
    let mut kinds = serde_json::Map::new();
    for k in &s.kinds {
        kinds.insert(
            k.kind.name().to_string(),
            json!({"findings": k.findings, "paragraphs": k.paragraphs, "words": k.words, "share": (k.share * 1e4).round() / 1e4}),
        );
    }
    json!({
        "articles": s.articles,
        "paragraphs": s.paragraphs,
        "words": s.words,
        "outlets": s.outlets,
        "clusters": s.clusters,
        "flagged_words": s.flagged_words,
        "kinds": kinds,
        "aggregators": s.aggregators.iter().map(|g| json!({
            "outlet": g.outlet, "articles": g.articles, "copies": g.copies,
            "share": ((g.copies as f64 / g.articles.max(1) as f64) * 1e4).round() / 1e4,
        })).collect::<Vec<_>>(),
        "contradictions": s.contradictions,
        "errors": s.errors,
    })
}

fn write_value(out: &mut dyn Write, v: &Value) -> io::Result<()> {
    serde_json::to_writer(&mut *out, v).map_err(io::Error::other)
}

fn str_json(out: &mut dyn Write, s: &str) -> io::Result<()> {
    serde_json::to_writer(&mut *out, s).map_err(io::Error::other)
}

fn opt_str_json(out: &mut dyn Write, s: Option<&str>) -> io::Result<()> {
    match s {
        Some(s) => str_json(out, s),
        None => out.write_all(b"null"),
    }
}

/// Writes a member without building a JSON value (millions of them in a large corpus).
fn write_member(out: &mut dyn Write, a: &Analysis, m: &Member) -> io::Result<()> {
    out.write_all(b"{\"article\":")?;
    str_json(out, &a.store.articles[m.article.get()].meta.id)?;
    match m.paragraph {
        Some(p) => write!(out, ",\"paragraph\":{p}")?,
        None => out.write_all(b",\"paragraph\":null")?,
    }
    write!(out, ",\"start\":{},\"end\":{}}}", m.span.start, m.span.end)
}

// Stays long: builds an article of `reprint.audit/1` field by field with `json!`.
fn write_article(out: &mut dyn Write, a: &Analysis, i: usize, path: &str) -> io::Result<()> {
    let art = &a.store.articles[i];
    out.write_all(b"{\"id\":")?;
    str_json(out, &art.meta.id)?;
    out.write_all(b",\"source\":")?;
    opt_str_json(out, a.outlet_name(i))?;
    out.write_all(b",\"date\":")?;
    opt_str_json(out, art.meta.date.as_deref())?;
    out.write_all(b",\"title\":")?;
    opt_str_json(out, art.meta.title.as_deref())?;
    out.write_all(b",\"url\":")?;
    opt_str_json(out, art.meta.url.as_deref())?;
    out.write_all(b",\"path\":")?;
    str_json(out, path)?;
    if art.location.line > 0 {
        write!(out, ",\"line\":{}", art.location.line)?;
    } else {
        out.write_all(b",\"line\":null")?;
    }
    write!(out, ",\"words\":{},\"paragraphs\":[", art.words)?;
    for (j, p) in art.paras().enumerate() {
        let para = &a.store.paras[p];
        if j > 0 {
            out.write_all(b",")?;
        }
        write!(
            out,
            "{{\"index\":{j},\"start\":{},\"end\":{},\"kinds\":[",
            para.span.start, para.span.end
        )?;
        for (n, k) in a.classification.para_kinds[p].iter().enumerate() {
            if n > 0 {
                out.write_all(b",")?;
            }
            write!(out, "\"{}\"", k.name())?;
        }
        out.write_all(b"]")?;
        if !a.classification.para_kinds[p].is_empty() && para.junk != 0 {
            out.write_all(b",\"junk\":")?;
            write_value(out, &json!(junk::sig::names(para.junk)))?;
        }
        out.write_all(b"}")?;
    }
    out.write_all(b"],\"provenance\":")?;
    let decl_json = |d: &reprint_core::model::Declaration| {
        let outlet = (!d.outlet.is_empty()).then_some(d.outlet.as_str());
        json!({"kind": d.kind.name(), "outlet": outlet, "text": d.text, "start": d.span.start, "end": d.span.end, "detail": d.detail})
    };
    let is_mention = |d: &&reprint_core::model::Declaration| d.kind == DeclKind::Mention;
    let declared: Vec<Value> = art
        .declared
        .iter()
        .filter(|d| !is_mention(d))
        .map(decl_json)
        .collect();
    let mentioned: Vec<Value> = art
        .declared
        .iter()
        .filter(is_mention)
        .map(|d| json!({"outlet": d.outlet, "text": d.text, "start": d.span.start, "end": d.span.end}))
        .collect();
    let copied: Vec<Value> = a.provenance.copied_from[i]
        .iter()
        .map(|c| {
            json!({"article": a.store.articles[c.article as usize].meta.id, "source": a.outlet_name(c.article as usize),
                   "share": ((c.share as f64) * 1e4).round() / 1e4})
        })
        .collect();
    let contradictions: Vec<Value> = a
        .provenance
        .contradictions_of(i)
        .iter()
        .map(|c| json!({"kind": c.kind.name(), "origin": origin_json(a, c.origin as usize), "declared": c.declared}))
        .collect();
    write!(out, "{{\"declared\":")?;
    write_value(out, &Value::Array(declared))?;
    out.write_all(b",\"mentioned\":")?;
    write_value(out, &Value::Array(mentioned))?;
    out.write_all(b",\"copied_from\":")?;
    write_value(out, &Value::Array(copied))?;
    out.write_all(b",\"contradictions\":")?;
    write_value(out, &Value::Array(contradictions))?;
    out.write_all(b"}}")
}

/// Writes one finding (as [`finding_json`] would build it) without building its members.
fn write_finding(out: &mut dyn Write, a: &Analysis, id: usize, f: &Finding) -> io::Result<()> {
    let r = |x: f32| (x as f64 * 10_000.0).round() / 10_000.0;
    write!(
        out,
        "{{\"id\":{id},\"kind\":\"{}\",\"members\":[",
        f.kind.name()
    )?;
    for (n, m) in f.members.iter().enumerate() {
        if n > 0 {
            out.write_all(b",")?;
        }
        write_member(out, a, m)?;
    }
    write!(out, "],\"score\":{},\"evidence\":", r(f.score))?;
    write_value(out, &evidence_json(&f.evidence))?;
    out.write_all(b",\"origin\":")?;
    match &f.origin {
        Some(o) => write_value(out, &origin_json(a, o.article.get()))?,
        None => out.write_all(b"null")?,
    }
    match f.cross_outlet {
        Some(x) => write!(out, ",\"cross_outlet\":{x}}}"),
        None => out.write_all(b",\"cross_outlet\":null}"),
    }
}

/// Writes the whole document. `paths[file]` names each input file.
pub fn write_json(
    out: &mut dyn Write,
    a: &Analysis,
    summary: &Summary,
    paths: &[String],
) -> io::Result<()> {
    write!(
        out,
        "{{\"schema\":\"{SCHEMA}\",\"tool\":{{\"name\":\"reprint\",\"version\":\"{}\"}},\"summary\":",
        env!("CARGO_PKG_VERSION")
    )?;
    write_value(out, &summary_json(summary))?;
    out.write_all(b",\n\"articles\":[")?;
    write_items(out, a.store.articles.len(), |w, i| {
        let file = a.store.articles[i].location.file as usize;
        write_article(w, a, i, paths.get(file).map_or("", String::as_str))
    })?;
    out.write_all(b"],\n\"clusters\":[")?;
    write_items(out, a.classification.clusters.len(), |w, c| {
        let cl = &a.classification.clusters[c];
        write!(w, "{{\"id\":{c},\"kind\":")?;
        opt_str_json(w, cl.kind.map(|k| k.name()))?;
        w.write_all(b",\"members\":[")?;
        for (n, m) in cl.members.iter().enumerate() {
            if n > 0 {
                w.write_all(b",")?;
            }
            write_member(w, a, m)?;
        }
        w.write_all(b"]}")
    })?;
    out.write_all(b"],\n\"findings\":[")?;
    write_items(out, a.classification.findings.len(), |w, i| {
        write_finding(w, a, i, &a.classification.findings[i])
    })?;
    out.write_all(b"],\n\"errors\":")?;
    let errors: Vec<Value> = a
        .errors
        .iter()
        .map(|e| json!({"place": e.place, "message": e.message}))
        .collect();
    write_value(out, &Value::Array(errors))?;
    out.write_all(b"}\n")
}

/// Items rendered per parallel block.
const BLOCK: usize = 1024;
/// Blocks rendered at once (bounds the memory held before writing).
const WAVE: usize = 8;

/// Writes `n` items separated by `,\n`, rendering blocks of them in parallel into memory and
/// writing the blocks in order, so the output is the same bytes as a sequential render. The
/// next wave renders while this one is written: on a large corpus writing hundreds of
/// megabytes is a second or more of system time that would otherwise stall the renderers.
fn write_items<F>(out: &mut dyn Write, n: usize, render: F) -> io::Result<()>
where
    F: Fn(&mut dyn Write, usize) -> io::Result<()> + Sync,
{
    use rayon::prelude::*;
    let blocks: Vec<std::ops::Range<usize>> = (0..n)
        .step_by(BLOCK)
        .map(|s| s..(s + BLOCK).min(n))
        .collect();
    let render_wave = |wave: &[std::ops::Range<usize>]| -> Vec<io::Result<Vec<u8>>> {
        wave.par_iter()
            .map(|r| {
                let mut buf = Vec::with_capacity(r.len() * 256);
                for i in r.clone() {
                    buf.extend_from_slice(if i > 0 { b",\n" } else { b"\n" });
                    render(&mut buf, i)?;
                }
                Ok(buf)
            })
            .collect()
    };
    std::thread::scope(|scope| {
        // One wave in flight ahead of the writer bounds the memory held.
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<io::Result<Vec<u8>>>>(1);
        let renderer = scope.spawn(move || {
            for wave in blocks.chunks(WAVE) {
                if tx.send(render_wave(wave)).is_err() {
                    break; // the writer failed and stopped listening
                }
            }
        });
        let written = (|| {
            for rendered in rx.iter() {
                for b in rendered {
                    out.write_all(&b?)?;
                }
            }
            Ok(())
        })();
        drop(rx);
        if let Err(panic) = renderer.join() {
            std::panic::resume_unwind(panic);
        }
        written
    })
}

/// Writes one finding a line.
pub fn write_jsonl(out: &mut dyn Write, a: &Analysis) -> io::Result<()> {
    for (i, f) in a.classification.findings.iter().enumerate() {
        write_finding(out, a, i, f)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
