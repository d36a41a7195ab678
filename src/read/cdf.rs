//! Microsoft's Channel Definition Format (1997), still in feed readers'
//! test suites and old archives: a `<CHANNEL HREF LASTMOD>` of `<ITEM>`s
//! with a `<TITLE>` and an `<ABSTRACT>`, names in any case. It is written
//! out as the RSS 2.0 it means, for the RSS reader.

use quick_xml::Writer;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};

/// Whether an XML root element named `root` is a CDF channel.
pub(crate) fn is_cdf_root(root: &str) -> bool {
    root.eq_ignore_ascii_case("channel")
}

/// One channel or item as CDF gives it.
#[derive(Default)]
struct Part {
    href: Option<String>,
    lastmod: Option<String>,
    title: String,
    abstract_text: String,
}

/// The CDF document as RSS 2.0; `None` when it is no CDF or not well
/// formed (which the RSS reader then reports).
pub(crate) fn as_rss(text: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut channel: Option<Part> = None;
    let mut items: Vec<Part> = Vec::new();
    // Every base set, resolved; the open elements point into it.
    let mut bases: Vec<String> = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    loop {
        let event = reader.read_event().ok()?;
        match event {
            Event::Start(ref start) | Event::Empty(ref start) => {
                let name =
                    String::from_utf8_lossy(start.local_name().as_ref()).to_ascii_uppercase();
                let parent = open.last();
                if parent.is_none() && name != "CHANNEL" {
                    return None;
                }
                // The reader refuses deeper feeds; this keeps its own work
                // bounded until then.
                if open.len() >= super::feed::XML_DEPTH_LIMIT {
                    return None;
                }
                let inherited = parent.and_then(|parent| parent.base);
                let base = match attribute(start, "BASE") {
                    Some(base) => {
                        let above = inherited.map(|index| bases[index].as_str());
                        bases.push(crate::url::absolute_url(above, &base));
                        Some(bases.len() - 1)
                    }
                    None => inherited,
                };
                let part = || Part {
                    href: attribute(start, "HREF").map(|href| {
                        crate::url::absolute_url(base.map(|index| bases[index].as_str()), &href)
                    }),
                    lastmod: attribute(start, "LASTMOD"),
                    ..Part::default()
                };
                let owner = match (name.as_str(), parent) {
                    ("CHANNEL", None) => {
                        channel = Some(part());
                        Owner::Channel
                    }
                    // Sub-channels are the channel's sections: their items
                    // join its own, their own titles are left out.
                    ("CHANNEL", Some(_)) => Owner::Section,
                    ("ITEM", _) => {
                        items.push(part());
                        Owner::Item
                    }
                    (_, Some(parent)) => parent.owner,
                    (_, None) => return None,
                };
                if matches!(event, Event::Start(_)) {
                    open.push(Open { name, base, owner });
                }
            }
            Event::Text(ref text) => {
                let text = quick_xml::escape::unescape(&text.decode().ok()?)
                    .ok()?
                    .into_owned();
                append_text(open.last(), channel.as_mut(), &mut items, &text);
            }
            Event::CData(ref text) => {
                let text = String::from_utf8_lossy(text.as_ref()).into_owned();
                append_text(open.last(), channel.as_mut(), &mut items, &text);
            }
            Event::GeneralRef(ref reference) => {
                let name = std::str::from_utf8(reference.as_ref()).ok()?;
                let text = quick_xml::escape::unescape(&format!("&{name};"))
                    .ok()?
                    .into_owned();
                append_text(open.last(), channel.as_mut(), &mut items, &text);
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Eof if open.is_empty() => break,
            Event::Eof => return None,
            _ => {}
        }
    }
    written(&channel?, &items)
}

/// An element being read: its name, the base it resolves links against
/// (an index into the bases set), and whose text it holds.
struct Open {
    name: String,
    base: Option<usize>,
    owner: Owner,
}

/// Whose title and abstract an element's text is.
#[derive(Clone, Copy)]
enum Owner {
    Channel,
    /// The item read last.
    Item,
    /// A sub-channel, whose own title and abstract are left out.
    Section,
}

/// Adds text to the title or abstract being read, of its owner.
fn append_text(open: Option<&Open>, channel: Option<&mut Part>, items: &mut [Part], text: &str) {
    let Some(open) = open else {
        return;
    };
    let part = match open.owner {
        Owner::Channel => channel,
        Owner::Item => items.last_mut(),
        Owner::Section => None,
    };
    let Some(part) = part else {
        return;
    };
    match open.name.as_str() {
        "TITLE" => part.title.push_str(text),
        "ABSTRACT" => part.abstract_text.push_str(text),
        _ => {}
    }
}

/// The value of the attribute named `name` in any case, unescaped.
fn attribute(start: &BytesStart<'_>, name: &str) -> Option<String> {
    start.attributes().flatten().find_map(|attribute| {
        attribute
            .key
            .local_name()
            .as_ref()
            .eq_ignore_ascii_case(name.as_bytes())
            .then(|| {
                attribute
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|value| value.trim().to_owned())
            })
            .flatten()
    })
}

