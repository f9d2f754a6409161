//! The shape of a catalog's templates, checked before anything renders: block nesting, and the
//! graph of partials (no recursion, bounded depth and count).
//!
//! Handlebars follows a partial that includes itself until the stack overflows (the process
//! aborts), and its parser recurses once per nested block. So a template is refused when its
//! `{{#…}}` blocks nest deeper than [`MAX_BLOCK_DEPTH`] (checked on the text, before the parser
//! sees it), and a render is refused when the partials it reaches include each other in a
//! cycle, nest deeper than [`MAX_PARTIAL_DEPTH`], or expand more than [`MAX_PARTIAL_RENDERS`]
//! times (a partial that includes the next one twice, thirty times over, is a billion renders).
//! A partial must be named literally, so that the graph is known before rendering.

use std::collections::{BTreeMap, HashMap};

use handlebars::template::{Parameter, Template, TemplateElement};

/// The deepest `{{#if}}`, `{{#each}}`, … nesting in one template (and subexpressions in one tag).
pub const MAX_BLOCK_DEPTH: usize = 16;
/// The deepest chain of partials including partials.
pub const MAX_PARTIAL_DEPTH: usize = 8;
/// The most partials one description may expand, counting every inclusion once (loops aside).
pub const MAX_PARTIAL_RENDERS: usize = 256;

/// The helper jdgen renders a plain `{{> name}}` with (see `markdown.rs`).
pub const INCLUDE_HELPER: &str = "__jdgen_include";

/// A problem in the text of a template or its graph, at a 1-based position of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The template whose text is at fault (a name the engine knows).
    pub template: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: String,
}

/// Each `{{…` outside comments: its byte offset and the text after the braces.
pub fn mustaches(text: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut rest_start = 0;
    while let Some(open) = text[rest_start..].find("{{").map(|i| rest_start + i) {
        let inner = text[open + 2..].trim_start_matches(['{', '~']);
        if let Some(comment) = inner.strip_prefix('!') {
            // `{{!-- … --}}` may contain `}}`; `{{! … }}` may not.
            let end = match comment.starts_with("--") {
                true => comment.find("--}}").map(|i| i + 4),
                false => comment.find("}}").map(|i| i + 2),
            };
            let consumed = text.len() - comment.len();
            rest_start = end.map_or(text.len(), |e| consumed + e);
            continue;
        }
        found.push((open, inner));
        rest_start = open + 2;
    }
    found
}

/// Each partial a template names literally (`{{> name}}`, `{{#> name}}`), outside comments:
/// the byte offset of its tag and the name.
pub fn partial_calls(text: &str) -> Vec<(usize, &str)> {
    mustaches(text)
        .into_iter()
        .filter_map(|(offset, inner)| {
            let after_hash = inner.strip_prefix('#').unwrap_or(inner);
            let partial = after_hash.trim_start().strip_prefix('>')?.trim_start();
            let end = partial
                .find(|c: char| c.is_whitespace() || matches!(c, '}' | '~' | '('))
                .unwrap_or(partial.len());
            (end > 0).then(|| (offset, &partial[..end]))
        })
        .collect()
}

/// The 1-based line and column (in characters) of byte `offset` of `text`.
pub fn position(text: &str, offset: usize) -> (usize, usize) {
    Positions::new(text).at(offset)
}

/// Line and column of increasing offsets of one text, each found from the one before: a
/// template of 20,000 tags on one line took seconds when each was counted from the start.
pub struct Positions<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    column: usize,
}

impl<'a> Positions<'a> {
    /// Positions in `text`, starting at its start.
    pub fn new(text: &'a str) -> Positions<'a> {
        Positions {
            text,
            offset: 0,
            line: 1,
            column: 1,
        }
    }

    /// The 1-based line and column of byte `offset`; offsets must not decrease.
    pub fn at(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.clamp(self.offset, self.text.len());
        let between = &self.text[self.offset..offset];
        match between.rfind('\n') {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', between.as_bytes()).count();
                self.column = between[last + 1..].chars().count() + 1;
            }
            None => self.column += between.chars().count(),
        }
        self.offset = offset;
        (self.line, self.column)
    }
}

