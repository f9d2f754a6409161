//! Renders Markdown from the compiled templates: Handlebars in strict mode with Markdown escaping, then whitespace normalised.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use handlebars::{
    Context, Handlebars, Helper, HelperResult, Output, RenderContext, RenderError, RenderErrorReason, Template,
    TemplateError,
};
use serde_json::Value as Json;

use super::escape::{escape_markdown, escape_paragraphs, markdown_link};
use super::limits::{self, Exceeded};
use super::structure::{self, INCLUDE_HELPER};
use crate::error::{Error, Located, Result};

/// The compiled templates of one catalog. Compiled once per run, shared by every job.
pub struct TemplateEngine {
    registry: Handlebars<'static>,
    /// Template name -> (file name for messages, source text for line numbers).
    sources: BTreeMap<String, (String, String)>,
    /// What is wrong with rendering each template (partial recursion, …), worked out on the
    /// first render after the last template was registered.
    problems: OnceLock<BTreeMap<String, structure::Problem>>,
}

impl Default for TemplateEngine {
    fn default() -> Self {
        TemplateEngine::new()
    }
}

impl TemplateEngine {
    /// An engine with jdgen's escaping and helpers and no templates yet.
    pub fn new() -> TemplateEngine {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.register_escape_fn(escape_markdown);
        // `{{paragraphs text}}`: multi-paragraph text as escaped Markdown paragraphs.
        registry.register_helper(
            "paragraphs",
            Box::new(TextHelper("paragraphs", |t| Ok(escape_paragraphs(t)))),
        );
        // `{{link address}}` or `{{link address "Apply online"}}`: a Markdown link to a web or
        // e-mail address, with words that say where it goes as its text when given.
        registry.register_helper("link", Box::new(link_helper));
        // `{{long_date "2027-01-31"}}`: "31 January 2027" ("January 31, 2027" in a US posting).
        registry.register_helper("long_date", Box::new(long_date_helper));
        registry.register_helper("join", Box::new(join_helper));
        registry.register_helper("inc", Box::new(inc_helper));
        registry.register_helper(INCLUDE_HELPER, Box::new(IncludeHelper));
        // The built-in `each`, counting its iterations against the render's budget.
        registry.register_helper("each", Box::new(limits::BoundedEach));
        TemplateEngine {
            registry,
            sources: BTreeMap::new(),
            problems: OnceLock::new(),
        }
    }

    /// Compiles `text` as template `name`; `file` names it in error messages.
    pub fn register(&mut self, name: &str, file: &str, text: &str) -> Result<()> {
        let template = compile(name, file, text)?;
        self.insert(name, file, text, template);
        Ok(())
    }

    /// Compiles every source (or takes its precompiled form) and registers those that
    /// compile, in order; each name with its outcome. Compiling is most of the work of one
    /// `jdgen generate` when templates are not precompiled (Handlebars' parser spends about a
    /// microsecond a byte), so the sources to compile are shared between two threads.
    pub fn register_all(&mut self, mut sources: Vec<TemplateSource>) -> Vec<(String, Result<()>)> {
        let mut outcomes: Vec<Option<Result<Template>>> =
            sources.iter_mut().map(|s| s.compiled.take().map(Ok)).collect();
        let to_compile = |i: &usize| outcomes[*i].is_none();
        let total: usize = (0..sources.len())
            .filter(to_compile)
            .map(|i| sources[i].text.len())
            .sum();
        // The first sources up to about half the bytes to compile go to a second thread.
        let mut split = 0;
        let mut bytes = 0;
        while split < sources.len() && bytes < total / 2 {
            if to_compile(&split) {
                bytes += sources[split].text.len();
            }
            split += 1;
        }
        let compile_part = |part: &[TemplateSource], slots: &mut [Option<Result<Template>>]| {
            for (source, slot) in part.iter().zip(slots) {
                if slot.is_none() {
                    *slot = Some(compile(&source.name, &source.file, &source.text));
                }
            }
        };
        let (first, second) = sources.split_at(split);
        let (first_slots, second_slots) = outcomes.split_at_mut(split);
        match bytes == 0 || bytes == total {
            true => compile_part(&sources, &mut outcomes),
            false => std::thread::scope(|scope| {
                let other = scope.spawn(|| compile_part(first, first_slots));
                compile_part(second, second_slots);
                other.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            }),
        }
        sources
            .into_iter()
            .zip(outcomes)
            .map(|(source, outcome)| {
                let outcome = outcome.unwrap_or_else(|| compile(&source.name, &source.file, &source.text));
                let registered =
                    outcome.map(|template| self.insert(&source.name, &source.file, &source.text, template));
                (source.name, registered)
            })
            .collect()
    }

