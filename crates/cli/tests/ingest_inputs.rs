//! `khabar ingest` on inputs it must not follow or create anything for (issue #16).

use std::process::Command;

fn ingest(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args(["ingest", "--no-extract"])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_missing_path_fails_before_any_index_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("idx");
    let out = ingest(&[
        "--index".as_ref(),
        idx.as_os_str(),
        "missing.jsonl".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file or folder: missing.jsonl"));
    assert!(!idx.exists(), "an index was created");
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_folder_is_reported_not_indexed() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "سر\nكلمة المرور السرية للخادم").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    std::fs::create_dir(&news).unwrap();
    std::fs::write(news.join("a.txt"), "خبر\nأعلنت الحكومة اليوم عن خطة جديدة.").unwrap();
    std::os::unix::fs::symlink(&secret, news.join("s.txt")).unwrap();
    let idx = dir.path().join("idx");
    let out = ingest(&[
        "--json".as_ref(),
        "--index".as_ref(),
        idx.as_os_str(),
        news.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("s.txt: a symbolic link out of the folder"),
        "{err}"
    );
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (summary["articles"].as_u64(), summary["rejected"].as_u64()),
        (Some(1), Some(1))
    );
    // Asked to, it follows the link.
    let out = ingest(&[
        "--json".as_ref(),
        "--follow-links".as_ref(),
        "--index".as_ref(),
        idx.as_os_str(),
        news.as_os_str(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["new"].as_u64(), Some(1), "{summary}");
}
