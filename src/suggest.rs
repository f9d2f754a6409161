//! "Did you mean …?" suggestions for misspelt roles, levels and field names.

/// The closest candidate to `input`, if one is close enough to be a likely typo.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input = input.to_lowercase();
    candidates
        .into_iter()
        .filter_map(|candidate| {
            let candidate_lower = candidate.to_lowercase();
            // Transposed or dropped letters ("mni", "snior") count as one edit.
            let edits = strsim::damerau_levenshtein(&input, &candidate_lower);
            let similarity = strsim::jaro_winkler(&input, &candidate_lower);
            let close = edits <= (candidate_lower.chars().count() / 3).max(1) || similarity >= 0.8;
            close.then_some((edits, candidate))
        })
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, candidate)| candidate)
}

/// A help line for serde's "unknown field `x`, expected one of `a`, `b`" messages.
pub fn for_unknown_field(message: &str) -> Option<String> {
    let rest = message.split("unknown field `").nth(1)?;
    let (field, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    let allowed = expected.join(", ");
    Some(match closest(field, expected.iter().copied()) {
        Some(best) => format!("did you mean `{best}`? allowed fields: {allowed}"),
        None => format!("allowed fields: {allowed}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        assert_eq!(
            closest("snior", ["senior", "lead", "principal", "head"]),
            Some("senior")
        );
        assert_eq!(
            closest("prodct-manager", ["product-manager", "product-owner"]),
            Some("product-manager")
        );
        assert_eq!(closest("xyz", ["senior", "lead"]), None);
        assert_eq!(closest("mni", ["min", "max", "currency"]), Some("min"));
    }

    #[test]
    fn unknown_field_messages_get_a_suggestion() {
        let help = for_unknown_field("unknown field `salry`, expected one of `role`, `salary`, `title`").unwrap();
        assert_eq!(help, "did you mean `salary`? allowed fields: role, salary, title");
        assert_eq!(for_unknown_field("invalid type: string"), None);
    }
}
