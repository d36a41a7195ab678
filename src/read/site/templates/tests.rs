use super::*;

fn expanded(generator: Generator, body: &str) -> Expanded {
    let resolve = |reference: Reference<'_>| match reference {
        Reference::Content("blog/first.md") | Reference::Content("posts/first") => {
            Some("https://example.com/first/".to_owned())
        }
        Reference::Post("2019-11-27-first") => Some("https://example.com/first/".to_owned()),
        _ => None,
    };
    expand(
        body,
        &Context {
            generator,
            site_url: Some("https://example.com"),
            base_path: "/blog",
            variables: &[("site.repository".into(), "https://example.com/repo".into())],
            resolve: &resolve,
        },
    )
}

#[test]
fn hugo_shortcodes_become_their_meaning() {
    let out = expanded(
        Generator::Hugo,
        "See [first]({{< ref \"posts/first\" >}}).\n\n{{< youtube w7Ft2ymGmfc >}}\n\n{{< figure src=\"a.jpg\" caption=\"A & B\" >}}\n",
    );
    assert!(
        out.text.contains("[first](https://example.com/first/)"),
        "{}",
        out.text
    );
    assert!(
        out.text
            .contains("https://www.youtube.com/watch?v=w7Ft2ymGmfc")
    );
    assert!(out.text.contains("<figcaption>A &amp; B</figcaption>"));
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
}

#[test]
fn unknown_constructs_are_left_out_with_their_place() {
    let out = expanded(
        Generator::Hugo,
        "Intro.\n\n{{% note %}}\nBe careful.\n{{% /note %}}\n",
    );
    assert_eq!(out.text, "Intro.\n\n\nBe careful.\n\n");
    assert_eq!(out.warnings.len(), 2);
    assert_eq!((out.warnings[0].0, out.warnings[0].1), (3, 1));
    let out = expanded(Generator::Jekyll, "Hi {{ page.title }} there.\n");
    assert_eq!(out.text, "Hi  there.\n");
    assert_eq!(out.warnings[0].1, 4);
}

#[test]
fn code_is_left_as_written() {
    let body = "```\n{{< youtube x >}}\n{{</* figure */>}}\n```\n\nUse `{{ site.url }}` here.\n";
    let out = expanded(Generator::Hugo, body);
    assert!(out.text.contains("{{< youtube x >}}\n{{< figure >}}"));
    let out = expanded(Generator::Jekyll, body);
    assert!(out.text.contains("`{{ site.url }}`"));
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
}

#[test]
fn liquid_tags_and_zola_links() {
    let out = expanded(
        Generator::Jekyll,
        "{% highlight ruby %}\nputs {{ x }}\n{% endhighlight %}\n\n[a]({% post_url 2019-11-27-first %}) [b]({{ site.url }}{{ site.baseurl }}/about/)\n\n{% raw %}{{ kept }}{% endraw %}\n{% comment %}\nhidden\n{% endcomment %}\n",
    );
    assert!(
        out.text.starts_with("```ruby\nputs {{ x }}\n```\n"),
        "{}",
        out.text
    );
    assert!(out.text.contains("[a](https://example.com/first/)"));
    assert!(out.text.contains("[b](https://example.com/blog/about/)"));
    assert!(out.text.contains("{{ kept }}"));
    assert!(!out.text.contains("hidden"));
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let out = expanded(Generator::Jekyll, "[pr]({{ site.repository }}/pull/1)\n");
    assert_eq!(out.text, "[pr](https://example.com/repo/pull/1)\n");
    let out = expanded(
        Generator::Zola,
        "[first](@/blog/first.md#part) and [gone](@/x.md)\n",
    );
    assert!(
        out.text
            .contains("[first](https://example.com/first/#part)")
    );
    assert_eq!(out.warnings.len(), 1);
}
