//! libFuzzer target: see `roundtable_fuzz::pabulib`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = roundtable_fuzz::pabulib(data);
});
