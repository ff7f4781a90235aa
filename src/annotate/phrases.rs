//! Leading phrases of preambular and operative clauses, and the ONE place where their
//! categories are defined.
//!
//! Grammar (words are separated by one or more spaces; case is ignored when matching, so OCR
//! capitals such as "WHEREAS" and "PROCLAIMS" work):
//!
//! ```text
//! phrase   = { pre } head [ idiom ] { post }
//! pre      = "Also" [","] | "Further" [","] | "Again" | "Once again" | "Once more" | adverb
//!          | "Having" | "Being" | "Is" | "Remains"/"Remaining" | "Continues to"/"Continuing to"
//! adverb   = "Strongly" | "Deeply" | "Gravely" | "Seriously" | "Firmly" | "Fully" | "Urgently" ...
//! head     = a lexicon stem + a verbal ending ("recall" + s|ing|ed, "not" + e|es|ed|ing ...)
//!          | (fallback) an unknown capitalised word ending in -s (operative) or -ing/-ed
//!            (preambular), category "other"
//! idiom    = per head: "Takes note", "Takes into account", "Bearing in mind", "Calls upon",
//!            "Calls for", "Calls once again upon", "Looks forward", "Pays tribute",
//!            "Draws the attention", "Considers it important", "Expresses [its|the] {adj} noun",
//!            "Acting under Chapter VII of the Charter of the United Nations"
//! post     = "also" | "further" | "again" | "once again" | "once more" | "equally"
//!          | "in particular" | "in this regard" | "in that regard"
//!          | "with" {adj} with-noun ["and" with-noun]        ("Noting with deep concern")
//!          | "its" {adj} stance-noun ["upon"|"for"]          ("Reiterates its call upon"), only
//!            after affirming heads (reaffirm, reiterate, express, recall, renew, stress ...)
//!          | "in the strongest [possible] terms" | "without reservation" | "unequivocally"
//!          | "and" head                                       ("Welcomes and encourages")
//! ```
//!
//! The conventions follow the UN's own italics as recorded in the oracle
//! (`/work/shared/oracle/truth-ga.jsonl`, 25 000 phrases): "Takes note" (not "Takes note of"),
//! "Recalling also", "Bearing in mind", "Guided" (not "Guided by"), "Reaffirming its commitment"
//! but "Reaffirming" before "its resolution", "Expresses deep concern", "Decides" (also in
//! "Decides to remain actively seized of the matter").
//!
//! Real excerpt (A/RES/75/100): "Recalling also the adoption by the General Assembly ..." →
//! "Recalling also" (recalling); "Reiterates its request to the Secretary-General" →
//! "Reiterates its request" (affirmation).
//!
//! Categories (the closed sets the viewer colours and filters by):
//!
//! | operative       | heads                                                               |
//! |-----------------|---------------------------------------------------------------------|
//! | decision        | decides, resolves, determines, declares, adopts, approves, endorses, appropriates, agrees, proclaims, establishes, appoints |
//! | request         | requests, asks, demands, directs, instructs, requires               |
//! | call            | calls upon/for, urges, appeals, insists                             |
//! | encouragement   | encourages                                                          |
//! | invitation      | invites                                                             |
//! | welcome         | welcomes, greets                                                    |
//! | appreciation    | commends, appreciates, congratulates, thanks, pays tribute, expresses its appreciation/gratitude |
//! | affirmation     | reaffirms, affirms, reiterates, stresses, emphasizes, underlines, recognizes, recalls, acknowledges, supports, considers ... |
//! | condemnation    | condemns, deplores, rejects, denounces                              |
//! | concern         | expresses (deep) concern, regrets, remains concerned, "… with concern" |
//! | authorization   | authorizes, permits, empowers                                       |
//! | recommendation  | recommends, suggests, proposes                                      |
//! | note            | notes, takes note, takes into account, looks forward, bears in mind |
//! | amendment       | an amendment's instructions: insert, delete, replace, add, amend, renumber, reword, substitute |
//! | other           | anything else recognised (including unknown capitalised verbs: "Implores") |
//!
//! | preambular      | heads                                                               |
//! |-----------------|---------------------------------------------------------------------|
//! | recalling       | recalling, referring, reminding                                     |
//! | reaffirming     | reaffirming, affirming, reiterating, stressing, emphasizing, underlining, confirming, renewing ... |
//! | noting          | noting, taking note, taking into account, observing, having learnt  |
//! | recognizing     | recognizing, acknowledging, realizing, understanding                |
//! | concern         | concerned, alarmed, deploring, condemning, regretting, expressing concern, "… with concern" |
//! | welcome         | welcoming, commending, appreciating, congratulating, expressing appreciation |
//! | mindful         | mindful, bearing/having in mind, aware, conscious, cognizant, guided, convinced, believing, supportive |
//! | determination   | determined, resolved, committed, desirous, wishing, seeking, determining |
//! | acting          | acting (under Chapter VII of the Charter of the United Nations)     |
//! | considering     | considering, having considered/examined/received, whereas          |
//! | other           | anything else recognised (encouraging, urging, calling upon ...)    |
//!
//! Traps: "Takes note of" keeps "of" out; "Stressing the need" is just "Stressing"; a preambular
//! clause opening with a finite verb ("Recalls that ...", S/RES/2782) is recognised and flagged
//! `unusual`, as is an operative clause opening with a participle; "In accordance with ...,
//! decides" and "The ..." do not start with a phrase (None); a lowercase opening counts only for
//! a known finite operative verb ("The Economic and Social Council takes note of ...").
//! Everything is a single forward scan over at most a dozen words: no allocation, linear time.

