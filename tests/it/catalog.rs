//! A user's own catalog: `init`, overrides, added roles and levels, `check`, and a missing folder.

use std::fs;
use std::path::Path;

use crate::common::*;

/// `jdgen init` into a fresh folder; returns the folder (kept alive) and the catalog path.
fn initialised() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("jdgen");
    let output = jdgen().arg("init").arg(&catalog).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    (dir, catalog)
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Runs `jdgen --catalog DIR check`, expects exit 2, returns stderr.
fn check_fails(catalog: &Path) -> String {
    bad_input(&["--catalog", catalog.to_str().unwrap(), "check"])
}

#[test]
fn init_writes_a_catalog_that_renders_like_the_built_in_one() {
    let (_dir, catalog) = initialised();
    for file in [
        "README.md",
        "company.yaml",
        "job.yaml",
        "batch.yaml",
        "profiles/senior.yaml",
        "templates/product-manager.md.hbs",
        "templates/partials/compensation.md.hbs",
    ] {
        assert!(catalog.join(file).is_file(), "init did not write {file}");
    }
    let readme = fs::read_to_string(catalog.join("README.md")).unwrap();
    for variable in [
        "salary.display",
        "level.scope",
        "company.name",
        "role.focus",
        "workplace_label",
    ] {
        assert!(readme.contains(variable), "the README does not explain {variable}");
    }
    let catalog_arg = catalog.to_str().unwrap();
    let job = catalog.join("job.yaml");
    let own = stdout_of(&["--catalog", catalog_arg, "generate", "--job", job.to_str().unwrap()]);
    let built_in = stdout_of(&["generate", "--job", job.to_str().unwrap()]);
    assert_eq!(
        own, built_in,
        "an unedited copy must render exactly like the built-in catalog"
    );
    let output = jdgen().args(["--catalog", catalog_arg, "check"]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn init_refuses_to_overwrite_and_names_the_files() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("job.yaml"), "mine").unwrap();
    let stderr = bad_input(&["init", dir.path().to_str().unwrap()]);
    assert!(stderr.contains("job.yaml") && stderr.contains("--force"), "{stderr}");
    assert_eq!(fs::read_to_string(dir.path().join("job.yaml")).unwrap(), "mine");
    assert!(
        !dir.path().join("profiles").exists(),
        "nothing may be written when init refuses"
    );

    let output = jdgen().args(["init", "--force"]).arg(dir.path()).output().unwrap();
    assert!(output.status.success());
    assert_ne!(fs::read_to_string(dir.path().join("job.yaml")).unwrap(), "mine");
}

