//! The `redflag` command: each subcommand is a few calls into the library.

use clap::{Args, Parser, Subcommand};
use redflag::index::IndexBuilder;
use redflag::lists::{self, update};
use redflag::model::EntityKind;
use redflag::screen::{OutputFormat, ScreenConfig};
use redflag::{sources, Error, Hit, Index, Query, Result, DEFAULT_THRESHOLD};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// Screen names against sanctions lists (OFAC, UN, EU and your own), across Latin,
/// Hangul and Han scripts and their romanizations.
#[derive(Parser)]
#[command(name = "redflag", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Search one name; prints ranked hits with reasons.
    #[command(
        after_help = "Exit status: 0 no hit at the threshold, 1 at least one hit, 2 an error."
    )]
    Search(SearchArgs),
    /// Build or inspect index files.
    Index {
        #[command(subcommand)]
        command: IndexCommand,
    },
    /// Show the lists in use: each list, its publication date and entity counts.
    /// `lists update` downloads the official lists.
    Lists(ListsArgs),
    /// Screen every row of a spreadsheet (CSV, XLSX, ODS) and write the results.
    #[command(after_help = redflag::screen::EXIT_CODES_HELP)]
    Screen(ScreenArgs),
    /// Keep analysts' decisions in a case store: import them from results files, record
    /// one, print the audit trail.
    Cases {
        #[command(subcommand)]
        command: CasesCommand,
    },
    /// Re-screen a case store's population against what changed in the lists since it
    /// was screened; write only what an analyst must look at.
    #[command(after_help = "Exit status: 0 nothing to look at, 1 findings written, 2 an error.")]
    Rescreen(RescreenArgs),
    /// Serve screening over HTTP: yente's API (`POST /match/{dataset}`, `/search`,
    /// `/entities`, `/catalog`) and watchman's `GET /v2/search`.
    Serve(ServeArgs),
}

#[derive(Args)]
struct StoreArgs {
    /// The case store (SQLite; created when missing).
    #[arg(long = "cases", value_name = "CASES.db")]
    path: PathBuf,
    /// Seconds to wait for another run writing to the store before failing.
    #[arg(long, default_value_t = 10)]
    wait: u64,
}

impl StoreArgs {
    fn open(&self) -> Result<redflag::cases::Cases> {
        redflag::cases::Cases::open_with_wait(&self.path, std::time::Duration::from_secs(self.wait))
    }
}

#[derive(Subcommand)]
enum CasesCommand {
    /// Store every filled review_decision of a results file (from `screen --cases` or
    /// `rescreen`); all or nothing: an unknown row or entity stores none.
    Import {
        /// The results file, CSV or XLSX.
        file: PathBuf,
        #[command(flatten)]
        store: StoreArgs,
        /// Who decided (default: $USER).
        #[arg(long)]
        analyst: Option<String>,
    },
    /// Record one decision on a row and an entity.
    Decide {
        /// The row's key (its case_key).
        row: String,
        /// The entity id (`ofac:20157`).
        entity: String,
        /// false positive, true match or escalate.
        decision: String,
        /// Why.
        #[arg(long, default_value = "")]
        note: String,
        #[command(flatten)]
        store: StoreArgs,
        /// Who decided (default: $USER).
        #[arg(long)]
        analyst: Option<String>,
    },
    /// Print the audit trail of decisions, oldest first.
    Log {
        #[command(flatten)]
        store: StoreArgs,
        /// Only this row's decisions.
        #[arg(long)]
        row: Option<String>,
    },
}

#[derive(Args)]
struct RescreenArgs {
    #[command(flatten)]
    store: StoreArgs,
    /// An index built with `redflag index build` (default: the lists in use).
    #[arg(long)]
    index: Option<PathBuf>,
    /// Where to write the findings (csv, xlsx or jsonl by extension).
    #[arg(long)]
    output: PathBuf,
    /// csv, jsonl or xlsx (default: from the output's extension).
    #[arg(long)]
    format: Option<String>,
    /// Re-screen every row against all the lists, not only against what changed.
    #[arg(long)]
    full: bool,
}