    fn insert(&mut self, name: &str, file: &str, text: &str, template: Template) {
        self.registry.register_template(name, template);
        self.sources.insert(name.to_owned(), (file.to_owned(), text.to_owned()));
        self.problems = OnceLock::new();
    }

    /// Whether a template (or partial) of this name is compiled.
    pub fn has(&self, name: &str) -> bool {
        self.registry.has_template(name)
    }

    /// The name and source text of each compiled template and partial, by name.
    pub fn sources(&self) -> impl Iterator<Item = (&str, &str)> {
        self.sources
            .iter()
            .map(|(name, (_, text))| (name.as_str(), text.as_str()))
    }

    /// Names of the compiled templates and partials.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.sources.keys().map(String::as_str)
    }

    /// Renders template `name` with `context` into normalised Markdown, within the limits of
    /// `limits.rs` and `structure.rs`.
    pub fn render(&self, name: &str, context: &Json) -> Result<String> {
        let problems = self
            .problems
            .get_or_init(|| structure::problems(self.registry.get_templates()));
        if let Some(problem) = problems.get(name) {
            let (file, text) = self.source_of(&problem.template);
            let at = (!text.is_empty()).then(|| Located::at(&file, &text, problem.line, problem.column));
            return Err(Error::template(
                file,
                problem.message.clone(),
                Some(problem.help.clone()),
                at,
            ));
        }
        limits::start();
        let mut buffer = limits::Buffer::default();
        self.registry
            .render_to_write(name, context, &mut buffer)
            .map_err(|error| self.render_error(name, &error))?;
        let raw = String::from_utf8(buffer.0)
            .map_err(|_| Error::template(name, "the template wrote text that is not UTF-8", None, None))?;
        Ok(normalize_whitespace(&raw))
    }

    /// The file name and text of a registered template, for messages.
    fn source_of(&self, template: &str) -> (String, String) {
        self.sources
            .get(template)
            .cloned()
            .unwrap_or_else(|| (template.to_owned(), String::new()))
    }

    fn render_error(&self, name: &str, error: &RenderError) -> Error {
        let template = error.template_name.as_deref().unwrap_or(name);
        let (file, text) = self.source_of(template);
        let at = match (error.line_no, error.column_no) {
            (Some(line), Some(column)) if !text.is_empty() => Some(Located::at(&file, &text, line, column)),
            _ => None,
        };
        let runaway = match limits::exceeded() {
            Some(Exceeded::Bytes) => Some(format!(
                "the description would be longer than {} MB",
                limits::MAX_RENDER_BYTES / (1024 * 1024)
            )),
            Some(Exceeded::Iterations) => Some(format!(
                "the template loops more than {} times for one description",
                limits::MAX_LOOP_ITERATIONS
            )),
            None => None,
        };
        if let Some(message) = runaway {
            return Error::template(
                file,
                message,
                Some("a loop inside a loop over the same long list multiplies; loop over each list once".into()),
                at,
            );
        }
        let (message, help) = match error.reason() {
            RenderErrorReason::MissingVariable(Some(path)) => (
                format!("the template uses `{path}`, which this posting does not have"),
                Some(format!(
                    "give that fact, or guard it in the template with {{{{#if {path}}}}}…{{{{/if}}}}"
                )),
            ),
            RenderErrorReason::PartialNotFound(partial) => (
                format!("the partial `{partial}` does not exist"),
                Some(format!(
                    "add templates/partials/{partial}.md.hbs to the catalog, or fix the name"
                )),
            ),
            RenderErrorReason::TemplateError(inner) => return template_error(&file, &text, inner),
            other => (other.to_string(), None),
        };
        Error::template(file, message, help, at)
    }
}

