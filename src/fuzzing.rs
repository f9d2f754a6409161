//! Entry points for the fuzz targets (`fuzz/`) and their regression tests: one per parser
//! jdgen owns, each taking arbitrary bytes. None may panic, overflow the stack, or take
//! time or memory out of proportion to its input, whatever the bytes.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::batch::parse_manifest;
use crate::catalog::Catalog;
use crate::error::Origin;
use crate::posting::{Layer, PostingFile};
use crate::render::{self, Format};
use crate::{resolve, yaml};

/// The built-in catalog, loaded once per process.
fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::load(None).expect("the built-in catalog loads"))
}

/// Renders a resolved job in every format (HTML and JSON-LD may refuse a job without the
/// facts Google requires: that is an error, not a crash).
fn render_all(catalog: &Catalog, layers: &[Layer]) {
    if let Ok(job) = resolve::resolve(catalog, layers, None, None) {
        for format in Format::ALL {
            let _ = render::render_formats(catalog, &job, &[*format]);
        }
    }
}

/// A job file: parsed, validated, resolved against the built-in catalog, rendered.
pub fn job_file(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let origin = Origin::File("job.yaml".into());
    if let Ok(facts) = yaml::from_str::<PostingFile>(&origin, text) {
        let mut layer = Layer::new(origin, text.into(), facts);
        // A job without a role or level still renders, as the first of each.
        layer.facts.role.get_or_insert_with(|| "product-manager".into());
        layer.facts.level.get_or_insert_with(|| "senior".into());
        render_all(catalog(), std::slice::from_ref(&layer));
    }
}

/// A YAML manifest (`name` ends in `.yaml`) or a CSV one (`.csv`): split into jobs, each
/// parsed and resolved; a few rendered.
pub fn manifest(name: &str, data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(manifest) = parse_manifest(Path::new(name), Arc::from(text)) else {
        return;
    };
    let shared = manifest.shared_layers();
    for (index, job) in manifest.jobs.iter().enumerate() {
        if let Ok(layer) = manifest.job_layer(job) {
            let mut layers = shared.clone();
            layers.push(layer);
            match index < 4 {
                true => render_all(catalog(), &layers),
                false => drop(resolve::resolve(catalog(), &layers, None, None)),
            }
        }
    }
}

/// Markdown to DOCX (the converter every DOCX goes through), and to the careers page's HTML.
pub fn markdown(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = render::docx::markdown_to_docx(text, &render::docx::DocxOptions::default());
    let _ = render::description::Description::parse(text);
}

/// Templates as a catalog author writes them: the input split at NUL bytes into a role
/// template and three partials (`a`, `b`, `c`), rendered with a posting's context.
pub fn templates(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut engine = render::markdown::TemplateEngine::new();
    let mut parts = text.splitn(4, '\0');
    let role = parts.next().unwrap_or_default();
    for (name, part) in ["a", "b", "c"].into_iter().zip(parts) {
        let _ = engine.register(name, &format!("{name}.md.hbs"), part);
    }
    if engine.register("role", "role.md.hbs", role).is_ok() {
        let context = serde_json::json!({
            "title": "Senior Product Manager",
            "company": {"name": "Acme & <Co>", "website": "https://acme.example"},
            "benefits": ["Pension", "Bikes", "Books"],
            "long": (0..200).collect::<Vec<u32>>(),
            "salary": {"min": 1, "max": 2},
            "level": {"bullets": {"responsibilities": ["x", "y"]}},
            "empty": [],
            "map": {"k": "v", "l": ["w"]},
        });
        let _ = engine.render("role", &context);
    }
}

/// A catalog folder as a user writes it: the input split at NUL bytes into a role template
/// (with its front matter), a partial that replaces `about-team`, and a seniority profile;
/// loaded as every command loads a catalog (schemas, templates, partial graph), then the
/// new role and level rendered (with the first built-in ones) in every format.
pub fn catalog_folder(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let files = [
        "templates/fuzz-role.md.hbs",
        "templates/partials/about-team.md.hbs",
        "profiles/fuzz-level.yaml",
    ];
    for (file, part) in files.into_iter().zip(text.splitn(3, '\0')) {
        let path = dir.path().join(file);
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let _ = std::fs::write(path, part);
    }
    let Ok((catalog, _problems)) = Catalog::load_collecting(Some(dir.path())) else {
        return;
    };
    let origin = Origin::File("job.yaml".into());
    let posting = "company: {name: Acme}\nlocation: {city: Berlin, country: DE}\nbenefits: [A, B]\nsalary: {min: 1, max: 2, currency: EUR}\ndate_posted: 2026-01-05\n";
    let Ok(facts) = yaml::from_str::<PostingFile>(&origin, posting) else {
        return;
    };
    let roles = ["fuzz-role", "product-manager"];
    let levels = ["fuzz-level", "senior"];
    for role in roles {
        for level in levels {
            let mut layer = Layer::new(origin.clone(), posting.into(), facts.clone());
            layer.facts.role = Some(role.into());
            layer.facts.level = Some(level.into());
            render_all(&catalog, std::slice::from_ref(&layer));
        }
    }
}
