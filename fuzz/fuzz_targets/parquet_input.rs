//! Any bytes as the Parquet input of the shard mode: an error or rows,
//! never a panic.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| annals_fuzz::parquet_input(data));
