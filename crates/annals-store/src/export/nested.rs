//! JSON objects as the rows of one Parquet file with a nested schema.
//!
//! The schema is written in Parquet's message-type language (lines starting
//! with `#` are comments). Each JSON object is one row: a field takes the
//! object's key of the same name; a group takes an object (or an array,
//! whose items fill the group's fields in order); a group annotated `LIST`
//! (`repeated group list { … element … }`, the standard three levels) takes
//! an array; a leaf takes a JSON value of its type (`binary (STRING)`: a
//! string, or a number written in decimal; `int64`/`int32`: an integer;
//! `double`/`float`: a number; `boolean`: true or false). A missing key or a
//! JSON `null` is a null, allowed only where the schema says `optional` (or
//! `repeated`, where it is an empty list). A key the schema does not name is
//! an error, so that nothing is dropped without a word.
//!
//! Rows are shredded into columns with definition and repetition levels
//! (the Dremel encoding Parquet uses) and written as row groups of about
//! [`ROW_GROUP_BYTES`], Snappy-compressed, so memory stays bounded however
//! many rows are written. The output only needs [`Write`]: it may be
//! standard output. [`read_rows`] reads rows back (Snappy, LZ4 or
//! uncompressed files).
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use annals_store::export::ParquetRows;
//! let schema = "message doc {
//!     required binary id (STRING);
//!     required group timexes (LIST) {
//!         repeated group list {
//!             required group element { required int64 start; optional binary value (STRING); }
//!         }
//!     }
//! }";
//! let mut rows = ParquetRows::new(Vec::new(), schema)?;
//! rows.push(&serde_json::json!({"id": 7, "timexes": [{"start": 3, "value": "1941"}]}))?;
//! let bytes = rows.finish()?;
//! assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
//! # Ok(())
//! # }
//! ```

use parquet::basic::{ConvertedType, LogicalType, Repetition, Type as PhysicalType};
use parquet::column::writer::ColumnWriter;
use parquet::data_type::ByteArray;
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;
use serde_json::Value;
use std::io::Write;
use std::sync::Arc;

/// About how many bytes of values a row group holds before it is written.
pub const ROW_GROUP_BYTES: usize = 64 << 20;

/// What went wrong writing rows.
#[derive(Debug, thiserror::Error)]
pub enum RowError {
    /// The schema text cannot be read, or uses what rows cannot fill.
    #[error("the Parquet schema: {0}")]
    Schema(String),
    /// A row does not fit the schema; nothing of it was written.
    #[error("{path}: {reason}")]
    Value {
        /// Where in the row: `timexes[3].sentence.start`.
        path: String,
        /// What is wrong there.
        reason: String,
    },
    /// The Parquet writer failed (most often: the output cannot be written).
    #[error("cannot write Parquet: {0}")]
    Parquet(#[from] ParquetError),
    /// A Parquet file cannot be read: not Parquet, corrupt, or written with a
    /// codec this build lacks.
    #[error("cannot read Parquet: {0}")]
    Read(ParquetError),
}

/// A Parquet file written one JSON row at a time.
pub struct ParquetRows<W: Write + Send> {
    writer: SerializedFileWriter<W>,
    fields: Vec<Field>,
    columns: Vec<Column>,
    rows: usize,
    buffered: usize,
    group_bytes: usize,
}

impl<W: Write + Send> ParquetRows<W> {
    /// Starts a file with the schema `schema` (message-type text) on `out`.
    pub fn new(out: W, schema: &str) -> Result<Self, RowError> {
        let text: String = schema
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .map(|l| format!("{l}\n"))
            .collect();
        let root = parquet::schema::parser::parse_message_type(&text)
            .map_err(|e| RowError::Schema(e.to_string()))?;
        let mut columns = Vec::new();
        let fields = compile_fields(root.get_fields(), Levels::default(), false, &mut columns)?;
        let properties = Arc::new(
            WriterProperties::builder()
                .set_compression(parquet::basic::Compression::SNAPPY)
                .build(),
        );
        let writer = SerializedFileWriter::new(out, Arc::new(root), properties)?;
        Ok(ParquetRows {
            writer,
            fields,
            columns,
            rows: 0,
            buffered: 0,
            group_bytes: ROW_GROUP_BYTES,
        })
    }

