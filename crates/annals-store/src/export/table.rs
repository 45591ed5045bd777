//! The record's tables as they are stored, and their CSV form (RFC 4180).
//!
//! Columns are read from the schema itself, so that a column a later schema
//! version adds is exported without a change here.

use super::Export;
use rusqlite::params;
use rusqlite::types::{Type, ValueRef};
use std::io::Write;

/// The tables an export writes, parents before children.
pub const TABLES: [&str; 8] = [
    "documents",
    "sections",
    "sentences",
    "timexes",
    "mentions",
    "events",
    "event_actors",
    "measures",
];

/// How a column's values are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// 64-bit integers (offsets, counts, flags as 0 or 1).
    Integer,
    /// 64-bit floating point numbers.
    Real,
    /// UTF-8 text.
    Text,
}

/// A column of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Its name in the schema.
    pub name: String,
    /// How its values are stored.
    pub kind: ColumnType,
    /// Whether it may hold NULL.
    pub nullable: bool,
}

/// A value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// No value.
    Null,
    /// An integer.
    Integer(i64),
    /// A floating point number.
    Real(f64),
    /// A text.
    Text(String),
}

/// A table's rows for the documents of an export: the documents in name
/// order, each document's rows in the order they were written (document
/// order). `doc` columns hold the row id of the document (`documents.id`).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The table's name.
    pub name: String,
    /// Its columns in schema order.
    pub columns: Vec<Column>,
    /// The rows, each with one value per column.
    pub rows: Vec<Vec<Value>>,
}

/// Reads a table of [`TABLES`] for the documents of an export.
pub(super) fn read(export: &Export, name: &str) -> Result<Table, rusqlite::Error> {
    let conn = &export.store.conn;
    let columns = conn
        .prepare(r#"SELECT name, type, "notnull", pk FROM pragma_table_info(?1) ORDER BY cid"#)?
        .query_map(params![name], |r| {
            let declared: String = r.get(1)?;
            let not_null: bool = r.get(2)?;
            let key: i64 = r.get(3)?;
            Ok(Column {
                name: r.get(0)?,
                kind: match declared.to_ascii_uppercase().as_str() {
                    "INTEGER" => ColumnType::Integer,
                    "REAL" => ColumnType::Real,
                    _ => ColumnType::Text,
                },
                nullable: !not_null && key == 0,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let list: Vec<String> = columns
        .iter()
        .map(|c| format!("\"{}\"", c.name.replace('"', "\"\"")))
        .collect();
    // The table name is one of TABLES and the column names come from the
    // schema; the document is a parameter.
    let (filter, order) = if name == "documents" {
        ("id", "id")
    } else {
        ("doc", "rowid")
    };
    let mut st = conn.prepare(&format!(
        "SELECT {} FROM \"{name}\" WHERE {filter} = ?1 ORDER BY {order}",
        list.join(", ")
    ))?;
    let mut rows = Vec::new();
    for (id, _) in &export.documents {
        let mut found = st.query(params![id])?;
        while let Some(r) = found.next()? {
            let mut row = Vec::with_capacity(columns.len());
            for (i, column) in columns.iter().enumerate() {
                row.push(value(r.get_ref(i)?, column, i)?);
            }
            rows.push(row);
        }
    }
    Ok(Table {
        name: name.to_string(),
        columns,
        rows,
    })
}

/// A stored value as its column's type.
fn value(stored: ValueRef, column: &Column, index: usize) -> Result<Value, rusqlite::Error> {
    let wrong = |found: Type| rusqlite::Error::InvalidColumnType(index, column.name.clone(), found);
    Ok(match (stored, column.kind) {
        (ValueRef::Null, _) => Value::Null,
        (ValueRef::Integer(n), ColumnType::Integer) => Value::Integer(n),
        (ValueRef::Integer(n), ColumnType::Real) => Value::Real(n as f64),
        (ValueRef::Real(x), ColumnType::Real) => Value::Real(x),
        (ValueRef::Text(_), ColumnType::Text) => Value::Text(
            stored
                .as_str()
                .map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(index, Type::Text, Box::new(e))
                })?
                .to_string(),
        ),
        (other, _) => return Err(wrong(other.data_type())),
    })
}

/// Writes a table as CSV (RFC 4180): a header line of column names, one
/// line per row, CRLF line ends, fields with a comma, a quote or a line
/// break quoted, quotes doubled. NULL is an empty unquoted field and an
/// empty text is `""`, so that the two stay apart; numbers are written so
/// that they read back to the same value.
///
/// ```
/// use annals_store::export::{write_csv, Column, ColumnType, Table, Value};
/// let table = Table {
///     name: "notes".into(),
///     columns: vec![
///         Column { name: "n".into(), kind: ColumnType::Integer, nullable: false },
///         Column { name: "text".into(), kind: ColumnType::Text, nullable: true },
///     ],
///     rows: vec![
///         vec![Value::Integer(1), Value::Text("a \"quoted\", word".into())],
///         vec![Value::Integer(2), Value::Null],
///         vec![Value::Integer(3), Value::Text(String::new())],
///     ],
/// };
/// let mut out = Vec::new();
/// write_csv(&table, &mut out)?;
/// assert_eq!(out, b"n,text\r\n1,\"a \"\"quoted\"\", word\"\r\n2,\r\n3,\"\"\r\n");
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_csv(table: &Table, mut out: impl Write) -> std::io::Result<()> {
    let mut line = String::new();
    for (i, column) in table.columns.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        text_field(&column.name, &mut line);
    }
    line.push_str("\r\n");
    out.write_all(line.as_bytes())?;
    for row in &table.rows {
        line.clear();
        for (i, value) in row.iter().enumerate() {
            if i > 0 {
                line.push(',');
            }
            match value {
                Value::Null => {}
                Value::Integer(n) => line.push_str(&n.to_string()),
                Value::Real(x) => line.push_str(&x.to_string()),
                Value::Text(t) => text_field(t, &mut line),
            }
        }
        line.push_str("\r\n");
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// A text field, quoted when it must be (and always when empty, so that it
/// differs from NULL).
fn text_field(text: &str, out: &mut String) {
    if text.is_empty() || text.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}
