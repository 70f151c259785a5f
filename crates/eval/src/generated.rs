//! Readers of the ground truth written by the synthetic corpus generator of the benchmarks
//! (`gen_corpus.py`): `truth_paragraphs.tsv` and `truth.jsonl`, converted into [`Labels`].
//!
//! What each relation becomes:
//!
//! * every paragraph cluster (a `truth_paragraphs.tsv` row, or a `paragraph_cluster` relation)
//!   → a labelled [`ParaCluster`] with the member's `edit` and `jaccard5`; members of class
//!   `boilerplate` → `boilerplate` paragraphs; two or more members of one cluster in one
//!   article → `internal_duplicate` paragraphs (a caption printed twice, or a wire paragraph
//!   drawn twice);
//! * `syndicated_article` and `aggregated_article` → the copy is a `syndicated_article` of its
//!   original (an aggregator's copy is a syndicated copy too); an original and all its copies
//!   form an article cluster; an aggregated copy's `footer_paragraphs` (source-link line and
//!   disclosure) → `aggregator_footer` paragraphs;
//! * `internal_duplicate` → `internal_duplicate` paragraphs;
//! * `reused_quote` → reused wording: the quote's byte range in each host paragraph. A quote
//!   whose hosts all lie in one labelled paragraph cluster (an article's quote carried only
//!   by that article's copies) is reuse of whole paragraphs, scored as such, and left out.
//!
//! The labels cover every finding kind but `reused_wording` at paragraph level. Nothing here
//! looks at the corpus itself.

use super::jsonl::for_each_value;
use super::labels::{
    ArticleGroup, ClusterMember, CopyLabel, KindPara, Labels, ParaCluster, ParaRef, ReuseLabel,
    SpanRef,
};
use reprint_core::error::{Error, Result};
use reprint_core::model::{FindingKind, KindSet};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;

/// The file names the generator writes.
pub(crate) const TRUTH_PARAGRAPHS: &str = "truth_paragraphs.tsv";
/// See [`TRUTH_PARAGRAPHS`].
pub(crate) const TRUTH_JSONL: &str = "truth.jsonl";
/// The generator's article file, beside its truth files.
pub(crate) const CORPUS_JSONL: &str = "corpus.jsonl";

/// Reads `truth_paragraphs.tsv` (`article_id, para_index, cluster_id, class, edit, jaccard5`,
/// a header line first).
pub(crate) fn read_truth_paragraphs(input: impl BufRead, name: &str) -> Result<Labels> {
    let mut clusters: BTreeMap<String, ParaCluster> = BTreeMap::new();
    for (i, line) in input.lines().enumerate() {
        let line = line.map_err(|e| Error::io(name, e))?;
        if i == 0 || line.trim().is_empty() {
            continue;
        }
        let place = || format!("{name}:{}", i + 1);
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 6 {
            return Err(Error::Input(format!(
                "{}: expected 6 tab-separated fields, found {}",
                place(),
                f.len()
            )));
        }
        let paragraph: u32 = f[1]
            .parse()
            .map_err(|_| Error::Input(format!("{}: bad paragraph index {:?}", place(), f[1])))?;
        let jaccard5: f32 = f[5]
            .parse()
            .map_err(|_| Error::Input(format!("{}: bad jaccard5 {:?}", place(), f[5])))?;
        clusters
            .entry(f[2].to_string())
            .or_insert_with(|| ParaCluster {
                id: f[2].to_string(),
                class: Some(f[3].to_string()),
                origin: None,
                members: Vec::new(),
            })
            .members
            .push(ClusterMember {
                para: ParaRef {
                    article: f[0].to_string(),
                    paragraph,
                },
                edit: Some(f[4].to_string()),
                jaccard5: Some(jaccard5),
            });
    }
    let mut labels = Labels {
        label_files: vec![name.to_string()],
        clusters: clusters.into_values().collect(),
        ..Labels::default()
    };
    derive_from_clusters(&mut labels);
    Ok(labels)
}