/// A template's source: its name in the engine, the file that names it in messages, its text.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    pub name: String,
    pub file: String,
    pub text: String,
    /// Its compiled form, when the catalog has it already (the built-in templates).
    pub compiled: Option<Template>,
}

/// Compiles one template, refusing nesting too deep for Handlebars' recursive parser first.
pub(crate) fn compile(name: &str, file: &str, text: &str) -> Result<Template> {
    if let Some((line, column)) = structure::too_deep(text) {
        return Err(Error::template(
            file,
            format!("blocks nest more than {} deep here", structure::MAX_BLOCK_DEPTH),
            Some("split the template into partials, or nest fewer {{#if}} and {{#each}} blocks".into()),
            Some(Located::at(file, text, line, column)),
        ));
    }
    Template::compile_with_name(include_simple_partials(text), name.to_owned())
        .map_err(|error| template_error(file, text, &error))
}

fn template_error(file: &str, text: &str, error: &TemplateError) -> Error {
    let at = error.pos().map(|(line, column)| Located::at(file, text, line, column));
    let reason = error.reason().to_string();
    // The parser lists its grammar's rule names ("expected escape, expression, …"): no help to an author.
    let message = match reason.starts_with("invalid handlebars syntax") {
        true => "the Handlebars syntax here cannot be read".to_owned(),
        false => reason,
    };
    Error::template(
        file,
        message,
        Some("check that every {{ has its }}, and every {{#block}} its {{/block}}, near this point".into()),
        at,
    )
}

/// Trailing spaces removed, runs of blank lines collapsed to one, no blank lines
/// at the start, exactly one newline at the end.
pub fn normalize_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() && blank_run > 0 {
            out.push('\n');
        }
        blank_run = 0;
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The first parameter as a string, or an error naming the helper.
fn string_param<'a>(helper: &'a Helper, name: &'static str, index: usize) -> std::result::Result<&'a str, RenderError> {
    let param = helper
        .param(index)
        .ok_or(RenderErrorReason::ParamNotFoundForIndex(name, index))?;
    if param.is_value_missing() {
        return Err(RenderErrorReason::MissingVariable(param.relative_path().cloned()).into());
    }
    param
        .value()
        .as_str()
        .ok_or_else(|| RenderErrorReason::InvalidParamType("string").into())
}

/// A helper that writes what `.1` makes of its one string parameter. The output is not
/// escaped again: each transform escapes the user text it writes.
struct TextHelper(&'static str, fn(&str) -> std::result::Result<String, RenderError>);

impl handlebars::HelperDef for TextHelper {
    fn call<'reg: 'rc, 'rc>(
        &self,
        helper: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        out.write(&(self.1)(string_param(helper, self.0, 0)?)?)?;
        Ok(())
    }
}

/// `{{link address ["text"]}}`.
fn link_helper(
    helper: &Helper,
    _: &Handlebars,
    _: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    let target = string_param(helper, "link", 0)?;
    let text = match helper.param(1) {
        Some(_) => Some(string_param(helper, "link", 1)?),
        None => None,
    };
    out.write(&markdown_link(target, text))?;
    Ok(())
}

/// `{{join list ", "}}`: list items escaped and joined (", " when no separator is given).
fn join_helper(
    helper: &Helper,
    _: &Handlebars,
    _: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    let param = helper
        .param(0)
        .ok_or(RenderErrorReason::ParamNotFoundForIndex("join", 0))?;
    if param.is_value_missing() {
        return Err(RenderErrorReason::MissingVariable(param.relative_path().cloned()).into());
    }
    let items = param
        .value()
        .as_array()
        .ok_or(RenderErrorReason::InvalidParamType("list"))?;
    let separator = match helper.param(1) {
        Some(_) => string_param(helper, "join", 1)?,
        None => ", ",
    };
    let texts: Vec<String> = items
        .iter()
        .map(|item| match item {
            Json::String(s) => escape_markdown(s),
            other => escape_markdown(&other.to_string()),
        })
        .collect();
    out.write(&texts.join(separator))?;
    Ok(())
}

handlebars::handlebars_helper!(inc_helper: |n: u64| n + 1);

