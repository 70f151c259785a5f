//! The streaming driver: the corpus read once more in input order, each article written as
//! one JSONL record with its cuts applied and its cuts as removal-log lines.

use super::*;

/// One line of the removal log, as written.
#[derive(Debug, Serialize)]
pub struct RemovalOut<'a> {
    /// The article's id (as in the cleaned output).
    pub article: &'a str,
    /// First byte removed, in the original text.
    pub start: u32,
    /// One past the last byte removed.
    pub end: u32,
    /// The finding kind that caused the cut, or `caption`.
    pub kind: CutKind,
    /// The finding's id (as in `reprint audit --format json`); null for a caption.
    pub finding: Option<u32>,
    /// The bytes removed, exactly.
    pub text: &'a str,
}

/// One line of the removal log, as read back.
#[derive(Debug, Deserialize, PartialEq)]
pub(crate) struct Removal {
    /// The article's id.
    pub article: String,
    /// First byte removed, in the original text.
    pub start: u32,
    /// One past the last byte removed.
    pub end: u32,
    /// The finding kind's name, or `caption`.
    pub kind: String,
    /// The finding's id; none for a caption.
    pub finding: Option<u32>,
    /// The bytes removed.
    pub text: String,
}

/// Figures of a clean run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CleanSummary {
    /// Articles read again.
    pub articles: u64,
    /// Articles written.
    pub written: u64,
    /// Articles dropped whole.
    pub dropped: u64,
    /// Words in the corpus.
    pub words: u64,
    /// Per kind: removal-log lines.
    pub pieces: PerKind<u64>,
    /// Per kind: words removed.
    pub words_removed: PerKind<u64>,
    /// Captions cut.
    pub captions: u64,
    /// Words of the captions cut.
    pub caption_words: u64,
    /// Headlines cut.
    pub headlines: u64,
    /// Words of the headlines cut.
    pub headline_words: u64,
    /// Articles written unchanged because their text no longer matched the analysis.
    pub unchanged: u64,
}

impl CleanSummary {
    fn add(&mut self, o: &CleanSummary) {
        self.articles += o.articles;
        self.written += o.written;
        self.dropped += o.dropped;
        self.unchanged += o.unchanged;
        self.captions += o.captions;
        self.caption_words += o.caption_words;
        self.headlines += o.headlines;
        self.headline_words += o.headline_words;
        for k in FindingKind::ALL {
            self.pieces[k] += o.pieces[k];
            self.words_removed[k] += o.words_removed[k];
        }
    }

    /// All words removed.
    pub fn total_removed(&self) -> u64 {
        self.words_removed.iter().map(|(_, n)| n).sum::<u64>()
            + self.caption_words
            + self.headline_words
    }

    /// All pieces removed.
    pub fn total_pieces(&self) -> u64 {
        self.pieces.iter().map(|(_, n)| n).sum::<u64>() + self.captions + self.headlines
    }
}

/// Writes the summary of a clean run: articles written and dropped, and per dropped kind the
/// pieces and words removed.
pub fn write_summary(w: &mut dyn Write, s: &CleanSummary, drop: DropSet) -> io::Result<()> {
    writeln!(
        w,
        "reprint clean: {} articles, {} written, {} dropped whole",
        grouped(s.articles),
        grouped(s.written),
        grouped(s.dropped)
    )?;
    let share = if s.words == 0 {
        0.0
    } else {
        100.0 * s.total_removed() as f64 / s.words as f64
    };
    writeln!(
        w,
        "removed {} pieces, {} of {} words ({share:.1}%)",
        grouped(s.total_pieces()),
        grouped(s.total_removed()),
        grouped(s.words)
    )?;
    writeln!(w, "  {:<20} {:>9} {:>10}", "kind", "pieces", "words")?;
    for k in drop.kinds.iter() {
        writeln!(
            w,
            "  {:<20} {:>9} {:>10}",
            k.name(),
            grouped(s.pieces[k]),
            grouped(s.words_removed[k])
        )?;
    }
    for (on, kind, pieces, words) in [
        (drop.captions, CutKind::Caption, s.captions, s.caption_words),
        (
            drop.headlines,
            CutKind::Headline,
            s.headlines,
            s.headline_words,
        ),
    ] {
        if on {
            writeln!(
                w,
                "  {:<20} {:>9} {:>10}",
                kind.name(),
                grouped(pieces),
                grouped(words)
            )?;
        }
    }
    if s.unchanged > 0 {
        writeln!(
            w,
            "{} articles written unchanged: their text changed since it was analysed",
            grouped(s.unchanged)
        )?;
    }
    Ok(())
}