/// The first place where `text` nests blocks, or subexpressions in one tag, deeper than
/// [`MAX_BLOCK_DEPTH`]: a 1-based line and column. Counts generously (a `{{#` in a raw block
/// counts too), which only matters for texts no one writes.
pub fn too_deep(text: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut positions = Positions::new(text);
    for (offset, tag) in mustaches(text) {
        let tag = tag.trim_start();
        let body = &tag[..tag.find("}}").unwrap_or(tag.len())];
        let mut parentheses = 0usize;
        for (index, c) in body.char_indices() {
            match c {
                '(' => parentheses += 1,
                ')' => parentheses = parentheses.saturating_sub(1),
                _ => continue,
            }
            if parentheses > MAX_BLOCK_DEPTH {
                return Some(position(
                    text,
                    offset + (tag.as_ptr() as usize - text[offset..].as_ptr() as usize) + index,
                ));
            }
        }
        let opens =
            tag.starts_with('#') || (tag.starts_with('^') && tag[1..].trim_start().starts_with(char::is_alphabetic));
        if opens {
            depth += 1;
            if depth > MAX_BLOCK_DEPTH {
                return Some(positions.at(offset));
            }
        } else if tag.starts_with('/') {
            depth = depth.saturating_sub(1);
        }
    }
    None
}

/// One partial a template renders, and where it names it.
#[derive(Debug, Clone)]
struct Call {
    /// The partial's name, or `None` when an expression names it.
    name: Option<String>,
    line: usize,
    column: usize,
}

/// What a compiled template renders of other templates, and what it uses that jdgen refuses.
#[derive(Debug, Default)]
struct Calls {
    calls: Vec<Call>,
    decorator: Option<(usize, usize)>,
}

fn collect(template: &Template, into: &mut Calls) {
    for (index, element) in template.elements.iter().enumerate() {
        let (line, column) = template
            .mapping
            .get(index)
            .map_or((1, 1), |mapping| (mapping.0, mapping.1));
        collect_element(element, line, column, into);
    }
}

fn collect_element(element: &TemplateElement, line: usize, column: usize, into: &mut Calls) {
    match element {
        TemplateElement::PartialExpression(partial) | TemplateElement::PartialBlock(partial) => {
            let name = match &partial.name {
                Parameter::Literal(serde_json::Value::String(name)) => Some(name.clone()),
                Parameter::Subexpression(_) | Parameter::Literal(_) => None,
                other => other.as_name().map(str::to_owned),
            };
            // `{{> @partial-block}}` renders the caller's block, already rendered.
            if name.as_deref().is_none_or(|n| !n.starts_with('@')) {
                into.calls.push(Call { name, line, column });
            }
            if let Some(block) = &partial.template {
                collect(block, into);
            }
            params(partial.params.iter().chain(partial.hash.values()), line, column, into);
        }
        TemplateElement::DecoratorExpression(_) | TemplateElement::DecoratorBlock(_) => {
            into.decorator.get_or_insert((line, column));
        }
        TemplateElement::Expression(helper)
        | TemplateElement::HtmlExpression(helper)
        | TemplateElement::HelperBlock(helper) => {
            if helper.name.as_name() == Some(INCLUDE_HELPER) {
                let name = match helper.params.first() {
                    Some(Parameter::Literal(serde_json::Value::String(name))) => Some(name.clone()),
                    _ => None,
                };
                into.calls.push(Call { name, line, column });
            }
            params(helper.params.iter().chain(helper.hash.values()), line, column, into);
            for block in helper.template.iter().chain(&helper.inverse) {
                collect(block, into);
            }
        }
        _ => {}
    }
}

/// Subexpressions among a tag's parameters (`(__jdgen_include "x")` written by hand) render
/// templates too.
fn params<'a>(params: impl Iterator<Item = &'a Parameter>, line: usize, column: usize, into: &mut Calls) {
    for param in params {
        if let Parameter::Subexpression(sub) = param {
            collect_element(sub.as_element(), line, column, into);
        }
    }
}

