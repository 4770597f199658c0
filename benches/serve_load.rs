//! Whole-process HTTP load benchmark for `redflag serve`.
//!
//! Spawns the real server binary, drives it over loopback with keep-alive
//! clients (one `ureq` agent per thread), measures single-name and
//! batch-of-100 `POST /match/default` latencies, the server's peak RSS, and,
//! for comparison, the per-process cost of `redflag search`. Prints a
//! Markdown table.
//!
//! Usage (also works as a cargo bench target with `harness = false`; unknown
//! arguments such as `--bench` are ignored):
//!
//! ```text
//! serve_load [--bin target/release/redflag] [--index FILE] [--clients 16]
//!            [--seconds 10] [--names FILE.csv]
//! ```

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// Length of the unmeasured warm-up phase.
const WARM_UP: Duration = Duration::from_secs(1);
/// How long to wait for the server's "listening" line.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(300);
/// Per-request timeout, so a hung server cannot stall the benchmark.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// Number of sequential batch requests.
const BATCHES: usize = 20;
/// Queries per batch request.
const BATCH_SIZE: usize = 100;
/// Number of sequential `redflag search` processes.
const CLI_RUNS: usize = 20;
/// The line prefix the server prints on stderr once it accepts connections.
const LISTENING: &str = "redflag: listening on http://";

/// Built-in query names: Latin persons and companies, Hangul, Han,
/// DPRK romanizations and typos.
const DEFAULT_NAMES: &[&str] = &[
    "Kim Jong Un",
    "KIM, Jong Un",
    "Kim Jong-un",
    "Kim Jung Un",
    "김정은",
    "김여정",
    "Ri Pyong Chol",
    "Ri Pyong-chol",
    "Choe Ryong Hae",
    "Pak Pong Ju",
    "Jo Yong Won",
    "Korea Kwangson Banking Corp",
    "Korea Mining Development Trading Corporation",
    "조선광업개발무역회사",
    "习近平",
    "李克强",
    "王毅",
    "Xi Jinping",
    "Vladimir Putin",
    "Vladimir Vladimirovich Putin",
    "Vladmir Puttin",
    "Sergei Lavrov",
    "Sergey Shoygu",
    "Bashar al-Assad",
    "Bashar al Asad",
    "Ali Khamenei",
    "Qasem Soleimani",
    "Osama bin Laden",
    "Usama bin Ladin",
    "Joaquin Guzman Loera",
    "Nicolas Maduro Moros",
    "Alexander Lukashenko",
    "Aleksandr Lukashenka",
    "Rosneft Oil Company",
    "Sberbank of Russia",
    "Bank Melli Iran",
    "Islamic Revolutionary Guard Corps",
    "Hezbollah",
    "Mahan Air",
    "John Smith",
    "Acme Trading Ltd",
    "Maria Garcia Lopez",
];

/// Command-line options.
#[derive(Debug)]
struct Options {
    bin: String,
    index: Option<String>,
    clients: usize,
    seconds: u64,
    names: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            bin: "target/release/redflag".into(),
            index: None,
            clients: 16,
            seconds: 10,
            names: None,
        }
    }
}

/// Parses `--flag VALUE` and `--flag=VALUE`; ignores anything unknown
/// (`--bench`, filters passed by cargo).
fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
    let mut opts = Options::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg, None),
        };
        if !matches!(
            flag.as_str(),
            "--bin" | "--index" | "--clients" | "--seconds" | "--names"
        ) {
            continue;
        }
        let value = inline
            .or_else(|| args.next())
            .ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--bin" => opts.bin = value,
            "--index" => opts.index = Some(value),
            "--names" => opts.names = Some(value),
            "--clients" => opts.clients = parse_positive(&flag, &value)? as usize,
            _ => opts.seconds = parse_positive(&flag, &value)?,
        }
    }
    Ok(opts)
}

/// Parses a positive integer option value.
fn parse_positive(flag: &str, value: &str) -> Result<u64, String> {
    match value.parse::<u64>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!(
            "{flag}: expected a positive integer, got {value:?}"
        )),
    }
}

