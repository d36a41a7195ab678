//! The comrak set-up every reader and writer shares, and the few tree
//! helpers they all need.

use crate::model::{Attribution, Block, Quote};
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
/// nested deeper than [`NESTING_LIMIT`].
pub(crate) fn too_deep<'a>(root: &'a AstNode<'a>) -> Option<(usize, usize)> {
    let mut stack = vec![(root, 0)];
    while let Some((node, depth)) = stack.pop() {
        if depth > NESTING_LIMIT {
            let start = node.data.borrow().sourcepos.start;
            return Some((start.line.max(1), start.column.max(1)));
        }
        stack.extend(node.children().map(|child| (child, depth + 1)));
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

/// The node and what is below it as CommonMark, without the final newline.
pub(crate) fn to_commonmark<'a>(node: &'a AstNode<'a>) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = comrak::format_commonmark(node, &options(), &mut out);
    out.truncate(out.trim_end().len());
    out
}

/// The node and what is below it as HTML.
pub(crate) fn to_html<'a>(node: &'a AstNode<'a>) -> String {
    let mut out = String::new();
    let _ = comrak::format_html(node, &options(), &mut out);
    out
}

/// Renders CommonMark to an HTML fragment.
pub(crate) fn markdown_to_html(markdown: &str) -> String {
    comrak::markdown_to_html(markdown, &options())
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
    out
}

/// The plain text of some CommonMark, blocks separated by blank lines,
/// for places that take no markup.
pub(crate) fn markdown_to_plain_text(markdown: &str) -> String {
    let arena = Arena::new();
    let root = parse(&arena, markdown);
    root.children()
        .map(plain_text)
        .collect::<Vec<_>>()
        .join("\n\n")
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

/// An attributed quote as a block quote: the title as a heading, the text,
/// then `— Name, Role` with the name linked to the source.
pub(crate) fn quote_node<'a>(arena: &'a Arena<'a>, quote: &Quote) -> &'a AstNode<'a> {
    let block_quote = node(arena, NodeValue::BlockQuote);
    if let Some(title) = &quote.title {
        let heading = node(
            arena,
            NodeValue::Heading(NodeHeading {
                level: 3,
                setext: false,
                closed: false,
            }),
        );
        heading.append(text(arena, title));
        block_quote.append(heading);
    }
    for block in blocks(arena, &quote.text) {
        block_quote.append(block);
    }
    let attribution = node(arena, NodeValue::Paragraph);
    append_attribution(arena, attribution, &quote.attribution);
    block_quote.append(attribution);
    block_quote
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

/// The body parsed as one document, so footnotes and references resolve
/// across blocks, with each top-level node paired with the quote it stands
/// for. Quotes go in as HTML comments that no block of the article contains,
/// so writers can swap in their own rendering.
pub(crate) fn body_nodes<'a, 'q>(
    arena: &'a Arena<'a>,
    body: &'q [Block],
) -> (&'a AstNode<'a>, Vec<(&'a AstNode<'a>, Option<&'q Quote>)>) {
    let mut marker = String::from("newswire-quote");
    while body.iter().any(|block| match block {
        Block::Markdown { markdown } => markdown.contains(&marker),
        Block::Quote(_) => false,
    }) {
        marker.push('-');
    }
    let placeholder = |index: usize| format!("<!-- {marker}:{index} -->");
    let mut quotes = Vec::new();
    let mut source = String::new();
    for block in body {
        match block {
            Block::Markdown { markdown } => source.push_str(markdown),
            Block::Quote(quote) => {
                source.push_str(&placeholder(quotes.len()));
                quotes.push(quote);
            }
        }
        source.push_str("\n\n");
    }
    let root = parse(arena, &source);
    let mut next_quote = 0;
    let nodes = root
        .children()
        .map(|child| {
            let is_placeholder = next_quote < quotes.len()
                && matches!(&child.data.borrow().value,
                    NodeValue::HtmlBlock(html) if html.literal.trim() == placeholder(next_quote));
            if is_placeholder {
                next_quote += 1;
                (child, Some(quotes[next_quote - 1]))
            } else {
                (child, None)
            }
        })
        .collect();
    (root, nodes)
}