    /// Sets about how many bytes of values a row group holds.
    pub fn with_row_group_bytes(mut self, bytes: usize) -> Self {
        self.group_bytes = bytes.max(1);
        self
    }

    /// Adds one row. A row that does not fit the schema is an error and
    /// leaves the file as it was.
    pub fn push(&mut self, row: &Value) -> Result<(), RowError> {
        if !row.is_object() {
            return Err(RowError::Value {
                path: String::new(),
                reason: format!("a row must be an object, not {}", kind_of(row)),
            });
        }
        let marks: Vec<Mark> = self.columns.iter().map(Column::mark).collect();
        let mut shredder = Shredder {
            columns: &mut self.columns,
            bytes: 0,
        };
        let result = shredder.object(&self.fields, row, 0);
        let bytes = shredder.bytes;
        if let Err(e) = result {
            for (column, mark) in self.columns.iter_mut().zip(marks) {
                column.truncate(mark);
            }
            return Err(e);
        }
        self.rows += 1;
        self.buffered += bytes;
        if self.buffered >= self.group_bytes {
            self.flush_group()?;
        }
        Ok(())
    }

    /// How many rows were added.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Writes what is buffered and the file's footer, and gives the output
    /// back.
    pub fn finish(mut self) -> Result<W, RowError> {
        if self.columns.iter().any(|c| !c.defs.is_empty()) {
            self.flush_group()?;
        }
        Ok(self.writer.into_inner()?)
    }

    /// Writes the buffered rows as one row group.
    fn flush_group(&mut self) -> Result<(), RowError> {
        let mut group = self.writer.next_row_group()?;
        let mut index = 0;
        while let Some(mut writer) = group.next_column()? {
            let Some(column) = self.columns.get_mut(index) else {
                return Err(RowError::Schema("more leaf columns than compiled".into()));
            };
            column.write(writer.untyped())?;
            writer.close()?;
            column.clear();
            index += 1;
        }
        group.close()?;
        self.buffered = 0;
        Ok(())
    }
}

/// Definition and repetition levels of a place in the schema.
#[derive(Copy, Clone, Default)]
struct Levels {
    def: i16,
    rep: i16,
}

/// A field of a group, compiled.
struct Field {
    name: String,
    repetition: Repetition,
    /// Levels when the field holds a value.
    levels: Levels,
    shape: Shape,
    /// The leaf columns under the field.
    columns: std::ops::Range<usize>,
}

enum Shape {
    Leaf(usize),
    /// An object (keys by name) or an array (items in order).
    Group(Vec<Field>),
    /// The value passes whole to the one field inside: a `LIST` group
    /// passes its array to the repeated `list` group, which passes each
    /// item to `element`.
    Pass(Box<Field>),
}

fn compile_fields(
    types: &[Arc<Type>],
    parent: Levels,
    in_list: bool,
    columns: &mut Vec<Column>,
) -> Result<Vec<Field>, RowError> {
    types
        .iter()
        .map(|t| compile(t, parent, in_list, columns))
        .collect()
}

fn compile(
    t: &Type,
    parent: Levels,
    in_list: bool,
    columns: &mut Vec<Column>,
) -> Result<Field, RowError> {
    let info = t.get_basic_info();
    let repetition = info.repetition();
    let levels = match repetition {
        Repetition::REQUIRED => parent,
        Repetition::OPTIONAL => Levels {
            def: parent.def + 1,
            ..parent
        },
        Repetition::REPEATED => Levels {
            def: parent.def + 1,
            rep: parent.rep + 1,
        },
    };
    let first = columns.len();
    let shape = if t.is_primitive() {
        let kind = Kind::of(t)?;
        columns.push(Column::new(kind, info.name()));
        Shape::Leaf(first)
    } else {
        let children = t.get_fields();
        let is_list = info.logical_type_ref() == Some(&LogicalType::List)
            || info.converted_type() == ConvertedType::LIST;
        if is_list {
            let [child] = children else {
                return Err(RowError::Schema(format!(
                    "the LIST group {} must hold one repeated field",
                    info.name()
                )));
            };
            if child.get_basic_info().repetition() != Repetition::REPEATED {
                return Err(RowError::Schema(format!(
                    "the LIST group {} must hold one repeated field",
                    info.name()
                )));
            }
            Shape::Pass(Box::new(compile(child, levels, true, columns)?))
        } else if in_list && repetition == Repetition::REPEATED && children.len() == 1 {
            Shape::Pass(Box::new(compile(&children[0], levels, false, columns)?))
        } else {
            Shape::Group(compile_fields(children, levels, false, columns)?)
        }
    };
    Ok(Field {
        name: info.name().to_string(),
        repetition,
        levels,
        shape,
        columns: first..columns.len(),
    })
}

/// The leaf types rows can fill.
#[derive(Copy, Clone, Debug, PartialEq)]
enum Kind {
    Boolean,
    Int32,
    Int64,
    Float,
    Double,
    Text,
}

impl Kind {
    fn of(t: &Type) -> Result<Kind, RowError> {
        Ok(match t.get_physical_type() {
            PhysicalType::BOOLEAN => Kind::Boolean,
            PhysicalType::INT32 => Kind::Int32,
            PhysicalType::INT64 => Kind::Int64,
            PhysicalType::FLOAT => Kind::Float,
            PhysicalType::DOUBLE => Kind::Double,
            PhysicalType::BYTE_ARRAY => Kind::Text,
            other => {
                return Err(RowError::Schema(format!(
                    "{}: {other} columns cannot be filled from JSON",
                    t.name()
                )))
            }
        })
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Boolean => "true or false",
            Kind::Int32 => "a 32-bit integer",
            Kind::Int64 => "an integer",
            Kind::Float | Kind::Double => "a number",
            Kind::Text => "a string",
        }
    }
}

