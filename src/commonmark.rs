//! The comrak set-up every reader and writer shares, and the few tree
//! helpers they all need.

use crate::model::{Attribution, Block, Quote};
use crate::nesting::HtmlNesting;
use comrak::nodes::{AstNode, NodeHeading, NodeLink, NodeValue};
use comrak::options::ListStyleType;
use comrak::{Arena, Options};

/// CommonMark with the GFM extensions the article format allows. Raw HTML
/// passes through comrak and is sanitised afterwards, in one place.
pub(crate) fn options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.strikethrough = true;
    options.extension.table = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.extension.footnotes = true;
    options.render.r#unsafe = true;
    options.render.list_style = ListStyleType::Dash;
    options.render.width = 0;
    // An indented code block after a list would join the list on re-reading.
    options.render.prefer_fenced = true;
    options
}

/// Parses CommonMark into the arena.
pub(crate) fn parse<'a>(arena: &'a Arena<'a>, text: &str) -> &'a AstNode<'a> {
    comrak::parse_document(arena, text, &options())
}

/// How deeply blocks and inlines may nest. Real articles stay far below
/// it; writers walk the tree recursively, so a hostile file must not be
/// able to exhaust the stack.
pub(crate) const NESTING_LIMIT: usize = 100;

/// The 1-based line and column, within `root`'s source, of the first node
/// nested deeper than [`NESTING_LIMIT`], or of the raw HTML that, with
/// the raw HTML before it, nests deeper than the HTML limit: unclosed
/// elements in one block stay open in the next. `html` holds the nesting
/// of the raw HTML of the pieces of the body before this one.
pub(crate) fn too_deep<'a>(
    root: &'a AstNode<'a>,
    html: &mut Option<HtmlNesting>,
) -> Option<(usize, usize)> {
    // Children go on the stack last first, so nodes come in document order.
    let mut stack = vec![(root, 0)];
    while let Some((node, depth)) = stack.pop() {
        let data = node.data.borrow();
        let raw = match &data.value {
            NodeValue::HtmlBlock(block) => Some(block.literal.as_str()),
            NodeValue::HtmlInline(inline) => Some(inline.as_str()),
            _ => None,
        };
        let html_too_deep = raw.is_some_and(|raw| {
            html.get_or_insert_with(HtmlNesting::new)
                .too_deep_after(raw)
        });
        if depth > NESTING_LIMIT || html_too_deep {
            let start = data.sourcepos.start;
            return Some((start.line.max(1), start.column.max(1)));
        }
        stack.extend(node.reverse_children().map(|child| (child, depth + 1)));
    }
    None
}

/// How many cells a table may have. comrak gives every row as many cells
/// as the header has, so a wide header over many short rows would take
/// gigabytes from a few kilobytes.
pub(crate) const TABLE_CELL_LIMIT: usize = 100_000;

/// The 1-based line of the delimiter row of the first table in `text`
/// that would have more than [`TABLE_CELL_LIMIT`] cells, with its size
/// in columns and rows; found before parsing, which is where the cells
/// would be made.
pub(crate) fn table_too_large(text: &str) -> Option<(usize, usize, usize)> {
    let mut lines = text.split('\n').enumerate().peekable();
    while let Some((index, line)) = lines.next() {
        let row = line.trim();
        let is_delimiter_row = row.contains('-')
            && row.contains('|')
            && row
                .chars()
                .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'));
        if !is_delimiter_row {
            continue;
        }
        let columns = row.trim_matches('|').split('|').count();
        let mut rows = 1;
        while lines.next_if(|(_, line)| !line.trim().is_empty()).is_some() {
            rows += 1;
            if columns.saturating_mul(rows) > TABLE_CELL_LIMIT {
                return Some((index + 1, columns, rows));
            }
        }
    }
    None
}

/// A new node that is not yet in any tree.
pub(crate) fn node<'a>(arena: &'a Arena<'a>, value: NodeValue) -> &'a AstNode<'a> {
    arena.alloc(AstNode::from(value))
}

/// A text node, escaped by comrak when written back as CommonMark.
pub(crate) fn text<'a>(arena: &'a Arena<'a>, text: &str) -> &'a AstNode<'a> {
    node(arena, NodeValue::Text(text.to_owned().into()))
}

/// What comrak writes after a list when the next block could join it.
pub(crate) const END_OF_LIST: &str = "<!-- end list -->";

