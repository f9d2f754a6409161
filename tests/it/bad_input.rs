//! Every kind of bad input: exit 2, a message naming the file, line and field, nothing on stdout, no panic.
//!
//! Each case's whole stderr is also an insta snapshot (`snapshots/it__bad_input__*.snap`), so
//! a change in what a recruiter reads is a reviewed diff; the `contains` checks say what
//! must stay whatever the wording.

use crate::common::*;

/// Checks the whole of `stderr` against the snapshot `name`, with temporary folders written
/// `[TMP]` (their names differ on every run).
fn snapshot(name: &str, stderr: &str) {
    let temp = std::env::temp_dir().join(".tmp").display().to_string();
    let mut shown = String::with_capacity(stderr.len());
    let mut rest = stderr;
    while let Some(at) = rest.find(&temp) {
        shown.push_str(&rest[..at]);
        shown.push_str("[TMP]");
        let after = &rest[at + temp.len()..];
        // tempfile names its folders `.tmp` and random letters and digits.
        rest = &after[after.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(after.len())..];
    }
    shown.push_str(rest);
    insta::assert_snapshot!(name, shown);
}

/// Runs `generate` on a job file with `text` and returns stderr.
fn job_error(text: &str) -> String {
    let (_dir, job) = temp_file("job.yaml", text);
    bad_input(&["generate", "--job", job.to_str().unwrap()])
}

const HEAD: &str = "role: product-manager\nlevel: senior\n";

#[test]
fn malformed_yaml() {
    let error = job_error("role: product-manager\nlevel: [senior\n");
    snapshot("malformed-yaml-error", &error);
    assert!(error.contains("job.yaml:"), "{error}");
}

#[test]
fn unknown_field_suggests_the_right_one() {
    let error = job_error(&format!("{HEAD}salry:\n  min: 1\n"));
    snapshot("unknown-field-suggests-the-right-one-error", &error);
    assert!(
        error.contains("job.yaml:3:1") && error.contains("unknown field `salry`"),
        "{error}"
    );
    assert!(error.contains("did you mean `salary`?"), "{error}");
    let nested = job_error(&format!("{HEAD}salary:\n  mni: 1\n"));
    snapshot("unknown-field-suggests-the-right-one-nested", &nested);
    assert!(
        nested.contains("job.yaml:4:3") && nested.contains("did you mean `min`?"),
        "{nested}"
    );
}

#[test]
fn wrong_type() {
    let error = job_error(&format!("{HEAD}salary:\n  min: lots\n  max: 2\n  currency: EUR\n"));
    snapshot("wrong-type-error", &error);
    assert!(
        error.contains("job.yaml:4:8") && error.contains("salary.min: 'lots' is not a plain number such as 78000"),
        "{error}"
    );
    let list = job_error(&format!("{HEAD}benefits: Pension\n"));
    snapshot("wrong-type-list", &list);
    assert!(
        list.contains("benefits must be a list, not the text 'Pension'") && list.contains("[Pension]"),
        "{list}"
    );
}

#[test]
fn unknown_role_and_level_suggest() {
    let role = bad_input(&["generate", "--role", "prodct-manager", "--level", "senior"]);
    snapshot("unknown-role-and-level-suggest-role", &role);
    assert!(role.contains("unknown role 'prodct-manager'") && role.contains("did you mean 'product-manager'?"));
    let level = bad_input(&["generate", "--role", "product-manager", "--level", "snior"]);
    snapshot("unknown-role-and-level-suggest-level", &level);
    assert!(level.contains("unknown level 'snior'") && level.contains("did you mean 'senior'?"));
    let from_file = job_error("role: product-manager\nlevel: hed\n");
    snapshot("unknown-role-and-level-suggest-from-file", &from_file);
    assert!(
        from_file.contains("job.yaml:2:1") && from_file.contains("did you mean 'head'?"),
        "{from_file}"
    );
}

#[test]
fn missing_role() {
    let error = bad_input(&["generate", "--level", "senior"]);
    snapshot("missing-role-error", &error);
    assert!(error.contains("no role given") && error.contains("--role"), "{error}");
}

#[test]
fn salary_rules() {
    let cases = [
        (
            "salary: {min: 100000, max: 50000, currency: EUR}",
            "salary.max",
            "below the minimum",
        ),
        (
            "salary: {min: -5, max: 50000, currency: EUR}",
            "salary.min",
            "not an amount",
        ),
        (
            "salary: {min: 50000, max: 60000, currency: EUO}",
            "salary.currency",
            "ISO 4217",
        ),
        (
            "salary: {min: 50000, max: 60000, currency: EUR, period: fortnight}",
            "salary.period",
            "year, month, week, day or hour",
        ),
        ("salary: {min: 50000, max: 60000}", "salary.currency", "is missing"),
    ];
    for (index, (line, field, reason)) in cases.into_iter().enumerate() {
        let error = job_error(&format!("{HEAD}{line}\n"));
        snapshot(&format!("salary-rules-{index}"), &error);
        assert!(
            error.contains("job.yaml:3:") && error.contains(field) && error.contains(reason),
            "{line}: {error}"
        );
    }
}

#[test]
fn date_rules() {
    let invalid = job_error(&format!("{HEAD}date_posted: 2026-02-30\n"));
    snapshot("date-rules-invalid", &invalid);
    assert!(invalid.contains("job.yaml:3:14") && invalid.contains("date_posted") && invalid.contains("YYYY-MM-DD"));
    let order = job_error(&format!("{HEAD}date_posted: 2026-11-02\nvalid_through: 2026-10-01\n"));
    snapshot("date-rules-order", &order);
    assert!(order.contains("job.yaml:4:1") && order.contains("valid_through") && order.contains("before date_posted"));
}

