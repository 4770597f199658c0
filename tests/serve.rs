//! `redflag serve`, started for real on an ephemeral port and called with a real HTTP
//! client: yente-shaped bodies, the other routes, every bad request, the API key, the
//! body cap, reload under load and the watchman route.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

/// A running server, stopped when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `redflag serve` with `args` and waits for its listening line.
fn start(args: &[&str]) -> Server {
    start_with(args, &[])
}

/// Starts `redflag serve` with `args` and environment variables `env`.
fn start_with(args: &[&str], env: &[(&str, &Path)]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_redflag"))
        .envs(env.iter().copied())
        .args(["serve", "--listen", "127.0.0.1:0"])
        .args(args)
        .args(match args.contains(&"--watch-secs") {
            true => &[][..],
            false => &["--watch-secs", "0"][..],
        })
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("server starts");
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let base = loop {
        let line = lines
            .next()
            .expect("the server prints where it listens")
            .unwrap();
        if let Some(addr) = line.strip_prefix("redflag: listening on ") {
            break addr.to_string();
        }
    };
    // Keep draining the access log so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server { child, base }
}

/// The index of the shipped lists, built once for all tests.
fn shipped_index() -> &'static Path {
    static INDEX: OnceLock<PathBuf> = OnceLock::new();
    INDEX.get_or_init(|| {
        // Under the target folder, rebuilt once per run: a static is never dropped, so a
        // temporary folder would be left behind.
        let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-shipped.idx");
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_redflag"));
        cmd.args(["index", "build", "--output"]).arg(&path);
        for list in [
            "ofac_sdn.xml.gz",
            "ofac_consolidated.xml.gz",
            "un_consolidated.xml.gz",
            "eu_fsf.xml.gz",
        ] {
            cmd.arg("--list").arg(data.join(list));
        }
        assert!(cmd.status().unwrap().success(), "index builds");
        path
    })
}

/// A server on the shipped lists, stopped when the test ends (one per test: a shared
/// one in a static would outlive the test process).
fn shipped() -> Server {
    start(&["--index", shipped_index().to_str().unwrap()])
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// Status and JSON body of a request.
fn call(method: &str, url: &str, body: Option<&str>, key: Option<&str>) -> (u16, Value) {
    let agent = agent();
    let auth = key.map(|k| format!("Bearer {k}"));
    let response = match method {
        "GET" => {
            let mut r = agent.get(url);
            if let Some(a) = &auth {
                r = r.header("Authorization", a);
            }
            r.call()
        }
        _ => {
            let mut r = agent.post(url).header("Content-Type", "application/json");
            if let Some(a) = &auth {
                r = r.header("Authorization", a);
            }
            r.send(body.unwrap_or(""))
        }
    };
    let mut response = response.expect("the server answers");
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().unwrap_or_default();
    let value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{url} answered {status} with non-JSON {text:?}: {e}"));
    (status, value)
}

fn post(base: &str, path: &str, body: &Value) -> (u16, Value) {
    call(
        "POST",
        &format!("{base}{path}"),
        Some(&body.to_string()),
        None,
    )
}

fn get(base: &str, path: &str) -> (u16, Value) {
    call("GET", &format!("{base}{path}"), None, None)
}

#[test]
fn yentes_documented_example_is_answered_in_yentes_shape() {
    let server = shipped();
    let body = json!({"queries": {
        "entity1": {"schema": "Person", "properties": {
            "name": ["John Doe"], "birthDate": ["1975-04-21"], "nationality": ["us"]}},
        "entity2": {"schema": "Company", "properties": {
            "name": ["Brilliant Amazing Limited"], "jurisdiction": ["hk"],
            "registrationNumber": ["84BA99810"]}}
    }});
    let (status, v) = post(&server.base, "/match/default", &body);
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["limit"], 5);
    assert_eq!(v["matcher"]["name"], "redflag");
    for key in ["entity1", "entity2"] {
        let r = &v["responses"][key];
        assert_eq!(r["status"], 200);
        assert!(r["results"].is_array());
        assert_eq!(r["total"]["relation"], "eq");
        assert_eq!(
            r["query"]["properties"]["name"].as_array().unwrap().len(),
            1
        );
    }
    assert_eq!(v["responses"]["entity1"]["query"]["schema"], "Person");
}

