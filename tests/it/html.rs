//! The careers page (`--format html`) and its JSON-LD (`--format json`), read back with an HTML5 parser and a JSON parser.

use scraper::{Html, Selector};
use serde_json::{json, Value as Json};

use crate::common::*;

/// A job file with every fact Google for Jobs uses. JSON is YAML, so tests build job files as values.
fn full_job() -> Json {
    json!({
        "role": "product-manager",
        "level": "senior",
        "company": {
            "name": "Northwind Health",
            "website": "https://northwind.example",
            "about": "Northwind Health builds scheduling software for clinics."
        },
        "team": "You will join the Patient Experience group.",
        "location": {"city": "Potsdam", "region": "Brandenburg", "country": "DE"},
        "workplace": "hybrid",
        "employment_type": "full-time",
        "salary": {"min": 78000, "max": 96000, "currency": "EUR", "period": "year"},
        "benefits": ["30 days of paid holiday"],
        "hiring_process": ["A call with our recruiter"],
        "apply": {"url": "https://careers.northwind.example/jobs/1234"},
        "date_posted": "2026-11-02",
        "valid_through": "2027-01-31"
    })
}

/// Runs `jdgen generate --job <job> <args>` and returns stdout.
fn generate(job: &Json, args: &[&str]) -> String {
    let (_dir, path) = temp_file("job.yaml", &job.to_string());
    let mut all = vec!["generate", "--job", path.to_str().unwrap()];
    all.extend_from_slice(args);
    stdout_of(&all)
}

fn select<'a>(document: &'a Html, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    document.select(&Selector::parse(selector).unwrap()).collect()
}

fn text_of(element: &scraper::ElementRef) -> String {
    element.text().collect()
}

/// The page's one JSON-LD block, parsed.
fn json_ld(document: &Html) -> Json {
    let scripts = select(document, "script");
    assert_eq!(scripts.len(), 1, "exactly one script element");
    assert_eq!(scripts[0].value().attr("type"), Some("application/ld+json"));
    serde_json::from_str(&text_of(&scripts[0])).expect("the JSON-LD parses")
}

#[test]
fn the_page_is_a_standalone_accessible_document() {
    let job = full_job();
    let page = generate(&job, &["--format", "html"]);
    let document = Html::parse_document(&page);
    assert!(document.errors.is_empty(), "HTML5 parse errors: {:?}", document.errors);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert_eq!(document.root_element().value().attr("lang"), Some("en"));

    let h1 = select(&document, "h1");
    assert_eq!(h1.len(), 1, "exactly one h1");
    assert_eq!(text_of(&h1[0]), "Senior Product Manager");
    assert_eq!(select(&document, "main article > header > h1").len(), 1);
    assert!(text_of(&select(&document, "title")[0]).contains("Northwind Health"));

    let viewport = select(&document, "meta[name=viewport]");
    assert_eq!(viewport.len(), 1);
    assert!(viewport[0]
        .value()
        .attr("content")
        .unwrap()
        .contains("width=device-width"));
    let style = text_of(&select(&document, "style")[0]);
    assert!(style.contains("@media print"), "print styles");

    // Self-contained: nothing is fetched, nothing runs.
    for tag in [
        "link", "img", "iframe", "object", "embed", "audio", "video", "[src]", "[style]",
    ] {
        assert!(select(&document, tag).is_empty(), "the page has {tag}");
    }

    // Every h2 opens a section labelled by it.
    let sections = select(&document, "article > section");
    assert!(sections.len() >= 5, "{} sections", sections.len());
    for section in &sections {
        let label = section.value().attr("aria-labelledby").expect("a labelled section");
        let heading = section.children().find_map(scraper::ElementRef::wrap).unwrap();
        assert_eq!(heading.value().name(), "h2");
        assert_eq!(heading.value().attr("id"), Some(label));
    }
    let ids: Vec<&str> = select(&document, "[id]")
        .iter()
        .map(|e| e.value().attr("id").unwrap())
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "ids are unique: {ids:?}");

    // The header shows the facts candidates read first, and the way to apply.
    let facts: Vec<String> = select(&document, "header .facts li").iter().map(text_of).collect();
    assert_eq!(
        facts,
        [
            "€78,000 – €96,000 per year",
            "Potsdam, Brandenburg, Germany",
            "Hybrid",
            "Full-time"
        ]
    );
    let apply = select(&document, "header .apply a");
    assert_eq!(apply[0].value().attr("href"), job["apply"]["url"].as_str());
}