/// One leaf column's buffered values and levels.
struct Column {
    name: String,
    values: Values,
    defs: Vec<i16>,
    reps: Vec<i16>,
}

enum Values {
    Boolean(Vec<bool>),
    Int32(Vec<i32>),
    Int64(Vec<i64>),
    Float(Vec<f32>),
    Double(Vec<f64>),
    Text(Vec<ByteArray>),
}

/// Lengths to truncate a column back to.
#[derive(Copy, Clone)]
struct Mark {
    values: usize,
    levels: usize,
}

impl Values {
    fn len(&self) -> usize {
        match self {
            Values::Boolean(v) => v.len(),
            Values::Int32(v) => v.len(),
            Values::Int64(v) => v.len(),
            Values::Float(v) => v.len(),
            Values::Double(v) => v.len(),
            Values::Text(v) => v.len(),
        }
    }

    fn truncate(&mut self, n: usize) {
        match self {
            Values::Boolean(v) => v.truncate(n),
            Values::Int32(v) => v.truncate(n),
            Values::Int64(v) => v.truncate(n),
            Values::Float(v) => v.truncate(n),
            Values::Double(v) => v.truncate(n),
            Values::Text(v) => v.truncate(n),
        }
    }
}

impl Column {
    fn new(kind: Kind, name: &str) -> Column {
        let values = match kind {
            Kind::Boolean => Values::Boolean(Vec::new()),
            Kind::Int32 => Values::Int32(Vec::new()),
            Kind::Int64 => Values::Int64(Vec::new()),
            Kind::Float => Values::Float(Vec::new()),
            Kind::Double => Values::Double(Vec::new()),
            Kind::Text => Values::Text(Vec::new()),
        };
        Column {
            name: name.to_string(),
            values,
            defs: Vec::new(),
            reps: Vec::new(),
        }
    }