#[test]
fn a_person_with_birth_date_and_nationality() {
    let server = shipped();
    let body = json!({"queries": {"q": {"schema": "Person", "properties": {
        "name": ["김정은"], "birthDate": ["1984-01-08"], "nationality": ["kp"]}}}});
    let (status, v) = post(&server.base, "/match/default?limit=3", &body);
    assert_eq!(status, 200, "{v}");
    let top = &v["responses"]["q"]["results"][0];
    assert_eq!(top["id"], "ofac:20157", "{v}");
    assert_eq!(top["schema"], "Person");
    assert_eq!(top["match"], true);
    assert_eq!(top["datasets"][0], "us_ofac_sdn");
    assert!(top["properties"]["name"].is_array());
    assert!(top["features"]["name_match"].as_f64().unwrap() > 0.8);
    assert_eq!(top["features"]["dob_match"], 0.05);
    assert!(!top["explanation"].as_array().unwrap().is_empty());
    assert!(top["score"].as_f64().unwrap() <= 1.0);
    assert!(v["responses"]["q"]["total"]["value"].as_u64().unwrap() >= 1);
}

#[test]
fn a_contradicting_birth_date_is_a_negative_feature() {
    let server = shipped();
    let body = json!({"queries": {"q": {"schema": "Person", "properties": {
        "name": ["Kim Jong Un"], "birthDate": ["1930-01-01"]}}}});
    let (_, v) = post(
        &server.base,
        "/match/default?threshold=0.5&cutoff=0.3",
        &body,
    );
    let top = &v["responses"]["q"]["results"][0];
    assert!(
        top["features"]["dob_mismatch"].as_f64().unwrap() > 0.0,
        "{top}"
    );
}

#[test]
fn a_company_and_a_vessel_by_imo() {
    let server = shipped();
    let body = json!({"queries": {
        "c": {"schema": "Company", "properties": {"name": ["Korea Kwangson Banking Corporation"]}},
        "v": {"schema": "Vessel", "properties": {"imoNumber": ["IMO 9187629"]}}
    }});
    let (status, v) = post(&server.base, "/match/default", &body);
    assert_eq!(status, 200, "{v}");
    let company = &v["responses"]["c"]["results"][0];
    assert!(
        company["caption"]
            .as_str()
            .unwrap()
            .to_uppercase()
            .contains("KWANGSON"),
        "{company}"
    );
    let vessel = &v["responses"]["v"]["results"][0];
    assert_eq!(vessel["schema"], "Vessel", "{vessel}");
    assert_eq!(vessel["features"]["identifier_match"], 1.0);
    assert!(vessel["properties"]["imoNumber"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i.as_str().unwrap().contains("9187629")));
}

#[test]
fn datasets_filter_and_unknown_ones_are_404() {
    let server = shipped();
    let body =
        json!({"queries": {"q": {"schema": "Person", "properties": {"name": ["Kim Jong Un"]}}}});
    let (_, v) = post(&server.base, "/match/un_sc_sanctions", &body);
    for r in v["responses"]["q"]["results"].as_array().unwrap() {
        assert_eq!(r["datasets"][0], "un_sc_sanctions");
    }
    let (status, v) = post(&server.base, "/match/nope", &body);
    assert_eq!(
        (status, v["detail"].as_str()),
        (404, Some("No such dataset."))
    );
}

#[test]
fn search_entities_and_catalog() {
    let server = shipped();
    let (status, v) = get(
        &server.base,
        "/search/default?q=Kim%20Jong%20Un&limit=2&schema=Person",
    );
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["limit"], 2);
    assert_eq!(v["offset"], 0);
    assert!(v["total"]["value"].as_u64().unwrap() >= 1);
    assert!(v["results"].as_array().unwrap().len() <= 2);
    assert_eq!(v["facets"]["datasets"]["label"], "Data sources");
    let (_, all) = get(&server.base, "/search/eu_fsf?limit=3&offset=5");
    assert_eq!(all["results"].as_array().unwrap().len(), 3);
    assert_eq!(all["results"][0]["datasets"][0], "eu_fsf");

    let (status, e) = get(&server.base, "/entities/ofac:20157");
    assert_eq!(status, 200);
    assert_eq!(e["caption"], "KIM, Jong Un");
    assert_eq!(e["properties"]["birthDate"][0], "1984-01-08");
    assert_eq!(e["properties"]["program"][0], "DPRK3");
    let (status, e) = get(&server.base, "/entities/ofac:nobody");
    assert_eq!(
        (status, e["detail"].as_str()),
        (404, Some("No such entity!"))
    );

    let (_, c) = get(&server.base, "/catalog");
    let names: Vec<&str> = c["datasets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    for n in [
        "us_ofac_sdn",
        "us_ofac_cons",
        "un_sc_sanctions",
        "eu_fsf",
        "default",
    ] {
        assert!(names.contains(&n), "{names:?}");
    }
    let (_, a) = get(&server.base, "/algorithms");
    assert_eq!(a["best"], "redflag");
    assert!(a["algorithms"][0]["features"]["name_match"]["description"].is_string());
    assert_eq!(
        get(&server.base, "/healthz"),
        (200, json!({"status": "ok"}))
    );
    assert_eq!(get(&server.base, "/readyz").0, 200);
    let (status, doc) = get(&server.base, "/openapi.json");
    assert_eq!(status, 200);
    assert!(doc.is_object());
}

