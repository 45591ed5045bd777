//! JSON rows through the shard mode's Parquet writer: it never panics, a row
//! that does not fit leaves the file as it was, and every row taken reads
//! back.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| annals_fuzz::parquet_rows(data));