#[derive(Args)]
struct ServeArgs {
    /// Address and port to listen on (port 0: any free port, printed at start).
    #[arg(long, default_value = "127.0.0.1:8000")]
    listen: std::net::SocketAddr,
    /// An index built with `redflag index build` (default: the shipped lists, or those of
    /// REDFLAG_DATA_DIR).
    #[arg(long)]
    index: Option<PathBuf>,
    /// A file whose first line is the API key; every route but /healthz and /readyz then
    /// needs `Authorization: Bearer <key>`.
    #[arg(long)]
    api_key_file: Option<PathBuf>,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = 1_048_576)]
    max_body: usize,
    /// Most queries in one /match request.
    #[arg(long, default_value_t = 100)]
    max_queries: usize,
    /// Longest a request may take, in milliseconds.
    #[arg(long, default_value_t = 10_000)]
    timeout_ms: u64,
    /// Write query strings (which hold the names screened) to the access log.
    #[arg(long)]
    log_queries: bool,
    /// Seconds between checks for a changed index file or list folder, reloaded when
    /// it changes (0: never; SIGHUP and POST /admin/reload always work).
    #[arg(long, default_value_t = 30)]
    watch_secs: u64,
}

#[derive(Args)]
struct ScreenArgs {
    /// The spreadsheet to screen: CSV (any common delimiter and encoding), XLSX or ODS.
    input: PathBuf,
    /// Where to write the results (never the input).
    #[arg(long)]
    output: PathBuf,
    /// An index built with `redflag index build` (default: the shipped lists).
    #[arg(long)]
    index: Option<PathBuf>,
    /// csv, jsonl or xlsx (default: from the output's extension).
    #[arg(long)]
    format: Option<String>,
    /// Hits per row (default 1 for csv/xlsx, 10 for jsonl).
    #[arg(long)]
    top: Option<usize>,
    /// Score at or above which a row is a hit (default: the recommended threshold).
    #[arg(long)]
    threshold: Option<f64>,
    /// Score at or above which a row goes to review (default: threshold - 0.15).
    #[arg(long)]
    review_threshold: Option<f64>,
    /// A column holding names to screen; repeat for several (default: found from the header).
    #[arg(long = "name-column")]
    name_columns: Vec<String>,
    /// The column identifying a row (default: `id`, else the row number).
    #[arg(long)]
    id_column: Option<String>,
    /// A column with person/organization/vessel/aircraft.
    #[arg(long)]
    kind_column: Option<String>,
    /// A column with an ISO-2 code or country name.
    #[arg(long)]
    country_column: Option<String>,
    /// A column with a date of birth.
    #[arg(long)]
    dob_column: Option<String>,
    /// A column holding identifiers of one type, as TYPE=COLUMN (`email=Contact`,
    /// `website=Homepage`); repeat for several (default: found from the headers).
    #[arg(long = "id-column-for", value_name = "TYPE=COLUMN")]
    id_columns_for: Vec<String>,
    /// The sheet of a workbook to read (default: the first).
    #[arg(long)]
    sheet: Option<String>,
    /// The CSV's encoding when detection is not enough (utf-8, utf-16le, windows-1252 …).
    #[arg(long)]
    encoding: Option<String>,
    /// Record the population, its hits and the list versions in this case store (adds,
    /// updates and retires rows by key); the results gain a case_key column.
    #[arg(long, value_name = "CASES.db")]
    cases: Option<PathBuf>,
}

