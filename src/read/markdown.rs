//! The canonical article: front matter, then a CommonMark/GFM body whose
//! attributed quotes and discussion section become typed parts of the model.

use super::{front_matter, meta};
use crate::commonmark;
use crate::error::{Error, Result};
use crate::model::{Article, Block, Discussion, Meta};
use comrak::Arena;
use comrak::nodes::{AstNode, NodeValue};

/// The heading that opens the discussion when `discussion_heading` is not set.
pub const DEFAULT_DISCUSSION_HEADING: &str = "Discussion";

/// The longest line an article may have. Real paragraphs are a few
/// kilobytes; a megabyte line is a broken or hostile file.
pub const LINE_LIMIT: usize = 1024 * 1024;

/// Reads an article from its text; `file` names it in errors.
pub fn read(text: &str, file: &str) -> Result<Article> {
    read_reporting_all(text, file).map_err(|mut errors| errors.swap_remove(0))
}

/// Reads the front matter only.
pub(crate) fn read_meta(text: &str, file: &str) -> Result<Meta> {
    check_line_lengths(text, file)?;
    let split = front_matter::split(text, file)?;
    let tree = front_matter::parse(&split, file)?;
    meta::read(tree, file).map_err(|mut errors| errors.swap_remove(0))
}

/// Refuses a line past [`LINE_LIMIT`], naming it.
fn check_line_lengths(text: &str, file: &str) -> Result<()> {
    match text
        .split('\n')
        .enumerate()
        .find(|(_, line)| line.len() > LINE_LIMIT)
    {
        Some((index, _)) => Err(Error::invalid_input(
            file,
            index + 1,
            1,
            format!(
                "line {} is longer than the limit of {} KiB",
                index + 1,
                LINE_LIMIT / 1024
            ),
        )),
        None => Ok(()),
    }
}

/// Reads an article, reporting every front-matter problem rather than the
/// first; the error list is never empty.
pub(crate) fn read_reporting_all(
    text: &str,
    file: &str,
) -> std::result::Result<Article, Vec<Error>> {
    check_line_lengths(text, file).map_err(|error| vec![error])?;
    let split = front_matter::split(text, file).map_err(|error| vec![error])?;
    let tree = front_matter::parse(&split, file).map_err(|error| vec![error])?;
    let meta = meta::read(tree, file)?;
    let (body, discussion) =
        read_body(split.body, split.body_line, &meta, file).map_err(|error| vec![error])?;
    Ok(Article {
        meta,
        body,
        discussion,
    })
}

/// Reads a body with no front matter, such as one converted from a feed's
/// HTML, for an article whose metadata is already known.
pub(crate) fn read_body_text(
    text: &str,
    meta: &Meta,
    file: &str,
) -> Result<(Vec<Block>, Option<Discussion>)> {
    read_body(text, 1, meta, file)
}

fn read_body(
    text: &str,
    first_line: usize,
    meta: &Meta,
    file: &str,
) -> Result<(Vec<Block>, Option<Discussion>)> {
    let arena = Arena::new();
    let root = commonmark::parse(&arena, text);
    if let Some((line, column)) = commonmark::too_deep(root) {
        return Err(Error::invalid_input(
            file,
            first_line + line - 1,
            column,
            format!(
                "the body nests deeper than {} levels of quotes, lists or markup",
                commonmark::NESTING_LIMIT
            ),
        ));
    }
    let wanted = meta
        .discussion_heading
        .as_deref()
        .unwrap_or(DEFAULT_DISCUSSION_HEADING)
        .trim()
        .to_lowercase();
    let source = BlockSource::new(text, root);
    let mut body = Vec::new();
    let mut discussion: Option<DiscussionParts> = None;
    let mut in_discussion = false;
    for node in root.children() {
        if let NodeValue::Heading(heading) = &node.data.borrow().value
            && heading.level == 2
        {
            let title = commonmark::plain_text(node);
            in_discussion = title.trim().to_lowercase() == wanted;
            if in_discussion {
                if let Some(first) = &discussion {
                    let start = node.data.borrow().sourcepos.start;
                    return Err(Error::invalid_input(
                        file,
                        first_line + start.line - 1,
                        start.column,
                        format!(
                            "a second discussion section: the first opens on line {}; an article has at most one",
                            first.line
                        ),
                    ));
                }
                let line = first_line + node.data.borrow().sourcepos.start.line - 1;
                discussion = Some(DiscussionParts {
                    heading: title.trim().to_owned(),
                    line,
                    ..Default::default()
                });
                continue;
            }
        }
        // comrak moves footnote definitions to the end of the document, so
        // they may land after the discussion heading; they belong to the body.
        let is_footnote = matches!(node.data.borrow().value, NodeValue::FootnoteDefinition(_));
        match (&mut discussion, in_discussion && !is_footnote) {
            (Some(parts), true) => parts.add(node),
            _ => match commonmark::quote(node) {
                Some(quote) => body.push(Block::Quote(quote)),
                None => match source.as_ref().and_then(|source| source.of(node)) {
                    Some(markdown) => body.push(Block::Markdown { markdown }),
                    None => body.extend(normalised_blocks(node)),
                },
            },
        }
    }
    Ok((body, discussion.map(DiscussionParts::finish)))
}

