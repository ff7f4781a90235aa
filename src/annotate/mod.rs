//! Inline annotations (being written).
use crate::model::{Diagnostic, Document};
pub fn annotate(_input: &str, _doc: &mut Document, _d: &mut Vec<Diagnostic>) {}
pub mod dates;
pub mod mandate;
pub mod phrases;
pub mod references;