/// What is wrong with rendering each template, by name: nothing for most. Computed once for
/// every template of an engine.
pub fn problems(templates: &HashMap<String, Template>) -> BTreeMap<String, Problem> {
    let calls: HashMap<&str, Calls> = templates
        .iter()
        .map(|(name, template)| {
            let mut calls = Calls::default();
            collect(template, &mut calls);
            (name.as_str(), calls)
        })
        .collect();
    let mut graph = Graph {
        calls: &calls,
        state: HashMap::new(),
    };
    let mut names: Vec<&str> = calls.keys().copied().collect();
    names.sort_unstable();
    names
        .into_iter()
        .filter_map(|name| graph.visit(name).err().map(|problem| (name.to_owned(), problem)))
        .collect()
}

/// A template's partials, once known: how deep they nest and how many renders they expand to.
#[derive(Clone, Copy)]
struct Reach {
    depth: usize,
    renders: usize,
}

enum State {
    /// On the path being explored: reaching it again is a cycle.
    Open,
    Done(Result<Reach, Problem>),
}

struct Graph<'a> {
    calls: &'a HashMap<&'a str, Calls>,
    state: HashMap<&'a str, State>,
}

impl<'a> Graph<'a> {
    /// Depth-first over the partials `name` renders. The path is kept in `state` as `Open`, so
    /// a partial reached again while open closes a cycle, which is named in full.
    fn visit(&mut self, name: &'a str) -> Result<Reach, Problem> {
        match self.state.get(name) {
            Some(State::Done(result)) => return result.clone(),
            Some(State::Open) => unreachable!("cycles are caught by the caller"),
            None => {}
        }
        let Some(calls) = self.calls.get(name) else {
            // A partial that does not exist: rendering says so, where it is used.
            return Ok(Reach { depth: 0, renders: 0 });
        };
        let problem = |line, column, message: String, help: &str| Problem {
            template: name.to_owned(),
            line,
            column,
            message,
            help: help.to_owned(),
        };
        if let Some((line, column)) = calls.decorator {
            let result = Err(problem(
                line,
                column,
                "decorators and inline partials ({{#*inline}}) are not supported".into(),
                "put the partial in its own file, templates/partials/NAME.md.hbs",
            ));
            self.state.insert(name, State::Done(result.clone()));
            return result;
        }
        self.state.insert(name, State::Open);
        let mut reach = Reach { depth: 0, renders: 0 };
        let mut result = Ok(());
        for call in &calls.calls {
            let Some(partial) = call.name.as_deref() else {
                result = Err(problem(
                    call.line,
                    call.column,
                    "a partial named by an expression cannot be checked before rendering".into(),
                    "name the partial literally, e.g. {{> benefits}}",
                ));
                break;
            };
            let partial = self.calls.get_key_value(partial).map_or(partial, |(key, _)| *key);
            if matches!(self.state.get(partial), Some(State::Open)) {
                result = Err(problem(
                    call.line,
                    call.column,
                    format!(
                        "the partial `{partial}` includes itself ({})",
                        self.cycle(partial, name)
                    ),
                    "a partial may not include itself, directly or through other partials",
                ));
                break;
            }
            match self.visit(partial) {
                Ok(inner) => {
                    reach.depth = reach.depth.max(inner.depth + 1);
                    reach.renders = reach.renders.saturating_add(inner.renders + 1);
                }
                Err(inner) => {
                    result = Err(inner);
                    break;
                }
            }
        }
        let result = result.and_then(|()| {
            let first = calls.calls.first().map_or((1, 1), |c| (c.line, c.column));
            if reach.depth > MAX_PARTIAL_DEPTH {
                Err(problem(
                    first.0,
                    first.1,
                    format!("partials here nest {} deep; jdgen renders at most {MAX_PARTIAL_DEPTH} levels", reach.depth),
                    "include fewer partials from partials",
                ))
            } else if reach.renders > MAX_PARTIAL_RENDERS {
                Err(problem(
                    first.0,
                    first.1,
                    format!(
                        "this template expands to {} partial renders; jdgen renders at most {MAX_PARTIAL_RENDERS} for one description",
                        reach.renders
                    ),
                    "a partial that includes another twice, over several levels, doubles at each level",
                ))
            } else {
                Ok(reach)
            }
        });
        self.state.insert(name, State::Done(result.clone()));
        result
    }

