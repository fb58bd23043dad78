//! What the CLI's tests share: running the built binary.

use std::ffi::OsStr;
use std::process::Command;

/// Runs `khabar` with `args`, requires success, and returns its standard output.
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
