//! Pure rendering: Answers and templates in, file contents out. No I/O, no
//! prompting, no environment. Tera is strict (an undefined variable is an
//! error) and never HTML-escapes; user text reaches YAML only through the
//! `yaml` filter.

pub mod output;
pub mod record;
pub mod repo;
mod scalar;
pub mod templates;

pub use crate::shell::shell_word;
pub use output::RenderedFile;
pub use scalar::yaml_scalar;

use std::path::Path;

use serde::Serialize;
use tera::{Context, Kwargs, State, Tera};

use crate::answers::Answers;
use crate::answers::layers::Layers;
use crate::error::{Error, InvalidAnswer};
use templates::Template;

/// What templates see: every answer plus derived names and constants.
/// `templates/README.md` documents each variable; a test keeps them in step.
#[derive(Serialize)]
pub struct TemplateContext<'a> {
    #[serde(flatten)]
    pub answers: &'a Answers,
    pub service_account_name: String,
    pub config_map_name: String,
    pub secret_name: String,
    pub schedule_description: Option<String>,
    /// The longest gap between two runs of the schedule, in seconds.
    pub schedule_interval: Option<u64>,
    /// The `job_name` PromQL matcher of this job's Jobs.
    pub job_name_matcher: String,
    /// The token endpoints the job's cloud identity needs (see
    /// `Answers::identity_egress`).
    pub identity_egress: Vec<crate::answers::IdentityEgress>,
    /// The built-in placeholder image with no command: the job does nothing.
    pub placeholder: bool,
    pub jobgen_version: &'static str,
}

/// The template context for these answers.
pub fn context(a: &Answers) -> TemplateContext<'_> {
    TemplateContext {
        answers: a,
        service_account_name: a.name.clone(),
        config_map_name: format!("{}-config", a.name),
        secret_name: format!("{}-secrets", a.name),
        schedule_description: a
            .schedule
            .as_deref()
            .map(|s| describe_schedule(s, a.lang.as_str())),
        schedule_interval: a.schedule.as_deref().and_then(schedule_interval),
        // A CronJob names its Jobs NAME-<minutes since the epoch>.
        job_name_matcher: match a.pattern() {
            crate::defaults::Pattern::Cron => format!("job_name=~\"{}-[0-9]+\"", a.name),
            _ => format!("job_name=\"{}\"", a.name),
        },
        identity_egress: a.identity_egress(),
        placeholder: crate::defaults::is_placeholder_image(&a.image) && a.command.is_empty(),
        jobgen_version: env!("CARGO_PKG_VERSION"),
    }
}

/// A schedule as croner reads it: a macro as five fields, `?` as `*`.
fn expand(schedule: &str) -> String {
    crate::answers::cron::macro_fields(schedule)
        .unwrap_or(schedule)
        .replace('?', "*")
}

fn parse_cron(schedule: &str) -> Option<croner::Cron> {
    croner::parser::CronParser::builder()
        .seconds(croner::parser::Seconds::Disallowed)
        .build()
        .parse(&expand(schedule))
        .ok()
}

/// A schedule in words in the README's language ("At 02:00", "02:00에"),
/// from croner.
pub fn describe_schedule(schedule: &str, lang: &str) -> String {
    parse_cron(schedule)
        .map(|c| match lang {
            "ko" => c.describe_lang(crate::ko_cron::Korean),
            _ => c.describe(),
        })
        .map(|d| d.trim_end_matches('.').to_string())
        .unwrap_or_else(|| schedule.to_string())
}

/// The longest gap between consecutive runs, worked out from the
/// schedule's fields (`answers::cron`). None for a schedule that does not
/// parse or never runs (validation refuses both).
pub fn schedule_interval(schedule: &str) -> Option<u64> {
    crate::answers::cron::parse(schedule).ok()?.longest_gap()
}