/// Preambular or operative part: selects the expected verb form and the category set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Preamble,
    Operative,
}

/// The leading phrase found at the start of a clause's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhraseMatch {
    /// Byte length of the phrase, from offset 0 of the text.
    pub len: usize,
    /// One of [`OPERATIVE_CATEGORIES`] or [`PREAMBULAR_CATEGORIES`].
    pub category: &'static str,
    /// A finite verb opening a preambular clause ("Recalls that ..."), or a participle opening an
    /// operative one.
    pub unusual: bool,
}

pub const OPERATIVE_CATEGORIES: &[&str] = &[
    "decision",
    "request",
    "call",
    "encouragement",
    "invitation",
    "welcome",
    "appreciation",
    "affirmation",
    "condemnation",
    "concern",
    "authorization",
    "recommendation",
    "note",
    "amendment",
    "other",
];

pub const PREAMBULAR_CATEGORIES: &[&str] = &[
    "recalling",
    "reaffirming",
    "noting",
    "recognizing",
    "concern",
    "welcome",
    "mindful",
    "determination",
    "acting",
    "considering",
    "other",
];

/// Semantic class of a head word; mapped to a category per part by [`category`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Decide,
    Request,
    Call,
    Encourage,
    Invite,
    Welcome,
    Appreciate,
    Affirm,
    Recall,
    Note,
    Recognize,
    Condemn,
    Concern,
    Authorize,
    Recommend,
    /// An amendment's instruction ("Insert a new preambular paragraph ...").
    Amend,
    Mindful,
    Determine,
    Act,
    Consider,
    Other,
}

fn category(class: Class, part: Part) -> &'static str {
    match part {
        Part::Operative => match class {
            Class::Decide | Class::Determine => "decision",
            Class::Request => "request",
            Class::Call => "call",
            Class::Encourage => "encouragement",
            Class::Invite => "invitation",
            Class::Welcome => "welcome",
            Class::Appreciate => "appreciation",
            Class::Affirm | Class::Recall | Class::Recognize | Class::Consider => "affirmation",
            Class::Condemn => "condemnation",
            Class::Concern => "concern",
            Class::Authorize => "authorization",
            Class::Recommend => "recommendation",
            Class::Note | Class::Mindful => "note",
            Class::Amend => "amendment",
            Class::Act | Class::Other => "other",
        },
        Part::Preamble => match class {
            Class::Recall => "recalling",
            Class::Affirm => "reaffirming",
            Class::Note => "noting",
            Class::Recognize => "recognizing",
            Class::Concern | Class::Condemn => "concern",
            Class::Welcome | Class::Appreciate => "welcome",
            Class::Mindful => "mindful",
            Class::Determine | Class::Decide => "determination",
            Class::Act => "acting",
            Class::Consider => "considering",
            Class::Request
            | Class::Call
            | Class::Encourage
            | Class::Invite
            | Class::Authorize
            | Class::Recommend
            | Class::Amend
            | Class::Other => "other",
        },
    }
}

/// Idioms a head word takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Idiom {
    None,
    /// take note / into account / into consideration
    Take,
    /// bear / keep in mind
    InMind,
    /// call upon / for / on / attention
    Call,
    /// look forward
    Forward,
    /// pay tribute
    Tribute,
    /// draw (the) attention, bring to the attention
    Attention,
    /// consider / believe / deem it <adjective>
    ItAdj,
    /// express [its|the] {adj} noun
    Express,
    /// share the {adj} noun
    Share,
    /// acting under Chapter VII of the Charter of the United Nations
    Acting,
    /// give due consideration
    Give,
}

