//! (being written)
use crate::{lines::Line, model::{Diagnostic, Footnote}};
pub fn lift(_input: &str, lines: Vec<Line>, _d: &mut Vec<Diagnostic>) -> (Vec<Line>, Vec<Footnote>) { (lines, Vec::new()) }
