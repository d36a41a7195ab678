//! Feeds checked against the rules feed validators and the JSON Feed 1.1
//! spec enforce most often: required elements, date formats, guids and
//! permalinks, undeclared namespaces, relative links, duplicate ids. The
//! XML is walked with positions, so every finding names its line.

use super::{Finding, Severity};
use crate::read;
use crate::read::feed::{FeedKind, detect};
use crate::url::is_absolute_url;
use chrono::DateTime;
use quick_xml::events::{BytesStart, Event};
use std::collections::{HashMap, HashSet};

const ATOM_NAMESPACE: &str = "http://www.w3.org/2005/Atom";

/// Lists what is wrong with a feed.
pub fn check_feed(bytes: &[u8], file: &str) -> Vec<Finding> {
    let text = match read::decode_feed(bytes, file) {
        Ok(text) => text,
        Err(error) => return vec![Finding::from_error(&error, file)],
    };
    let mut report = Report {
        file,
        findings: Vec::new(),
    };
    // XML 1.0 refuses the rest of them, which the parser reports.
    if let Some((offset, found)) =
        crate::chars::first_forbidden(&text).filter(|(_, found)| !found.is_ascii_control())
    {
        report.warning(
            read::line_column(&text, offset),
            format!(
                "{}, which HTML forbids: it is left out on import",
                crate::chars::describe(found)
            ),
        );
    }
    match detect(&text) {
        Some(FeedKind::JsonFeed) => super::jsonfeed::json_feed(&text, &mut report),
        Some(FeedKind::Rss) => {
            // Lines stay where they were; a prefix taken off shifts columns.
            let (plain, _) = read::rss_unprefixed(&text);
            if let Some(root) = XmlNode::parse(&plain, &mut report) {
                rss(&root, &mut report);
            }
        }
        Some(_) => {
            if let Some(root) = XmlNode::parse(&text, &mut report) {
                atom(&root, &mut report);
            }
        }
        None => report.error((1, 1), crate::read::feed::NOT_A_FEED),
    }
    if report
        .findings
        .iter()
        .all(|finding| finding.severity != Severity::Error)
    {
        // The reader is the last word: what it refuses, import refuses.
        if let Err(error) = crate::read::feed::read(&text, file) {
            report.findings.push(Finding::from_error(&error, file));
        }
    }
    report
        .findings
        .sort_by_key(|finding| (finding.line, finding.column));
    report.findings
}

pub(super) struct Report<'a> {
    file: &'a str,
    findings: Vec<Finding>,
}

impl Report<'_> {
    fn add(
        &mut self,
        severity: Severity,
        (line, column): (usize, usize),
        message: impl Into<String>,
    ) {
        self.findings.push(Finding {
            severity,
            file: self.file.to_owned(),
            line,
            column,
            message: message.into(),
        });
    }

    pub(super) fn error(&mut self, at: (usize, usize), message: impl Into<String>) {
        self.add(Severity::Error, at, message);
    }

    pub(super) fn warning(&mut self, at: (usize, usize), message: impl Into<String>) {
        self.add(Severity::Warning, at, message);
    }
}

/// An XML element with where it starts, its namespace URI, its attributes
/// and its text.
struct XmlNode {
    name: String,
    namespace: Option<String>,
    attrs: Vec<(String, String)>,
    text: String,
    at: (usize, usize),
    children: Vec<XmlNode>,
}