/// (stem, class, takes "its <stance noun>", idiom). A word matches a stem when it is the stem
/// followed by one of [`ENDINGS`].
#[rustfmt::skip]
const LEXICON: &[(&str, Class, bool, Idiom)] = &[
    ("recall", Class::Recall, true, Idiom::None),
    ("refer", Class::Recall, false, Idiom::None),
    ("referr", Class::Recall, false, Idiom::None),
    ("remind", Class::Recall, false, Idiom::None),
    ("reaffirm", Class::Affirm, true, Idiom::None),
    ("affirm", Class::Affirm, true, Idiom::None),
    ("reiterat", Class::Affirm, true, Idiom::None),
    ("confirm", Class::Affirm, true, Idiom::None),
    ("reconfirm", Class::Affirm, true, Idiom::None),
    ("stress", Class::Affirm, true, Idiom::None),
    ("emphasiz", Class::Affirm, true, Idiom::None),
    ("emphasis", Class::Affirm, true, Idiom::None),
    ("re-emphasiz", Class::Affirm, true, Idiom::None),
    ("underlin", Class::Affirm, true, Idiom::None),
    ("underscor", Class::Affirm, true, Idiom::None),
    ("highlight", Class::Affirm, false, Idiom::None),
    ("renew", Class::Affirm, true, Idiom::None),
    ("recommit", Class::Affirm, false, Idiom::None),
    ("recommitt", Class::Affirm, false, Idiom::None),
    ("commit", Class::Determine, false, Idiom::None),
    ("committ", Class::Determine, false, Idiom::None),
    ("pledg", Class::Affirm, true, Idiom::None),
    ("support", Class::Affirm, false, Idiom::None),
    ("believ", Class::Mindful, false, Idiom::ItAdj),
    ("consider", Class::Consider, false, Idiom::ItAdj),
    ("deem", Class::Consider, false, Idiom::ItAdj),
    ("find", Class::Consider, false, Idiom::ItAdj),
    ("whereas", Class::Consider, false, Idiom::None),
    ("examin", Class::Consider, false, Idiom::None),
    ("receiv", Class::Consider, false, Idiom::None),
    ("heard", Class::Consider, false, Idiom::None),
    ("review", Class::Consider, false, Idiom::None),
    ("studi", Class::Consider, false, Idiom::None),
    ("listen", Class::Consider, false, Idiom::None),
    ("proceed", Class::Consider, false, Idiom::None),
    ("not", Class::Note, false, Idiom::None),
    ("tak", Class::Note, false, Idiom::Take),
    ("took", Class::Note, false, Idiom::Take),
    ("observ", Class::Note, false, Idiom::None),
    // Not "learn": "Learning Passport and other initiatives" would open a paragraph.
    ("learned", Class::Note, false, Idiom::None),
    ("learnt", Class::Note, false, Idiom::None),
    ("look", Class::Note, false, Idiom::Forward),
    ("recogniz", Class::Recognize, true, Idiom::None),
    ("recognis", Class::Recognize, true, Idiom::None),
    ("acknowledg", Class::Recognize, false, Idiom::None),
    ("realiz", Class::Recognize, false, Idiom::None),
    ("understand", Class::Recognize, false, Idiom::None),
    ("welcom", Class::Welcome, false, Idiom::None),
    ("accept", Class::Welcome, false, Idiom::None),
    ("facilitat", Class::Other, false, Idiom::None),
    ("greet", Class::Welcome, false, Idiom::None),
    ("commend", Class::Appreciate, false, Idiom::None),
    ("appreciat", Class::Appreciate, false, Idiom::None),
    ("congratulat", Class::Appreciate, false, Idiom::None),
    ("thank", Class::Appreciate, false, Idiom::None),
    ("pay", Class::Appreciate, false, Idiom::Tribute),
    ("paid", Class::Appreciate, false, Idiom::Tribute),
    ("honour", Class::Appreciate, false, Idiom::None),
    ("valu", Class::Appreciate, false, Idiom::None),
    ("express", Class::Affirm, true, Idiom::Express),
    ("shar", Class::Affirm, false, Idiom::Share),
    ("decid", Class::Decide, false, Idiom::None),
    ("resolv", Class::Determine, false, Idiom::None),
    ("determin", Class::Determine, false, Idiom::None),
    ("declar", Class::Decide, true, Idiom::None),
    ("adopt", Class::Decide, false, Idiom::None),
    ("approv", Class::Decide, true, Idiom::None),
    ("endors", Class::Decide, false, Idiom::None),
    ("appropriat", Class::Decide, false, Idiom::None),
    ("agre", Class::Decide, false, Idiom::None),
    ("proclaim", Class::Decide, false, Idiom::None),
    ("establish", Class::Decide, false, Idiom::None),
    ("appoint", Class::Decide, false, Idiom::None),
    ("designat", Class::Decide, false, Idiom::None),
    ("elect", Class::Decide, false, Idiom::None),
    ("revis", Class::Decide, false, Idiom::None),
    ("request", Class::Request, false, Idiom::None),
    ("ask", Class::Request, false, Idiom::None),
    ("demand", Class::Request, false, Idiom::None),
    ("direct", Class::Request, false, Idiom::None),
    ("instruct", Class::Request, false, Idiom::None),
    ("requir", Class::Request, false, Idiom::None),
    ("call", Class::Call, false, Idiom::Call),
    ("urg", Class::Call, false, Idiom::None),
    ("appeal", Class::Call, false, Idiom::None),
    ("insist", Class::Call, false, Idiom::None),
    ("implor", Class::Call, false, Idiom::None),
    ("encourag", Class::Encourage, false, Idiom::None),
    ("invit", Class::Invite, false, Idiom::None),
    ("condemn", Class::Condemn, false, Idiom::None),
    ("deplor", Class::Condemn, false, Idiom::None),
    ("reject", Class::Condemn, false, Idiom::None),
    ("denounc", Class::Condemn, false, Idiom::None),
    ("object", Class::Condemn, false, Idiom::None),
    ("concern", Class::Concern, false, Idiom::None),
    ("alarm", Class::Concern, false, Idiom::None),
    ("disturb", Class::Concern, false, Idiom::None),
    ("disappoint", Class::Concern, false, Idiom::None),
    ("dismay", Class::Concern, false, Idiom::None),
    ("distress", Class::Concern, false, Idiom::None),
    ("shock", Class::Concern, false, Idiom::None),
    ("sadden", Class::Concern, false, Idiom::None),
    ("griev", Class::Concern, false, Idiom::None),
    ("regret", Class::Concern, false, Idiom::None),
    ("regrett", Class::Concern, false, Idiom::None),
    ("mourn", Class::Concern, false, Idiom::None),
    ("anxious", Class::Concern, false, Idiom::None),
    ("authoriz", Class::Authorize, false, Idiom::None),
    ("permit", Class::Authorize, false, Idiom::None),
    ("empower", Class::Authorize, false, Idiom::None),
    ("recommend", Class::Recommend, false, Idiom::None),
    ("suggest", Class::Recommend, false, Idiom::None),
    ("propos", Class::Recommend, false, Idiom::None),
    // Amendments (A/C.3/79/L.65: "1. Insert a new preambular paragraph after the fifth
    // preambular paragraph, reading: ..."; "2. Delete operative paragraph 7.").
    ("insert", Class::Amend, false, Idiom::None),
    ("delet", Class::Amend, false, Idiom::None),
    ("replac", Class::Amend, false, Idiom::None),
    ("add", Class::Amend, false, Idiom::None),
    ("amend", Class::Amend, false, Idiom::None),
    ("renumber", Class::Amend, false, Idiom::None),
    ("reword", Class::Amend, false, Idiom::None),
    ("substitut", Class::Amend, false, Idiom::None),
    ("mindful", Class::Mindful, false, Idiom::None),
    ("bear", Class::Mindful, false, Idiom::InMind),
    ("keep", Class::Mindful, false, Idiom::InMind),
    ("awar", Class::Mindful, false, Idiom::None),
    ("conscious", Class::Mindful, false, Idiom::None),
    ("cognizant", Class::Mindful, false, Idiom::None),
    ("cognisant", Class::Mindful, false, Idiom::None),
    ("guid", Class::Mindful, false, Idiom::None),
    ("convinc", Class::Mindful, false, Idiom::None),
    ("confident", Class::Mindful, false, Idiom::None),
    ("supportive", Class::Mindful, false, Idiom::None),
    ("desirous", Class::Determine, false, Idiom::None),
    ("desir", Class::Determine, false, Idiom::None),
    ("wish", Class::Determine, false, Idiom::None),
    ("seek", Class::Determine, false, Idiom::None),
    ("seiz", Class::Determine, false, Idiom::None),
    ("act", Class::Act, false, Idiom::Acting),
    ("draw", Class::Other, false, Idiom::Attention),
    ("bring", Class::Other, false, Idiom::Attention),
    ("giv", Class::Other, false, Idiom::Give),
];

