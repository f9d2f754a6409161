//! The data a template sees: one JSON object built from a resolved job (documented in the README).

use serde_json::{json, Map, Value as Json};

use crate::catalog::{Catalog, Section};
use crate::posting::{money, Apply, DirectReports, EmploymentType, Period, Spelling, Workplace};
use crate::resolve::Job;

/// The template context for `job`. Absent facts are absent keys, so strict mode
/// catches a template that uses one without `{{#if}}`. The catalog's own words
/// (summary, bullets, level phrases) are spelt as the posting asks; facts are as written.
pub fn template_context(catalog: &Catalog, job: &Job) -> Json {
    let posting = &job.posting;
    let role = &job.role.meta;
    let at_level = job.at_level();
    let profile = &job.level.profile;
    let spelling = posting.spelling();
    let spell = |text: &str| -> String {
        match spelling {
            Spelling::Us => catalog.us_spelling().convert(text).into_owned(),
            Spelling::Uk => text.to_owned(),
        }
    };

    let mut context = Map::new();
    context.insert("title".into(), json!(job.title));
    context.insert(
        "spelling".into(),
        json!(match spelling {
            Spelling::Us => "us",
            Spelling::Uk => "uk",
        }),
    );
    context.insert(
        "role".into(),
        json!({
            "id": role.id,
            "title": job.variant.map_or(&role.title, |v| &v.title),
            "discipline": job.variant.and_then(|v| v.discipline.as_ref()).unwrap_or(&role.discipline),
            "focus": spell(&role.focus), "owns": spell(&role.owns), "horizon": spell(&role.horizon),
            "works_with": role.works_with,
        }),
    );
    context.insert(
        "level".into(),
        json!({
            "id": profile.id, "name": profile.name, "rank": profile.rank, "summary": spell(&profile.summary),
            "years": at_level.years(), "scope": spell(at_level.scope()), "autonomy": spell(at_level.autonomy()),
            "decision_rights": spell(at_level.decision_rights()), "influence": spell(at_level.influence()),
            "people_leadership": spell(at_level.people_leadership()), "horizon": spell(at_level.horizon()),
        }),
    );
    if let Some(summary) = at_level.summary() {
        context.insert("summary".into(), json!(spell(&summary)));
    }
    let bullets: Map<String, Json> = Section::ALL
        .iter()
        .map(|&section| {
            let texts: Vec<String> = at_level.bullets(section).iter().map(|t| spell(t)).collect();
            (section.key().to_owned(), json!(texts))
        })
        .collect();
    context.insert("bullets".into(), Json::Object(bullets));
    for (key, list) in [
        ("responsibilities", &posting.responsibilities),
        ("requirements", &posting.requirements),
        ("nice_to_have", &posting.nice_to_have),
        ("benefits", &posting.benefits),
        ("hiring_process", &posting.hiring_process),
        ("tools", &posting.tools),
    ] {
        context.insert(key.into(), json!(list));
    }

    let mut optional = |key: &str, value: Option<Json>| {
        if let Some(value) = value {
            context.insert(key.into(), value);
        }
    };
    optional(
        "company",
        posting.company.as_ref().map(|c| {
            let mut company = json!({"name": c.name});
            insert_some(&mut company, "website", c.website.as_ref());
            insert_some(&mut company, "about", c.about.as_ref());
            company
        }),
    );
    optional("team", posting.team.as_ref().map(|t| json!(t)));
    // The posting's reporting line, else the catalog's usual one for the role at this level.
    optional(
        "reports_to",
        match &posting.reports_to {
            Some(text) => Some(json!(text)),
            None => at_level.reports_to().map(|t| json!(spell(t))),
        },
    );
    // Text, so that `{{#if}}` shows "0" rather than hiding it; the template words it.
    optional(
        "direct_reports",
        match &posting.direct_reports {
            Some(DirectReports::Count(0)) => Some(json!("none")),
            Some(DirectReports::Count(n)) => Some(json!(n.to_string())),
            Some(DirectReports::Text(text)) => Some(json!(text)),
            None => at_level.direct_reports().map(|t| json!(spell(t))),
        },
    );
    optional("in_us", Some(json!(posting.located_in_us())));
    optional("team_size", posting.team_size.map(|n| json!(n)));
    optional(
        "languages",
        (!posting.languages.is_empty()).then(|| {
            json!(posting
                .languages
                .iter()
                .map(|l| json!({"language": l.language, "level": l.level.label()}))
                .collect::<Vec<_>>())
        }),
    );
    optional("travel", posting.travel.as_ref().map(|t| json!(t)));
    optional(
        "location",
        posting.location.as_ref().map(|l| {
            let country_name = l.country.map(|c| c.name());
            let display: Vec<&str> = [l.city.as_deref(), l.region.as_deref(), country_name]
                .into_iter()
                .flatten()
                .collect();
            let mut location = json!({"display": display.join(", ")});
            insert_some(&mut location, "city", l.city.as_ref());
            insert_some(&mut location, "region", l.region.as_ref());
            insert_some(&mut location, "country", l.country.map(|c| c.code()).as_ref());
            insert_some(&mut location, "country_name", country_name.as_ref());
            location
        }),
    );
    optional("workplace", posting.workplace.map(|w| json!(w.id())));
    optional("workplace_label", posting.workplace.map(|w| json!(w.label())));
    optional(
        "remote",
        posting.remote.as_ref().map(|r| {
            let mut remote = json!({
                "countries": r.countries.iter().map(|c| c.code()).collect::<Vec<_>>(),
                "country_names": r.countries.iter().map(|c| c.name()).collect::<Vec<_>>(),
            });
            insert_some(&mut remote, "timezones", r.timezones.as_ref());
            remote
        }),
    );
    optional("employment_type", posting.employment_type.map(|e| json!(e.id())));
    optional(
        "employment_type_label",
        posting.employment_type.map(|e| json!(e.label())),
    );
    optional(
        "salary",
        posting.salary.as_ref().map(|s| {
            let range = money::format_range(s.min, s.max, s.currency);
            let period_label = money::period_label(s.period);
            // The offer depends on place only when candidates may live in several places.
            let by_place = posting.workplace == Some(Workplace::Remote)
                && posting.remote.as_ref().is_none_or(|r| r.countries.len() != 1);
            json!({
                "min": s.min, "max": s.max, "currency": s.currency.code(), "period": s.period.id(),
                "display": format!("{range} {period_label}"), "range": range, "period_label": period_label,
                "single": s.min == s.max,
                "contract": posting.employment_type == Some(EmploymentType::Contract),
                "salaried": matches!(s.period, Period::Year | Period::Month),
                "by_place": by_place,
            })
        }),
    );
    optional(
        "apply",
        posting.apply.as_ref().map(|a| match a {
            Apply::Url(url) => json!({"url": url}),
            Apply::Email(email) => json!({"email": email}),
        }),
    );
    optional("date_posted", posting.date_posted.map(|d| json!(d.to_string())));
    optional("valid_through", posting.valid_through.map(|d| json!(d.to_string())));
    optional(
        "equal_opportunity",
        posting.equal_opportunity.as_ref().map(|s| json!(s)),
    );
    Json::Object(context)
}

fn insert_some<T: serde::Serialize>(object: &mut Json, key: &str, value: Option<&T>) {
    if let (Some(value), Json::Object(map)) = (value, object) {
        map.insert(key.into(), json!(value));
    }
}