    /// "a → b → a": the open path from `start` to `end`, and back to `start`.
    fn cycle(&self, start: &'a str, end: &'a str) -> String {
        // The open templates form one path; follow calls from `start` through open templates.
        let mut path = vec![start];
        let mut current = start;
        while current != end {
            let next = self.calls.get(current).and_then(|calls| {
                calls
                    .calls
                    .iter()
                    .filter_map(|c| c.name.as_deref())
                    .find(|n| matches!(self.state.get(n), Some(State::Open)) && !path.contains(n))
            });
            match next {
                Some(next) => {
                    let next = self.calls.get_key_value(next).map_or(next, |(key, _)| *key);
                    path.push(next);
                    current = next;
                }
                None => break,
            }
        }
        path.push(start);
        path.join(" → ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn templates(sources: &[(&str, &str)]) -> HashMap<String, Template> {
        sources
            .iter()
            .map(|(name, text)| ((*name).to_owned(), Template::compile(text).unwrap()))
            .collect()
    }

    #[test]
    fn cycles_are_found_and_named() {
        let found = problems(&templates(&[
            ("role", "x\n{{> a}}"),
            ("a", "{{#if x}}{{> b}}{{/if}}"),
            ("b", "b {{> a x=1}}"),
            ("self", "{{__jdgen_include \"self\"}}"),
            ("fine", "{{> leaf}}{{> leaf}}"),
            ("leaf", "leaf"),
        ]));
        let role = &found["role"];
        assert_eq!(role.template, "b");
        assert!(role.message.contains("`a` includes itself (a → b → a)"), "{role:?}");
        assert_eq!(
            found["self"].message,
            "the partial `self` includes itself (self → self)"
        );
        assert!(!found.contains_key("fine") && !found.contains_key("leaf"));
    }

    #[test]
    fn depth_count_and_dynamic_names_are_bounded() {
        let mut chain: Vec<(String, String)> = (0..12)
            .map(|i| (format!("p{i}"), format!("{{{{> p{}}}}}", i + 1)))
            .collect();
        chain.push(("p12".into(), "end".into()));
        let sources: Vec<(&str, &str)> = chain.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
        assert!(problems(&templates(&sources))["p0"].message.contains("nest"));
        let doubling: Vec<(String, String)> = (0..8)
            .map(|i| (format!("d{i}"), format!("{{{{> d{0}}}}}{{{{> d{0}}}}}", i + 1)))
            .collect();
        let mut sources: Vec<(&str, &str)> = doubling.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
        sources.push(("d8", "x"));
        assert!(problems(&templates(&sources))["d0"].message.contains("partial renders"));
        let found = problems(&templates(&[
            ("t", "{{> (lookup this \"x\")}}"),
            ("i", "{{#*inline \"p\"}}x{{/inline}}"),
        ]));
        assert!(found["t"].message.contains("named by an expression"));
        assert!(found["i"].message.contains("inline partials"));
    }

    #[test]
    fn positions_follow_the_text() {
        let text = "ab\ncé\n\nxyz";
        let mut positions = Positions::new(text);
        let expected = [
            (0, (1, 1)),
            (1, (1, 2)),
            (3, (2, 1)),
            (6, (2, 3)),
            (7, (3, 1)),
            (8, (4, 1)),
            (10, (4, 3)),
        ];
        for (offset, at) in expected {
            assert_eq!(positions.at(offset), at, "{offset}");
            assert_eq!(position(text, offset), at, "{offset}");
        }
    }

    #[test]
    fn deep_nesting_is_found_in_the_text() {
        let deep = format!("{}x{}", "{{#if a}}".repeat(17), "{{/if}}".repeat(17));
        assert_eq!(too_deep(&deep), Some((1, 16 * 9 + 1)));
        let fine = format!("{}x{}", "{{#if a}}\n".repeat(16), "{{/if}}".repeat(16));
        assert_eq!(too_deep(&fine), None);
        let wide = "{{#each a}}{{/each}}".repeat(100);
        assert_eq!(too_deep(&wide), None);
        let parens = format!("{{{{x {}y{}}}}}", "(a ".repeat(20), ")".repeat(20));
        assert!(too_deep(&parens).is_some());
        assert_eq!(too_deep("{{!-- {{#if}}{{#if}} --}}{{^}}"), None);
    }
}
