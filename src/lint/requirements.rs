//! Requirements: which text is a must-have (sections by heading or label), how many must-haves a list has, and degrees without an experience route.

use super::compiled::CompiledRequirements;
use super::document::{comparable, words, BlockKind, Document};
use super::matcher::{chunks, Tokens};
use super::schema::RequirementRules;
use super::{Finding, Findings, Level, LintRules};

/// What a heading or label says its section holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    MustHave,
    Optional,
    Other,
}

/// What each block is, for the requirement checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// A heading or a label: it names a section, it is not a requirement.
    Title,
    /// A must-have requirement (a list item or prose in a must-have section).
    MustHave,
    /// In a must-have section but qualified as optional, or a job condition.
    NotRequired,
    /// Anything else.
    Other,
}

/// The document's sections: which blocks are must-haves, and which heading or label each
/// must-have list belongs to.
#[derive(Debug, Clone)]
pub struct Sections {
    roles: Vec<Role>,
    /// The heading or label a must-have list item is counted under.
    owners: Vec<Option<u32>>,
    /// Whether the block is a must-have that counts toward the list's length (not a detail
    /// nested under another requirement).
    counted: Vec<bool>,
}

/// Notes `role` as the last item seen at list depth `depth` (1-based).
fn record(parents: &mut Vec<Option<Role>>, depth: usize, role: Role) {
    let at = depth.max(1) - 1;
    if parents.len() <= at {
        parents.resize(at + 1, None);
    }
    parents[at] = Some(role);
}