#[derive(Args)]
struct SearchArgs {
    /// The name to screen, in any script (`Kim Jong Un`, `KIM, Jong Un`, `김정은`).
    #[arg(required_unless_present = "ids")]
    name: Option<String>,
    /// An identifier to screen (e-mail, website, wallet, IMO, SWIFT/BIC, USCC, LEI,
    /// passport …); repeat for several; with or without a name.
    #[arg(long = "id", value_name = "VALUE")]
    ids: Vec<String>,
    /// The type of every --id (email, website, crypto, imo, mmsi, swift_bic, uscc, lei,
    /// passport, national_id, tax_id, registration, phone; default: guessed from the shape).
    #[arg(long, value_name = "TYPE")]
    id_type: Option<String>,
    /// person, organization, vessel, aircraft
    #[arg(long)]
    kind: Option<String>,
    /// ISO 3166-1 alpha-2 code or country name.
    #[arg(long)]
    country: Option<String>,
    /// Date of birth: 1984, 1984-01-08, 08 Jan 1984 …
    #[arg(long)]
    dob: Option<String>,
    /// Show at most this many hits.
    #[arg(long, default_value_t = 10)]
    top: usize,
    /// Show hits scoring at least this (default: the recommended threshold).
    #[arg(long)]
    threshold: Option<f64>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
    /// An index built with `redflag index build` (default: the shipped lists).
    #[arg(long)]
    index: Option<PathBuf>,
}

#[derive(Subcommand)]
enum IndexCommand {
    /// Build an index from list files (format detected from content; .gz read as is).
    Build {
        /// A list file, or a folder holding an OFAC CSV set; repeat for several.
        #[arg(long = "list", required = true)]
        lists: Vec<PathBuf>,
        /// Where to write the index.
        #[arg(long)]
        output: PathBuf,
    },
}

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
struct ListsArgs {
    #[command(subcommand)]
    command: Option<ListsCommand>,
    /// An index built with `redflag index build` (default: the shipped lists).
    #[arg(long)]
    index: Option<PathBuf>,
}

#[derive(Subcommand)]
enum ListsCommand {
    /// Download the official lists (OFAC SDN and non-SDN, UN, EU) into the data folder.
    #[command(
        after_help = "Exit status: 0 every list updated, 2 any list failed (the others are still updated; \
                      a failed list's old file is kept)."
    )]
    Update(UpdateArgs),
    /// Compare two versions of the lists: entities added, removed and changed (names,
    /// aliases, kind, birth dates, countries, identifiers, programmes).
    #[command(after_help = "Exit status: 0 no difference, 1 the versions differ, 2 an error.")]
    Diff(DiffArgs),
}

#[derive(Args)]
struct DiffArgs {
    /// The old version: a list file, a folder of list files, or an index file.
    old: PathBuf,
    /// The new version, of the same kind.
    new: PathBuf,
    /// Print one JSON object `{"added": [...], "removed": [...], "changed": [...]}`.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct UpdateArgs {
    /// The folder to write the lists into (default: REDFLAG_DATA_DIR if set, else
    /// $XDG_DATA_HOME/redflag/lists or ~/.local/share/redflag/lists). Created if missing.
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// Download one list from another URL: `NAME=URL`, NAME a list file name such as
    /// `ofac_sdn.xml.gz`. Repeat for several.
    #[arg(long = "url", value_name = "NAME=URL", value_parser = parse_url_override)]
    urls: Vec<(String, String)>,
    /// Accept a new list with more than 20% fewer entities than the file it replaces
    /// (refused by default: that is what a cut-off download looks like).
    #[arg(long)]
    allow_shrink: bool,
}

fn parse_url_override(s: &str) -> std::result::Result<(String, String), String> {
    match s.split_once('=') {
        Some((name, url)) if !name.is_empty() && !url.is_empty() => {
            Ok((name.to_string(), url.to_string()))
        }
        _ => Err(format!(
            "expected NAME=URL, e.g. ofac_sdn.xml.gz=https://…, got {s:?}"
        )),
    }
}

/// Runs the command line; returns the process exit code.
pub fn run() -> i32 {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Search(args) => search(args),
        Command::Index {
            command: IndexCommand::Build { lists, output },
        } => build_index(&lists, &output),
        Command::Lists(ListsArgs {
            command: Some(ListsCommand::Update(args)),
            ..
        }) => update_lists(args),
        Command::Lists(ListsArgs {
            command: Some(ListsCommand::Diff(args)),
            ..
        }) => diff_lists(args),
        Command::Lists(args) => show_lists(args),
        Command::Screen(args) => screen(args),
        Command::Serve(args) => serve(args),
        Command::Cases { command } => cases(command),
        Command::Rescreen(args) => rescreen(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("redflag: error: {e}");
            2
        }
    }
}

