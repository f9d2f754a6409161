//! What one render may cost: the text it makes and the loop iterations it runs, counted as it goes.
//!
//! A catalog is data a company may take from others, and a template can ask for unbounded
//! work: three nested `{{#each}}` over 1,000 benefits write a billion lines, or loop a
//! billion times writing nothing. Each render therefore has a budget: [`MAX_RENDER_BYTES`]
//! of text and [`MAX_LOOP_ITERATIONS`] iterations. The text is counted where it is written
//! (the final output, and inside every loop and included partial, where Handlebars may be
//! filling a buffer of its own); the iterations by jdgen's own `each` helper, which behaves
//! as Handlebars' built-in one (a property test renders both) and charges the budget first.
//! Partial recursion is ruled out before rendering (see `structure.rs`).

use std::cell::Cell;
use std::io;

use handlebars::{
    to_json, BlockContext, BlockParams, Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext,
    RenderError, RenderErrorReason, Renderable,
};
use serde_json::Value as Json;

/// The most text one description may be, in bytes (a typical one is 6 KB).
pub const MAX_RENDER_BYTES: usize = 8 * 1024 * 1024;

/// The most `{{#each}}` iterations one description may run (a typical one runs about 50; a
/// posting listing 1,000 benefits, 1,000).
pub const MAX_LOOP_ITERATIONS: usize = 20_000;

/// Which limit a render ran into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeded {
    Bytes,
    Iterations,
}

#[derive(Clone, Copy, Default)]
struct Budget {
    bytes: usize,
    iterations: usize,
    exceeded: Option<Exceeded>,
}

thread_local! {
    // One render runs on one thread from start to end, so the budget is the thread's.
    static BUDGET: Cell<Budget> = const { Cell::new(Budget { bytes: 0, iterations: 0, exceeded: None }) };
    // Set while a counted write is passed down a chain of outputs, so it is counted once.
    static COUNTING: Cell<bool> = const { Cell::new(false) };
}

/// Starts a render's budget afresh.
pub fn start() {
    BUDGET.set(Budget::default());
}

/// The limit the last render on this thread ran into, if any.
pub fn exceeded() -> Option<Exceeded> {
    BUDGET.get().exceeded
}

fn charge_bytes(count: usize) -> io::Result<()> {
    let mut budget = BUDGET.get();
    budget.bytes = budget.bytes.saturating_add(count);
    if budget.bytes > MAX_RENDER_BYTES {
        budget.exceeded = Some(Exceeded::Bytes);
        BUDGET.set(budget);
        return Err(io::Error::other("the description is too long"));
    }
    BUDGET.set(budget);
    Ok(())
}

fn charge_iterations(count: usize) -> Result<(), RenderError> {
    let mut budget = BUDGET.get();
    budget.iterations = budget.iterations.saturating_add(count);
    if budget.iterations > MAX_LOOP_ITERATIONS {
        budget.exceeded = Some(Exceeded::Iterations);
        BUDGET.set(budget);
        return Err(RenderErrorReason::Other("too many loop iterations".into()).into());
    }
    BUDGET.set(budget);
    Ok(())
}

/// Counts `count` bytes unless an output further in has already counted them.
fn count_once(count: usize, write: impl FnOnce() -> io::Result<()>) -> io::Result<()> {
    if COUNTING.get() {
        return write();
    }
    charge_bytes(count)?;
    COUNTING.set(true);
    let result = write();
    COUNTING.set(false);
    result
}

/// The output a render writes into: a buffer that stops at the budget.
#[derive(Default)]
pub struct Buffer(pub Vec<u8>);

impl io::Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        count_once(bytes.len(), || Ok(()))?;
        self.0.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// An output that counts what passes through it (used inside loops and partials, where the
/// real output may be a buffer Handlebars keeps for a partial block).
pub struct Counted<'a>(pub &'a mut dyn Output);

impl Output for Counted<'_> {
    fn write(&mut self, seg: &str) -> io::Result<()> {
        count_once(seg.len(), || self.0.write(seg))
    }
}

/// `{{#each}}`, as Handlebars' built-in helper, charging each list's length to the budget
/// before the first iteration.
pub struct BoundedEach;