/// Where comrak's CommonMark formatter writes. It hands over most text one
/// character at a time, and pushing a lone ASCII byte is cheaper than
/// copying a string of one.
struct CharSink(Vec<u8>);

impl std::fmt::Write for CharSink {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        match text.as_bytes() {
            &[byte] => self.0.push(byte),
            bytes => self.0.extend_from_slice(bytes),
        }
        Ok(())
    }
}

/// The node and what is below it as CommonMark, without the final newline.
pub(crate) fn to_commonmark<'a>(node: &'a AstNode<'a>) -> String {
    plain_paragraph(node).unwrap_or_else(|| formatted(node))
}

/// A paragraph (alone, or all of a document) of text nodes only that
/// comrak writes as they are: most quotes, attributions and prompts, which
/// then skip the formatter and its string per character.
fn plain_paragraph<'a>(node: &'a AstNode<'a>) -> Option<String> {
    let paragraph = match node.data.borrow().value {
        NodeValue::Paragraph => node,
        NodeValue::Document => {
            let only = node.first_child()?;
            only.next_sibling().is_none().then_some(only)?
        }
        _ => return None,
    };
    if !matches!(paragraph.data.borrow().value, NodeValue::Paragraph) {
        return None;
    }
    let mut written = String::new();
    for child in paragraph.children() {
        match &child.data.borrow().value {
            NodeValue::Text(literal) => written.push_str(literal),
            _ => return None,
        }
    }
    is_plain(&written).then_some(written)
}

/// Text CommonMark gives no meaning to, which its writer escapes nowhere:
/// letters and digits of any script, single spaces and the punctuation
/// marks that start no markup, not beginning with a digit (`1.` would be
/// a list) or a space.
fn is_plain(text: &str) -> bool {
    const MARKS: &str =
        ",.;:'\"?()\u{2014}\u{2013}\u{2019}\u{2018}\u{201c}\u{201d}\u{2026}\u{ab}\u{bb}";
    let starts_well = text.chars().next().is_some_and(|first| {
        first.is_alphabetic() || "'\"(\u{2018}\u{201c}\u{ab}\u{2014}\u{2013}".contains(first)
    });
    starts_well
        && !text.ends_with(' ')
        && !text.contains("  ")
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || MARKS.contains(c))
}

/// The node as comrak's CommonMark formatter writes it.
fn formatted<'a>(node: &'a AstNode<'a>) -> String {
    // Room for a paragraph or two, so most blocks never grow it.
    let mut sink = CharSink(Vec::with_capacity(1024));
    // Writing to memory cannot fail.
    let _ = comrak::format_commonmark(node, &options(), &mut sink);
    // Whole strings went in, so the bytes are UTF-8.
    let mut out = String::from_utf8(sink.0)
        .unwrap_or_else(|bytes| String::from_utf8_lossy(bytes.as_bytes()).into_owned());
    out.truncate(out.trim_end().len());
    // comrak ends a list followed by code with a comment, in case the code
    // is indented; ours is always fenced, so only a list next needs it.
    let next_is_list = node
        .next_sibling()
        .is_some_and(|next| matches!(next.data.borrow().value, NodeValue::List(_)));
    if !next_is_list && let Some(kept) = out.strip_suffix(END_OF_LIST) {
        out.truncate(kept.trim_end().len());
    }
    // comrak writes some character references back as the characters.
    crate::chars::without_forbidden(out)
}

/// The node and what is below it as HTML.
pub(crate) fn to_html<'a>(node: &'a AstNode<'a>) -> String {
    let mut out = String::new();
    let _ = comrak::format_html(node, &options(), &mut out);
    crate::chars::without_forbidden(out)
}

/// The text a reader sees, markup dropped; breaks become spaces.
pub(crate) fn plain_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut out = String::new();
    for descendant in node.descendants() {
        match &descendant.data.borrow().value {
            NodeValue::Text(text) => out.push_str(text),
            NodeValue::Code(code) => out.push_str(&code.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => out.push(' '),
            _ => {}
        }
    }
    crate::chars::without_forbidden(out)
}