fn serve(args: ServeArgs) -> Result<i32> {
    crate::serve::run(crate::serve::Config {
        listen: args.listen,
        index: args.index,
        api_key_file: args.api_key_file,
        limits: crate::serve::Limits {
            max_body: args.max_body,
            max_queries: args.max_queries,
            timeout: std::time::Duration::from_millis(args.timeout_ms),
        },
        log_queries: args.log_queries,
        watch: (args.watch_secs > 0).then(|| std::time::Duration::from_secs(args.watch_secs)),
    })
}

fn open_index(path: Option<&Path>) -> Result<Index> {
    match path {
        Some(p) => Index::open(p),
        None => lists::open_default(),
    }
}

/// Parses `--kind` with the kind words spreadsheets use too ([`EntityKind::parse`]); an
/// unknown word is an error here, where a spreadsheet row only gets a note.
fn parse_kind(kind: Option<&str>) -> Result<Option<EntityKind>> {
    kind.map(|k| {
        EntityKind::parse(k).ok_or_else(|| {
            Error::Query(format!(
                "unknown kind {k:?}: expected person, organization, vessel, aircraft or unknown"
            ))
        })
    })
    .transpose()
}

/// Parses `--id-type` (or the TYPE of `--id-column-for`); an unknown type is an error
/// naming the known ones.
fn parse_id_type(text: &str) -> Result<redflag::model::IdKind> {
    redflag::model::IdKind::parse(text).ok_or_else(|| {
        let known: Vec<&str> = redflag::model::IdKind::ALL
            .iter()
            .map(|k| k.as_str())
            .collect();
        Error::Query(format!(
            "unknown identifier type {text:?}: the types are {}",
            known.join(", ")
        ))
    })
}

fn search(args: SearchArgs) -> Result<i32> {
    let index = open_index(args.index.as_deref())?;
    let dob = args
        .dob
        .as_deref()
        .map(|d| {
            redflag::model::parse_date(d).ok_or_else(|| {
                Error::Query(format!(
                    "unparseable date of birth {d:?}: expected e.g. 1984, 1984-01-08 or 08 Jan 1984"
                ))
            })
        })
        .transpose()?;
    let id_kind = args.id_type.as_deref().map(parse_id_type).transpose()?;
    let name = args.name.clone().unwrap_or_default();
    let mut query = Query {
        name: name.clone(),
        kind: parse_kind(args.kind.as_deref())?,
        country: args.country.clone(),
        dob,
        identifiers: Vec::new(),
        top: args.top,
        threshold: args.threshold.unwrap_or(DEFAULT_THRESHOLD),
    };
    for value in &args.ids {
        query = query.identifier(id_kind, value);
        if let Some(last) = query.identifiers.last_mut() {
            last.country = args.country.clone();
        }
    }
    let hits = index.search(&query)?;
    let shown = if name.is_empty() {
        args.ids.join(", ")
    } else {
        name
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        let json = serde_json::json!({ "query": shown, "hits": hits });
        writeln!(out, "{json}").map_err(stdout_error)?;
    } else {
        print_hits(&mut out, &shown, &hits).map_err(stdout_error)?;
    }
    Ok(if hits.is_empty() { 0 } else { 1 })
}

fn print_hits(out: &mut impl Write, name: &str, hits: &[Hit]) -> std::io::Result<()> {
    if hits.is_empty() {
        return writeln!(out, "no hits for {name:?}");
    }
    for (i, h) in hits.iter().enumerate() {
        writeln!(
            out,
            "{:>2}. {:.3}  {:<14} {:<14} {}",
            i + 1,
            h.score,
            h.list,
            h.entity_id,
            h.name
        )?;
        if !h.programs.is_empty() {
            writeln!(out, "      programs: {}", h.programs.join(", "))?;
        }
        for r in &h.reasons {
            writeln!(out, "      {r}")?;
        }
    }
    Ok(())
}

fn stdout_error(e: std::io::Error) -> Error {
    Error::io("<stdout>", e)
}

