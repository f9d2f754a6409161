//! `jdgen site`: the careers page, the postings' pages, the sitemap and every feed, read back
//! with real parsers (roxmltree, an HTML5 parser, serde_json; lxml's XSD check, feedparser and
//! headless Chromium where installed), the folder's ownership, and determinism.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use scraper::{Html, Selector};
use serde_json::{json, Value as Json};

use crate::common::*;

const BASE: &str = "https://careers.northwind.example/";
const DATE: &str = "2026-11-20";

/// Four jobs: an office job with every fact, a remote job hiring from two countries (by
/// e-mail), a US on-site job paid by the hour, and one whose valid_through has passed.
fn manifest() -> Json {
    json!({
        "company": {
            "company": {
                "name": "Northwind Health",
                "website": "https://northwind.example",
                "about": "We build scheduling software.\n\nAbout 180 people work with us."
            }
        },
        "defaults": {"date_posted": "2026-11-02", "employment_type": "full-time"},
        "jobs": [
            {
                "id": "pm-berlin", "role": "product-manager", "level": "senior",
                "team": "You will join Scheduling.",
                "location": {"city": "Berlin", "region": "BE", "country": "DE"},
                "workplace": "hybrid", "tools": ["Jira", "Figma"],
                "salary": {"min": 78000, "max": 96000, "currency": "EUR"},
                "apply": {"url": "https://northwind.example/jobs/1"},
                "valid_through": "2027-01-31"
            },
            {
                "id": "sm-remote", "role": "scrum-master", "level": "lead",
                "workplace": "remote", "remote": {"countries": ["DE", "PT"]},
                "apply": {"email": "jobs@northwind.example"},
                "date_posted": "2026-11-10"
            },
            {
                "id": "po-austin", "role": "project-manager", "level": "head",
                "location": {"city": "Austin", "region": "TX", "country": "US"},
                "workplace": "onsite", "employment_type": "contract",
                "salary": {"min": 95.5, "max": 120, "currency": "USD", "period": "hour"}
            },
            {
                "id": "old-posting", "role": "product-owner", "level": "senior",
                "location": {"city": "Berlin", "country": "DE"},
                "valid_through": "2026-11-01", "date_posted": "2026-10-01"
            }
        ]
    })
}

/// Writes `manifest` as YAML (JSON is YAML) into `dir`.
fn write_manifest(dir: &Path, manifest: &Json) -> PathBuf {
    let path = dir.join("jobs.yaml");
    std::fs::write(&path, manifest.to_string()).unwrap();
    path
}

/// Runs `jdgen site MANIFEST --out-dir OUT ARGS`; returns (exit code, stderr).
fn site(manifest: &Path, out: &Path, args: &[&str]) -> (i32, String) {
    let output = jdgen()
        .arg("site")
        .arg(manifest)
        .arg("--out-dir")
        .arg(out)
        .args(args)
        .output()
        .unwrap();
    assert!(output.stdout.is_empty(), "site writes nothing to stdout");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (output.status.code().unwrap(), stderr)
}

/// Every file under `dir`, relative, with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
                files.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

fn read(out: &Path, name: &str) -> String {
    std::fs::read_to_string(out.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A built site of [`manifest`], with the base URL.
fn built() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let manifest = write_manifest(dir.path(), &manifest());
    let out = dir.path().join("site");
    let (code, stderr) = site(&manifest, &out, &["--base-url", BASE, "--date", DATE]);
    assert_eq!(code, 0, "{stderr}");
    (dir, out)
}

/// The child elements of `node` by name, with their text.
fn fields<'a>(node: roxmltree::Node<'a, 'a>) -> BTreeMap<String, String> {
    node.children()
        .filter(|c| c.is_element())
        .map(|c| (c.tag_name().name().to_owned(), c.text().unwrap_or_default().to_owned()))
        .collect()
}

/// No element of `document` is empty: a feed never carries a blank value.
fn assert_no_empty_element(name: &str, document: &roxmltree::Document) {
    for node in document.descendants().filter(|n| n.is_element()) {
        let has_children = node.children().any(|c| c.is_element());
        let text = node.text().unwrap_or_default().trim().to_owned();
        let self_closing_ok = node.attributes().len() > 0;
        assert!(
            has_children || !text.is_empty() || self_closing_ok,
            "{name}: <{}> is empty",
            node.tag_name().name()
        );
    }
}