/// Verbal endings accepted after a stem.
const ENDINGS: &[&str] = &["", "e", "s", "es", "ed", "d", "ing", "ies", "ied"];

/// Adverbs that may precede the head ("Strongly condemns", "Deeply concerned").
const PRE_ADVERBS: &[&str] = &[
    "also",
    "further",
    "again",
    "strongly",
    "deeply",
    "gravely",
    "seriously",
    "firmly",
    "fully",
    "profoundly",
    "particularly",
    "greatly",
    "urgently",
    "sincerely",
    "warmly",
    "solemnly",
    "equally",
    "most",
    "once",
    "having",
    "being",
    "is",
    "are",
    "remains",
    "remaining",
    "remain",
];

/// Adjectives inside "with deep concern", "its full support", "the deep concern".
const ADJECTIVES: &[&str] = &[
    "deep",
    "deepest",
    "grave",
    "serious",
    "strong",
    "strongest",
    "full",
    "firm",
    "unwavering",
    "continued",
    "continuing",
    "profound",
    "particular",
    "utmost",
    "very",
    "great",
    "growing",
    "urgent",
    "unequivocal",
    "previous",
    "special",
    "renewed",
    "increasing",
    "sincere",
    "heartfelt",
    "warm",
    "steadfast",
    "unqualified",
    "unreserved",
    "highest",
    "total",
    "increased",
    "collective",
    "general",
    "strongest",
    "most",
    "extreme",
];

/// Nouns after "its" that belong to the phrase ("Reaffirms its commitment").
const STANCE_NOUNS: &[&str] = &[
    "concern",
    "concerns",
    "commitment",
    "commitments",
    "support",
    "determination",
    "appreciation",
    "call",
    "calls",
    "condemnation",
    "conviction",
    "belief",
    "respect",
    "recognition",
    "request",
    "requests",
    "invitation",
    "demand",
    "approval",
    "endorsement",
    "appeal",
    "appeals",
    "satisfaction",
    "gratitude",
    "intention",
    "solidarity",
    "resolve",
    "preoccupation",
    "distress",
    "dismay",
    "indignation",
    "alarm",
    "regret",
    "hope",
    "expectation",
    "sympathy",
    "condolences",
    "opposition",
    "readiness",
    "willingness",
    "encouragement",
    "thanks",
];

/// Nouns after "with" ("Noting with appreciation").
const WITH_NOUNS: &[&str] = &[
    "concern",
    "appreciation",
    "satisfaction",
    "regret",
    "interest",
    "approval",
    "gratitude",
    "encouragement",
    "alarm",
    "dismay",
    "sadness",
    "apprehension",
    "disappointment",
    "anxiety",
    "pleasure",
    "thanks",
];

const CONCERN_NOUNS: &[&str] = &[
    "concern",
    "concerns",
    "alarm",
    "dismay",
    "regret",
    "preoccupation",
    "distress",
    "indignation",
    "sadness",
    "apprehension",
    "anxiety",
    "disappointment",
];