fn build_index(lists: &[PathBuf], output: &Path) -> Result<i32> {
    let mut builder = IndexBuilder::new();
    for path in lists {
        let list = sources::load_path(path)?;
        for w in list.warnings.iter().take(20) {
            eprintln!("redflag: warning: {w}");
        }
        if list.warnings.len() > 20 {
            eprintln!(
                "redflag: warning: {}: {} more warnings",
                path.display(),
                list.warnings.len() - 20
            );
        }
        builder.add_list(list);
    }
    builder.write(output)?;
    let index = Index::open(output)?;
    eprintln!(
        "redflag: indexed {} entities ({} name forms) into {} ({} bytes)",
        index.entity_count(),
        index.form_count(),
        output.display(),
        index.size()
    );
    Ok(0)
}

fn show_lists(args: ListsArgs) -> Result<i32> {
    let index = open_index(args.index.as_deref())?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:<22} {:<11} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>10}",
        "list",
        "published",
        "total",
        "persons",
        "orgs",
        "vessels",
        "aircraft",
        "unknown",
        "ids",
        "unreadable"
    )
    .map_err(stdout_error)?;
    for l in index.lists() {
        writeln!(
            out,
            "{:<22} {:<11} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>10}",
            l.info.name,
            l.info.published.as_deref().unwrap_or("-"),
            l.total(),
            l.counts[0],
            l.counts[1],
            l.counts[2],
            l.counts[3],
            l.counts[4],
            l.identifiers,
            l.unreadable_identifiers
        )
        .map_err(stdout_error)?;
    }
    writeln!(
        out,
        "{} entities in all; index of {} name forms; ids: identifiers matched on; \
         unreadable: identifiers not readable as their type (kept as written, not matched)",
        index.entity_count(),
        index.form_count()
    )
    .map_err(stdout_error)?;
    writeln!(out, "\nversions (publication date, SHA-256 of the file):").map_err(stdout_error)?;
    for l in index.lists() {
        writeln!(
            out,
            "{:<22} {:<11} {}",
            l.info.name,
            l.info.published.as_deref().unwrap_or("-"),
            l.info.content_hash.as_deref().unwrap_or("-")
        )
        .map_err(stdout_error)?;
    }
    Ok(0)
}

fn diff_lists(args: DiffArgs) -> Result<i32> {
    use redflag::lists::diff::{self, Field};
    let old = diff::load_entities(&args.old)?;
    let new = diff::load_entities(&args.new)?;
    let d = diff::diff(&old, &new)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        let json = serde_json::to_string(&d)
            .map_err(|e| Error::Other(format!("cannot write the diff as JSON: {e}")))?;
        writeln!(out, "{json}").map_err(stdout_error)?;
    } else {
        for (what, rows) in [("added", &d.added), ("removed", &d.removed)] {
            for e in rows {
                writeln!(out, "{what:<8} {:<16} {:<20} {}", e.id, e.list, e.name)
                    .map_err(stdout_error)?;
            }
        }
        for c in &d.changed {
            let fields: Vec<&str> = c.fields.iter().map(|f| f.field.as_str()).collect();
            writeln!(
                out,
                "changed  {:<16} {:<20} {}  [{}]",
                c.id,
                c.list,
                c.name,
                fields.join(", ")
            )
            .map_err(stdout_error)?;
            for f in &c.fields {
                for v in &f.removed {
                    writeln!(out, "           - {}: {v}", f.field.as_str())
                        .map_err(stdout_error)?;
                }
                for v in &f.added {
                    writeln!(out, "           + {}: {v}", f.field.as_str())
                        .map_err(stdout_error)?;
                }
            }
        }
        let by_field: Vec<String> = Field::ALL
            .iter()
            .map(|&f| (f, d.changed_in(f)))
            .filter(|(_, n)| *n > 0)
            .map(|(f, n)| format!("{} {n}", f.as_str()))
            .collect();
        writeln!(
            out,
            "{} added, {} removed, {} changed ({})",
            d.added.len(),
            d.removed.len(),
            d.changed.len(),
            if by_field.is_empty() {
                "-".to_string()
            } else {
                by_field.join(", ")
            }
        )
        .map_err(stdout_error)?;
    }
    Ok(if d.is_empty() { 0 } else { 1 })
}