/// Rewrites each plain partial call (`{{> name}}`, no parameters) into a call of
/// [`IncludeHelper`]. Handlebars copies the whole context for every partial call
/// (merging it with the call's hash, even an empty one): with seven partials per
/// description that was a third of the rendering time of a batch. Calls with
/// parameters or a block stay real partial calls. Only whitespace differs: the
/// helper's line is not "standalone", which the normalisation after rendering
/// absorbs (runs of blank lines collapse).
fn include_simple_partials(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("{{") {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let tag = &rest[open..];
        let Some(close) = tag.find("}}") else {
            out.push_str(tag);
            return out.into();
        };
        let inner = &tag[2..close];
        let (left, body) = inner.strip_prefix('~').map_or(("", inner), |b| ("~", b));
        let (body, right) = body.strip_suffix('~').map_or((body, ""), |b| (b, "~"));
        let name = body.strip_prefix('>').map(str::trim).filter(|n| {
            !n.is_empty()
                && n.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/' | '.'))
        });
        match name {
            Some(name) => out.push_str(&format!("{{{{{left}{INCLUDE_HELPER} \"{name}\"{right}}}}}")),
            None => out.push_str(&tag[..close + 2]),
        }
        rest = &tag[close + 2..];
    }
    out.push_str(rest);
    out.into()
}

/// Renders a registered partial in the current context, without copying the context.
struct IncludeHelper;

impl handlebars::HelperDef for IncludeHelper {
    fn call<'reg: 'rc, 'rc>(
        &self,
        helper: &Helper<'rc>,
        registry: &'reg Handlebars<'reg>,
        context: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        use handlebars::Renderable;
        let name = string_param(helper, ">", 0)?;
        // A US posting uses the partial's US-spelt copy where the catalog has one.
        let us_copy = match context.data().get("spelling").and_then(Json::as_str) {
            Some("us") => registry.get_template(&format!("{name}{}", crate::catalog::spelling::US_SUFFIX)),
            _ => None,
        };
        let template = us_copy
            .or_else(|| registry.get_template(name))
            .ok_or_else(|| RenderErrorReason::PartialNotFound(name.to_owned()))?;
        // Errors inside the partial name the partial's file, as a real partial call would.
        let caller = rc.get_current_template_name();
        rc.set_current_template_name(template.name.as_ref());
        let result = template.render(registry, context, rc, &mut super::limits::Counted(out));
        rc.set_current_template_name(caller);
        result
    }
}

