//! `annals ingest` as a child process, in bad moments and bad places: killed
//! mid-run, writing into read-only places, onto a full disk, into a corrupt
//! file; and the inputs it takes (folders, glob patterns, standard input).
//!
//! The record is compared as a *logical dump*: every table's rows with the
//! document's integer id replaced by its name, sorted, so that two records
//! written in a different order compare equal when they hold the same facts.

use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags};
use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The binary that cargo built.
const ANNALS: &str = env!("CARGO_BIN_EXE_annals");

/// `annals` with these arguments, no standard input.
fn annals(args: &[&str]) -> Command {
    let mut cmd = Command::new(ANNALS);
    cmd.args(args).stdin(Stdio::null()).env_remove("ANNALS_DB");
    cmd
}

/// Runs a command to its end.
fn output(mut cmd: Command) -> Output {
    cmd.output().expect("annals runs")
}

/// Runs a command that must succeed, quietly, and returns its stdout.
fn succeeds(cmd: Command) -> String {
    let out = output(cmd);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "annals failed: {stderr}");
    assert!(stderr.is_empty(), "annals wrote to stderr: {stderr}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Runs a command that must fail with exit code 1; returns its stderr.
fn fails(cmd: Command) -> String {
    let out = output(cmd);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(1),
        "expected a failure, got {:?}: {stderr}",
        out.status
    );
    stderr
}

fn s(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// Writes `n` documents into `dir`, in four subfolders: one to three
/// paragraphs of the built-in seed each (a different window for each
/// document) and a sentence of its own, so that every text differs.
fn corpus(dir: &Path, n: usize) {
    let seed = annals_text::seed();
    let paragraphs: Vec<&str> = seed
        .text
        .lines()
        .filter(|l| l.len() > 80 && !l.starts_with(['=', '-']))
        .collect();
    assert!(paragraphs.len() > 20, "the seed has paragraphs");
    for i in 0..n {
        let mut text = format!("Document {i}\n\n");
        for k in 0..1 + i % 3 {
            text.push_str(paragraphs[(i * 7 + k) % paragraphs.len()]);
            text.push_str("\n\n");
        }
        text.push_str(&format!(
            "The treaty number {i} was signed in {}.\n",
            1800 + i
        ));
        let sub = dir.join(format!("part{}", i % 4));
        std::fs::create_dir_all(&sub).expect("a folder");
        std::fs::write(sub.join(format!("doc{i:03}.txt")), text).expect("writes");
    }
}

/// A table's rows keyed by document name: `(name, the rest of the row)`.
type Rows = Vec<(String, String)>;

/// The record's logical content: every table (FTS shadow tables aside) with
/// document ids replaced by document names, rows sorted.
fn dump(db: &Path) -> BTreeMap<String, Rows> {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("the record opens");
    let tables: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .expect("prepares")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("lists tables")
        .collect::<Result<_, _>>()
        .expect("reads the schema");
    let virtuals: Vec<&str> = tables
        .iter()
        .filter(|(_, sql)| sql.starts_with("CREATE VIRTUAL TABLE"))
        .map(|(name, _)| name.as_str())
        .collect();
    let mut out = BTreeMap::new();
    for (table, sql) in &tables {
        let shadow = virtuals.iter().any(|v| table.starts_with(&format!("{v}_")));
        if table.starts_with("sqlite_") || shadow {
            continue;
        }
        let query = if sql.starts_with("CREATE VIRTUAL TABLE") {
            assert_eq!(
                table, "sentence_search",
                "teach dump() how to key the virtual table {table}"
            );
            // Its rowid is the sentence row's rowid; an entry without a
            // sentence would show as <orphan>.
            "SELECT coalesce(d.name, '<orphan>'), s.idx, v.text FROM sentence_search v
             LEFT JOIN sentences s ON s.rowid = v.rowid LEFT JOIN documents d ON d.id = s.doc"
                .to_string()
        } else {
            let columns: Vec<String> = conn
                .prepare(&format!("PRAGMA table_info({table})"))
                .expect("prepares")
                .query_map([], |r| r.get(1))
                .expect("lists columns")
                .collect::<Result<_, _>>()
                .expect("reads columns");
            let (key, skip) = if table == "documents" {
                ("t.name".to_string(), "id")
            } else {
                assert!(
                    columns.iter().any(|c| c == "doc"),
                    "teach dump() how to key the table {table}"
                );
                (
                    "(SELECT name FROM documents WHERE id = t.doc)".to_string(),
                    "doc",
                )
            };
            let rest: Vec<String> = columns
                .iter()
                .filter(|c| *c != skip)
                .map(|c| format!("t.\"{c}\""))
                .collect();
            format!("SELECT {key}, {} FROM \"{table}\" t", rest.join(", "))
        };
        let mut st = conn.prepare(&query).expect("prepares");
        let width = st.column_count();
        let mut rows: Rows = st
            .query_map([], |r| {
                let name: String = r.get(0)?;
                let rest = (1..width)
                    .map(|i| r.get::<_, Value>(i).map(|v| format!("{v:?}")))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok((name, rest.join("|")))
            })
            .expect("reads")
            .collect::<Result<_, _>>()
            .expect("reads rows");
        rows.sort();
        out.insert(table.clone(), rows);
    }
    out
}

/// The part of a dump that belongs to these documents.
fn only(dump: &BTreeMap<String, Rows>, names: &BTreeSet<String>) -> BTreeMap<String, Rows> {
    dump.iter()
        .map(|(table, rows)| {
            let kept = rows
                .iter()
                .filter(|(name, _)| names.contains(name))
                .cloned()
                .collect();
            (table.clone(), kept)
        })
        .collect()
}

/// The names of the documents in a record.
fn names(db: &Path) -> BTreeSet<String> {
    dump(db)["documents"]
        .iter()
        .map(|(name, _)| name.clone())
        .collect()
}

/// Opens a record for writing (which recovers its journal) and checks it:
/// SQLite's integrity check, foreign keys and the full-text index.
fn sound(db: &Path) {
    let conn = Connection::open(db).expect("the record opens");
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("checks");
    assert_eq!(integrity, "ok");
    let dangling: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .expect("checks keys");
    assert_eq!(dangling, 0, "rows whose document is gone");
    let has_fts: bool = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'sentence_search'",
            [],
            |r| r.get(0),
        )
        .expect("reads the schema");
    if has_fts {
        conn.execute(
            "INSERT INTO sentence_search (sentence_search) VALUES ('integrity-check')",
            [],
        )
        .expect("the full-text index agrees with its rows");
    }
}

