//! The round trip checked: the cleaned corpus and its removal log restore the original,
//! record by record.

use super::write::{decode_again, locations, place_of};
use super::*;

/// What [`verify`] found.
#[derive(Debug, Default)]
pub struct VerifyReport {
    /// Articles whose original was rebuilt from the cleaned text and the log, and matched.
    pub articles: u64,
    /// Articles dropped whole whose log line holds their whole text.
    pub dropped: u64,
    /// Problems, each naming an article or a line of the files read.
    pub problems: Vec<String>,
}

/// Checks, for every article of the analysis, that its original text (read again from the
/// corpus) equals its cleaned text (from `cleaned`, the JSONL written by [`write_clean`]) with
/// the removal log's pieces (from `log`) put back, and that a dropped article's log line holds
/// its whole text. `plan` says which articles were dropped.
pub fn verify(
    corpus: &Corpus,
    a: &Analysis,
    plan: &Plan,
    names: &FieldNames,
    cleaned: &mut dyn BufRead,
    log: &mut dyn BufRead,
) -> VerifyReport {
    let locs = locations(a);
    let mut v = Verifier {
        corpus,
        a,
        plan,
        names,
        locs: &locs,
        cleaned: LineReader::new(cleaned),
        log: LineReader::new(log),
        pending_log: None,
        seen: 0,
        report: VerifyReport::default(),
    };
    corpus.stream(&|f, l| locs.binary_search(&(f, l)).is_ok(), &mut v);
    let mut report = v.report;
    for r in &a.store.articles[v.seen..] {
        report.problems.push(format!(
            "{}: article \"{}\" could not be read again",
            place_of(corpus, &r.location),
            r.meta.id
        ));
    }
    if let Some((n, _)) = v.cleaned.next_line() {
        report.problems.push(format!(
            "cleaned output line {n}: a record for no article of the corpus, or out of order"
        ));
    }
    let extra_log = v
        .pending_log
        .map(|p| p.0)
        .or_else(|| v.log.next_line().map(|l| l.0));
    if let Some(n) = extra_log {
        report.problems.push(format!(
            "removal log line {n}: a removal for no article of the corpus, or out of order"
        ));
    }
    report
}

/// Reads a file line by line, counting lines; stops at the first read error.
struct LineReader<'a> {
    inner: &'a mut dyn BufRead,
    line: u32,
}

impl<'a> LineReader<'a> {
    fn new(inner: &'a mut dyn BufRead) -> Self {
        LineReader { inner, line: 0 }
    }

    /// The next non-empty line and its number.
    fn next_line(&mut self) -> Option<(u32, Vec<u8>)> {
        loop {
            let mut buf = Vec::new();
            match self.inner.read_until(b'\n', &mut buf) {
                Ok(0) | Err(_) => return None,
                Ok(_) => {
                    self.line += 1;
                    while matches!(buf.last(), Some(b'\n' | b'\r')) {
                        buf.pop();
                    }
                    if !buf.is_empty() {
                        return Some((self.line, buf));
                    }
                }
            }
        }
    }
}

struct Verifier<'a> {
    corpus: &'a Corpus,
    a: &'a Analysis,
    plan: &'a Plan,
    names: &'a FieldNames,
    locs: &'a [(u32, u32)],
    cleaned: LineReader<'a>,
    log: LineReader<'a>,
    pending_log: Option<(u32, Removal)>,
    seen: usize,
    report: VerifyReport,
}

impl Verifier<'_> {
    /// The log's lines for `article` (they come in article order).
    fn removals_of(&mut self, article: &str) -> Result<Vec<Removal>, String> {
        let mut out = Vec::new();
        loop {
            let next = match self.pending_log.take() {
                Some(p) => p,
                None => match self.log.next_line() {
                    None => return Ok(out),
                    Some((n, bytes)) => match serde_json::from_slice::<Removal>(&bytes) {
                        Ok(r) => (n, r),
                        Err(e) => return Err(format!("removal log line {n}: {e}")),
                    },
                },
            };
            if next.1.article == article {
                out.push(next.1);
            } else {
                self.pending_log = Some(next);
                return Ok(out);
            }
        }
    }

    fn check(&mut self, idx: usize, r: RawRecord) -> Result<(), String> {
        let (original, _) = decode_again(self.corpus, self.names, r)
            .ok_or_else(|| "cannot be read again".to_string())?;
        let id = self.a.store.articles[idx].meta.id.clone();
        let removals = self.removals_of(&id)?;
        if self.plan.drops(idx as u32) {
            return match removals.as_slice() {
                [r] if r.start == 0 && r.text == original => {
                    self.report.dropped += 1;
                    Ok(())
                }
                _ => Err("dropped, but the log does not hold its whole text".into()),
            };
        }
        let Some((n, bytes)) = self.cleaned.next_line() else {
            return Err("missing from the cleaned output".into());
        };
        let rec = parse_jsonl_record(bytes, "cleaned output", n, 0, self.names, false);
        let Some(rec) = rec.article else {
            return Err(format!("cleaned output line {n} cannot be read"));
        };
        if rec.meta.id != id {
            return Err(format!(
                "cleaned output line {n} is article \"{}\", expected this one",
                rec.meta.id
            ));
        }
        let pieces: Vec<(u32, u32, &str)> = removals
            .iter()
            .map(|r| (r.start, r.end, r.text.as_str()))
            .collect();
        let rebuilt = restore(&rec.text, &pieces)?;
        if rebuilt != original {
            let at = rebuilt
                .bytes()
                .zip(original.bytes())
                .position(|(x, y)| x != y)
                .unwrap_or(rebuilt.len().min(original.len()));
            return Err(format!(
                "cleaned text plus the removal log differs from the original at byte {at}"
            ));
        }
        self.report.articles += 1;
        Ok(())
    }
}

impl RecordSink for Verifier<'_> {
    fn record(&mut self, r: RawRecord) {
        let Ok(idx) = self.locs.binary_search(&(r.file, r.line)) else {
            return;
        };
        for skipped in &self.a.store.articles[self.seen..idx] {
            self.report.problems.push(format!(
                "{}: article \"{}\" could not be read again",
                place_of(self.corpus, &skipped.location),
                skipped.meta.id
            ));
        }
        self.seen = idx + 1;
        let art = &self.a.store.articles[idx];
        let (place, id) = (place_of(self.corpus, &art.location), art.meta.id.clone());
        if let Err(e) = self.check(idx, r) {
            self.report
                .problems
                .push(format!("{place}: article \"{id}\": {e}"));
        }
    }

    fn error(&mut self, _: RecordError) {
        // Unreadable files were reported by the analysis; their articles are not expected.
    }
}
