//! Turns a raw record into an article: decoding, field aliases, front matter, outlet and
//! title rules. Pure functions; nothing here reads files.
//!
//! Outlet, in order: the source field (or its aliases), the host of the URL, the folder the
//! file sits in (`corpus/<outlet>/a.txt`), else unknown (the article then counts as an outlet of
//! its own). A `source` that is a URL (trafilatura writes the URL there) is taken as the URL.

use crate::config::InputConfig;
use crate::error::{RecordError, Unit};
use crate::model::{ArticleMeta, Location, url_host};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// Field aliases tried in order when no field name is configured.
pub(crate) const TEXT_FIELDS: &[&str] = &["text", "maintext", "content", "body"];
/// Outlet field aliases.
pub(crate) const OUTLET_FIELDS: &[&str] = &[
    "source",
    "outlet",
    "domain",
    "source_domain",
    "source-hostname",
    "sitename",
    "hostname",
    "series",
];
/// Date field aliases.
pub(crate) const DATE_FIELDS: &[&str] = &[
    "date",
    "date_publish",
    "published",
    "created",
    "metadata.date",
    "metadata.date_publish",
    "metadata.published",
];
/// URL field aliases (`metadata.url` in dolma and datatrove records).
pub(crate) const URL_FIELDS: &[&str] = &["url", "metadata.url"];
/// Id field aliases.
pub(crate) const ID_FIELDS: &[&str] = &["id"];

/// The field names to read, resolved from the config.
#[derive(Clone, Debug, Default)]
pub struct FieldNames {
    text: Option<String>,
    id: Option<String>,
    /// The field naming the outlet (`input.source_field`).
    outlet: Option<String>,
    date: Option<String>,
    /// Decode invalid UTF-8 with replacement characters instead of refusing the record.
    pub lossy: bool,
}

impl FieldNames {
    /// The configured field names, each with its config key, in the bit order of
    /// `Parsed::found`.
    pub fn configured(&self) -> [(Option<&str>, &'static str); 4] {
        [
            (self.text.as_deref(), "input.text_field"),
            (self.id.as_deref(), "input.id_field"),
            (self.outlet.as_deref(), "input.source_field"),
            (self.date.as_deref(), "input.date_field"),
        ]
    }

    /// The configured text field, if one is configured.
    pub fn text_field(&self) -> Option<&str> {
        self.text.as_deref()
    }

    /// The configured id field, if one is configured.
    pub fn id_field(&self) -> Option<&str> {
        self.id.as_deref()
    }
}

impl From<&InputConfig> for FieldNames {
    fn from(c: &InputConfig) -> Self {
        FieldNames {
            text: c.text_field.clone(),
            id: c.id_field.clone(),
            outlet: c.source_field.clone(),
            date: c.date_field.clone(),
            lossy: c.lossy,
        }
    }
}

/// An article as read, with its text.
#[derive(Clone, Debug, PartialEq)]
pub struct RawArticle {
    /// Id, outlet, date, title, URL.
    pub meta: ArticleMeta,
    /// The text that byte offsets point into.
    pub text: String,
    /// Where paragraphs start (after a front-matter block).
    pub body_start: usize,
    /// Whether the first paragraph is the title (`.txt` articles).
    pub title_is_first_paragraph: bool,
    /// Where it was read from.
    pub location: Location,
    /// The record's other fields, kept only when asked for (`clean` writes them back).
    pub fields: Option<Map<String, Value>>,
}

/// What decoding one record gave: the article, if any, and problems to report.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The article, unless the record had to be skipped.
    pub article: Option<RawArticle>,
    /// Problems to report (an article may still be present, e.g. after lossy decoding).
    pub problems: Vec<RecordError>,
    /// Which configured field names ([`FieldNames::configured`]) this JSON record holds: a
    /// name that no record holds is a mistake to report, not a silent fallback.
    pub found: u8,
}