const APPRECIATION_NOUNS: &[&str] = &[
    "appreciation",
    "gratitude",
    "thanks",
    "satisfaction",
    "commendation",
];

/// Words that never end a phrase as its object ("Expresses to ...").
const FUNCTION_WORDS: &[&str] = &[
    "to", "that", "for", "with", "in", "on", "at", "by", "of", "the", "and", "its", "a", "an",
    "his", "her", "their", "all", "any", "this", "these", "those", "it", "which", "as", "from",
    "upon", "once", "also", "further", "again", "or", "not",
];

use crate::text::is_one_of_ci as is_in;
use crate::text::{ends_with_ci, trim_end};

/// The indices of [`LEXICON`] grouped by first letter, in lexicon order within a letter, and
/// where each letter's group starts (`starts[26]` is the end): a word is compared with the stems
/// of its first letter only (about one in twenty), not with the whole lexicon.
#[allow(clippy::type_complexity)]
const LEXICON_BY_LETTER: ([u8; LEXICON.len()], [u16; 27]) = {
    assert!(
        LEXICON.len() <= 256,
        "the index holds lexicon positions as bytes"
    );
    let mut order = [0u8; LEXICON.len()];
    let mut starts = [0u16; 27];
    let mut n = 0;
    let mut letter = 0;
    while letter < 26 {
        starts[letter] = n as u16;
        let mut k = 0;
        while k < LEXICON.len() {
            if LEXICON[k].0.as_bytes()[0] == b'a' + letter as u8 {
                order[n] = k as u8;
                n += 1;
            }
            k += 1;
        }
        letter += 1;
    }
    starts[26] = n as u16;
    assert!(
        n == LEXICON.len(),
        "every stem starts with a lower-case ASCII letter"
    );
    (order, starts)
};

/// The lexicon entry a word is an inflection of.
fn lookup(word: &str) -> Option<&'static (&'static str, Class, bool, Idiom)> {
    let b = word.as_bytes();
    let first = b.first()?.to_ascii_lowercase();
    if !first.is_ascii_lowercase() {
        return None;
    }
    // Only the stems with the word's first letter, in lexicon order (the first match wins).
    let (order, starts) = &LEXICON_BY_LETTER;
    let letter = usize::from(first - b'a');
    let stems = &order[usize::from(starts[letter])..usize::from(starts[letter + 1])];
    stems
        .iter()
        .map(|&k| &LEXICON[usize::from(k)])
        .find(|(stem, ..)| {
            b.len() >= stem.len()
                && b[..stem.len()].eq_ignore_ascii_case(stem.as_bytes())
                && is_in(&word[stem.len()..], ENDINGS)
        })
}

/// A forward word cursor: `pos` is just after the last accepted word.
struct Cur<'a> {
    text: &'a str,
    pos: usize,
    /// The last word read: (from, start, end, word). The grammar asks for the same next word
    /// several times (one list after another) before it moves on; the word is kept sliced, as
    /// slicing a `str` checks character boundaries in a call of its own in the .wasm.
    last: std::cell::Cell<(usize, usize, usize, &'a str)>,
}

impl<'a> Cur<'a> {
    /// The next word from `pos` (skipping spaces): (start, end, word).
    fn peek(&self) -> Option<(usize, usize, &'a str)> {
        self.peek_at(self.pos)
    }
    fn peek_at(&self, from: usize) -> Option<(usize, usize, &'a str)> {
        let (at, s, e, word) = self.last.get();
        if at == from {
            return Some((s, e, word));
        }
        let b = self.text.as_bytes();
        let mut s = from;
        while s < b.len() && b[s] == b' ' {
            s += 1;
        }
        let mut e = s;
        while e < b.len() {
            let c = b[e];
            if c.is_ascii_alphabetic() || c == b'-' || c == b'\'' || c >= 0x80 {
                e += 1;
            } else {
                break;
            }
        }
        if e == s {
            return None;
        }
        // Do not end on a hyphen or a non-ASCII punctuation byte sequence.
        if !self.text.is_char_boundary(e) {
            return None;
        }
        let word = &self.text[s..e];
        self.last.set((from, s, e, word));
        Some((s, e, word))
    }
    /// Accept the next word when it is `w` (case-insensitive).
    fn eat(&mut self, w: &str) -> bool {
        match self.peek() {
            Some((_, e, word)) if word.eq_ignore_ascii_case(w) => {
                self.pos = e;
                true
            }
            _ => false,
        }
    }
    /// Accept the words of `ws` in order, all or nothing.
    fn eat_seq(&mut self, ws: &[&str]) -> bool {
        let save = self.pos;
        for w in ws {
            if !self.eat(w) {
                self.pos = save;
                return false;
            }
        }
        true
    }
    fn eat_in(&mut self, list: &[&str]) -> Option<&'a str> {
        match self.peek() {
            Some((_, e, word)) if is_in(word, list) => {
                self.pos = e;
                Some(word)
            }
            _ => None,
        }
    }
    /// Skip adjectives (and "and" between two adjectives).
    fn eat_adjectives(&mut self) {
        loop {
            if self.eat_in(ADJECTIVES).is_some() {
                continue;
            }
            let save = self.pos;
            if self.eat("and") && self.eat_in(ADJECTIVES).is_some() {
                continue;
            }
            self.pos = save;
            break;
        }
    }
}