/// The documents committed so far, read while another process writes
/// (0 while the file or its tables do not exist yet).
fn committed(db: &Path) -> i64 {
    Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|c| c.query_row("SELECT count(*) FROM documents", [], |r| r.get(0)))
        .unwrap_or(0)
}

/// Starts `annals ingest` on one thread and kills it (SIGKILL) once at
/// least `at_least` documents are committed; returns how many were
/// committed when it was killed.
fn kill_mid_run(db: &Path, corpus: &Path, at_least: i64) -> i64 {
    let mut child = annals(&["ingest", "--threads", "1", "--db", s(db), s(corpus)])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("annals starts");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(status) = child.try_wait().expect("waits") {
            panic!("annals ended ({status:?}) before it could be killed: make the corpus larger");
        }
        if committed(db) >= at_least {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "annals wrote nothing for 2 minutes"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("SIGKILL is sent");
    let status = child.wait().expect("annals is reaped");
    assert_eq!(status.signal(), Some(9), "annals died of the kill");
    committed(db)
}

#[test]
fn a_killed_ingest_leaves_whole_documents_and_a_rerun_completes_it() {
    const N: usize = 300;
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let docs = dir.path().join("docs");
    corpus(&docs, N);
    let clean = dir.path().join("clean.db");
    let out = succeeds(annals(&["ingest", "--db", s(&clean), s(&docs)]));
    assert!(out.starts_with(&format!("{N} new, 0 unchanged")), "{out}");
    let whole = dump(&clean);
    let clean_run = started.elapsed();
    assert_eq!(whole["documents"].len(), N);
    for table in ["sentences", "timexes", "mentions", "events", "event_actors"] {
        assert!(
            whole[table].len() > N,
            "{table}: the corpus fills every layer"
        );
    }

    let db = dir.path().join("crashed.db");
    let mut before = 0;
    // Killed twice: once from scratch, once while resuming.
    for at_least in [20, 60] {
        let at_kill = kill_mid_run(&db, &docs, at_least);
        sound(&db);
        let present = names(&db);
        let n = present.len();
        assert_eq!(n as i64, at_kill);
        assert!(
            n > before && n < N,
            "the kill came mid-run: {before} < {n} < {N} documents"
        );
        // Each document present is wholly present: its rows are those of
        // the clean run, in every table; nothing else is there.
        assert_eq!(dump(&db), only(&whole, &present));
        before = n;
    }
    let out = succeeds(annals(&["ingest", "--db", s(&db), s(&docs)]));
    let expected = format!(
        "{} new, {before} unchanged, 0 replaced, 0 failed",
        N - before
    );
    assert!(out.starts_with(&expected), "{out}");
    sound(&db);
    assert_eq!(dump(&db), whole);
    eprintln!(
        "clean run of {N} documents {:.1} s; whole test {:.1} s",
        clean_run.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
}

#[test]
fn folders_patterns_and_standard_input_are_read() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(docs.join("sub/deeper")).expect("folders");
    for (file, text) in [
        ("a.txt", "In 1941 Japan and the Soviet Union signed a pact."),
        ("b.txt", "The pact was annulled in April 1945."),
        (
            "sub/c.md",
            "# Talks\n\nGromyko visited Tokyo in January 1972.",
        ),
        ("sub/deeper/d.txt", "Japan protested in 1950."),
        ("sub/notes.csv", "not,a,document"),
    ] {
        std::fs::write(docs.join(file), text).expect("writes");
    }
    // A pattern the shell did not expand.
    let db = dir.path().join("record.db");
    let pattern = format!("{}/*.txt", s(&docs));
    let out = succeeds(annals(&["ingest", "--db", s(&db), &pattern]));
    assert!(out.starts_with("2 new, 0 unchanged"), "{out}");
    // A pattern that matches nothing is an error naming it, before the
    // record is even created.
    let empty = dir.path().join("empty.db");
    let nothing = format!("{}/*.rst", s(&docs));
    let err = fails(annals(&["ingest", "--db", s(&empty), s(&docs), &nothing]));
    assert!(err.contains(&nothing), "{err}");
    assert!(!empty.exists());
    // A folder (recursively, .txt and .md only) and standard input.
    let mut cmd = annals(&["ingest", "--db", s(&db), s(&docs), "-"]);
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("annals starts");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("piped");
        stdin
            .write_all(b"Italy declared war on the Ottoman Empire in 1911.")
            .expect("annals reads standard input");
    }
    let out = child.wait_with_output().expect("annals finishes");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "a pipe gets no progress bar");
    assert!(stdout.starts_with("3 new, 2 unchanged"), "{stdout}");
    assert!(names(&db).contains("<stdin>"));
    // One thread or two: the same record.
    let one = dir.path().join("one.db");
    let two = dir.path().join("two.db");
    succeeds(annals(&[
        "ingest",
        "--threads",
        "1",
        "--db",
        s(&one),
        s(&docs),
    ]));
    succeeds(annals(&[
        "ingest",
        "--threads",
        "2",
        "--db",
        s(&two),
        s(&docs),
    ]));
    assert_eq!(dump(&one), dump(&two));
    assert_eq!(names(&one).len(), 4);
}

