//! `check`: every problem in every input, one per line, like a compiler.

use super::args::CheckArgs;
use super::input::{Source, expand_inputs, input_format};
use super::output::{whole, write_stdout};
use newswire::Error;
use newswire::check::{Finding, Severity};
use std::collections::HashMap;

/// Checks every input and prints the findings; the run fails on errors,
/// on warnings with --strict, and on inputs that cannot be read.
pub(crate) fn check(args: &CheckArgs, limit: u64) -> Result<(), Vec<Error>> {
    let from = input_format(args.from.as_deref()).map_err(|error| vec![error])?;
    let inputs = expand_inputs(&args.inputs).map_err(|error| vec![error])?;
    let now = chrono::Utc::now();
    let mut findings: Vec<Finding> = Vec::new();
    let mut unreadable = Vec::new();
    let mut ids: HashMap<String, String> = HashMap::new();
    for input in &inputs {
        let bytes = match input.read(limit) {
            Ok(bytes) => bytes,
            Err(error) => {
                unreadable.push(error);
                continue;
            }
        };
        let name = input.name();
        let (article, found) = match Source::of(from, input, &bytes) {
            Source::Article(format) => newswire::check::check(&bytes, format, &name, now),
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
    if !unreadable.is_empty() {
        return Err(unreadable);
    }
    let errors = findings
        .iter()
        .filter(|finding| finding.severity == Severity::Error)
        .count();
    let warnings = findings.len() - errors;
    if errors > 0 || (args.strict && warnings > 0) {
        return Err(vec![Error::from(newswire::ErrorKind::CheckFailed {
            errors,
            warnings,
        })]);
    }
    Ok(())
}