/// The channel and its items as an RSS 2.0 document.
fn written(channel: &Part, items: &[Part]) -> Option<String> {
    let mut writer = Writer::new(Vec::new());
    let rss = BytesStart::new("rss").with_attributes([
        ("version", "2.0"),
        ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
    ]);
    writer.write_event(Event::Start(rss)).ok()?;
    writer
        .write_event(Event::Start(BytesStart::new("channel")))
        .ok()?;
    fields(&mut writer, channel)?;
    for item in items {
        writer
            .write_event(Event::Start(BytesStart::new("item")))
            .ok()?;
        fields(&mut writer, item)?;
        writer.write_event(Event::End(BytesEnd::new("item"))).ok()?;
    }
    writer
        .write_event(Event::End(BytesEnd::new("channel")))
        .ok()?;
    writer.write_event(Event::End(BytesEnd::new("rss"))).ok()?;
    String::from_utf8(writer.into_inner()).ok()
}

/// A channel's or item's title, link, abstract and date as RSS elements.
fn fields(writer: &mut Writer<Vec<u8>>, part: &Part) -> Option<()> {
    let title = part.title.trim();
    let abstract_text = part.abstract_text.trim();
    let fields = [
        ("title", Some(title).filter(|title| !title.is_empty())),
        ("link", part.href.as_deref()),
        (
            "description",
            Some(abstract_text).filter(|text| !text.is_empty()),
        ),
        ("dc:date", part.lastmod.as_deref()),
    ];
    for (element, value) in fields {
        if let Some(value) = value {
            writer
                .create_element(element)
                .write_text_content(BytesText::new(value))
                .ok()?;
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_channel_and_its_items_become_rss() {
        let rss = as_rss(
            r#"<?xml version="1.0"?>
<CHANNEL BASE="http://base.example.org/" HREF="http://www.example.org/" LASTMOD="2004-04-06T23:05:43-05:00">
  <TITLE>A &amp; B</TITLE>
  <ABSTRACT>About <![CDATA[<things>]]></ABSTRACT>
  <LOGO HREF="/logo.gif" STYLE="IMAGE"/>
  <ITEM HREF="/item/1" LASTMOD="2004-04-07T10:00:00Z"><TITLE>One</TITLE><ABSTRACT>First</ABSTRACT></ITEM>
  <channel><item href="two"><title>Two</title></item></channel>
</CHANNEL>"#,
        )
        .unwrap();
        assert_eq!(
            rss,
            concat!(
                r#"<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>"#,
                "<title>A &amp; B</title><link>http://www.example.org/</link>",
                "<description>About &lt;things&gt;</description><dc:date>2004-04-06T23:05:43-05:00</dc:date>",
                "<item><title>One</title><link>http://base.example.org/item/1</link><description>First</description><dc:date>2004-04-07T10:00:00Z</dc:date></item>",
                "<item><title>Two</title><link>http://base.example.org/two</link></item>",
                "</channel></rss>"
            )
        );
    }

    #[test]
    fn other_roots_are_no_cdf() {
        assert_eq!(as_rss("<rss><channel/></rss>"), None);
        assert_eq!(as_rss("<CHANNEL><TITLE>unclosed"), None);
    }
}
