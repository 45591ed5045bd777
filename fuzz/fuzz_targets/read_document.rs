//! Arbitrary bytes through every reader and the segmenter: reading either
//! fails with an error or gives a document whose spans are all well formed.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| annals_fuzz::read_document(data));
