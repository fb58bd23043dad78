//! Golden test: `khabar analyze --json` on the bundled sample validates against
//! `docs/reading.schema.json`, and every field it prints is documented there.
//!
//! The validator covers the subset of JSON Schema (draft 2020-12) the schema uses: `type` (one or
//! several), `required`, `properties`, `items`, `enum`, `minimum`, `allOf`, `anyOf` and local
//! `$ref`s to `#/$defs/…`. A keyword it does not know fails the test, so the schema cannot grow
//! past what is checked.

mod common;

use std::path::Path;

use serde_json::Value;

const KNOWN: [&str; 13] = [
    "$schema",
    "$id",
    "$defs",
    "$ref",
    "title",
    "description",
    "type",
    "required",
    "properties",
    "items",
    "enum",
    "minimum",
    "allOf",
];

struct Validator<'a> {
    root: &'a Value,
    errors: Vec<String>,
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "integer" => v.is_u64() || v.is_i64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        _ => panic!("unknown type {t:?} in the schema"),
    }
}

impl<'a> Validator<'a> {
    fn resolve(&self, r: &str) -> &'a Value {
        let name = r
            .strip_prefix("#/$defs/")
            .unwrap_or_else(|| panic!("only local $refs are supported: {r}"));
        &self.root["$defs"][name]
    }

    /// The property names an object schema documents (its own and those of its `allOf`/`$ref`s).
    fn documented(&self, s: &'a Value, out: &mut Vec<&'a str>) {
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            self.documented(self.resolve(r), out);
        }
        if let Some(p) = s.get("properties").and_then(Value::as_object) {
            out.extend(p.keys().map(String::as_str));
        }
        for sub in s
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            self.documented(sub, out);
        }
    }

    /// Whether `v` is valid; errors are recorded only when `record`. Fields outside `properties`
    /// are flagged when `closed` (not inside an `allOf`, whose parent documents the rest).
    fn check(&mut self, s: &'a Value, v: &Value, at: &str, record: bool, closed: bool) -> bool {
        // Failures here; those of nested values are recorded by their own call.
        let mut errs: Vec<String> = Vec::new();
        let mut ok = true;
        let obj = s.as_object().expect("a schema is an object");
        for k in obj.keys() {
            assert!(
                KNOWN.contains(&k.as_str()) || k == "anyOf",
                "schema keyword {k:?} is not checked by this test"
            );
        }
        if let Some(r) = obj.get("$ref").and_then(Value::as_str) {
            let target = self.resolve(r);
            if !self.check(target, v, at, record, closed) {
                ok = false;
            }
        }
        match obj.get("type") {
            Some(Value::String(t)) if !type_ok(t, v) => errs.push(format!("not {t}")),
            Some(Value::Array(ts)) if !ts.iter().any(|t| type_ok(t.as_str().unwrap(), v)) => {
                errs.push(format!("not any of {ts:?}"))
            }
            _ => {}
        }
        if let Some(e) = obj.get("enum").and_then(Value::as_array) {
            if !e.contains(v) {
                errs.push(format!("{v} not in {e:?}"));
            }
        }
        if let (Some(min), Some(n)) = (obj.get("minimum").and_then(Value::as_f64), v.as_f64()) {
            if n < min {
                errs.push(format!("{n} < {min}"));
            }
        }
        if let Some(m) = v.as_object() {
            for r in obj
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if !m.contains_key(r.as_str().unwrap()) {
                    errs.push(format!("missing required {r}"));
                }
            }
            if let Some(props) = obj.get("properties").and_then(Value::as_object) {
                let mut documented = Vec::new();
                self.documented(s, &mut documented);
                for (k, val) in m {
                    match props.get(k) {
                        Some(ps) => ok &= self.check(ps, val, &format!("{at}.{k}"), record, true),
                        None if closed && !documented.contains(&k.as_str()) => {
                            errs.push(format!("undocumented field {k:?}"))
                        }
                        None => {}
                    }
                }
            }
        }
        if let (Some(items), Some(a)) = (obj.get("items"), v.as_array()) {
            for (i, x) in a.iter().enumerate() {
                if !self.check(items, x, &format!("{at}[{i}]"), record, true) {
                    ok = false;
                }
            }
        }
        for sub in obj
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !self.check(sub, v, at, record, false) {
                ok = false;
            }
        }
        if let Some(any) = obj.get("anyOf").and_then(Value::as_array) {
            if !any.iter().any(|sub| self.check(sub, v, at, false, closed)) {
                errs.push("matches none of anyOf".to_string());
            }
        }
        if record {
            self.errors
                .extend(errs.iter().map(|e| format!("{at}: {e}")));
        }
        ok && errs.is_empty()
    }
}

fn validate(schema: &Value, v: &Value) -> Vec<String> {
    let mut val = Validator {
        root: schema,
        errors: Vec::new(),
    };
    val.check(schema, v, "$", true, true);
    val.errors
}

fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn schema() -> Value {
    serde_json::from_str(&std::fs::read_to_string(repo().join("docs/reading.schema.json")).unwrap())
        .unwrap()
}