/// The user the read-only tests run `annals` as: none when this process
/// already obeys permissions; `nobody` when it is root (which ignores them);
/// `Err` with the reason when neither works.
fn unprivileged(dir: &Path) -> Result<Option<u32>, String> {
    let probe = dir.join("probe");
    std::fs::create_dir(&probe).expect("a folder");
    chmod(&probe, 0o555);
    let privileged = std::fs::write(probe.join("probe"), b"x").is_ok();
    chmod(&probe, 0o755);
    std::fs::remove_dir_all(&probe).expect("the probe goes");
    if !privileged {
        return Ok(None);
    }
    const NOBODY: u32 = 65534;
    let mut cmd = annals(&["--version"]);
    cmd.uid(NOBODY).gid(NOBODY);
    match cmd.output() {
        Ok(out) if out.status.success() => Ok(Some(NOBODY)),
        Ok(out) => Err(format!(
            "annals does not run as uid {NOBODY}: {}",
            String::from_utf8_lossy(&out.stderr)
        )),
        Err(e) => Err(format!("annals does not start as uid {NOBODY}: {e}")),
    }
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[test]
fn read_only_places_are_refused_by_name_and_left_intact() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    // Others may need to come in (the child may run as another user).
    chmod(dir.path(), 0o755);
    let user = match unprivileged(dir.path()) {
        Ok(user) => user,
        Err(why) => {
            eprintln!("note: skipped, permissions are not enforced here and {why}");
            return;
        }
    };
    let as_user = |args: &[&str]| {
        let mut cmd = annals(args);
        if let Some(uid) = user {
            cmd.uid(uid).gid(uid);
        }
        cmd
    };
    let doc = dir.path().join("doc.txt");
    std::fs::write(&doc, "Japan protested in 1950.").expect("writes");
    chmod(&doc, 0o644);

    // A new record in a read-only folder.
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).expect("a folder");
    chmod(&locked, 0o555);
    let db = locked.join("record.db");
    let err = fails(as_user(&["ingest", "--db", s(&db), s(&doc)]));
    assert!(err.contains(s(&db)), "{err}");
    assert_eq!(std::fs::read_dir(&locked).expect("lists").count(), 0);

    // A read-only record file in a folder the user may write.
    let open = dir.path().join("open");
    std::fs::create_dir(&open).expect("a folder");
    chmod(&open, 0o777);
    let db = open.join("record.db");
    succeeds(annals(&["ingest", "--db", s(&db)]));
    chmod(&db, 0o444);
    let before = std::fs::read(&db).expect("reads");
    let err = fails(as_user(&["ingest", "--db", s(&db), s(&doc)]));
    assert!(err.contains(s(&db)), "{err}");
    assert!(
        err.contains("readonly") || err.contains("read-only"),
        "{err}"
    );
    assert_eq!(std::fs::read(&db).expect("reads"), before);

    // A writable record file in a read-only folder: no room for its journal.
    let shut = dir.path().join("shut");
    std::fs::create_dir(&shut).expect("a folder");
    let db = shut.join("record.db");
    succeeds(annals(&["ingest", "--db", s(&db)]));
    chmod(&db, 0o666);
    chmod(&shut, 0o555);
    let before = std::fs::read(&db).expect("reads");
    let err = fails(as_user(&["ingest", "--db", s(&db), s(&doc)]));
    assert!(err.contains(s(&db)), "{err}");
    assert_eq!(std::fs::read(&db).expect("reads"), before);

    for folder in [&locked, &shut] {
        chmod(folder, 0o755);
    }
}

