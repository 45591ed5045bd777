//! The page in a real browser: Debian's chromium, driven by playwright-core
//! (`browser-tests/run.mjs`), against the real server on a loopback port,
//! over a record that holds the seed and a hostile document (script tags,
//! event-handler attributes and `javascript:` links written into sentences
//! that the pipeline turns into events, quotes and entity pages).
//!
//! The test makes sure its tools are there: `npm ci` when `node_modules` is
//! missing, `apt-get install chromium` when `/usr/bin/chromium` is missing
//! and the test runs as root (else it fails saying what to install). The
//! screenshots go to `target/browser-artifacts/`; those of the timeline, the
//! index chart and the reader are copied to `docs/screenshots/` for the
//! README. The server and the browser are stopped at the end, also when the
//! test fails.

#![cfg(unix)]

mod common;

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Where the page is tested with.
const CHROMIUM: &str = "/usr/bin/chromium";

/// The longest the browser run may take before it is stopped.
const BROWSER_TIMEOUT: Duration = Duration::from_secs(180);

/// A document that tries everything a text can try on a page that would
/// build HTML from it; every sentence names states the entity layer links,
/// and a date, so that each payload reaches the quotes, search results, the
/// reader, the timeline's tooltips, the index and entity pages.
const HOSTILE: &str = r#"# Hostile <script>window.__pwned=1</script> notes

Japan signed <script>window.__pwned=1</script> a treaty with the Soviet Union in 1956.

In March 1958 Japan protested "><img src=x onerror="window.__pwned=1"> against the Soviet Union over fishing rights.

Mongolia <b onmouseover=alert(1)>bold</b> signed an agreement with China in 1962.

See [the archive](javascript:alert(1)) or javascript:alert(1) when Japan visited Mongolia in 1972.

Zorblatt <img src=x onerror=alert(1)> attacked Japan in 1975.
"#;

/// A record in `dir` holding the seed and the hostile document, closed again.
fn record(dir: &Path) -> PathBuf {
    let path = dir.join("annals.db");
    let mut store = annals_store::Store::open(&path).expect("the record opens");
    common::ingest(&mut store, annals_text::seed());
    let hostile = annals_text::read_bytes(
        "hostile.md",
        HOSTILE.as_bytes(),
        annals_text::Format::Markdown,
    )
    .expect("the hostile document reads");
    common::ingest(&mut store, hostile);
    drop(store);
    path
}

/// The server on a runtime of its own, on a free loopback port; stopped when
/// dropped.
struct Served {
    url: String,
    runtime: Option<tokio::runtime::Runtime>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    done: Option<tokio::task::JoinHandle<Result<(), annals_web::Error>>>,
}

impl Served {
    fn start(db: &Path) -> Served {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime for the server");
        let mut config = annals_web::Config::new(db.to_path_buf());
        config.addr = "127.0.0.1:0".parse().expect("an address");
        let server = runtime
            .block_on(annals_web::Server::bind(config))
            .expect("the server starts");
        let url = format!("http://{}/", server.local_addr());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let done = runtime.spawn(server.run(async move {
            let _ = stopped.await;
        }));
        Served {
            url,
            runtime: Some(runtime),
            stop: Some(stop),
            done: Some(done),
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(runtime) = self.runtime.take() {
            if let Some(done) = self.done.take() {
                let stopped = runtime
                    .block_on(async { tokio::time::timeout(Duration::from_secs(10), done).await });
                if !std::thread::panicking() {
                    match stopped {
                        Ok(Ok(Ok(()))) => {}
                        other => panic!("the server did not stop cleanly: {other:?}"),
                    }
                }
            }
            runtime.shutdown_timeout(Duration::from_secs(1));
        }
    }
}

/// The browser run (node and the chromium it starts, in a process group of
/// their own): killed when dropped unless it has ended.
struct Run {
    child: Child,
    out: Option<JoinHandle<String>>,
    err: Option<JoinHandle<String>>,
}

impl Run {
    fn start(dir: &Path, url: &str, artifacts: &Path) -> Run {
        let mut child = Command::new("node")
            .arg("run.mjs")
            .arg(url)
            .arg(artifacts)
            .current_dir(dir)
            .env("ANNALS_CHROMIUM", CHROMIUM)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .process_group(0)
            .spawn()
            .expect("node starts");
        let read = |mut pipe: Box<dyn Read + Send>| {
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                let _ = pipe.read_to_end(&mut bytes);
                String::from_utf8_lossy(&bytes).into_owned()
            })
        };
        let out = child.stdout.take().map(|p| read(Box::new(p)));
        let err = child.stderr.take().map(|p| read(Box::new(p)));
        Run { child, out, err }
    }

    /// Waits for the run to end (killing it after `limit`): whether it
    /// passed, and its output.
    fn finish(&mut self, limit: Duration) -> (bool, String) {
        let deadline = Instant::now() + limit;
        let status = loop {
            match self.child.try_wait() {
                Ok(Some(status)) => break Some(status),
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                _ => {
                    self.kill();
                    break None;
                }
            }
        };
        let text =
            |h: Option<JoinHandle<String>>| h.and_then(|h| h.join().ok()).unwrap_or_default();
        let mut output = text(self.out.take());
        let err = text(self.err.take());
        if !err.is_empty() {
            output.push_str("\n--- stderr ---\n");
            output.push_str(&err);
        }
        match status {
            Some(status) => (
                status.success(),
                format!("{output}\n(node exited with {status})"),
            ),
            None => (
                false,
                format!("{output}\n(the browser run took more than {limit:?} and was killed)"),
            ),
        }
    }

    fn kill(&mut self) {
        // The whole group: node and the browser it started.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Run {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            self.kill();
        }
    }
}