#[test]
fn the_json_ld_maps_every_fact() {
    let job = full_job();
    let page = generate(&job, &["--format", "html"]);
    let posting = json_ld(&Html::parse_document(&page));

    assert_eq!(posting["@context"], "https://schema.org/");
    assert_eq!(posting["@type"], "JobPosting");
    assert_eq!(posting["title"], "Senior Product Manager");
    assert_eq!(posting["datePosted"], job["date_posted"]);
    assert_eq!(posting["validThrough"], job["valid_through"]);
    assert_eq!(posting["employmentType"], "FULL_TIME");
    assert_eq!(
        posting["hiringOrganization"],
        json!({"@type": "Organization", "name": job["company"]["name"], "sameAs": job["company"]["website"]})
    );
    assert_eq!(
        posting["jobLocation"],
        json!({"@type": "Place", "address": {
            "@type": "PostalAddress",
            "addressLocality": job["location"]["city"],
            "addressRegion": job["location"]["region"],
            "addressCountry": job["location"]["country"],
        }})
    );
    assert_eq!(
        posting["baseSalary"],
        json!({"@type": "MonetaryAmount", "currency": "EUR", "value": {
            "@type": "QuantitativeValue", "minValue": 78000, "maxValue": 96000, "unitText": "YEAR",
        }})
    );
    // A careers.<company site> address is the company's own site.
    assert_eq!(posting["directApply"], true);
    assert!(
        posting.get("jobLocationType").is_none(),
        "a hybrid job is not TELECOMMUTE"
    );

    // The description is the page's body as HTML: every section, no page chrome, no title.
    let description = posting["description"].as_str().unwrap();
    let body = Html::parse_fragment(description);
    let h2: Vec<String> = select(&body, "h2").iter().map(text_of).collect();
    let page_h2: Vec<String> = select(&Html::parse_document(&page), "h2").iter().map(text_of).collect();
    assert_eq!(h2, page_h2);
    assert!(
        select(&body, "h1, header, section, main, style, script").is_empty(),
        "{description}"
    );
    assert!(description.contains("Northwind Health builds scheduling software for clinics."));
}

#[test]
fn the_json_format_is_the_embedded_block() {
    let job = full_job();
    let page = generate(&job, &["--format", "html"]);
    let json = generate(&job, &["--format", "json"]);
    let embedded = text_of(&select(&Html::parse_document(&page), "script")[0]);
    assert_eq!(json.trim(), embedded.trim());
    let posting: Json = serde_json::from_str(&json).unwrap();
    assert_eq!(posting["@type"], "JobPosting");
}

#[test]
fn a_remote_posting_is_telecommute_with_applicant_countries() {
    let mut job = full_job();
    let object = job.as_object_mut().unwrap();
    object.remove("location");
    object.insert("workplace".into(), json!("remote"));
    object.insert(
        "remote".into(),
        json!({"countries": ["DE", "PT", "US"], "timezones": "UTC-5 to UTC+2"}),
    );
    let posting: Json = serde_json::from_str(&generate(&job, &["--format", "json"])).unwrap();
    assert_eq!(posting["jobLocationType"], "TELECOMMUTE");
    assert_eq!(
        posting["applicantLocationRequirements"],
        json!([
            {"@type": "Country", "name": "Germany"},
            {"@type": "Country", "name": "Portugal"},
            {"@type": "Country", "name": "United States"},
        ])
    );
    assert!(posting.get("jobLocation").is_none(), "no office was given");

    let page = Html::parse_document(&generate(&job, &["--format", "html"]));
    let facts: Vec<String> = select(&page, "header .facts li").iter().map(text_of).collect();
    assert!(
        facts.contains(&"Remote (Germany, Portugal, United States)".to_owned()),
        "{facts:?}"
    );
}