impl Sections {
    /// Reads the sections of `doc`: headings, and labels ("**Required skills:**",
    /// "An ideal candidate has:", a short line right before a list).
    pub fn new(doc: &Document, rules: &LintRules) -> Sections {
        let limits = &rules.thresholds.requirements;
        let compiled = &rules.compiled.requirements;
        let mut roles = Vec::with_capacity(doc.blocks.len());
        let mut owners = Vec::with_capacity(doc.blocks.len());
        // The current heading: its index, what it names, its level, and whether anything
        // has come under it yet.
        let mut heading: Option<(usize, Kind, u8, bool)> = None;
        // A label covers the list that follows it, up to the next block that is not an item;
        // a bold label ("**Requirements**") is a heading in all but name, and covers
        // everything up to the next heading or label.
        let mut label: Option<(usize, Kind, bool)> = None;
        // A list item that is itself a label ("Bonus:", "**You have:**") covers the items
        // nested under it: its index, what it names, and its depth.
        let mut item_label: Option<(usize, Kind, u8)> = None;
        // Per list depth, the role of the last item seen there (for nesting).
        let mut parents: Vec<Option<Role>> = Vec::new();
        let mut counted = Vec::with_capacity(doc.blocks.len());
        for (index, block) in doc.blocks.iter().enumerate() {
            let text = doc.text(block);
            if let Some((_, _, _, empty)) = heading.as_mut() {
                if !matches!(block.kind, BlockKind::Heading(_)) {
                    *empty = false;
                }
            }
            match block.kind {
                BlockKind::Heading(level) => {
                    let mut kind = classify(text, compiled);
                    // A neutral heading right under a must-have one, or nested in it, continues it
                    // ("### Skills and other Requirements" then "### Advanced knowledge of:").
                    if let Some((_, previous, previous_level, empty)) = heading {
                        if kind == Kind::Other && previous != Kind::Other && (empty || level > previous_level) {
                            kind = previous;
                        }
                    }
                    heading = Some((index, kind, level, true));
                    label = None;
                    item_label = None;
                    roles.push(Role::Title);
                    owners.push(None);
                }
                BlockKind::Paragraph if is_label(doc, index, limits) => {
                    label = Some((index, classify(text, compiled), block.emphasised));
                    item_label = None;
                    roles.push(Role::Title);
                    owners.push(None);
                }
                BlockKind::Paragraph => {
                    label = label.filter(|(.., bold)| *bold);
                    item_label = None;
                    let from_label = label.map(|(_, kind, _)| kind).filter(|kind| *kind != Kind::Other);
                    let kind = from_label.or(heading.map(|(_, kind, ..)| kind)).unwrap_or(Kind::Other);
                    roles.push(match kind {
                        Kind::MustHave if !is_optional_item(text, compiled) => Role::MustHave,
                        Kind::MustHave | Kind::Optional => Role::NotRequired,
                        Kind::Other => Role::Other,
                    });
                    owners.push(None);
                }
                BlockKind::ListItem => {
                    // A label item governs its siblings after it and the items nested under it.
                    if item_label.is_some_and(|(_, _, depth)| block.depth < depth) {
                        item_label = None;
                    }
                    // An item nested under a requirement elaborates it; it is not one more.
                    let depth = usize::from(block.depth);
                    parents.truncate(depth);
                    let nested_in_requirement =
                        depth >= 2 && parents.get(depth - 2).copied().flatten() == Some(Role::MustHave);
                    // What covers this item: a label item it is nested under, a label that says
                    // what its list is, else the heading (a neutral label leaves it to the heading).
                    let from_heading = heading.map(|(at, kind, ..)| (at, kind));
                    let from_label = label
                        .filter(|(_, kind, _)| *kind != Kind::Other)
                        .map(|(at, kind, _)| (at, kind));
                    let from_item = item_label
                        .filter(|(_, kind, _)| *kind != Kind::Other)
                        .map(|(at, kind, _)| (at, kind));
                    let (owner, kind) = match from_item
                        .or(from_label)
                        .or(from_heading)
                        .or(label.map(|(at, kind, _)| (at, kind)))
                    {
                        Some((at, kind)) => (Some(at), kind),
                        None => (None, Kind::Other),
                    };
                    if is_item_label(text, limits) {
                        let named = classify(text, compiled);
                        let own = if named == Kind::Other { kind } else { named };
                        item_label = Some((
                            item_label.map_or(owner.unwrap_or(index), |(at, ..)| at),
                            own,
                            block.depth,
                        ));
                        roles.push(Role::Title);
                        owners.push(None);
                        counted.push(false);
                        record(&mut parents, depth, Role::Title);
                        continue;
                    }
                    let role = match kind {
                        Kind::MustHave if is_optional_item(text, compiled) || is_condition(text, compiled) => {
                            Role::NotRequired
                        }
                        Kind::MustHave => Role::MustHave,
                        Kind::Optional => Role::NotRequired,
                        Kind::Other => Role::Other,
                    };
                    roles.push(role);
                    owners.push(owner.map(|at| at as u32));
                    counted.push(role == Role::MustHave && !nested_in_requirement);
                    record(&mut parents, depth, role);
                    continue;
                }
            }
            counted.push(false);
            parents.clear();
        }
        Sections { roles, owners, counted }
    }

    /// Whether block `index` is a must-have requirement.
    pub fn is_requirement(&self, index: usize) -> bool {
        self.roles[index] == Role::MustHave
    }

    fn has_must_haves(&self) -> bool {
        self.roles.contains(&Role::MustHave)
    }
}

/// Whether paragraph `index` is a label: short, and bold, ending with a colon, or right
/// before a list.
fn is_label(doc: &Document, index: usize, limits: &RequirementRules) -> bool {
    let block = &doc.blocks[index];
    let text = doc.text(block).trim();
    if words(text).nth(limits.label_max_words).is_some() {
        return false;
    }
    let before_list = doc
        .blocks
        .get(index + 1)
        .is_some_and(|next| next.kind == BlockKind::ListItem);
    block.emphasised || text.ends_with(':') || (before_list && !text.ends_with(['.', '!', '?']))
}

/// Whether a list item is itself a label for the items after it ("Bonus:", "**You have:**").
fn is_item_label(text: &str, limits: &RequirementRules) -> bool {
    let text = text.trim();
    text.ends_with(':') && words(text).nth(limits.label_max_words.min(6)).is_none()
}

