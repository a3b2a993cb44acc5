//! `jobgen new`'s command line read without clap, in its plain forms.
//!
//! Clap builds all seventy of `new`'s arguments before it reads one: 300 K
//! instructions and 120 KiB of heap (30 fresh pages), a sixth of a whole
//! `new` (README, Speed). This reader knows the same flags from a table and
//! takes only the plain forms: `--flag`, `--flag VALUE`, `--flag=VALUE`,
//! `-n VALUE`, `-o VALUE`, `-q`, `-v`, NAME, and `--` then the command.
//! Anything else gives None and clap reads the whole line, so every message,
//! suggestion and help text stays clap's: help and version, an unknown,
//! repeated or clustered flag, a missing value, a separate value that
//! starts with `-` (clap decides those per flag), an empty path,
//! non-UTF-8, a second NAME, `-q` with `-v`, `--dry-run` with `--stdout`.
//!
//! Tests: the table names exactly clap's arguments with the same kinds, and
//! both readers give the same result for generated command lines.

use std::ffi::OsString;
use std::path::PathBuf;

use super::{AnswerArgs, Cli, Command, Globals, NewArgs};

/// Where a flag's value goes.
enum Slot {
    /// A switch.
    Flag(fn(&mut NewArgs) -> &mut bool),
    /// One value.
    One(fn(&mut NewArgs) -> &mut Option<String>),
    /// A path.
    Path(fn(&mut NewArgs) -> &mut Option<PathBuf>),
    /// A repeatable value.
    Many(fn(&mut NewArgs) -> &mut Vec<String>),
    /// `--output-dir` (a default of `.`, so no Option to tell it was given).
    OutputDir,
}

/// One of `new`'s flags.
struct Flag {
    long: &'static str,
    short: Option<char>,
    slot: Slot,
}

macro_rules! flags {
    ($($long:literal $(| $short:literal)? => $kind:ident $(($($field:ident).+))?),* $(,)?) => {
        &[$(Flag {
            long: $long,
            short: flags!(@short $($short)?),
            slot: flags!(@slot $kind $(($($field).+))?),
        }),*]
    };
    (@short) => { None };
    (@short $short:literal) => { Some($short) };
    (@slot OutputDir) => { Slot::OutputDir };
    (@slot $kind:ident ($($field:ident).+)) => { Slot::$kind(|a| &mut a.$($field).+) };
}

