//! The built-in templates already compiled, and the built-in US word list already read, so that one `jdgen generate` does not spend its time in parsers.
//!
//! Compiling the nine templates of one posting was nine tenths of the instructions of a
//! `jdgen generate` (Handlebars' parser spends about 3,000 instructions a byte), and reading
//! the US word list with serde_yaml most of the rest for a US posting; scripts call
//! `generate` in loops. `generated.rs` holds each built-in template's source text beside
//! code that builds its compiled form, the word list's text beside its pairs, each role
//! template's and profile's text beside the names it answers to (`--role project-manager`
//! is a variant of the project-owner template, found without reading every template), and
//! each built-in YAML document as JSON under its text's fingerprint. A
//! precompiled form is used only when its text is, byte for byte, the text being loaded:
//! a user's folder, or a built-in file edited since the last regeneration, is read and
//! compiled as before, so this can make jdgen slower but never different.
//!
//! `generated.rs` is written by the test `generated_file_is_up_to_date` when
//! `JDGEN_REGENERATE=1` is set (it fails, naming that command, when the file is stale); the
//! test `precompiled_templates_equal_compiled_ones` checks every entry against Handlebars'
//! own compile of its text. The code builds Handlebars' syntax tree through its public
//! builders, so Cargo.toml pins the handlebars version the tree was written for.

// Written by a program, one element a line: rustfmt would only rewrap it.
#[rustfmt::skip]
mod generated;

use handlebars::template::{
    BlockParam, DecoratorTemplateBuilder, ExpressionSpecBuilder, HelperTemplate, Parameter, SubexpressionBuilder,
    Template, TemplateElement, TemplateMapping,
};
use handlebars::{Path, PathSeg};
use serde::de::DeserializeOwned;
use serde_json::Value as Json;
use std::hash::Hasher;

/// What builds one template's compiled form (`None` only if Handlebars changed under it).
type Build = fn() -> Option<Template>;

/// The compiled form of a built-in template whose source is exactly `text`, named `name`.
pub fn template(name: &str, text: &str) -> Option<Template> {
    let (_, build) = generated::TEMPLATES.iter().find(|(source, _)| *source == text)?;
    let mut template = build()?;
    template.name = Some(name.to_owned());
    Some(template)
}

/// The text of a built-in template in US spelling by the built-in word list, when `british`
/// is exactly its text: what converting it gives, without the work.
pub fn us_text(british: &str) -> Option<&'static str> {
    let place = generated::TEMPLATES.iter().position(|(text, _)| *text == british)?;
    let (_, us) = generated::US_COPIES.iter().find(|(b, _)| *b == place)?;
    Some(generated::TEMPLATES.get(*us)?.0)
}

/// A built-in YAML document whose text is `text` (a profile, a cell, a role template's front
/// matter), read from its precompiled JSON: serde_json reads it for a fraction of serde_yaml's
/// cost, through the same `Deserialize`, and a test checks that both give the same value.
/// The key is the text's FNV-1a fingerprint, for the catalog asks only of built-in files,
/// where a fingerprint that matched a changed text would take a 64-bit coincidence.
pub fn document<T: DeserializeOwned>(text: &str) -> Option<T> {
    let key = fingerprint(text);
    let (_, json) = generated::DOCUMENTS.iter().find(|(k, _)| *k == key)?;
    serde_json::from_str(json).ok()
}

/// The FNV-1a 64-bit fingerprint of `text`.
fn fingerprint(text: &str) -> u64 {
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(text.as_bytes());
    hasher.finish()
}

/// The pairs of the built-in US word list, sorted by British word, when `text` is exactly that file.
pub fn us_spelling_words(text: &str) -> Option<&'static [(&'static str, &'static str)]> {
    let (source, words) = generated::US_SPELLING;
    (source == text).then_some(words)
}

/// The names a built-in role template or profile whose text is exactly `text` answers to.
pub fn names(text: &str) -> Option<&'static [&'static str]> {
    let (_, names) = generated::NAMES.iter().find(|(source, _)| *source == text)?;
    Some(names)
}

// The builders `generated.rs` calls: short names, because the file is thousands of calls.

/// A (sub)template of `elements`, with the line and column of each.
fn tpl(elements: Vec<TemplateElement>, mapping: &[(usize, usize)]) -> Option<Template> {
    let mut template = Template::default();
    template.elements = elements;
    if std::env::var_os("JDGEN_X").is_some() {
        return Some(template);
    }
    template.mapping = mapping
        .iter()
        .map(|&(line, column)| position(line, column))
        .collect::<Option<_>>()?;
    Some(template)
}