#[test]
fn a_file_size_limit_fails_the_document_and_keeps_the_others() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let small = dir.path().join("small");
    corpus(&small, 6);
    let db = dir.path().join("record.db");
    succeeds(annals(&["ingest", "--db", s(&db), s(&small)]));
    let before = dump(&db);
    let size = std::fs::metadata(&db).expect("exists").len();
    // The whole seed writes a few hundred kB: more than 64 kB past the file.
    let big = dir.path().join("big.txt");
    std::fs::write(&big, &annals_text::seed().text).expect("writes");
    let blocks = size / 1024 + 64;
    // SIGXFSZ ignored (an ignored signal stays ignored across exec), so
    // that a write past the limit fails with EFBIG instead of killing.
    let script = "trap '' XFSZ; ulimit -f \"$LIMIT\" || exit 99; exec \"$@\"";
    let out = Command::new("bash")
        .args(["-c", script, "limited", ANNALS, "ingest"])
        .args(["--db", s(&db), s(&big)])
        .env("LIMIT", blocks.to_string())
        .env_remove("ANNALS_DB")
        .stdin(Stdio::null())
        .output();
    let out = match out {
        Ok(out) if out.status.code() != Some(99) => out,
        other => {
            eprintln!("note: skipped, no bash with ulimit -f here: {other:?}");
            return;
        }
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{:?}: {stderr}", out.status);
    assert!(stderr.contains(s(&big)), "the document is named: {stderr}");
    assert!(stderr.contains(s(&db)), "the record is named: {stderr}");
    sound(&db);
    assert_eq!(dump(&db), before, "the other documents are as they were");
    // With room again, the document goes in.
    let out = succeeds(annals(&["ingest", "--db", s(&db), s(&big), s(&small)]));
    assert!(out.starts_with("1 new, 6 unchanged"), "{out}");
    sound(&db);
}