/// Decodes bytes as UTF-8; with `lossy`, replaces invalid sequences and says so. `place`
/// names the problem's place from the byte offset of the first invalid sequence.
fn decode(
    bytes: Vec<u8>,
    lossy: bool,
    place: &dyn Fn(&[u8], usize) -> RecordError,
    problems: &mut Vec<RecordError>,
) -> Option<String> {
    match String::from_utf8(bytes) {
        Ok(s) => Some(s),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let mut p = place(e.as_bytes(), at);
            if lossy {
                p.message = format!(
                    "invalid UTF-8 at byte {at}; decoded with replacement characters (--lossy)"
                );
                problems.push(p);
                Some(String::from_utf8_lossy(e.as_bytes()).into_owned())
            } else {
                p.message = format!(
                    "invalid UTF-8 at byte {at} (not UTF-8 text; --lossy decodes it with replacement characters); skipped"
                );
                problems.push(p);
                None
            }
        }
    }
}

/// 1-based line number of byte `at`.
fn line_of(bytes: &[u8], at: usize) -> u32 {
    crate::segment::line_number(bytes, at)
}

/// True when the bytes look like a binary file rather than text: near the start, more than 1%
/// NUL bytes or more than 5% control characters other than tab, line breaks and form feed
/// (and at least four of them). A stray NUL or two in a text does not make it binary.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.is_empty() {
        return false;
    }
    let control = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    let nul = head.iter().filter(|&&b| b == 0).count();
    (control >= 4 && control * 20 > head.len()) || (nul >= 4 && nul * 100 > head.len())
}

/// The encoding a byte-order mark announces, when it is one reprint does not read.
pub(crate) fn foreign_bom(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, 0, 0, ..] | [0, 0, 0xFE, 0xFF, ..] => Some("UTF-32"),
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => Some("UTF-16"),
        _ => None,
    }
}

/// Decodes a `.txt` article: `stem` becomes its id; an optional front-matter block gives
/// source, date, url, title and id; otherwise the first line is the title.
// Stays long: the file's checks (empty, encoding, binary, size, NUL) and front matter in
// reading order, each problem with its own message.
pub fn parse_txt(
    bytes: Vec<u8>,
    display: &str,
    stem: &str,
    folder_outlet: Option<&str>,
    file: u32,
    lossy: bool,
) -> Parsed {
    let mut out = Parsed::default();
    let place = |m: String| RecordError::file(display, m);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        let what = if bytes.is_empty() {
            "empty file: no article in it"
        } else {
            "empty file (only whitespace): no article in it"
        };
        out.problems.push(place(what.into()));
        return out;
    }
    if let Some(enc) = foreign_bom(&bytes) {
        out.problems.push(place(format!(
            "{enc} text (byte-order mark); reprint reads UTF-8: convert it first \
             (e.g. iconv -f {enc} -t UTF-8); skipped"
        )));
        return out;
    }
    if looks_binary(&bytes) {
        out.problems.push(place(
            "binary file (NUL or control bytes), not text; skipped".into(),
        ));
        return out;
    }
    if bytes.len() > u32::MAX as usize {
        out.problems
            .push(place("article larger than 4 GiB; skipped".into()));
        return out;
    }
    let at_line = |b: &[u8], at: usize| RecordError::line(display, line_of(b, at), String::new());
    let Some(text) = decode(bytes, lossy, &at_line, &mut out.problems) else {
        return out;
    };
    if let Some(at) = memchr::memchr(0, text.as_bytes()) {
        let n = memchr::memchr_iter(0, text.as_bytes()).count();
        let what = if n == 1 {
            format!("NUL byte at byte {at}")
        } else {
            format!("{n} NUL bytes, the first at byte {at}")
        };
        out.problems.push(RecordError::line(
            display,
            line_of(text.as_bytes(), at),
            format!("{what}; read as text"),
        ));
    }
    let mut meta = ArticleMeta {
        id: stem.to_string(),
        ..ArticleMeta::default()
    };
    let mut body_start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    if let Some((fields, end)) = front_matter(&text[body_start..]) {
        body_start += end;
        for (k, v) in fields {
            let k = k.to_ascii_lowercase();
            let v = v.to_string();
            match k.as_str() {
                "id" => meta.id = v,
                "title" => meta.title = Some(v),
                "url" | "link" => meta.url = Some(v),
                k if DATE_FIELDS.contains(&k) => meta.date = Some(v),
                k if OUTLET_FIELDS.contains(&k) => set_outlet(&mut meta, v),
                _ => {}
            }
        }
    }
    if meta.title.is_none() {
        meta.title = crate::segment::lines(&text[body_start..])
            .map(|(_, l)| l.trim())
            .find(|l| !l.is_empty())
            .map(str::to_string);
    }
    finish_outlet(&mut meta, folder_outlet);
    out.article = Some(RawArticle {
        meta,
        text,
        body_start,
        title_is_first_paragraph: true,
        location: Location { file, line: 0 },
        fields: None,
    });
    out
}

