//! Exclusionary or off-putting phrases, and gendered job titles, matched word by word from the catalog's lists.

use super::compiled::CompiledPhrases;
use super::document::{BlockKind, Document};
use super::matcher::{chunks, Match, Tokens};
use super::schema::OnlyIn;
use super::{Finding, Findings, Level, LintRules};
use crate::posting::Posting;

/// How many words before a match an `only_after` phrase may end.
const ONLY_AFTER_WINDOW: usize = 2;
/// How many words before a gendered title in body text a `title_context` phrase may end.
const TITLE_CONTEXT_WINDOW: usize = 3;

/// Whether some match of `context` ends within `window` words before token `first`.
fn preceded_by(context: &[Match], first: usize, window: usize) -> bool {
    context.iter().any(|m| m.last <= first && m.last + window >= first)
}

/// Whether some match of `except` covers tokens `first..last`.
fn excepted(except: &[Match], first: usize, last: usize) -> bool {
    except.iter().any(|m| m.first <= first && m.last >= last)
}

/// Phrase rules over every block, and gendered titles in the title, headings and body text.
/// `in_requirements(block)` says whether a block is a must-have requirement (from
/// `requirements::Sections`), for rules that look only there.
pub fn check(
    doc: &Document,
    in_requirements: impl Fn(usize) -> bool,
    title: Option<&str>,
    facts: Option<&Posting>,
    rules: &LintRules,
    findings: &mut Findings,
) {
    let compiled = &rules.compiled.phrases;
    let file = &rules.phrases;
    let law_reason = title_reason(facts, rules);
    let mut matches: Vec<(usize, Match)> = Vec::new();
    for (index, block) in doc.blocks.iter().enumerate() {
        let in_requirements = in_requirements(index);
        let in_body = !matches!(block.kind, BlockKind::Heading(_));
        let text = doc.text(block);
        for (chunk_at, chunk) in chunks(text) {
            let tokens = Tokens::new(chunk);
            for (start, end, phrase) in title_matches(&tokens, in_body, compiled) {
                findings.push(title_finding(&chunk[start..end], phrase, &law_reason, compiled).at(
                    doc,
                    block,
                    chunk_at + start,
                ));
            }
            matches.clear();
            matches.extend(
                compiled
                    .all
                    .find(&tokens)
                    .into_iter()
                    .map(|m| (compiled.rule_of[m.phrase], m)),
            );
            if matches.is_empty() {
                continue;
            }
            // By rule, then one finding per place, the longest phrase first: "he or she will"
            // is not also "she will".
            matches.sort_by_key(|(rule, m)| (*rule, m.first, std::cmp::Reverse(m.last)));
            for group in matches.chunk_by(|a, b| a.0 == b.0) {
                let rule_index = group[0].0;
                let rule = &file.phrases[rule_index];
                if rule.only_in == Some(OnlyIn::Requirements) && !in_requirements {
                    continue;
                }
                let except = compiled.except[rule_index].find(&tokens);
                let context = compiled.only_after[rule_index].find(&tokens);
                let mut taken_until = 0;
                for (_, found) in group {
                    if found.first < taken_until
                        || excepted(&except, found.first, found.last)
                        || (!rule.only_after.is_empty() && !preceded_by(&context, found.first, ONLY_AFTER_WINDOW))
                    {
                        continue;
                    }
                    taken_until = found.last;
                    let (start, end) = tokens.range(found.first, found.last);
                    let quote = &chunk[start..end];
                    findings.push_with(&rule.id, || {
                        Finding::new(&rule.id, rule.level, format!("'{quote}': {}", rule.reason))
                            .at(doc, block, chunk_at + start)
                            .quoting(quote)
                            .suggesting(&rule.suggestion)
                    });
                }
            }
        }
    }
    // A title the facts give that the text does not show.
    if let Some(title) = title.filter(|t| doc.title() != Some(*t)) {
        for (_, chunk) in chunks(title) {
            let tokens = Tokens::new(chunk);
            for (start, end, phrase) in title_matches(&tokens, false, compiled) {
                findings.push(title_finding(&chunk[start..end], phrase, &law_reason, compiled));
            }
        }
    }
}

/// Why a gendered title is a problem: the law that requires neutral titles, where one applies.
fn title_reason(facts: Option<&Posting>, rules: &LintRules) -> String {
    let law = facts.and_then(|facts| rules.laws_for(facts).into_iter().find(|law| law.neutral_titles));
    match law {
        Some(law) => format!("{} requires gender-neutral job titles", law.law),
        None => "a gendered job title tells some applicants the job is not for them".to_owned(),
    }
}

fn title_finding(quote: &str, phrase: usize, reason: &str, compiled: &CompiledPhrases) -> Finding {
    Finding::new("gender-neutral-title", Level::Warning, format!("'{quote}': {reason}"))
        .quoting(quote)
        .suggesting(format!("'{}'", compiled.title_names[phrase].1))
}