fn update_lists(args: UpdateArgs) -> Result<i32> {
    let dir = args.data_dir.or_else(lists::update_dir).ok_or_else(|| {
        Error::Other("no data folder: pass --data-dir, or set REDFLAG_DATA_DIR or HOME".to_string())
    })?;
    let sources = update::sources_with(&args.urls)?;
    let results = update::update_all(&dir, &sources, args.allow_shrink)?;
    let mut out = std::io::stdout().lock();
    let mut failed = 0;
    for result in results {
        match result {
            Ok(u) => writeln!(
                out,
                "{:<26} {:>7} entities  published {:<10}  {:>11} bytes downloaded",
                u.file,
                u.entities,
                u.published.as_deref().unwrap_or("-"),
                u.downloaded
            )
            .map_err(stdout_error)?,
            Err(e) => {
                failed += 1;
                eprintln!("redflag: error: {e}");
            }
        }
    }
    out.flush().map_err(stdout_error)?;
    let in_use = lists::data_dir_in_use().is_some_and(|d| d == dir);
    if failed == sources.len() {
        eprintln!("redflag: no list was updated in {}", dir.display());
    } else if in_use {
        eprintln!(
            "redflag: lists updated in {} (in use: REDFLAG_DATA_DIR points there)",
            dir.display()
        );
    } else {
        eprintln!(
            "redflag: lists updated in {}; to use them instead of the shipped ones, set \
             REDFLAG_DATA_DIR={}",
            dir.display(),
            dir.display()
        );
    }
    if failed > 0 {
        eprintln!(
            "redflag: {failed} of {} lists failed; their old files, if any, are unchanged",
            sources.len()
        );
        let missing: Vec<&str> = sources
            .iter()
            .map(|(s, _)| s.file)
            .filter(|f| !dir.join(f).is_file())
            .collect();
        if !missing.is_empty() && failed < sources.len() {
            eprintln!(
                "redflag: {} has no {}: a data folder replaces all the shipped lists, so \
                 these would not be screened against",
                dir.display(),
                missing.join(", ")
            );
        }
        return Ok(2);
    }
    Ok(0)
}

/// Set by Ctrl-C: the batch stops reading and leaves a partial, valid output file.
static CANCEL: AtomicBool = AtomicBool::new(false);

fn screen(args: ScreenArgs) -> Result<i32> {
    let cases = args.cases.clone();
    let format = output_format(args.format.as_deref())?;
    let mut config = ScreenConfig::new(&args.input, &args.output);
    config.format = format;
    config.top = args.top;
    config.threshold = args.threshold;
    config.review_threshold = args.review_threshold;
    config.name_columns = args.name_columns;
    config.id_column = args.id_column;
    config.kind_column = args.kind_column;
    config.country_column = args.country_column;
    config.dob_column = args.dob_column;
    for spec in &args.id_columns_for {
        let (kind, column) = spec.split_once('=').ok_or_else(|| {
            Error::Query(format!(
                "--id-column-for {spec:?}: expected TYPE=COLUMN, e.g. email=Contact"
            ))
        })?;
        config
            .identifier_columns
            .push((parse_id_type(kind)?, column.trim().to_string()));
    }
    config.sheet = args.sheet;
    config.encoding = args.encoding;
    config.progress = std::io::stderr().is_terminal();
    config.print_summary = true;
    let index = open_index(args.index.as_deref())?;
    // A second Ctrl-C while the handler is installed still stops the batch cleanly.
    let _ = ctrlc::set_handler(|| CANCEL.store(true, Ordering::SeqCst));
    let Some(store) = cases else {
        let summary = redflag::screen::run(&config, &index, &CANCEL)?;
        return Ok(summary.exit_code());
    };
    config.print_summary = false;
    let mut cases = redflag::cases::Cases::open(&store)?;
    let recorded = cases.screen(&config, &index, &CANCEL)?;
    let (summary, rows) = (&recorded.summary, &recorded.rows);
    eprintln!("{}: {summary}", config.output.display());
    eprintln!(
        "{}: {} rows added, {} updated, {} unchanged, {} retired{}{}",
        store.display(),
        rows.added,
        rows.updated,
        rows.unchanged,
        rows.retired,
        match (rows.skipped, rows.failed_kept) {
            (0, 0) => String::new(),
            (n, 0) => format!("; {n} error rows not recorded (see the results)"),
            (n, k) => format!(
                "; {n} error rows not recorded, {k} stored rows that failed keep their last screening (see the results)"
            ),
        },
        match rows.conflicting {
            0 => String::new(),
            n => format!(
                "; {n} rows repeat an earlier row's key with other content (the later kept)"
            ),
        }
    );
    Ok(summary.exit_code())
}

