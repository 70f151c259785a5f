//! Union-find over verified links, and the paragraph clusters that result.
//!
//! Links join distinct texts; every paragraph carrying one of the joined texts is a member.
//! Clusters are named by their smallest member and listed in that order, so the numbering is
//! the same whatever the thread count.

use crate::store::{Para, TextId};

/// Union-find over dense ids, with path halving and union by smaller root (deterministic).
#[derive(Clone, Debug)]
pub struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    /// `n` singletons.
    pub fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n as u32).collect(),
        }
    }

    /// The root of `x`.
    pub fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let p = self.parent[x as usize];
            self.parent[x as usize] = self.parent[p as usize];
            x = p;
        }
        x
    }

    /// Joins the sets of `a` and `b`; the smaller root becomes the root.
    pub fn union(&mut self, a: u32, b: u32) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return false;
        }
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[hi as usize] = lo;
        true
    }
}

/// Paragraph clusters: `cluster_of[p]` is the cluster of paragraph `p` (`u32::MAX` when it
/// has no near-duplicate), and `members[c]` lists cluster `c`'s paragraphs in order.
#[derive(Clone, Debug, Default)]
pub struct Clusters {
    /// Cluster per paragraph.
    pub cluster_of: Vec<u32>,
    /// Paragraphs per cluster, ascending; clusters ordered by their first paragraph.
    pub members: Vec<Vec<u32>>,
}

/// No cluster.
pub(crate) const NONE: u32 = u32::MAX;

impl Clusters {
    /// Groups paragraphs whose texts are linked (or equal) into clusters of two or more.
    pub fn build(
        paras: &[Para],
        n_texts: usize,
        links: impl IntoIterator<Item = (TextId, TextId)>,
    ) -> Clusters {
        let mut uf = UnionFind::new(n_texts);
        for (a, b) in links {
            uf.union(a, b);
        }
        // Count paragraphs per root, then number roots by their first paragraph.
        let mut count = vec![0u32; n_texts];
        // A paragraph without words (a rule of dashes, a lone ">") is like no other.
        let roots: Vec<u32> = paras
            .iter()
            .map(|p| if p.words == 0 { NONE } else { uf.find(p.text) })
            .collect();
        for &r in roots.iter().filter(|&&r| r != NONE) {
            count[r as usize] += 1;
        }
        let mut id_of_root = vec![NONE; n_texts];
        let mut members: Vec<Vec<u32>> = Vec::new();
        let mut cluster_of = vec![NONE; paras.len()];
        for (p, &r) in roots.iter().enumerate() {
            if r == NONE || count[r as usize] < 2 {
                continue;
            }
            if id_of_root[r as usize] == NONE {
                id_of_root[r as usize] = members.len() as u32;
                members.push(Vec::with_capacity(count[r as usize] as usize));
            }
            let c = id_of_root[r as usize];
            cluster_of[p] = c;
            members[c as usize].push(p as u32);
        }
        Clusters {
            cluster_of,
            members,
        }
    }

    /// Number of clusters.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// The cluster of a paragraph, if any.
    pub fn of(&self, para: usize) -> Option<u32> {
        let c = self.cluster_of[para];
        (c != NONE).then_some(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ByteSpan;

    fn para(text: TextId) -> Para {
        Para {
            flags: 0,
            junk: 0,
            span: ByteSpan::new(0, 1),
            text,
            words: 1,
        }
    }

    #[test]
    fn equal_and_linked_texts_cluster_in_order() {
        // Texts 0..4; paragraphs carry texts [2, 0, 2, 1, 3, 4]; link 1-3.
        let paras: Vec<Para> = [2, 0, 2, 1, 3, 4].into_iter().map(para).collect();
        let c = Clusters::build(&paras, 5, [(1, 3)]);
        assert_eq!(c.members, vec![vec![0, 2], vec![3, 4]]);
        assert_eq!(c.of(1), None);
        assert_eq!(c.of(4), Some(1));
    }

    #[test]
    fn union_find_roots_are_smallest() {
        let mut uf = UnionFind::new(4);
        uf.union(3, 2);
        uf.union(2, 1);
        assert_eq!(uf.find(3), 1);
        assert!(!uf.union(1, 3));
    }
}