fn is_capitalised(word: &str) -> bool {
    word.as_bytes()
        .first()
        .is_some_and(|c| c.is_ascii_uppercase())
}

/// Is `word` a finite third-person verb form ("Recalls", "PROCLAIMS")?
fn is_finite(word: &str) -> bool {
    ends_with_ci(word, "s") && !ends_with_ci(word, "ss") && !ends_with_ci(word, "ous")
}

/// Is `word` a participle or adjective head ("Recalling", "Concerned", "Mindful")?
fn is_participle(word: &str) -> bool {
    ends_with_ci(word, "ing") || ends_with_ci(word, "ed")
}

/// Recognise the leading phrase of a clause's text (which starts at offset 0).
pub fn leading_phrase(text: &str, part: Part) -> Option<PhraseMatch> {
    let mut cur = Cur {
        text,
        pos: 0,
        // No word is read from usize::MAX.
        last: std::cell::Cell::new((usize::MAX, 0, 0, "")),
    };
    let (_, _, first) = cur.peek()?;
    // A lowercase opening is accepted only for a known finite operative verb: "The Economic and
    // Social Council takes note of ..." has its single paragraph start at "takes note".
    let known_lowercase = part == Part::Operative && is_finite(first) && lookup(first).is_some();
    if !(is_capitalised(first) || known_lowercase) {
        return None;
    }
    // Pre-modifiers.
    let mut pre_words = 0;
    loop {
        let (_, e, w) = cur.peek()?;
        if is_in(w, &["continues", "continuing", "continue"]) {
            let save = cur.pos;
            cur.pos = e;
            if cur.eat("to") {
                pre_words += 1;
                continue;
            }
            cur.pos = save;
            break;
        }
        if is_in(w, PRE_ADVERBS) && lookup(w).is_none() {
            // "Once" only as "Once again" / "Once more".
            if w.eq_ignore_ascii_case("once") {
                let save = cur.pos;
                cur.pos = e;
                if cur.eat("again") || cur.eat("more") {
                    pre_words += 1;
                    continue;
                }
                cur.pos = save;
                break;
            }
            cur.pos = e;
            // "Also," / "Further,"
            if text.as_bytes().get(e) == Some(&b',') {
                cur.pos = e + 1;
            }
            pre_words += 1;
            if pre_words > 4 {
                return None;
            }
            continue;
        }
        break;
    }
    let (_, head_end, head) = cur.peek()?;
    if pre_words == 0 && !is_capitalised(head) && lookup(head).is_none() {
        return None;
    }
    // "Being strongly of the opinion that ..." (S/RES/47 (1948)).
    if pre_words > 0 && head == "of" {
        let save = cur.pos;
        cur.pos = head_end;
        if cur.eat_seq(&["the", "opinion"]) || cur.eat_seq(&["the", "view"]) {
            return Some(PhraseMatch {
                len: cur.pos,
                category: category(Class::Mindful, part),
                unusual: false,
            });
        }
        cur.pos = save;
    }
    // "Having in mind ...", "Also having in mind ..." (as "Bearing in mind").
    let (head_start, _, _) = cur.peek()?;
    if head.eq_ignore_ascii_case("in") && ends_with_ci(trim_end(&text[..head_start]), "having") {
        let save = cur.pos;
        cur.pos = head_end;
        if cur.eat("mind") {
            return Some(PhraseMatch {
                len: cur.pos,
                category: category(Class::Mindful, part),
                unusual: false,
            });
        }
        cur.pos = save;
    }
    // An amendment's instruction is the bare imperative ("Insert", "Delete"); "Adds its voice",
    // "Amends rule 13" and "Replaces the annex" are other verbs of ordinary resolutions.
    let entry = lookup(head).filter(|&&(stem, class, ..)| {
        class != Class::Amend || is_in(&head[stem.len()..], &["", "e"])
    });
    let (mut class, its_ok, idiom) = match entry {
        Some(&(_, c, its, idiom)) => (c, its, idiom),
        None => {
            // Fallback: an unknown capitalised verb-like word.
            let ok_form = match part {
                Part::Operative => is_finite(head) || is_participle(head),
                Part::Preamble => is_participle(head),
            };
            let alpha = head.bytes().all(|c| c.is_ascii_alphabetic() || c == b'-');
            if !ok_form
                || !alpha
                || head.len() < 4
                || is_in(
                    head,
                    &["this", "thus", "its", "has", "was", "his", "was", "news"],
                )
            {
                return None;
            }
            (Class::Other, false, Idiom::None)
        }
    };
    let finite = is_finite(head) && !is_participle(head);
    let unusual = match part {
        Part::Preamble => finite && !is_in(head, &["whereas", "anxious", "desirous", "conscious"]),
        Part::Operative => ends_with_ci(head, "ing"),
    };
    cur.pos = head_end;
    // "Having also considered": an adverb between an auxiliary and the head.
    if pre_words > 0 && entry.is_none() {
        // nothing special
    }
    if head.eq_ignore_ascii_case("having") {
        return None;
    }
    // Idioms.
    match idiom {
        Idiom::Take => {
            if !(cur.eat("note")
                || cur.eat_seq(&["into", "account"])
                || cur.eat_seq(&["into", "consideration"])
                || cur.eat_seq(&["fully", "into", "account"]))
            {
                class = Class::Other;
            }
        }
        Idiom::InMind => {
            cur.eat_seq(&["in", "mind"]);
        }
        Idiom::Call => {
            let save = cur.pos;
            let again = cur.eat_seq(&["once", "again"]) || cur.eat("again");
            if !(cur.eat("upon") || cur.eat("for") || cur.eat("on") || cur.eat("attention")) {
                cur.pos = save;
            } else if again {
                // "Calls once again upon"
            }
        }
        Idiom::Forward => {
            cur.eat("forward");
        }
        Idiom::Tribute => {
            cur.eat("tribute");
        }
        Idiom::Attention => {
            let _ = cur.eat_seq(&["the", "attention"])
                || cur.eat("attention")
                || cur.eat_seq(&["to", "the", "attention"]);
        }
        Idiom::Give => {
            cur.eat_seq(&["due", "consideration"]);
        }
        Idiom::ItAdj => {
            let save = cur.pos;
            if cur.eat("it") {
                match cur.peek() {
                    Some((_, e, w)) if !is_in(w, FUNCTION_WORDS) && !is_in(w, &["be"]) => {
                        cur.pos = e
                    }
                    _ => cur.pos = save,
                }
            }
        }
        Idiom::Express => {
            let save = cur.pos;
            let _ = cur.eat("again") || cur.eat("also");
            let _ = cur.eat("its") || cur.eat("the");
            cur.eat_adjectives();
            match cur.peek() {
                Some((_, e, w))
                    if !is_in(w, FUNCTION_WORDS) && w.bytes().all(|c| c.is_ascii_lowercase()) =>
                {
                    cur.pos = e;
                    if is_in(w, CONCERN_NOUNS) {
                        class = Class::Concern;
                    } else if is_in(w, APPRECIATION_NOUNS) {
                        class = Class::Appreciate;
                    }
                    let save2 = cur.pos;
                    if !(cur.eat("and") && cur.eat_in(STANCE_NOUNS).is_some()) {
                        cur.pos = save2;
                    }
                }
                _ => cur.pos = save,
            }
        }
        Idiom::Share => {
            let save = cur.pos;
            cur.eat("the");
            cur.eat_adjectives();
            if cur.eat_in(STANCE_NOUNS).is_none() {
                cur.pos = save;
            }
        }
        Idiom::Acting => {
            let save = cur.pos;
            if cur.eat_seq(&["under", "Chapter"]) {
                // Chapter number, then "of the Charter of the United Nations".
                match cur.peek() {
                    Some((_, e, w)) if w.bytes().all(|c| b"IVXLC".contains(&c)) => {
                        cur.pos = e;
                        let save2 = cur.pos;
                        if !cur.eat_seq(&["of", "the", "Charter", "of", "the", "United", "Nations"])
                        {
                            cur.pos = save2;
                            cur.eat_seq(&["of", "the", "Charter"]);
                        }
                    }
                    _ => cur.pos = save,
                }
            }
        }
        Idiom::None => {}
    }
    // Post-modifiers.
    let mut guard = 0;
    loop {
        guard += 1;
        if guard > 8 {
            break;
        }
        if cur.eat_in(&["also", "equally", "firmly"]).is_some() {
            continue;
        }
        // "Recalling further the ..." but not "Encourages further efforts".
        if let Some((_, e, _)) = cur.peek().filter(|w| is_in(w.2, &["further", "again"])) {
            match cur.peek_at(e) {
                Some((_, _, next))
                    if next.bytes().all(|c| c.is_ascii_lowercase())
                        && !is_in(next, FUNCTION_WORDS)
                        && !is_in(next, &["relevant", "other", "about", "over", "recent"]) => {}
                _ => {
                    cur.pos = e;
                    continue;
                }
            }
        }
        if cur.eat_seq(&["once", "again"]) || cur.eat_seq(&["once", "more"]) {
            continue;
        }
        // The UN italicises "in this regard" after participles, not after operative verbs.
        if cur.eat_seq(&["in", "particular"])
            || (part == Part::Preamble
                && matches!(class, Class::Welcome | Class::Note)
                && (cur.eat_seq(&["in", "this", "regard"])
                    || cur.eat_seq(&["in", "that", "regard"])))
        {
            continue;
        }
        if cur.eat_seq(&["in", "the", "strongest", "possible", "terms"])
            || cur.eat_seq(&["in", "the", "strongest", "terms"])
            || cur.eat_seq(&["without", "reservation"])
            || cur.eat("unequivocally")
        {
            continue;
        }
        let save = cur.pos;
        if cur.eat("with") {
            cur.eat_adjectives();
            if let Some(n) = cur.eat_in(WITH_NOUNS) {
                if is_in(n, CONCERN_NOUNS)
                    && matches!(
                        class,
                        Class::Note | Class::Recognize | Class::Recall | Class::Affirm
                    )
                {
                    class = Class::Concern;
                }
                let save2 = cur.pos;
                if !(cur.eat("and") && cur.eat_in(WITH_NOUNS).is_some()) {
                    cur.pos = save2;
                }
                continue;
            }
            cur.pos = save;
            break;
        }
        if its_ok && cur.eat("its") {
            cur.eat_adjectives();
            if let Some(n) = cur.eat_in(STANCE_NOUNS) {
                if is_in(n, CONCERN_NOUNS) {
                    class = Class::Concern;
                }
                if is_in(n, &["call", "calls"]) {
                    let _ = cur.eat("upon") || cur.eat("for") || cur.eat("on");
                }
                let save2 = cur.pos;
                if !(cur.eat("and") && cur.eat_in(STANCE_NOUNS).is_some()) {
                    cur.pos = save2;
                }
                continue;
            }
            cur.pos = save;
            break;
        }
        if cur.eat("and") {
            // "Welcomes and encourages", "Welcoming and further encouraging".
            let save_adv = cur.pos;
            let mut base_ok = false;
            while let Some(w) =
                cur.eat_in(&["further", "also", "strongly", "deeply", "continues", "to"])
            {
                base_ok = w == "to";
            }
            match cur.peek() {
                Some((_, e, w))
                    if lookup(w).is_some()
                        && {
                            match part {
                                Part::Operative => is_finite(w) || base_ok,
                                Part::Preamble => {
                                    is_participle(w)
                                        || lookup(w)
                                            .is_some_and(|x| x.3 == Idiom::None && !is_finite(w))
                                }
                            }
                        }
                        && w.bytes().all(|c| c.is_ascii_lowercase() || c == b'-') =>
                {
                    cur.pos = e;
                    let (_, _, _, id2) = *lookup(w).unwrap();
                    if id2 == Idiom::Call {
                        let _ = cur.eat("upon") || cur.eat("for");
                    }
                    let _ = save_adv;
                    continue;
                }
                _ => {
                    cur.pos = save;
                    break;
                }
            }
        }
        break;
    }
    Some(PhraseMatch {
        len: cur.pos,
        category: category(class, part),
        unusual,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(t: &str) -> Option<(&str, &'static str)> {
        leading_phrase(t, Part::Operative).map(|m| (&t[..m.len], m.category))
    }
    fn pp(t: &str) -> Option<(&str, &'static str)> {
        leading_phrase(t, Part::Preamble).map(|m| (&t[..m.len], m.category))
    }

    #[test]
    fn operative_phrases() {
        assert_eq!(
            op("Requests the Secretary-General to"),
            Some(("Requests", "request"))
        );
        assert_eq!(op("Takes note of the report"), Some(("Takes note", "note")));
        assert_eq!(op("Calls upon all States"), Some(("Calls upon", "call")));
        assert_eq!(op("Also requests the"), Some(("Also requests", "request")));
        assert_eq!(
            op("Strongly condemns all"),
            Some(("Strongly condemns", "condemnation"))
        );
        assert_eq!(
            op("Notes with appreciation the"),
            Some(("Notes with appreciation", "note"))
        );
        assert_eq!(
            op("Expresses its appreciation to"),
            Some(("Expresses its appreciation", "appreciation"))
        );
        assert_eq!(
            op("Expresses deep concern at"),
            Some(("Expresses deep concern", "concern"))
        );
        assert_eq!(
            op("Decides to remain actively seized of the matter."),
            Some(("Decides", "decision"))
        );
        assert_eq!(
            op("Reiterates its call upon States"),
            Some(("Reiterates its call upon", "affirmation"))
        );
        assert_eq!(
            op("Reaffirms its resolution 60/1"),
            Some(("Reaffirms", "affirmation"))
        );
        assert_eq!(op("PROCLAIMS the"), Some(("PROCLAIMS", "decision")));
        assert_eq!(op("Implores the parties"), Some(("Implores", "call")));
        assert_eq!(op("Beseeches the parties"), Some(("Beseeches", "other")));
        assert_eq!(op("The Assembly decides"), None);
        assert_eq!(
            op("Welcomes and encourages the"),
            Some(("Welcomes and encourages", "welcome"))
        );
        assert_eq!(
            op("Calls once again upon"),
            Some(("Calls once again upon", "call"))
        );
    }

    #[test]
    fn preambular_phrases() {
        assert_eq!(
            pp("Recalling also its"),
            Some(("Recalling also", "recalling"))
        );
        assert_eq!(
            pp("Noting with concern that"),
            Some(("Noting with concern", "concern"))
        );
        assert_eq!(
            pp("Deeply concerned about"),
            Some(("Deeply concerned", "concern"))
        );
        assert_eq!(
            pp("Bearing in mind that"),
            Some(("Bearing in mind", "mindful"))
        );
        assert_eq!(
            pp("Having considered the"),
            Some(("Having considered", "considering"))
        );
        assert_eq!(pp("Guided by the"), Some(("Guided", "mindful")));
        assert_eq!(pp("Taking note of"), Some(("Taking note", "noting")));
        assert_eq!(
            pp("Reaffirming its commitment to"),
            Some(("Reaffirming its commitment", "reaffirming"))
        );
        assert_eq!(
            pp("Acting under Chapter VII of the Charter of the United Nations,"),
            Some((
                "Acting under Chapter VII of the Charter of the United Nations",
                "acting"
            ))
        );
        assert_eq!(pp("WHEREAS the"), Some(("WHEREAS", "considering")));
        let m = leading_phrase("Recalls that the", Part::Preamble).unwrap();
        assert!(
            m.unusual,
            "should flag a finite verb opening a preambular clause"
        );
        assert_eq!(m.category, "recalling");
        let m = leading_phrase("Recalling that the", Part::Preamble).unwrap();
        assert!(!m.unusual, "should not flag a participle");
    }
}
