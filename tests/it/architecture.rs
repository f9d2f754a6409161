//! The shape of the code, checked on its text: the library knows no clap.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, sorted.
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The lines of `text` that are code: without `//` comments (a comment may name clap).
fn code_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(|line| line.split("//").next().unwrap_or_default())
}

/// clap lives in the binary (`src/bin/jdgen/`): no file of the library names it, so neither
/// its API nor `cargo doc --no-deps` of the library shows a clap type.
#[test]
fn the_library_knows_no_clap() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let library: Vec<PathBuf> = rust_files(&src)
        .into_iter()
        .filter(|path| !path.starts_with(src.join("bin")))
        .collect();
    assert!(library.len() > 50, "{library:?}");
    let mut naming = Vec::new();
    for path in &library {
        let text = std::fs::read_to_string(path).unwrap();
        if code_lines(&text).any(|line| line.contains("clap")) {
            naming.push(path.strip_prefix(&src).unwrap().display().to_string());
        }
    }
    assert!(naming.is_empty(), "library files that name clap: {naming:?}");
    let binary = std::fs::read_to_string(src.join("bin/jdgen/cli.rs")).unwrap();
    assert!(
        code_lines(&binary).any(|line| line.contains("use clap::")),
        "the check reads real files"
    );
}

/// A module path: `["render", "docx", "body"]` for `src/render/docx/body.rs`.
type ModPath = Vec<String>;

/// The module path of a library file (`mod.rs` is its folder's module).
fn module_of(src: &Path, file: &Path) -> ModPath {
    let mut path: ModPath = file
        .strip_prefix(src)
        .unwrap()
        .with_extension("")
        .iter()
        .map(|part| part.to_string_lossy().into_owned())
        .collect();
    if path.last().is_some_and(|last| last == "mod" || last == "lib") {
        path.pop();
    }
    path
}

/// The text of a file without its `#[cfg(test)]` module (tests may reach anywhere) and
/// without `//` comments.
fn shipped_code(text: &str) -> String {
    let end = text.find("#[cfg(test)]\nmod ").unwrap_or(text.len());
    code_lines(&text[..end]).collect::<Vec<_>>().join("\n")
}

/// Every module path `code` (the text of module `module`) names through `crate::` or `super::`,
/// resolved to an absolute path, `use` groups (`super::{a, b::c}`) expanded.
fn named_paths(module: &ModPath, code: &str) -> Vec<ModPath> {
    let mut found = Vec::new();
    for (at, _) in code.match_indices("crate::").chain(code.match_indices("super::")) {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue; // inside a longer path (`super::super::x`) or a word
        }
        let mut base: ModPath = match code[at..].starts_with("crate::") {
            true => Vec::new(),
            false => module[..module.len().saturating_sub(1)].to_vec(),
        };
        // `super::` counted once above; each further one goes up a level.
        // "crate::" and "super::" are both 7 bytes; a leading `super::` is undone below.
        let mut rest = &code[at + 7..];
        while let Some(tail) = rest.strip_prefix("super::") {
            base.pop();
            rest = tail;
        }
        expand(&base, rest, &mut found);
    }
    found
}

/// Adds the paths `rest` names under `base`: `a::b::C`, or a group `{a, b::{c, d}}`.
fn expand(base: &ModPath, rest: &str, found: &mut Vec<ModPath>) {
    let mut path = base.clone();
    let mut rest = rest;
    loop {
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut start = 0;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' | ',' if depth == 1 => {
                        expand(&path, group[start..i].trim(), found);
                        start = i + 1;
                        if c == '}' {
                            return;
                        }
                    }
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            return;
        }
        let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if name.is_empty() {
            break;
        }
        path.push(name.clone());
        match rest[name.len()..].strip_prefix("::") {
            Some(tail) => rest = tail,
            None => break,
        }
    }
    if path.len() > base.len() {
        found.push(path);
    }
}

