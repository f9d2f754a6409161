//! Every problem of a YAML document, not only the first: serde stops at the first bad value, so each part that fails is parsed again on its own.
//!
//! The document is first read as a plain [`Value`] tree (a syntax error stops here: the parser
//! cannot go on past it). Then, for a node that fails, each of its entries is deserialized
//! alone, into the real type, from the original text: a [`Focus`] deserializer hands the type
//! one entry of a block or list and skips the others. An entry that fails is probed the same
//! way, down to the smallest part that fails; the rest of the node without its failing entries
//! is tried once more, for what they do not explain (a required field that is missing).
//! Because every probe parses the original text with serde_yaml, each error keeps serde's own
//! line, column and field path, and means exactly what it would have meant alone.
//!
//! Probing runs only after a failed parse, and is bounded: small documents only, a fixed number
//! of probes, a fixed depth, so a hostile file costs a few parses more, never many.

use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::Value;

/// Larger documents get their first problem only (each probe parses the whole text again).
const MAX_PROBED_BYTES: usize = 256 * 1024;
/// Parses spent on one document's problems at most.
const MAX_PROBES: usize = 200;
/// Bytes all of one document's probes parse at most: a large document gets fewer probes, so
/// probing costs at most a few megabytes of parsing whatever the document.
const MAX_PROBED_TOTAL: usize = 4 * 1024 * 1024;
/// How deep probing descends (a job file's fields sit two or three levels down).
const MAX_DEPTH: usize = 4;
/// A block or list with more entries than this is reported as one problem.
const MAX_CHILDREN: usize = 100;

/// What probing a document found: every problem, and the document read without the top-level
/// entries that fail (so the facts that are fine can still be checked), when there is such a
/// reading.
pub(super) struct Examined<T> {
    pub problems: Vec<serde_yaml::Error>,
    pub rest: Option<T>,
}

/// The problems of `text` as `T`, given the error a whole parse gave: that error alone when the
/// document cannot be read as YAML at all or is too large to probe, else every part that fails.
pub(super) fn examine<T: DeserializeOwned>(text: &str, first: serde_yaml::Error) -> Examined<T> {
    let alone = |first| Examined {
        problems: vec![first],
        rest: None,
    };
    if text.len() > MAX_PROBED_BYTES {
        return alone(first);
    }
    let Ok(root) = serde_yaml::from_str::<Value>(text) else {
        return alone(first);
    };
    let mut probing = Probing::<T> {
        text,
        budget: MAX_PROBES.min(MAX_PROBED_TOTAL / text.len().max(1)),
        found: Vec::new(),
        target: std::marker::PhantomData,
    };
    let rest = probing.node(&root, &mut Vec::new(), "", first);
    Examined {
        problems: probing.found,
        rest,
    }
}

struct Probing<'t, T> {
    text: &'t str,
    budget: usize,
    found: Vec<serde_yaml::Error>,
    target: std::marker::PhantomData<T>,
}

impl<T: DeserializeOwned> Probing<'_, T> {
    /// Reports the problems of the node at `path` (entry indexes; `name` as serde_yaml writes
    /// its path), which failed with `error`. Returns the document read without the node's
    /// failing entries, when that reading succeeds.
    fn node(&mut self, value: &Value, path: &mut Vec<usize>, name: &str, error: serde_yaml::Error) -> Option<T> {
        let children = children(value, name);
        if children.is_empty() || children.len() > MAX_CHILDREN || path.len() >= MAX_DEPTH {
            self.found.push(error);
            return None;
        }
        let mut failing = Vec::new();
        for (index, (child, child_name, key)) in children.iter().enumerate() {
            let Some(result) = self.run(path, Some(index), &[]) else {
                break;
            };
            let Err(child_error) = result else { continue };
            // A probe leaves the node's other entries out: "missing field" about the node
            // itself is an effect of that, not a problem of this entry.
            if !belongs(&child_error, child_name, name, key.as_deref()) {
                continue;
            }
            failing.push(index);
            path.push(index);
            self.node(child, path, child_name, child_error);
            path.pop();
        }
        if failing.is_empty() {
            self.found.push(error);
            return None;
        }
        // What the failing entries do not explain: the node without them.
        match self.run(path, None, &failing)? {
            Ok(rest) => Some(rest),
            Err(rest) => {
                let removed: Vec<&str> = failing.iter().filter_map(|&i| children[i].2.as_deref()).collect();
                let missing_removed = removed
                    .iter()
                    .any(|key| body_of(&rest, name).is_some_and(|b| b == format!("missing field `{key}`")));
                if within(&rest, name) && !missing_removed {
                    self.found.push(rest);
                }
                None
            }
        }
    }

    /// Deserializes the document with only the entry `only` (or all but `except`) of the node
    /// at `path`; `None` when the budget is spent.
    fn run(&mut self, path: &[usize], only: Option<usize>, except: &[usize]) -> Option<Result<T, serde_yaml::Error>> {
        self.budget = self.budget.checked_sub(1)?;
        let mut full = path.to_vec();
        full.extend(only);
        let selection = Selection {
            path: &full,
            except: if only.is_some() { &[] } else { except },
        };
        Some(T::deserialize(Focus {
            inner: serde_yaml::Deserializer::from_str(self.text),
            selection,
        }))
    }
}