/// Splits one CSV record into fields (RFC 4180 quoting, no embedded newlines).
fn split_csv_line(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// Reads the `name` column of a CSV file with a header row.
fn read_names_csv(path: &str) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header = split_csv_line(lines.next().ok_or(format!("{path}: empty file"))?);
    let column = header
        .iter()
        .position(|h| {
            h.trim()
                .trim_start_matches('\u{feff}')
                .eq_ignore_ascii_case("name")
        })
        .ok_or(format!("{path}: no `name` column in the header"))?;
    let names: Vec<String> = lines
        .filter_map(|l| split_csv_line(l).into_iter().nth(column))
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    if names.is_empty() {
        return Err(format!("{path}: no names"));
    }
    Ok(names)
}

/// A running `redflag serve` process; terminated when dropped.
struct Server {
    child: Child,
    base_url: String,
}

impl Server {
    /// Spawns the server on an ephemeral port and waits for its listening
    /// line; a thread keeps draining its stderr afterwards.
    fn start(bin: &str, index: Option<&str>) -> Result<Server, String> {
        let mut cmd = Command::new(bin);
        cmd.args(["serve", "--listen", "127.0.0.1:0"]);
        if let Some(index) = index {
            cmd.args(["--index", index]);
        }
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {bin}: {e}"))?;
        let stderr = child.stderr.take().expect("stderr is piped");
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || drain_stderr(stderr, tx));
        let mut server = Server {
            child,
            base_url: String::new(),
        };
        match rx.recv_timeout(STARTUP_TIMEOUT) {
            Ok(url) => server.base_url = url,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                return Err(format!("no listening line within {STARTUP_TIMEOUT:?}"))
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                let status = server.child.wait().map(|s| s.to_string());
                return Err(format!("server exited before listening ({status:?})"));
            }
        }
        Ok(server)
    }

    /// The server's peak resident set size in bytes (`VmHWM`), if readable.
    fn peak_rss(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib * 1024)
    }

    /// Sends SIGTERM (via `kill`), waits up to 10 s, then SIGKILLs.
    fn stop(&mut self) -> Option<ExitStatus> {
        if let Ok(Some(status)) = self.child.try_wait() {
            return Some(status);
        }
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        self.child.wait().ok()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Echoes the server's startup output, sends the base URL once the
/// listening line appears, then silently drains the rest until EOF.
fn drain_stderr(stderr: impl Read, tx: mpsc::Sender<String>) {
    let mut ready = false;
    for line in BufReader::new(stderr).lines() {
        let Ok(line) = line else { break };
        if ready {
            continue;
        }
        eprintln!("server: {line}");
        if let Some(rest) = line.trim().strip_prefix(LISTENING) {
            let addr = rest.split_whitespace().next().unwrap_or(rest);
            ready = true;
            let _ = tx.send(format!("http://{}", addr.trim_end_matches('/')));
        }
    }
}

/// A keep-alive HTTP agent that reports non-2xx statuses as responses.
fn new_agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(REQUEST_TIMEOUT))
        .build()
        .into()
}

/// The JSON body of a match request, one query per name keyed `q0`, `q1` …
fn match_body(names: &[&str]) -> String {
    let queries: serde_json::Map<String, Value> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let query = json!({"schema": "Person", "properties": {"name": [name]}});
            (format!("q{i}"), query)
        })
        .collect();
    json!({ "queries": queries }).to_string()
}

/// Posts one match request; `Ok` only for HTTP 200 whose body holds a
/// `status: 200` response for each of the `expected` queries.
fn post_match(agent: &ureq::Agent, url: &str, body: &str, expected: usize) -> Result<(), String> {
    let mut resp = agent
        .post(url)
        .header("content-type", "application/json")
        .send(body)
        .map_err(|e| format!("transport: {e}"))?;
    let status = resp.status().as_u16();
    let bytes = resp
        .body_mut()
        .with_config()
        .limit(256 << 20)
        .read_to_vec()
        .map_err(|e| format!("body: {e}"))?;
    if status != 200 {
        return Err(format!("HTTP {status}"));
    }
    let value: Value = serde_json::from_slice(&bytes).map_err(|e| format!("json: {e}"))?;
    let responses = value["responses"]
        .as_object()
        .ok_or("no `responses` object")?;
    let ok = responses
        .values()
        .filter(|r| r["status"].as_u64() == Some(200))
        .count();
    if ok != expected {
        return Err(format!("{ok} of {expected} queries answered 200"));
    }
    Ok(())
}

