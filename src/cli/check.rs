//! `check`: every problem in every input, one per line, like a compiler.

use super::args::CheckArgs;
use super::input::{Sites, Source, expand_inputs, input_format};
use super::output::{whole, write_stdout};
use newswire::Error;
use newswire::check::{Finding, Severity};
use newswire::read::site::Rules;
use std::collections::HashMap;

/// Checks every input and prints the findings; the run fails on errors,
/// on warnings with --strict, and on inputs that cannot be read.
pub(crate) fn check(args: &CheckArgs, limit: u64) -> Result<(), Vec<Error>> {
    let from = input_format(args.from.as_deref()).map_err(|error| vec![error])?;
    let sites = Sites::new(&args.site, None).map_err(|error| vec![error])?;
    let inputs = expand_inputs(&args.inputs, &sites).map_err(|error| vec![error])?;
    let now = chrono::Utc::now();
    // Every page is checked, drafts and future posts too.
    let rules = Rules {
        include_drafts: true,
        include_future: true,
        now,
    };
    let mut findings: Vec<Finding> = Vec::new();
    let mut unreadable = Vec::new();
    let mut ids: HashMap<String, String> = HashMap::new();
    // Which input failed first, and how: the run's status is its.
    let mut first_unreadable = None;
    let mut first_failing = None;
    let fails = |finding: &Finding| {
        finding.severity == Severity::Error
            || (args.strict && finding.severity == Severity::Warning)
    };
    for (index, located) in inputs.iter().enumerate() {
        let input = &located.input;
        let bytes = match input.read(limit) {
            Ok(bytes) => bytes,
            Err(error) => {
                unreadable.push(error);
                first_unreadable.get_or_insert(index);
                continue;
            }
        };
        let before = findings.len();
        let name = input.name();
        let (article, found) = match Source::of(from, input, &bytes) {
            Source::Article(format) => {
                let page = located.page(rules);
                newswire::check::check_page(&bytes, format, &name, now, page.as_ref())
            }
            Source::Feed(_) => (None, newswire::check::check_feed(&bytes, &name)),
        };
        findings.extend(found);
        if let Some(article) = article
            && let Some(first) = ids.insert(article.meta.id.clone(), name.clone())
        {
            findings.push(Finding {
                severity: if args.feed {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                file: name,
                line: 1,
                column: 1,
                message: format!("id {:?} is also the id of {first}", article.meta.id),
            });
        }
        if findings[before..].iter().any(fails) {
            first_failing.get_or_insert(index);
        }
    }
    let report = if args.format == "json" {
        let mut json = serde_json::to_string_pretty(&findings).unwrap_or_default();
        json.push('\n');
        json
    } else {
        findings
            .iter()
            .map(|finding| format!("{finding}\n"))
            .collect()
    };
    write_stdout(whole(report.as_bytes())).map_err(|error| vec![error])?;
    let count = |severity| {
        findings
            .iter()
            .filter(|finding| finding.severity == severity)
            .count()
    };
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let mut failures = unreadable;
    if first_failing.is_some() {
        let failed = Error::from(newswire::ErrorKind::CheckFailed { errors, warnings });
        if first_failing < first_unreadable.or(Some(usize::MAX)) {
            failures.insert(0, failed);
        } else {
            failures.push(failed);
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures)
    }
}
