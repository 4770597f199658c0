//! `redflag lists update` against a local HTTP server: every list's URL is overridden,
//! so no test ever reaches the real publishers.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output};

/// What the server answers for one path: status line, extra headers, body.
type Route = (&'static str, Vec<String>, Vec<u8>);

/// Serves `routes` on 127.0.0.1 (any free port) from a thread for the rest of the test
/// process; unknown paths get a 404. Returns the base URL.
fn serve(routes: HashMap<&'static str, Route>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            answer(stream, &routes);
        }
    });
    base
}

fn answer(stream: TcpStream, routes: &HashMap<&'static str, Route>) {
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => break,
            Ok(_) if header == "\r\n" || header == "\n" => break,
            Ok(_) => {}
        }
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let not_found = ("404 Not Found", Vec::new(), b"no such file".to_vec());
    let (status, headers, body) = routes.get(path).unwrap_or(&not_found);
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for h in headers {
        head.push_str(h);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    let mut stream = reader.into_inner();
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
    let _ = stream.flush();
}

fn ok(body: Vec<u8>) -> Route {
    ("200 OK", Vec::new(), body)
}

fn redflag(args: &[&str], cache: &Path, data_dir: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_redflag"));
    cmd.args(args).env("REDFLAG_CACHE_DIR", cache);
    match data_dir {
        Some(d) => cmd.env("REDFLAG_DATA_DIR", d),
        None => cmd.env_remove("REDFLAG_DATA_DIR"),
    };
    // A proxy set in the environment must not see (or break) requests to the local server.
    for var in [
        "ALL_PROXY",
        "all_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
    ] {
        cmd.env_remove(var);
    }
    cmd.output().expect("redflag runs")
}