/// Runs a command to its end; its output on failure.
fn run(command: &mut Command) -> Result<(), String> {
    let shown = format!("{command:?}");
    let out = command
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{shown} does not start: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{shown} failed ({}):\n{}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Node, playwright-core and chromium, installed when they can be.
fn tools(browser_tests: &Path) -> Result<(), String> {
    run(Command::new("node").arg("--version"))
        .map_err(|e| format!("the browser tests need Node.js 20 or later, with npm: {e}"))?;
    if !browser_tests
        .join("node_modules/playwright-core/package.json")
        .is_file()
    {
        eprintln!("browser test: installing playwright-core (npm ci)");
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(browser_tests))
        .map_err(|e| format!("cannot install the browser tests' packages: {e}"))?;
    }
    if !Path::new(CHROMIUM).exists() {
        if !is_root() {
            return Err(format!(
                "the browser tests need Debian's chromium at {CHROMIUM}: install it with `sudo apt-get install chromium`"
            ));
        }
        eprintln!("browser test: installing Debian's chromium (apt-get)");
        let install = || {
            run(Command::new("apt-get")
                .args(["install", "-y", "-qq", "chromium"])
                .env("DEBIAN_FRONTEND", "noninteractive"))
        };
        if install().is_err() {
            run(Command::new("apt-get").args(["update", "-qq"]))?;
            install().map_err(|e| format!("cannot install Debian's chromium: {e}"))?;
        }
        if !Path::new(CHROMIUM).exists() {
            return Err(format!(
                "chromium was installed but {CHROMIUM} is still missing"
            ));
        }
    }
    Ok(())
}

/// The width of a PNG image, from its header.
fn png_width(bytes: &[u8]) -> Option<u32> {
    if bytes.len() < 24 || &bytes[..8] != b"\x89PNG\r\n\x1a\n" || &bytes[12..16] != b"IHDR" {
        return None;
    }
    Some(u32::from_be_bytes([
        bytes[16], bytes[17], bytes[18], bytes[19],
    ]))
}

#[test]
fn the_page_works_in_a_browser_and_runs_none_of_the_texts_markup() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let workspace = crate_dir.join("../..");
    let workspace = workspace.canonicalize().unwrap_or(workspace);
    let target = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => workspace.join(dir),
        None => workspace.join("target"),
    };
    let artifacts = target.join("browser-artifacts");
    let browser_tests = crate_dir.join("browser-tests");

    if let Err(e) = tools(&browser_tests) {
        panic!("{e}");
    }

    let t0 = Instant::now();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = record(dir.path());
    let built = t0.elapsed();
    let served = Served::start(&db);

    let _ = std::fs::remove_dir_all(&artifacts);
    std::fs::create_dir_all(&artifacts).expect("the artifacts folder");
    let t1 = Instant::now();
    let mut browser = Run::start(&browser_tests, &served.url, &artifacts);
    let (passed, output) = browser.finish(BROWSER_TIMEOUT);
    drop(browser);
    drop(served);
    println!("{output}");
    println!(
        "record built in {:.1} s; browser run {:.1} s; artifacts in {}",
        built.as_secs_f64(),
        t1.elapsed().as_secs_f64(),
        artifacts.display()
    );
    assert!(passed, "the browser tests failed:\n{output}");

    // The README's screenshots.
    let shots = workspace.join("docs/screenshots");
    std::fs::create_dir_all(&shots).expect("docs/screenshots");
    for name in ["timeline", "index", "reader"] {
        let from = artifacts.join(format!("{name}.png"));
        let bytes = std::fs::read(&from).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
        assert_eq!(
            png_width(&bytes),
            Some(1280),
            "{} is a 1280 px wide PNG",
            from.display()
        );
        let to = shots.join(format!("{name}.png"));
        std::fs::write(&to, &bytes).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
    }
}
