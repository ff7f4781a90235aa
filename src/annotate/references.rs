//! stub
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefKind {
    Symbol,
    Resolution,
    Decision,
    Paragraph,
}
impl RefKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RefKind::Symbol => "symbol",
            RefKind::Resolution => "resolution",
            RefKind::Decision => "decision",
            RefKind::Paragraph => "paragraph",
        }
    }
}
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundRef {
    pub kind: RefKind,
    pub start: usize,
    pub end: usize,
    pub target: Option<String>,
}
pub struct RefContext<'a> {
    pub organ: Option<&'a str>,
    pub symbol: Option<&'a str>,
}
pub fn find_references(_text: &str, _ctx: &RefContext) -> Vec<FoundRef> {
    Vec::new()
}
pub fn undocs_url(target: &str) -> String {
    format!("https://undocs.org/{target}")
}
