//! Bad input to the binary: each case fails with exit status 1 and exactly
//! one line on standard error that names the file and, where it applies,
//! the byte offset and line; none panics.

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The reader's limit for one document (`ReadOptions::default().max_bytes`).
const LIMIT: u64 = 256 * 1024 * 1024;

fn annals(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(args)
        // No test may reach the per-user record.
        .env("ANNALS_DB", "/nonexistent/annals-tests/annals.db")
        .stdin(Stdio::null())
        .output()
        .expect("the annals binary that cargo built runs")
}

fn annals_with_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(args)
        .env("ANNALS_DB", "/nonexistent/annals-tests/annals.db")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the annals binary that cargo built runs");
    let mut stdin = child.stdin.take().expect("stdin was piped");
    stdin.write_all(input).expect("annals reads all of stdin");
    drop(stdin);
    child.wait_with_output().expect("annals finishes")
}

/// Asserts a clean failure and returns its one line of error.
fn one_error_line(output: &Output, what: &str) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{what}: exit status 1 expected, got {:?}; stderr: {stderr}",
        output.status
    );
    assert!(
        !stderr.contains("panicked"),
        "{what}: the binary panicked: {stderr}"
    );
    assert!(
        output.stdout.is_empty(),
        "{what}: nothing on stdout expected, got {}",
        String::from_utf8_lossy(&output.stdout)
    );
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "{what}: exactly one line on stderr expected: {stderr:?}"
    );
    assert!(
        lines[0].starts_with("annals: "),
        "{what}: {:?} does not start with the program's name",
        lines[0]
    );
    lines[0].to_string()
}

/// Runs `annals COMMAND FILE` for the commands that read a document and
/// checks that each names the file and says `expected`.
fn fails_naming(path: &Path, expected: &[&str]) {
    let shown = path.display().to_string();
    for command in ["tag", "timeline"] {
        let what = format!("annals {command} {shown}");
        let line = one_error_line(&annals(&[command, &shown]), &what);
        assert!(
            line.contains(&shown),
            "{what}: {line:?} does not name the file"
        );
        for part in expected {
            assert!(
                line.contains(part),
                "{what}: {line:?} does not say {part:?}"
            );
        }
    }
}

#[test]
fn invalid_utf8_names_byte_line_and_column() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("latin1.txt");
    // "Then " starts at byte 17 on line 2; the bad byte is byte 22.
    std::fs::write(&path, b"In 1941 it held.\nThen \xe9t\xe9 came.\n").expect("write");
    fails_naming(&path, &["invalid UTF-8", "byte 22", "line 2", "column 6"]);
}

#[test]
fn binary_file_names_the_nul_byte() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("image.bin");
    std::fs::write(&path, b"In 1941\n\x89PNG\x00\x01\x02\xff").expect("write");
    fails_naming(&path, &["binary", "byte 12", "line 2"]);
}

#[test]
fn empty_file_is_an_error() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").expect("write");
    fails_naming(&empty, &["empty"]);
    let blank = dir.path().join("blank.txt");
    std::fs::write(&blank, b" \n\t\r\n\n").expect("write");
    fails_naming(&blank, &["empty"]);
}

#[test]
fn directory_is_an_error() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    fails_naming(dir.path(), &["directory"]);
}

#[test]
fn missing_file_is_an_error() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    fails_naming(&dir.path().join("no-such-article.txt"), &["no such file"]);
}

#[test]
fn file_over_the_limit_is_refused_unread() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("huge.txt");
    let file = std::fs::File::create(&path).expect("create");
    // A sparse file: its size costs no disk and, since the reader checks the
    // size first, no memory.
    file.set_len(LIMIT + 1).expect("set_len on a sparse file");
    drop(file);
    fails_naming(
        &path,
        &[
            &format!("{} bytes", LIMIT + 1),
            &format!("{LIMIT}-byte limit"),
        ],
    );
}

#[test]
fn standard_input_errors_name_stdin_and_the_byte() {
    let output = annals_with_stdin(&["tag", "-"], b"ok\n\xff");
    let line = one_error_line(&output, "annals tag - (invalid UTF-8)");
    assert!(line.contains("<stdin>"), "{line:?}");
    assert!(
        line.contains("byte 3") && line.contains("line 2"),
        "{line:?}"
    );
    let output = annals_with_stdin(&["tag", "-"], b"");
    let line = one_error_line(&output, "annals tag - (empty)");
    assert!(
        line.contains("<stdin>") && line.contains("empty"),
        "{line:?}"
    );
}

#[test]
fn nonsense_dct_is_a_clear_error() {
    let line = one_error_line(&annals(&["tag", "--dct", "nonsense"]), "--dct nonsense");
    assert!(line.contains("--dct"), "{line:?} does not name the option");
    assert!(
        line.contains("\"nonsense\""),
        "{line:?} does not quote the value"
    );
    assert!(
        line.contains("YYYY-MM-DD"),
        "{line:?} does not say what is expected"
    );
    // A well-formed date that does not exist is refused as well.
    let line = one_error_line(&annals(&["tag", "--dct", "1999-02-30"]), "--dct 1999-02-30");
    assert!(line.contains("1999-02-30"), "{line:?}");
}

#[test]
fn nonsense_timeline_bounds_are_a_clear_error() {
    for option in ["--from", "--to"] {
        let what = format!("timeline {option} sometime");
        let line = one_error_line(&annals(&["timeline", option, "sometime"]), &what);
        assert!(line.contains("\"sometime\""), "{what}: {line:?}");
    }
}

/// `annals bench` reads its file itself and names the document "bench" in
/// errors from the reader. See the report that came with this test.
#[test]
fn bench_errors_name_the_file() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("image.bin");
    std::fs::write(&path, b"In 1941\n\x00").expect("write");
    let shown = path.display().to_string();
    let output = annals(&["bench", &shown, "--repeat", "1", "--runs", "1"]);
    let line = one_error_line(&output, "annals bench (binary)");
    assert!(line.contains(&shown), "{line:?} does not name the file");
}