/// What one record became.
#[derive(Default)]
struct Done {
    record: Vec<u8>,
    log: Vec<u8>,
    summary: CleanSummary,
    problems: Vec<RecordError>,
}

/// How messages name an article's record.
pub(super) fn place_of(corpus: &Corpus, loc: &Location) -> String {
    corpus.place(loc.file, loc.line)
}

/// The record locations of the analysed articles, in input order (which is sorted).
pub(super) fn locations(a: &Analysis) -> Vec<(u32, u32)> {
    a.store
        .articles
        .iter()
        .map(|r| (r.location.file, r.location.line))
        .collect()
}

/// Decodes an article's record again, as the analysis did: its text and where its body starts.
pub(super) fn decode_again(
    corpus: &Corpus,
    names: &FieldNames,
    r: RawRecord,
) -> Option<(String, usize)> {
    let parsed = corpus.decode(names, r);
    parsed.article.map(|a| (a.text, a.body_start))
}

/// Streams the corpus and writes the cleaned records to `out` and the removal log to `log`.
/// Articles the analysis did not read (bad records) are not written; they were reported then.
/// An article whose text no longer matches the analysis (its file changed) is written
/// unchanged and reported among the returned problems.
pub fn write_clean(
    corpus: &Corpus,
    a: &Analysis,
    plan: &Plan,
    names: &FieldNames,
    out: &mut dyn Write,
    log: &mut dyn Write,
    progress: &dyn Progress,
) -> io::Result<(CleanSummary, Vec<RecordError>)> {
    let locs = locations(a);
    let mut sink = CleanSink {
        corpus,
        a,
        plan,
        names,
        locs: &locs,
        out,
        log,
        batch: Vec::new(),
        batch_bytes: 0,
        summary: CleanSummary {
            words: a.total_words(),
            ..CleanSummary::default()
        },
        problems: Vec::new(),
        failed: None,
        seen: 0,
        progress,
    };
    progress.stage("clean", Some(corpus.total_bytes()));
    corpus.stream(&|f, l| locs.binary_search(&(f, l)).is_ok(), &mut sink);
    sink.flush();
    if let Some(e) = sink.failed {
        return Err(e);
    }
    let seen = sink.seen;
    sink.missing(seen..a.store.articles.len());
    Ok((sink.summary, sink.problems))
}

struct CleanSink<'a> {
    corpus: &'a Corpus,
    a: &'a Analysis,
    plan: &'a Plan,
    names: &'a FieldNames,
    locs: &'a [(u32, u32)],
    out: &'a mut dyn Write,
    log: &'a mut dyn Write,
    batch: Vec<(usize, RawRecord)>,
    batch_bytes: usize,
    summary: CleanSummary,
    problems: Vec<RecordError>,
    failed: Option<io::Error>,
    /// Articles handed over so far (they come in order).
    seen: usize,
    progress: &'a dyn Progress,
}

impl RecordSink for CleanSink<'_> {
    fn record(&mut self, record: RawRecord) {
        let Ok(idx) = self.locs.binary_search(&(record.file, record.line)) else {
            return;
        };
        self.missing(self.seen..idx);
        self.seen = idx + 1;
        self.batch_bytes += record.bytes.len();
        self.batch.push((idx, record));
        if self.batch_bytes >= 8 << 20 || self.batch.len() >= 4096 {
            self.flush();
        }
    }

    fn error(&mut self, _: RecordError) {
        // Read errors were reported by the analysis, which read the same files.
    }

    fn progress(&mut self, n: u64) {
        self.progress.advance(n, 0);
    }
}