    fn kind(&self) -> Kind {
        match self.values {
            Values::Boolean(_) => Kind::Boolean,
            Values::Int32(_) => Kind::Int32,
            Values::Int64(_) => Kind::Int64,
            Values::Float(_) => Kind::Float,
            Values::Double(_) => Kind::Double,
            Values::Text(_) => Kind::Text,
        }
    }

    fn mark(&self) -> Mark {
        Mark {
            values: self.values.len(),
            levels: self.defs.len(),
        }
    }

    fn truncate(&mut self, mark: Mark) {
        self.values.truncate(mark.values);
        self.defs.truncate(mark.levels);
        self.reps.truncate(mark.levels);
    }

    fn clear(&mut self) {
        self.truncate(Mark {
            values: 0,
            levels: 0,
        });
    }

    /// Adds a value (converted from JSON) at the given levels; returns its
    /// size in bytes.
    fn push(&mut self, value: &Value, levels: Levels, rep: i16) -> Result<usize, String> {
        let kind = self.kind();
        let wrong = || {
            let mut shown = value.to_string();
            if shown.len() > 40 {
                let cut = (0..=37).rev().find(|&i| shown.is_char_boundary(i));
                shown.truncate(cut.unwrap_or(0));
                shown.push_str("...");
            }
            format!("expected {}, found {shown}", kind.name())
        };
        let size = match (&mut self.values, value) {
            (Values::Boolean(v), Value::Bool(b)) => {
                v.push(*b);
                1
            }
            (Values::Int32(v), Value::Number(n)) => {
                let n = n.as_i64().and_then(|n| i32::try_from(n).ok());
                v.push(n.ok_or_else(wrong)?);
                4
            }
            (Values::Int64(v), Value::Number(n)) => {
                v.push(n.as_i64().ok_or_else(wrong)?);
                8
            }
            (Values::Float(v), Value::Number(n)) => {
                v.push(n.as_f64().ok_or_else(wrong)? as f32);
                4
            }
            (Values::Double(v), Value::Number(n)) => {
                v.push(n.as_f64().ok_or_else(wrong)?);
                8
            }
            (Values::Text(v), Value::String(s)) => {
                v.push(ByteArray::from(s.as_str()));
                s.len() + 4
            }
            (Values::Text(v), Value::Number(n)) => {
                let s = n.to_string();
                let len = s.len();
                v.push(ByteArray::from(s.into_bytes()));
                len + 4
            }
            _ => return Err(wrong()),
        };
        self.defs.push(levels.def);
        self.reps.push(rep);
        Ok(size + 4)
    }

    fn push_null(&mut self, def: i16, rep: i16) {
        self.defs.push(def);
        self.reps.push(rep);
    }

    /// Writes the buffered values into a column chunk.
    fn write(&self, writer: &mut ColumnWriter<'_>) -> Result<(), RowError> {
        let defs = Some(self.defs.as_slice());
        let reps = Some(self.reps.as_slice());
        let mismatch =
            || RowError::Schema(format!("column {} does not match its writer", self.name));
        match (writer, &self.values) {
            (ColumnWriter::BoolColumnWriter(w), Values::Boolean(v)) => {
                w.write_batch(v, defs, reps)?;
            }
            (ColumnWriter::Int32ColumnWriter(w), Values::Int32(v)) => {
                w.write_batch(v, defs, reps)?;
            }
            (ColumnWriter::Int64ColumnWriter(w), Values::Int64(v)) => {
                w.write_batch(v, defs, reps)?;
            }
            (ColumnWriter::FloatColumnWriter(w), Values::Float(v)) => {
                w.write_batch(v, defs, reps)?;
            }
            (ColumnWriter::DoubleColumnWriter(w), Values::Double(v)) => {
                w.write_batch(v, defs, reps)?;
            }
            (ColumnWriter::ByteArrayColumnWriter(w), Values::Text(v)) => {
                w.write_batch(v, defs, reps)?;
            }
            _ => return Err(mismatch()),
        }
        Ok(())
    }
}

/// Shreds one row into the columns.
struct Shredder<'a> {
    columns: &'a mut [Column],
    bytes: usize,
}

