//! `khabar serve`: the JSON API and the web interface over an index, on loopback by default.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result};
use khabar_server::{AppState, Config};

use crate::exit;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The index directory [default: $KHABAR_INDEX or ./khabar-index].
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// Address to listen on. Loopback by default; give 0.0.0.0:PORT to serve other machines.
    /// Port 0 picks a free port (the address is printed).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Requests taking longer than this many seconds get a 503.
    #[arg(long, default_value_t = 10.0)]
    pub timeout: f64,
    /// Largest request body in bytes (larger: 413).
    #[arg(long, default_value_t = 1 << 20)]
    pub max_body: usize,
    /// Worker threads (default: the number of cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Request logs as JSON lines (default: human-readable). Filter with RUST_LOG.
    #[arg(long)]
    pub log_json: bool,
}

pub fn run(args: Args) -> Result<u8> {
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        return Err(exit::UsageError(format!(
            "--timeout must be a positive number of seconds, not {}",
            args.timeout
        ))
        .into());
    }
    init_logs(args.log_json);
    let index = super::ingest::open_index(args.index.clone())?;
    let articles = index.stats().map(|s| s.articles).unwrap_or(0);
    let dir = index.dir().display().to_string();
    let config = Config {
        request_timeout: Duration::from_secs_f64(args.timeout),
        max_body_bytes: args.max_body,
        ..Config::default()
    };
    let state = AppState::new(Some(index), config);
    let mut rt = tokio::runtime::Builder::new_multi_thread();
    rt.enable_all();
    if let Some(n) = args.threads {
        rt.worker_threads(n.max(1));
    }
    let rt = rt.build().context("cannot start the async runtime")?;
    rt.block_on(khabar_server::serve(args.addr, state, |bound| {
        // One line on stdout that scripts can wait for (the port when --addr ends in :0).
        println!("khabar: serving {articles} articles from {dir} at http://{bound}/");
        use std::io::Write;
        let _ = std::io::stdout().flush();
    }))
    .with_context(|| format!("cannot serve on {}", args.addr))?;
    Ok(exit::OK)
}

fn init_logs(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,tantivy=warn"));
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .with_ansi(ansi);
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