impl CleanSink<'_> {
    /// Reports articles the second reading did not find (their file vanished or shrank).
    fn missing(&mut self, range: std::ops::Range<usize>) {
        for r in &self.a.store.articles[range] {
            self.problems.push(RecordError {
                place: place_of(self.corpus, &r.location),
                message: format!(
                    "article \"{}\" could not be read again; not written",
                    r.meta.id
                ),
            });
        }
    }

    fn flush(&mut self) {
        let batch = std::mem::take(&mut self.batch);
        self.batch_bytes = 0;
        if batch.is_empty() || self.failed.is_some() {
            return;
        }
        let (corpus, a, plan, names) = (self.corpus, self.a, self.plan, self.names);
        let done: Vec<Done> = batch
            .into_par_iter()
            .map(|(idx, r)| clean_record(corpus, a, plan, names, idx, r))
            .collect();
        let n = done.len() as u64;
        for d in done {
            self.summary.add(&d.summary);
            self.problems.extend(d.problems);
            let w = self
                .out
                .write_all(&d.record)
                .and_then(|_| self.log.write_all(&d.log));
            if let Err(e) = w {
                self.failed = Some(e);
                return;
            }
        }
        self.progress.advance(0, n);
    }
}

/// Decodes one record again and renders its cleaned form and log lines into memory.
// Stays long: each way a record can fail to be cleaned is reported where it is found.
fn clean_record(
    corpus: &Corpus,
    a: &Analysis,
    plan: &Plan,
    names: &FieldNames,
    idx: usize,
    r: RawRecord,
) -> Done {
    let mut done = Done::default();
    let art = &a.store.articles[idx];
    let place = place_of(corpus, &art.location);
    let raw = match corpus.files[r.file as usize].kind {
        FileKind::Txt => None,
        _ => match raw_fields(&String::from_utf8_lossy(&r.bytes)) {
            Ok(raw) => Some(raw),
            Err(e) => {
                // Not expected once the record decoded; say so rather than drop fields quietly.
                done.problems.push(RecordError {
                    place: place.clone(),
                    message: format!(
                        "its fields could not be kept ({e}); written with id and text only"
                    ),
                });
                None
            }
        },
    };
    let Some((text, body_start)) = decode_again(corpus, names, r) else {
        done.problems.push(RecordError {
            place,
            message: format!(
                "article \"{}\" could not be decoded again; not written",
                art.meta.id
            ),
        });
        return done;
    };
    done.summary.articles = 1;
    let paras: Vec<ByteSpan> = a.store.paras[art.paras()].iter().map(|p| p.span).collect();
    let mut cuts: Vec<Cut> = Vec::new();
    if text.len() != art.text_len as usize {
        done.summary.unchanged = 1;
        done.problems.push(RecordError {
            place,
            message: format!(
                "the text changed since it was read ({} bytes, now {}); written unchanged",
                art.text_len,
                text.len()
            ),
        });
    } else {
        if let Some(ArticlePlan::Drop { kind, finding }) = plan.get(idx as u32) {
            done.summary.dropped = 1;
            done.summary.pieces[*kind] += 1;
            done.summary.words_removed[*kind] += art.words as u64;
            let all = ByteSpan::new(0, text.len());
            let (kind, finding) = (CutKind::Finding(*kind), Some(*finding));
            write_removal(&mut done.log, &art.meta.id, all, kind, finding, &text);
            return done;
        }
        let mut planned = match plan.get(idx as u32) {
            Some(ArticlePlan::Cut(planned)) => planned.clone(),
            _ => Vec::new(),
        };
        if plan.headlines {
            let own = &a.store.paras[art.paras()];
            let headline = headline_cut(&text, own, &planned, art.title_first);
            planned.extend(headline);
        }
        if !planned.is_empty() {
            match cut_ranges(&text, body_start, &paras, &planned) {
                Some(c) => cuts = c,
                None => {
                    done.summary.unchanged = 1;
                    done.problems.push(RecordError {
                        place,
                        message: "the text no longer matches the analysis; written unchanged"
                            .into(),
                    });
                }
            }
        }
    }
    log_cuts(&mut done, art, &text, &a.store.paras[art.paras()], &cuts);
    done.summary.written = 1;
    write_record(
        &mut done.record,
        art,
        raw.as_ref(),
        names,
        &apply(&text, &cuts),
    );
    done
}