/// Whether a list item (or a paragraph) is qualified as optional: an optional phrase
/// starts it ("Bonus: Rust", "Ideally, ...") or ends it ("Kubernetes is a plus", "SQL
/// (preferred)"); "5 years, ideally in SaaS" is still a must-have.
fn is_optional_item(text: &str, compiled: &CompiledRequirements) -> bool {
    chunks(text).any(|(_, chunk)| {
        let tokens = Tokens::new(chunk);
        let end = tokens.len();
        compiled
            .optional
            .find(&tokens)
            .iter()
            .any(|m| m.first == 0 || m.last + 2 >= end)
    })
}

/// What a heading or label names: optional wording wins over must-have wording.
fn classify(text: &str, compiled: &CompiledRequirements) -> Kind {
    if compiled.optional.any_in(text) {
        Kind::Optional
    } else if compiled.headings.contains(&comparable(text)) || compiled.heading_words.any_in(text) {
        Kind::MustHave
    } else {
        Kind::Other
    }
}

/// Whether a list item starts with a job condition ("Permanent contract.", "Remote work.").
fn is_condition(text: &str, compiled: &CompiledRequirements) -> bool {
    let head: String = text.chars().take(200).collect();
    compiled
        .conditions
        .find(&Tokens::new(&head))
        .iter()
        .any(|m| m.first == 0)
}

/// A warning for each must-have list longer than allowed; a notice for each degree
/// requirement that offers no "or equivalent experience".
pub fn check(doc: &Document, sections: &Sections, rules: &LintRules, findings: &mut Findings) {
    let limits = &rules.thresholds.requirements;
    let compiled = &rules.compiled.requirements;
    // Top-level must-have items counted under their heading or label, in one pass.
    let mut counts: Vec<usize> = vec![0; doc.blocks.len()];
    for (index, block) in doc.blocks.iter().enumerate() {
        if block.kind == BlockKind::ListItem && sections.counted[index] {
            if let Some(owner) = sections.owners[index] {
                counts[owner as usize] += 1;
            }
        }
    }
    for (owner, &items) in counts.iter().enumerate() {
        if items > limits.max_must_haves {
            let title = &doc.blocks[owner];
            findings.push(
                Finding::new(
                    "too-many-requirements",
                    Level::Warning,
                    format!(
                        "'{}' lists {items} must-haves, more than {}",
                        doc.text(title).trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | ':')),
                        limits.max_must_haves
                    ),
                )
                .at(doc, title, 0)
                .suggesting("keep the must-haves a person needs on day one and move the rest to a 'nice to have' list; long lists deter qualified applicants, women more than men"),
            );
        }
    }

    // Degree requirements: in the must-haves, or anywhere when there are none; none at all
    // when the posting offers another route anywhere (looked for once a degree is found).
    let mut route_offered: Option<bool> = None;
    let has_sections = sections.has_must_haves();
    for (index, block) in doc.blocks.iter().enumerate() {
        let role = sections.roles[index];
        let text = doc.text(block);
        let counted = match has_sections {
            true => role == Role::MustHave,
            false => role == Role::Other,
        };
        if !counted {
            continue;
        }
        if let Some((start, end)) = degree_mention(text, compiled) {
            // "ideally a Bachelor's degree", "degree preferred": the degree is not a must-have;
            // "or equivalent experience" in the same requirement offers another route.
            if compiled.optional.any_in(text) || compiled.equivalents.any_in(text) {
                continue;
            }
            if *route_offered.get_or_insert_with(|| doc.blocks.iter().any(|b| compiled.routes.any_in(doc.text(b)))) {
                return;
            }
            let quote = &text[start..end];
            findings.push(
                Finding::new(
                    "degree-without-equivalent",
                    Level::Notice,
                    format!("'{quote}' is asked for without an alternative route"),
                )
                .at(doc, block, start)
                .quoting(quote)
                .suggesting("add 'or equivalent experience', unless the job legally requires the degree"),
            );
        }
    }
}