/// A `---` / `key: value` lines / `---` block at the start of `text`: its pairs and the byte
/// offset just past it.
fn front_matter(text: &str) -> Option<(Vec<(&str, &str)>, usize)> {
    let first = text.lines().next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let mut pos = first.len() + 1;
    let mut pairs = Vec::new();
    for line in text.get(pos..)?.split('\n') {
        let next = pos + line.len() + 1;
        let t = line.trim();
        if t == "---" {
            return Some((pairs, next.min(text.len())));
        }
        let (k, v) = t.split_once(':')?;
        let v = v.trim().trim_matches(|c| c == '"' || c == '\'');
        pairs.push((k.trim(), v));
        pos = next;
        if pairs.len() > 64 {
            return None;
        }
    }
    None
}

/// Decodes one JSONL line. `keep_fields` keeps the record's fields for writing it back.
pub fn parse_jsonl_record(
    bytes: Vec<u8>,
    display: &str,
    line: u32,
    file: u32,
    names: &FieldNames,
    keep_fields: bool,
) -> Parsed {
    let at = At {
        display,
        unit: Unit::Line,
        line,
        file,
    };
    parse_record(bytes, at, names, keep_fields)
}

/// Decodes one JSON record: a JSONL line, an element of a JSON array or a parquet row (turned
/// into a JSON object), the `line`th of its file counted in `unit`. `keep_fields` keeps the
/// record's fields for writing it back.
pub(crate) fn parse_record(
    bytes: Vec<u8>,
    at: At<'_>,
    names: &FieldNames,
    keep_fields: bool,
) -> Parsed {
    let mut out = Parsed::default();
    let place = |m: String| at.problem(m);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        out.problems.push(place("empty line: no record".into()));
        return out;
    }
    let at_line = |_: &[u8], _: usize| at.problem(String::new());
    let Some(text) = decode(bytes, names.lossy, &at_line, &mut out.problems) else {
        return out;
    };
    // A byte-order mark (some Windows tools write one at the start of a file) is not JSON.
    let json = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let map: Map<String, Value> = match serde_json::from_str(json) {
        Ok(Value::Object(m)) => m,
        Ok(other) => {
            out.problems.push(place(format!(
                "expected a JSON object, found {}",
                json_type(&other)
            )));
            return out;
        }
        Err(e) => {
            out.problems.push(place(format!("malformed JSON: {e}")));
            return out;
        }
    };
    drop(text);
    let mut parsed = parse_object(map, at, names, keep_fields);
    // Problems of decoding (a lossy decode) come before those of the fields.
    parsed.problems.splice(0..0, out.problems);
    parsed
}

/// Where a record sits: its file (as messages name it, and as its number), and its place in
/// that file counted in `unit`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct At<'a> {
    /// The file as messages name it.
    pub(crate) display: &'a str,
    /// What `line` counts.
    pub(crate) unit: Unit,
    /// The record's number in its file, from 1.
    pub(crate) line: u32,
    /// The file's number in the corpus.
    pub(crate) file: u32,
}

impl At<'_> {
    /// A problem of this record, placed at its file and number.
    fn problem(&self, message: String) -> RecordError {
        RecordError::at(self.display, self.unit, self.line, message)
    }
}