impl Shredder<'_> {
    /// The fields of a group from an object (by key) or an array (in order).
    fn object(&mut self, fields: &[Field], value: &Value, rep: i16) -> Result<(), RowError> {
        match value {
            Value::Object(map) => {
                if let Some(key) = map.keys().find(|k| !fields.iter().any(|f| &f.name == *k)) {
                    return Err(RowError::Value {
                        path: key.clone(),
                        reason: "no column of the schema takes this key".into(),
                    });
                }
                for field in fields {
                    self.field(field, map.get(&field.name), rep)
                        .map_err(|e| within(&field.name, e))?;
                }
            }
            Value::Array(items) => {
                if items.len() > fields.len() {
                    return Err(RowError::Value {
                        path: String::new(),
                        reason: format!(
                            "{} items where the schema has {} fields",
                            items.len(),
                            fields.len()
                        ),
                    });
                }
                for (i, field) in fields.iter().enumerate() {
                    self.field(field, items.get(i), rep)
                        .map_err(|e| within(&field.name, e))?;
                }
            }
            other => {
                return Err(RowError::Value {
                    path: String::new(),
                    reason: format!("expected an object, found {}", kind_of(other)),
                })
            }
        }
        Ok(())
    }

    /// One field, given its value (`None` when the key is missing).
    fn field(&mut self, field: &Field, value: Option<&Value>, rep: i16) -> Result<(), RowError> {
        let value = value.filter(|v| !v.is_null());
        match (field.repetition, value) {
            (Repetition::REPEATED, value) => {
                let items = match value {
                    None => &[][..],
                    Some(Value::Array(items)) => items.as_slice(),
                    Some(other) => {
                        return Err(RowError::Value {
                            path: String::new(),
                            reason: format!("expected an array, found {}", kind_of(other)),
                        })
                    }
                };
                if items.is_empty() {
                    self.nulls(field, field.levels.def - 1, rep);
                }
                for (i, item) in items.iter().enumerate() {
                    let rep = if i == 0 { rep } else { field.levels.rep };
                    self.present(field, item, rep)
                        .map_err(|e| within(&format!("[{i}]"), e))?;
                }
                Ok(())
            }
            (Repetition::OPTIONAL, None) => {
                self.nulls(field, field.levels.def - 1, rep);
                Ok(())
            }
            (Repetition::REQUIRED, None) => Err(RowError::Value {
                path: String::new(),
                reason: "missing, and the schema requires it".into(),
            }),
            (_, Some(value)) => self.present(field, value, rep),
        }
    }

    /// A field that holds a value.
    fn present(&mut self, field: &Field, value: &Value, rep: i16) -> Result<(), RowError> {
        match &field.shape {
            Shape::Leaf(column) => {
                let size = self.columns[*column]
                    .push(value, field.levels, rep)
                    .map_err(|reason| RowError::Value {
                        path: String::new(),
                        reason,
                    })?;
                self.bytes += size;
                Ok(())
            }
            Shape::Group(fields) => self.object(fields, value, rep),
            Shape::Pass(inner) => self.field(inner, Some(value), rep),
        }
    }

    /// Nulls in every column under `field`, defined up to `def`.
    fn nulls(&mut self, field: &Field, def: i16, rep: i16) {
        for column in &mut self.columns[field.columns.clone()] {
            column.push_null(def, rep);
        }
        self.bytes += 4 * field.columns.len();
    }
}