/// The plain text of some CommonMark, blocks separated by blank lines,
/// for places that take no markup.
pub(crate) fn markdown_to_plain_text(markdown: &str) -> String {
    if let Some(plain) = plain_as_written(markdown) {
        return plain;
    }
    let arena = Arena::new();
    let root = parse(&arena, markdown);
    root.children()
        .map(plain_text)
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// One paragraph in which nothing can be markup reads as itself, its
/// lines joined by spaces: most quotes and prompts are such text, and
/// are read thousands of times in a feed.
fn plain_as_written(markdown: &str) -> Option<String> {
    let starts_plainly = |line: &str| {
        line.chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || matches!(c, '"' | '\'' | '“' | '‘' | '(' | '«'))
    };
    let plain_char = |c: char| {
        c.is_alphanumeric()
            || matches!(
                c,
                ' ' | '\n'
                    | ','
                    | '.'
                    | ';'
                    | ':'
                    | '\''
                    | '"'
                    | '?'
                    | '!'
                    | '('
                    | ')'
                    | '-'
                    | '/'
                    | '%'
                    | '€'
                    | '£'
                    | '$'
                    | '–'
                    | '—'
                    | '’'
                    | '‘'
                    | '“'
                    | '”'
                    | '…'
                    | '«'
                    | '»'
            )
    };
    let mut lines = Vec::new();
    for line in markdown.trim_end().split('\n') {
        let trimmed = line.trim();
        if !starts_plainly(trimmed) || !trimmed.chars().all(plain_char) {
            return None;
        }
        lines.push(trimmed);
    }
    (!markdown.starts_with(char::is_whitespace) && !lines.is_empty()).then(|| lines.join(" "))
}

/// The top-level blocks of some CommonMark, detached so they can be moved
/// into another tree.
pub(crate) fn blocks<'a>(arena: &'a Arena<'a>, markdown: &str) -> Vec<&'a AstNode<'a>> {
    let root = parse(arena, markdown);
    let children: Vec<_> = root.children().collect();
    for child in &children {
        child.detach();
    }
    children
}

/// An attributed quote as it stands in a parsed document: its title, the
/// blocks of quoted text, and who said it.
pub(crate) struct QuoteParts<'a> {
    pub title: Option<String>,
    pub content: Vec<&'a AstNode<'a>>,
    pub attribution: Attribution,
}

/// A block quote whose last paragraph starts with `—`, `―` or `--` and a
/// space is an attributed quote: name and role split at the first comma, a
/// linked name is the source, a heading first is the title. Anything else
/// stays a plain block quote.
pub(crate) fn quote_parts<'a>(node: &'a AstNode<'a>) -> Option<QuoteParts<'a>> {
    if !matches!(node.data.borrow().value, NodeValue::BlockQuote) {
        return None;
    }
    let children: Vec<_> = node.children().collect();
    let (last, rest) = children.split_last()?;
    if !matches!(last.data.borrow().value, NodeValue::Paragraph) {
        return None;
    }
    let line = plain_text(last);
    let attribution = ["— ", "― ", "-- "]
        .iter()
        .find_map(|dash| line.strip_prefix(dash))?;
    let (name, role) = match attribution.split_once(',') {
        Some((name, role)) => (
            name.trim(),
            Some(role.trim()).filter(|role| !role.is_empty()),
        ),
        None => (attribution.trim(), None),
    };
    if name.is_empty() {
        return None;
    }
    let (title, content) = match rest.split_first() {
        Some((first, content)) if matches!(first.data.borrow().value, NodeValue::Heading(_)) => {
            (Some(plain_text(first).trim().to_owned()), content)
        }
        _ => (None, rest),
    };
    if content.is_empty() {
        return None;
    }
    let cite = last
        .descendants()
        .find_map(|inline| match &inline.data.borrow().value {
            NodeValue::Link(link) if plain_text(inline).trim() == name => Some(link.url.clone()),
            _ => None,
        })
        // A source a reader may follow, or none.
        .filter(|url| crate::url::is_web_or_relative(url));
    Some(QuoteParts {
        title,
        content: content.to_vec(),
        attribution: Attribution {
            name: name.to_owned(),
            role: role.map(str::to_owned),
            cite,
        },
    })
}

/// A block quote that is an attributed quote, as the model holds it.
pub(crate) fn quote<'a>(node: &'a AstNode<'a>) -> Option<Quote> {
    let parts = quote_parts(node)?;
    let text = parts
        .content
        .iter()
        .map(|block| to_commonmark(block))
        .collect::<Vec<_>>()
        .join("\n\n");
    Some(Quote {
        title: parts.title,
        text,
        attribution: parts.attribution,
    })
}