/// Renders the given templates with the answers.
pub fn render(templates: &[Template], answers: &Answers) -> Result<Vec<RenderedFile>, Error> {
    let ctx = Context::from_serialize(&context(answers)).map_err(|e| Error::Template {
        file: "(context)".into(),
        origin: "built-in".into(),
        report: e.to_string(),
    })?;
    with_tera(templates, |tera| {
        templates
            .iter()
            .map(|t| {
                let contents = tera
                    .render(&t.file, &ctx)
                    .map_err(|e| template_error(t, e))?;
                Ok(RenderedFile {
                    name: t.output.clone(),
                    contents: finish(contents),
                })
            })
            .collect()
    })
}

/// A file ends with a line break.
fn finish(mut contents: String) -> String {
    if !contents.ends_with('\n') {
        contents.push('\n');
    }
    contents
}

/// A set of templates by (file, source), and its parsed Tera.
type Parsed = (Vec<(String, String)>, Tera);

thread_local! {
    /// Parsed template sets of this thread, by their sources: `check` and
    /// `update` render folder after folder with the same templates, which
    /// are parsed once.
    static PARSED: std::cell::RefCell<Vec<Parsed>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `f` with a Tera holding `templates`, parsed once per thread.
fn with_tera<T>(
    templates: &[Template],
    f: impl FnOnce(&Tera) -> Result<T, Error>,
) -> Result<T, Error> {
    let key: Vec<(String, String)> = templates
        .iter()
        .map(|t| (t.file.clone(), t.source.to_string()))
        .collect();
    PARSED.with(|cell| {
        let mut parsed = cell.borrow_mut();
        if let Some((_, tera)) = parsed.iter().find(|(k, _)| *k == key) {
            return f(tera);
        }
        let tera = parse(templates)?;
        let result = f(&tera);
        // A few sets at most (one per pattern and file choice in a repository).
        if parsed.len() >= 16 {
            parsed.remove(0);
        }
        parsed.push((key, tera));
        result
    })
}

/// A Tera with jobgen's filters and `templates` parsed.
fn parse(templates: &[Template]) -> Result<Tera, Error> {
    let mut tera = Tera::new();
    tera.autoescape_on(Vec::<&str>::new());
    tera.register_filter("yaml", |s: &str, _: Kwargs, _: &State| yaml_scalar(s));
    tera.register_filter("shell", |s: &str, _: Kwargs, _: &State| shell_word(s));
    // `{{ word | josa(p="을/를") }}`: the Korean particle that follows word.
    tera.register_filter(
        "josa",
        |s: &str, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let pair: &str = kwargs.must_get("p")?;
            Ok(crate::ko::particle(s, pair))
        },
    );
    for t in templates {
        tera.add_raw_template(&t.file, &t.source)
            .map_err(|e| template_error(t, e))?;
    }
    Ok(tera)
}

fn template_error(t: &Template, e: tera::Error) -> Error {
    Error::Template {
        file: t.file.clone(),
        origin: t.origin.to_string(),
        report: shorten_unknown_variable(&e.to_string()),
    }
}

/// Tera lists every variable after an undefined one (sixty of them): the
/// nearest name, as "did you mean", and where the list is says more.
fn shorten_unknown_variable(report: &str) -> String {
    const LIST: &str = ". Available variables: ";
    let Some(start) = report.find(LIST) else {
        return report.to_string();
    };
    let rest = &report[start + LIST.len()..];
    let end = rest.find('\n').unwrap_or(rest.len());
    let names: Vec<&str> = rest[..end].split(", ").collect();
    let unknown = report[..start].split('`').nth(1).unwrap_or_default();
    let nearest = names
        .iter()
        .map(|n| (strsim::levenshtein(unknown, n), *n))
        .filter(|(d, n)| *d <= 2.max(n.len() / 3))
        .min();
    let hint = match nearest {
        Some((_, n)) => format!("; did you mean `{n}`? (templates/README.md lists every variable)"),
        None => "; templates/README.md lists every variable (`jobgen templates context` prints them with their values)".into(),
    };
    format!("{}{hint}{}", &report[..start], &rest[end..])
}

