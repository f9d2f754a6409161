//! The data a template sees: one JSON object built from a resolved job (documented in the README).

use serde_json::{json, Map, Value as Json};

use crate::posting::{money, Apply};
use crate::resolve::Job;

/// The template context for `job`. Absent facts are absent keys, so strict mode
/// catches a template that uses one without `{{#if}}`.
pub fn template_context(job: &Job) -> Json {
    let posting = &job.posting;
    let role = &job.role.meta;
    let profile = &job.level.profile;
    let bullets = profile.bullets_for(&role.id);

    let mut context = Map::new();
    context.insert("title".into(), json!(job.title));
    context.insert(
        "role".into(),
        json!({
            "id": role.id, "title": role.title, "discipline": role.discipline, "focus": role.focus,
            "owns": role.owns, "horizon": role.horizon, "works_with": role.works_with,
        }),
    );
    context.insert(
        "level".into(),
        json!({
            "id": profile.id, "name": profile.name, "rank": profile.rank, "summary": profile.summary,
            "years": profile.years, "scope": profile.scope, "autonomy": profile.autonomy,
            "decision_rights": profile.decision_rights, "influence": profile.influence,
            "people_leadership": profile.people_leadership, "horizon": profile.horizon,
            "responsibilities": bullets.responsibilities, "requirements": bullets.requirements,
            "nice_to_have": bullets.nice_to_have, "success": bullets.success,
        }),
    );
    for (key, list) in [
        ("responsibilities", &posting.responsibilities),
        ("requirements", &posting.requirements),
        ("nice_to_have", &posting.nice_to_have),
        ("benefits", &posting.benefits),
        ("hiring_process", &posting.hiring_process),
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
            json!({
                "min": s.min, "max": s.max, "currency": s.currency.code(), "period": s.period.id(),
                "display": format!("{range} {period_label}"), "range": range, "period_label": period_label,
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
