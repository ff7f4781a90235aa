//! The JavaScript binding: the only Rust in the crate that knows about JS.
//!
//! Exports (names as seen from JS):
//!
//! - `parse(text)` → the [`Document`] as a plain JS object (maps become objects, absent values
//!   `null`), every span converted from byte offsets to UTF-16 code units so that
//!   `text.slice(span[0], span[1])` in JS gives exactly what `&input[span.start..span.end]` gives
//!   in Rust. Offsets relative to a clause's `text` (`inlines[].range`) are converted against
//!   that text.
//! - `parseJson(text)` → the same document (same UTF-16 offsets) as a JSON string; only with
//!   the `json-export` feature (the benchmark's comparison), not in the shipped module.
//! - `version()` → the crate version.
//!
//! Memory comes from [talc](https://crates.io/crates/talc) ([`ALLOCATOR`]), not dlmalloc.
//!
//! A panic hook reports the panic message with `console.error`. The release profile aborts on
//! panic, which traps the instance; the JS wrapper (`www/clausemark.js`) catches the
//! `WebAssembly.RuntimeError` and instantiates a fresh module, so one bad input never leaves the
//! page unusable.
//!
//! Traps: wasm-bindgen hands us the JS string re-encoded as UTF-8; a lone surrogate becomes
//! U+FFFD, which is also one UTF-16 unit, so offsets still index the caller's string. Converting
//! offsets must stay linear: [`Utf16Index`] keeps one checkpoint per 64 bytes (n/16 bytes of
//! memory), so each lookup scans at most 63 bytes.

use crate::{model::Document, VERSION};
use serde::Serialize;
use std::sync::Once;
use wasm_bindgen::prelude::*;

/// The allocator: talc instead of Rust's default dlmalloc for wasm32. Measured in BENCHMARKS.md:
/// about 2.8 KB smaller gzipped at the same speed and memory, and those bytes pay for the
/// inlining that `scripts/build-wasm.sh` asks of LLVM (about 9 % fewer instructions per byte).
/// The module is single-threaded (no `atomics` target feature), which this allocator requires.
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

static HOOK: Once = Once::new();

/// Send panic messages to `console.error` (before the module traps).
fn install_panic_hook() {
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let msg = format!("clausemark panicked: {info}");
            web_sys::console::error_1(&JsValue::from_str(&msg));
        }));
    });
}

/// Byte offsets → UTF-16 code units for one string, in O(n) time and n/16 bytes.
/// The index does not borrow the text; pass the same text to [`Utf16Index::get`].
pub struct Utf16Index {
    /// `checkpoints[k]` = UTF-16 length of `bytes[..k * STEP]`; empty for ASCII input.
    checkpoints: Vec<u32>,
    ascii: bool,
}

const STEP: usize = 64;

/// UTF-16 units contributed by the characters that START in `bytes`: one for every byte that
/// is not a continuation byte (0x80-0xBF), one more for the lead byte of a 4-byte sequence
/// (a surrogate pair). Eight bytes at a time: this runs over the whole input.
fn units(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut n = 0;
    let mut i = 0;
    // One load per word (`text::load8`): a copy into an array is slow in the .wasm.
    while let Some(x) = crate::text::load8(bytes, i) {
        i += 8;
        // Bit 7 of each byte: set for 10xxxxxx (a continuation byte), and for 1111xxxx (the
        // lead of a 4-byte sequence; 0xF8-0xFF never occur in UTF-8).
        let continuation = x & !(x << 1) & HIGH;
        let four_byte_lead = x & (x << 1) & (x << 2) & (x << 3) & HIGH;
        n += 8 - continuation.count_ones() as usize + four_byte_lead.count_ones() as usize;
    }
    for &b in &bytes[i..] {
        n += usize::from((b as i8) >= -0x40) + usize::from(b >= 0xF0);
    }
    n
}

