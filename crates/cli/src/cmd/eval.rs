//! `khabar eval` (being built).

use anyhow::{bail, Result};

#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_args: Args) -> Result<u8> {
    bail!("khabar eval is not built yet")
}
