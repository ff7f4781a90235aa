//! Who an operative clause addresses, and the mandate it gives (Mandate Registry style).
//!
//! Grammar, on the text after the leading phrase (`phrase_len` bytes):
//!
//! ```text
//! clause     = verb [adverb] [ "to" ] addressees ( " to " infinitive | "," aside "," " to " ... )
//! verb       = requests | calls upon | calls on | invites | encourages | urges | authorizes
//!            | appeals (to) | directs | instructs | requires | reminds | entrusts | mandates
//! addressees = np { ("," | " and " | ", and " | " or ") np }
//! np         = [the | all | its | their | each | every | both | any] words up to "to", "that",
//!              ";", "(" ..., keeping "of"/"for"/"on" inside names ("Office of the High
//!              Commissioner for Human Rights")
//! mandate    = addressee-verb ... what ... ["to" organ] ... when
//! what       = "report" | "briefing" (to brief) | "updates" (keep ... informed) | "study"
//!            | "recommendations" | "proposals" | "plan" | "review" | "assessment"
//! organ      = "to the" Capitalised {Capitalised | of | on | for | the | and}   ("to the Commission")
//! when       = "at its" ordinal "session" -> "sixtieth session" | "at its next session"
//!            | ("by" | "no later than" | "before" | "not later than") date -> "by 31 December 2026"
//!            | "within" n ("days" | "weeks" | "months") -> "within 90 days"
//! ```
//!
//! Real excerpt (E/CN.4/2002/L.108, op17): "Requests the Secretary-General ... to submit a further
//! analytical report to the Commission at its sixtieth session" → who "Secretary-General", what
//! "report", to "Commission", when "sixtieth session".
//!
//! Traps: an addressee is only taken when the noun phrase is followed by an infinitive ("Requests
//! the Secretary-General to"), so "Encourages further efforts by ..." and "Requests that ..."
//! give none; names keep their inner "and" when both sides are capitalised ("Economic and Social
//! Council", "Food and Agriculture Organization"); an aside after a comma ("the
//! Secretary-General, in consultation with Member States, to ...") ends the noun phrase.
//! A mandate needs an addressee verb and a "what" or a "when"; the scan is bounded to the clause.
//! A chapeau that ends with ":" ("17. Requests the Secretary-General:") gives its addressee to the
//! items: use [`mandate_in_item`] on "(c) To submit ..." with that addressee.

use super::dates::date_end;
use crate::model::Mandate;
use crate::text::trim_start;

/// Verbs (lowercase stems, matched at the start of a phrase word) that take an addressee.
const ADDRESSEE_VERBS: &[&str] = &[
    "request", "call", "invit", "encourag", "urg", "authoriz", "appeal", "direct", "instruct",
    "requir", "remind", "entrust", "mandat", "implor", "exhort", "demand",
];

/// Words that may open an aside after a comma, ending the noun phrase.
const ASIDE: &[&str] = &[
    "in",
    "within",
    "through",
    "as",
    "where",
    "inter",
    "with",
    "taking",
    "including",
    "bearing",
    "while",
    "when",
    "on",
    "upon",
    "if",
    "at",
    "by",
    "subject",
    "consistent",
    "pursuant",
    "without",
    "for",
    "from",
    "to",
    "under",
    "acting",
    "among",
    "also",
    "further",
    "once",
    "again",
    "whenever",
    "building",
    "drawing",
    "using",
    "working",
    "relying",
    "particularly",
    "especially",
    "inter-alia",
    "based",
    "during",
    "after",
    "before",
    "and",
];

/// Determiners dropped from the front of an addressee.
const DETERMINERS: &[&str] = &[
    "the", "all", "a", "an", "its", "their", "each", "every", "both", "any", "those", "these",
];

fn words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let b = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() && !is_word_byte(b[i]) {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        let st = i;
        while i < b.len() && is_word_byte(b[i]) {
            i += 1;
        }
        // SAFETY: every byte of a non-ASCII character is a word byte, so a run of them starts
        // at the text's start or after an ASCII byte, and ends at its end or at an ASCII byte:
        // both are character boundaries. (The checked slice is a call per word in the .wasm,
        // and this reads every word of every operative paragraph.)
        Some((st, unsafe { s.get_unchecked(st..i) }))
    })
}

fn is_word_byte(c: u8) -> bool {
    crate::text::is_word_byte(c)
}

fn capitalised(w: &str) -> bool {
    w.as_bytes().first().is_some_and(|c| c.is_ascii_uppercase())
}