#[test]
fn a_site_is_every_open_posting_with_its_pages_sitemap_and_feeds() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = write_manifest(dir.path(), &manifest());
    let out = dir.path().join("site");
    let (code, stderr) = site(&manifest, &out, &["--base-url", BASE, "--date", DATE]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("site: 3 postings published, 1 left out as expired, 0 failed"),
        "{stderr}"
    );
    assert!(stderr.contains("(build date 2026-11-20)"), "{stderr}");
    assert!(
        stderr.contains("left out: job at ") && stderr.contains("(id old-posting): expired: valid_through 2026-11-01"),
        "{stderr}"
    );
    let files: Vec<String> = tree(&out).into_keys().collect();
    for name in [
        ".jdgen-site",
        "index.html",
        "jobs/pm-berlin.html",
        "jobs/sm-remote.html",
        "jobs/po-austin.html",
        "sitemap.xml",
        "robots.txt",
        "feed.xml",
        "feeds/indeed.xml",
        "feeds/linkedin.xml",
        "feeds/jobs.json",
        "filters/role-product-manager.html",
        "filters/role-project-manager.html",
        "filters/workplace-remote.html",
        "filters/place-anywhere-in-germany-portugal.html",
    ] {
        assert!(files.contains(&name.to_owned()), "{name} missing from {files:?}");
    }
    assert!(!files.iter().any(|f| f.contains("old-posting")), "{files:?}");

    // The careers page: one h1, a card per open posting linking its page, the filters.
    let index = Html::parse_document(&read(&out, "index.html"));
    let select = |html: &Html, css: &str| html.select(&Selector::parse(css).unwrap()).count();
    assert_eq!(select(&index, "h1"), 1);
    let links: Vec<String> = index
        .select(&Selector::parse(".card h3 a").unwrap())
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect();
    assert_eq!(links.len(), 3, "{links:?}");
    for link in &links {
        assert!(out.join(link).is_file(), "{link}");
    }
    assert_eq!(select(&index, "form#filter[hidden] select"), 4);
    assert_eq!(
        select(&index, "form#filter label > select"),
        4,
        "every menu is labelled"
    );
    assert_eq!(select(&index, "link[rel=alternate][href='feed.xml']"), 1);
    for filter in index.select(&Selector::parse("#filter-links a").unwrap()) {
        assert!(out.join(filter.value().attr("href").unwrap()).is_file());
    }
    let card = index
        .select(&Selector::parse(".card[data-role=project-manager]").unwrap())
        .next()
        .unwrap();
    let card_text: String = card.text().collect();
    for fact in [
        "Head of Project Delivery",
        "Austin, TX, United States",
        "On-site",
        "$95.50 – $120 per hour",
        "Posted 2 Nov 2026",
    ] {
        assert!(card_text.contains(fact), "{fact} in {card_text}");
    }
    assert_eq!(card.value().attr("data-workplace"), Some("onsite"));

    // A posting's page: the html format's page, with its address in the JSON-LD and a way back.
    let page = Html::parse_document(&read(&out, "jobs/pm-berlin.html"));
    assert!(page.errors.is_empty(), "{:?}", page.errors);
    assert_eq!(
        page.select(&Selector::parse("nav.back a[href='../index.html']").unwrap())
            .count(),
        1
    );
    let script = page.select(&Selector::parse("script").unwrap()).next().unwrap();
    let posting: Json = serde_json::from_str(&script.text().collect::<String>()).unwrap();
    assert_eq!(posting["url"], format!("{BASE}jobs/pm-berlin.html"));

    // jobs.json: the same JobPosting objects, in manifest order.
    let all: Json = serde_json::from_str(&read(&out, "feeds/jobs.json")).unwrap();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(all[0], posting, "jobs.json holds the page's JobPosting");
    assert_eq!(all[1]["url"], format!("{BASE}jobs/sm-remote.html"));

    check_indeed(&read(&out, "feeds/indeed.xml"));
    check_linkedin(&read(&out, "feeds/linkedin.xml"));
    check_sitemap(&read(&out, "sitemap.xml"), &read(&out, "robots.txt"));
    check_atom(&read(&out, "feed.xml"));
}