/// Decodes one JSON record already parsed into its fields (or built from a parquet row's
/// columns, which equal what parsing that row's JSON text gives): field aliases, configured
/// names, dotted paths, the outlet and URL rules.
// Stays long: the record's checks in reading order, each problem with its own message.
pub(crate) fn parse_object(
    mut map: Map<String, Value>,
    at: At<'_>,
    names: &FieldNames,
    keep_fields: bool,
) -> Parsed {
    let At {
        display,
        line,
        file,
        ..
    } = at;
    let mut out = Parsed::default();
    let place = |m: String| at.problem(m);
    for (bit, (name, _)) in names.configured().into_iter().enumerate() {
        if name.is_some_and(|k| field(&map, k).is_some()) {
            out.found |= 1 << bit;
        }
    }
    let text_key = match pick_key(&map, names.text.as_deref(), TEXT_FIELDS) {
        Some(k) => k,
        None => {
            let null = TEXT_FIELDS.iter().find(|k| map.contains_key(**k));
            let message = match (null, &names.text) {
                (Some(k), None) => format!("field \"{k}\" is null, not a string; skipped"),
                _ => {
                    let looked = names.text.clone().unwrap_or_else(|| TEXT_FIELDS.join(", "));
                    format!("no text field (looked for {looked}); skipped")
                }
            };
            out.problems.push(place(message));
            return out;
        }
    };
    let value = match map.remove(&text_key) {
        Some(v) => Some(v),
        None => field(&map, &text_key).cloned(),
    };
    let body = match value {
        Some(Value::String(s)) => s,
        Some(other) => {
            out.problems.push(place(format!(
                "field \"{text_key}\" is {}, not a string; skipped",
                json_type(&other)
            )));
            return out;
        }
        None => unreachable!("pick_key returned a present key"),
    };
    if body.len() > u32::MAX as usize {
        out.problems
            .push(place("text larger than 4 GiB; skipped".into()));
        return out;
    }
    // As an empty or whitespace `.txt` file is: reported, not silently an article of no words.
    if body.trim().is_empty() {
        let what = if body.is_empty() {
            "empty"
        } else {
            "only whitespace"
        };
        out.problems.push(place(format!(
            "field \"{text_key}\" is {what}: no article in it; skipped"
        )));
        return out;
    }
    let id = match pick_key(&map, names.id.as_deref(), ID_FIELDS)
        .and_then(|k| scalar(field(&map, &k)))
    {
        Some(id) if !id.trim().is_empty() => id,
        _ => format!("{}:{line}", file_stem(display)),
    };
    let mut meta = ArticleMeta {
        id,
        title: scalar(map.get("title")).filter(|t| !t.trim().is_empty()),
        url: URL_FIELDS
            .iter()
            .find_map(|k| scalar(field(&map, k)))
            .filter(|u| !u.trim().is_empty()),
        date: pick_key(&map, names.date.as_deref(), DATE_FIELDS)
            .and_then(|k| scalar(field(&map, &k))),
        outlet: None,
    };
    if let Some(s) =
        pick_key(&map, names.outlet.as_deref(), OUTLET_FIELDS).and_then(|k| scalar(field(&map, &k)))
    {
        set_outlet(&mut meta, s);
    }
    finish_outlet(&mut meta, None);
    if keep_fields {
        map.insert(text_key, Value::Null);
    }
    out.article = Some(RawArticle {
        meta,
        text: body,
        body_start: 0,
        title_is_first_paragraph: false,
        location: Location { file, line },
        fields: keep_fields.then_some(map),
    });
    out
}

/// The value of a record's id field (the configured one, else the first alias present) when
/// it is a string or a number, as the record holds it: what names the record to tools that
/// read the same input (dolma matches attribute rows to documents by it).
pub(crate) fn input_id(map: &Map<String, Value>, names: &FieldNames) -> Option<Value> {
    let key = pick_key(map, names.id.as_deref(), ID_FIELDS)?;
    field(map, &key)
        .filter(|v| v.is_string() || v.is_number())
        .cloned()
}

/// The configured key if present, else the first alias present.
fn pick_key(
    map: &Map<String, Value>,
    configured: Option<&str>,
    aliases: &[&str],
) -> Option<String> {
    match configured {
        Some(k) => field(map, k).is_some().then(|| k.to_string()),
        None => aliases
            .iter()
            .find(|k| field(map, k).is_some_and(|v| !v.is_null()))
            .map(|k| k.to_string()),
    }
}

/// A field by name: the key itself, or a dotted path into nested objects (`metadata.date`,
/// as dolma and datatrove nest their metadata).
fn field<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    if let Some(v) = map.get(key) {
        return Some(v);
    }
    let (head, rest) = key.split_once('.')?;
    match map.get(head)? {
        Value::Object(inner) => field(inner, rest),
        _ => None,
    }
}

