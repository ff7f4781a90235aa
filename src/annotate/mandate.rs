//! stub
pub fn addressees(_text: &str, _phrase_len: usize) -> Vec<String> {
    Vec::new()
}
pub fn mandate(_text: &str, _phrase_len: usize) -> Option<crate::model::Mandate> {
    None
}