/// The first degree word in `text` that is not part of an exception ("degree of").
fn degree_mention(text: &str, compiled: &CompiledRequirements) -> Option<(usize, usize)> {
    for (chunk_at, chunk) in chunks(text) {
        let tokens = Tokens::new(chunk);
        let except = compiled.degree_except.find(&tokens);
        let first = compiled
            .degrees
            .find(&tokens)
            .into_iter()
            .find(|m| !except.iter().any(|e| e.first <= m.first && e.last >= m.last));
        if let Some(found) = first {
            let (start, end) = tokens.range(found.first, found.last);
            return Some((chunk_at + start, chunk_at + end));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(text: &str) -> Vec<Finding> {
        let rules = super::super::rules::builtin_for_tests();
        super::super::lint_markdown(text, None, rules)
            .findings
            .into_iter()
            .filter(|f| matches!(f.rule.as_str(), "too-many-requirements" | "degree-without-equivalent"))
            .collect()
    }

    fn list(heading: &str, n: usize) -> String {
        let items: String = (1..=n).map(|i| format!("- Skill number {i}\n")).collect();
        format!("# Job\n\n## {heading}\n\n{items}\n## Nice to have\n\n- Extra\n- More\n")
    }

    #[test]
    fn more_than_eight_must_haves_is_a_warning() {
        assert!(findings(&list("What you will bring", 8)).is_empty());
        let found = findings(&list("What you will bring", 9));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, "too-many-requirements");
        assert_eq!(found[0].level, Level::Warning);
        assert_eq!(found[0].line, Some(3));
        for heading in [
            "Requirements",
            "What you’ll bring:",
            "Qualifications",
            "Experience You’ll Need",
        ] {
            assert_eq!(findings(&list(heading, 12)).len(), 1, "{heading}");
        }
        // Nice-to-haves are not must-haves, and unknown headings are not counted.
        assert!(findings(&list("Our office", 12)).is_empty());
        assert!(findings(&list("Preferred qualifications", 12)).is_empty());
    }

    #[test]
    fn labels_start_sections_and_optional_items_do_not_count() {
        let items: String = (1..=9).map(|i| format!("- Skill number {i}\n")).collect();
        for label in [
            "**Required skills:**",
            "An ideal candidate has:",
            "Required",
            "Experience You'll Need",
        ] {
            let found = findings(&format!("# Job\n\nAbout us.\n\n{label}\n\n{items}"));
            assert_eq!(found.len(), 1, "{label}: {found:?}");
            assert!(found[0].message.contains("lists 9 must-haves"), "{}", found[0].message);
        }
        let mixed = format!(
            "## Requirements\n\n{}- Kubernetes is a plus\n- Bonus points: Rust\n- Go (preferred)\n- Permanent contract.\n- Remote work.\n  - nested detail\n",
            (1..=7).map(|i| format!("- Skill number {i}\n")).collect::<String>()
        );
        assert!(findings(&mixed).is_empty(), "{:?}", findings(&mixed));
        // A "nice to have" label inside a requirements section is not counted.
        let split = format!(
            "## Requirements\n\n{}\n**Nice to have:**\n\n{}",
            (1..=5).map(|i| format!("- Skill {i}\n")).collect::<String>(),
            (1..=6).map(|i| format!("- Extra {i}\n")).collect::<String>()
        );
        assert!(findings(&split).is_empty());
    }

    #[test]
    fn degrees_need_an_equivalent() {
        let found = findings("## Requirements\n\n- A bachelor's degree in computer science\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, "degree-without-equivalent");
        assert_eq!(found[0].quote.as_deref(), Some("bachelor's"));
        assert!(findings("## Requirements\n\n- A BSc in economics or equivalent experience\n").is_empty());
        assert!(findings("## Requirements\n\n- Experience with MS Office and a bass guitar\n").is_empty());
        assert_eq!(findings("## Requirements\n\n- A PhD in physics\n").len(), 1);
        // Outside the must-haves, a degree is not a requirement.
        assert!(findings("## Requirements\n\n- Curiosity\n\n## Nice to have\n\n- A master's degree\n").is_empty());
        assert!(findings("## Requirements\n\n- A master's degree (preferred)\n").is_empty());
        // Not a degree, and a route offered elsewhere.
        assert!(findings("## Requirements\n\n- A high degree of autonomy\n").is_empty());
        assert!(findings(
            "## Requirements\n\n- A bachelor's degree\n\nA combination of experience and education may be substituted.\n"
        )
        .is_empty());
    }
}