impl XmlNode {
    /// Builds the tree, reporting malformed XML and undeclared prefixes.
    fn parse(text: &str, report: &mut Report<'_>) -> Option<XmlNode> {
        let mut reader = quick_xml::Reader::from_str(text);
        reader.config_mut().check_end_names = true;
        let mut stack: Vec<(XmlNode, HashMap<String, String>)> = Vec::new();
        let mut root = None;
        let lines = crate::read::LineIndex::new(text);
        let place = |offset: usize| lines.place(offset);
        loop {
            let offset = reader.buffer_position() as usize;
            let event = match reader.read_event() {
                Ok(event) => event,
                Err(error) => {
                    let at = (reader.error_position() as usize).max(offset);
                    report.error(place(at), format!("not well-formed XML: {error}"));
                    return None;
                }
            };
            match event {
                Event::Start(_) | Event::Empty(_) if stack.len() > 256 => {
                    report.error(place(offset), "elements nest deeper than 256 levels");
                    return None;
                }
                Event::Start(start) => {
                    let scope = stack
                        .last()
                        .map(|(_, scope)| scope.clone())
                        .unwrap_or_default();
                    stack.push(XmlNode::open(&start, scope, place(offset), report));
                }
                Event::Empty(start) => {
                    let scope = stack
                        .last()
                        .map(|(_, scope)| scope.clone())
                        .unwrap_or_default();
                    let (node, _) = XmlNode::open(&start, scope, place(offset), report);
                    match stack.last_mut() {
                        Some((parent, _)) => parent.children.push(node),
                        None => root = Some(node),
                    }
                }
                Event::End(_) => {
                    if let Some((node, _)) = stack.pop() {
                        match stack.last_mut() {
                            Some((parent, _)) => parent.children.push(node),
                            None => root = Some(node),
                        }
                    }
                }
                Event::Text(content) => {
                    if let Some((node, _)) = stack.last_mut() {
                        match content.decode().ok().and_then(|raw| {
                            quick_xml::escape::unescape(&raw)
                                .ok()
                                .map(|text| text.into_owned())
                        }) {
                            Some(text) => node.text.push_str(&text),
                            None => {
                                report.error(place(offset), "an entity that is not defined: XML feeds may use only &amp; &lt; &gt; &quot; &apos; and character references");
                            }
                        }
                    }
                }
                Event::CData(content) => {
                    if let Some((node, _)) = stack.last_mut() {
                        node.text.push_str(&String::from_utf8_lossy(&content));
                    }
                }
                Event::GeneralRef(reference) => {
                    if let Some((node, _)) = stack.last_mut() {
                        let name = String::from_utf8_lossy(&reference).into_owned();
                        match quick_xml::escape::unescape(&format!("&{name};")) {
                            Ok(text) => node.text.push_str(&text),
                            Err(_) => report.error(
                                place(offset),
                                format!("the entity &{name}; is not defined: XML feeds may use only &amp; &lt; &gt; &quot; &apos; and character references"),
                            ),
                        }
                    }
                }
                Event::Eof => return root,
                _ => {}
            }
        }
    }

    fn open(
        start: &BytesStart<'_>,
        mut scope: HashMap<String, String>,
        at: (usize, usize),
        report: &mut Report<'_>,
    ) -> (XmlNode, HashMap<String, String>) {
        let mut attrs = Vec::new();
        for attr in start.attributes().flatten() {
            let key = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
            let value = attr
                .decoded_and_normalized_value(quick_xml::XmlVersion::Implicit1_0, start.decoder())
                .map(|value| value.into_owned())
                .unwrap_or_default();
            if key == "xmlns" {
                scope.insert(String::new(), value.clone());
            } else if let Some(prefix) = key.strip_prefix("xmlns:") {
                scope.insert(prefix.to_owned(), value.clone());
            }
            attrs.push((key, value));
        }
        let name = String::from_utf8_lossy(start.name().as_ref()).into_owned();
        let prefixed: Vec<&str> = std::iter::once(name.as_str())
            .chain(
                attrs
                    .iter()
                    .map(|(key, _)| key.as_str())
                    .filter(|key| !key.starts_with("xmlns")),
            )
            .collect();
        for qualified in prefixed {
            if let Some((prefix, _)) = qualified.split_once(':')
                && prefix != "xml"
                && !scope.contains_key(prefix)
            {
                report.error(
                    at,
                    format!("the namespace prefix `{prefix}` of <{qualified}> is not declared: add xmlns:{prefix}=\"…\" to the root element"),
                );
            }
        }
        let namespace = match name.split_once(':') {
            Some((prefix, _)) => scope.get(prefix).cloned(),
            None => scope.get("").cloned(),
        };
        let node = XmlNode {
            name,
            namespace,
            attrs,
            text: String::new(),
            at,
            children: Vec::new(),
        };
        (node, scope)
    }

