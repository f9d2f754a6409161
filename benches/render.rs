//! Per-document cost of each stage (resolve, Markdown, DOCX, HTML), single-threaded: `cargo bench --bench render`.
//!
//! The batch benchmark (bench/batch.sh) measures the whole command; this one
//! says where the time of one document goes, to guide optimisation.

use std::hint::black_box;
use std::time::{Duration, Instant};

use jdgen::catalog::Catalog;
use jdgen::posting::Layer;
use jdgen::render::{self, Format};
use jdgen::resolve;

/// The binary's allocator, so the figures match what `jdgen` does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const ROLES: [&str; 4] = ["product-manager", "project-owner", "product-owner", "scrum-master"];
const LEVELS: [&str; 4] = ["senior", "lead", "principal", "head"];

fn main() {
    let catalog = Catalog::load(None).expect("the built-in catalog loads");
    let job_file = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/typical-job.yaml");
    let layers: Vec<Layer> = vec![resolve::job_file_layer(job_file.as_ref()).expect("the fixture reads")];
    let rounds = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(100);

    let time = |name: &str, f: &dyn Fn(&str, &str)| {
        let started = Instant::now();
        for _ in 0..rounds {
            for role in ROLES {
                for level in LEVELS {
                    f(role, level);
                }
            }
        }
        let per_doc = started.elapsed() / (rounds * 16) as u32;
        println!("{name:<28} {:>8.1} µs per document", micros(per_doc));
    };

    time("resolve", &|role, level| {
        black_box(resolve::resolve(&catalog, &layers, Some(role), Some(level)).unwrap());
    });
    time("resolve + markdown", &|role, level| {
        let job = resolve::resolve(&catalog, &layers, Some(role), Some(level)).unwrap();
        black_box(render::render_markdown(&catalog, &job).unwrap());
    });
    for (name, formats) in [
        ("resolve + md + docx", &[Format::Markdown, Format::Docx][..]),
        (
            "resolve + md + html + json",
            &[Format::Markdown, Format::Html, Format::Json][..],
        ),
    ] {
        time(name, &|role, level| {
            let job = resolve::resolve(&catalog, &layers, Some(role), Some(level)).unwrap();
            black_box(render::render_formats(&catalog, &job, formats).unwrap());
        });
    }
}

fn micros(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e6
}