/// Does the phrase contain an addressee verb? Returns true for "Requests", "Also calls upon".
fn takes_addressee(phrase: &str) -> bool {
    // "Calls for the implementation ..." takes an object, not an addressee.
    if words(phrase).any(|(_, w)| w == "for") {
        return false;
    }
    words(phrase).any(|(_, w)| {
        ADDRESSEE_VERBS.iter().any(|v| {
            w.len() > v.len() - 1
                && w.as_bytes()[..v.len()].eq_ignore_ascii_case(v.as_bytes())
                && !w.eq_ignore_ascii_case("directly")
        })
    })
}

/// The addressee noun phrases and the offset where they end (just before " to <verb>").
fn addressee_spans(text: &str, phrase_len: usize) -> Option<(Vec<(usize, usize)>, usize)> {
    if phrase_len > text.len() || !text.is_char_boundary(phrase_len) {
        return None;
    }
    let phrase = &text[..phrase_len];
    if !takes_addressee(phrase) {
        return None;
    }
    let b = text.as_bytes();
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut cur_start: Option<usize> = None;
    let mut cur_end = phrase_len;
    let mut i = phrase_len;
    let mut nwords = 0;
    let mut prev_word: &str = "";
    let appeal = crate::text::find_str(&phrase.to_ascii_lowercase(), "appeal").is_some();
    let mut first = true;
    loop {
        // skip spaces
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        let c = b[i];
        if c == b',' {
            // An aside or the next coordinate.
            let j = skip_sp(b, i + 1);
            let (we, w) = word_at(text, j);
            if cur_start.is_none() {
                i = j;
                continue;
            }
            // ", as well as working groups"
            if w == "as" && text[j..].starts_with("as well as ") {
                parts.push((cur_start.take().unwrap(), cur_end));
                i = j + "as well as ".len();
                continue;
            }
            if w == "and" || w == "or" || (!is_in(w, ASIDE) && !w.is_empty()) {
                if w == "and" || w == "or" {
                    parts.push((cur_start.take().unwrap(), cur_end));
                    i = we;
                    continue;
                }
                parts.push((cur_start.take().unwrap(), cur_end));
                i = j;
                continue;
            }
            // aside: the addressees end here; an infinitive must follow later.
            parts.push((cur_start.take().unwrap(), cur_end));
            return Some((parts, i));
        }
        if c == b'(' {
            // skip a parenthetical (abbreviation)
            match text[i..].find(')') {
                Some(k) if k < 80 => {
                    i += k + 1;
                    continue;
                }
                _ => return None,
            }
        }
        if c == b':' {
            // "Requests the Secretary-General:" followed by items "(a) To submit ...".
            if let Some(s) = cur_start.take() {
                parts.push((s, cur_end));
            }
            return (!parts.is_empty()).then_some((parts, i));
        }
        if !is_word_byte(c) {
            break;
        }
        let (we, w) = word_at(text, i);
        nwords += 1;
        if nwords > 25 {
            return None;
        }
        // "Encourages further efforts": the phrase left "further" out because it modifies a noun.
        if first && is_in(w, &["further", "more", "greater", "continued", "increased"]) {
            return None;
        }
        if first && appeal && w == "to" {
            first = false;
            i = we;
            continue;
        }
        first = false;
        if w == "to" {
            // " to <infinitive>": the end of the addressees. "to" inside a name is rare.
            if let Some(s) = cur_start.take() {
                parts.push((s, cur_end));
            }
            return (!parts.is_empty()).then_some((parts, i));
        }
        if w == "and" || w == "or" {
            let (_, next) = word_at(text, skip_sp(b, we));
            let inside_name = capitalised(prev_word)
                && capitalised(next)
                && !is_in(next, &["Member", "Governments", "States", "Parties"]);
            if !inside_name {
                if let Some(s) = cur_start.take() {
                    parts.push((s, cur_end));
                }
                prev_word = w;
                i = we;
                continue;
            }
        } else if is_in(w, &["that", "whether"]) && cur_start.is_none() && parts.is_empty() {
            // "Requests that ...": no addressee.
            return None;
        } else if cur_start.is_some()
            && (is_in(w, &["that", "which", "who", "whose", "whether"])
                || (w.ends_with("ing") && w.as_bytes()[0].is_ascii_lowercase()))
        {
            // A relative or participial clause ("States that have not yet ratified ... to",
            // "Governments considering making contributions ... to"): the addressee ends here
            // when an infinitive follows.
            parts.push((cur_start.take().unwrap(), cur_end));
            return infinitive_follows(text, i).then_some((parts, i));
        } else if cur_start.is_none() && w == "as" && text[i..].starts_with("as well as ") {
            i += "as well as ".len();
            continue;
        } else if is_in(
            w,
            &["also", "further", "again", "once", "urgently", "strongly"],
        ) {
            // "Requests the Secretary-General also to ...", "Calls once again upon"
            if let Some(s) = cur_start.take() {
                parts.push((s, cur_end));
            }
            prev_word = w;
            i = we;
            continue;
        } else if is_in(w, &["of", "for", "on", "in", "at", "from", "with", "by"]) {
            // Inside a name only when a capitalised word (or "the" + capitalised) follows.
            let j = skip_sp(b, we);
            let (we2, next) = word_at(text, j);
            let next_cap = capitalised(next)
                || (next == "the" && capitalised(word_at(text, skip_sp(b, we2)).1));
            if !(next_cap && (capitalised(prev_word) || w == "of")) {
                // "Member States in a position to do so to ...": stop the addressees here, when
                // an infinitive follows soon.
                if let Some(s) = cur_start.take() {
                    parts.push((s, cur_end));
                }
                return (!parts.is_empty() && infinitive_follows(text, i)).then_some((parts, i));
            }
        }
        if cur_start.is_none() {
            if is_in(w, DETERMINERS) {
                prev_word = w;
                i = we;
                continue;
            }
            cur_start = Some(i);
        }
        cur_end = we;
        prev_word = w;
        i = we;
    }
    None
}