    fn local(&self) -> &str {
        self.name.rsplit(':').next().unwrap_or(&self.name)
    }

    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a XmlNode> + 'a {
        self.children.iter().filter(move |child| child.name == name)
    }

    fn child<'a>(&'a self, name: &'a str) -> Option<&'a XmlNode> {
        self.children(name).next()
    }
}

fn rss(root: &XmlNode, report: &mut Report<'_>) {
    let is_rdf = root.local() == "RDF";
    if !is_rdf && root.attr("version").is_none() {
        report.warning(
            root.at,
            "<rss> has no version attribute: expected version=\"2.0\"",
        );
    }
    let Some(channel) = root.child("channel") else {
        report.error(root.at, "missing <channel>");
        return;
    };
    for required in ["title", "link", "description"] {
        if channel.child(required).is_none() {
            report.error(channel.at, format!("<channel> is missing <{required}>"));
        }
    }
    if let Some(link) = channel.child("link") {
        absolute(link, link.text.trim(), "<link>", report, Severity::Error);
    }
    for name in ["pubDate", "lastBuildDate"] {
        if let Some(date) = channel.child(name) {
            rfc822(date, report);
        }
    }
    if let Some(language) = channel.child("language")
        && !crate::language::is_language_tag(language.text.trim())
    {
        report.warning(
            language.at,
            format!(
                "{:?} is not a BCP 47 language tag such as en or en-GB",
                language.text.trim()
            ),
        );
    }
    let self_link = channel.children.iter().any(|child| {
        child.local() == "link"
            && child.namespace.as_deref() == Some(ATOM_NAMESPACE)
            && child.attr("rel") == Some("self")
    });
    if !is_rdf && !self_link {
        report.warning(
            channel.at,
            "no <atom:link rel=\"self\"> naming the feed's own URL, which readers use to find it again",
        );
    }
    let items: Vec<&XmlNode> = if is_rdf {
        root.children("item").collect()
    } else {
        channel.children("item").collect()
    };
    let mut guids = HashSet::new();
    for item in items {
        if item.child("title").is_none() && item.child("description").is_none() {
            report.error(item.at, "<item> needs a <title> or a <description>");
        }
        if let Some(date) = item.child("pubDate") {
            rfc822(date, report);
        }
        if let Some(link) = item.child("link") {
            absolute(link, link.text.trim(), "<link>", report, Severity::Error);
        }
        if let Some(author) = item.child("author")
            && !author.text.contains('@')
        {
            report.error(
                author.at,
                format!("<author> must be an e-mail address, as in jane@example.com (Jane Doe), not {:?}: put names in <dc:creator>", author.text.trim()),
            );
        }
        if let Some(guid) = item.child("guid") {
            let value = guid.text.trim();
            if guid.attr("isPermaLink") != Some("false") && !is_absolute_url(value) {
                report.error(
                    guid.at,
                    format!("<guid> {value:?} is a permalink unless isPermaLink=\"false\", so it must be a full URL"),
                );
            }
            if !guids.insert(value.to_owned()) {
                report.error(
                    guid.at,
                    format!("<guid> {value:?} is also the guid of an earlier item"),
                );
            }
        }
        for enclosure in item.children("enclosure") {
            for required in ["url", "length", "type"] {
                if enclosure.attr(required).is_none() {
                    report.error(
                        enclosure.at,
                        format!("<enclosure> is missing its {required} attribute"),
                    );
                }
            }
            if let Some(url) = enclosure.attr("url") {
                absolute(
                    enclosure,
                    url,
                    "the enclosure's url",
                    report,
                    Severity::Error,
                );
            }
        }
    }
}

fn rfc822(date: &XmlNode, report: &mut Report<'_>) {
    let text = date.text.trim();
    if DateTime::parse_from_rfc2822(text).is_err() {
        report.error(
            date.at,
            format!(
                "<{}> {text:?} is not an RFC 822 date: expected Mon, 17 Feb 2014 18:00:00 -0500",
                date.name
            ),
        );
    }
}

