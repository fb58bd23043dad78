//! `khabar tokenize` as a user runs it: a real process, real Arabic input.

mod common;

use std::process::Output;

fn khabar(args: &[&str], stdin: &[u8]) -> Output {
    common::khabar_stdin(args, stdin)
}

#[test]
fn one_output_line_per_input_line() {
    let input =
        "وقال بوتين الاثنين إن الاضطرابات في كازاخستان\n\nوتم إرسال 2500 جندي.\r\nآخر سطر بلا نهاية";
    let out = khabar(&["tokenize"], input.as_bytes());
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0], "قال بوتين اثن ان اضطراب في كازاخستان");
    assert_eq!(lines[1], "");
    assert_eq!(lines[2], "وتم ارسال 2500 جند");
}

#[test]
fn forms_surface_display_norm() {
    let input = "وأُرسِلت القوات إلى كازاخستـــان";
    let run = |form: &str| {
        String::from_utf8(khabar(&["tokenize", "--form", form], input.as_bytes()).stdout).unwrap()
    };
    assert_eq!(run("surface").trim(), "وأُرسِلت القوات إلى كازاخستـــان");
    assert_eq!(run("display").trim(), "وأُرسِلت القوات إلى كازاخستان");
    assert_eq!(run("norm").trim(), "وارسلت القوات الي كازاخستان");
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning() {
    let mut input = "بوتين ".as_bytes().to_vec();
    input.extend_from_slice(&[0xff, 0xfe, b' ']);
    input.extend_from_slice("موسكو\nسطر ثان\n".as_bytes());
    let out = khabar(&["tokenize"], &input);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 2);
    assert!(text.starts_with("بوتين"));
    assert!(text.lines().next().unwrap().ends_with("موسكو"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid UTF-8"));
}

#[test]
fn json_gives_offsets_and_all_forms() {
    let out = khabar(&["tokenize", "--json"], "وبوتين، ٢٠٢٢".as_bytes());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let toks = v["tokens"].as_array().unwrap();
    assert_eq!(toks.len(), 2);
    assert_eq!(toks[0]["surface"], "وبوتين");
    assert_eq!(toks[0]["key"], "بوتين");
    assert_eq!(toks[0]["start"], 0);
    assert_eq!(toks[0]["end"], "وبوتين".len());
    assert_eq!(toks[1]["kind"], "number");
    assert_eq!(toks[1]["key"], "2022");
}

#[test]
fn exit_codes() {
    assert_eq!(
        khabar(&["tokenize", "--form", "nope"], b"").status.code(),
        Some(2)
    );
    assert_eq!(khabar(&["no-such-command"], b"").status.code(), Some(2));
    let missing = khabar(&["tokenize", "/no/such/file.txt"], b"");
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/no/such/file.txt"));
    assert_eq!(khabar(&["--version"], b"").status.code(), Some(0));
}

#[test]
fn binary_junk_does_not_stop_the_stream() {
    let junk: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let out = khabar(&["tokenize"], &junk);
    assert!(out.status.success());
    let nl = junk.iter().filter(|&&b| b == b'\n').count();
    let expect = nl + usize::from(junk.last() != Some(&b'\n'));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), expect);
}

#[test]
fn a_line_of_megabytes_is_one_output_line_with_every_token() {
    // 3 MiB on one line: read a mebibyte at a time, cut after a space, still one output line.
    let sentence = "وأعلنت منظمة معاهدة الأمن الجماعي إرسال قوات إلى كازاخستان ";
    let n = (3 << 20) / sentence.len() + 1;
    let mut input = sentence.repeat(n);
    input.push_str("\nالثاني\n");
    let out = khabar(&["tokenize", "--form", "norm"], input.as_bytes());
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    let once = khabar(&["tokenize", "--form", "norm"], sentence.as_bytes()).stdout;
    let once = String::from_utf8(once).unwrap();
    let want = vec![once.trim_end(); n].join(" ");
    assert_eq!(
        lines[0].split(' ').count(),
        9 * n,
        "a token was lost or added"
    );
    assert!(lines[0] == want, "a token was cut at a piece boundary");
    assert_eq!(lines[1], "الثاني");

    // The JSON offsets run on across the pieces: the last token ends where the line's text does.
    let out = khabar(&["tokenize", "--json"], input.as_bytes());
    let text = String::from_utf8(out.stdout).unwrap();
    let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(first["v"], 1);
    let tokens = first["tokens"].as_array().unwrap();
    assert_eq!(tokens.len(), 9 * n);
    let last = &tokens[tokens.len() - 1];
    assert_eq!(
        last["end"].as_u64().unwrap() as usize,
        input.find('\n').unwrap() - 1
    );
    assert_eq!(last["surface"], "كازاخستان");
}