fn seed_reading() -> Value {
    let sample = repo().join("samples/csto-kazakhstan-2022.txt");
    let json = common::khabar_ok([
        "analyze",
        sample.to_str().unwrap(),
        "--date",
        "2022-01-11",
        "--json",
    ]);
    serde_json::from_slice(&json).unwrap()
}

#[test]
fn analyze_json_matches_the_documented_schema() {
    let reading = seed_reading();
    let schema = schema();
    // Not vacuous: the sample has something in every list the schema requires.
    for field in schema["required"].as_array().unwrap() {
        let field = field.as_str().unwrap();
        if let Some(list) = reading[field].as_array() {
            assert!(!list.is_empty(), "{field} is empty");
        }
    }
    let errors = validate(&schema, &reading);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn the_schema_check_rejects_what_the_schema_forbids() {
    let schema = schema();
    let good = seed_reading();
    let mut bad = good.clone();
    bad["entities"][0]["label"] = "PERSON".into();
    bad["numbers"][0].as_object_mut().unwrap().remove("value");
    bad["events"][0]["actor"] = 3.into();
    bad["sentences"][0]["start"] = (-1).into();
    bad["keywords"][0]["weight"] = 1.into();
    let errors = validate(&schema, &bad);
    for want in [
        "$.entities[0].label",
        "$.numbers[0]: missing required \"value\"",
        "$.events[0].actor: matches none of anyOf",
        "$.sentences[0].start: -1 < 0",
        "$.keywords[0]: undocumented field \"weight\"",
    ] {
        assert!(
            errors.iter().any(|e| e.starts_with(want)),
            "{want} not in {errors:#?}"
        );
    }
}

/// `docs/analyze-jsonl.schema.json` with `reading.schema.json` inlined: its `$ref` to the
/// sibling file points at `#/$defs/reading`, and the reading's own `$defs` join the line's.
fn jsonl_schema() -> Value {
    let text = std::fs::read_to_string(repo().join("docs/analyze-jsonl.schema.json")).unwrap();
    assert!(text.contains(r#""$ref": "reading.schema.json""#));
    let mut s: Value = serde_json::from_str(&text.replace(
        r#""$ref": "reading.schema.json""#,
        r##""$ref": "#/$defs/reading""##,
    ))
    .unwrap();
    let mut reading = schema();
    let defs = reading.as_object_mut().unwrap().remove("$defs").unwrap();
    let all = s["$defs"].as_object_mut().unwrap();
    for (k, v) in defs.as_object().unwrap() {
        assert!(
            all.insert(k.clone(), v.clone()).is_none(),
            "{k} defined twice"
        );
    }
    all.insert("reading".into(), reading);
    s
}

/// Real news lines (the dev gold's sentences, with their ids and dates) and every kind of bad line.
fn jsonl_input() -> Vec<u8> {
    let gold = std::fs::read_to_string(repo().join("gold/reading/events.jsonl")).unwrap();
    let mut input = Vec::new();
    for line in gold.lines().take(12) {
        input.extend_from_slice(line.as_bytes());
        input.push(b'\n');
    }
    for bad in [
        &b""[..],
        b"{\"id\": \"no-text\"}",
        b"[\"x\", \"text\"]",
        b"{\"id\": 17, \"date\": \"31/31/2018\", \"text\": \"\xd9\x82\xd8\xa7\xd9\x84 \xff\xfe \xd8\xa7\xd9\x84\xd9\x88\xd8\xb2\xd9\x8a\xd8\xb1\"}",
        b"{\"text\": \"\xd9\x84\xd8\xa7 \xd9\x85\xd8\xb9\xd8\xb1\xd9\x91\xd9\x81\"}",
        b"{\"id\": \"x\", \"text\": \"",
    ] {
        input.extend_from_slice(bad);
        input.push(b'\n');
    }
    input
}

#[test]
fn analyze_jsonl_lines_match_their_documented_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.jsonl");
    std::fs::write(&path, jsonl_input()).unwrap();
    let out = common::khabar_ok([
        "analyze",
        "--jsonl",
        path.to_str().unwrap(),
        "--keep",
        "url,source,date",
        "--keep-going",
        "--threads",
        "2",
    ]);
    let schema = jsonl_schema();
    let lines: Vec<Value> = std::str::from_utf8(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 18);
    let reading_line = &schema["$defs"]["reading_line"];
    let error_line = &schema["$defs"]["error_line"];
    for (i, line) in lines.iter().enumerate() {
        let which = if i < 12 || i == 15 {
            reading_line
        } else {
            error_line
        };
        let mut val = Validator {
            root: &schema,
            errors: Vec::new(),
        };
        val.check(which, line, &format!("line {}", i + 1), true, true);
        assert!(val.errors.is_empty(), "{}", val.errors.join("\n"));
        assert!(validate(&schema, line).is_empty());
    }
    // Not vacuous: the real lines have readings, and a line without "v" is not a line.
    assert!(lines[..12]
        .iter()
        .any(|l| !l["events"].as_array().unwrap().is_empty()));
    let mut bad = lines[0].clone();
    bad.as_object_mut().unwrap().remove("v");
    assert!(!validate(&schema, &bad).is_empty());
    let mut bad = lines[12].clone();
    bad["line"] = 0.into();
    assert!(!validate(&schema, &bad).is_empty());
}