/// An error's path, one step further out.
fn within(step: &str, error: RowError) -> RowError {
    match error {
        RowError::Value { path, reason } => {
            let path = if path.is_empty() {
                step.to_string()
            } else if path.starts_with('[') {
                format!("{step}{path}")
            } else {
                format!("{step}.{path}")
            };
            RowError::Value { path, reason }
        }
        other => other,
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The rows of a Parquet file, read row group by row group, each as a JSON
/// object of the top-level columns named in `columns` that the file has (the
/// others are not read). Strings stay strings, integers and reals become
/// numbers, groups objects, lists arrays, nulls `null`; the file's own
/// errors name the row.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use annals_store::export::{read_rows, ParquetRows};
/// let schema = "message doc { required binary id (STRING); optional binary text (STRING);
///                             optional binary url (STRING); }";
/// let mut rows = ParquetRows::new(Vec::new(), schema)?;
/// rows.push(&serde_json::json!({"id": "12", "text": "In 1925 Japan recognized the Soviet Union.", "url": "x"}))?;
/// let mut file = tempfile::tempfile()?;
/// std::io::Write::write_all(&mut file, &rows.finish()?)?;
/// let read: Vec<_> = read_rows(file, &["id", "title", "text"])?.collect::<Result<_, _>>()?;
/// assert_eq!(read, [serde_json::json!({"id": "12", "text": "In 1925 Japan recognized the Soviet Union."})]);
/// # Ok(())
/// # }
/// ```
pub fn read_rows(
    file: std::fs::File,
    columns: &[&str],
) -> Result<impl Iterator<Item = Result<Value, RowError>>, RowError> {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::reader::RowIter;
    let rows = guarded(|| {
        let reader = SerializedFileReader::new(file)?;
        let schema = reader.metadata().file_metadata().schema();
        let fields: Vec<Arc<Type>> = schema
            .get_fields()
            .iter()
            .filter(|f| columns.contains(&f.name()))
            .cloned()
            .collect();
        let projection = Type::group_type_builder(schema.name())
            .with_fields(fields)
            .build()?;
        RowIter::from_file_into(Box::new(reader)).project(Some(projection))
    })?;
    let mut rows = Some(rows);
    Ok(std::iter::from_fn(move || {
        let iter = rows.as_mut()?;
        let next = guarded(|| iter.next().transpose());
        match next {
            Ok(row) => row.map(|row| Ok(row_json(&row))),
            Err(e) => {
                // After an error (a panic of the reader above all) the
                // reader's state is not to be trusted: stop.
                rows = None;
                Some(Err(e))
            }
        }
    }))
}

/// Runs a step of the Parquet reader, whose errors and panics on a corrupt
/// file (the parquet crate does panic on some) both become `Read` errors.
fn guarded<T>(step: impl FnOnce() -> Result<T, ParquetError>) -> Result<T, RowError> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(step)) {
        Ok(result) => result.map_err(RowError::Read),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(RowError::Read(ParquetError::General(format!(
                "corrupt file ({what})"
            ))))
        }
    }
}

/// A row as a JSON object.
fn row_json(row: &parquet::record::Row) -> Value {
    Value::Object(
        row.get_column_iter()
            .map(|(name, field)| (name.clone(), field_json(field)))
            .collect(),
    )
}

/// A Parquet field as JSON.
fn field_json(field: &parquet::record::Field) -> Value {
    use parquet::record::Field;
    match field {
        Field::Null => Value::Null,
        Field::Bool(b) => Value::Bool(*b),
        Field::Byte(n) => Value::from(*n),
        Field::Short(n) => Value::from(*n),
        Field::Int(n) => Value::from(*n),
        Field::Long(n) => Value::from(*n),
        Field::UByte(n) => Value::from(*n),
        Field::UShort(n) => Value::from(*n),
        Field::UInt(n) => Value::from(*n),
        Field::ULong(n) => Value::from(*n),
        Field::Float(x) => Value::from(f64::from(*x)),
        Field::Double(x) => Value::from(*x),
        Field::Str(s) => Value::String(s.clone()),
        Field::Bytes(b) => Value::String(String::from_utf8_lossy(b.data()).into_owned()),
        Field::Group(row) => row_json(row),
        Field::ListInternal(list) => Value::Array(list.elements().iter().map(field_json).collect()),
        Field::MapInternal(map) => Value::Array(
            map.entries()
                .iter()
                .map(|(k, v)| Value::Array(vec![field_json(k), field_json(v)]))
                .collect(),
        ),
        other => Value::String(other.to_string()),
    }
}