/// Does " to " (an infinitive) follow within the same clause part, in the next 200 bytes?
fn infinitive_follows(text: &str, i: usize) -> bool {
    let window = &text[i..floor_boundary(text, (i + 200).min(text.len()))];
    let part = window.split([';', ':']).next().unwrap_or("");
    crate::text::find_str(part, " to ").is_some()
}

/// Abstract nouns that are objects, not addressees ("Encourages efforts to integrate ...").
const NOT_ADDRESSEES: &[&str] = &[
    "efforts",
    "initiatives",
    "measures",
    "steps",
    "action",
    "actions",
    "cooperation",
    "work",
    "activities",
    "progress",
    "dialogue",
    "consultations",
    "contributions",
    "partnerships",
    "collaboration",
    "engagement",
    "attempts",
    "support",
    "assistance",
    "use",
    "development",
    "implementation",
    "participation",
    "establishment",
    "strengthening",
    "promotion",
];

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn skip_sp(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i] == b' ' {
        i += 1;
    }
    i
}

/// The word at `i` (empty when none): (end, word).
fn word_at(text: &str, i: usize) -> (usize, &str) {
    let b = text.as_bytes();
    let mut e = i;
    while e < b.len() && is_word_byte(b[e]) {
        e += 1;
    }
    (e, &text[i..e])
}

use crate::text::is_one_of_ci as is_in;

fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Who the clause addresses: "Requests the Secretary-General to" → ["Secretary-General"].
pub fn addressees(text: &str, phrase_len: usize) -> Vec<String> {
    addressees_and_mandate(text, phrase_len, false).0
}

/// The addressees of a clause and, when it `asks` something of them, its mandate. Both start
/// from the same noun phrases, read once here (they used to be read once for each).
pub fn addressees_and_mandate(
    text: &str,
    phrase_len: usize,
    asks: bool,
) -> (Vec<String>, Option<Mandate>) {
    let Some((parts, end)) =
        addressee_spans(text, phrase_len).filter(|(p, _)| !abstract_only(text, p))
    else {
        return (Vec::new(), None);
    };
    let names: Vec<String> = merge_adjectives(text, parts)
        .into_iter()
        .map(|(s, e)| fold(&text[s..e]))
        .collect();
    let mandate = if asks {
        mandate_after(text, end, names.first().cloned())
    } else {
        None
    };
    (
        names.into_iter().filter(|s| !s.is_empty()).collect(),
        mandate,
    )
}

/// Is the first noun phrase an abstract object ("efforts") rather than an addressee?
fn abstract_only(text: &str, parts: &[(usize, usize)]) -> bool {
    parts.first().is_some_and(|&(s, e)| {
        let last = crate::text::after_last(&text[s..e], b' ');
        is_in(last, NOT_ADDRESSEES)
    })
}

/// "regional and subregional organizations" is one addressee: a part that ends with a lowercase
/// adjective ("regional", "public", "Afghan") joins the next one.
fn merge_adjectives(text: &str, parts: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(parts.len());
    let mut pending: Option<usize> = None;
    let n = parts.len();
    for (k, (s, e)) in parts.into_iter().enumerate() {
        let start = pending.take().unwrap_or(s);
        let last = crate::text::after_last(&text[s..e], b' ');
        let adjective = (["al", "ic", "an", "ive"].iter().any(|x| last.ends_with(x))
            && (last.bytes().next().is_some_and(|c| c.is_ascii_lowercase())
                || ["Afghan", "African", "European", "Arab"].contains(&last)))
            || last == "private"
            || last == "public";
        if adjective && k + 1 < n {
            pending = Some(start);
        } else {
            out.push((start, e));
        }
    }
    out
}