fn check_indeed(xml: &str) {
    let document = roxmltree::Document::parse(xml).expect("indeed.xml parses");
    assert_eq!(document.root_element().tag_name().name(), "source");
    assert_no_empty_element("indeed.xml", &document);
    let jobs: Vec<BTreeMap<String, String>> = document
        .root_element()
        .children()
        .filter(|n| n.has_tag_name("job"))
        .map(fields)
        .collect();
    let references: Vec<&str> = jobs.iter().map(|j| j["referencenumber"].as_str()).collect();
    assert_eq!(references, ["pm-berlin", "sm-remote-de", "sm-remote-pt", "po-austin"]);
    for job in &jobs {
        for required in [
            "title",
            "date",
            "referencenumber",
            "requisitionid",
            "url",
            "company",
            "country",
            "description",
        ] {
            assert!(
                job.get(required).is_some_and(|v| !v.is_empty()),
                "<{required}> in {job:?}"
            );
        }
        assert!(job["description"].starts_with("<p>"), "the description is HTML");
        assert_eq!(job["company"], "Northwind Health");
    }
    let (pm, remote_pt, austin) = (&jobs[0], &jobs[2], &jobs[3]);
    assert_eq!(pm["title"], "Senior Product Manager");
    assert_eq!(pm["date"], "2026-11-02");
    assert_eq!(pm["url"], format!("{BASE}jobs/pm-berlin.html"));
    assert_eq!(
        (pm["city"].as_str(), pm["state"].as_str(), pm["country"].as_str()),
        ("Berlin", "BE", "DE")
    );
    assert_eq!(pm["salary"], "€78,000 – €96,000 per year");
    assert_eq!(pm["jobtype"], "fulltime");
    assert_eq!(pm["remotetype"], "Hybrid remote");
    assert_eq!(pm["expirationdate"], "2027-01-31");
    assert!(!pm.contains_key("email"), "applications go to the URL");
    assert_eq!(remote_pt["requisitionid"], "sm-remote");
    assert_eq!(remote_pt["country"], "PT");
    assert!(!remote_pt.contains_key("city"));
    assert_eq!(remote_pt["remotetype"], "Fully remote");
    assert_eq!(remote_pt["email"], "jobs@northwind.example");
    assert_eq!(austin["jobtype"], "contract");
    assert_eq!(austin["salary"], "$95.50 – $120 per hour");
    assert!(!austin.contains_key("remotetype"));
}

fn check_linkedin(xml: &str) {
    let document = roxmltree::Document::parse(xml).expect("linkedin.xml parses");
    assert_no_empty_element("linkedin.xml", &document);
    let root = document.root_element();
    assert_eq!(fields(root)["publisherUrl"], BASE);
    let jobs: Vec<roxmltree::Node> = root.children().filter(|n| n.has_tag_name("job")).collect();
    assert_eq!(jobs.len(), 4);
    for job in &jobs {
        let job = fields(*job);
        for required in [
            "partnerJobId",
            "company",
            "title",
            "description",
            "applyUrl",
            "location",
        ] {
            assert!(
                job.get(required).is_some_and(|v| !v.is_empty()),
                "<{required}> in {job:?}"
            );
        }
    }
    let pm = fields(jobs[0]);
    assert_eq!(pm["applyUrl"], "https://northwind.example/jobs/1");
    assert_eq!(pm["location"], "Berlin, BE, DE");
    assert_eq!(pm["workplaceTypes"], "Hybrid");
    assert_eq!(pm["jobtype"], "FULL_TIME");
    let skills: Vec<&str> = jobs[0]
        .descendants()
        .filter(|n| n.has_tag_name("skill"))
        .map(|n| n.text().unwrap())
        .collect();
    assert_eq!(skills, ["Jira", "Figma"]);
    let salary = jobs[0].descendants().find(|n| n.has_tag_name("salary")).unwrap();
    let high = salary.children().find(|n| n.has_tag_name("highEnd")).unwrap();
    assert_eq!(fields(high)["amount"], "96000");
    assert_eq!(fields(high)["currencyCode"], "EUR");
    assert_eq!(fields(salary)["period"], "YEARLY");
    assert_eq!(fields(salary)["type"], "BASE_SALARY");
    let remote = fields(jobs[1]);
    assert_eq!(remote["partnerJobId"], "sm-remote-de");
    assert_eq!(
        remote["applyUrl"],
        format!("{BASE}jobs/sm-remote.html"),
        "e-mail applications: the page says where"
    );
    assert_eq!(remote["location"], "DE");
    assert_eq!(remote["workplaceTypes"], "Remote");
    let austin = jobs[3].descendants().find(|n| n.has_tag_name("salary")).unwrap();
    assert_eq!(fields(austin)["period"], "HOURLY");
    let low = austin.children().find(|n| n.has_tag_name("lowEnd")).unwrap();
    assert_eq!(fields(low)["amount"], "95.5");
}

