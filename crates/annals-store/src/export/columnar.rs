//! Parquet: a table of the record as one Parquet file, Snappy-compressed,
//! one row group.
//!
//! Integers are `INT64`, reals `DOUBLE`, texts `BYTE_ARRAY` annotated as
//! strings; columns that may hold NULL are `OPTIONAL`, the others
//! `REQUIRED`.

use super::{ColumnType, Error, Table, Value};
use parquet::basic::{LogicalType, Repetition, Type as PhysicalType};
use parquet::column::writer::ColumnWriter;
use parquet::data_type::ByteArray;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;
use std::path::Path;
use std::sync::Arc;

/// Writes a table to a Parquet file.
pub(super) fn write(table: &Table, path: &Path) -> Result<(), Error> {
    let fail = |source| Error::Parquet {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::create(path).map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })?;
    let schema = Arc::new(schema(table).map_err(fail)?);
    let properties = Arc::new(
        WriterProperties::builder()
            .set_compression(parquet::basic::Compression::SNAPPY)
            .build(),
    );
    let mut writer = SerializedFileWriter::new(file, schema, properties).map_err(fail)?;
    let mut group = writer.next_row_group().map_err(fail)?;
    let mut index = 0;
    while let Some(mut column) = group.next_column().map_err(fail)? {
        let Some(spec) = table.columns.get(index) else {
            break;
        };
        let cells = table.rows.iter().map(|row| row.get(index));
        let levels: Vec<i16> = cells
            .clone()
            .map(|v| i16::from(!matches!(v, None | Some(Value::Null))))
            .collect();
        let levels = spec.nullable.then_some(levels.as_slice());
        match column.untyped() {
            ColumnWriter::Int64ColumnWriter(w) => {
                let values: Vec<i64> = cells
                    .filter_map(|v| match v {
                        Some(Value::Integer(n)) => Some(*n),
                        _ => None,
                    })
                    .collect();
                w.write_batch(&values, levels, None).map_err(fail)?;
            }
            ColumnWriter::DoubleColumnWriter(w) => {
                let values: Vec<f64> = cells
                    .filter_map(|v| match v {
                        Some(Value::Real(x)) => Some(*x),
                        _ => None,
                    })
                    .collect();
                w.write_batch(&values, levels, None).map_err(fail)?;
            }
            ColumnWriter::ByteArrayColumnWriter(w) => {
                let values: Vec<ByteArray> = cells
                    .filter_map(|v| match v {
                        Some(Value::Text(t)) => Some(ByteArray::from(t.as_str())),
                        _ => None,
                    })
                    .collect();
                w.write_batch(&values, levels, None).map_err(fail)?;
            }
            _ => {}
        }
        column.close().map_err(fail)?;
        index += 1;
    }
    group.close().map_err(fail)?;
    writer.close().map_err(fail)?;
    Ok(())
}

/// The Parquet schema of a table.
fn schema(table: &Table) -> parquet::errors::Result<Type> {
    let mut fields = Vec::with_capacity(table.columns.len());
    for column in &table.columns {
        let (physical, logical) = match column.kind {
            ColumnType::Integer => (PhysicalType::INT64, None),
            ColumnType::Real => (PhysicalType::DOUBLE, None),
            ColumnType::Text => (PhysicalType::BYTE_ARRAY, Some(LogicalType::String)),
        };
        let repetition = if column.nullable {
            Repetition::OPTIONAL
        } else {
            Repetition::REQUIRED
        };
        fields.push(Arc::new(
            Type::primitive_type_builder(&column.name, physical)
                .with_repetition(repetition)
                .with_logical_type(logical)
                .build()?,
        ));
    }
    Type::group_type_builder(&table.name)
        .with_fields(fields)
        .build()
}
