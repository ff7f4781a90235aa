//! The seed document, E/CN.4/2002/L.108, checked field by field (issue 2 and DESIGN.md).

use clausemark::{parse, Distribution, Document, DocumentKind};

fn seed() -> (String, Document) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/E_CN.4_2002_L.108.txt"
    );
    let text = std::fs::read_to_string(path).expect("should read the seed");
    let doc = parse(&text);
    (text, doc)
}

#[test]
fn header_fields() {
    let (_, d) = seed();
    assert_eq!(
        d.kind,
        DocumentKind::DraftResolution,
        "should be a draft resolution"
    );
    assert_eq!(d.symbol.as_deref(), Some("E/CN.4/2002/L.108"));
    assert_eq!(d.masthead.as_deref(), Some("Economic and Social Council"));
    assert_eq!(
        d.organ.as_deref(),
        Some("Commission on Human Rights"),
        "should take the organ from the formula"
    );
    assert_eq!(d.distribution, Some(Distribution::Limited));
    assert_eq!(d.date.as_deref(), Some("2002-04-22"));
    assert_eq!(d.language.as_deref(), Some("English"));
    let s = d.session.as_ref().expect("should read the session");
    assert_eq!(
        (s.text.as_str(), s.number),
        ("Fifty-eighth session", Some(58))
    );
    assert_eq!(d.agenda_items.len(), 1);
    assert_eq!(d.agenda_items[0].number, "19");
    assert_eq!(
        d.agenda_items[0].title.as_deref(),
        Some("Advisory services and technical cooperation in the field of human rights")
    );
    assert_eq!(d.number.as_deref(), Some("2002/..."));
    assert_eq!(
        d.title.as_deref(),
        Some("Advisory services and technical cooperation in the field of human rights")
    );
    assert_eq!(d.report_of, None);
    assert_eq!(
        d.formula.as_ref().map(|f| f.text.as_str()),
        Some("The Commission on Human Rights,")
    );
}

#[test]
fn sponsors_with_codes_and_marks() {
    let (text, d) = seed();
    assert_eq!(d.sponsors.len(), 47, "should split 47 sponsors");
    assert!(
        d.sponsors.iter().all(|s| s.iso3.is_some()),
        "should resolve every sponsor to an ISO code"
    );
    let marked: Vec<_> = d.sponsors.iter().filter(|s| s.marks == ["*"]).collect();
    assert_eq!(marked.len(), 30, "should find 30 sponsors marked *");
    let note = d
        .footnotes
        .iter()
        .find(|f| f.mark == "*")
        .expect("should lift the * footnote");
    assert!(
        note.text
            .starts_with("In accordance with rule 69, paragraph 3"),
        "should link * to rule 69: {}",
        note.text
    );
    let mk = d
        .sponsors
        .iter()
        .find(|s| s.name == "The former Yugoslav Republic of Macedonia")
        .expect("should keep the long name whole");
    assert_eq!(mk.iso3.as_deref(), Some("MKD"));
    let yu = d.sponsors.last().unwrap();
    assert_eq!(
        (yu.name.as_str(), yu.iso3.as_deref()),
        ("Yugoslavia", Some("YUG"))
    );
    assert_eq!(
        &text[yu.span.start..yu.span.end],
        "Yugoslavia*",
        "should span the name and its mark in the input"
    );
    assert!(d.sponsors.iter().all(|s| s.on_behalf_of.is_none()));
}

