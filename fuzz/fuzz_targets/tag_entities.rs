//! Arbitrary UTF-8 through the reader, the segmenter, the time tagger and
//! the entity tagger: every mention is well formed, labelled consistently
//! and the same when tagged twice.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| annals_fuzz::tag_entities(data));
