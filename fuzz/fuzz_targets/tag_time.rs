//! Arbitrary UTF-8 through the reader, the segmenter and the time tagger,
//! with the default options, with TIMEX2 conventions and with a document
//! creation time: every time expression is well formed and well linked.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| annals_fuzz::tag_time(data));