/// The entries of a block or list: each value, its path as serde_yaml writes it, and its key.
fn children(value: &Value, name: &str) -> Vec<(Value, String, Option<String>)> {
    let prefix = match name {
        "" => String::new(),
        name => format!("{name}."),
    };
    match value {
        Value::Mapping(mapping) => mapping
            .iter()
            .map(|(key, value)| {
                let key = match key {
                    Value::String(text) => text.clone(),
                    Value::Number(number) => number.to_string(),
                    Value::Bool(flag) => flag.to_string(),
                    _ => "?".to_owned(),
                };
                (value.clone(), format!("{prefix}{key}"), Some(key))
            })
            .collect(),
        Value::Sequence(items) => items
            .iter()
            .enumerate()
            .map(|(index, value)| (value.clone(), format!("{name}[{index}]"), None))
            .collect(),
        _ => Vec::new(),
    }
}

/// The message of `error` without its position: "path: body", or the body alone at the top.
fn message_of(error: &serde_yaml::Error) -> String {
    let full = error.to_string();
    match (error.location(), full.rfind(" at line ")) {
        (Some(_), Some(cut)) => full[..cut].to_owned(),
        _ => full,
    }
}

/// The body of `error`'s message when its path is exactly `name`.
fn body_of(error: &serde_yaml::Error, name: &str) -> Option<String> {
    let message = message_of(error);
    match name {
        "" => Some(message),
        name => message.strip_prefix(name)?.strip_prefix(": ").map(str::to_owned),
    }
}

/// Whether `error` is about the node `name` or something inside it.
fn within(error: &serde_yaml::Error, name: &str) -> bool {
    let message = message_of(error);
    name.is_empty()
        || message
            .strip_prefix(name)
            .is_some_and(|rest| rest.starts_with(": ") || rest.starts_with('.') || rest.starts_with('['))
}

/// Whether `error`, from probing the entry `child` (key `key`) of the node `parent`, is a
/// problem of that entry: inside it, or its key unknown or repeated (reported at the parent).
fn belongs(error: &serde_yaml::Error, child: &str, parent: &str, key: Option<&str>) -> bool {
    if within(error, child) {
        return true;
    }
    let (Some(key), Some(body)) = (key, body_of(error, parent)) else {
        return false;
    };
    body.starts_with(&format!("unknown field `{key}`")) || body.starts_with(&format!("duplicate field `{key}`"))
}

/// Which entries a [`Focus`] lets through: along `path`, one entry per level; at its end,
/// every entry but `except`; below that, everything.
#[derive(Clone, Copy)]
struct Selection<'a> {
    path: &'a [usize],
    except: &'a [usize],
}

impl<'a> Selection<'a> {
    fn passes_all(self) -> bool {
        self.path.is_empty() && self.except.is_empty()
    }

    fn keeps(self, index: usize) -> bool {
        match self.path.first() {
            Some(&only) => index == only,
            None => !self.except.contains(&index),
        }
    }

    /// The selection inside a kept entry.
    fn inside(self) -> Selection<'a> {
        match self.path.split_first() {
            Some((_, rest)) => Selection {
                path: rest,
                except: self.except,
            },
            None => Selection { path: &[], except: &[] },
        }
    }
}

