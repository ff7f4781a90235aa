//! The `clausemark` command line.
//!
//! ```text
//! clausemark parse FILE [--pretty]   the Document as JSON (byte spans into FILE)
//! clausemark outline FILE            a readable outline: header, sponsors, clauses
//! FILE may be `-` for standard input.
//! ```
//!
//! Errors (missing file, a directory, bytes that are not UTF-8, a bad command line) are one line
//! on stderr and exit code 2, never a backtrace. A closed stdout (`clausemark parse f | head`)
//! ends the program quietly.

use clausemark::{Clause, Document};
use std::fmt::Write as _;
use std::io::{self, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "\
clausemark: parse the text of a United Nations resolution

Usage:
  clausemark parse FILE [--pretty]   print the document as JSON (spans are byte offsets)
  clausemark outline FILE            print a readable outline (header, sponsors, clauses)
  clausemark --help | --version

FILE is a UTF-8 text file, or - for standard input.
Exit codes: 0 success, 2 unreadable input or bad usage.";

/// A failure reported as one line on stderr, with exit code 2.
struct Fail(String);

enum Command {
    Parse { file: String, pretty: bool },
    Outline { file: String },
    Help,
    Version,
}

fn args(argv: &[String]) -> Result<Command, Fail> {
    let mut words = Vec::new();
    let mut pretty = false;
    let mut only_files = false;
    for a in argv {
        match a.as_str() {
            _ if only_files => words.push(a.clone()),
            "--" => only_files = true,
            "-h" | "--help" => return Ok(Command::Help),
            "-V" | "--version" => return Ok(Command::Version),
            "--pretty" | "-p" => pretty = true,
            s if s.starts_with('-') && s != "-" => {
                return Err(Fail(format!(
                    "unknown option '{s}' (try 'clausemark --help')"
                )))
            }
            _ => words.push(a.clone()),
        }
    }
    let mut words = words.into_iter();
    let command = words.next();
    let file = words.next();
    if let Some(extra) = words.next() {
        return Err(Fail(format!(
            "unexpected argument '{extra}' (try 'clausemark --help')"
        )));
    }
    match (command.as_deref(), file) {
        (Some("parse"), Some(file)) => Ok(Command::Parse { file, pretty }),
        (Some("outline"), Some(file)) if !pretty => Ok(Command::Outline { file }),
        (Some("outline"), Some(_)) => Err(Fail("'--pretty' applies to 'parse' only".into())),
        (Some(c @ ("parse" | "outline")), None) => Err(Fail(format!(
            "'{c}' needs a FILE (or - for stdin); try 'clausemark --help'"
        ))),
        (None, _) => Err(Fail(
            "missing command: 'parse FILE' or 'outline FILE' (try 'clausemark --help')".into(),
        )),
        (Some(c), _) => Err(Fail(format!(
            "unknown command '{c}': expected 'parse' or 'outline' (try 'clausemark --help')"
        ))),
    }
}

/// Read FILE (or stdin for `-`) as UTF-8 text.
fn read(file: &str) -> Result<String, Fail> {
    let (bytes, name) = if file == "-" {
        let mut buf = Vec::new();
        io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .map_err(|e| Fail(format!("cannot read standard input: {}", describe(&e))))?;
        (buf, "standard input".to_string())
    } else {
        if std::path::Path::new(file).is_dir() {
            return Err(Fail(format!("{file}: is a directory, not a text file")));
        }
        let bytes = std::fs::read(file)
            .map_err(|e| Fail(format!("cannot read {file}: {}", describe(&e))))?;
        (bytes, file.to_string())
    };
    String::from_utf8(bytes).map_err(|e| {
        let err = e.utf8_error();
        let at = err.valid_up_to();
        let bad = e.as_bytes()[at];
        Fail(format!(
            "{name}: not valid UTF-8: bad byte 0x{bad:02X} at byte offset {at} (convert the file to UTF-8 first)"
        ))
    })
}

/// The OS error without Rust's "(os error 2)" suffix.
fn describe(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

fn run(argv: &[String]) -> Result<String, Fail> {
    match args(argv)? {
        Command::Help => Ok(format!("{USAGE}\n")),
        Command::Version => Ok(format!("clausemark {}\n", clausemark::VERSION)),
        Command::Parse { file, pretty } => {
            let doc = clausemark::parse(&read(&file)?);
            let json = if pretty {
                serde_json::to_string_pretty(&doc)
            } else {
                serde_json::to_string(&doc)
            };
            json.map(|j| j + "\n")
                .map_err(|e| Fail(format!("cannot write JSON: {e}")))
        }
        Command::Outline { file } => Ok(outline(&clausemark::parse(&read(&file)?))),
    }
}

/// Up to `n` words of `s`, with "…" when there are more.
fn first_words(s: &str, n: usize) -> String {
    let mut words = s.split_whitespace();
    let mut out: Vec<&str> = words.by_ref().take(n).collect();
    if words.next().is_some() {
        out.push("…");
    }
    out.join(" ")
}

fn clause_line(out: &mut String, c: &Clause, depth: usize) {
    let indent = "  ".repeat(depth + 1);
    let label = c.label.as_deref().unwrap_or("");
    let _ = write!(out, "{indent}{:<10} {label:<6}", c.id);
    let mut rest = c.text.trim_start();
    if let Some(p) = &c.phrase {
        let _ = write!(out, " [{}]", p.text);
        if let Some(r) = rest.strip_prefix(p.text.as_str()) {
            rest = r;
        }
    }
    let words = first_words(rest, 8);
    if !words.is_empty() {
        let glued = words.starts_with([',', ':', ';', '.']);
        let _ = write!(out, "{}{words}", if glued { "" } else { " " });
    }
    out.push('\n');
    for item in &c.items {
        clause_line(out, item, depth + 1);
    }
}

fn outline(doc: &Document) -> String {
    let mut o = String::new();
    let or_dash = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
    let _ = writeln!(o, "symbol:        {}", or_dash(&doc.symbol));
    let _ = writeln!(o, "kind:          {}", doc.kind.as_str());
    let _ = writeln!(o, "masthead:      {}", or_dash(&doc.masthead));
    let _ = writeln!(o, "organ:         {}", or_dash(&doc.organ));
    let dist = doc.distribution.map(|d| match d {
        clausemark::Distribution::General => "general",
        clausemark::Distribution::Limited => "limited",
        clausemark::Distribution::Restricted => "restricted",
    });
    let _ = writeln!(o, "distribution:  {}", dist.unwrap_or("-"));
    let _ = writeln!(o, "date:          {}", or_dash(&doc.date));
    let _ = writeln!(o, "language:      {}", or_dash(&doc.language));
    match &doc.session {
        Some(s) => match s.number {
            Some(n) => _ = writeln!(o, "session:       {} ({n})", s.text),
            None => _ = writeln!(o, "session:       {}", s.text),
        },
        None => _ = writeln!(o, "session:       -"),
    }
    for a in &doc.agenda_items {
        let title = a.title.as_deref().unwrap_or("");
        let _ = writeln!(o, "agenda item:   {} {title}", a.number);
    }
    let _ = writeln!(o, "number:        {}", or_dash(&doc.number));
    let _ = writeln!(o, "title:         {}", or_dash(&doc.title));
    if let Some(r) = &doc.report_of {
        let _ = writeln!(o, "report of:     {}", r.text);
    }
    let _ = writeln!(o, "sponsors ({}):", doc.sponsors.len());
    let mut line = String::new();
    for s in &doc.sponsors {
        let mut entry = format!(
            "{}{} [{}]",
            s.name,
            s.marks.concat(),
            s.iso3.as_deref().unwrap_or("???")
        );
        if let Some(b) = &s.on_behalf_of {
            let _ = write!(entry, " (on behalf of {b})");
        }
        if !line.is_empty() && line.chars().count() + entry.chars().count() > 94 {
            let _ = writeln!(o, "  {}", line.trim_end());
            line.clear();
        }
        line.push_str(&entry);
        line.push_str(", ");
    }
    if !line.is_empty() {
        let _ = writeln!(o, "  {}", line.trim_end_matches(", "));
    }
    // What each mark means: how many sponsors carry it, and its footnote.
    let mut marks: Vec<&str> = doc
        .sponsors
        .iter()
        .flat_map(|s| s.marks.iter().map(String::as_str))
        .collect();
    marks.sort_unstable();
    marks.dedup();
    for m in marks {
        let n = doc
            .sponsors
            .iter()
            .filter(|s| s.marks.iter().any(|x| x == m))
            .count();
        let note = doc
            .footnotes
            .iter()
            .find(|f| f.mark == m)
            .map(|f| first_words(&f.text, 12))
            .unwrap_or_else(|| "(no footnote with this mark)".into());
        let plural = if n == 1 { "" } else { "s" };
        let _ = writeln!(o, "  {m} ({n} sponsor{plural}): {note}");
    }
    if let Some(f) = &doc.formula {
        let _ = writeln!(o, "formula:       {}", f.text);
    }
    let _ = writeln!(o, "preamble ({}):", doc.preamble.len());
    for c in &doc.preamble {
        clause_line(&mut o, c, 0);
    }
    let _ = writeln!(o, "operative ({}):", doc.operative.len());
    for c in &doc.operative {
        clause_line(&mut o, c, 0);
    }
    let marks: Vec<&str> = doc.footnotes.iter().map(|f| f.mark.as_str()).collect();
    let _ = write!(o, "footnotes:     {}", doc.footnotes.len());
    if !marks.is_empty() {
        let _ = write!(o, " ({})", marks.join(" "));
    }
    o.push('\n');
    let _ = writeln!(o, "references:    {}", doc.references.len());
    let _ = writeln!(o, "dates:         {}", doc.dates.len());
    if let Some(a) = &doc.adoption {
        let parts: Vec<&str> = [&a.meeting, &a.date, &a.vote]
            .into_iter()
            .filter_map(|p| p.as_deref())
            .collect();
        let _ = writeln!(o, "adoption:      {}", parts.join("; "));
    }
    let count =
        |sev: clausemark::Severity| doc.diagnostics.iter().filter(|d| d.severity == sev).count();
    let _ = writeln!(
        o,
        "diagnostics:   {} ({} errors, {} warnings, {} info)",
        doc.diagnostics.len(),
        count(clausemark::Severity::Error),
        count(clausemark::Severity::Warning),
        count(clausemark::Severity::Info)
    );
    o
}

fn main() -> ExitCode {
    // A bug in the parser must still end in one line, not a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("clausemark: internal error{at}: {msg} (please report this input)");
    }));
    let argv: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    match run(&argv) {
        Ok(text) => {
            let mut stdout = io::stdout().lock();
            match stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("clausemark: cannot write output: {}", describe(&e));
                    ExitCode::from(2)
                }
            }
        }
        Err(Fail(msg)) => {
            eprintln!("clausemark: {msg}");
            ExitCode::from(2)
        }
    }
}