/// A JSON object's fields in their order, each value kept as the exact JSON text it was
/// read from, so a record can be written back with only some fields changed.
#[derive(Debug)]
pub struct RawFields {
    /// `(key, value)` pairs in input order (a repeated key appears each time it occurs).
    pub fields: Vec<(String, Box<RawValue>)>,
}

impl<'de> Deserialize<'de> for RawFields {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RawFields, D::Error> {
        struct Fields;
        impl<'de> Visitor<'de> for Fields {
            type Value = RawFields;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<RawFields, A::Error> {
                let mut fields = Vec::new();
                while let Some(kv) = m.next_entry::<String, Box<RawValue>>()? {
                    fields.push(kv);
                }
                Ok(RawFields { fields })
            }
        }
        d.deserialize_map(Fields)
    }
}

impl RawFields {
    /// The index of the last field named `key` (the one a JSON reader keeps).
    pub fn last_index_of(&self, key: &str) -> Option<usize> {
        self.fields.iter().rposition(|(k, _)| k == key)
    }

    /// The index of the field the text is read from, by the rules of [`parse_jsonl_record`].
    pub fn text_index(&self, names: &FieldNames) -> Option<usize> {
        self.pick(names.text.as_deref(), TEXT_FIELDS)
    }

    /// The index of the field the id is read from.
    pub fn id_index(&self, names: &FieldNames) -> Option<usize> {
        self.pick(names.id.as_deref(), ID_FIELDS)
    }

    /// A string or number field's value as a string.
    pub fn scalar(&self, i: usize) -> Option<String> {
        let v: Value = serde_json::from_str(self.fields.get(i)?.1.get()).ok()?;
        scalar(Some(&v))
    }

    fn pick(&self, configured: Option<&str>, aliases: &[&str]) -> Option<usize> {
        match configured {
            Some(k) => self.last_index_of(k),
            None => aliases.iter().find_map(|k| {
                self.last_index_of(k)
                    .filter(|&i| self.fields[i].1.get() != "null")
            }),
        }
    }
}