/// The body's text, for keeping each top-level block as its author wrote
/// it: that is lossless, and far cheaper than having comrak write it back.
struct BlockSource<'t> {
    text: &'t str,
    /// Where each line starts, the first at 0.
    line_starts: Vec<usize>,
}

impl<'t> BlockSource<'t> {
    /// `None` unless every non-blank line belongs to exactly one top-level
    /// block. Link reference definitions belong to none, and a block that
    /// uses one would not stand on its own, so such a body is normalised.
    fn new<'a>(text: &'t str, root: &'a AstNode<'a>) -> Option<BlockSource<'t>> {
        let mut spans = root
            .children()
            .map(|node| {
                let place = node.data.borrow().sourcepos;
                (place.start.line, place.end.line)
            })
            .collect::<Vec<_>>();
        spans.sort_unstable();
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .filter(|&start| start < text.len())
            .collect();
        let mut spans = spans.into_iter().peekable();
        let mut covered_to = 0;
        for line in 1..=line_starts.len() {
            if let Some(&(start, end)) = spans.peek()
                && start == line
            {
                if start <= covered_to || end < start {
                    return None;
                }
                covered_to = end;
                spans.next();
            }
            let blank = line_text(text, &line_starts, line).trim().is_empty();
            if line > covered_to && !blank {
                return None;
            }
        }
        // Every block must have started on a line of the text.
        spans
            .next()
            .is_none()
            .then_some(BlockSource { text, line_starts })
    }

    /// The block as written, unless it is code that would read differently
    /// elsewhere: indented code after a list joins the list, and an unclosed
    /// fence runs on over whatever follows.
    fn of<'a>(&self, node: &'a AstNode<'a>) -> Option<String> {
        let data = node.data.borrow();
        if let NodeValue::CodeBlock(code) = &data.value
            && !(code.fenced && code.closed)
        {
            return None;
        }
        let first = *self
            .line_starts
            .get(data.sourcepos.start.line.checked_sub(1)?)?;
        let end = self
            .line_starts
            .get(data.sourcepos.end.line)
            .copied()
            .unwrap_or(self.text.len());
        let written = self.text[first..end].trim_end();
        (!written.is_empty()).then(|| written.to_owned())
    }
}

/// A block as comrak writes it. A list before another list ends with a
/// comment that keeps the two apart; that comment is a block of its own,
/// as it is when the text is read again.
fn normalised_blocks<'a>(node: &'a AstNode<'a>) -> Vec<Block> {
    let markdown = commonmark::to_commonmark(node);
    let blocks = match markdown.strip_suffix(commonmark::END_OF_LIST) {
        Some(list) => vec![
            list.trim_end().to_owned(),
            commonmark::END_OF_LIST.to_owned(),
        ],
        None => vec![markdown],
    };
    blocks
        .into_iter()
        .map(|markdown| Block::Markdown { markdown })
        .collect()
}

/// Line `line` (1-based) of `text`, without its newline.
fn line_text<'t>(text: &'t str, line_starts: &[usize], line: usize) -> &'t str {
    let start = line_starts[line - 1];
    let end = line_starts.get(line).map_or(text.len(), |next| next - 1);
    &text[start..end]
}

#[derive(Default)]
struct DiscussionParts {
    heading: String,
    line: usize,
    prompts: Vec<String>,
    note: Vec<String>,
}

impl DiscussionParts {
    /// List items are prompts; every other block belongs to the note.
    fn add<'a>(&mut self, node: &'a AstNode<'a>) {
        if matches!(node.data.borrow().value, NodeValue::List(_)) {
            for item in node.children() {
                let paragraphs: Vec<String> =
                    item.children().map(commonmark::to_commonmark).collect();
                self.prompts.push(paragraphs.join(" "));
            }
        } else {
            self.note.push(commonmark::to_commonmark(node));
        }
    }

    fn finish(self) -> Discussion {
        Discussion {
            heading: self.heading,
            prompts: self.prompts,
            note: (!self.note.is_empty()).then(|| self.note.join("\n\n")),
        }
    }
}
