//! `annals serve` as a child process: it makes a new record with the seed,
//! tells the address it took (port 0), answers over HTTP, and stops cleanly
//! on SIGTERM and on Ctrl-C (SIGINT).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ANNALS: &str = env!("CARGO_BIN_EXE_annals");

/// A running `annals serve` and the address it printed.
struct Served {
    child: Child,
    addr: String,
    stderr: BufReader<std::process::ChildStderr>,
    said: Vec<String>,
}

fn serve(db: &std::path::Path) -> Served {
    let mut child = Command::new(ANNALS)
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(db)
        .env_remove("ANNALS_DB")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("annals runs");
    let Some(pipe) = child.stderr.take() else {
        let _ = child.kill();
        let _ = child.wait();
        panic!("no pipe from annals serve");
    };
    let mut stderr = BufReader::new(pipe);
    let mut said = Vec::new();
    match address(&mut stderr, &mut said) {
        Some(addr) => Served {
            child,
            addr,
            stderr,
            said,
        },
        None => {
            let _ = child.kill();
            let _ = child.wait();
            panic!("annals serve said no address: {said:?}");
        }
    }
}

/// Reads standard error up to the line that tells the address.
fn address(stderr: &mut impl BufRead, said: &mut Vec<String>) -> Option<String> {
    loop {
        let mut line = String::new();
        if stderr.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end().to_string();
        said.push(line.clone());
        if let Some(rest) = line.strip_prefix("annals: serving ") {
            let addr = rest.split(" at http://").nth(1)?;
            return Some(addr.trim_end_matches('/').to_string());
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        // A test that fails leaves no server behind.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// One GET over a fresh connection: the status line and the body.
fn get(addr: &str, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(addr).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("sets a timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("writes");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("reads");
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    let status = head.lines().next().unwrap_or("").to_string();
    (status, body.to_string())
}

/// Sends a signal and waits for the process to end.
fn stop(mut served: Served, signal: &str) -> Vec<String> {
    let pid = served.child.id().to_string();
    let sent = Command::new("kill")
        .args([signal, &pid])
        .status()
        .expect("kill runs");
    assert!(sent.success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = served.child.try_wait().expect("waits") {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "annals serve did not stop on {signal}"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut rest = String::new();
    served
        .stderr
        .read_to_string(&mut rest)
        .expect("reads stderr");
    served.said.extend(rest.lines().map(String::from));
    assert!(status.success(), "{status:?}: {:?}", served.said);
    std::mem::take(&mut served.said)
}

#[test]
fn serve_makes_the_record_answers_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("new").join("annals.db");
    let served = serve(&db);
    assert!(
        served.said[0].contains("built-in seed"),
        "{:?}",
        served.said
    );
    assert!(served.addr.starts_with("127.0.0.1:"));
    assert_ne!(served.addr, "127.0.0.1:0");
    let (status, body) = get(&served.addr, "/api/documents");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(body.contains("seed:japan-soviet-union-relations"), "{body}");
    let (status, body) = get(&served.addr, "/");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(body.contains("<html"), "{body}");
    let said = stop(served, "-TERM");
    assert!(
        said.last().is_some_and(|l| l.contains("stopped serving")),
        "{said:?}"
    );
    // The record stays, with the seed, and is served again as it is.
    let before = std::fs::read(&db).expect("the record is there");
    let served = serve(&db);
    assert!(
        !served.said[0].contains("built-in seed"),
        "{:?}",
        served.said
    );
    let (status, _) = get(&served.addr, "/api/timeline?limit=5");
    assert_eq!(status, "HTTP/1.1 200 OK");
    stop(served, "-INT");
    assert!(std::fs::read(&db).expect("the record is there") == before);
}

#[test]
fn serve_refuses_what_it_cannot_serve() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    // A file of another program.
    let other = dir.path().join("other.db");
    std::fs::write(&other, b"not a database at all, just some text").expect("writes");
    let out = Command::new(ANNALS)
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(&other)
        .env_remove("ANNALS_DB")
        .stdin(Stdio::null())
        .output()
        .expect("annals runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("other.db"), "{stderr}");
    // An address that is not one.
    let out = Command::new(ANNALS)
        .args(["serve", "--addr", "localhost"])
        .env_remove("ANNALS_DB")
        .stdin(Stdio::null())
        .output()
        .expect("annals runs");
    assert!(!out.status.success());
}