/// "2027-01-31" as "31 January 2027", or "January 31, 2027" when the posting is spelt the US way:
/// unambiguous either way, and in the order each reader expects.
fn long_date_helper(
    helper: &Helper,
    _: &Handlebars,
    context: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    let text = string_param(helper, "long_date", 0)?;
    let date = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| RenderErrorReason::InvalidParamType("date written YYYY-MM-DD"))?;
    let pattern = match context.data().get("spelling").and_then(Json::as_str) {
        Some("us") => "%B %-d, %Y",
        _ => "%-d %B %Y",
    };
    out.write(&date.format(pattern).to_string())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn engine(template: &str) -> TemplateEngine {
        let mut engine = TemplateEngine::new();
        engine.register("t", "t.md.hbs", template).unwrap();
        engine
    }

    #[test]
    fn values_are_escaped_for_markdown_not_html() {
        let out = engine("# {{name}}\n")
            .render("t", &json!({"name": "AT&T <Labs> *Beta*"}))
            .unwrap();
        assert_eq!(out, "# AT&T \\<Labs\\> \\*Beta\\*\n");
    }

    #[test]
    fn strict_mode_names_template_line_and_variable() {
        let error = engine("a\n\n{{missing}}\n")
            .render("t", &json!({}))
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "t.md.hbs:3:1: the template uses `missing`, which this posting does not have"
        );
    }

    #[test]
    fn syntax_errors_are_located() {
        let mut engine = TemplateEngine::new();
        let error = engine
            .register("t", "t.md.hbs", "ok\n{{#if x}}\nno end\n")
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("t.md.hbs:"), "{error}");
    }

    #[test]
    fn helpers() {
        let e = engine("{{paragraphs about}}\n\n{{link url}}\n\n{{join list}}\n");
        let numbered = engine("{{#each list}}{{inc @index}}. {{this}}\n{{/each}}{{long_date day}}\n");
        let out = numbered
            .render("t", &json!({"list": ["a", "b"], "day": "2027-01-31"}))
            .unwrap();
        assert_eq!(out, "1. a\n2. b\n31 January 2027\n");
        let out = e
            .render(
                "t",
                &json!({"about": "A *b*.\n\nC.", "url": "https://x.example", "list": ["D", "E_"]}),
            )
            .unwrap();
        assert_eq!(out, "A \\*b\\*.\n\nC.\n\n[x.example](https://x.example)\n\nD, E\\_\n");
    }

    #[test]
    fn plain_partials_become_includes() {
        assert_eq!(
            include_simple_partials("a {{> about-company}} b"),
            "a {{__jdgen_include \"about-company\"}} b"
        );
        assert_eq!(include_simple_partials("{{~> x~}}"), "{{~__jdgen_include \"x\"~}}");
        for kept in ["{{> x y}}", "{{> x a=1}}", "{{#> x}}y{{/x}}", "{{x}}", "{{", "{{> }}"] {
            assert_eq!(include_simple_partials(kept), kept);
        }
        let mut engine = TemplateEngine::new();
        engine
            .register("p", "p.md.hbs", "{{#if n}}[{{n}}]{{/if}}{{missing}}")
            .unwrap();
        engine.register("t", "t.md.hbs", "x {{> p}} y\n").unwrap();
        let error = engine.render("t", &json!({"n": "A&B"})).unwrap_err().to_string();
        assert!(error.starts_with("p.md.hbs:1:"), "errors name the partial: {error}");
        engine.register("p", "p.md.hbs", "{{#if n}}[{{n}}]{{/if}}").unwrap();
        assert_eq!(engine.render("t", &json!({"n": "A&B"})).unwrap(), "x [A&B] y\n");
        assert!(engine.render("t", &json!({})).is_ok());
        engine.register("u", "u.md.hbs", "{{> nope}}\n").unwrap();
        assert!(engine
            .render("u", &json!({}))
            .unwrap_err()
            .to_string()
            .contains("`nope` does not exist"));
    }

    #[test]
    fn recursion_and_runaway_loops_are_template_errors() {
        let mut engine = TemplateEngine::new();
        engine.register("p", "p.md.hbs", "x\n{{> p}}\n").unwrap();
        engine.register("t", "t.md.hbs", "{{> p}}\n").unwrap();
        let error = engine.render("t", &json!({})).unwrap_err().to_string();
        assert_eq!(error, "p.md.hbs:2:1: the partial `p` includes itself (p → p)");
        let list: Vec<u32> = (0..1000).collect();
        let mut engine = TemplateEngine::new();
        engine
            .register(
                "t",
                "t.md.hbs",
                "{{#each l}}\n{{#each ../l}}{{#each ../../l}}{{/each}}{{/each}}{{/each}}",
            )
            .unwrap();
        let error = engine.render("t", &json!({ "l": list })).unwrap_err().to_string();
        assert!(error.contains("loops more than 20000 times"), "{error}");
        engine
            .register(
                "t",
                "t.md.hbs",
                "{{#each l}}{{#each ../l}}{{../../text}}{{/each}}{{/each}}",
            )
            .unwrap();
        // 140 + 140 × 140 iterations are within the budget; 500 bytes each are not.
        let list: Vec<u32> = (0..140).collect();
        let error = engine
            .render("t", &json!({ "l": list, "text": "x".repeat(500) }))
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("t.md.hbs:1:") && error.contains("longer than 8 MB"),
            "{error}"
        );
        let deep = format!("{}x{}", "{{#if a}}".repeat(20_000), "{{/if}}".repeat(20_000));
        let error = engine.register("d", "d.md.hbs", &deep).unwrap_err().to_string();
        assert!(
            error.starts_with("d.md.hbs:1:145: blocks nest more than 16 deep"),
            "{error}"
        );
    }

    #[test]
    fn whitespace_is_normalised() {
        assert_eq!(normalize_whitespace("\n\na  \n\n\n\nb\t\n\n"), "a\n\nb\n");
    }
}