/// Renders the folder these layered answers describe, in memory: the
/// checked answers and every file (provenance and recorded answers
/// included), as `new` would write them into `target`. Lints nothing.
pub fn folder(given: &Layers, target: &Path) -> Result<(Answers, Vec<RenderedFile>), Error> {
    let (answers, filled) = crate::answers::validate_filled(given)?;
    let files = generate(&filled, &answers, target)?;
    Ok((answers, files))
}

/// Every file of the folder: rendered templates stamped with provenance,
/// and the recorded answers (`filled`: the layers with defaults filled).
pub fn generate(
    filled: &Layers,
    answers: &Answers,
    target: &Path,
) -> Result<Vec<RenderedFile>, Error> {
    let mut files = rendered(answers, false)?;
    let version = answers.template_version.as_deref();
    record::stamp(&mut files, &record::provenance(&answers.name, version));
    files.push(record::answers_file(filled, target));
    files.push(record::base_file(&files));
    Ok(files)
}

/// The files as `--stdout` prints them: the same objects, stamped as
/// streamed (nothing is recorded, so the header points at no answers).
/// The stream holds YAML only, so no other file is rendered.
pub fn streamed(answers: &Answers) -> Result<Vec<RenderedFile>, Error> {
    let mut files = rendered(answers, true)?;
    record::stamp(&mut files, &record::streamed_provenance());
    Ok(files)
}

/// The templates these answers need (`yaml_only`: of YAML files alone),
/// rendered, and refused if too large.
fn rendered(answers: &Answers, yaml_only: bool) -> Result<Vec<RenderedFile>, Error> {
    let team = answers.templates.as_deref().map(Path::new);
    let mut templates = templates::for_answers(
        team,
        answers.lang.as_str(),
        answers.files,
        answers.monitoring,
    )?;
    if yaml_only {
        templates.retain(|t| t.output.ends_with(".yaml") || t.output.ends_with(".yml"));
    }
    let files = render(&templates, answers)?;
    refuse_oversized(&files)?;
    Ok(files)
}

/// A rendered YAML file that does not parse is its template's fault: the
/// error names the template and where it came from (exit 6), not the
/// folder's file.
pub fn refuse_invalid_yaml(files: &[RenderedFile], answers: &Answers) -> Result<(), Error> {
    for f in files.iter().filter(|f| f.is_yaml()) {
        let Err(e) = crate::yaml::parse_all(&f.contents) else {
            continue;
        };
        let team = answers.templates.as_deref().map(Path::new);
        let templates = templates::for_answers(
            team,
            answers.lang.as_str(),
            answers.files,
            answers.monitoring,
        )?;
        let template = templates.iter().find(|t| t.output == f.name);
        return Err(Error::Template {
            file: template.map_or_else(|| f.name.clone(), |t| t.file.clone()),
            origin: template.map_or_else(|| "built-in".into(), |t| t.origin.to_string()),
            report: crate::i18n::f(
                crate::i18n::Msg::E_RENDERS_INVALID_YAML,
                &[
                    ("file", &f.name),
                    ("line", &e.line.to_string()),
                    ("column", &e.column.to_string()),
                    ("why", &e.message),
                ],
            ),
        });
    }
    Ok(())
}