impl Utf16Index {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let ascii = text.is_ascii();
        let mut checkpoints = Vec::new();
        if !ascii {
            checkpoints.reserve(bytes.len() / STEP + 1);
            let mut acc = 0usize;
            checkpoints.push(0);
            for chunk in bytes.chunks(STEP) {
                acc += units(chunk);
                checkpoints.push(acc as u32);
            }
        }
        Utf16Index { checkpoints, ascii }
    }

    /// The UTF-16 offset of byte offset `off` in `text` (clamped to the text's length; an
    /// offset inside a character counts that character).
    pub fn get(&self, text: &str, off: usize) -> usize {
        let bytes = text.as_bytes();
        let off = off.min(bytes.len());
        if self.ascii {
            return off;
        }
        let k = off / STEP;
        self.checkpoints[k] as usize + units(&bytes[k * STEP..off])
    }
}

/// Convert every offset in `doc` (bytes into `input`) to UTF-16 code units.
pub fn to_utf16(doc: &mut Document, input: &str) {
    let index = Utf16Index::new(input);
    // Inline ranges come clause by clause, so caching the index of the last clause text seen
    // keeps the whole conversion linear.
    let mut last: Option<((*const u8, usize), Utf16Index)> = None;
    doc.map_offsets(
        |off| index.get(input, off),
        |text, off| {
            let key = (text.as_ptr(), text.len());
            match &last {
                Some((k, _)) if *k == key => {}
                _ => last = Some((key, Utf16Index::new(text))),
            }
            match &last {
                Some((_, ix)) => ix.get(text, off),
                None => off,
            }
        },
    );
}

fn parse_utf16(text: &str) -> Document {
    install_panic_hook();
    let mut doc = crate::parse(text);
    to_utf16(&mut doc, text);
    doc
}

// The hand-written types of the document model go into the generated `clausemark.d.ts`, so
// `parse()` is typed `Document` in the package (tests/js/types.test.mjs checks the field names
// against real documents).
#[wasm_bindgen(typescript_custom_section)]
const DOCUMENT_TYPES: &str = include_str!("../types/document.d.ts");

/// Parse `text`; the Document as a plain JS object with UTF-16 spans.
#[wasm_bindgen(unchecked_return_type = "Document")]
pub fn parse(text: &str) -> Result<JsValue, JsError> {
    let doc = parse_utf16(text);
    let ser = serde_wasm_bindgen::Serializer::new()
        .serialize_maps_as_objects(true)
        .serialize_missing_as_null(true);
    doc.serialize(&ser)
        .map_err(|e| JsError::new(&format!("clausemark: cannot convert the document: {e}")))
}

/// Parse `text`; the Document as JSON with UTF-16 spans.
#[cfg(feature = "json-export")]
#[wasm_bindgen(js_name = parseJson)]
pub fn parse_json(text: &str) -> Result<String, JsError> {
    let doc = parse_utf16(text);
    serde_json::to_string(&doc)
        .map_err(|e| JsError::new(&format!("clausemark: cannot write JSON: {e}")))
}

/// Parse `text` and return only its number of clauses: the parser's own cost in WebAssembly,
/// without building a JS object or a string (scripts/bench-wasm.mjs, the "parse only" column).
#[cfg(feature = "json-export")]
#[wasm_bindgen(js_name = parseCount)]
pub fn parse_count(text: &str) -> usize {
    let doc = parse_utf16(text);
    doc.preamble.len() + doc.operative.len()
}

/// The crate version ("0.1.0").
#[wasm_bindgen]
pub fn version() -> String {
    VERSION.to_string()
}

/// Panic on purpose, so tests can check that the panic hook reports the message and that the
/// JS wrapper recovers from the trap. Not part of the public API.
#[doc(hidden)]
#[wasm_bindgen(js_name = __panicForTests)]
pub fn panic_for_tests() {
    install_panic_hook();
    panic!("deliberate panic (clausemark self-test)");
}