/// `redflag lists update [--data-dir DATA] --url NAME=URL ...`, the data folder given on
/// the command line or (with `data` `None`) through `data_env`.
fn update(
    data: Option<&Path>,
    urls: &[(&str, String)],
    cache: &Path,
    data_env: Option<&Path>,
) -> Output {
    let mut args: Vec<String> = vec!["lists".into(), "update".into()];
    if let Some(d) = data {
        args.extend(["--data-dir".into(), d.to_str().unwrap().into()]);
    }
    for (name, url) in urls {
        args.extend(["--url".into(), format!("{name}={url}")]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    redflag(&args, cache, data_env)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn entity_count(path: &str) -> usize {
    redflag::sources::load_path(Path::new(path))
        .unwrap()
        .entities
        .len()
}

/// The `total` column of `redflag lists` for the list named `name`.
fn listed_total(lists_stdout: &str, name: &str) -> Option<usize> {
    lists_stdout
        .lines()
        .find(|l| l.starts_with(name))
        .and_then(|l| l[name.len()..].split_whitespace().nth(1))
        .and_then(|t| t.parse().ok())
}

#[test]
fn good_lists_are_written_and_failing_ones_keep_their_old_files() {
    let un_plain = gunzip(&std::fs::read("data/un_consolidated.xml.gz").unwrap());
    let cons_gz = std::fs::read("tests/fixtures/ofac_tempuri/consolidated.xml.gz").unwrap();
    let mut routes = HashMap::new();
    routes.insert(
        "/moved",
        (
            "302 Found",
            vec!["Location: /un.xml".to_string()],
            Vec::new(),
        ),
    );
    routes.insert("/un.xml", ok(un_plain.clone()));
    routes.insert("/cons.xml.gz", ok(cons_gz.clone()));
    routes.insert(
        "/maintenance",
        ok(b"<html><body>Down for maintenance</body></html>".to_vec()),
    );
    let base = serve(routes);

    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("lists");
    std::fs::create_dir_all(&data).unwrap();
    // An older SDN list already in the folder: its download fails, so it must survive.
    let old_sdn = std::fs::read("tests/fixtures/ofac_tempuri/sdn.xml").unwrap();
    std::fs::write(data.join("ofac_sdn.xml.gz"), &old_sdn).unwrap();

    let sdn_url = format!("{base}/gone/SDN.XML");
    let eu_url = format!("{base}/maintenance");
    let out = update(
        Some(&data),
        &[
            ("ofac_sdn.xml.gz", sdn_url.clone()),
            ("ofac_consolidated.xml.gz", format!("{base}/cons.xml.gz")),
            ("un_consolidated.xml.gz", format!("{base}/moved")),
            ("eu_fsf.xml.gz", eu_url.clone()),
        ],
        dir.path(),
        None,
    );
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(2), "{stdout}\n{stderr}");

    // The two good lists: reported with their entity counts and publication dates.
    let un_count = entity_count("data/un_consolidated.xml.gz");
    let cons_count = entity_count("tests/fixtures/ofac_tempuri/consolidated.xml.gz");
    let un_line = stdout
        .lines()
        .find(|l| l.starts_with("un_consolidated.xml.gz"))
        .unwrap_or_else(|| panic!("no UN line in {stdout}"));
    assert!(
        un_line.contains(&format!(" {un_count} entities")),
        "{un_line}"
    );
    assert!(un_line.contains("published 2026-02-27"), "{un_line}");
    assert!(stdout
        .lines()
        .any(|l| l.starts_with("ofac_consolidated.xml.gz")
            && l.contains(&format!(" {cons_count} entities"))));

    // Written gzip-compressed: a plain body compressed, a gzip body kept as served.
    let un_file = std::fs::read(data.join("un_consolidated.xml.gz")).unwrap();
    assert!(un_file.starts_with(&[0x1f, 0x8b]));
    assert_eq!(gunzip(&un_file), un_plain);
    assert_eq!(
        std::fs::read(data.join("ofac_consolidated.xml.gz")).unwrap(),
        cons_gz
    );

    // The failures: each named with its URL and why; nothing written for them.
    let sdn_err = stderr
        .lines()
        .find(|l| l.contains("ofac_sdn.xml.gz"))
        .unwrap_or_else(|| panic!("SDN failure not reported: {stderr}"));
    assert!(
        sdn_err.contains(&sdn_url) && sdn_err.contains("404"),
        "{sdn_err}"
    );
    let eu_err = stderr
        .lines()
        .find(|l| l.contains("eu_fsf.xml.gz"))
        .unwrap_or_else(|| panic!("EU failure not reported: {stderr}"));
    assert!(
        eu_err.contains(&eu_url) && eu_err.contains("not a usable list"),
        "{eu_err}"
    );
    assert_eq!(
        std::fs::read(data.join("ofac_sdn.xml.gz")).unwrap(),
        old_sdn,
        "a failed download must leave the old file as it was"
    );
    assert!(!data.join("eu_fsf.xml.gz").exists());
    assert!(
        stderr.contains("has no eu_fsf.xml.gz"),
        "a folder missing a list is pointed out: {stderr}"
    );
    let mut names: Vec<String> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "ofac_consolidated.xml.gz",
            "ofac_sdn.xml.gz",
            "un_consolidated.xml.gz"
        ],
        "no temporary files left behind"
    );

    // The folder is usable as it is: `lists` with REDFLAG_DATA_DIR shows the new lists.
    let out = redflag(&["lists"], dir.path(), Some(&data));
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        listed_total(&stdout, "UN SC consolidated"),
        Some(un_count),
        "{stdout}"
    );
    assert_eq!(
        listed_total(&stdout, "OFAC non-SDN"),
        Some(cons_count),
        "{stdout}"
    );
}

#[test]
fn a_full_update_exits_zero_and_says_how_to_use_the_lists() {
    let files = [
        ("ofac_sdn.xml.gz", "data/ofac_sdn.xml.gz"),
        ("ofac_consolidated.xml.gz", "data/ofac_consolidated.xml.gz"),
        ("un_consolidated.xml.gz", "data/un_consolidated.xml.gz"),
        ("eu_fsf.xml.gz", "data/eu_fsf.xml.gz"),
    ];
    let paths = ["/sdn", "/cons", "/un", "/eu"];
    let mut routes = HashMap::new();
    for ((_, file), path) in files.iter().zip(paths) {
        routes.insert(path, ok(std::fs::read(file).unwrap()));
    }
    let base = serve(routes);
    let dir = tempfile::tempdir().unwrap();
    // A folder that does not exist yet, given through REDFLAG_DATA_DIR.
    let data = dir.path().join("new").join("lists");
    let urls: Vec<(&str, String)> = files
        .iter()
        .zip(paths)
        .map(|((name, _), path)| (*name, format!("{base}{path}")))
        .collect();
    let out = update(None, &urls, dir.path(), Some(&data));
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    for (name, file) in files {
        let line = stdout
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no line for {name}: {stdout}"));
        assert!(
            line.contains(&format!(" {} entities", entity_count(file))),
            "{line}"
        );
        assert_eq!(
            std::fs::read(data.join(name)).unwrap(),
            std::fs::read(file).unwrap()
        );
    }
    assert!(stderr.contains("REDFLAG_DATA_DIR"), "{stderr}");
}