/// Ordinal words as used for sessions ("sixtieth", "seventy-ninth", "58th"), and the words that
/// stand where one would ("next", "resumed").
fn is_ordinal(w: &str) -> bool {
    let last = crate::text::after_last(w, b'-');
    crate::header::ordinal_number(w).is_some()
        || [
            "hundredth",
            "next",
            "resumed",
            "substantive",
            "organizational",
        ]
        .iter()
        .any(|o| last.eq_ignore_ascii_case(o))
}

/// The mandate a clause gives, when it asks an addressee for a report or action by a date or
/// session.
pub fn mandate(text: &str, phrase_len: usize) -> Option<Mandate> {
    addressees_and_mandate(text, phrase_len, true).1
}

/// The mandate in an item of a clause whose chapeau names the addressee: op17 "Requests the
/// Secretary-General:" then "(c) To submit a further analytical report to the Commission at its
/// sixtieth session" → `mandate_in_item(item_text, Some("Secretary-General"))`. The item must
/// open with "To \<verb\>".
pub fn mandate_in_item(item_text: &str, who: Option<&str>) -> Option<Mandate> {
    let t = trim_start(item_text);
    if !(t.starts_with("To ") || t.starts_with("to ")) {
        return None;
    }
    let off = item_text.len() - t.len();
    mandate_after(item_text, off, who.map(str::to_string))
}

