//! `parse` then JSON: serialisation never fails and reads back to the same Document; the tape
//! for JS (`clausemark::tape`) reads back by its grammar.
#![no_main]

use clausemark::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = clausemark::parse(&text);
    let tape = clausemark::tape::Tape::of_records(&doc, text.len());
    if let Err(e) = clausemark::tape::check(&tape, &doc) {
        panic!("the tape for JS does not read back: {e}");
    }
    let json = serde_json::to_string(&doc).expect("a Document serialises");
    let back: Document = serde_json::from_str(&json).expect("the JSON reads back");
    // Compared as JSON: fields kept out of JSON (`#[serde(skip)]`) do not come back.
    let again = serde_json::to_string(&back).expect("serialises again");
    assert_eq!(again, json, "JSON round trip");
});
