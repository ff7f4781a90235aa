//! The JavaScript binding: the only Rust in the crate that knows about JS.
//!
//! Exports (names as seen from JS):
//!
//! - `parse(text)` → the [`Document`] as a plain JS object (maps become objects, absent values
//!   `null`), every span converted from byte offsets to UTF-16 code units so that
//!   `text.slice(span[0], span[1])` in JS gives exactly what `&input[span.start..span.end]` gives
//!   in Rust. Offsets relative to a clause's `text` (`inlines[].range`) are converted against
//!   that text. Two converters build the object: the repeated records (sponsors, clauses,
//!   footnotes, references, dates, diagnostics) cross into JS in one call as a [tape](crate::tape), which
//!   `src/tape.js` turns into objects of fixed shapes; serde-wasm-bindgen builds the rest (the
//!   header, sponsors, adoption) and takes those lists as they are. Measured in BENCHMARKS.md:
//!   through serde-wasm-bindgen alone the object cost a third of `parse()`; now about a fifth.
//! - `parseJson(text)` → the same document (same UTF-16 offsets) as a JSON string; only with
//!   the `json-export` feature (the benchmark's comparison), not in the shipped module.
//! - `version()` → the crate version.
//!
//! Memory comes from [`Chunks`] for small blocks and [talc](https://crates.io/crates/talc) for
//! the rest ([`ALLOCATOR`]), not dlmalloc.
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

use crate::chunks::Chunks;
use crate::{model::Document, text::utf16_units, VERSION};
use serde::Serialize;
use std::alloc::{GlobalAlloc, Layout};
use std::sync::Once;
use wasm_bindgen::{prelude::*, JsCast};

/// The allocator: small blocks from [`Chunks`] (a bump pointer in 64 KiB chunks), the rest and
/// the chunks themselves from talc instead of Rust's default dlmalloc. talc is about 2.8 KB
/// smaller gzipped than dlmalloc at the same speed and memory (BENCHMARKS.md), and those bytes
/// pay for the inlining that `scripts/build-wasm.sh` asks of LLVM. The chunks take the small
/// blocks, nearly all of a parse's, off talc's free lists (measured in BENCHMARKS.md, session
/// 8). A pool of per-size free lists tried before (session 7) cut instructions by 4 % but made
/// 1 MB and 10 MB inputs 17–25 % slower.
///
/// The module is single-threaded (no `atomics` target feature), which both require.
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: SingleThreaded = SingleThreaded(Chunks::new(talc::cell::TalcSyncCell::new_wasm(
    GrowGeometric { end: None },
)));

/// [`Chunks`] behind the `Sync` a global allocator needs: sound only without threads.
struct SingleThreaded(Chunks<talc::cell::TalcSyncCell<GrowGeometric, talc::wasm::WasmBinning>>);

/// Where talc gets memory: `memory.grow`, by at least a quarter of the memory there is.
///
/// talc's own wasm source grows the memory by just what one request needs. With [`Chunks`]
/// asking for 64 KiB at a time, that was two pages at a time (talc adds the alignment), and a
/// 10 MB input's first parse took 1.4–1.6 s against 0.64–0.69 s for the next ones; with this
/// source, 0.9–1.2 s (BENCHMARKS.md, session 8). Pages grown and not yet touched cost address
/// space, not physical memory.
#[derive(Debug)]
struct GrowGeometric {
    /// The end of the heap talc knows, to extend it when the memory grows right after it.
    end: Option<std::ptr::NonNull<u8>>,
}

// SAFETY: `acquire` only grows the memory and hands it to `talc`; it allocates nothing.
unsafe impl talc::source::Source for GrowGeometric {
    fn acquire<B: talc::base::binning::Binning>(
        talc: &mut talc::base::Talc<Self, B>,
        layout: Layout,
    ) -> Result<(), ()> {
        use core::arch::wasm32::{memory_grow, memory_size};
        const PAGE: usize = 64 << 10;
        // The request with room for talc's tags and for its alignment (as talc's own source).
        let needed = layout
            .size()
            .saturating_add(layout.align())
            .saturating_add(64);
        let need = needed.div_ceil(PAGE);
        let want = need.max(memory_size(0) / 4).max(16);
        let (old_pages, grown) = match memory_grow(0, want) {
            // Not that much room left: ask for what this request needs.
            usize::MAX => match memory_grow(0, need) {
                usize::MAX => return Err(()),
                old => (old, need),
            },
            old => (old, want),
        };
        let base = (old_pages * PAGE) as *mut u8;
        let end = base.wrapping_add(grown * PAGE);
        // SAFETY: the pages were just grown: nothing else uses them.
        unsafe {
            if let Some(old_end) = talc.source.end.take() {
                if old_end.as_ptr() == base {
                    talc.source.end = Some(talc.extend(old_end, end));
                    return Ok(());
                }
            }
            talc.source.end = talc.claim(base, grown * PAGE);
        }
        talc.source.end.map(|_| ()).ok_or(())
    }
}