fn absolute(node: &XmlNode, url: &str, what: &str, report: &mut Report<'_>, severity: Severity) {
    if !is_absolute_url(url) {
        report.add(
            severity,
            node.at,
            format!("{what} {url:?} is not a full URL: readers show items away from the site"),
        );
    }
}

fn atom(root: &XmlNode, report: &mut Report<'_>) {
    if root.namespace.as_deref() != Some(ATOM_NAMESPACE) {
        report.error(
            root.at,
            format!(
                "<{}> is not in the Atom namespace: expected xmlns=\"{ATOM_NAMESPACE}\"",
                root.local()
            ),
        );
    }
    // An Atom Entry Document has the entry's rules alone.
    let entry_document = root.local() == "entry";
    fn in_atom<'a>(node: &'a XmlNode, name: &str) -> Vec<&'a XmlNode> {
        node.children
            .iter()
            .filter(|child| {
                child.local() == name && child.namespace.as_deref() == Some(ATOM_NAMESPACE)
            })
            .collect()
    }
    let has_base = root.attr("xml:base").is_some();
    let feed_has_author = !entry_document && !in_atom(root, "author").is_empty();
    if !entry_document {
        for required in ["id", "title", "updated"] {
            if in_atom(root, required).is_empty() {
                report.error(root.at, format!("<feed> is missing <{required}>"));
            }
        }
        if !in_atom(root, "link")
            .iter()
            .any(|link| link.attr("rel") == Some("self"))
        {
            report.warning(root.at, "no <link rel=\"self\"> naming the feed's own URL");
        }
    }
    let check_common = |node: &XmlNode, report: &mut Report<'_>| {
        for date in ["updated", "published"] {
            for found in in_atom(node, date) {
                let text = found.text.trim();
                if DateTime::parse_from_rfc3339(text).is_err() {
                    report.error(
                        found.at,
                        format!("<{date}> {text:?} is not an RFC 3339 date: expected 2014-02-17T18:00:00-05:00"),
                    );
                }
            }
        }
        for id in in_atom(node, "id") {
            // Any IRI will do (tag:, urn:), so only a scheme is required.
            if ammonia::Url::parse(id.text.trim()).is_err() {
                report.error(
                    id.at,
                    format!(
                        "<id> {:?} is not an IRI: expected a URL, tag: or urn: URI",
                        id.text.trim()
                    ),
                );
            }
        }
        for link in in_atom(node, "link") {
            match link.attr("href") {
                None => report.error(link.at, "<link> has no href"),
                Some(href) if !has_base && node.attr("xml:base").is_none() => {
                    absolute(link, href, "<link> href", report, Severity::Warning);
                }
                Some(_) => {}
            }
        }
    };
    let entries = if entry_document {
        vec![root]
    } else {
        check_common(root, report);
        in_atom(root, "entry")
    };
    let mut ids = HashSet::new();
    for entry in entries {
        for required in ["id", "title", "updated"] {
            if in_atom(entry, required).is_empty() {
                report.error(entry.at, format!("<entry> is missing <{required}>"));
            }
        }
        if !feed_has_author && in_atom(entry, "author").is_empty() {
            report.error(
                entry.at,
                "<entry> has no <author> and neither has the <feed>",
            );
        }
        let has_alternate = in_atom(entry, "link")
            .iter()
            .any(|link| matches!(link.attr("rel"), None | Some("alternate")));
        if in_atom(entry, "content").is_empty() && !has_alternate {
            report.error(
                entry.at,
                "<entry> needs <content> or a <link rel=\"alternate\">",
            );
        }
        check_common(entry, report);
        if let Some(id) = in_atom(entry, "id").first()
            && !ids.insert(id.text.trim().to_owned())
        {
            report.error(
                id.at,
                format!(
                    "<id> {:?} is also the id of an earlier entry",
                    id.text.trim()
                ),
            );
        }
    }
}