/// Byte ranges (and phrase) of gendered titles among `tokens`; in body text only where one
/// of the title-context words comes shortly before.
fn title_matches(tokens: &Tokens, in_body: bool, compiled: &CompiledPhrases) -> Vec<(usize, usize, usize)> {
    let found = compiled.titles.find(tokens);
    if found.is_empty() {
        return Vec::new();
    }
    let context = if in_body {
        compiled.title_context.find(tokens)
    } else {
        Vec::new()
    };
    found
        .into_iter()
        .filter(|m| !in_body || preceded_by(&context, m.first, TITLE_CONTEXT_WINDOW))
        .map(|m| {
            let (start, end) = tokens.range(m.first, m.last);
            (start, end, m.phrase)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    fn rules_hit(text: &str) -> Vec<String> {
        let rules = super::super::rules::builtin_for_tests();
        super::super::lint_markdown(text, None, rules)
            .findings
            .into_iter()
            .map(|f| f.rule)
            .filter(|rule| {
                !matches!(
                    rule.as_str(),
                    "length" | "readability" | "gender-coded-word" | "gender-coding" | "degree-without-equivalent"
                )
            })
            .collect()
    }

    #[test]
    fn each_phrase_rule_triggers_and_plain_wording_does_not() {
        for (text, rule) in [
            ("We want a coding rockstar.", "rockstar"),
            ("Be our ninja.", "ninja"),
            ("A true Scrum guru.", "guru"),
            ("A spreadsheet wizard.", "wizard"),
            ("We have a hacker culture.", "hacker-culture"),
            ("We work hard, play hard!", "work-hard-play-hard"),
            ("The team works hard and plays hard.", "work-hard-play-hard"),
            ("You are a digital native.", "digital-native"),
            ("Join our young team.", "young"),
            ("We value culture fit.", "culture-fit"),
            ("Hey guys, join us.", "guys"),
            ("He/she will own the roadmap.", "gendered-pronoun"),
            ("You are a native English speaker.", "native-speaker"),
            ("You can lift 50 pounds.", "physical-requirement"),
            ("You hit the ground running.", "hit-the-ground-running"),
            ("You have a thick skin.", "thick-skin"),
            ("Available nights and weekends.", "nights-and-weekends"),
            ("Be the superstar of our sales floor.", "superstar"),
            ("Our heroes ship on Fridays.", "hero"),
            ("We are looking for a unicorn.", "unicorn"),
            ("Badass engineers wanted.", "badass"),
            ("Our bros run the show.", "bro-culture"),
            ("We work hard, party hard.", "work-hard-play-hard"),
            ("We work around the clock.", "nights-and-weekends"),
            ("Available 24x7 for the team.", "nights-and-weekends"),
            ("Weekends as needed.", "nights-and-weekends"),
            ("Expect long hours.", "nights-and-weekends"),
            ("You juggle many projects.", "high-pressure"),
            ("You meet tight deadlines.", "high-pressure"),
            ("English as a first language.", "native-speaker"),
            ("Native-level German.", "native-speaker"),
            ("We are a meritocracy.", "meritocracy"),
            ("We get shit done.", "profanity"),
            ("He is our next hire.", "gendered-pronoun"),
            ("He'll report to the CTO.", "gendered-pronoun"),
            ("She can own the roadmap.", "gendered-pronoun"),
            ("You will review his code.", "gendered-pronoun"),
            ("Hey dudes.", "gendered-word"),
            ("Ladies welcome.", "gendered-word"),
            ("We want a man for this job.", "gendered-candidate"),
            ("Support for new mothers.", "gendered-family-word"),
            ("We need more manpower.", "gendered-term"),
            ("Write sexy code.", "sexualised-term"),
            ("A bearded developer.", "facial-hair"),
            ("Real synergy.", "hollow-jargon"),
            ("A drama-free office.", "reassurance"),
            ("A competitive environment.", "competitive-culture"),
        ] {
            assert_eq!(rules_hit(text), [rule], "{text}");
        }
        for text in [
            "You write clear English and work well with the team.",
            "We welcome applicants of every age; you will own the roadmap.",
            "Our setup guide; the rock is a star.",
            "You are skilled and thick-headed.",
            "We are a young startup building for young people and their families.",
            "Our on-call rota shares 24x7 support for customers.",
            "Our sister company runs a Mother's Day event.",
            "Alex (she/her) leads the team.",
            "Women, minorities and veterans are encouraged to apply.",
            "We are a unicorn startup with no heroics.",
            "You have a high degree of autonomy.",
            "Build cloud-native apps for native mobile platforms.",
            "Lead HE marketing for Guy Kawasaki's team and a male connector.",
        ] {
            assert!(rules_hit(text).is_empty(), "{text}: {:?}", rules_hit(text));
        }
    }

    #[test]
    fn recent_graduate_only_counts_as_a_requirement() {
        assert!(rules_hit("We hired a recent graduate last year.\n").is_empty());
        assert_eq!(
            rules_hit("## Requirements\n\n- Recent graduate in economics\n"),
            ["recent-graduate"]
        );
        assert_eq!(
            rules_hit("**Required:**\n\n- A recent computer science graduate\n"),
            ["recent-graduate"]
        );
    }

    #[test]
    fn gendered_titles_in_headings_and_body() {
        assert_eq!(
            rules_hit("# Salesman (all genders)\n\nSell.\n"),
            ["gender-neutral-title"]
        );
        assert!(rules_hit("# Salesperson\n\nSell.\n").is_empty());
        assert_eq!(
            rules_hit("We are looking for a strong salesman.\n"),
            ["gender-neutral-title"]
        );
        assert!(rules_hit("Our Chairman, Jane Doe, founded the company.\n").is_empty());
    }
}