// SAFETY: without the `atomics` target feature a wasm32 module runs on one thread, so the
// allocator's cells are never touched by two threads.
#[cfg(not(target_feature = "atomics"))]
unsafe impl Sync for SingleThreaded {}

// SAFETY: forwards to `Chunks`, a `GlobalAlloc`.
unsafe impl GlobalAlloc for SingleThreaded {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        self.0.alloc(layout)
    }
    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        self.0.dealloc(ptr, layout)
    }
    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        self.0.realloc(ptr, layout, new_size)
    }
}

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
                acc += utf16_units(chunk);
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
        self.checkpoints[k] as usize + utf16_units(&bytes[k * STEP..off])
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

#[wasm_bindgen(module = "/src/tape.js")]
extern "C" {
    /// `src/tape.js`: the tape's seven lists as JS arrays of plain objects.
    #[wasm_bindgen(js_name = decodeRecords, catch)]
    fn decode_records(words: &[u32], ascii: &str, other: &str) -> Result<js_sys::Array, JsValue>;
}

/// A JS value that serde-wasm-bindgen puts into the object as it is.
struct Preserved(JsValue);

impl Serialize for Preserved {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serde_wasm_bindgen::preserve::serialize(&self.0, s)
    }
}

/// The Document as serde-wasm-bindgen sees it: the header's fields as they are, the repeated
/// records (already built in JS from the tape, [`crate::tape`]) preserved. The keys and their
/// order are the derived `Serialize`'s, which the CLI's JSON has (tests/js/api.test.mjs).
struct JsDocument<'a> {
    doc: &'a Document,
    /// sponsors, preamble, operative, footnotes, references, dates, diagnostics.
    records: [Preserved; 7],
}

impl Serialize for JsDocument<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        // Destructured in full: a new field does not compile until it is placed here.
        let Document {
            kind,
            symbol,
            masthead,
            organ,
            distribution,
            date,
            language,
            session,
            agenda_items,
            number,
            title,
            report_of,
            sponsors: _,
            formula,
            preamble: _,
            operative: _,
            footnotes: _,
            references: _,
            dates: _,
            adoption,
            diagnostics: _,
        } = self.doc;
        let [sponsors, preamble, operative, footnotes, references, dates, diagnostics] =
            &self.records;
        let mut out = s.serialize_struct("Document", 21)?;
        out.serialize_field("kind", kind)?;
        out.serialize_field("symbol", symbol)?;
        out.serialize_field("masthead", masthead)?;
        out.serialize_field("organ", organ)?;
        out.serialize_field("distribution", distribution)?;
        out.serialize_field("date", date)?;
        out.serialize_field("language", language)?;
        out.serialize_field("session", session)?;
        out.serialize_field("agenda_items", agenda_items)?;
        out.serialize_field("number", number)?;
        out.serialize_field("title", title)?;
        out.serialize_field("report_of", report_of)?;
        out.serialize_field("sponsors", sponsors)?;
        out.serialize_field("formula", formula)?;
        out.serialize_field("preamble", preamble)?;
        out.serialize_field("operative", operative)?;
        out.serialize_field("footnotes", footnotes)?;
        out.serialize_field("references", references)?;
        out.serialize_field("dates", dates)?;
        out.serialize_field("adoption", adoption)?;
        out.serialize_field("diagnostics", diagnostics)?;
        out.end()
    }
}

/// Parse `text`; the Document as a plain JS object with UTF-16 spans.
#[wasm_bindgen(unchecked_return_type = "Document")]
pub fn parse(text: &str) -> Result<JsValue, JsError> {
    let doc = parse_utf16(text);
    let tape = crate::tape::Tape::of_records(&doc, text.len());
    let lists = decode_records(&tape.words, &tape.ascii, &tape.other).map_err(|e| {
        let why = e.as_string().or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        });
        JsError::new(&format!(
            "clausemark: cannot convert the document: {}",
            why.unwrap_or_default()
        ))
    })?;
    drop(tape);
    let records = std::array::from_fn(|i| Preserved(lists.get(i as u32)));
    let ser = serde_wasm_bindgen::Serializer::new()
        .serialize_maps_as_objects(true)
        .serialize_missing_as_null(true);
    JsDocument { doc: &doc, records }
        .serialize(&ser)
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