/// Refuses a YAML document the API server would refuse for its size.
fn refuse_oversized(files: &[RenderedFile]) -> Result<(), Error> {
    let too_big: Vec<InvalidAnswer> = files
        .iter()
        // No document of a file is longer than the file: most files need
        // no search for document breaks at all.
        .filter(|f| f.is_yaml() && f.contents.len() > crate::answers::OBJECT_MAX_BYTES)
        .flat_map(|f| {
            f.contents
                .split("\n---\n")
                .filter(|doc| doc.len() > crate::answers::OBJECT_MAX_BYTES)
                .map(|doc| InvalidAnswer {
                    flag: "generated file".into(),
                    value: Some(f.name.clone()),
                    why: format!(
                        "holds an object of {} bytes; the API server refuses objects over 1.5 MiB ({} bytes, etcd's request limit): shorten the values that go into it",
                        doc.len(),
                        crate::answers::OBJECT_MAX_BYTES
                    ),
                })
                .collect::<Vec<_>>()
        })
        .collect();
    match too_big.is_empty() {
        true => Ok(()),
        false => Err(Error::Invalid(too_big)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_variable_gets_the_nearest_name_not_the_list() {
        let report = "Variable `nam` is not defined. Available variables: image, name, namespace\n --> x.tera:4:12";
        assert_eq!(
            shorten_unknown_variable(report),
            "Variable `nam` is not defined; did you mean `name`? (templates/README.md lists every variable)\n --> x.tera:4:12"
        );
        let far = "Variable `zzzzzz` is not defined. Available variables: image, name\n --> x";
        assert!(shorten_unknown_variable(far).contains("jobgen templates context"));
        assert_eq!(shorten_unknown_variable("other error"), "other error");
    }

    #[test]
    fn plain_only_when_safe() {
        for plain in [
            "cloud-sql-restore",
            "ojeomneo",
            "v1",
            "Never",
            "/tmp",
            "a.b_c",
        ] {
            assert_eq!(yaml_scalar(plain), plain);
        }
        for (input, quoted) in [
            ("yes", "\"yes\""),
            ("No", "\"No\""),
            ("null", "\"null\""),
            ("0777", "\"0777\""),
            ("1e3", "\"1e3\""),
            ("500m", "\"500m\""),
            ("a: b", "\"a: b\""),
            ("{{ x }}", "\"{{ x }}\""),
            (" lead", "\" lead\""),
            ("two\nlines", "\"two\\nlines\""),
            ("say \"hi\" \\", "\"say \\\"hi\\\" \\\\\""),
            ("line\u{2028}sep", "\"line\\u2028sep\""),
            ("bell\u{7}", "\"bell\\u0007\""),
            ("한글", "\"한글\""),
            ("", "\"\""),
        ] {
            assert_eq!(yaml_scalar(input), quoted, "{input:?}");
        }
    }

    #[test]
    fn shell_words_read_back_as_given() {
        assert_eq!(shell_word("pg_restore"), "pg_restore");
        assert_eq!(shell_word("--db=x"), "--db=x");
        assert_eq!(shell_word("a b"), "'a b'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
        assert_eq!(shell_word("$(JOB)"), "'$(JOB)'");
        assert_eq!(shell_word(""), "''");
    }

    #[test]
    fn schedule_intervals_are_the_longest_gap() {
        assert_eq!(schedule_interval("0 2 * * *"), Some(86_400));
        assert_eq!(schedule_interval("*/15 * * * *"), Some(900));
        assert_eq!(schedule_interval("@hourly"), Some(3_600));
        assert_eq!(schedule_interval("0 9 * * MON-FRI"), Some(3 * 86_400));
        assert_eq!(schedule_interval("@monthly"), Some(31 * 86_400));
        // Every minute of the 1st, then nothing for a month (a walk capped
        // at 500 runs used to say 60 s).
        assert_eq!(schedule_interval("* * 1 * *"), Some(31 * 86_400 - 86_340));
        assert_eq!(schedule_interval("0 0 30 2 *"), None);
    }

    #[test]
    fn schedules_are_described_in_words() {
        assert!(
            describe_schedule("0 2 * * *", "en").contains("02:00"),
            "{}",
            describe_schedule("0 2 * * *", "en")
        );
        assert!(!describe_schedule("@daily", "en").starts_with('@'));
    }
}
