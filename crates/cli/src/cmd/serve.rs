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
    /// Largest answer in bytes (larger: 413, "the answer would be larger than N bytes").
    #[arg(long, default_value_t = 16 << 20)]
    pub max_response: usize,
    /// Seconds a connection may take to send its request headers before it is closed.
    #[arg(long, default_value_t = 5.0)]
    pub header_timeout: f64,
    /// Connections served at once; more wait in the listen queue.
    #[arg(long, default_value_t = 512)]
    pub max_connections: usize,
    /// Requests each heavy route (analyze, entities, events) runs at once [default: half the
    /// cores, at least 1].
    #[arg(long)]
    pub heavy_concurrency: Option<usize>,
    /// Seconds a request of a busy heavy route waits for its turn before a 503 with Retry-After.
    #[arg(long, default_value_t = 5.0)]
    pub heavy_wait: f64,
    /// Seconds between reopenings of the index to see articles ingested while serving (0: never).
    #[arg(long, default_value_t = 10.0)]
    pub reload_every: f64,
    /// Worker threads (default: the number of cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Request logs as JSON lines (default: human-readable). Filter with RUST_LOG.
    #[arg(long)]
    pub log_json: bool,
}

/// Seconds given on the command line as a duration: finite and positive (or zero when `zero` is
/// allowed), else a usage error naming the flag.
fn seconds(flag: &str, v: f64, zero: bool) -> Result<Duration> {
    if v.is_finite() && (v > 0.0 || (zero && v == 0.0)) && v < 1e9 {
        return Ok(Duration::from_secs_f64(v));
    }
    let what = if zero {
        "zero or a positive"
    } else {
        "a positive"
    };
    Err(exit::UsageError(format!(
        "--{flag} must be {what} number of seconds, not {v}"
    ))
    .into())
}

/// A count given on the command line: at least 1, else a usage error naming the flag.
fn count(flag: &str, v: usize) -> Result<usize> {
    if v == 0 {
        return Err(exit::UsageError(format!("--{flag} must be at least 1")).into());
    }
    Ok(v)
}

/// The server's settings from the flags, each checked.
fn config(args: &Args) -> Result<Config> {
    let default = Config::default();
    Ok(Config {
        request_timeout: seconds("timeout", args.timeout, false)?,
        max_body_bytes: count("max-body", args.max_body)?,
        max_response_bytes: count("max-response", args.max_response)?,
        header_read_timeout: seconds("header-timeout", args.header_timeout, false)?,
        max_connections: count("max-connections", args.max_connections)?,
        heavy_concurrency: match args.heavy_concurrency {
            Some(n) => count("heavy-concurrency", n)?,
            None => default.heavy_concurrency,
        },
        heavy_wait: seconds("heavy-wait", args.heavy_wait, true)?,
        reload_every: seconds("reload-every", args.reload_every, true)?,
    })
}

pub fn run(args: Args) -> Result<u8> {
    let config = config(&args)?;
    init_logs(args.log_json);
    let index = super::ingest::open_index(args.index.clone())?;
    let articles = index.stats().map(|s| s.articles).unwrap_or(0);
    let dir = index.dir().display().to_string();
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