#[test]
fn quiet_and_verbose() {
    let dir = tempfile::tempdir().unwrap();
    let quiet = jdgen().args(["-q", "init"]).arg(dir.path().join("a")).output().unwrap();
    assert!(quiet.status.success() && quiet.stderr.is_empty() && quiet.stdout.is_empty());
    let verbose = jdgen().args(["init", "-v"]).arg(dir.path().join("b")).output().unwrap();
    let stderr = String::from_utf8(verbose.stderr).unwrap();
    assert!(stderr.contains("wrote ") && stderr.contains("senior.yaml"), "{stderr}");
    assert!(verbose.stdout.is_empty(), "messages belong on stderr");
    let catalog = dir.path().join("b");
    let read = jdgen()
        .args(["-v", "--catalog", catalog.to_str().unwrap(), "list", "levels"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(read.stderr).unwrap();
    assert!(stderr.contains("read ") && stderr.contains("lead.yaml"), "{stderr}");
}

#[test]
fn an_override_changes_the_output() {
    let (_dir, catalog) = initialised();
    edit(
        &catalog.join("templates/partials/benefits.md.hbs"),
        "## Benefits",
        "## What we offer",
    );
    let job = fixture("typical-job.yaml");
    let args = [
        "generate",
        "--role",
        "scrum-master",
        "--level",
        "lead",
        "--job",
        job.to_str().unwrap(),
    ];
    let own = stdout_of(&[&["--catalog", catalog.to_str().unwrap()], &args[..]].concat());
    assert!(
        own.contains("## What we offer") && !own.contains("## Benefits"),
        "{own}"
    );
    let env_var = jdgen().env("JDGEN_CATALOG", &catalog).args(args).output().unwrap();
    assert_eq!(
        String::from_utf8(env_var.stdout).unwrap(),
        own,
        "JDGEN_CATALOG acts like --catalog"
    );
    assert!(stdout_of(&args).contains("## Benefits"));
}

#[test]
fn an_added_role_and_level_generate() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path();
    fs::create_dir_all(catalog.join("profiles")).unwrap();
    fs::create_dir_all(catalog.join("templates")).unwrap();
    let lead = include_str!("../../profiles/lead.yaml");
    let staff = lead
        .replacen("id: lead", "id: staff", 1)
        .replacen("name: Lead", "name: Staff", 1)
        .replacen("title: \"Lead {role}\"", "title: \"Staff {role}\"", 1);
    assert_ne!(staff, lead);
    fs::write(catalog.join("profiles/staff.yaml"), staff).unwrap();
    // A role made from the Product Manager's template: no cells of its own, so the level's
    // generic phrases and the role's core bullets fill the posting.
    let template = include_str!("../../templates/product-manager.md.hbs")
        .replacen("id: product-manager", "id: delivery-lead", 1)
        .replacen("title: Product Manager", "title: Delivery Lead", 1);
    fs::write(catalog.join("templates/delivery-lead.md.hbs"), template).unwrap();

    let catalog_arg = catalog.to_str().unwrap();
    let text = stdout_of(&[
        "--catalog",
        catalog_arg,
        "generate",
        "--role",
        "delivery-lead",
        "--level",
        "staff",
    ]);
    assert!(
        text.starts_with("# Staff Delivery Lead\n"),
        "{}",
        &text[..80.min(text.len())]
    );
    assert!(
        text.contains("Your scope is several teams that work towards one shared goal"),
        "the level's generic phrases stand in for a cell: {text}"
    );
    assert!(
        text.contains("Experience mentoring other practitioners"),
        "the level's generic bullets follow the role's core ones: {text}"
    );
    let levels = stdout_of(&["--catalog", catalog_arg, "list", "levels"]);
    assert!(levels.contains("staff") && levels.contains("staff.yaml"), "{levels}");
    let roles = stdout_of(&["--catalog", catalog_arg, "list", "roles"]);
    assert!(roles.contains("delivery-lead") && roles.contains("built-in"), "{roles}");
}

#[test]
fn check_passes_on_the_built_in_catalog() {
    let output = jdgen().arg("check").output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("catalog OK") && stderr.lines().count() == 1, "{stderr}");
}

#[test]
fn check_reports_every_template_problem_with_its_place() {
    let (_dir, catalog) = initialised();
    let pm = catalog.join("templates/product-manager.md.hbs");
    edit(&pm, "{{#if summary}}", "{{#if summary}}\n{{#each level.success}}");
    let po = catalog.join("templates/product-owner.md.hbs");
    edit(&po, "{{> about-team}}", "{{> about-teem}}");
    let sm = catalog.join("templates/scrum-master.md.hbs");
    edit(&sm, "{{> about-team}}", "{{> about-team}}\nPaid {{salary.range}}.\n");
    let stderr = check_fails(&catalog);
    let at = |path: &Path, needle: &str| {
        let text = fs::read_to_string(path).unwrap();
        let line = text.lines().position(|l| l.contains(needle)).unwrap() + 1;
        format!("{}:{line}:", path.display())
    };
    let unclosed = format!(
        "{}1: the `{{{{#each}}}}` block opened here is never closed",
        at(&pm, "{{#each level.success}}")
    );
    let partial = format!("{}1: the partial `about-teem` does not exist", at(&po, "about-teem"));
    let missing = format!("{}6: the template uses `salary.range`", at(&sm, "salary.range"));
    for expected in [unclosed, partial, missing] {
        assert!(stderr.contains(&expected), "expected {expected:?} in:\n{stderr}");
    }
    assert!(
        stderr.contains("did you mean") || stderr.contains("about-team"),
        "{stderr}"
    );
    assert!(stderr.contains("problems in the catalog"), "{stderr}");
}

