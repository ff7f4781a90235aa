//! clausemark: parse and annotate the text of United Nations resolutions.
//!
//! One entry point, [`parse`], turns the plain text of a resolution, draft, decision or
//! amendment (as copied out of a PDF, an OCR layer or a Word conversion) into a [`Document`].
//! It never fails: whatever it cannot make sense of becomes a [`Diagnostic`] in a side list.
//!
//! Data flows one way, through these phases:
//!
//! 1. **Lines** ([`lines`]): normalise line ends, NBSP, soft hyphens and emphasis markers; drop
//!    page furniture (running headers and footers, job numbers, barcodes, page counters, form
//!    feeds); every kept line remembers its byte span in the ORIGINAL input.
//! 2. **Footnotes** ([`footnotes`]): lift footnote blocks out of the flow wherever a page break
//!    put them.
//! 3. **Header** ([`header`]): masthead, symbol, distribution, date, language, session, agenda
//!    items, number, title, `report_of`; then the sponsor line ([`sponsors`], names resolved by
//!    [`countries`]).
//! 4. **Body** ([`body`]): the enacting formula, preambular and operative paragraphs, their
//!    nested items ([`items`]), and the closing lines ([`closing`]).
//! 5. **Inline** ([`annotate`]): leading phrases, footnote markers, references, dates,
//!    addressees and mandates inside each clause.
//!
//! Spans are byte ranges into the input; [`Document::map_offsets`] converts them (the WASM
//! layer uses it for UTF-16). For JS, the WASM layer hands the repeated records over as a
//! [`tape`] of words that `src/tape.js` turns into objects. The .wasm's allocator takes small
//! blocks from [`chunks`], which lives here, not in the WASM layer, to be tested natively and
//! under Miri.

pub mod annotate;
pub mod body;
pub mod chunks;
pub mod closing;
pub mod countries;
pub mod footnotes;
pub mod header;
pub mod items;
pub mod lines;
pub mod model;
pub mod sponsors;
pub mod tape;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use model::*;

/// The crate's version, as printed by the CLI and `version()` in JS.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Largest input parsed as a whole (64 MiB). Longer input is cut at a line boundary and a
/// diagnostic says so: the limit keeps memory bounded in a browser tab.
pub const MAX_INPUT_BYTES: usize = 64 << 20;

/// Parse the text of a UN resolution into a [`Document`]. Never panics; never gives up.
pub fn parse(input: &str) -> Document {
    let mut diagnostics = Vec::new();
    let lines = lines::split(input, &mut diagnostics);
    let (mut lines, footnotes) = footnotes::lift(input, lines, &mut diagnostics);
    let mut doc = Document {
        footnotes,
        ..Document::default()
    };
    let body_start = header::read(input, &lines, &mut doc, &mut diagnostics);
    body::read(input, &mut lines[body_start..], &mut doc, &mut diagnostics);
    header::finish(&mut doc, &mut diagnostics);
    annotate::annotate(input, &mut doc, &mut diagnostics);
    // One sort family in the .wasm: every sort here is unstable (keys decide the order).
    diagnostics.sort_unstable_by_key(|d| (d.span.start, d.span.end, d.severity as u8));
    doc.diagnostics = diagnostics;
    doc
}
