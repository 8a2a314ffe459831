//! libFuzzer target: see `roundtable_fuzz::ballots_json`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = roundtable_fuzz::ballots_json(data);
});