/// Counts the pieces and words each cut of article `art` removes from `text` and writes them to
/// the removal log; `para_words` are the article's paragraphs.
fn log_cuts(done: &mut Done, art: &ArticleRecord, text: &str, para_words: &[Para], cuts: &[Cut]) {
    // Cuts and paragraphs are both in order: one walk finds the paragraphs each cut covers.
    let mut k = 0;
    for c in cuts {
        let removed = &text[c.span.range()];
        while k < para_words.len() && para_words[k].span.start < c.span.start {
            k += 1;
        }
        let mut whole = 0u64;
        let mut j = k;
        while j < para_words.len() && para_words[j].span.end <= c.span.end {
            whole += para_words[j].words as u64;
            j += 1;
        }
        // Words of the paragraphs the cut covers whole, else of the bytes it removes.
        let words = if whole > 0 {
            whole
        } else {
            crate::normalize::word_count(removed) as u64
        };
        match c.kind {
            CutKind::Finding(k) => {
                done.summary.pieces[k] += 1;
                done.summary.words_removed[k] += words;
            }
            CutKind::Caption => {
                done.summary.captions += 1;
                done.summary.caption_words += words;
            }
            CutKind::Headline => {
                done.summary.headlines += 1;
                done.summary.headline_words += words;
            }
        }
        write_removal(
            &mut done.log,
            &art.meta.id,
            c.span,
            c.kind,
            c.finding,
            removed,
        );
    }
}

fn write_removal(
    log: &mut Vec<u8>,
    article: &str,
    span: ByteSpan,
    kind: CutKind,
    finding: Option<u32>,
    text: &str,
) {
    let line = RemovalOut {
        article,
        start: span.start,
        end: span.end,
        kind,
        finding,
        text,
    };
    // Serializing strings and numbers into memory does not fail.
    if serde_json::to_writer(&mut *log, &line).is_ok() {
        log.push(b'\n');
    }
}

/// JSON text of a string.
fn json_str(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

/// Writes one output record: the input's fields with the cleaned text (JSONL input), or the
/// article's metadata and cleaned text (`.txt` input).
fn write_record(
    out: &mut Vec<u8>,
    art: &ArticleRecord,
    raw: Option<&RawFields>,
    names: &FieldNames,
    cleaned: &str,
) {
    let mut first = true;
    let mut field = |out: &mut Vec<u8>, key: &str, value: &str| {
        if !first {
            out.push(b',');
        }
        first = false;
        out.extend_from_slice(json_str(key).as_bytes());
        out.push(b':');
        out.extend_from_slice(value.as_bytes());
    };
    let id_key = names.id_field().unwrap_or("id");
    out.push(b'{');
    match raw {
        Some(raw) => {
            let text_at = raw.text_index(names);
            let id_at = raw.id_index(names);
            let id_kept = id_at.is_some_and(|i| raw.scalar(i).as_deref() == Some(&art.meta.id));
            if id_at.is_none() {
                field(out, id_key, &json_str(&art.meta.id));
            }
            // The cleaned text is always under `text`: when the record held it under another
            // name (`maintext`, `--text-field body`), that field keeps the cleaned text too and
            // `text` follows it, unless the record already has a `text` field of its own.
            let has_text_key = raw.fields.iter().any(|(k, _)| k == "text");
            for (i, (k, v)) in raw.fields.iter().enumerate() {
                if Some(i) == text_at {
                    field(out, k, &json_str(cleaned));
                    if k != "text" && !has_text_key {
                        field(out, "text", &json_str(cleaned));
                    }
                } else if Some(i) == id_at && !id_kept {
                    field(out, k, &json_str(&art.meta.id));
                } else {
                    field(out, k, v.get());
                }
            }
        }
        None => {
            let m = &art.meta;
            field(out, id_key, &json_str(&m.id));
            for (k, v) in [
                ("title", &m.title),
                ("source", &m.outlet),
                ("date", &m.date),
                ("url", &m.url),
            ] {
                if let Some(v) = v {
                    field(out, k, &json_str(v));
                }
            }
            field(
                out,
                names.text_field().unwrap_or("text"),
                &json_str(cleaned),
            );
        }
    }
    out.extend_from_slice(b"}\n");
}
