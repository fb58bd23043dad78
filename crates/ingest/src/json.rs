//! JSON documents (streamed element by element) and JSON Lines (streamed line by line).

use std::fmt;
use std::io::{BufRead, ErrorKind};

use serde::de::{DeserializeSeed, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::{fields, Item, Options};

fn emit(obj: &Map<String, Value>, opts: &Options, origin: String, sink: &mut dyn FnMut(Item)) {
    let r = crate::read::guarded(|| fields::to_article(obj, &opts.fields, origin.clone()));
    sink(crate::read::item(r, &origin, opts));
}

fn emit_value(v: Value, opts: &Options, origin: String, sink: &mut dyn FnMut(Item)) {
    match v {
        Value::Object(o) => emit(&o, opts, origin, sink),
        other => sink(Item::Rejected {
            origin,
            reason: format!("not a JSON object but {}", json_kind(&other)),
        }),
    }
}

/// What a JSON value is, for messages: `a string`, `an array`, `null`…
pub fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Streams the elements of a JSON array to the sink, one `Value` at a time, so a large array is
/// never held as articles in memory.
struct ArraySeed<'a, 's> {
    opts: &'a Options,
    origin: &'a str,
    sink: &'s mut dyn FnMut(Item),
}

impl<'de> DeserializeSeed<'de> for ArraySeed<'_, '_> {
    type Value = usize;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ArraySeed<'_, '_> {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON array of article objects")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
        let mut i = 0;
        while let Some(v) = seq.next_element::<Value>()? {
            emit_value(v, self.opts, format!("{}#{i}", self.origin), self.sink);
            i += 1;
        }
        Ok(i)
    }
}

/// Streams the array `de` holds to the sink; a syntax error after some elements keeps them and
/// rejects the rest with its message. A read error (the size limit, a broken gzip stream) is
/// returned, for the caller to word as the whole-file reading does.
fn array<'de, R: serde_json::de::Read<'de>>(
    de: &mut serde_json::Deserializer<R>,
    origin: &str,
    opts: &Options,
    sink: &mut dyn FnMut(Item),
) -> std::io::Result<()> {
    let seed = ArraySeed {
        opts,
        origin,
        sink: &mut *sink,
    };
    match seed.deserialize(&mut *de).and_then(|_| de.end()) {
        Ok(()) => Ok(()),
        Err(e) if e.is_io() => Err(e.into()),
        Err(e) => {
            sink(Item::Rejected {
                origin: origin.to_string(),
                reason: format!("invalid JSON: {e}"),
            });
            Ok(())
        }
    }
}

/// Whether a `.json` stream whose first bytes are `head` is a UTF-8 JSON array, to be parsed as
/// it is read ([`read_json_array`]) rather than read whole: it opens with `[` (after a BOM and
/// white space) and its head is UTF-8 (a sequence cut at the end of the head aside), not UTF-16.
pub(crate) fn streams_as_array(head: &[u8]) -> bool {
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    first == Some(&b'[')
        && !head.contains(&0)
        && std::str::from_utf8(head).map_or_else(|e| e.error_len().is_none(), |_| true)
}

/// A JSON array of articles parsed as it is read, in constant memory whatever its size: the
/// elements go to the sink one by one and invalid UTF-8 is replaced (with one warning). A read
/// error, input past [`Options::max_file_bytes`] among them, stops the reading and is returned;
/// the articles before it were sent.
pub(crate) fn read_json_array(
    r: &mut dyn BufRead,
    origin: &str,
    opts: &Options,
    sink: &mut dyn FnMut(Item),
) -> std::io::Result<()> {
    if r.fill_buf().is_ok_and(|h| h.starts_with(b"\xEF\xBB\xBF")) {
        r.consume(3);
    }
    let mut stream = crate::decode::Utf8Stream::new(r, opts.max_file_bytes);
    let read = array(
        &mut serde_json::Deserializer::from_reader(std::io::BufReader::new(&mut stream)),
        origin,
        opts,
        sink,
    );
    if let Some(w) = crate::decode::replaced_warning("UTF-8", stream.replaced()) {
        opts.warn(origin, w);
    }
    read
}

/// A `.json` document: an array of objects, one article object, an object holding an array of
/// articles (`{"articles": [...]}`), several concatenated values, or JSON Lines under a `.json` name.
/// Array elements get origin `origin#index` (0-based).
pub(crate) fn read_json(text: &str, origin: &str, opts: &Options, sink: &mut dyn FnMut(Item)) {
    let trimmed = text.trim_start_matches('\u{FEFF}').trim_start();
    if trimmed.is_empty() {
        return sink(Item::Rejected {
            origin: origin.to_string(),
            reason: "empty file".into(),
        });
    }
    if trimmed.starts_with('[') {
        // A string is read without I/O: no read error can come.
        let _ = array(
            &mut serde_json::Deserializer::from_str(trimmed),
            origin,
            opts,
            sink,
        );
        return;
    }
    // JSON Lines saved as .json: the first line is a whole object and more follows.
    if let Some((first, rest)) = trimmed.split_once('\n') {
        if !rest.trim().is_empty() && serde_json::from_str::<Map<String, Value>>(first).is_ok() {
            for (n, line) in trimmed.lines().enumerate() {
                json_line(line, &format!("{origin}:{}", n + 1), opts, sink);
            }
            return;
        }
    }
    let values: Vec<Result<Value, serde_json::Error>> = serde_json::Deserializer::from_str(trimmed)
        .into_iter::<Value>()
        .collect();
    let single = values.len() == 1;
    for (i, v) in values.into_iter().enumerate() {
        let here = if single {
            origin.to_string()
        } else {
            format!("{origin}#{i}")
        };
        match v {
            Ok(Value::Object(o)) => object(o, &here, opts, sink),
            Ok(Value::Array(items)) => {
                for (j, item) in items.into_iter().enumerate() {
                    emit_value(item, opts, format!("{here}#{j}"), sink);
                }
            }
            Ok(other) => sink(Item::Rejected {
                origin: here,
                reason: format!("not a JSON object but {}", json_kind(&other)),
            }),
            Err(e) => {
                sink(Item::Rejected {
                    origin: here,
                    reason: format!("invalid JSON: {e}"),
                });
                break;
            }
        }
    }
}

/// One top-level object: an article, or a wrapper whose array members hold the articles.
fn object(o: Map<String, Value>, origin: &str, opts: &Options, sink: &mut dyn FnMut(Item)) {
    if fields::has_text(&o, &opts.fields) {
        return emit(&o, opts, origin.to_string(), sink);
    }
    let wrapped = o.iter().find(|(_, v)| {
        v.as_array().is_some_and(|a| {
            a.iter().any(|x| {
                x.as_object()
                    .is_some_and(|x| fields::has_text(x, &opts.fields))
            })
        })
    });
    match wrapped {
        Some((key, Value::Array(items))) => {
            for (j, item) in items.iter().enumerate() {
                let here = format!("{origin}#{key}[{j}]");
                match item {
                    Value::Object(x) => emit(x, opts, here, sink),
                    other => sink(Item::Rejected {
                        origin: here,
                        reason: format!("not a JSON object but {}", json_kind(other)),
                    }),
                }
            }
        }
        _ => emit(&o, opts, origin.to_string(), sink),
    }
}

/// One JSONL line (blank lines are skipped silently).
fn json_line(line: &str, origin: &str, opts: &Options, sink: &mut dyn FnMut(Item)) {
    let line = line.trim_start_matches('\u{FEFF}').trim();
    if line.is_empty() {
        return;
    }
    match serde_json::from_str::<Value>(line) {
        Ok(v) => emit_value(v, opts, origin.to_string(), sink),
        Err(e) => sink(Item::Rejected {
            origin: origin.to_string(),
            reason: format!("invalid JSON: {e}"),
        }),
    }
}

/// Reads one line of at most `max` bytes (without the `\n`) into `buf`. Returns `Ok(None)` at end of
/// input, `Ok(Some(true))` for a line, `Ok(Some(false))` for a line that was too long (skipped).
fn bounded_line(
    r: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<Option<bool>> {
    buf.clear();
    let mut too_long = false;
    let mut any = false;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(any.then_some(!too_long));
        }
        any = true;
        let (part, used, done) = match memchr(chunk) {
            Some(i) => (&chunk[..i], i + 1, true),
            None => (chunk, chunk.len(), false),
        };
        if !too_long {
            if buf.len() + part.len() > max {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(part);
            }
        }
        r.consume(used);
        if done {
            return Ok(Some(!too_long));
        }
    }
}