#[test]
fn wrong_lists_and_dead_servers_are_refused_by_name() {
    // A port nobody listens on: bind one, note it, close it.
    let dead = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/SDN.XML", l.local_addr().unwrap())
    };
    let mut routes = HashMap::new();
    routes.insert(
        "/un.xml",
        ok(std::fs::read("data/un_consolidated.xml.gz").unwrap()),
    );
    routes.insert(
        "/empty.xml",
        ok(b"<?xml version=\"1.0\"?><CONSOLIDATED_LIST dateGenerated=\"2026-01-01T00:00:00\"><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>".to_vec()),
    );
    routes.insert("/broken.gz", ok(vec![0x1f, 0x8b, 8, 0, 1, 2, 3]));
    let base = serve(routes);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("lists");
    let out = update(
        Some(&data),
        &[
            ("ofac_sdn.xml.gz", dead.clone()),
            // The UN list where the OFAC non-SDN list should be.
            ("ofac_consolidated.xml.gz", format!("{base}/un.xml")),
            ("un_consolidated.xml.gz", format!("{base}/empty.xml")),
            ("eu_fsf.xml.gz", format!("{base}/broken.gz")),
        ],
        dir.path(),
        None,
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let line = |name: &str| {
        stderr
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} not reported: {stderr}"))
            .to_string()
    };
    assert!(line("ofac_sdn.xml.gz").contains(&dead));
    assert!(line("ofac_consolidated.xml.gz").contains("expected ofac-xml"));
    assert!(line("un_consolidated.xml.gz").contains("no entities"));
    assert!(line("eu_fsf.xml.gz").contains("gzip"));
    assert!(stderr.contains("no list was updated"), "{stderr}");
    assert_eq!(std::fs::read_dir(&data).unwrap().count(), 0);
}

#[test]
fn an_unknown_list_name_is_refused_before_any_download() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("lists");
    let out = update(
        Some(&data),
        &[("sdn.xml", "http://127.0.0.1:9/x".to_string())],
        dir.path(),
        None,
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("sdn.xml") && stderr.contains("ofac_sdn.xml.gz"),
        "{stderr}"
    );
    assert!(!data.exists(), "nothing is created for a refused run");
}

#[test]
fn a_list_much_smaller_than_the_one_it_replaces_needs_allow_shrink() {
    // The shipped SDN list in the folder; a download of 17 entries, as a cut-off
    // export that still parses would be.
    let small = std::fs::read("tests/fixtures/ofac_tempuri/sdn.xml").unwrap();
    let mut routes = HashMap::new();
    routes.insert("/sdn", ok(small.clone()));
    let base = serve(routes);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("lists");
    std::fs::create_dir_all(&data).unwrap();
    let old = std::fs::read("data/ofac_sdn.xml.gz").unwrap();
    std::fs::write(data.join("ofac_sdn.xml.gz"), &old).unwrap();
    // Every list from the local server: the others are missing there (404).
    let urls: Vec<(&str, String)> = redflag::lists::OFFICIAL
        .iter()
        .map(|s| s.file)
        .map(|f| {
            (
                f,
                format!(
                    "{base}/{}",
                    if f == "ofac_sdn.xml.gz" {
                        "sdn"
                    } else {
                        "none"
                    }
                ),
            )
        })
        .collect();

    let out = update(Some(&data), &urls, dir.path(), None);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let before = entity_count("data/ofac_sdn.xml.gz");
    assert!(
        stderr.contains(&format!(
            "the new list has 17 entities, more than 20% fewer than the {before}"
        )) && stderr.contains("--allow-shrink"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(data.join("ofac_sdn.xml.gz")).unwrap(), old);

    let mut args: Vec<String> = vec!["lists".into(), "update".into(), "--allow-shrink".into()];
    args.extend(["--data-dir".into(), data.to_str().unwrap().into()]);
    for (name, url) in &urls {
        args.extend(["--url".into(), format!("{name}={url}")]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = redflag(&args, dir.path(), None);
    let stdout = text(&out.stdout);
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("ofac_sdn.xml.gz") && l.contains(" 17 entities")),
        "{stdout}\n{}",
        text(&out.stderr)
    );
    assert_eq!(
        gunzip(&std::fs::read(data.join("ofac_sdn.xml.gz")).unwrap()),
        small
    );
}
