//! `ParquetRows`: JSON rows written as nested Parquet read back, through the
//! parquet crate's record reader, as the same JSON (nulls dropped).
#![cfg(feature = "parquet")]

use annals_store::export::{ParquetRows, RowError};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::{Field, Row};
use serde_json::{json, Map, Value};

const SCHEMA: &str = "
# A document with nested lists.
message doc {
  optional binary id (STRING);
  optional binary error (STRING);
  optional group items (LIST) {
    repeated group list {
      required group element {
        required int64 start;
        optional binary value (STRING);
        optional boolean negated;
        required double weight;
        required group names (LIST) {
          repeated group list { required binary element (STRING); }
        }
        optional group date { required binary value (STRING); optional binary mod (STRING); }
      }
    }
  }
  optional group runs (LIST) {
    repeated group list {
      required group element { required int64 text; required int64 source; required boolean copied; }
    }
  }
}";

fn field_json(field: &Field) -> Value {
    match field {
        Field::Null => Value::Null,
        Field::Bool(b) => json!(b),
        Field::Int(n) => json!(n),
        Field::Long(n) => json!(n),
        Field::Float(x) => json!(x),
        Field::Double(x) => json!(x),
        Field::Str(s) => json!(s),
        Field::Group(row) => row_json(row),
        Field::ListInternal(list) => Value::Array(list.elements().iter().map(field_json).collect()),
        other => panic!("an unexpected field {other:?}"),
    }
}

/// A row as a JSON object, null fields left out.
fn row_json(row: &Row) -> Value {
    let mut map = Map::new();
    for (name, field) in row.get_column_iter() {
        let value = field_json(field);
        if !value.is_null() {
            map.insert(name.clone(), value);
        }
    }
    Value::Object(map)
}

fn read(bytes: Vec<u8>) -> (Vec<Value>, usize) {
    let mut file = tempfile::tempfile().expect("a temporary file");
    std::io::Write::write_all(&mut file, &bytes).expect("writes");
    let reader = SerializedFileReader::new(file).expect("a Parquet file");
    let groups = reader.metadata().num_row_groups();
    let rows = reader
        .get_row_iter(None)
        .expect("rows")
        .map(|row| row_json(&row.expect("a row")))
        .collect();
    (rows, groups)
}

fn rows() -> Vec<Value> {
    vec![
        json!({"id": "a", "items": [
            {"start": 3, "value": "1941", "weight": 8.0, "names": ["Japan", "Soviet Union"],
             "date": {"value": "1941-04-13"}},
            {"start": 9, "negated": true, "weight": -2.5, "names": [],
             "date": {"value": "1945", "mod": "AFTER"}},
            {"start": 12, "weight": 0.0, "names": ["Moscow"]}
        ], "runs": [[0, 0, true], [5, 9, false]]}),
        json!({"id": 7, "items": [], "runs": []}),
        json!({"id": "c", "error": "line 3: not a JSON object"}),
        json!({"id": "d", "items": [{"start": 1, "weight": 1.0, "names": ["X"]}]}),
    ]
}

/// What a row reads back as: numeric ids as text, positional runs as
/// objects.
fn expected(row: &Value) -> Value {
    let mut row = row.clone();
    if let Some(id) = row.get("id").filter(|id| id.is_number()) {
        row["id"] = json!(id.to_string());
    }
    if let Some(runs) = row.get_mut("runs").and_then(Value::as_array_mut) {
        for run in runs {
            *run = json!({"text": run[0], "source": run[1], "copied": run[2]});
        }
    }
    row
}

#[test]
fn nested_rows_read_back_as_written() {
    let mut writer = ParquetRows::new(Vec::new(), SCHEMA).expect("the schema reads");
    for row in rows() {
        writer.push(&row).expect("the row fits");
    }
    assert_eq!(writer.rows(), 4);
    let (read, groups) = read(writer.finish().expect("the file ends"));
    assert_eq!(groups, 1);
    let want: Vec<Value> = rows().iter().map(expected).collect();
    assert_eq!(read, want);
}

#[test]
fn small_row_groups_keep_every_row() {
    let mut writer = ParquetRows::new(Vec::new(), SCHEMA)
        .expect("the schema reads")
        .with_row_group_bytes(64);
    let mut want = Vec::new();
    for i in 0..50 {
        for row in rows() {
            let mut row = row.clone();
            row["id"] = json!(format!("{i}-{}", row["id"]));
            want.push(expected(&row));
            writer.push(&row).expect("the row fits");
        }
    }
    let (read, groups) = read(writer.finish().expect("the file ends"));
    assert!(groups > 10, "{groups} row groups");
    assert_eq!(read, want);
}

#[test]
fn a_row_that_does_not_fit_is_named_and_leaves_nothing() {
    let mut writer = ParquetRows::new(Vec::new(), SCHEMA).expect("the schema reads");
    writer.push(&rows()[0]).expect("fits");
    let bad = [
        (
            json!({"id": "x", "items": [{"start": 1, "weight": 1.0, "names": ["a", true]}]}),
            "items[0].names[1]: expected a string, found true",
        ),
        (
            json!({"id": "x", "items": [{"weight": 1.0, "names": []}]}),
            "items[0].start: missing, and the schema requires it",
        ),
        (
            json!({"id": "x", "items": [{"start": 1.5, "weight": 1.0, "names": []}]}),
            "items[0].start: expected an integer, found 1.5",
        ),
        (
            json!({"id": "x", "colour": "red"}),
            "colour: no column of the schema takes this key",
        ),
        (
            json!({"id": "x", "runs": [[1, 2, true, 4]]}),
            "runs[0]: 4 items where the schema has 3 fields",
        ),
        (
            json!({"id": "x", "items": {"start": 1}}),
            "items: expected an array, found an object",
        ),
        (json!(["x"]), ": a row must be an object, not an array"),
    ];
    for (row, message) in bad {
        let err = writer.push(&row).expect_err(message);
        assert!(matches!(err, RowError::Value { .. }), "{err:?}");
        assert_eq!(err.to_string(), message);
    }
    writer.push(&rows()[3]).expect("fits");
    assert_eq!(writer.rows(), 2);
    let (read, _) = read(writer.finish().expect("the file ends"));
    assert_eq!(read, vec![expected(&rows()[0]), expected(&rows()[3])]);
}

#[test]
fn an_empty_file_and_bad_schemas() {
    let (read, groups) = read(
        ParquetRows::new(Vec::new(), SCHEMA)
            .expect("the schema reads")
            .finish()
            .expect("the file ends"),
    );
    assert!(read.is_empty());
    assert_eq!(groups, 0);
    for schema in [
        "message m { required binary a (STRING) }",
        "message m { required group a (LIST) { required int64 b; } }",
        "message m { required fixed_len_byte_array(4) a; }",
    ] {
        let err = ParquetRows::new(Vec::new(), schema)
            .err()
            .expect("a bad schema");
        assert!(matches!(err, RowError::Schema(_)), "{schema}: {err:?}");
    }
}