impl HelperDef for BoundedEach {
    fn call<'reg: 'rc, 'rc>(
        &self,
        helper: &Helper<'rc>,
        registry: &'reg Handlebars<'reg>,
        context: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let value = helper
            .param(0)
            .ok_or(RenderErrorReason::ParamNotFoundForIndex("each", 0))?;
        let Some(template) = helper.template() else {
            return Ok(());
        };
        let mut out = Counted(out);
        let iterations = match value.value() {
            Json::Array(list) if !list.is_empty() || helper.inverse().is_none() => list.len(),
            Json::Object(map) if !map.is_empty() || helper.inverse().is_none() => map.len(),
            _ => {
                return match helper.inverse() {
                    Some(inverse) => inverse.render(registry, context, rc, &mut out),
                    None if registry.strict_mode() => Err(RenderError::strict_error(value.relative_path())),
                    None => Ok(()),
                }
            }
        };
        charge_iterations(iterations)?;
        let items: Vec<(Json, &Json)> = match value.value() {
            Json::Array(list) => list.iter().enumerate().map(|(i, v)| (to_json(i), v)).collect(),
            Json::Object(map) => map.iter().map(|(k, v)| (to_json(k), v)).collect(),
            _ => Vec::new(),
        };
        let is_object = value.value().is_object();
        let mut block = BlockContext::new();
        match value.context_path() {
            Some(path) => *block.base_path_mut() = path.clone(),
            None => block.set_base_value(value.value().clone()),
        }
        rc.push_block(block);
        let base_path = value.context_path();
        let last = items.len().saturating_sub(1);
        for (index, (key, item)) in items.iter().enumerate() {
            if let Some(block) = rc.block_mut() {
                block.set_local_var("first", to_json(index == 0));
                block.set_local_var("last", to_json(index == last));
                block.set_local_var("index", to_json(index));
                if is_object {
                    block.set_local_var("key", key.clone());
                }
                let relative = match key {
                    Json::String(key) => key.clone(),
                    _ => index.to_string(),
                };
                match base_path {
                    Some(path) if index == 0 => {
                        let mut path = path.clone();
                        path.push(relative);
                        *block.base_path_mut() = path;
                    }
                    Some(_) => {
                        if let Some(segment) = block.base_path_mut().last_mut() {
                            *segment = relative;
                        }
                    }
                    None => block.set_base_value((*item).clone()),
                }
                set_block_params(block, helper, base_path.is_some(), key, item)?;
            }
            template.render(registry, context, rc, &mut out)?;
        }
        rc.pop_block();
        Ok(())
    }
}

/// `{{#each list as |item key|}}`: the block parameters, as Handlebars' own helper sets them.
fn set_block_params<'rc>(
    block: &mut BlockContext<'rc>,
    helper: &Helper<'rc>,
    by_path: bool,
    key: &Json,
    item: &Json,
) -> Result<(), RenderError> {
    let value_param = |params: &mut BlockParams<'rc>, name: &'rc str| match by_path {
        true => params.add_path(name, Vec::new()),
        false => params.add_value(name, item.clone()),
    };
    if let Some(name) = helper.block_param() {
        let mut params = BlockParams::new();
        value_param(&mut params, name)?;
        block.set_block_params(params);
    } else if let Some((value_name, key_name)) = helper.block_param_pair() {
        let mut params = BlockParams::new();
        value_param(&mut params, value_name)?;
        params.add_value(key_name, key.clone())?;
        block.set_block_params(params);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn render(bounded: bool, template: &str, data: &Json) -> Result<String, String> {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        if bounded {
            registry.register_helper("each", Box::new(BoundedEach));
        }
        start();
        registry
            .render_template(template, data)
            .map_err(|e| e.reason().to_string())
    }

    const TEMPLATES: &[&str] = &[
        "{{#each list}}{{@index}}:{{this}}{{#if @first}}F{{/if}}{{#if @last}}L{{/if}},{{/each}}",
        "{{#each map}}{{@key}}={{this}}/{{@index}};{{/each}}",
        "{{#each list as |item i|}}{{i}}-{{item}}{{/each}}",
        "{{#each map as |v k|}}{{k}}:{{v}}{{/each}}",
        "{{#each list}}{{#each ../list}}{{this}}{{@../index}}{{/each}}|{{/each}}",
        "{{#each nested}}{{#each this.items}}{{../name}}.{{this}} {{/each}}{{/each}}",
        "{{#each list}}x{{else}}empty{{/each}}",
        "{{#each missing}}x{{else}}none{{/each}}",
        "{{#each list}}{{lookup ../map @index}}{{/each}}",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn bounded_each_renders_as_the_built_in_one(
            list in proptest::collection::vec("[a-c]{0,3}", 0..5),
            keys in proptest::collection::btree_map("[a-d]{1,2}", 0u8..9, 0..4),
        ) {
            let data = json!({
                "list": list,
                "map": keys,
                "nested": [{"name": "n1", "items": list}, {"name": "n2", "items": []}],
            });
            for template in TEMPLATES {
                prop_assert_eq!(render(true, template, &data), render(false, template, &data), "{}", template);
            }
        }
    }

    #[test]
    fn loops_stop_at_the_budget() {
        let data = json!({ "list": (0..100).collect::<Vec<_>>() });
        let silent = "{{#each list}}{{#each ../list}}{{#each ../../list}}{{/each}}{{/each}}{{/each}}";
        assert!(render(true, silent, &data).is_err());
        assert_eq!(exceeded(), Some(Exceeded::Iterations));
        let two_deep = "{{#each list}}{{#each ../list}}{{/each}}{{/each}}";
        assert!(render(true, two_deep, &data).is_ok());
        assert_eq!(BUDGET.get().iterations, 100 + 100 * 100);
    }

    #[test]
    fn text_is_counted_once_wherever_it_is_written() {
        let mut registry = Handlebars::new();
        registry.register_helper("each", Box::new(BoundedEach));
        let data = json!({ "list": [1, 2, 3], "big": "x".repeat(MAX_RENDER_BYTES / 4) });
        start();
        let mut buffer = Buffer::default();
        registry
            .render_template_to_write("{{#each list}}{{#each ../list}}a{{/each}}{{/each}}", &data, &mut buffer)
            .unwrap();
        assert_eq!((buffer.0.len(), BUDGET.get().bytes), (9, 9));
        start();
        let error = registry
            .render_template_to_write(
                "{{#each list}}{{../big}}{{../big}}{{/each}}",
                &data,
                &mut Buffer::default(),
            )
            .unwrap_err();
        assert_eq!(exceeded(), Some(Exceeded::Bytes), "{error}");
    }
}