/// An attributed quote as CommonMark: the title as a `###` heading, the
/// text as it is, then `— Name, Role` with the name linked to the source.
/// Heading and attribution are written by comrak, so they are escaped; the
/// text is kept as written so footnote references in it still resolve.
pub(crate) fn quote_markdown(quote: &Quote) -> String {
    let arena = Arena::new();
    let mut parts = Vec::new();
    if let Some(title) = &quote.title {
        let root = node(&arena, NodeValue::Document);
        let heading = node(
            &arena,
            NodeValue::Heading(NodeHeading {
                level: 3,
                setext: false,
                closed: false,
            }),
        );
        heading.append(text(&arena, title));
        root.append(heading);
        parts.push(to_commonmark(root));
    }
    parts.push(quote.text.clone());
    let root = node(&arena, NodeValue::Document);
    let paragraph = node(&arena, NodeValue::Paragraph);
    append_attribution(&arena, paragraph, &quote.attribution);
    root.append(paragraph);
    parts.push(to_commonmark(root));
    block_quoted(parts.join("\n\n").lines())
}

/// Lines of Markdown as a block quote.
pub(crate) fn block_quoted<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    lines
        .map(|line| {
            if line.is_empty() {
                ">".to_owned()
            } else {
                format!("> {line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn append_attribution<'a>(arena: &'a Arena<'a>, paragraph: &'a AstNode<'a>, who: &Attribution) {
    paragraph.append(text(arena, "— "));
    match &who.cite {
        Some(url) => {
            let link = node(
                arena,
                NodeValue::Link(Box::new(NodeLink {
                    url: url.clone(),
                    title: String::new(),
                })),
            );
            link.append(text(arena, &who.name));
            paragraph.append(link);
        }
        None => paragraph.append(text(arena, &who.name)),
    }
    if let Some(role) = &who.role {
        paragraph.append(text(arena, &format!(", {role}")));
    }
}

/// The body as CommonMark, one string per block.
pub(crate) fn body_markdown(body: &[Block]) -> Vec<String> {
    body.iter()
        .map(|block| match block {
            Block::Markdown { markdown } => markdown.clone(),
            Block::Quote(quote) => quote_markdown(quote),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A paragraph the fast path writes as it is is what comrak's
        /// formatter writes of it, as a document's only block or alone.
        #[test]
        fn plain_paragraphs_are_written_as_comrak_writes_them(
            text in proptest::prop_oneof![
                "[a-zA-Zéß日本—][a-zA-Z0-9 ,.;:'\"?()—–’‘“”…«»éß日本]{0,40}",
                "[a-zA-Z0-9 ,.;:'\"?!()/%&€—–’‘“”…«»éß日本\\*_#<>+=|~`\\[\\]-]{1,40}",
            ],
            cuts in proptest::collection::vec(0usize..40, 0..3),
        ) {
            let arena = Arena::new();
            let root = node(&arena, NodeValue::Document);
            let paragraph = node(&arena, NodeValue::Paragraph);
            // In one text node or several, as an attribution is built.
            let mut cuts: Vec<usize> = cuts
                .into_iter()
                .filter_map(|cut| text.char_indices().nth(cut).map(|(at, _)| at))
                .collect();
            cuts.sort_unstable();
            cuts.dedup();
            let mut start = 0;
            for end in cuts.into_iter().chain([text.len()]) {
                if end > start {
                    paragraph.append(super::text(&arena, &text[start..end]));
                    start = end;
                }
            }
            root.append(paragraph);
            if let Some(plain) = plain_paragraph(root) {
                proptest::prop_assert_eq!(&plain, &formatted(root));
                proptest::prop_assert_eq!(&plain, &formatted(paragraph));
                proptest::prop_assert_eq!(plain, text);
            }
        }

        /// Text that reads as itself gives what comrak's parse gives.
        #[test]
        fn plain_text_as_written_is_what_the_parse_gives(
            text in "[a-zA-Z0-9 ,.;:'\"?!()/%€—’“”…\n*_#>+-]{1,40}"
        ) {
            if let Some(plain) = plain_as_written(&text) {
                let arena = Arena::new();
                let root = parse(&arena, &text);
                let parsed = root.children().map(plain_text).collect::<Vec<_>>().join("\n\n");
                proptest::prop_assert_eq!(plain, parsed);
            }
        }
    }

    #[test]
    fn plain_sentences_are_taken_as_written() {
        assert_eq!(
            plain_as_written("The drought will not stop\nthe negotiators."),
            Some("The drought will not stop the negotiators.".to_owned())
        );
        assert_eq!(plain_as_written("Use *this*"), None);
        assert_eq!(plain_as_written("1. A list"), None);
        assert_eq!(plain_as_written("A\n\nB"), None);
    }
}
