//! (being written)
use crate::{lines::Line, model::{Diagnostic, Document}};
pub fn read(_input: &str, _lines: &[Line], _doc: &mut Document, _d: &mut Vec<Diagnostic>) -> usize { 0 }