#[test]
fn check_reports_profile_schema_problems_in_every_file() {
    let (_dir, catalog) = initialised();
    edit(
        &catalog.join("profiles/head.yaml"),
        "aliases: []",
        "aliases: []\nseniorty: 9",
    );
    edit(&catalog.join("profiles/lead.yaml"), "rank: 2", "rank: second");
    let stderr = check_fails(&catalog);
    let head = catalog.join("profiles/head.yaml").display().to_string();
    let lead = catalog.join("profiles/lead.yaml").display().to_string();
    assert!(
        stderr.contains(&format!("{head}:")) && stderr.contains("unknown field `seniorty`"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{lead}:"))
            && stderr.contains("rank must be a whole number, 0 or more, not the text 'second'"),
        "{stderr}"
    );
    assert!(stderr.contains("2 problems in the catalog"), "{stderr}");
}

#[test]
fn check_reports_a_broken_lint_rule_file() {
    let (_dir, catalog) = initialised();
    edit(
        &catalog.join("lint/thresholds.yaml"),
        "requirements:",
        "bogus: 1\nrequirements:",
    );
    let stderr = check_fails(&catalog);
    let thresholds = catalog.join("lint/thresholds.yaml").display().to_string();
    assert!(
        stderr.contains(&format!("{thresholds}:")) && stderr.contains("unknown field `bogus`"),
        "{stderr}"
    );
}

#[test]
fn a_missing_catalog_folder_is_an_error() {
    for command in [
        &["check"][..],
        &["list", "roles"],
        &["generate", "--role", "product-manager", "--level", "senior"],
    ] {
        let stderr = bad_input(&[&["--catalog", "/no/such/catalog"], command].concat());
        assert!(
            stderr.contains("/no/such/catalog") && stderr.contains("does not exist"),
            "{stderr}"
        );
    }
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout_of(&["completions", shell]);
        assert!(script.contains("generate") && script.contains("--catalog"), "{shell}");
    }
    let page = stdout_of(&["man"]);
    assert!(page.contains(".TH jdgen") && page.contains("generate"), "{page}");
    bad_input(&["completions", "tcsh"]);
}

#[test]
fn generate_loads_only_what_the_posting_needs() {
    // A broken file that one posting does not use stops neither it nor a run of another
    // role; `check` still finds it.
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path();
    fs::create_dir_all(catalog.join("roles/scrum-master")).unwrap();
    fs::write(catalog.join("roles/scrum-master/head.yaml"), "summery: typo\n").unwrap();
    let dir_arg = catalog.to_str().unwrap();
    let text = stdout_of(&[
        "--catalog",
        dir_arg,
        "generate",
        "-r",
        "product-manager",
        "-l",
        "senior",
    ]);
    assert!(text.starts_with("# Senior Product Manager\n"), "{text}");
    // Names that are not file names (a variant, an alias) still resolve.
    let text = stdout_of(&[
        "--catalog",
        dir_arg,
        "generate",
        "-r",
        "Project-Manager",
        "-l",
        "expert",
    ]);
    assert!(text.starts_with("# Principal Programme Manager\n"), "{text}");
    let stderr = bad_input(&["--catalog", dir_arg, "generate", "-r", "scrum-master", "-l", "head"]);
    assert!(stderr.contains("unknown field `summery`"), "{stderr}");
    let output = jdgen().args(["--catalog", dir_arg, "check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn check_names_copies_that_stop_getting_updates() {
    let (_dir, catalog) = initialised();
    let dir_arg = catalog.to_str().unwrap();
    let output = jdgen().args(["--catalog", dir_arg, "check"]).output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "an unchanged copy is not a problem: {stderr}"
    );
    let copies = stderr.lines().filter(|l| l.starts_with("note: ")).count();
    let catalog_files = walk(&catalog)
        .iter()
        .filter(|p| !p.starts_with("README") && p.contains('/'))
        .count();
    assert_eq!(
        copies, catalog_files,
        "every unchanged catalog file is named:\n{stderr}"
    );
    assert!(
        stderr.contains("pay-transparency.yaml is the same as the built-in file: delete it"),
        "{stderr}"
    );

    let pay = catalog.join("lint/pay-transparency.yaml");
    edit(&pay, "as_of: 2026-11-01", "as_of: 2025-06-30");
    let output = jdgen().args(["--catalog", dir_arg, "check"]).output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr
            .contains("pay-transparency.yaml is older than the built-in file (as_of 2025-06-30; built-in 2026-11-01)")
            && stderr.contains("jdgen init --only lint/pay-transparency.yaml"),
        "{stderr}"
    );
    let verbose = jdgen()
        .args(["-v", "--catalog", dir_arg, "lint", "-"])
        .write_stdin("# A\n")
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&verbose.stderr).contains("is older than the built-in file"),
        "lint -v says so too"
    );

    let only = tempfile::tempdir().unwrap();
    let out = only.path().join("mine");
    stdout_of(&["init", out.to_str().unwrap(), "--only", "lint/pay-transparency.yaml"]);
    assert_eq!(walk(&out), ["lint/pay-transparency.yaml"]);
    let stderr = bad_input(&["init", out.to_str().unwrap(), "--only", "lint/pay-transparancy.yaml"]);
    assert!(
        stderr.contains("did you mean 'lint/pay-transparency.yaml'?"),
        "{stderr}"
    );
}

/// Every file under `dir`, as sorted relative paths.
fn walk(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            match path.is_dir() {
                true => stack.push(path),
                false => found.push(path.strip_prefix(dir).unwrap().to_string_lossy().into_owned()),
            }
        }
    }
    found.sort();
    found
}