/// `new`'s flags, as `cli::NewArgs` declares them.
const FLAGS: &[Flag] = flags! {
    "purpose" => One(answers.purpose),
    "target" => One(answers.target),
    "env" => One(answers.env),
    "pattern" => One(answers.pattern),
    "namespace" | 'n' => One(answers.namespace),
    "image" => One(answers.image),
    "description" => One(answers.description),
    "schedule" => One(answers.schedule),
    "parallelism" => One(answers.parallelism),
    "completions" => One(answers.completions),
    "time-zone" => One(answers.time_zone),
    "concurrency-policy" => One(answers.concurrency_policy),
    "starting-deadline" => One(answers.starting_deadline),
    "successful-jobs-history" => One(answers.successful_jobs_history),
    "failed-jobs-history" => One(answers.failed_jobs_history),
    "backoff-limit-per-index" => One(answers.backoff_limit_per_index),
    "max-failed-indexes" => One(answers.max_failed_indexes),
    "ttl" => One(answers.ttl),
    "backoff-limit" => One(answers.backoff_limit),
    "restart-policy" => One(answers.restart_policy),
    "active-deadline" => One(answers.active_deadline),
    "size" => One(answers.size),
    "cpu-request" => One(answers.cpu_request),
    "cpu-limit" => One(answers.cpu_limit),
    "memory-request" => One(answers.memory_request),
    "memory-limit" => One(answers.memory_limit),
    "fail-on-exit-code" => Many(answers.fail_on_exit_code),
    "suspend" => Flag(answers.suspend),
    "queue" => One(answers.queue),
    "monitoring" => Flag(answers.monitoring),
    "alert-after" => One(answers.alert_after),
    "team" => One(answers.team),
    "kube-version" => One(answers.kube_version),
    "run-as-user" => One(answers.run_as_user),
    "env-var" => Many(answers.env_vars),
    "secret" => Many(answers.secrets),
    "secret-store" => One(answers.secret_store),
    "secret-store-kind" => One(answers.secret_store_kind),
    "egress" => Many(answers.egress),
    "provider" => One(answers.provider),
    "azure-client-id" => One(answers.azure_client_id),
    "create-secret-store" => Flag(answers.create_secret_store),
    "gcp-project" => One(answers.gcp_project),
    "aws-region" => One(answers.aws_region),
    "azure-vault-url" => One(answers.azure_vault_url),
    "rbac" => Many(answers.rbac),
    "gcp-service-account" => One(answers.gcp_service_account),
    "aws-role-arn" => One(answers.aws_role_arn),
    "no-service-account" => Flag(answers.no_service_account),
    "no-external-secret" => Flag(answers.no_external_secret),
    "no-configmap" => Flag(answers.no_configmap),
    "no-network-policy" => Flag(answers.no_network_policy),
    "config" => Path(answers.config),
    "values" => Path(answers.values),
    "templates" => One(answers.templates),
    "lang" => One(answers.lang),
    "explain" => Flag(explain),
    "no-lint" => Flag(no_lint),
    "output-dir" | 'o' => OutputDir,
    "no-input" => Flag(no_input),
    "force" => Flag(force),
    "dry-run" => Flag(dry_run),
    "stdout" => Flag(stdout),
};

/// The command line of `new` or `config` in its plain forms; None for
/// anything else (clap then reads it).
pub fn parse(args: &[OsString]) -> Option<Cli> {
    let mut words = Vec::with_capacity(args.len());
    for a in args.iter().skip(1) {
        words.push(a.to_str()?);
    }
    let mut globals = Globals {
        quiet: false,
        verbose: false,
    };
    let mut rest = words.into_iter();
    let subcommand = loop {
        let word = rest.next()?;
        if !global(&mut globals, word)? {
            break word;
        }
    };
    let mut new = NewArgs {
        name: None,
        answers: AnswerArgs::default(),
        explain: false,
        no_lint: false,
        output_dir: PathBuf::from("."),
        no_input: false,
        force: false,
        dry_run: false,
        stdout: false,
    };
    let mut output_dir_given = false;
    while let Some(word) = rest.next() {
        if word == "--" {
            new.answers.command = rest.map(str::to_string).collect();
            break;
        }
        if global(&mut globals, word)? {
            continue;
        }
        let (flag, attached) = if let Some(long) = word.strip_prefix("--") {
            match long.split_once('=') {
                Some((name, value)) => (FLAGS.iter().find(|f| f.long == name)?, Some(value)),
                None => (FLAGS.iter().find(|f| f.long == long)?, None),
            }
        } else if let Some(short) = word.strip_prefix('-') {
            let mut chars = short.chars();
            let c = chars.next()?;
            let flag = FLAGS.iter().find(|f| f.short == Some(c))?;
            let attached = chars.as_str();
            (flag, (!attached.is_empty()).then_some(attached))
        } else {
            if new.name.replace(word.to_string()).is_some() {
                return None;
            }
            continue;
        };
        if let Slot::Flag(field) = flag.slot {
            let set = field(&mut new);
            if attached.is_some() || *set {
                return None;
            }
            *set = true;
            continue;
        }
        let value = match attached {
            // `-n=x` is clap's too, but rare enough to leave to it.
            Some(v) if v.starts_with('=') && !word.starts_with("--") => return None,
            Some(v) => v,
            None => rest.next().filter(|v| !v.starts_with('-'))?,
        };
        match flag.slot {
            Slot::Flag(_) => unreachable!("handled above"),
            Slot::One(field) => {
                if field(&mut new).replace(value.to_string()).is_some() {
                    return None;
                }
            }
            // Clap refuses an empty path.
            Slot::Path(_) | Slot::OutputDir if value.is_empty() => return None,
            Slot::Path(field) => {
                if field(&mut new).replace(PathBuf::from(value)).is_some() {
                    return None;
                }
            }
            Slot::Many(field) => field(&mut new).push(value.to_string()),
            Slot::OutputDir => {
                if std::mem::replace(&mut output_dir_given, true) {
                    return None;
                }
                new.output_dir = PathBuf::from(value);
            }
        }
    }
    if (globals.quiet && globals.verbose) || (new.dry_run && new.stdout) {
        return None;
    }
    let command = match subcommand {
        "new" => Command::New(Box::new(new)),
        "config" => Command::Config(Box::new(new)),
        _ => return None,
    };
    Some(Cli { globals, command })
}