/// Boilerplate and internal duplicates that the clusters imply.
fn derive_from_clusters(labels: &mut Labels) {
    for c in &labels.clusters {
        if c.class.as_deref() == Some("boilerplate") {
            for m in &c.members {
                labels.kind_paras.push(KindPara {
                    kind: FindingKind::Boilerplate,
                    para: m.para.clone(),
                });
            }
        }
        let mut by_article: HashMap<&str, Vec<&ParaRef>> = HashMap::new();
        for m in &c.members {
            by_article.entry(&m.para.article).or_default().push(&m.para);
        }
        for paras in by_article.values().filter(|v| v.len() >= 2) {
            for p in paras {
                labels.kind_paras.push(KindPara {
                    kind: FindingKind::InternalDuplicate,
                    para: (*p).clone(),
                });
            }
        }
    }
    labels.tidy();
}

fn field<'a>(v: &'a Value, key: &str, place: &str) -> Result<&'a Value> {
    v.get(key)
        .ok_or_else(|| Error::Input(format!("{place}: expected a field \"{key}\"")))
}

fn string(v: &Value, key: &str, place: &str) -> Result<String> {
    field(v, key, place)?
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| Error::Input(format!("{place}: \"{key}\" must be a string")))
}

fn index(v: &Value, place: &str) -> Result<u32> {
    v.as_u64()
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| Error::Input(format!("{place}: expected a paragraph index, found {v}")))
}

/// Reads `truth.jsonl`. Paragraph clusters are read too, so the file alone is enough; with
/// `truth_paragraphs.tsv` as well, [`Labels::merge`] joins the two.
pub(crate) fn read_truth_jsonl(input: impl BufRead, name: &str) -> Result<Labels> {
    let mut labels = Labels {
        label_files: vec![name.to_string()],
        ..Labels::default()
    };
    let mut stories: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for_each_value(input, name, |line, place, v| {
        let relation = string(&v, "relation", place)?;
        match relation.as_str() {
            "paragraph_cluster" => labels.clusters.push(paragraph_cluster(&v, place)?),
            "syndicated_article" | "aggregated_article" => {
                let aggregated = relation == "aggregated_article";
                let copy = copy_of(&v, place, aggregated, &mut labels)?;
                if let Some(original) = &copy.original {
                    stories
                        .entry(original.clone())
                        .or_default()
                        .push(copy.article.clone());
                }
                labels.copies.push(copy);
            }
            "internal_duplicate" => {
                let article = string(&v, "article", place)?;
                for p in field(&v, "paragraphs", place)?
                    .as_array()
                    .into_iter()
                    .flatten()
                {
                    labels.kind_paras.push(KindPara {
                        kind: FindingKind::InternalDuplicate,
                        para: ParaRef {
                            article: article.clone(),
                            paragraph: index(p, place)?,
                        },
                    });
                }
            }
            "reused_quote" => labels.reused.push(reused_quote(&v, place, line)?),
            // Per-outlet boilerplate templates: their paragraphs are the clusters' members.
            "boilerplate" => {}
            other => {
                return Err(Error::Input(format!(
                    "{place}: unknown relation \"{other}\""
                )));
            }
        }
        Ok(())
    })?;
    for (original, mut copies) in stories {
        copies.sort();
        let mut members = vec![original.clone()];
        members.extend(copies);
        labels.article_groups.push(ArticleGroup {
            id: format!("story:{original}"),
            relation: Some("syndicated".into()),
            members,
        });
    }
    derive_from_clusters(&mut labels);
    Ok(labels)
}

/// A `paragraph_cluster` relation.
fn paragraph_cluster(v: &Value, place: &str) -> Result<ParaCluster> {
    let id = string(v, "cluster", place)?;
    let class = v.get("class").and_then(Value::as_str).map(str::to_string);
    let mut members = Vec::new();
    for m in field(v, "members", place)?.as_array().into_iter().flatten() {
        let article = m.get(0).and_then(Value::as_str);
        let (Some(article), Some(p)) = (article, m.get(1)) else {
            return Err(Error::Input(format!(
                "{place}: a member is [article, paragraph, edit, jaccard5]"
            )));
        };
        members.push(ClusterMember {
            para: ParaRef {
                article: article.to_string(),
                paragraph: index(p, place)?,
            },
            edit: m.get(2).and_then(Value::as_str).map(str::to_string),
            jaccard5: m.get(3).and_then(Value::as_f64).map(|x| x as f32),
        });
    }
    Ok(ParaCluster {
        id,
        class,
        origin: None,
        members,
    })
}

