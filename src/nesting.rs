//! How deep HTML nests, measured by its tags alone before any parser that
//! recurses, or scans its open elements for every tag, meets it: the
//! sanitiser and the HTML-to-Markdown converter both do, so a page of
//! unclosed `<div>`s would take them quadratic time or the whole stack.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::{Cell, RefCell};

/// How deep elements may nest in HTML, as in a Markdown body. Real
/// articles stay below twenty.
pub(crate) const HTML_NESTING_LIMIT: usize = 100;

/// Elements that never have content, so never nest.
const VOID: [&str; 15] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen",
];

/// Elements whose start closes an open `p`, as HTML parsing does.
const CLOSES_P: [&str; 26] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "main",
    "nav",
    "ol",
    "p",
    "section",
    "ul",
];

/// A running measure of the nesting of HTML fed to it piece by piece, in
/// document order: the open elements as HTML parsing keeps them, for the
/// common cases of end tags left out (`p`, `li`, table cells), so that
/// sloppy markup is not taken for deep markup.
pub(crate) struct HtmlNesting {
    tokenizer: Tokenizer<Open>,
}

#[derive(Default)]
struct Open {
    elements: RefCell<Vec<String>>,
    deepest: Cell<usize>,
}

impl HtmlNesting {
    pub(crate) fn new() -> HtmlNesting {
        HtmlNesting {
            tokenizer: Tokenizer::new(Open::default(), TokenizerOpts::default()),
        }
    }

    /// Reads `html` and says whether the nesting so far is past the limit.
    pub(crate) fn too_deep_after(&self, html: &str) -> bool {
        let input = BufferQueue::default();
        input.push_back(StrTendril::from_slice(html));
        // Feeding stops early only for a script to run, which this sink
        // never asks for.
        let _ = self.tokenizer.feed(&input);
        self.tokenizer.sink.deepest.get() > HTML_NESTING_LIMIT
    }
}

/// Whether `html`, alone, nests past the limit.
pub(crate) fn html_too_deep(html: &str) -> bool {
    HtmlNesting::new().too_deep_after(html)
}

impl TokenSink for Open {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        let name: &str = &tag.name;
        let mut open = self.elements.borrow_mut();
        match tag.kind {
            TagKind::StartTag => {
                while open.last().is_some_and(|top| start_closes(name, top)) {
                    open.pop();
                }
                if !tag.self_closing && !VOID.contains(&name) {
                    open.push(name.to_owned());
                    self.deepest.set(self.deepest.get().max(open.len()));
                }
                // Their content is text, not tags.
                return match name {
                    "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                        TokenSinkResult::RawData(RawKind::Rawtext)
                    }
                    "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
                    "plaintext" => TokenSinkResult::Plaintext,
                    _ => TokenSinkResult::Continue,
                };
            }
            TagKind::EndTag => {
                if let Some(at) = open.iter().rposition(|element| element == name) {
                    open.truncate(at);
                }
            }
        }
        TokenSinkResult::Continue
    }
}

/// Whether an element `name` starting closes the open element `top`,
/// whose end tag HTML lets authors leave out.
fn start_closes(name: &str, top: &str) -> bool {
    match top {
        "p" => CLOSES_P.contains(&name),
        "li" | "option" | "tr" => top == name,
        "dt" | "dd" => matches!(name, "dt" | "dd"),
        "td" | "th" => matches!(name, "td" | "th" | "tr"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unclosed_elements_nest_and_closed_ones_do_not() {
        assert!(html_too_deep(&"<div>".repeat(HTML_NESTING_LIMIT + 1)));
        assert!(!html_too_deep(&"<div>".repeat(HTML_NESTING_LIMIT)));
        assert!(!html_too_deep(&"<div>a</div>".repeat(10_000)));
        // End tags HTML lets authors leave out.
        assert!(!html_too_deep(&"<p>a".repeat(10_000)));
        assert!(!html_too_deep(&format!(
            "<ul>{}</ul>",
            "<li>a".repeat(10_000)
        )));
        assert!(!html_too_deep(&format!(
            "<table>{}</table>",
            "<tr><td>a<td>b".repeat(10_000)
        )));
        assert!(!html_too_deep(&"<br><img src=x><hr>".repeat(10_000)));
        // Text inside a script is not markup.
        assert!(!html_too_deep(&format!(
            "<script>{}</script>",
            "<div>".repeat(1000)
        )));
    }

    #[test]
    fn pieces_add_up() {
        let nesting = HtmlNesting::new();
        for _ in 0..HTML_NESTING_LIMIT {
            assert!(!nesting.too_deep_after("<div>\n"));
        }
        assert!(nesting.too_deep_after("<div>\n"));
    }
}