fn check_sitemap(xml: &str, robots: &str) {
    let document = roxmltree::Document::parse(xml).expect("sitemap.xml parses");
    let root = document.root_element();
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let urls: BTreeMap<String, String> = root
        .children()
        .filter(|n| n.has_tag_name("url"))
        .map(|n| {
            let f = fields(n);
            (f["loc"].clone(), f.get("lastmod").cloned().unwrap_or_default())
        })
        .collect();
    assert_eq!(
        urls[BASE], "2026-11-10",
        "the careers page changed with the latest posting"
    );
    assert_eq!(urls[&format!("{BASE}jobs/pm-berlin.html")], "2026-11-02");
    assert_eq!(urls[&format!("{BASE}jobs/sm-remote.html")], "2026-11-10");
    assert!(urls.keys().all(|loc| loc.starts_with(BASE)));
    assert!(!urls.keys().any(|loc| loc.contains("old-posting")));
    assert!(robots.contains(&format!("Sitemap: {BASE}sitemap.xml")), "{robots}");
}

fn check_atom(xml: &str) {
    let document = roxmltree::Document::parse(xml).expect("feed.xml parses");
    let root = document.root_element();
    assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2005/Atom"));
    let feed = fields(root);
    assert_eq!(feed["id"], BASE);
    assert_eq!(feed["updated"], "2026-11-10T00:00:00Z");
    assert_eq!(feed["title"], "Open positions at Northwind Health");
    let entries: Vec<BTreeMap<String, String>> = root
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .map(fields)
        .collect();
    let ids: Vec<&str> = entries.iter().map(|e| e["id"].as_str()).collect();
    assert_eq!(
        ids,
        [
            format!("{BASE}jobs/sm-remote.html"),
            format!("{BASE}jobs/pm-berlin.html"),
            format!("{BASE}jobs/po-austin.html")
        ],
        "newest first"
    );
    for entry in &entries {
        for required in ["id", "title", "updated", "summary"] {
            assert!(!entry[required].is_empty(), "{required} in {entry:?}");
        }
    }
}

#[test]
fn without_a_base_url_there_is_no_sitemap_and_no_feed() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = write_manifest(dir.path(), &manifest());
    let out = dir.path().join("site");
    let (code, stderr) = site(&manifest, &out, &["--date", DATE]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("no --base-url: sitemap.xml, robots.txt, feed.xml and feeds/ were not written"),
        "{stderr}"
    );
    let files: Vec<String> = tree(&out).into_keys().collect();
    assert!(files.contains(&"index.html".to_owned()));
    for absent in ["sitemap.xml", "robots.txt", "feed.xml", "feeds/indeed.xml"] {
        assert!(!files.contains(&absent.to_owned()), "{absent}");
    }
    let page = read(&out, "jobs/pm-berlin.html");
    assert!(!page.contains("\"url\""), "no address without --base-url");
    assert!(!read(&out, "index.html").contains("feed.xml"));
}