#[test]
fn unknown_workplace_and_employment_type() {
    let workplace = job_error(&format!("{HEAD}workplace: office\n"));
    snapshot("unknown-workplace-and-employment-type-workplace", &workplace);
    assert!(workplace.contains("job.yaml:3:12") && workplace.contains("onsite") && workplace.contains("remote"));
    let employment = job_error(&format!("{HEAD}employment_type: permanent\n"));
    snapshot("unknown-workplace-and-employment-type-employment", &employment);
    assert!(
        employment.contains("employment_type") && employment.contains("full-time"),
        "{employment}"
    );
}

#[test]
fn unknown_country() {
    let error = job_error(&format!("{HEAD}location: {{city: Berlin, country: Germny}}\n"));
    snapshot("unknown-country-error", &error);
    assert!(
        error.contains("job.yaml:3:35")
            && error.contains("location.country")
            && error.contains("did you mean DE (Germany)?"),
        "{error}"
    );
}

#[test]
fn unreadable_files() {
    let missing = bad_input(&["generate", "--job", "/no/such/job.yaml"]);
    snapshot("unreadable-files-missing", &missing);
    assert!(
        missing.contains("/no/such/job.yaml") && missing.contains("no such file"),
        "{missing}"
    );
    let dir = tempfile::tempdir().unwrap();
    let latin1 = dir.path().join("latin1.yaml");
    std::fs::write(&latin1, b"role: product-manager\nteam: caf\xe9\n").unwrap();
    let error = bad_input(&["generate", "--job", latin1.to_str().unwrap()]);
    snapshot("unreadable-files-error", &error);
    assert!(
        error.contains("latin1.yaml") && error.contains("not UTF-8") && error.contains("line 2"),
        "{error}"
    );
    let folder = bad_input(&["generate", "--job", dir.path().to_str().unwrap()]);
    snapshot("unreadable-files-folder", &folder);
    assert!(folder.contains("folder"), "{folder}");
}

#[test]
fn hostile_yaml_is_bounded() {
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for level in 1..10u8 {
        let (prev, this) = ((b'a' + level - 1) as char, (b'a' + level) as char);
        bomb.push_str(&format!(
            "{this}: &{this} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
        ));
    }
    bomb.push_str("team: *j\n");
    let started = std::time::Instant::now();
    let error = job_error(&bomb);
    snapshot("hostile-yaml-is-bounded-error", &error);
    // The schema rejects the first unknown key before anything expands; the
    // parser's own alias limit is covered by a unit test of the yaml module.
    assert!(
        error.contains("job.yaml:1:1") && error.contains("unknown field `a`"),
        "{error}"
    );
    // A generous bound: the point is that it does not expand billions of nodes.
    assert!(started.elapsed().as_secs() < 30);
    // Nesting past the limit is refused at the first bracket too deep, before the parse.
    let deep = job_error(&format!("team: {}{}\n", "[".repeat(5000), "]".repeat(5000)));
    snapshot("hostile-yaml-is-bounded-deep", &deep);
    assert!(
        deep.contains("job.yaml:1:39") && deep.contains("nests lists or blocks in brackets more than 32 deep"),
        "{deep}"
    );
    let deep_unknown = job_error(&format!("{}1{}\n", "{a: ".repeat(5000), "}".repeat(5000)));
    snapshot("hostile-yaml-is-bounded-deep-unknown", &deep_unknown);
    assert!(
        deep_unknown.contains("job.yaml:1:129") && deep_unknown.contains("32 deep"),
        "{deep_unknown}"
    );
    let within = job_error(&format!("team: {}x{}\n", "[".repeat(32), "]".repeat(32)));
    snapshot("hostile-yaml-is-bounded-within", &within);
    assert!(
        within.contains("job.yaml:1:7") && within.contains("team must be text, not a list"),
        "{within}"
    );
}

#[test]
fn bad_set_flags() {
    let unknown = bad_input(&[
        "generate",
        "-r",
        "product-manager",
        "-l",
        "senior",
        "--set",
        "salry.min=5",
    ]);
    snapshot("bad-set-flags-unknown", &unknown);
    assert!(
        unknown.contains("--set salry.min=5") && unknown.contains("did you mean `salary`?"),
        "{unknown}"
    );
    let no_value = bad_input(&["generate", "-r", "product-manager", "-l", "senior", "--set", "team"]);
    snapshot("bad-set-flags-no-value", &no_value);
    assert!(no_value.contains("KEY=VALUE"), "{no_value}");
    let bad_min = bad_input(&[
        "generate",
        "-r",
        "product-manager",
        "-l",
        "senior",
        "--set",
        "salary.min=lots",
    ]);
    snapshot("bad-set-flags-bad-min", &bad_min);
    assert!(bad_min.contains("salary.min"), "{bad_min}");
}

#[test]
fn bad_company_file() {
    let (_dir, company) = temp_file("company.yaml", "company:\n  nmae: Acme\n");
    let error = bad_input(&[
        "generate",
        "-r",
        "product-manager",
        "-l",
        "senior",
        "--company",
        company.to_str().unwrap(),
    ]);
    snapshot("bad-company-file-error", &error);
    assert!(
        error.contains("company.yaml:2:3") && error.contains("did you mean `name`?"),
        "{error}"
    );
}

#[test]
fn usage_errors_exit_2() {
    snapshot("usage-errors-flag", &bad_input(&["generate", "--no-such-flag"]));
    snapshot("usage-errors-value", &bad_input(&["list", "things"]));
}