/// What one client thread observed.
#[derive(Default)]
struct ClientStats {
    latencies_us: Vec<u64>,
    errors: usize,
    first_error: Option<String>,
}

impl ClientStats {
    /// Times one request and counts it as an error if it failed.
    fn timed(&mut self, request: impl FnOnce() -> Result<(), String>) {
        let started = Instant::now();
        let result = request();
        self.latencies_us.push(started.elapsed().as_micros() as u64);
        if let Err(e) = result {
            self.errors += 1;
            self.first_error.get_or_insert(e);
        }
    }
}

/// One client: loops single-name requests (cycling names from `offset`)
/// until `duration` has elapsed.
fn client_loop(url: &str, names: &[String], offset: usize, duration: Duration) -> ClientStats {
    let agent = new_agent();
    let bodies: Vec<String> = names.iter().map(|n| match_body(&[n.as_str()])).collect();
    let mut stats = ClientStats::default();
    let end = Instant::now() + duration;
    let mut i = offset;
    while Instant::now() < end {
        stats.timed(|| post_match(&agent, url, &bodies[i % bodies.len()], 1));
        i += 1;
    }
    stats
}

/// Runs `clients` threads for `duration`; returns merged stats and the
/// wall time the phase took.
fn run_clients(
    url: &str,
    names: &[String],
    clients: usize,
    duration: Duration,
) -> (ClientStats, Duration) {
    let started = Instant::now();
    let per_thread: Vec<ClientStats> = thread::scope(|s| {
        let handles: Vec<_> = (0..clients)
            .map(|c| s.spawn(move || client_loop(url, names, c * 7, duration)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("client thread panicked"))
            .collect()
    });
    let elapsed = started.elapsed();
    let mut merged = ClientStats::default();
    for stats in per_thread {
        merged.latencies_us.extend(stats.latencies_us);
        merged.errors += stats.errors;
        if merged.first_error.is_none() {
            merged.first_error = stats.first_error;
        }
    }
    (merged, elapsed)
}

/// Sends `BATCHES` sequential requests of `BATCH_SIZE` different names each.
fn run_batches(url: &str, names: &[String]) -> ClientStats {
    let agent = new_agent();
    let mut stats = ClientStats::default();
    for b in 0..BATCHES {
        let batch: Vec<&str> = (0..BATCH_SIZE)
            .map(|i| names[(b * BATCH_SIZE + i) % names.len()].as_str())
            .collect();
        let body = match_body(&batch);
        stats.timed(|| post_match(&agent, url, &body, batch.len()));
    }
    stats
}

/// Runs `redflag search NAME` for `CLI_RUNS` names sequentially; returns the
/// wall time of each process in µs (exit 0 = no hit and 1 = hit both count).
fn run_cli(bin: &str, index: Option<&str>, names: &[String]) -> Result<Vec<u64>, String> {
    let mut times = Vec::with_capacity(CLI_RUNS);
    for name in names.iter().cycle().take(CLI_RUNS) {
        let mut cmd = Command::new(bin);
        cmd.args(["search", name]);
        if let Some(index) = index {
            cmd.args(["--index", index]);
        }
        cmd.stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let started = Instant::now();
        let status = cmd.status().map_err(|e| format!("cannot run {bin}: {e}"))?;
        times.push(started.elapsed().as_micros() as u64);
        if !matches!(status.code(), Some(0 | 1)) {
            return Err(format!("`redflag search {name}` failed: {status}"));
        }
    }
    Ok(times)
}

/// The `p`-th percentile (0–100, nearest rank) of sorted values.
fn percentile(sorted: &[u64], p: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = (p / 100.0 * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Microseconds as milliseconds with two decimals.
fn ms(us: u64) -> String {
    format!("{:.2}", us as f64 / 1000.0)
}

/// Everything the final table reports.
struct Report {
    clients: usize,
    load: ClientStats,
    load_elapsed: Duration,
    batches: ClientStats,
    peak_rss: Option<u64>,
    cli_us: Result<Vec<u64>, String>,
}

impl Report {
    /// Prints the results as a Markdown table, plus any first error seen.
    fn print(mut self) {
        self.load.latencies_us.sort_unstable();
        self.batches.latencies_us.sort_unstable();
        let lat = &self.load.latencies_us;
        let ok = lat.len() - self.load.errors;
        let rps = ok as f64 / self.load_elapsed.as_secs_f64();
        let rss = self
            .peak_rss
            .map_or("n/a".into(), |b| format!("{:.1}", b as f64 / 1048576.0));
        let cli = match &mut self.cli_us {
            Ok(times) => {
                times.sort_unstable();
                ms(percentile(times, 50.0))
            }
            Err(e) => format!("error: {e}"),
        };
        let rows = [
            (
                format!("requests/s (200 OK, {} clients)", self.clients),
                format!("{rps:.1}"),
            ),
            ("requests (total)".into(), lat.len().to_string()),
            ("latency p50 ms".into(), ms(percentile(lat, 50.0))),
            ("latency p90 ms".into(), ms(percentile(lat, 90.0))),
            ("latency p99 ms".into(), ms(percentile(lat, 99.0))),
            (
                "latency max ms".into(),
                ms(lat.last().copied().unwrap_or(0)),
            ),
            ("errors".into(), self.load.errors.to_string()),
            (
                format!("batch-{BATCH_SIZE} median ms"),
                ms(percentile(&self.batches.latencies_us, 50.0)),
            ),
            (
                format!("batch-{BATCH_SIZE} p99 ms"),
                ms(percentile(&self.batches.latencies_us, 99.0)),
            ),
            (
                format!("batch-{BATCH_SIZE} errors"),
                self.batches.errors.to_string(),
            ),
            ("server peak RSS MiB".into(), rss),
            ("CLI `search` median ms (incl. process start)".into(), cli),
        ];
        println!("| metric | value |");
        println!("| --- | --- |");
        for (metric, value) in rows {
            println!("| {metric} | {value} |");
        }
        for (what, stats) in [("load", &self.load), ("batch", &self.batches)] {
            if let Some(e) = &stats.first_error {
                println!("\nfirst {what} error: {e}");
            }
        }
    }
}

/// Runs the whole benchmark.
fn run(opts: &Options) -> Result<(), String> {
    let names: Vec<String> = match &opts.names {
        Some(path) => read_names_csv(path)?,
        None => DEFAULT_NAMES.iter().map(|n| n.to_string()).collect(),
    };
    let index = opts.index.as_deref();
    let mut server = Server::start(&opts.bin, index)?;
    let url = format!("{}/match/default", server.base_url);
    eprintln!(
        "serve_load: {} clients, {} s, {} names against {url}",
        opts.clients,
        opts.seconds,
        names.len()
    );
    run_clients(&url, &names, opts.clients, WARM_UP);
    let duration = Duration::from_secs(opts.seconds);
    let (load, load_elapsed) = run_clients(&url, &names, opts.clients, duration);
    let batches = run_batches(&url, &names);
    let peak_rss = server.peak_rss();
    let status = server.stop();
    eprintln!("serve_load: server stopped ({status:?})");
    let cli_us = run_cli(&opts.bin, index, &names);
    Report {
        clients: opts.clients,
        load,
        load_elapsed,
        batches,
        peak_rss,
        cli_us,
    }
    .print();
    Ok(())
}

fn main() {
    let result = parse_args(std::env::args().skip(1)).and_then(|opts| run(&opts));
    if let Err(e) = result {
        eprintln!("serve_load: {e}");
        std::process::exit(2);
    }
}
