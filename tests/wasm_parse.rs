//! The WASM binding in a real browser (headless Chromium through wasm-bindgen-test-runner):
//! the seed document parsed inside the page has the same facts as natively, the object is a
//! plain JS object with `null` for absent values, and every UTF-16 span slices the JS string to
//! exactly the text the native byte span gives, on text with "é", "’", "—", an emoji and CRLF.
//!
//! Run: `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
//! CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test wasm_parse`
//! (scripts/test.sh does this).
#![cfg(target_arch = "wasm32")]

use js_sys::{JsString, Reflect, JSON};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SEED: &str = include_str!("fixtures/wasm/E_CN.4_2002_L.108.txt");

/// The seed with CRLF line ends and non-ASCII text in most clauses: "é", "’", "—" (BMP, one
/// UTF-16 unit each, 2–3 UTF-8 bytes) and an emoji (two UTF-16 units, four bytes).
fn unicode_seed() -> String {
    SEED.replace("human rights", "human rights — l’été 😀")
        .replace("Member States", "Member States (é)")
        .replace('\n', "\r\n")
}

/// The JS object `parse()` returns, as JSON (so it can be walked beside the native document).
fn js_parse(text: &str) -> (JsValue, Value) {
    let obj = clausemark::wasm::parse(text).expect("parse should not throw");
    let json: String = JSON::stringify(&obj)
        .expect("the document should be JSON-serialisable")
        .into();
    (
        obj,
        serde_json::from_str(&json).expect("JSON.stringify output should parse"),
    )
}

fn native(text: &str) -> Value {
    serde_json::to_value(clausemark::parse(text)).expect("the document should serialise")
}

fn pair(v: &Value) -> Option<(usize, usize)> {
    match v.as_array()?.as_slice() {
        [a, b] => Some((a.as_u64()? as usize, b.as_u64()? as usize)),
        _ => None,
    }
}

/// Walk the native document (byte offsets) and the JS one (UTF-16 offsets) side by side and
/// check every `span` against the input and every `range` against its clause's `text`.
/// Returns how many offsets were checked.
fn check_offsets(
    text: &str,
    js_text: &JsString,
    bytes: &Value,
    utf16: &Value,
    path: &str,
) -> usize {
    let mut checked = 0;
    match (bytes, utf16) {
        (Value::Object(b), Value::Object(u)) => {
            let mut keys_b: Vec<_> = b.keys().collect();
            let mut keys_u: Vec<_> = u.keys().collect();
            keys_b.sort();
            keys_u.sort();
            assert_eq!(keys_b, keys_u, "same keys at {path}");
            for (k, vb) in b {
                let vu = &u[k];
                let here = format!("{path}.{k}");
                if k == "span" {
                    let (bs, be) = pair(vb).unwrap_or_else(|| panic!("byte span at {here}"));
                    let (us, ue) = pair(vu).unwrap_or_else(|| panic!("utf16 span at {here}"));
                    let native_slice = text.get(bs..be).unwrap_or_else(|| {
                        panic!("byte span {bs}..{be} at {here} should be on char boundaries")
                    });
                    let js_slice: String = js_text.slice(us as u32, ue as u32).into();
                    assert_eq!(
                        js_slice, native_slice,
                        "UTF-16 span should slice the same text at {here}"
                    );
                    checked += 1;
                } else if k == "inlines" {
                    // `range` is relative to this clause's own `text`.
                    let clause_text = b["text"].as_str().expect("a clause has text");
                    let clause_js = JsString::from(clause_text);
                    for (i, (ib, iu)) in vb
                        .as_array()
                        .into_iter()
                        .flatten()
                        .zip(u[k].as_array().into_iter().flatten())
                        .enumerate()
                    {
                        let (bs, be) = pair(&ib["range"]).expect("byte range");
                        let (us, ue) = pair(&iu["range"]).expect("utf16 range");
                        let native_slice = clause_text.get(bs..be).unwrap_or_else(|| {
                            panic!("inline range {bs}..{be} at {here}[{i}] should be on char boundaries")
                        });
                        let js_slice: String = clause_js.slice(us as u32, ue as u32).into();
                        assert_eq!(js_slice, native_slice, "inline range at {here}[{i}]");
                        checked += 1;
                    }
                } else {
                    checked += check_offsets(text, js_text, vb, vu, &here);
                }
            }
        }
        (Value::Array(b), Value::Array(u)) => {
            assert_eq!(b.len(), u.len(), "same length at {path}");
            for (i, (vb, vu)) in b.iter().zip(u).enumerate() {
                checked += check_offsets(text, js_text, vb, vu, &format!("{path}[{i}]"));
            }
        }
        (Value::Number(_), Value::Number(_)) => {}
        (b, u) => assert_eq!(b, u, "same value at {path}"),
    }
    checked
}