/// A circle in the graph of `folder`'s child modules (files and subfolders, not its `mod.rs`),
/// where a child points at another when its code names it.
fn circle_in(src: &Path, folder: &[&str]) -> Option<Vec<String>> {
    let folder: ModPath = folder.iter().map(|s| s.to_string()).collect();
    let dir = folder.iter().fold(src.to_owned(), |dir, part| dir.join(part));
    let mut edges: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> = Default::default();
    let children: std::collections::BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "rs"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .filter(|name| name != "mod" && name != "tests")
        .collect();
    // What the folder's mod.rs re-exports (`pub use rules::LintRules;`) stands for its child:
    // `super::LintRules` in a sibling points at `rules`.
    let mut reexports = std::collections::BTreeMap::new();
    let front = shipped_code(&std::fs::read_to_string(dir.join("mod.rs")).unwrap_or_default());
    for line in code_lines(&front) {
        let Some(used) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        let used = used.trim_end_matches(';').trim_start_matches("self::");
        let mut items = Vec::new();
        expand(&Vec::new(), used, &mut items);
        for item in items
            .into_iter()
            .filter(|path| path.len() == 2 && children.contains(&path[0]))
        {
            reexports.insert(item[1].clone(), item[0].clone());
        }
    }
    for file in rust_files(&dir) {
        let module = module_of(src, &file);
        let Some(from) = module.get(folder.len()).filter(|child| children.contains(*child)) else {
            continue; // the folder's own mod.rs
        };
        let code = shipped_code(&std::fs::read_to_string(&file).unwrap());
        for path in named_paths(&module, &code) {
            if path.len() > folder.len() && path[..folder.len()] == folder[..] {
                let named = &path[folder.len()];
                let to = reexports.get(named).unwrap_or(named);
                if to != from && children.contains(to) {
                    edges.entry(from.clone()).or_default().insert(to.clone());
                }
            }
        }
    }
    // Depth-first search; a node met again while on the stack closes a circle.
    fn visit(
        node: &str,
        edges: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut std::collections::BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut circle = stack[at..].to_vec();
            circle.push(node.to_owned());
            return Some(circle);
        }
        if !done.insert(node.to_owned()) {
            return None;
        }
        stack.push(node.to_owned());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(circle) = visit(next, edges, stack, done) {
                return Some(circle);
            }
        }
        stack.pop();
        None
    }
    let mut done = Default::default();
    children
        .iter()
        .find_map(|node| visit(node, &edges, &mut Vec::new(), &mut done))
}

/// The folders whose modules must point one way (docs/ARCHITECTURE.md, "One-way modules").
const ONE_WAY: [&[&str]; 9] = [
    &["lint"],
    &["render"],
    &["render", "docx"],
    &["site"],
    &["compare"],
    &["batch"],
    &["catalog"],
    &["posting"],
    &["yaml"],
];

#[test]
fn modules_point_one_way_within_each_folder() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let circles: Vec<String> = ONE_WAY
        .iter()
        .filter_map(|folder| {
            circle_in(&src, folder).map(|circle| format!("src/{}: {}", folder.join("/"), circle.join(" → ")))
        })
        .collect();
    assert!(
        circles.is_empty(),
        "modules that import each other:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_import_checker_finds_circles() {
    let module: ModPath = vec!["lint".into(), "rules".into()];
    let code = "use super::{document::{Block, Doc}, matcher::Set};\nuse crate::lint::phrases::X;\nfn f() { super::super::render::x(); }";
    let joined: Vec<String> = named_paths(&module, code).iter().map(|p| p.join("::")).collect();
    assert_eq!(
        joined,
        [
            "lint::phrases::X",
            "lint::document::Block",
            "lint::document::Doc",
            "lint::matcher::Set",
            "render::x"
        ]
    );
    let src = tempfile::tempdir().unwrap();
    let dir = src.path().join("f");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(
        dir.join("mod.rs"),
        "mod a; mod b; mod c; mod sub; use a::A;\npub use b::{B, Bee};",
    )
    .unwrap();
    std::fs::write(dir.join("a.rs"), "use super::{b::{B}, Shared};").unwrap();
    std::fs::write(
        dir.join("b.rs"),
        "fn f() { crate::f::c::g() }\n#[cfg(test)]\nmod tests { use super::super::a; }",
    )
    .unwrap();
    std::fs::write(dir.join("c.rs"), "// super::a::A in a comment\n").unwrap();
    std::fs::write(dir.join("sub/mod.rs"), "mod x;").unwrap();
    std::fs::write(dir.join("sub/x.rs"), "use super::super::a::A;").unwrap();
    assert_eq!(circle_in(src.path(), &["f"]), None, "a → b → c and sub → a: one way");
    std::fs::write(dir.join("c.rs"), "fn g() { super::Bee::new() }").unwrap();
    std::fs::write(dir.join("b.rs"), "fn f() { super::c::g() }").unwrap();
    assert_eq!(
        circle_in(src.path(), &["f"]),
        Some(vec!["b".to_owned(), "c".into(), "b".into()]),
        "through a re-export"
    );
    std::fs::write(dir.join("b.rs"), "fn f() { crate::f::c::g() }").unwrap();
    std::fs::write(dir.join("c.rs"), "fn g() { super::sub::x::y() }").unwrap();
    assert_eq!(
        circle_in(src.path(), &["f"]),
        Some(vec!["a".to_owned(), "b".into(), "c".into(), "sub".into(), "a".into()])
    );
}