/// Reads a JSONL record's fields in order, values untouched (a leading byte-order mark is
/// skipped, as [`parse_jsonl_record`] skips it).
pub fn raw_fields(text: &str) -> Result<RawFields, serde_json::Error> {
    serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// A string or number field as a string; other types and null give `None`.
fn scalar(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn file_stem(display: &str) -> &str {
    let name = display.rsplit(['/', '\\']).next().unwrap_or(display);
    name.split('.')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or(name)
}

/// Sets the outlet from an outlet field's value, or the URL when the value is one.
fn set_outlet(meta: &mut ArticleMeta, value: String) {
    let v = value.trim();
    if v.is_empty() {
        return;
    }
    if v.starts_with("http://") || v.starts_with("https://") {
        if meta.url.is_none() {
            meta.url = Some(v.to_string());
        }
    } else {
        meta.outlet = Some(v.to_string());
    }
}

/// Falls back to the URL's host, then the folder, for the outlet.
fn finish_outlet(meta: &mut ArticleMeta, folder_outlet: Option<&str>) {
    if meta.outlet.is_none() {
        meta.outlet = meta
            .url
            .as_deref()
            .and_then(url_host)
            .or_else(|| folder_outlet.map(str::to_string));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> FieldNames {
        FieldNames::default()
    }

    #[test]
    fn jsonl_aliases_and_url_sources() {
        let p = parse_jsonl_record(
            br#"{"id": 7, "maintext": "Body", "source": "https://www.example.com/a", "date_publish": "2020-01-02 10:00:00"}"#.to_vec(),
            "c.jsonl", 3, 0, &names(), false,
        );
        let a = p.article.unwrap();
        assert_eq!(a.meta.id, "7");
        assert_eq!(a.text, "Body");
        assert_eq!(a.meta.url.as_deref(), Some("https://www.example.com/a"));
        assert_eq!(a.meta.outlet.as_deref(), Some("example.com"));
        assert_eq!(a.meta.date.as_deref(), Some("2020-01-02 10:00:00"));
        assert!(p.problems.is_empty());
    }

    #[test]
    fn configured_fields_win() {
        let n = FieldNames {
            text: Some("article".into()),
            outlet: Some("paper".into()),
            ..names()
        };
        let p = parse_jsonl_record(
            br#"{"text": "no", "article": "yes", "paper": "Daily"}"#.to_vec(),
            "c",
            1,
            0,
            &n,
            false,
        );
        let a = p.article.unwrap();
        assert_eq!(
            (a.text.as_str(), a.meta.outlet.as_deref()),
            ("yes", Some("Daily"))
        );
    }

    #[test]
    fn bad_records_name_their_line() {
        let cases: [(&[u8], &str); 5] = [
            (b"{\"id\": \"x2\", \"text\": ", "c.jsonl:4: malformed JSON"),
            (b"{\"id\": 3}", "c.jsonl:4: no text field"),
            (b"{\"text\": 5}", "c.jsonl:4: field \"text\" is a number"),
            (b"  ", "c.jsonl:4: empty line"),
            (b"[1]", "c.jsonl:4: expected a JSON object"),
        ];
        for (bytes, want) in cases {
            let p = parse_jsonl_record(bytes.to_vec(), "c.jsonl", 4, 0, &names(), false);
            assert!(p.article.is_none());
            assert!(
                p.problems[0].to_string().starts_with(want),
                "{:?}",
                p.problems
            );
        }
    }

    #[test]
    fn txt_front_matter_and_titles() {
        let t = "---\nsource: The Daily\ndate: 2021-03-04\nurl: https://daily.example/x\n---\nA title\n\nBody text.\n";
        let p = parse_txt(t.as_bytes().to_vec(), "a.txt", "a", None, 0, false);
        let a = p.article.unwrap();
        assert_eq!(a.meta.outlet.as_deref(), Some("The Daily"));
        assert_eq!(a.meta.date.as_deref(), Some("2021-03-04"));
        assert_eq!(a.meta.title.as_deref(), Some("A title"));
        assert_eq!(&a.text[a.body_start..a.body_start + 7], "A title");
        let p = parse_txt(
            b"Title\nBody".to_vec(),
            "x/cnn/a.txt",
            "a",
            Some("cnn"),
            0,
            false,
        );
        assert_eq!(p.article.unwrap().meta.outlet.as_deref(), Some("cnn"));
    }

    #[test]
    fn txt_bad_bytes() {
        let p = parse_txt(b"Caf\xe9 au lait\n".to_vec(), "l.txt", "l", None, 0, false);
        assert!(p.article.is_none());
        assert!(
            p.problems[0]
                .to_string()
                .starts_with("l.txt:1: invalid UTF-8 at byte 3")
        );
        let p = parse_txt(b"Caf\xe9 au lait\n".to_vec(), "l.txt", "l", None, 0, true);
        assert_eq!(p.article.unwrap().text, "Caf\u{fffd} au lait\n");
        assert_eq!(p.problems.len(), 1);
        let p = parse_txt(vec![0, 1, 2, 3, 200, 201], "b.txt", "b", None, 0, false);
        assert!(p.article.is_none() && p.problems[0].message.contains("binary"));
        let p = parse_txt(b"  \n".to_vec(), "e.txt", "e", None, 0, false);
        assert!(p.article.is_none() && p.problems[0].message.contains("empty"));
        // A stray NUL is reported with its line; the text is still read.
        let p = parse_txt(
            b"Title\n\nA \0 here\n".to_vec(),
            "n.txt",
            "n",
            None,
            0,
            false,
        );
        assert!(p.article.is_some());
        assert_eq!(
            p.problems[0].to_string(),
            "n.txt:3: NUL byte at byte 9; read as text"
        );
        let p = parse_txt(b"\xff\xfeT\0i\0".to_vec(), "u.txt", "u", None, 0, false);
        assert!(p.article.is_none() && p.problems[0].message.starts_with("UTF-16 text"));
        let p = parse_txt(b"ok\nCaf\xe9\n".to_vec(), "l.txt", "l", None, 0, false);
        assert!(
            p.problems[0]
                .to_string()
                .starts_with("l.txt:2: invalid UTF-8 at byte 6")
        );
    }

    #[test]
    fn hosts() {
        assert_eq!(
            url_host("https://www.newsweek.com/x-1").as_deref(),
            Some("newsweek.com")
        );
        assert_eq!(
            url_host("http://user@Host.Example:8080/").as_deref(),
            Some("host.example")
        );
        assert_eq!(url_host("not a url"), None);
    }
}