#[wasm_bindgen_test]
fn utf16_spans_slice_the_js_string_like_byte_spans_slice_the_input() {
    for (name, text) in [
        ("seed", SEED.to_string()),
        ("unicode+CRLF seed", unicode_seed()),
    ] {
        let (_, js) = js_parse(&text);
        let checked = check_offsets(
            &text,
            &JsString::from(text.as_str()),
            &native(&text),
            &js,
            name,
        );
        // The seed has 47 sponsors and 24 clauses with spans (6 + 18 and their items).
        assert!(
            checked >= 47 + 24,
            "{name}: should check every span, checked only {checked}"
        );
    }
}

#[wasm_bindgen_test]
fn utf16_offsets_differ_from_byte_offsets_after_non_ascii() {
    let text = unicode_seed();
    let (_, js) = js_parse(&text);
    let bytes = native(&text);
    let last_b = pair(&bytes["operative"][17]["span"]).expect("op18 should have a span");
    let last_u = pair(&js["operative"][17]["span"]).expect("op18 should have a span");
    assert!(
        last_u.0 < last_b.0,
        "after é/’/—/emoji UTF-16 offsets should be smaller: {last_u:?} vs {last_b:?}"
    );
    let expected_units = text[..last_b.0].encode_utf16().count();
    assert_eq!(
        last_u.0, expected_units,
        "op18 should start at its UTF-16 offset"
    );
}

#[wasm_bindgen_test]
fn the_seed_parsed_in_the_browser_has_its_facts() {
    for text in [SEED.to_string(), unicode_seed()] {
        let (_, d) = js_parse(&text);
        assert_eq!(d["kind"], "draft-resolution");
        assert_eq!(d["symbol"], "E/CN.4/2002/L.108");
        assert_eq!(d["masthead"], "Economic and Social Council");
        assert_eq!(d["organ"], "Commission on Human Rights");
        assert_eq!(d["distribution"], "limited");
        assert_eq!(d["date"], "2002-04-22");
        assert_eq!(d["session"]["number"], 58);
        assert_eq!(d["agenda_items"][0]["number"], "19");

        let sponsors = d["sponsors"].as_array().expect("sponsors is an array");
        assert_eq!(sponsors.len(), 47, "47 sponsors");
        assert!(
            sponsors.iter().all(|s| s["iso3"].is_string()),
            "every sponsor should have an iso3"
        );
        let starred = sponsors
            .iter()
            .filter(|s| {
                s["marks"]
                    .as_array()
                    .is_some_and(|m| m.iter().any(|x| x == "*"))
            })
            .count();
        assert_eq!(starred, 30, "30 sponsors marked *");
        let rule69 = d["footnotes"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|f| f["mark"] == "*")
            .expect("the * footnote should exist");
        assert!(
            rule69["text"].as_str().unwrap_or("").contains("rule 69"),
            "the * footnote is the rule-69 one"
        );

        let preamble = d["preamble"].as_array().expect("preamble");
        assert_eq!(preamble.len(), 6, "6 preambular paragraphs");
        let items = |c: &Value| -> Vec<String> {
            c["items"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|i| i["id"].as_str().unwrap_or("").to_string())
                .collect()
        };
        assert_eq!(items(&preamble[0]), ["pp1-a", "pp1-b"]);
        assert_eq!(items(&preamble[1]), ["pp2-a", "pp2-b", "pp2-c"]);
        assert_eq!(items(&preamble[2]), ["pp3-a", "pp3-b", "pp3-c", "pp3-d"]);
        let operative = d["operative"].as_array().expect("operative");
        assert_eq!(operative.len(), 18, "18 operative paragraphs");
        assert_eq!(operative[16]["id"], "op17");
        assert_eq!(items(&operative[16]), ["op17-a", "op17-b", "op17-c"]);
        assert_eq!(operative[17]["phrase"]["text"], "Decides");
    }
}