/// A `syndicated_article` or (`aggregated`) `aggregated_article` relation; an aggregated
/// copy's footer paragraphs go to `labels`.
fn copy_of(v: &Value, place: &str, aggregated: bool, labels: &mut Labels) -> Result<CopyLabel> {
    let copy = string(v, "copy", place)?;
    let original = string(v, "original", place)?;
    if aggregated {
        for p in v
            .get("footer_paragraphs")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            labels.kind_paras.push(KindPara {
                kind: FindingKind::AggregatorFooter,
                para: ParaRef {
                    article: copy.clone(),
                    paragraph: index(p, place)?,
                },
            });
        }
    }
    Ok(CopyLabel {
        kind: FindingKind::SyndicatedArticle,
        article: copy,
        original: Some(original),
        via: aggregated.then(|| "aggregator".to_string()),
    })
}

/// A `reused_quote` relation on line `line`.
fn reused_quote(v: &Value, place: &str, line: usize) -> Result<ReuseLabel> {
    let id = match v.get("quote_id") {
        Some(q) => format!("quote:{q}"),
        None => format!("quote@{line}"),
    };
    let mut members = Vec::new();
    for m in field(v, "members", place)?.as_array().into_iter().flatten() {
        // A host whose copy edited the quote has no byte range.
        let Some(span) = m.get("byte_span").and_then(Value::as_array) else {
            continue;
        };
        let (Some(s), Some(e)) = (
            span.first().and_then(Value::as_u64),
            span.get(1).and_then(Value::as_u64),
        ) else {
            return Err(Error::Input(format!("{place}: bad byte_span")));
        };
        members.push(SpanRef {
            article: string(m, "article", place)?,
            paragraph: Some(index(field(m, "para", place)?, place)?),
            start: s as u32,
            end: e as u32,
        });
    }
    Ok(ReuseLabel {
        id,
        origin: None,
        members,
    })
}