/// A deserializer that shows its target only the selected entries of the blocks and lists
/// along the selection's path; everything else is read as serde_yaml reads it.
struct Focus<'a, D> {
    inner: D,
    selection: Selection<'a>,
}

macro_rules! focus_methods {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            match self.selection.passes_all() {
                true => self.inner.$method($($arg,)* visitor),
                false => self.inner.$method($($arg,)* FocusVisitor { inner: visitor, selection: self.selection }),
            }
        }
    )*};
}

impl<'de, D: de::Deserializer<'de>> de::Deserializer<'de> for Focus<'_, D> {
    type Error = D::Error;

    focus_methods! {
        deserialize_any(), deserialize_bool(), deserialize_i8(), deserialize_i16(), deserialize_i32(),
        deserialize_i64(), deserialize_i128(), deserialize_u8(), deserialize_u16(), deserialize_u32(),
        deserialize_u64(), deserialize_u128(), deserialize_f32(), deserialize_f64(), deserialize_char(),
        deserialize_str(), deserialize_string(), deserialize_bytes(), deserialize_byte_buf(),
        deserialize_option(), deserialize_unit(), deserialize_unit_struct(name: &'static str),
        deserialize_newtype_struct(name: &'static str), deserialize_seq(), deserialize_tuple(len: usize),
        deserialize_tuple_struct(name: &'static str, len: usize), deserialize_map(),
        deserialize_struct(name: &'static str, fields: &'static [&'static str]),
        deserialize_enum(name: &'static str, variants: &'static [&'static str]),
        deserialize_identifier(), deserialize_ignored_any(),
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// The target's visitor, shown only the selected entries of the block or list it visits.
struct FocusVisitor<'a, V> {
    inner: V,
    selection: Selection<'a>,
}

macro_rules! forward_visits {
    ($($method:ident($ty:ty)),* $(,)?) => {$(
        fn $method<E: de::Error>(self, value: $ty) -> Result<V::Value, E> {
            self.inner.$method(value)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for FocusVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.inner.expecting(f)
    }

    forward_visits! {
        visit_bool(bool), visit_i8(i8), visit_i16(i16), visit_i32(i32), visit_i64(i64), visit_i128(i128),
        visit_u8(u8), visit_u16(u16), visit_u32(u32), visit_u64(u64), visit_u128(u128), visit_f32(f32),
        visit_f64(f64), visit_char(char), visit_str(&str), visit_borrowed_str(&'de str), visit_string(String),
        visit_bytes(&[u8]), visit_borrowed_bytes(&'de [u8]), visit_byte_buf(Vec<u8>),
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_unit()
    }

    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        self.inner.visit_some(Focus {
            inner: deserializer,
            selection: self.selection,
        })
    }

    fn visit_newtype_struct<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        self.inner.visit_newtype_struct(Focus {
            inner: deserializer,
            selection: self.selection,
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.inner.visit_seq(FocusSeq {
            inner: seq,
            selection: self.selection,
            index: 0,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.inner.visit_map(FocusMap {
            inner: map,
            selection: self.selection,
            index: 0,
        })
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        // A tagged value is a leaf for probing: nothing inside it is selected.
        self.inner.visit_enum(data)
    }
}

/// A block's entries, the unselected ones skipped.
struct FocusMap<'a, A> {
    inner: A,
    selection: Selection<'a>,
    index: usize,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for FocusMap<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        loop {
            let index = self.index;
            self.index += 1;
            if self.selection.keeps(index) {
                return self.inner.next_key_seed(seed);
            }
            if self.inner.next_key::<IgnoredAny>()?.is_none() {
                return Ok(None);
            }
            self.inner.next_value::<IgnoredAny>()?;
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        self.inner.next_value_seed(FocusSeed {
            inner: seed,
            selection: self.selection.inside(),
        })
    }
}

/// A list's items, the unselected ones skipped.
struct FocusSeq<'a, A> {
    inner: A,
    selection: Selection<'a>,
    index: usize,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for FocusSeq<'_, A> {
    type Error = A::Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, A::Error> {
        loop {
            let index = self.index;
            self.index += 1;
            if self.selection.keeps(index) {
                return self.inner.next_element_seed(FocusSeed {
                    inner: seed,
                    selection: self.selection.inside(),
                });
            }
            if self.inner.next_element::<IgnoredAny>()?.is_none() {
                return Ok(None);
            }
        }
    }
}

/// The target's seed for a kept entry, deserializing it through a [`Focus`].
struct FocusSeed<'a, S> {
    inner: S,
    selection: Selection<'a>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for FocusSeed<'_, S> {
    type Value = S::Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        self.inner.deserialize(Focus {
            inner: deserializer,
            selection: self.selection,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Pay {
        min: f64,
        max: f64,
        currency: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        name: Option<String>,
        pay: Option<Pay>,
        items: Option<Vec<String>>,
        size: Option<u32>,
    }

    fn problems(text: &str) -> Vec<String> {
        let first = serde_yaml::from_str::<Doc>(text).unwrap_err();
        examine::<Doc>(text, first)
            .problems
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn every_bad_entry_is_found_with_its_position() {
        let found = problems("name: x\nsize: lots\npay: {min: a, max: b}\nitems: [ok, {k: v}, fine, [x]]\nnmae: y\n");
        assert_eq!(found.len(), 6, "{found:#?}");
        assert!(found[0].starts_with("size: invalid type") && found[0].contains("line 2 column 7"));
        assert!(found[1].starts_with("pay.min:") && found[1].contains("line 3 column 12"));
        assert!(found[2].starts_with("pay.max:") && found[2].contains("line 3 column 20"));
        assert!(found[3].starts_with("items[1]:") && found[3].contains("line 4 column 13"));
        assert!(found[4].starts_with("items[3]:"));
        assert!(found[5].starts_with("unknown field `nmae`") && found[5].contains("line 5 column 1"));
    }

    #[test]
    fn the_rest_of_the_document_is_read_without_its_bad_entries() {
        let text = "name: kept\nsize: lots\nitems: [a, b]\n";
        let first = serde_yaml::from_str::<Doc>(text).unwrap_err();
        let rest = examine::<Doc>(text, first).rest.unwrap();
        assert_eq!(rest.name.as_deref(), Some("kept"));
        assert_eq!(rest.size, None);
        assert_eq!(rest.items.unwrap(), ["a", "b"]);
    }

    #[test]
    fn a_missing_field_is_found_beside_bad_ones() {
        let found = problems("pay: {currency: [5], min: 1}\n");
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found[0].starts_with("pay.currency:"), "{found:#?}");
        assert!(found[1].starts_with("pay: missing field `max`"), "{found:#?}");
    }

    #[test]
    fn a_bad_block_is_not_taken_for_a_missing_one() {
        let found = problems("pay: 78000 - 96000 EUR\nsize: -1\n");
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found[0].starts_with("pay: invalid type: string"), "{found:#?}");
    }

    #[test]
    fn a_syntax_error_is_the_only_problem() {
        let text = "name: a: b\nsize: lots\n";
        let first = serde_yaml::from_str::<Doc>(text).unwrap_err();
        let examined = examine::<Doc>(text, first);
        assert_eq!(examined.problems.len(), 1);
        assert!(examined.rest.is_none());
    }

    #[test]
    fn probing_is_bounded() {
        let text = format!("items: [{}]\n", vec!["{k: v}"; 150].join(", "));
        assert_eq!(problems(&text).len(), 1, "a list too long to probe is one problem");
        let many: String = (0..300).map(|i| format!("k{i}: 1\n")).collect();
        assert!(problems(&many).len() <= MAX_PROBES);
        // A large document gets as many probes as its size allows.
        let lists: String = (0..6)
            .map(|i| format!("l{i}: [{}]\n", vec!["{k: v}"; 90].join(", ")))
            .collect();
        let large = format!("{lists}name: {}\n", "y".repeat(200_000));
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Lists {
            l0: Vec<String>,
            l1: Vec<String>,
            l2: Vec<String>,
            l3: Vec<String>,
            l4: Vec<String>,
            l5: Vec<String>,
            name: String,
        }
        let first = serde_yaml::from_str::<Lists>(&large).unwrap_err();
        let found = examine::<Lists>(&large, first).problems.len();
        assert!(found <= MAX_PROBED_TOTAL / large.len(), "{found}");
    }
}