#[test]
fn the_same_manifest_gives_the_same_site_at_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = write_manifest(dir.path(), &manifest());
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    assert_eq!(
        site(&manifest, &one, &["--base-url", BASE, "--date", DATE, "-j", "1"]).0,
        0
    );
    assert_eq!(
        site(&manifest, &two, &["--base-url", BASE, "--date", DATE, "-j", "4"]).0,
        0
    );
    assert_eq!(tree(&one), tree(&two));
    // Building again in place changes nothing.
    let before = tree(&one);
    assert_eq!(site(&manifest, &one, &["--base-url", BASE, "--date", DATE]).0, 0);
    assert_eq!(tree(&one), before);
}

#[test]
fn postings_that_leave_the_manifest_or_expire_leave_the_site() {
    let (dir, out) = built();
    std::fs::write(out.join("CNAME"), "careers.northwind.example\n").unwrap();
    let mut smaller = manifest();
    smaller["jobs"].as_array_mut().unwrap().remove(1);
    let path = write_manifest(dir.path(), &smaller);
    let (code, stderr) = site(&path, &out, &["--base-url", BASE, "--date", DATE]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("files of postings no longer published removed"),
        "{stderr}"
    );
    let files: Vec<String> = tree(&out).into_keys().collect();
    assert!(!files.iter().any(|f| f.contains("sm-remote")), "{files:?}");
    assert!(
        !files.contains(&"filters/workplace-remote.html".to_owned()),
        "{files:?}"
    );
    assert!(files.contains(&"CNAME".to_owned()), "the user's own file stays");
    assert!(!read(&out, "feeds/indeed.xml").contains("sm-remote"));

    // A later build date: pm-berlin's valid_through passes, and its page goes.
    let (code, stderr) = site(&path, &out, &["--base-url", BASE, "--date", "2027-02-01"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!out.join("jobs/pm-berlin.html").exists());
    assert!(out.join("jobs/po-austin.html").exists());

    // Without --base-url the feeds of the last build go too: they would go stale.
    assert_eq!(site(&path, &out, &["--date", DATE]).0, 0);
    assert!(!out.join("feeds").exists() && !out.join("sitemap.xml").exists());
}

#[test]
fn a_folder_jdgen_did_not_write_is_refused_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = write_manifest(dir.path(), &manifest());
    let out = dir.path().join("mine");
    std::fs::create_dir_all(out.join("jobs")).unwrap();
    std::fs::write(out.join("index.html"), "my page").unwrap();
    std::fs::write(out.join("jobs/keep.html"), "keep").unwrap();
    let (code, stderr) = site(&manifest, &out, &["--date", DATE]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("jdgen site did not write it; nothing was written"),
        "{stderr}"
    );
    assert_eq!(read(&out, "index.html"), "my page");
    assert_eq!(tree(&out).len(), 2, "nothing added, no lock file left");

    let (code, stderr) = site(&manifest, &out, &["--date", DATE, "--force"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(read(&out, "index.html").contains("Careers at Northwind Health"));
    assert_eq!(
        read(&out, "jobs/keep.html"),
        "keep",
        "--force adds and replaces, never removes"
    );
}

#[test]
fn a_job_lacking_a_fact_a_feed_requires_fails_and_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut lacking = manifest();
    lacking["jobs"][0]["location"] = json!({"country": "DE"});
    lacking["jobs"][1]["id"] = json!("a-remote-job-id-that-is-far-too-long-for-linkedin");
    let path = write_manifest(dir.path(), &lacking);
    let out = dir.path().join("site");
    let (code, stderr) = site(&path, &out, &["--base-url", BASE, "--date", DATE]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("(id pm-berlin): ") && stderr.contains("Indeed's feed needs `location.city` (<city>)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("LinkedIn's feed needs a job id of at most 40 characters"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 postings published, 1 left out as expired, 2 failed"),
        "{stderr}"
    );
    assert!(!out.join("jobs/pm-berlin.html").exists(), "a failed job writes no file");
    let indeed = roxmltree::Document::parse(&read(&out, "feeds/indeed.xml"))
        .unwrap()
        .root_element()
        .children()
        .filter(|n| n.has_tag_name("job"))
        .count();
    assert_eq!(indeed, 1);
    // Without the feeds, the same facts are enough for a page.
    let (code, stderr) = site(&path, &dir.path().join("plain"), &["--date", DATE]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn bad_flags_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = write_manifest(dir.path(), &manifest());
    let out = dir.path().join("site");
    for (args, message) in [
        (vec!["--base-url", "javascript:alert(1)"], "--base-url"),
        (vec!["--base-url", "https://example.com/?x=1"], "no query"),
        (vec!["--date", "2026-13-01"], "--date"),
        (vec!["--set", "salry.min=1"], "unknown field"),
    ] {
        let (code, stderr) = site(&manifest, &out, &args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(!out.exists(), "{args:?} wrote something");
    }
    // --set applies to every job, over the manifest.
    let (code, stderr) = site(&manifest, &out, &["--date", DATE, "--set", "team=Set for all"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        read(&out, "index.html")
            .matches("<p class=\"team\">Set for all</p>")
            .count(),
        3
    );
}

#[test]
fn hostile_text_is_text_in_every_file() {
    let hostile = "AT&T ]]> </script><script>alert(1)</script> <img src=x onerror=alert(1)> javascript:alert(1)";
    let dir = tempfile::tempdir().unwrap();
    let mut evil = manifest();
    evil["company"]["company"]["name"] = json!(hostile);
    evil["company"]["company"]["about"] = json!(hostile);
    let job = &mut evil["jobs"][0];
    job["title"] = json!(format!("PM {hostile}"));
    job["team"] = json!(hostile);
    job["location"]["city"] = json!(format!("Berlin {hostile}"));
    job["tools"] = json!([hostile]);
    job["benefits"] = json!([format!("[click me](javascript:alert(1)) {hostile}")]);
    let path = write_manifest(dir.path(), &evil);
    let out = dir.path().join("site");
    let (code, stderr) = site(&path, &out, &["--base-url", BASE, "--date", DATE]);
    assert_eq!(code, 0, "{stderr}");

    for name in ["index.html", "jobs/pm-berlin.html", "filters/role-product-manager.html"] {
        let text = read(&out, name);
        let html = Html::parse_document(&text);
        assert!(html.errors.is_empty(), "{name}: {:?}", html.errors);
        for element in html.root_element().descendants().filter_map(scraper::ElementRef::wrap) {
            let tag = element.value().name();
            assert_ne!(tag, "img", "{name}");
            if tag == "script" {
                let kind = element.value().attr("type");
                let body: String = element.text().collect();
                assert!(
                    kind == Some("application/ld+json") || !body.contains("alert"),
                    "{name}: a script runs user text"
                );
            }
            for (attribute, value) in element.value().attrs() {
                assert!(!attribute.starts_with("on"), "{name}: {attribute}");
                assert!(
                    !value.trim_start().to_ascii_lowercase().starts_with("javascript:"),
                    "{name}: {attribute}={value}"
                );
            }
        }
        let visible: String = html.root_element().text().collect();
        assert!(visible.contains(hostile), "{name} shows the text as written");
    }
    for name in ["feeds/indeed.xml", "feeds/linkedin.xml", "feed.xml", "sitemap.xml"] {
        let text = read(&out, name);
        let document = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        if name != "sitemap.xml" {
            let texts: String = document.descendants().filter_map(|n| n.text()).collect();
            assert!(texts.contains(hostile), "{name} holds the text as written");
        }
    }
    let indeed_text = read(&out, "feeds/indeed.xml");
    let indeed = roxmltree::Document::parse(&indeed_text).unwrap();
    let job = fields(
        indeed
            .root_element()
            .children()
            .find(|n| n.has_tag_name("job"))
            .unwrap(),
    );
    assert_eq!(job["company"], hostile);
    assert_eq!(job["city"], format!("Berlin {hostile}"));
    assert!(
        job["description"].contains("AT&amp;T ]]&gt; &lt;/script&gt;"),
        "HTML-escaped inside the CDATA"
    );
    let all: Json = serde_json::from_str(&read(&out, "feeds/jobs.json")).unwrap();
    assert_eq!(all[0]["hiringOrganization"]["name"], hostile);
}

// ---- Real validators and a real browser ------------------------------------------------

/// Whether `tool` can run; when it cannot, says so, and fails if `required_by` is set to 1.
fn available(tool: &str, probe: &mut Process, required_by: &str) -> bool {
    let found = probe.output().is_ok_and(|output| output.status.success());
    if !found {
        if std::env::var(required_by).as_deref() == Ok("1") {
            panic!("{tool} is not installed and {required_by}=1");
        }
        eprintln!("skipped: {tool} not installed");
    }
    found
}

fn python(script: &str, args: &[&Path]) -> std::process::Output {
    Process::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_sitemap_is_valid_against_the_sitemaps_org_schema() {
    let xsd = std::env::var_os("JDGEN_SITEMAP_XSD").map(PathBuf::from);
    let mut probe = Process::new("python3");
    probe.args([
        "-c",
        "import lxml.etree, sys, os; sys.exit(0 if os.path.isfile(sys.argv[1]) else 1)",
    ]);
    probe.arg(xsd.clone().unwrap_or_default());
    if !available(
        "lxml and the sitemaps.org XSD (JDGEN_SITEMAP_XSD)",
        &mut probe,
        "JDGEN_REQUIRE_VALIDATORS",
    ) {
        return;
    }
    let (_dir, out) = built();
    let script = "import sys, lxml.etree as e\n\
schema = e.XMLSchema(e.parse(sys.argv[1]))\n\
doc = e.parse(sys.argv[2])\n\
ok = schema.validate(doc)\n\
print('valid' if ok else schema.error_log)\n\
sys.exit(0 if ok else 1)";
    let output = python(script, &[&xsd.unwrap(), &out.join("sitemap.xml")]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
    // The check can fail: a lastmod that is not a date is refused.
    let broken = out.join("broken.xml");
    std::fs::write(
        &broken,
        read(&out, "sitemap.xml").replacen("<lastmod>2026", "<lastmod>soon-2026", 1),
    )
    .unwrap();
    let output = python(
        script,
        &[Path::new(&std::env::var_os("JDGEN_SITEMAP_XSD").unwrap()), &broken],
    );
    assert!(!output.status.success(), "the schema check accepts anything");
}

#[test]
fn feedparser_reads_the_atom_feed() {
    let mut probe = Process::new("python3");
    probe.args(["-c", "import feedparser"]);
    if !available("feedparser", &mut probe, "JDGEN_REQUIRE_VALIDATORS") {
        return;
    }
    let (_dir, out) = built();
    let script = "import sys, json, feedparser\n\
d = feedparser.parse(sys.argv[1])\n\
print(json.dumps({'bozo': bool(d.bozo), 'error': str(d.get('bozo_exception', '')), 'version': d.version,\n\
  'title': d.feed.get('title'), 'id': d.feed.get('id'), 'updated': d.feed.get('updated'),\n\
  'entries': [[e.get('id'), e.get('title'), e.get('link'), e.get('updated'), e.get('summary')] for e in d.entries]}))";
    let output = python(script, &[&out.join("feed.xml")]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let parsed: Json = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(parsed["bozo"], false, "{parsed}");
    assert_eq!(parsed["version"], "atom10");
    assert_eq!(parsed["title"], "Open positions at Northwind Health");
    let entries = parsed["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 3);
    for entry in entries {
        let entry = entry.as_array().unwrap();
        assert!(
            entry.iter().all(|v| v.as_str().is_some_and(|s| !s.is_empty())),
            "{entry:?}"
        );
        assert_eq!(entry[0], entry[2], "the id is the page's address");
    }
}

#[test]
fn chromium_filters_with_and_without_scripts_and_logs_no_error() {
    let mut probe = Process::new("python3");
    probe.args([
        "-c",
        "import websocket, shutil, sys; sys.exit(0 if shutil.which('chromium') else 1)",
    ]);
    if !available(
        "chromium with python websocket-client",
        &mut probe,
        "JDGEN_REQUIRE_BROWSER",
    ) {
        return;
    }
    let (dir, out) = built();
    let shots = std::env::var_os("JDGEN_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| dir.path().join("screenshots"));
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/site_check.py");
    let output = Process::new("python3")
        .arg(script)
        .arg(&out)
        .arg(&shots)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{report}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Json = serde_json::from_str(&report).unwrap();
    assert_eq!(report["scripts_off"]["posting_links"], 3);
    for shot in report["screenshots"].as_array().unwrap() {
        assert!(shots.join(shot.as_str().unwrap()).is_file());
    }
}