/// Takes `-q`/`-v` (either level): Some(true) when `word` was one, None
/// when it repeats one.
fn global(globals: &mut Globals, word: &str) -> Option<bool> {
    let set = match word {
        "-q" | "--quiet" => &mut globals.quiet,
        "-v" | "--verbose" => &mut globals.verbose,
        _ => return Some(false),
    };
    if std::mem::replace(set, true) {
        return None;
    }
    Some(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::full;
    use clap::{ArgAction, Args};
    use proptest::prelude::*;

    fn line(words: &[&str]) -> Vec<OsString> {
        std::iter::once("jobgen")
            .chain(words.iter().copied())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn the_table_names_exactly_clap_s_arguments_of_new() {
        let command = NewArgs::augment_args(clap::Command::new("new"));
        let mut named = 0;
        for arg in command.get_arguments() {
            let Some(long) = arg.get_long() else {
                // NAME and the command after `--`.
                assert!(arg.is_positional(), "{:?}", arg.get_id());
                continue;
            };
            named += 1;
            let flag = FLAGS
                .iter()
                .find(|f| f.long == long)
                .unwrap_or_else(|| panic!("--{long} is not in the quick table"));
            assert_eq!(flag.short, arg.get_short(), "--{long}");
            let kind_agrees = matches!(
                (&flag.slot, arg.get_action()),
                (Slot::Flag(_), ArgAction::SetTrue)
                    | (Slot::Many(_), ArgAction::Append)
                    | (
                        Slot::One(_) | Slot::Path(_) | Slot::OutputDir,
                        ArgAction::Set
                    )
            );
            assert!(kind_agrees, "--{long}: {:?}", arg.get_action());
        }
        assert_eq!(named, FLAGS.len(), "the table has flags clap does not");
    }

    #[test]
    fn plain_lines_read_as_clap_reads_them() {
        let lines: &[&[&str]] = &[
            &["new", "cloud-sql-restore-ojeomneo", "--no-input"],
            &[
                "-q",
                "new",
                "x-y",
                "--stdout",
                "--image",
                "postgres:16.4",
                "--",
                "sh",
                "-c",
                "pg_restore --version",
            ],
            &[
                "new",
                "--pattern=cron",
                "-v",
                "--schedule",
                "0 2 * * *",
                "a-b",
            ],
            &["new", "a-b", "-n", "img"],
            &[
                "new", "a-b", "-nimg", "-o", "out", "--ttl=-5", "--config", "c.yaml",
            ],
            &[
                "config",
                "a-b",
                "--explain",
                "--env=dev",
                "--env-var",
                "A=1",
                "--env-var",
                "B=",
            ],
            &["new", "--", "--not-a-flag", "-q"],
            &["new", "--purpose", "x", "--target", "y", "--", ""],
            &["new", "", "--description="],
        ];
        for words in lines {
            let args = line(words);
            let quick = parse(&args).unwrap_or_else(|| panic!("no quick read: {words:?}"));
            let whole = full(&args).unwrap();
            assert_eq!(format!("{quick:?}"), format!("{whole:?}"), "{words:?}");
        }
    }

    #[test]
    fn anything_else_goes_to_clap() {
        let lines: &[&[&str]] = &[
            &["new", "--help"],
            &["new", "-h"],
            &["new", "-V"],
            &["new", "--version"],
            &["new", "a-b", "--patern", "cron"],
            &["new", "a-b", "--schedule"],
            &["new", "a-b", "--ttl", "-5"],
            &["new", "a-b", "--ttl", "1", "--ttl", "2"],
            &["new", "a-b", "--force", "--force"],
            &["new", "a-b", "--force=true"],
            &["new", "a-b", "c-d"],
            &["new", "a-b", "-qv"],
            &["-q", "-v", "new", "a-b"],
            &["-q", "new", "-q"],
            &["new", "a-b", "--dry-run", "--stdout"],
            &["new", "a-b", "-n=x"],
            &["new", "a-b", "-x"],
            &["new", "a-b", "-"],
            &["new", "a-b", "--config="],
            &["new", "a-b", "-o", ""],
            &["lint", "jobs"],
            &["update", "--dry-run"],
            &["schema"],
            &[],
        ];
        for words in lines {
            assert!(parse(&line(words)).is_none(), "{words:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_word_that_is_not_utf8_goes_to_clap() {
        use std::os::unix::ffi::OsStringExt;
        let mut args = line(&["new", "a-b", "--image"]);
        args.push(OsString::from_vec(vec![0xff, b'x']));
        assert!(parse(&args).is_none());
    }

    /// A word of a generated command line: a flag in one of its forms, a
    /// value, a NAME, or one of the words that end the quick read.
    fn word() -> impl Strategy<Value = Vec<String>> {
        let values = prop::sample::select(vec![
            "x",
            "prod",
            "cron",
            "-5",
            "",
            "a=b",
            "--",
            "-q",
            "new",
            "1.33",
            "0 2 * * *",
        ]);
        let flag = (0..FLAGS.len(), 0..3usize, values.clone()).prop_map(|(i, form, value)| {
            let f = &FLAGS[i];
            match (form, f.short) {
                (0, _) => vec![format!("--{}", f.long), value.to_string()],
                (1, _) => vec![format!("--{}={value}", f.long)],
                (_, Some(s)) => vec![format!("-{s}"), value.to_string()],
                (_, None) => vec![format!("--{}", f.long)],
            }
        });
        let other = prop::sample::select(vec![
            "a-b",
            "cloud-sql-restore-ojeomneo",
            "-q",
            "-v",
            "--quiet",
            "--verbose",
            "-qv",
            "--bogus",
            "--",
            "-h",
            "--ttl",
            "-o",
            "-nfoo",
            "-",
            "--stdout",
            "--dry-run",
        ])
        .prop_map(|w| vec![w.to_string()]);
        prop_oneof![3 => flag, 1 => other]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        /// Whenever the quick reader takes a line, clap takes it too and
        /// reads the same.
        #[test]
        fn the_quick_read_is_clap_s_read(
            lead in prop::sample::select(vec![vec![], vec!["-q"], vec!["-v"]]),
            sub in prop::sample::select(vec!["new", "config"]),
            words in prop::collection::vec(word(), 0..8),
        ) {
            let mut all: Vec<&str> = lead.clone();
            all.push(sub);
            all.extend(words.iter().flatten().map(String::as_str));
            let args = line(&all);
            if let Some(quick) = parse(&args) {
                let whole = full(&args);
                prop_assert!(whole.is_ok(), "clap refuses {all:?}: {}", whole.unwrap_err());
                prop_assert_eq!(format!("{quick:?}"), format!("{:?}", whole.unwrap()), "{:?}", all);
            }
        }
    }
}
