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