fn analyst_or_user(analyst: Option<String>) -> Result<String> {
    analyst
        .or_else(|| std::env::var("USER").ok())
        .filter(|a| !a.trim().is_empty())
        .ok_or_else(|| Error::Other("who decided? pass --analyst NAME".into()))
}

fn cases(command: CasesCommand) -> Result<i32> {
    use redflag::cases::Review;
    match command {
        CasesCommand::Import {
            file,
            store,
            analyst,
        } => {
            let analyst = analyst_or_user(analyst)?;
            let done = store.open()?.import(&file, &analyst)?;
            eprintln!(
                "{}: {} decisions stored, {} unchanged (already in the store), {} rows without a decision",
                file.display(),
                done.stored,
                done.unchanged,
                done.blank
            );
            Ok(0)
        }
        CasesCommand::Decide {
            row,
            entity,
            decision,
            note,
            store,
            analyst,
        } => {
            let analyst = analyst_or_user(analyst)?;
            let review = Review::parse(&decision).ok_or_else(|| {
                Error::Query(format!(
                    "decision {decision:?}: expected false positive, true match or escalate"
                ))
            })?;
            let stored = store
                .open()?
                .decide(&row, &entity, review, &note, &analyst)?;
            if !stored {
                eprintln!("redflag: {row} / {entity} already has this decision; nothing stored");
            }
            Ok(0)
        }
        CasesCommand::Log { store, row } => {
            let log = store.open()?.log(row.as_deref())?;
            let mut out = std::io::stdout().lock();
            for e in &log {
                writeln!(
                    out,
                    "{:>5} {} {:<14} {:<16} {:<14} {:<10}{} {}{}",
                    e.id,
                    e.at,
                    e.row,
                    e.entity,
                    e.decision,
                    e.analyst,
                    if e.superseded { " (superseded)" } else { "" },
                    e.source,
                    if e.note.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", e.note)
                    }
                )
                .map_err(stdout_error)?;
            }
            Ok(0)
        }
    }
}

/// The `--format` of a results file; `None` to take it from the output's extension.
fn output_format(name: Option<&str>) -> Result<Option<OutputFormat>> {
    name.map(|f| {
        OutputFormat::parse(f).ok_or_else(|| {
            Error::Other(format!("unknown format {f:?}: expected csv, jsonl or xlsx"))
        })
    })
    .transpose()
}

fn rescreen(args: RescreenArgs) -> Result<i32> {
    let format = output_format(args.format.as_deref())?;
    let index = open_index(args.index.as_deref())?;
    let mut cases = args.store.open()?;
    let start = std::time::Instant::now();
    let delta = cases.rescreen(&index, args.full)?;
    redflag::cases::write_delta(&args.output, format, &delta)?;
    eprintln!(
        "{}: {} findings ({} suppressed: false positives unchanged); {} of {} rows re-screened against {} added, {} changed, {} removed entities in {:.2} s",
        args.output.display(),
        delta.findings.len(),
        delta.suppressed,
        delta.rows_screened,
        delta.rows,
        delta.entities_added,
        delta.entities_changed,
        delta.entities_removed,
        start.elapsed().as_secs_f64()
    );
    Ok(if delta.findings.is_empty() { 0 } else { 1 })
}