/// Finishes labels read from the generator's files: declares every kind covered, and drops
/// quotes whose hosts all lie in one labelled paragraph cluster (see the module docs).
pub(crate) fn finish(labels: &mut Labels) {
    labels.name.get_or_insert_with(|| "gen_corpus".to_string());
    let mut covers = KindSet::default();
    for k in [
        FindingKind::Boilerplate,
        FindingKind::AggregatorFooter,
        FindingKind::InternalDuplicate,
        FindingKind::SyndicatedArticle,
        FindingKind::DuplicateArticle,
    ] {
        covers.insert(k);
    }
    labels.covers.0 |= covers.0;
    let mut cluster_of: HashMap<(&str, u32), usize> = HashMap::new();
    for (i, c) in labels.clusters.iter().enumerate() {
        for m in &c.members {
            cluster_of.insert((&m.para.article, m.para.paragraph), i);
        }
    }
    let keep: Vec<bool> = labels
        .reused
        .iter()
        .map(|r| {
            let mut groups: Vec<(usize, &str, u32)> = r
                .members
                .iter()
                .map(|m| {
                    let p = m.paragraph.unwrap_or(u32::MAX);
                    match cluster_of.get(&(m.article.as_str(), p)) {
                        Some(&c) => (c, "", 0),
                        None => (usize::MAX, m.article.as_str(), p),
                    }
                })
                .collect();
            groups.sort_unstable();
            groups.dedup();
            groups.len() >= 2
        })
        .collect();
    let mut k = keep.into_iter();
    labels.reused.retain(|_| k.next().unwrap_or(false));
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str = "article_id\tpara_index\tcluster_id\tclass\tedit\tjaccard5\n\
a1\t0\tcap:a1\tcaption\texact\t1.0\n\
a1\t4\tcap:a1\tcaption\tpunct\t0.8\n\
a1\t5\tbp:1:x\tboilerplate\texact\t1.0\n\
a2\t5\tbp:1:x\tboilerplate\texact\t1.0\n\
a2\t1\twire:7\twire\tlight\t0.62\n\
a3\t2\twire:7\twire\texact\t1.0\n";

    const JSONL: &str = r#"{"relation": "paragraph_cluster", "cluster": "wire:7", "class": "wire", "size": 2, "members": [["a2", 1, "light", 0.62], ["a3", 2, "exact", 1.0]]}
{"relation": "syndicated_article", "copy": "a4", "original": "a1", "paragraph_map": [[0, 0, "exact"]]}
{"relation": "aggregated_article", "copy": "a5", "original": "a1", "paragraph_map": [], "footer_paragraphs": [7, 8], "source_url": "https://x"}
{"relation": "boilerplate", "source": "X", "template": "t", "text": "Leave a comment"}
{"relation": "reused_quote", "quote_id": 3, "quote": "q", "members": [{"article": "a2", "para": 3, "byte_span": [10, 20], "quote_share": 0.1}, {"article": "a3", "para": 1, "byte_span": null, "quote_share": null}, {"article": "a6", "para": 0, "byte_span": [0, 10], "quote_share": 0.2}]}
{"relation": "reused_quote", "quote_id": 4, "quote": "q", "members": [{"article": "a2", "para": 1, "byte_span": [1, 5], "quote_share": 0.1}, {"article": "a3", "para": 2, "byte_span": [1, 5], "quote_share": 0.1}]}
{"relation": "internal_duplicate", "article": "a1", "class": "caption", "paragraphs": [0, 4], "edits": ["exact", "punct"]}
"#;

    #[test]
    fn reads_the_paragraph_table() {
        let l = read_truth_paragraphs(TSV.as_bytes(), "t.tsv").unwrap();
        assert_eq!(l.clusters.len(), 3);
        let wire = l.clusters.iter().find(|c| c.id == "wire:7").unwrap();
        assert_eq!(wire.members[0].jaccard5, Some(0.62));
        assert_eq!(wire.members[0].edit.as_deref(), Some("light"));
        let kinds: Vec<(FindingKind, &str, u32)> = l
            .kind_paras
            .iter()
            .map(|k| (k.kind, k.para.article.as_str(), k.para.paragraph))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (FindingKind::Boilerplate, "a1", 5),
                (FindingKind::Boilerplate, "a2", 5),
                (FindingKind::InternalDuplicate, "a1", 0),
                (FindingKind::InternalDuplicate, "a1", 4),
            ]
        );
        let e = read_truth_paragraphs("h\na1\t0\n".as_bytes(), "t.tsv").unwrap_err();
        assert!(e.to_string().starts_with("t.tsv:2: "), "{e}");
    }

    #[test]
    fn reads_relations_and_drops_paragraph_level_quotes() {
        let mut l = read_truth_paragraphs(TSV.as_bytes(), "t.tsv").unwrap();
        l.merge(read_truth_jsonl(JSONL.as_bytes(), "t.jsonl").unwrap());
        finish(&mut l);
        assert_eq!(l.clusters.len(), 3, "wire:7 read twice is one cluster");
        assert_eq!(l.copies.len(), 2);
        assert!(
            l.copies
                .iter()
                .all(|c| c.kind == FindingKind::SyndicatedArticle)
        );
        assert_eq!(l.copies[1].via.as_deref(), Some("aggregator"));
        assert_eq!(l.article_groups[0].members, vec!["a1", "a4", "a5"]);
        let footers: Vec<u32> = l
            .kind_paras
            .iter()
            .filter(|k| k.kind == FindingKind::AggregatorFooter)
            .map(|k| k.para.paragraph)
            .collect();
        assert_eq!(footers, vec![7, 8]);
        // Quote 3 keeps its two hosts with a byte range; quote 4 lies in one cluster.
        assert_eq!(l.reused.len(), 1);
        assert_eq!(l.reused[0].id, "quote:3");
        assert_eq!(l.reused[0].members.len(), 2);
        assert!(l.scored_kinds().contains(FindingKind::DuplicateArticle));
    }
}