/// Bytes that look random (xorshift), the same on every run.
fn noise(len: usize, mut state: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

#[test]
fn a_corrupt_record_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let doc = dir.path().join("doc.txt");
    std::fs::write(&doc, "Japan protested in 1950.").expect("writes");
    let good = dir.path().join("good.db");
    succeeds(annals(&["ingest", "--db", s(&good)]));
    let whole = std::fs::read(&good).expect("reads");
    let cases: [(&str, Vec<u8>); 2] = [
        ("noise.db", noise(32 * 1024, 7)),
        ("truncated.db", whole[..whole.len() / 3].to_vec()),
    ];
    for (name, bytes) in cases {
        let db: PathBuf = dir.path().join(name);
        std::fs::write(&db, &bytes).expect("writes");
        let err = fails(annals(&["ingest", "--db", s(&db), s(&doc)]));
        assert!(err.contains(s(&db)), "{err}");
        assert!(
            err.contains("not a database") || err.contains("malformed"),
            "{err}"
        );
        assert_eq!(std::fs::read(&db).expect("reads"), bytes, "{name} changed");
    }
}

/// Parquet files are ingested a document per row (named by title, else by
/// file and id), with `--title` and `--limit`, and a rerun leaves them
/// unchanged; a build without the feature says how to get it.
#[test]
fn parquet_rows_are_documents() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let part = dir.path().join("part.parquet");
    let db = dir.path().join("annals.db");
    if !cfg!(feature = "parquet") {
        std::fs::write(&part, b"PAR1").expect("writes");
        let stderr = fails(annals(&["ingest", "--db", s(&db), s(&part)]));
        assert!(stderr.contains("--features parquet"), "{stderr}");
        return;
    }
    // A Parquet file: the shard mode's output holds `id`, `title`, `text`.
    let lines = [
        r#"{"id": 1, "title": "Winter War", "text": "The Winter War began on 30 November 1939, when the Soviet Union invaded Finland.", "format": "plain"}"#,
        r#"{"id": 2, "title": "Neutrality", "text": "Japan and the Soviet Union signed a neutrality pact in April 1941.", "format": "plain"}"#,
        r#"{"id": 3, "title": "", "text": "Gorbachev visited Tokyo in April 1991.", "format": "plain"}"#,
    ];
    let mut child = Command::new(ANNALS)
        .args(["tag", "--input", "ndjson", "--output", "parquet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("annals runs");
    std::io::Write::write_all(
        &mut child.stdin.take().expect("stdin"),
        (lines.join("\n") + "\n").as_bytes(),
    )
    .expect("writes");
    let out = child.wait_with_output().expect("annals ends");
    assert!(out.status.success());
    std::fs::write(&part, &out.stdout).expect("writes");

    let first = succeeds(annals(&["ingest", "--db", s(&db), s(&part)]));
    assert!(first.starts_with("3 new, 0 unchanged"), "{first}");
    let expected: BTreeSet<String> = [
        "Winter War".to_string(),
        "Neutrality".to_string(),
        format!("{}#3", s(&part)),
    ]
    .into();
    assert_eq!(names(&db), expected);
    let again = succeeds(annals(&["ingest", "--db", s(&db), s(&part)]));
    assert!(again.starts_with("0 new, 3 unchanged"), "{again}");

    let other = dir.path().join("other.db");
    let some = succeeds(annals(&[
        "ingest",
        "--db",
        s(&other),
        s(&part),
        "--title",
        "^W",
        "--limit",
        "5",
    ]));
    assert!(some.starts_with("1 new, 0 unchanged"), "{some}");
    assert_eq!(names(&other), ["Winter War".to_string()].into());
}