#[test]
fn bad_requests_are_4xx_naming_the_field() {
    let server = shipped();
    let base = &server.base;
    let raw = |body: &str| call("POST", &format!("{base}/match/default"), Some(body), None);
    let cases: Vec<(u16, (u16, Value), &str)> = vec![
        (400, raw("{not json"), "not valid JSON"),
        (422, raw("{}"), "queries"),
        (422, raw(r#"{"queries": []}"#), "queries"),
        (400, raw(r#"{"queries": {}}"#), "No queries provided."),
        (
            422,
            raw(r#"{"queries": {"a": {"properties": {"name": "x"}}}}"#),
            "queries.a.schema",
        ),
        (
            400,
            raw(r#"{"queries": {"a": {"schema": "Banana", "properties": {}}}}"#),
            "Unknown schema",
        ),
        (
            422,
            raw(r#"{"queries": {"a": {"schema": "Person", "properties": {"name": [{"x": 1}]}}}}"#),
            "queries.a.properties.name",
        ),
        (
            422,
            raw(
                r#"{"queries": {"a": {"schema": "Person", "properties": {"birthDate": ["not a date"], "name": ["X Y"]}}}}"#,
            ),
            "birthDate",
        ),
        (
            422,
            raw(r#"{"queries": {"a": {"schema": "Vessel", "properties": {"imoNumber": ["12"]}}}}"#),
            "imoNumber",
        ),
        (
            422,
            raw(&format!(
                r#"{{"queries": {{"a": {{"schema": "Person", "properties": {{"name": ["{}"]}}}}}}}}"#,
                "x".repeat(2000)
            )),
            "queries.a.properties.name",
        ),
    ];
    for (want, (status, v), says) in cases {
        assert_eq!(status, want, "{v}");
        assert!(
            v["detail"].as_str().unwrap().contains(says),
            "{v} should say {says}"
        );
    }
    let one = json!({"queries": {"a": {"schema": "Person", "properties": {"name": ["X"]}}}});
    for (path, says) in [
        ("/match/default?limit=501", "query.limit"),
        ("/match/default?threshold=abc", "query.threshold"),
        ("/match/default?algorithm=nope", "Invalid algorithm"),
    ] {
        let (status, v) = post(base, path, &one);
        assert!((400..500).contains(&status), "{path}: {status}");
        assert!(v["detail"].as_str().unwrap().contains(says), "{v}");
    }
    let many: serde_json::Map<String, Value> = (0..101)
        .map(|i| {
            (
                format!("q{i}"),
                json!({"schema": "Person", "properties": {"name": ["X"]}}),
            )
        })
        .collect();
    let (status, v) = post(base, "/match/default", &json!({"queries": many}));
    assert_eq!(status, 400);
    assert!(v["detail"].as_str().unwrap().contains("limit: 100"));
    let (status, v) = get(base, "/search/default?schema=Banana");
    assert_eq!(
        (status, v["detail"].as_str()),
        (400, Some("Invalid schema"))
    );
    let (status, _) = get(base, "/nowhere");
    assert_eq!(status, 404);
}

#[test]
fn the_body_cap_is_a_413() {
    let server = shipped();
    let base = &server.base;
    let big = format!(
        r#"{{"queries": {{"a": {{"schema": "Person", "properties": {{"name": ["{}"]}}}}}}}}"#,
        "x".repeat(1_100_000)
    );
    let (status, v) = call("POST", &format!("{base}/match/default"), Some(&big), None);
    assert_eq!(status, 413, "{v}");
    assert!(v["detail"].is_string());
}

#[test]
fn the_api_key_guards_every_route_but_health() {
    let dir = tempfile::tempdir().unwrap();
    let key_file = dir.path().join("key");
    std::fs::write(&key_file, "s3cret-key\n").unwrap();
    let server = start(&[
        "--index",
        shipped_index().to_str().unwrap(),
        "--api-key-file",
        key_file.to_str().unwrap(),
    ]);
    let url = |p: &str| format!("{}{p}", server.base);
    assert_eq!(call("GET", &url("/healthz"), None, None).0, 200);
    assert_eq!(call("GET", &url("/readyz"), None, None).0, 200);
    assert_eq!(call("GET", &url("/catalog"), None, None).0, 401);
    assert_eq!(call("GET", &url("/catalog"), None, Some("wrong")).0, 401);
    assert_eq!(
        call("GET", &url("/catalog"), None, Some("s3cret-key")).0,
        200
    );
    let body =
        r#"{"queries": {"a": {"schema": "Person", "properties": {"name": ["Kim Jong Un"]}}}}"#;
    assert_eq!(
        call("POST", &url("/match/default"), Some(body), None).0,
        401
    );
    assert_eq!(
        call(
            "POST",
            &url("/match/default"),
            Some(body),
            Some("s3cret-key")
        )
        .0,
        200
    );
    assert_eq!(call("POST", &url("/admin/reload"), None, None).0, 401);
}

/// Whether, within about `tries` tenths of a second, a person query for `name` has
/// `name` as its top result (a reload is asynchronous).
fn comes_to_serve(base: &str, name: &str, tries: usize) -> bool {
    let body = json!({"queries": {"q": {"schema": "Person", "properties": {"name": [name]}}}});
    (0..tries).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        post(base, "/match/default", &body).1["responses"]["q"]["results"][0]["caption"] == name
    })
}

/// Puts `bytes` at `path` as `index build` does, by renaming a new file into place: the
/// server maps the file it serves, so it is never rewritten in place.
fn replace(path: &Path, bytes: &[u8]) {
    let next = path.with_extension("next");
    std::fs::write(&next, bytes).unwrap();
    std::fs::rename(&next, path).unwrap();
}

/// A watchlist index of one entity named `name`.
fn watchlist_index(dir: &Path, file: &str, name: &str) -> PathBuf {
    let csv = dir.join(format!("{file}.csv"));
    std::fs::write(
        &csv,
        format!("id,name,kind,aliases,country,dob\nw1,{name},person,,KP,1970-01-01\n"),
    )
    .unwrap();
    let index = dir.join(format!("{file}.idx"));
    let status = Command::new(env!("CARGO_BIN_EXE_redflag"))
        .args(["index", "build", "--list"])
        .arg(&csv)
        .arg("--output")
        .arg(&index)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    index
}

#[test]
fn reload_swaps_the_index_under_load_and_refuses_a_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live.idx");
    std::fs::copy(watchlist_index(dir.path(), "a", "Pak Chol Su"), &live).unwrap();
    let second = watchlist_index(dir.path(), "b", "Ri Yong Ho");
    let server = start(&["--index", live.to_str().unwrap()]);
    let base = server.base.clone();
    let query = |name: &str| json!({"queries": {"q": {"schema": "Person", "properties": {"name": [name]}}}});
    let top = |v: &Value| {
        v["responses"]["q"]["results"][0]["caption"]
            .as_str()
            .map(str::to_string)
    };
    assert_eq!(
        top(&post(&base, "/match/default", &query("Pak Chol Su")).1).as_deref(),
        Some("Pak Chol Su")
    );

    // Clients keep asking while the index is replaced and reloaded: none may fail.
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let stop = std::sync::Arc::new(AtomicBool::new(false));
    let done = std::sync::Arc::new(AtomicUsize::new(0));
    let clients: Vec<_> = (0..4)
        .map(|_| {
            let (base, stop, done) = (base.clone(), stop.clone(), done.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let body = json!({"queries": {"q": {"schema": "Person", "properties": {"name": ["Kim Il"]}}}});
                    let (status, v) = post(&base, "/match/default", &body);
                    assert_eq!(status, 200, "a request failed during reload: {v}");
                    done.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    let wait_for = |n: usize| {
        while done.load(Ordering::Relaxed) < n {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    };
    wait_for(20);
    replace(&live, &std::fs::read(&second).unwrap());
    let (status, v) = post(&base, "/admin/reload", &json!({}));
    assert_eq!(status, 200, "{v}");
    wait_for(done.load(Ordering::Relaxed) + 20);
    // A broken index is refused; the good one keeps serving.
    replace(&live, b"not an index");
    let (status, v) = post(&base, "/admin/reload", &json!({}));
    assert_eq!(status, 500, "{v}");
    assert!(
        v["detail"]
            .as_str()
            .unwrap()
            .contains("old index keeps serving"),
        "{v}"
    );
    wait_for(done.load(Ordering::Relaxed) + 20);
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        c.join().expect("no client saw a failed request");
    }
    let (_, v) = post(&base, "/match/default", &query("Ri Yong Ho"));
    assert_eq!(top(&v).as_deref(), Some("Ri Yong Ho"));
    let (_, v) = post(&base, "/match/default", &query("Pak Chol Su"));
    assert_eq!(top(&v), None, "the old index is gone: {v}");
}

#[test]
fn sighup_reloads() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live.idx");
    std::fs::copy(watchlist_index(dir.path(), "a", "Pak Chol Su"), &live).unwrap();
    let server = start(&["--index", live.to_str().unwrap()]);
    let second = watchlist_index(dir.path(), "b", "Ri Yong Ho");
    replace(&live, &std::fs::read(second).unwrap());
    let pid = server.child.id().to_string();
    assert!(Command::new("kill")
        .args(["-HUP", &pid])
        .status()
        .unwrap()
        .success());
    let found = comes_to_serve(&server.base, "Ri Yong Ho", 50);
    assert!(found, "SIGHUP reloaded the index");
}

#[test]
fn a_changed_index_file_is_picked_up_by_the_watcher() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live.idx");
    std::fs::copy(watchlist_index(dir.path(), "a", "Pak Chol Su"), &live).unwrap();
    let server = start(&["--index", live.to_str().unwrap(), "--watch-secs", "1"]);
    let second = watchlist_index(dir.path(), "b", "Ri Yong Ho");
    replace(&live, &std::fs::read(second).unwrap());
    let found = comes_to_serve(&server.base, "Ri Yong Ho", 60);
    assert!(found, "the watcher reloaded the changed index");
}

#[test]
fn a_changed_list_folder_is_picked_up_as_after_lists_update() {
    let dir = tempfile::tempdir().unwrap();
    let (lists, cache) = (dir.path().join("lists"), dir.path().join("cache"));
    std::fs::create_dir_all(&lists).unwrap();
    let write = |name: &str| {
        let row = format!("id,name,kind,aliases,country,dob\nw1,{name},person,,KP,\n");
        replace(&lists.join("watch.csv"), row.as_bytes());
    };
    write("Pak Chol Su");
    let server = start_with(
        &["--watch-secs", "1"],
        &[("REDFLAG_DATA_DIR", &lists), ("REDFLAG_CACHE_DIR", &cache)],
    );
    write("Ri Yong Ho");
    let found = comes_to_serve(&server.base, "Ri Yong Ho", 80);
    assert!(found, "the new list in REDFLAG_DATA_DIR is served");
}

#[test]
fn watchmans_v2_search() {
    let server = shipped();
    let (status, v) = get(
        &server.base,
        "/v2/search?name=Kim%20Jong%20Un&type=person&limit=2",
    );
    assert_eq!(status, 200, "{v}");
    let top = &v["entities"][0];
    assert_eq!(top["sourceList"], "us_ofac");
    assert_eq!(top["sourceID"], "20157");
    assert_eq!(top["entityType"], "person");
    assert_eq!(top["person"]["birthDate"], "1984-01-08T00:00:00Z");
    assert!(top["match"].as_f64().unwrap() > 0.9);
    assert!(top["vessel"].is_null());
    assert!(v["entities"].as_array().unwrap().len() <= 2);
    assert_eq!(v["query"]["name"], "Kim Jong Un");

    let (status, v) = get(&server.base, "/v2/search?name=x&bogus=1");
    assert_eq!(status, 400);
    assert!(v["error"].as_str().unwrap().contains("bogus"));
    let (status, v) = get(&server.base, "/v2/search?name=Kim&minMatch=2");
    assert_eq!(status, 400, "{v}");
    let (_, v) = get(
        &server.base,
        "/v2/search?name=Kim%20Jong%20Un&minMatch=0.99&source=un_csl",
    );
    for e in v["entities"].as_array().unwrap() {
        assert_eq!(e["sourceList"], "un_csl");
        assert!(e["match"].as_f64().unwrap() >= 0.99);
    }
}