#[wasm_bindgen_test]
fn parse_returns_a_plain_object_with_null_for_absent_values() {
    let (obj, _) = js_parse(SEED);
    let proto = js_sys::Object::get_prototype_of(&obj);
    assert_eq!(
        JsValue::from(proto),
        JsValue::from(js_sys::Object::get_prototype_of(&js_sys::Object::new())),
        "the document should be a plain Object (not a Map)"
    );
    // The seed is a draft: no adoption line, no "on the report of".
    for key in ["adoption", "report_of"] {
        let v = Reflect::get(&obj, &key.into()).expect("property read");
        assert!(v.is_null(), "{key} should be null, not undefined: {v:?}");
    }
    let sponsors = Reflect::get(&obj, &"sponsors".into()).unwrap();
    assert!(
        sponsors.is_instance_of::<js_sys::Array>(),
        "sponsors should be an Array"
    );
    let sponsors = js_sys::Array::from(&sponsors);
    assert_eq!(sponsors.length(), 47, "the seed has 47 sponsors");
    let first = sponsors.get(0);
    let span = Reflect::get(&first, &"span".into()).unwrap();
    assert!(
        span.is_instance_of::<js_sys::Array>(),
        "a span should be a [start, end] Array"
    );
}

#[cfg(feature = "json-export")]
#[wasm_bindgen_test]
fn parse_json_matches_parse() {
    for text in [SEED.to_string(), unicode_seed(), String::new()] {
        let (_, from_obj) = js_parse(&text);
        let json = clausemark::wasm::parse_json(&text).expect("parseJson should not throw");
        let from_json: Value = serde_json::from_str(&json).expect("parseJson gives JSON");
        assert_eq!(
            from_json, from_obj,
            "parseJson and parse should give the same document"
        );
    }
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(clausemark::wasm::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn hostile_inputs_never_throw() {
    let one_mb_line = "x".repeat(1 << 20);
    let asterisks = "*".repeat(100_000);
    let mut binaryish = String::new();
    for i in 0..50_000u32 {
        binaryish.push(char::from_u32((i * 7919) % 0xD7FF).unwrap_or('\u{FFFD}'));
    }
    let emoji_lines = "😀\r\n".repeat(10_000);
    for (name, text) in [
        ("empty", String::new()),
        ("1 MB line", one_mb_line),
        ("100 000 asterisks", asterisks),
        ("binary-ish", binaryish),
        ("emoji lines", emoji_lines),
    ] {
        let (_, d) = js_parse(&text);
        assert!(
            d["operative"].is_array(),
            "{name}: should still give a document"
        );
        // Every span must be in bounds and slice the same text in JS as natively.
        check_offsets(
            &text,
            &JsString::from(text.as_str()),
            &native(&text),
            &d,
            name,
        );
    }
}

/// UTF-16 length of `text[..off]`: the reference the fast index must agree with.
fn units_before(text: &str, off: usize) -> usize {
    text[..off].encode_utf16().count()
}

#[wasm_bindgen_test]
fn utf16_index_agrees_with_encode_utf16_at_every_char_boundary() {
    // Longer than several 64-byte checkpoints, mixing 1-, 2-, 3- and 4-byte characters, with
    // multi-byte characters straddling checkpoint boundaries.
    let text = "Décide — l’été 😀 abc\r\n".repeat(40) + "𝔘𝔑 é";
    let index = clausemark::wasm::Utf16Index::new(&text);
    let mut checked = 0;
    for (off, _) in text.char_indices().chain([(text.len(), ' ')]) {
        assert_eq!(
            index.get(&text, off),
            units_before(&text, off),
            "offset {off}"
        );
        checked += 1;
    }
    assert_eq!(checked, text.chars().count() + 1);
    assert_eq!(
        index.get(&text, usize::MAX),
        text.encode_utf16().count(),
        "clamped to the end"
    );
    let ascii = "plain ascii text".repeat(10);
    let ix = clausemark::wasm::Utf16Index::new(&ascii);
    assert_eq!(ix.get(&ascii, 77), 77, "ASCII offsets are unchanged");
}

#[wasm_bindgen_test]
fn to_utf16_converts_document_spans_and_clause_local_ranges() {
    use clausemark::{
        Clause, Diagnostic, Document, Footnote, Inline, InlineKind, Phrase, Severity, Span, Sponsor,
    };
    let text = "Côte d’Ivoire*:\r\n1. Décide — 😀 that\r\n* Note é\r\n";
    let at = |needle: &str| text.find(needle).expect("needle in text");
    let clause_text = "Décide — 😀 that".to_string();
    let phrase_end = "Décide".len();
    let emoji = clause_text.find('😀').unwrap();
    let mut doc = Document {
        sponsors: vec![Sponsor {
            name: "Côte d’Ivoire".into(),
            iso3: Some("CIV".into()),
            un_name: None,
            marks: vec!["*".into()],
            on_behalf_of: None,
            span: Span::new(0, at("*:")),
        }],
        operative: vec![Clause {
            id: "op1".into(),
            label: Some("1.".into()),
            phrase: Some(Phrase {
                text: "Décide".into(),
                span: Span::new(at("Décide"), at("Décide") + phrase_end),
                category: None,
            }),
            text: clause_text.clone(),
            span: Span::new(at("1."), at(" that") + " that".len()),
            items: vec![],
            continuation: None,
            section: None,
            addressee: vec![],
            mandate: None,
            source: None,
            inlines: vec![
                Inline {
                    kind: InlineKind::Phrase,
                    range: Span::new(0, phrase_end),
                    index: None,
                },
                Inline {
                    kind: InlineKind::Date,
                    range: Span::new(emoji, emoji + 4),
                    index: None,
                },
            ],
        }],
        footnotes: vec![Footnote {
            mark: "*".into(),
            text: "Note é".into(),
            span: Span::new(at("* Note"), text.len()),
            source: None,
        }],
        diagnostics: vec![Diagnostic {
            severity: Severity::Info,
            code: "test".into(),
            message: "test".into(),
            span: Span::new(at("é\r"), at("é\r") + 2),
        }],
        ..Document::default()
    };
    let before = doc.clone();
    clausemark::wasm::to_utf16(&mut doc, text);
    let u = |off: usize| units_before(text, off);
    let c = |off: usize| units_before(&clause_text, off);
    let conv = |s: Span| Span::new(u(s.start), u(s.end));
    assert_eq!(doc.sponsors[0].span, conv(before.sponsors[0].span));
    assert_eq!(doc.operative[0].span, conv(before.operative[0].span));
    assert_eq!(
        doc.operative[0].phrase.as_ref().unwrap().span,
        conv(before.operative[0].phrase.as_ref().unwrap().span)
    );
    assert_eq!(doc.footnotes[0].span, conv(before.footnotes[0].span));
    assert_eq!(doc.diagnostics[0].span, conv(before.diagnostics[0].span));
    assert_eq!(
        doc.operative[0].inlines[0].range,
        Span::new(0, c(phrase_end))
    );
    assert_eq!(
        doc.operative[0].inlines[1].range,
        Span::new(c(emoji), c(emoji) + 2),
        "the emoji is two UTF-16 units"
    );
    // And the JS strings slice to the same text.
    let js = JsString::from(text);
    let s = doc.sponsors[0].span;
    assert_eq!(
        String::from(js.slice(s.start as u32, s.end as u32)),
        "Côte d’Ivoire"
    );
    let r = doc.operative[0].inlines[1].range;
    assert_eq!(
        String::from(JsString::from(clause_text.as_str()).slice(r.start as u32, r.end as u32)),
        "😀"
    );
}
