//! A rendered description as the HTML outputs read it: its title apart from its body, made
//! safe (raw HTML as text, images as their alt text, only safe links). The careers page
//! (`html.rs`) and the JSON-LD's `description` (`jsonld.rs`) are both made from it.

use pulldown_cmark::{html, Event, HeadingLevel, Parser, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;

use super::escape::is_safe_link;

/// The rendered Markdown split into the title (the first level-1 heading) and the body after it.
pub struct Description<'a> {
    title: Vec<Event<'a>>,
    pub(crate) body: Vec<Event<'a>>,
}

impl<'a> Description<'a> {
    /// Parses `markdown` and makes it safe to write as HTML.
    pub fn parse(markdown: &'a str) -> Description<'a> {
        let mut title = Vec::new();
        let mut body = Vec::new();
        let mut in_title = false;
        let mut title_seen = false;
        for event in sanitize(Parser::new(markdown)) {
            match event {
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H1,
                    ..
                }) if !title_seen => in_title = true,
                Event::End(TagEnd::Heading(HeadingLevel::H1)) if in_title => {
                    in_title = false;
                    title_seen = true;
                }
                event if in_title => title.push(event),
                // One h1 per page: any later level-1 heading becomes a section heading.
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H1,
                    id,
                    classes,
                    attrs,
                }) => body.push(Event::Start(Tag::Heading {
                    level: HeadingLevel::H2,
                    id,
                    classes,
                    attrs,
                })),
                Event::End(TagEnd::Heading(HeadingLevel::H1)) => {
                    body.push(Event::End(TagEnd::Heading(HeadingLevel::H2)))
                }
                event => body.push(event),
            }
        }
        Description { title, body }
    }

    /// The body as HTML without page chrome: what JSON-LD's `description` holds.
    pub fn body_html(&self) -> String {
        let mut out = String::new();
        html::push_html(&mut out, self.body.iter().cloned());
        out
    }

    /// The title as plain text (for `<title>`), or `fallback` when the Markdown has no h1.
    pub(crate) fn title_text(&self, fallback: &str) -> String {
        let text: String = self
            .title
            .iter()
            .filter_map(|event| match event {
                Event::Text(text) | Event::Code(text) => Some(text.as_ref()),
                Event::SoftBreak | Event::HardBreak => Some(" "),
                _ => None,
            })
            .collect();
        match text.trim() {
            "" => fallback.to_owned(),
            text => text.to_owned(),
        }
    }

    /// The title's inline HTML, or `fallback` escaped when the Markdown has no h1.
    pub(crate) fn title_html(&self, fallback: &str) -> String {
        let mut out = String::new();
        if self.title.is_empty() {
            escape_html(&mut out, fallback).expect("writing to a String cannot fail");
        } else {
            html::push_html(&mut out, self.title.iter().cloned());
        }
        out
    }
}

/// Raw HTML becomes text; images become their alt text; links keep only safe destinations.
fn sanitize<'a>(events: impl Iterator<Item = Event<'a>>) -> impl Iterator<Item = Event<'a>> {
    let mut dropped_link = false;
    events.filter_map(move |event| match event {
        Event::Html(text) | Event::InlineHtml(text) => Some(Event::Text(text)),
        // An HTML block's text reads as a paragraph of text.
        Event::Start(Tag::HtmlBlock) => Some(Event::Start(Tag::Paragraph)),
        Event::End(TagEnd::HtmlBlock) => Some(Event::End(TagEnd::Paragraph)),
        // The alt text (the events between start and end) stays as text.
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Link { ref dest_url, .. }) if !is_safe_link(dest_url) => {
            dropped_link = true;
            None
        }
        Event::End(TagEnd::Link) if dropped_link => {
            dropped_link = false;
            None
        }
        event => Some(event),
    })
}
