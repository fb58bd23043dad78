//! What the CLI's tests share: running the built binary.

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Output};

/// Runs `khabar` with `args` and `--index index`, whatever its exit status.
#[allow(dead_code)] // not every test binary that shares this module calls it
pub fn khabar_on(args: &[&str], index: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args(args)
        .arg("--index")
        .arg(index)
        .output()
        .expect("khabar runs")
}

/// Runs `khabar` with `args`, requires success, and returns its standard output.
#[allow(dead_code)]
pub fn khabar_ok<I, S>(args: I) -> Vec<u8>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let out = Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args(args)
        .output()
        .expect("khabar runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Runs `khabar` with `args` and `stdin` as its standard input, whatever its exit status. The
/// input is written from a thread: khabar answers line by line, and a large input would
/// otherwise fill both pipes.
#[allow(dead_code)]
pub fn khabar_stdin(args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("khabar runs");
    let mut pipe = child.stdin.take().expect("a stdin pipe");
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().expect("khabar ends");
    let _ = writer.join();
    out
}