fn mandate_after(text: &str, end: usize, who: Option<String>) -> Option<Mandate> {
    let rest = &text[end..];
    let base = end;
    let b = text.as_bytes();
    let mut what: Option<(usize, String)> = None;
    let mut to: Option<String> = None;
    let mut when: Option<String> = None;
    let ws: Vec<(usize, &str)> = words(rest).take(400).collect();
    // The reporting verb: "what" and "to" are read after it.
    let reporting = ws.iter().position(|&(_, w)| {
        // Every verb below has 4 to 9 letters: most words are turned away by their length.
        (4..=9).contains(&w.len())
            && is_in(
                w,
                &[
                    "submit",
                    "present",
                    "prepare",
                    "transmit",
                    "include",
                    "provide",
                    "brief",
                    "report",
                    "inform",
                    "informed",
                    "keep",
                    "conduct",
                    "undertake",
                ],
            )
    });
    for (k, &(off, w)) in ws.iter().enumerate() {
        let abs = base + off;
        let after_verb = reporting.is_some_and(|r| k >= r);
        if what.is_none() && after_verb {
            let found = match w {
                "report" | "reports" => Some("report"),
                "brief" | "briefing" | "briefings" => Some("briefing"),
                "informed" => Some("updates"),
                "study" => Some("study"),
                "recommendations" => Some("recommendations"),
                "proposals" => Some("proposals"),
                "assessment" => Some("assessment"),
                "review" if k > 0 && is_in(ws[k - 1].1, &["a", "comprehensive"]) => Some("review"),
                "plan" if k > 0 && ws[k - 1].1 == "a" => Some("plan"),
                _ => None,
            };
            if let Some(f) = found {
                what = Some((abs, f.to_string()));
                continue;
            }
        }
        // "to keep the Council (regularly) informed"
        if to.is_none() && reporting == Some(k) && w == "keep" {
            let j = if ws.get(k + 1).is_some_and(|x| x.1 == "the") {
                k + 2
            } else {
                k + 1
            };
            if let Some(&(_, x)) = ws.get(j).filter(|x| capitalised(x.1)) {
                to = Some(x.to_string());
            }
        }
        if to.is_none() && after_verb && w == "to" {
            // "to the Commission", "to the General Assembly", "to the Council".
            let mut j = k + 1;
            if ws.get(j).is_some_and(|x| x.1 == "the") {
                j += 1;
            }
            let mut name: Vec<&str> = Vec::new();
            while let Some(&(_, x)) = ws.get(j) {
                let joins = !name.is_empty()
                    && is_in(x, &["of", "on", "for", "the", "and"])
                    && ws
                        .get(j + 1)
                        .is_some_and(|y| capitalised(y.1) || y.1 == "the");
                if capitalised(x) || joins {
                    name.push(x);
                    j += 1;
                } else {
                    break;
                }
            }
            while name.last().is_some_and(|x| !capitalised(x)) {
                name.pop();
            }
            if !name.is_empty() {
                to = Some(crate::text::join_spaced(name.iter().copied()));
            }
        }
        if when.is_none() {
            if w == "session" && k >= 2 {
                // "at its sixtieth session", "at its seventy-ninth session"
                let o = ws[k - 1].1;
                if is_ordinal(o) && is_in(ws[k - 2].1, &["its", "the", "their"]) {
                    when = Some(format!("{o} session"));
                }
            } else if is_in(w, &["by", "before"])
                || (w == "than" && k >= 1 && ws[k - 1].1 == "later")
            {
                let d = skip_sp(b, abs + w.len());
                if let Some(e) = date_end(text, d) {
                    let lead = if w == "than" {
                        // "no later than" / "not later than"
                        let s = k.checked_sub(2).map_or(abs, |i| base + ws[i].0);
                        &text[s..abs + w.len()]
                    } else {
                        w
                    };
                    when = Some(fold(&format!("{lead} {}", &text[d..e])));
                }
            } else if w == "within" {
                if let (Some(&(_, n)), Some(&(_, unit))) = (ws.get(k + 1), ws.get(k + 2)) {
                    let units = [
                        "days", "weeks", "months", "years", "day", "week", "month", "year",
                    ];
                    if is_in(unit, &units) {
                        when = Some(format!("within {n} {unit}"));
                    }
                }
            }
        }
    }
    if what.is_none() && when.is_none() {
        return None;
    }
    Some(Mandate {
        who,
        what: what.map(|x| x.1),
        to,
        when,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addressee_examples() {
        assert_eq!(
            addressees("Requests the Secretary-General to submit", 8),
            vec!["Secretary-General"]
        );
        assert_eq!(addressees("Calls upon all States to", 10), vec!["States"]);
        assert_eq!(
            addressees(
                "Invites Governments and non-governmental organizations to contribute",
                7
            ),
            vec!["Governments", "non-governmental organizations"]
        );
        assert_eq!(
            addressees(
                "Encourages the Office of the High Commissioner to continue",
                10
            ),
            vec!["Office of the High Commissioner"]
        );
        assert_eq!(
            addressees("Urges Member States to", 5),
            vec!["Member States"]
        );
        assert!(addressees("Encourages further efforts by the United Nations", 10).is_empty());
        assert!(addressees("Requests that the", 8).is_empty());
        assert!(
            addressees("Welcomes the Secretary-General to", 8).is_empty(),
            "should only take addressee verbs"
        );
    }

    #[test]
    fn mandate_example() {
        let t = "Requests the Secretary-General, in consultation with Member States, to submit a further analytical report to the Commission at its sixtieth session under the same agenda item;";
        let m = mandate(t, 8).expect("should find a mandate");
        assert_eq!(m.who.as_deref(), Some("Secretary-General"));
        assert_eq!(m.what.as_deref(), Some("report"));
        assert_eq!(m.to.as_deref(), Some("Commission"));
        assert_eq!(m.when.as_deref(), Some("sixtieth session"));
    }

    #[test]
    fn item_mandate() {
        // E/CN.4/2002/L.108 op17: "Requests the Secretary-General:" then "(c) To submit ...".
        assert_eq!(
            addressees("Requests the Secretary-General:", 8),
            vec!["Secretary-General"]
        );
        assert_eq!(
            mandate("Requests the Secretary-General:", 8),
            None,
            "should need a what or a when"
        );
        let c = "To submit a further analytical report to the Commission at its sixtieth session on the progress and concrete achievements made;";
        let m =
            mandate_in_item(c, Some("Secretary-General")).expect("should find the item's mandate");
        assert_eq!(
            (
                m.who.as_deref(),
                m.what.as_deref(),
                m.to.as_deref(),
                m.when.as_deref()
            ),
            (
                Some("Secretary-General"),
                Some("report"),
                Some("Commission"),
                Some("sixtieth session")
            )
        );
        let m = mandate("Requests the Secretary-General to report to the Council within 90 days on the implementation", 8).unwrap();
        assert_eq!(m.when.as_deref(), Some("within 90 days"));
        assert_eq!(m.to.as_deref(), Some("Council"));
        let m = mandate(
            "Requests the Secretary-General to submit a report no later than 31 December 2026",
            8,
        )
        .unwrap();
        assert_eq!(m.when.as_deref(), Some("no later than 31 December 2026"));
        let m = mandate(
            "Requests the Panel to provide a final report by 15 June 2026 to the Council",
            8,
        )
        .unwrap();
        assert_eq!(m.when.as_deref(), Some("by 15 June 2026"));
    }
}