#[test]
fn an_hourly_wage_keeps_its_cents_and_unit() {
    let mut job = full_job();
    job["salary"] = json!({"min": 45.5, "max": 60, "currency": "USD", "period": "hour"});
    job["employment_type"] = json!("contract");
    job["apply"] = json!({"email": "jobs@northwind.example"});
    let posting: Json = serde_json::from_str(&generate(&job, &["--format", "json"])).unwrap();
    assert_eq!(
        posting["baseSalary"]["value"],
        json!({"@type": "QuantitativeValue", "minValue": 45.5, "maxValue": 60, "unitText": "HOUR"})
    );
    assert_eq!(posting["baseSalary"]["currency"], "USD");
    assert_eq!(posting["employmentType"], "CONTRACTOR");
    assert_eq!(
        posting["directApply"], false,
        "applying by e-mail is not applying online"
    );
}

#[test]
fn hostile_text_in_every_field_stays_text() {
    let hostile = |field: &str| {
        format!(
            "{field} </script><script>alert(1)</script> <img src=x onerror=alert(1)> \"q\" 'a' & AT&T &amp; &#60; <!--"
        )
    };
    let job = json!({
        "role": "scrum-master",
        "level": "lead",
        "title": hostile("title"),
        "company": {
            "name": hostile("company"),
            "website": "https://evil.example/\"><script>alert(1)</script>",
            "about": hostile("about"),
        },
        "team": hostile("team"),
        "location": {"city": hostile("city"), "region": hostile("region"), "country": "GB"},
        "workplace": "remote",
        "remote": {"countries": ["GB"], "timezones": hostile("timezones")},
        "employment_type": "part-time",
        "salary": {"min": 100, "max": 200, "currency": "GBP", "period": "day"},
        "benefits": [hostile("benefit")],
        "responsibilities": [hostile("responsibility")],
        "requirements": [hostile("requirement")],
        "nice_to_have": [hostile("nice")],
        "hiring_process": [hostile("step")],
        "apply": {"url": "https://evil.example/apply?a=<img src=x onerror=alert(1)>&b='\"</script>"},
        "date_posted": "2026-11-02",
        "equal_opportunity": hostile("eeo"),
    });
    let page = generate(&job, &["--format", "html"]);
    let document = Html::parse_document(&page);

    // Nothing injected: one script (the JSON-LD), no img, no event handler anywhere.
    assert_eq!(select(&document, "script").len(), 1, "{page}");
    assert!(select(&document, "img").is_empty(), "{page}");
    for element in select(&document, "*") {
        for (name, _) in element.value().attrs() {
            assert!(
                !name.starts_with("on"),
                "<{} {name}> in the page",
                element.value().name()
            );
        }
    }
    assert!(!page.contains("<!--"), "a comment was opened");

    // The text reads exactly as written.
    assert_eq!(text_of(&select(&document, "h1")[0]), hostile("title"));
    assert_eq!(text_of(&select(&document, "header .company")[0]), hostile("company"));
    let body_text = text_of(&select(&document, "article")[0]);
    for field in [
        "about",
        "team",
        "city",
        "region",
        "timezones",
        "benefit",
        "responsibility",
        "requirement",
        "nice",
        "step",
        "eeo",
    ] {
        assert!(body_text.contains(&hostile(field)), "{field} is not shown as written");
    }

    // The JSON-LD still parses and carries the text exactly.
    let posting = json_ld(&document);
    assert_eq!(posting["title"], hostile("title"));
    assert_eq!(posting["hiringOrganization"]["name"], hostile("company"));
    assert_eq!(posting["hiringOrganization"]["sameAs"], job["company"]["website"]);
    assert_eq!(posting["jobLocation"]["address"]["addressLocality"], hostile("city"));
    let script = text_of(&select(&document, "script")[0]);
    assert!(
        !script.contains(['<', '>', '&']),
        "unescaped markup characters in the JSON-LD"
    );
    // The description is HTML whose text is the user's text, with no markup of its own.
    let description = Html::parse_fragment(posting["description"].as_str().unwrap());
    assert!(select(&description, "script, img").is_empty());
    assert!(text_of(&description.root_element()).contains(&hostile("about")));
}