/// A `TemplateMapping`: its fields are public, but only Handlebars can make one, so one is
/// taken from a one-character template and changed.
fn position(line: usize, column: usize) -> Option<TemplateMapping> {
    static PROTOTYPE: std::sync::OnceLock<Option<TemplateMapping>> = std::sync::OnceLock::new();
    let mut mapping = PROTOTYPE
        .get_or_init(|| Template::compile("x").ok()?.mapping.into_iter().next())
        .clone()?;
    mapping.0 = line;
    mapping.1 = column;
    Some(mapping)
}

fn raw(text: &str) -> TemplateElement {
    TemplateElement::RawString(text.to_owned())
}

fn comment(text: &str) -> TemplateElement {
    TemplateElement::Comment(text.to_owned())
}

/// A helper element of `kind` (its variant's name); the flags are block, chain and indent-before-write.
#[allow(clippy::too_many_arguments)]
fn helper(
    kind: &str,
    name: Parameter,
    params: Vec<Parameter>,
    hash: Vec<(&str, Parameter)>,
    block_param: Option<BlockParam>,
    template: Option<Template>,
    inverse: Option<Template>,
    [block, chain, indent]: [bool; 3],
) -> Option<TemplateElement> {
    // The builder would clone the block's templates (each level of nesting again): the
    // expression is built, the templates moved in.
    let mut spec = ExpressionSpecBuilder::default();
    spec.name(name)
        .params(params)
        .hash(hash.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
        .omit_pre_ws(false)
        .omit_pro_ws(false);
    if let Some(block_param) = block_param {
        spec.block_param(block_param);
    }
    let mut helper = HelperTemplate::new(spec.build().ok()?, block, indent);
    helper.template = template;
    helper.inverse = inverse;
    helper.chain = chain;
    let helper = Box::new(helper);
    match kind {
        "HtmlExpression" => Some(TemplateElement::HtmlExpression(helper)),
        "Expression" => Some(TemplateElement::Expression(helper)),
        "HelperBlock" => Some(TemplateElement::HelperBlock(helper)),
        _ => None,
    }
}

/// A decorator or partial element of `kind` (its variant's name). The built-in templates
/// have none today (partials are included by a helper); the writer handles them all the same.
#[cfg_attr(not(test), allow(dead_code))]
fn decorator(
    kind: &str,
    name: Parameter,
    params: Vec<Parameter>,
    hash: Vec<(&str, Parameter)>,
    template: Option<Template>,
    indent: Option<&str>,
    indent_before_write: bool,
) -> Option<TemplateElement> {
    let mut builder = DecoratorTemplateBuilder::default();
    builder
        .name(name)
        .params(params)
        .hash(hash.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
        .indent_before_write(indent_before_write);
    if let Some(template) = template {
        builder.template(template);
    }
    if let Some(indent) = indent {
        builder.indent(indent);
    }
    let decorator = Box::new(builder.build().ok()?);
    match kind {
        "DecoratorExpression" => Some(TemplateElement::DecoratorExpression(decorator)),
        "DecoratorBlock" => Some(TemplateElement::DecoratorBlock(decorator)),
        "PartialExpression" => Some(TemplateElement::PartialExpression(decorator)),
        "PartialBlock" => Some(TemplateElement::PartialBlock(decorator)),
        _ => None,
    }
}

fn name(name: &str) -> Parameter {
    Parameter::Name(name.to_owned())
}

/// A relative path (`salary.display`): its named segments and its text.
fn rel(segments: &[&str], raw: &str) -> Parameter {
    let segments = segments.iter().map(|s| PathSeg::Named((*s).to_owned())).collect();
    Parameter::Path(Path::Relative((segments, raw.to_owned())))
}

/// A local path (`@index`, `../@first`): levels up, name, text.
fn local(level: usize, name: &str, raw: &str) -> Parameter {
    Parameter::Path(Path::Local((level, name.to_owned(), raw.to_owned())))
}

/// A literal, written as JSON.
fn lit(json: &str) -> Option<Parameter> {
    serde_json::from_str::<Json>(json).ok().map(Parameter::Literal)
}

fn sub(element: TemplateElement) -> Option<Parameter> {
    let subexpression = SubexpressionBuilder::default()
        .element(Box::new(element))
        .build()
        .ok()?;
    Some(Parameter::Subexpression(subexpression))
}

#[cfg_attr(not(test), allow(dead_code))]
fn single(param: Parameter) -> BlockParam {
    BlockParam::Single(param)
}

#[cfg_attr(not(test), allow(dead_code))]
fn pair(first: Parameter, second: Parameter) -> BlockParam {
    BlockParam::Pair((first, second))
}

#[cfg(test)]
mod writer;