fn memchr(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'\n')
}

/// A JSON Lines stream. Each line is decoded on its own (UTF-8, else detected, e.g. Windows-1256),
/// so memory stays bounded by the longest line. UTF-16 input (BOM or NUL pattern) is read whole
/// (up to `max_file_bytes`) and split after decoding. Origins are `origin:line` (1-based).
pub(crate) fn read_jsonl(
    r: &mut dyn BufRead,
    origin: &str,
    opts: &Options,
    sink: &mut dyn FnMut(Item),
) {
    let head = match r.fill_buf() {
        Ok(h) => h,
        Err(e) => {
            return sink(Item::Rejected {
                origin: origin.into(),
                reason: crate::read::io_reason(&e),
            })
        }
    };
    if head.is_empty() {
        return sink(Item::Rejected {
            origin: origin.into(),
            reason: "empty file".into(),
        });
    }
    let utf16 = head.starts_with(&[0xFF, 0xFE])
        || head.starts_with(&[0xFE, 0xFF])
        || crate::decode::utf16_by_nuls(head).is_some();
    if utf16 {
        let mut bytes = Vec::new();
        if let Err(reason) = crate::read::read_bounded(r, &mut bytes, opts.max_file_bytes) {
            return sink(Item::Rejected {
                origin: origin.into(),
                reason,
            });
        }
        match crate::decode::decode_owned(bytes) {
            Ok(d) => {
                if let Some(w) = d.warning() {
                    opts.warn(origin, w);
                }
                for (n, line) in d.text.lines().enumerate() {
                    json_line(line, &format!("{origin}:{}", n + 1), opts, sink);
                }
            }
            Err(reason) => sink(Item::Rejected {
                origin: origin.into(),
                reason,
            }),
        }
        return;
    }
    let mut buf = Vec::new();
    let mut n = 0usize;
    loop {
        n += 1;
        let here = || format!("{origin}:{n}");
        match bounded_line(r, &mut buf, opts.max_line_bytes) {
            Ok(None) => break,
            Ok(Some(false)) => sink(Item::Rejected {
                origin: here(),
                reason: format!("line longer than {} bytes", opts.max_line_bytes),
            }),
            Ok(Some(true)) => {
                let line = if buf.ends_with(b"\r") {
                    &buf[..buf.len() - 1]
                } else {
                    &buf[..]
                };
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                match std::str::from_utf8(line) {
                    Ok(s) => json_line(s, &here(), opts, sink),
                    Err(_) => match crate::decode::decode(line) {
                        Ok(d) => {
                            if let Some(w) = d.warning() {
                                opts.warn(&here(), w);
                            }
                            json_line(&d.text, &here(), opts, sink)
                        }
                        Err(reason) => sink(Item::Rejected {
                            origin: here(),
                            reason,
                        }),
                    },
                }
            }
            Err(e) => {
                let reason = format!("{} (after line {})", crate::read::io_reason(&e), n - 1);
                sink(Item::Rejected {
                    origin: origin.into(),
                    reason,
                });
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect_json(text: &str) -> Vec<Item> {
        let mut out = Vec::new();
        read_json(text, "f.json", &Options::default(), &mut |i| out.push(i));
        out
    }

    fn collect_jsonl(bytes: &[u8], opts: &Options) -> Vec<Item> {
        let mut out = Vec::new();
        read_jsonl(&mut &bytes[..], "f.jsonl", opts, &mut |i| out.push(i));
        out
    }

    fn origins(items: &[Item]) -> Vec<String> {
        items
            .iter()
            .map(|i| match i {
                Item::Article(a) => format!("A {}", a.origin),
                Item::Rejected { origin, .. } => format!("R {origin}"),
            })
            .collect()
    }

    const SNN: &str = r#"[
    {"source": "aawsat", "url": "http://aawsat.com/home/article/410826", "date_extracted": "2015-07-21 02:51:32",
     "title": "بريطانيا: أربعة محاور لاستراتيجية جديدة تتصدى للتطرف", "author": "لندن: رنيم حنوش",
     "content": "حدد رئيس الوزراء البريطاني ديفيد كاميرون، اليوم (الاثنين)، ملامح استراتيجية للتصدي للتطرف."},
    {"source": "sabq", "url": "http://sabq.org/x", "date_extracted": "2015-07-21 03:00:00", "title": "", "author": "", "content": "أعلنت وزارة الداخلية اليوم عن نتائج التحقيق."},
    {"source": "okaz", "url": "http://okaz.com.sa/y", "title": "بلا نص", "content": ""},
    42
]"#;

    #[test]
    fn saudinewsnet_shaped_array() {
        let items = collect_json(SNN);
        assert_eq!(
            origins(&items),
            ["A f.json#0", "A f.json#1", "R f.json#2", "R f.json#3"]
        );
        let Item::Article(a) = &items[0] else {
            panic!()
        };
        assert_eq!(a.id, "http://aawsat.com/home/article/410826");
        assert_eq!(a.source.as_deref(), Some("aawsat"));
        assert_eq!(a.published, Some(1437447092));
        assert_eq!(a.author.as_deref(), Some("لندن: رنيم حنوش"));
        let Item::Article(b) = &items[1] else {
            panic!()
        };
        assert_eq!((b.title.as_str(), b.author.as_deref()), ("", None));
        assert_eq!(
            items[2],
            Item::Rejected {
                origin: "f.json#2".into(),
                reason: "empty body".into()
            }
        );
        assert_eq!(
            items[3],
            Item::Rejected {
                origin: "f.json#3".into(),
                reason: "not a JSON object but a number".into()
            }
        );
    }

    #[test]
    fn single_object_wrapper_and_truncated_array() {
        let one = collect_json(r#"{"headline": "عنوان", "articleBody": "نص الخبر الكامل"}"#);
        assert_eq!(origins(&one), ["A f.json"]);
        let wrapped = collect_json(
            r#"{"status": "ok", "articles": [{"title": "أ", "body": "نص أول"}, {"title": "ب", "body": "نص ثان"}]}"#,
        );
        assert_eq!(
            origins(&wrapped),
            ["A f.json#articles[0]", "A f.json#articles[1]"]
        );
        let cut = &SNN[..SNN.find("sabq").unwrap()];
        let items = collect_json(cut);
        assert_eq!(origins(&items), ["A f.json#0", "R f.json"]);
        let Item::Rejected { reason, .. } = &items[1] else {
            panic!()
        };
        assert!(reason.starts_with("invalid JSON: EOF"), "{reason}");
    }

    const ANT: &str = r#"{"docno": "AL-culture-1-20180218", "url": "http://www.alarabiya.net/ar/culture-and-art/2018/02/18/a.html", "src": "alarabia", "cat": "culture", "title": "هكذا تحالفت أحلام وإليسا ضد عاصي وحماقي بـ\"ذا فويس\"", "time": "Sun, 18 Feb 2018 21:35:43 +0400", "author": "القاهرة - أحمد الريدي", "abstract": "يبدو أن الصراع", "text": "يبدو أن الصراع بين المدربين الأربعة في برنامج \"ذا فويس The Voice\"، سيشهد تحدياً من نوع خاص."}"#;

    #[test]
    fn jsonl_broken_line_does_not_stop_the_rest() {
        let data = format!(
            "{ANT}\n\n{{\"docno\": \"broken\", \"text\": \"نص\"\n[1]\r\n{}\n",
            ANT.replace("AL-culture-1", "AL-culture-2")
        );
        let items = collect_jsonl(data.as_bytes(), &Options::default());
        assert_eq!(
            origins(&items),
            ["A f.jsonl:1", "R f.jsonl:3", "R f.jsonl:4", "A f.jsonl:5"]
        );
        let Item::Article(a) = &items[3] else {
            panic!()
        };
        assert_eq!(a.id, "AL-culture-2-20180218");
        assert_eq!(a.category.as_deref(), Some("culture"));
        assert_eq!(a.published, Some(1518975343));
    }

    #[test]
    fn jsonl_long_lines_and_cp1256_lines() {
        let opts = Options {
            max_line_bytes: 100,
            ..Options::default()
        };
        let short = r#"{"title": "قصير", "text": "نص"}"#;
        let data = format!("{ANT}\n{short}\n{ANT}");
        assert_eq!(
            origins(&collect_jsonl(data.as_bytes(), &opts)),
            ["R f.jsonl:1", "A f.jsonl:2", "R f.jsonl:3"]
        );
        let (cp, _, _) = encoding_rs::WINDOWS_1256.encode(ANT);
        let mut bytes = cp.into_owned();
        bytes.push(b'\n');
        bytes.extend_from_slice(short.as_bytes());
        let items = collect_jsonl(&bytes, &Options::default());
        let Item::Article(a) = &items[0] else {
            panic!("{items:?}")
        };
        assert_eq!(a.author.as_deref(), Some("القاهرة - أحمد الريدي"));
        assert_eq!(items.len(), 2);
    }

    /// Generates `lines` JSONL lines on demand and counts the bytes handed out.
    struct Lazy {
        line: Vec<u8>,
        lines: usize,
        pos: usize,
        served: std::rc::Rc<std::cell::Cell<usize>>,
    }

    impl std::io::Read for Lazy {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let total = self.line.len() * self.lines;
            let n = buf.len().min(total - self.pos);
            for (i, b) in buf[..n].iter_mut().enumerate() {
                *b = self.line[(self.pos + i) % self.line.len()];
            }
            self.pos += n;
            self.served.set(self.pos);
            Ok(n)
        }
    }

    #[test]
    fn jsonl_streams() {
        let served = std::rc::Rc::new(std::cell::Cell::new(0));
        let line = format!("{ANT}\n").into_bytes();
        let lines = 100_000;
        let total = line.len() * lines;
        let lazy = Lazy {
            line,
            lines,
            pos: 0,
            served: served.clone(),
        };
        let mut r = std::io::BufReader::with_capacity(1 << 16, lazy);
        let (mut n, mut first_at) = (0usize, 0usize);
        read_jsonl(&mut r, "big.jsonl", &Options::default(), &mut |i| {
            assert!(matches!(i, Item::Article(_)));
            if n == 0 {
                first_at = served.get();
            }
            n += 1;
        });
        assert_eq!(n, lines);
        // The first article came out after one buffer of a 55 MB input.
        assert!(
            first_at <= 1 << 16 && total > 50_000_000,
            "{first_at} of {total}"
        );
    }

    fn collect_array(bytes: &[u8], opts: &Options) -> (Vec<Item>, Vec<String>) {
        let warnings = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let w = warnings.clone();
        let opts = Options {
            on_warning: crate::OnWarning::new(move |x| w.lock().unwrap().push(x.message)),
            ..opts.clone()
        };
        let mut out = Vec::new();
        if let Err(e) = read_json_array(&mut &bytes[..], "f.json", &opts, &mut |i| out.push(i)) {
            out.push(Item::Rejected {
                origin: "f.json".into(),
                reason: e.to_string(),
            });
        }
        let warnings = warnings.lock().unwrap().clone();
        (out, warnings)
    }

    #[test]
    fn json_array_streams() {
        let served = std::rc::Rc::new(std::cell::Cell::new(0));
        let lines = 100_000;
        let lazy = Lazy {
            line: format!("{ANT},\n").into_bytes(),
            lines,
            pos: 0,
            served: served.clone(),
        };
        let last = format!("{ANT}]");
        let input = std::io::Read::chain(
            std::io::Read::chain(&b"\xEF\xBB\xBF [\n"[..], lazy),
            last.as_bytes(),
        );
        let mut r = std::io::BufReader::with_capacity(1 << 16, input);
        assert!(streams_as_array(
            std::io::BufRead::fill_buf(&mut r).unwrap()
        ));
        let (mut n, mut first_at) = (0usize, 0usize);
        read_json_array(&mut r, "big.json", &Options::default(), &mut |i| {
            assert!(matches!(i, Item::Article(_)), "{i:?}");
            if n == 0 {
                first_at = served.get();
            }
            n += 1;
        })
        .unwrap();
        assert_eq!(n, lines + 1);
        // The first article came out after a few buffers of a 55 MB array, not the whole of it.
        assert!(
            first_at <= 4 << 16 && served.get() > 50_000_000,
            "{first_at}"
        );
    }

    #[test]
    fn json_array_stream_replaces_bad_bytes_and_cut_sequences() {
        // Arabic cut at every byte boundary (one byte per read), a stray Windows-1256 byte and a
        // sequence cut at the very end.
        let mut bytes = r#"[{"title": "عاجل", "text": "قال الوزير"#.as_bytes().to_vec();
        bytes.push(0xC7);
        bytes.extend_from_slice(r#" إن المحادثات مستمرة"}]"#.as_bytes());
        struct OneByte<'a>(&'a [u8]);
        impl std::io::Read for OneByte<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.len().min(1).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut tail = bytes.clone();
        tail.extend_from_slice(&[0xD9]);
        for input in [&bytes, &tail] {
            let mut stream = crate::decode::Utf8Stream::new(OneByte(input), u64::MAX);
            let mut out = String::new();
            std::io::Read::read_to_string(&mut stream, &mut out).unwrap();
            assert_eq!(out, String::from_utf8_lossy(input));
            assert_eq!(stream.replaced(), input.len() - bytes.len() + 1);
        }
        // Past the head (where the stream is chosen), a bad byte is replaced with one warning.
        let (items, warnings) = collect_array(&bytes, &Options::default());
        let Item::Article(a) = &items[0] else {
            panic!("{items:?}")
        };
        assert_eq!(a.body, "قال الوزير\u{FFFD} إن المحادثات مستمرة");
        assert_eq!(
            warnings,
            ["decoded as UTF-8 with 1 invalid byte sequence replaced by U+FFFD"]
        );
    }

    #[test]
    fn json_array_over_the_limit_keeps_the_articles_before() {
        let one = format!("{ANT},\n");
        let data = format!("[{}{ANT}]", one.repeat(1000));
        let opts = Options {
            max_file_bytes: 200_000,
            ..Options::default()
        };
        assert!(streams_as_array(data.as_bytes()));
        let (items, _) = collect_array(data.as_bytes(), &opts);
        let (last, kept) = items.split_last().unwrap();
        assert!(kept.len() > 100 && kept.iter().all(|i| matches!(i, Item::Article(_))));
        let Item::Rejected { origin, reason } = last else {
            panic!("{last:?}")
        };
        assert_eq!(origin, "f.json");
        assert!(
            reason == "larger than the limit of 200000 bytes",
            "{reason}"
        );
        // Not an array, UTF-16 or not UTF-8 at the head: read whole instead.
        assert!(!streams_as_array(ANT.as_bytes()));
        assert!(!streams_as_array(b"[\0{\0"));
        assert!(!streams_as_array(b"[{\"title\": \"\xC7\xE1\"}]"));
    }

    #[test]
    fn jsonl_saved_as_json() {
        let data = format!(
            "{ANT}\nnot json\n{}\n",
            ANT.replace("AL-culture-1", "AL-culture-3")
        );
        assert_eq!(
            origins(&collect_json(&data)),
            ["A f.json:1", "R f.json:2", "A f.json:3"]
        );
    }
}