#[test]
fn clauses_and_items() {
    let (text, d) = seed();
    assert_eq!(d.preamble.len(), 6);
    assert_eq!(d.operative.len(), 18);
    let ids = |c: &clausemark::Clause| c.items.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&d.preamble[0]), ["pp1-a", "pp1-b"]);
    assert_eq!(ids(&d.preamble[1]), ["pp2-a", "pp2-b", "pp2-c"]);
    assert_eq!(ids(&d.preamble[2]), ["pp3-a", "pp3-b", "pp3-c", "pp3-d"]);
    let op17 = &d.operative[16];
    assert_eq!(op17.id, "op17");
    assert_eq!(op17.label.as_deref(), Some("17."));
    assert_eq!(ids(op17), ["op17-a", "op17-b", "op17-c"]);
    assert_eq!(op17.items[1].label.as_deref(), Some("(b)"));
    assert!(
        op17.items[1].text.starts_with("To continue to provide"),
        "should drop the label from the text"
    );
    assert_eq!(
        op17.items[1].phrase.as_ref().map(|p| p.text.as_str()),
        Some("To continue"),
        "should take the infinitive as an item's phrase"
    );
    // Phrases of the preamble and the operative part.
    let phrases: Vec<&str> = d
        .preamble
        .iter()
        .map(|c| c.phrase.as_ref().map_or("", |p| p.text.as_str()))
        .collect();
    assert_eq!(
        phrases,
        [
            "Recalling",
            "Recalling also",
            "Mindful",
            "Reaffirming",
            "Acknowledging",
            "Mindful"
        ]
    );
    let op1 = &d.operative[0];
    assert_eq!(
        op1.phrase.as_ref().map(|p| p.text.as_str()),
        Some("Notes with appreciation"),
        "should read through the emphasis markers"
    );
    // Spans point into the input: the phrase's span slices the italic words.
    let p = op1.phrase.as_ref().unwrap();
    assert_eq!(&text[p.span.start..p.span.end], "Notes with appreciation");
    // The footnote printed between pp1 (a) and (b) is not in the text of either.
    assert!(
        !d.preamble[0].items[0].text.contains("rule 69"),
        "should lift the footnote out of pp1 (a)"
    );
    assert!(d.preamble[0].items[1]
        .text
        .starts_with("General Assembly resolution 92 (X)"));
    for c in d.clauses() {
        assert!(
            c.span.end <= text.len() && c.span.start < c.span.end,
            "should span {} inside the input",
            c.id
        );
        assert!(
            !c.text.contains("**"),
            "should drop emphasis markers from {}",
            c.id
        );
    }
}

#[test]
fn no_warnings_on_the_seed() {
    let (_, d) = seed();
    let warnings: Vec<_> = d
        .diagnostics
        .iter()
        .filter(|x| x.severity != clausemark::Severity::Info)
        .collect();
    assert!(
        warnings.is_empty(),
        "should read the seed without warnings: {warnings:#?}"
    );
}

#[test]
fn annotations_of_the_seed() {
    let (text, d) = seed();
    // References named in issue 3, with their targets.
    let find = |t: &str| d.references.iter().find(|r| r.target.as_deref() == Some(t));
    for (target, printed) in [
        ("A/RES/92(X)", "General Assembly resolution 92 (X)"),
        (
            "E/DEC/1987/147",
            "Economic and Social Council decision 1987/147",
        ),
        ("E/CN.4/RES/2000/80", "Commission resolution 2000/80"),
        ("A/CONF.157/23", "A/CONF.157/23"),
        ("E/CN.4/2002/116", "E/CN.4/2002/116"),
    ] {
        let r = find(target)
            .unwrap_or_else(|| panic!("should find a reference to {target}: {:#?}", d.references));
        assert_eq!(
            r.url.as_deref(),
            Some(format!("https://undocs.org/{target}").as_str())
        );
        assert_eq!(
            &text[r.span.start..r.span.end],
            printed,
            "should span exactly the citation of {target}"
        );
    }
    // Operative phrases and their categories.
    let cat = |i: usize| {
        d.operative[i]
            .phrase
            .as_ref()
            .and_then(|p| p.category.as_deref())
            .unwrap_or_default()
    };
    assert_eq!(cat(13), "request", "op14 Requests");
    assert_eq!(cat(5), "invitation", "op6 Invites");
    assert_eq!(cat(17), "decision", "op18 Decides");
    assert!(
        d.operative
            .iter()
            .all(|c| c.phrase.as_ref().is_some_and(|p| p.category.is_some())),
        "should categorise every operative phrase"
    );
    // op17's mandate, from its item (c).
    let m = d.operative[16]
        .mandate
        .as_ref()
        .expect("should extract op17's mandate");
    assert_eq!(m.who.as_deref(), Some("Secretary-General"));
    assert_eq!(m.what.as_deref(), Some("report"));
    assert_eq!(m.to.as_deref(), Some("Commission"));
    assert_eq!(m.when.as_deref(), Some("sixtieth session"));
    assert_eq!(d.operative[16].addressee, ["Secretary-General"]);
    // Dates.
    assert!(
        d.dates
            .iter()
            .any(|x| x.iso == "1955-12-14" && x.precision == "day"),
        "should find 14 December 1955"
    );
    assert!(
        d.dates
            .iter()
            .any(|x| x.iso == "1993-06" && x.precision == "month"),
        "should find June 1993"
    );
}