#[test]
fn missing_google_facts_are_named_and_nothing_is_written() {
    let mut job = full_job();
    let object = job.as_object_mut().unwrap();
    object.remove("date_posted");
    object.remove("company");
    object.remove("location");
    let (_dir, path) = temp_file("job.yaml", &job.to_string());
    let out = tempfile::tempdir().unwrap();
    let stderr = bad_input(&[
        "generate",
        "--job",
        path.to_str().unwrap(),
        "--format",
        "md,html",
        "--out-dir",
        out.path().to_str().unwrap(),
    ]);
    for field in ["date_posted", "company.name", "location.country", "Google for Jobs"] {
        assert!(stderr.contains(field), "{field} not named in:\n{stderr}");
    }
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0, "no file is written");
    // Markdown alone does not need them.
    assert!(generate(&job, &["--format", "md"]).starts_with("# "));
}

#[test]
fn out_dir_writes_every_format_and_o_infers_html() {
    let job = full_job();
    let (_dir, path) = temp_file("job.yaml", &job.to_string());
    let out = tempfile::tempdir().unwrap();
    let job_path = path.to_str().unwrap();
    let out_dir = out.path().to_str().unwrap();
    stdout_of(&[
        "generate",
        "--job",
        job_path,
        "--format",
        "md,html,json",
        "--out-dir",
        out_dir,
        "--name",
        "pm",
    ]);
    let html = std::fs::read_to_string(out.path().join("pm.html")).unwrap();
    let json = std::fs::read_to_string(out.path().join("pm.json")).unwrap();
    assert!(out.path().join("pm.md").is_file());
    assert!(html.contains(json.trim()), "the page embeds the json file");

    let single = out.path().join("page.html");
    stdout_of(&["generate", "--job", job_path, "-o", single.to_str().unwrap()]);
    assert_eq!(
        std::fs::read_to_string(&single).unwrap(),
        html,
        "same inputs, same bytes"
    );
}

#[test]
fn css_replaces_the_built_in_stylesheet() {
    let job = full_job();
    let (_css_dir, css) = temp_file("brand.css", "body { font-family: \"Brand Sans\"; color: #123456; }\n");
    let page = generate(&job, &["--format", "html", "--css", css.to_str().unwrap()]);
    let document = Html::parse_document(&page);
    let styles = select(&document, "style");
    assert_eq!(styles.len(), 1);
    assert_eq!(
        text_of(&styles[0]).trim(),
        std::fs::read_to_string(&css).unwrap().trim()
    );

    let (_bad_dir, bad) = temp_file("bad.css", "p{}</style><script>alert(1)</script>");
    let (_job_dir, job_path) = temp_file("job.yaml", &job.to_string());
    let job_arg = job_path.to_str().unwrap();
    let stderr = bad_input(&[
        "generate",
        "--job",
        job_arg,
        "--format",
        "html",
        "--css",
        bad.to_str().unwrap(),
    ]);
    assert!(stderr.contains("bad.css") && stderr.contains("</style"), "{stderr}");
    let stderr = bad_input(&[
        "generate",
        "--job",
        job_arg,
        "--format",
        "md",
        "--css",
        css.to_str().unwrap(),
    ]);
    assert!(stderr.contains("--css"), "{stderr}");
}

#[test]
fn raw_html_in_a_users_template_is_shown_as_text() {
    let catalog = tempfile::tempdir().unwrap();
    let templates = catalog.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    let built_in = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/product-manager.md.hbs");
    let template = std::fs::read_to_string(built_in).unwrap()
        + "\n<script>alert(1)</script>\n\nSee <img src=x onerror=alert(1)> and ![logo](https://cdn.example/logo.png) and [this](javascript:alert(1)).\n\n# A second title\n";
    std::fs::write(templates.join("product-manager.md.hbs"), template).unwrap();

    let job = full_job();
    let catalog_dir = catalog.path().to_str().unwrap();
    let page = generate(&job, &["--catalog", catalog_dir, "--format", "html"]);
    let document = Html::parse_document(&page);
    assert_eq!(select(&document, "script").len(), 1, "only the JSON-LD");
    assert!(select(&document, "img").is_empty(), "no image is loaded");
    assert!(select(&document, "a[href^=javascript]").is_empty());
    assert_eq!(select(&document, "h1").len(), 1, "a second h1 becomes an h2");
    let text = text_of(&select(&document, "article")[0]);
    assert!(text.contains("<script>alert(1)</script>"), "raw HTML reads as text");
    assert!(
        text.contains("See <img src=x onerror=alert(1)> and logo and this."),
        "{text}"
    );
}
