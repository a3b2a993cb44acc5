//! Command-line types (clap derive). Doc comments are the help text; no logic
//! here. Every answer is taken as text and checked by `answers::validate`, so flags,
//! prompts and values files share one validator and all problems are
//! reported together.

use std::path::PathBuf;

use crate::answers::flags::{Choices, FieldFlags};
use crate::choices::{Lang, LintProfile};
use clap::{Args, Parser, Subcommand};

const EXAMPLES: &str = "\
Examples:
  jobgen new cloud-sql-restore-ojeomneo
  jobgen new cloud-sql-restore-ojeomneo --env prod --pattern one-off --no-input
  jobgen new nightly-backup-ojeomneo --pattern cron --schedule \"0 2 * * *\" --no-input
  jobgen new image-resize-batch --pattern parallel --target-label workload --parallelism 5 --completions 10 --no-input
  jobgen new data-migration-v2 --target-label schema --stdout | kubectl apply -f -

Exit codes: 0 done, 2 usage error, 3 invalid or missing answers, 4 the job folder
exists (use --force), 5 file-system error, 6 broken template, 7 what it rendered
fails lint, 130 prompt cancelled or declined.";

const CONFIG_EXIT: &str = "Exit codes: 0 done, 2 usage error, 3 invalid or missing answers.";
const SCHEMA_EXIT: &str = "Exit codes: 0 done, 2 usage error, 3 a config file is malformed, 5 the \
output cannot be written.";
const TEMPLATES_EXIT: &str = "Exit codes: 0 done, 2 usage error, 3 invalid or missing answers, \
4 export would overwrite a file (use --force), 5 file-system error, 6 broken template.";
const LINT_EXIT: &str = "Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage \
error, unreadable input or a wrong lint setting.";
const ADOPT_EXIT: &str = "Exit codes (the first error's, after every folder was tried): 0 all \
adopted, 2 usage error, no or two jobs, or a jobgen folder already, 3 invalid answers, \
4 a single file's folder exists, 5 file-system error, 6 broken template.";
const CHECK_EXIT: &str = "Exit codes: 0 every folder current, 1 an update would change a folder, \
2 usage error or a folder jobgen did not make, 3 invalid answers or config.";
const VERSIONS_EXIT: &str = "Exit codes: 0 done, 2 usage error, 3 the config names no templates \
repository, or it cannot be reached, 5 the output cannot be written.";
const LS_EXIT: &str = "Exit codes: 0 every folder read, 2 usage error or a folder that could not \
be read (it is listed with the reason), 5 the output cannot be written.";
const COMPLETIONS_EXIT: &str = "Exit codes: 0 done, 2 usage error.";

/// Scaffold Kubernetes Job folders that follow your team's conventions.
#[derive(Debug, Parser)]
#[command(name = "jobgen", version, after_help = EXAMPLES, propagate_version = true)]
pub struct Cli {
    /// -q and -v, on every subcommand.
    #[command(flatten)]
    pub globals: Globals,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The options every subcommand takes.
#[derive(Debug, Args)]
pub struct Globals {
    /// Print only errors: no reports, notes or warnings on stderr (a
    /// command's own output on stdout, such as lint findings, is unchanged).
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// More detail where there is more: `check` prints the diff an update
    /// would write, `new` the answers it resolved and where each came from,
    /// `lint` every folder it checked.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a job folder: README.md, job.yaml, service-account.yaml,
    /// external-secret.yaml, configmap.yaml, network-policy.yaml (and
    /// prometheus-rule.yaml with --monitoring).
    ///
    /// Asks for missing answers at a terminal; with --no-input, or without a
    /// terminal, uses the conventions' defaults and never prompts.
    #[command(after_help = EXAMPLES)]
    New(Box<NewArgs>),
    /// Show every resolved answer and where it came from: built-in default,
    /// user config, team config (.jobgen.yaml), --config, --values, flags.
    ///
    /// Takes the same arguments as `new`; writes nothing.
    #[command(after_help = CONFIG_EXIT)]
    Config(Box<NewArgs>),
    /// Print the JSON Schema of config and values files: every answer with
    /// its type, allowed values, pattern, default and description.
    ///
    /// The team questions of the config in effect (user config, the
    /// .jobgen.yaml above the current folder, --config) are under `vars`.
    #[command(after_help = SCHEMA_EXIT)]
    Schema {
        /// Config file layered above the user and team config.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Work with templates: export the built-ins to edit, list where each
    /// output comes from, print the context templates see.
    #[command(subcommand, after_help = TEMPLATES_EXIT)]
    Templates(TemplatesCommand),
    /// List every job folder under PATHs, jobgen-made or hand-written: its
    /// schedule and next start, owner, alerts, templates version and state.
    #[command(after_help = LS_EXIT)]
    Ls(LsArgs),
    /// Check every job folder (a folder holding job.yaml) under PATHs against
    /// the conventions, Kubernetes rules and Pod Security "restricted".
    ///
    /// Exit 0: no errors (warnings allowed); 1: errors; 2: usage error or
    /// unreadable input.
    #[command(after_help = LINT_EXIT)]
    Lint(LintArgs),
    /// Bring hand-written job folders under jobgen: infer their answers,
    /// record them (.jobgen-answers) and what they render today
    /// (.jobgen-base), and change nothing else.
    ///
    /// Then `jobgen check` shows what today's templates would change and
    /// `jobgen update` applies it, keeping every field that differs from
    /// jobgen's render as the team's edit; the report lists those fields.
    /// Exit 0: all adopted; otherwise the first error's code, after every
    /// folder was tried.
    #[command(after_help = ADOPT_EXIT)]
    Adopt(Box<AdoptArgs>),
    /// Re-render job folders from their recorded answers with today's
    /// templates (built-in or team), optionally with changed answers, keeping
    /// your edits: a three-way merge per object and field.
    ///
    /// Answer flags are those of `new`; an answer not given keeps its
    /// recorded value (the defaults shown below are `new`'s).
    ///
    /// Exit 0: updated or already current; 8: conflicts, nothing written
    /// (see --conflicts, --prefer); 2: not a jobgen folder or unreadable
    /// YAML; 3, 5, 6 as for `new`.
    #[command(after_help = UPDATE_EXAMPLES)]
    Update(Box<UpdateArgs>),
    /// For CI: is every job folder what its recorded answers render today,
    /// apart from edits `jobgen update` would keep?
    ///
    /// Exit 0: all current; 1: an update would change a folder; 2: error.
    #[command(after_help = CHECK_EXIT)]
    Check(CheckArgs),
    /// Print a manual page (roff), or write one per command into a folder.
    ///
    /// e.g. `jobgen man --dir ~/.local/share/man/man1`, then `man jobgen-new`;
    /// `jobgen man update` prints jobgen-update(1).
    #[command(after_help = COMPLETIONS_EXIT)]
    Man {
        /// The command whose page to print [default: jobgen itself].
        #[arg(value_name = "COMMAND", conflicts_with = "dir")]
        command: Option<String>,
        /// Write jobgen.1 and a page per command (jobgen-new.1, …) into DIR.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Print a shell completion script to stdout.
    ///
    /// e.g. `jobgen completions bash > ~/.local/share/bash-completion/completions/jobgen`
    #[command(after_help = COMPLETIONS_EXIT)]
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

const UPDATE_EXAMPLES: &str = "\
Examples:
  jobgen update jobs/nightly-backup-ojeomneo
  jobgen update jobs/ --dry-run
  jobgen update jobs/nightly-backup-ojeomneo --schedule \"0 3 * * *\"
  jobgen update jobs/ --conflicts markers
  jobgen check jobs/ --format json

Exit codes (the first error's, after every folder was tried): 0 done, 2 usage error
or a folder jobgen did not make, 3 invalid answers, 5 file-system error, 6 broken
template, 8 conflicts (nothing written).";

/// Arguments of `jobgen adopt`.
#[derive(Debug, Args)]
pub struct AdoptArgs {
    /// Hand-written job folders, folders to search for them, or single
    /// manifest files (moved into a folder named after their Job) [default: .].
    pub paths: Vec<PathBuf>,
    /// Answers to record instead of what is inferred (applied to every folder).
    #[command(flatten)]
    pub answers: AnswerArgs,
    /// The job's name, for a Job that has none jobgen can use (only
    /// `generateName`, or a name that is not a DNS-1123 label).
    #[arg(long, value_name = "NAME", help_heading = "Adopt")]
    pub name: Option<String>,
    /// Print the inferred answers and the report, and write nothing.
    #[arg(long, help_heading = "Adopt")]
    pub dry_run: bool,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Text, help_heading = "Adopt")]
    pub format: Format,
}

/// Arguments of `jobgen update`.
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// Job folders, or folders to search for them (folders holding
    /// .jobgen-answers) [default: .].
    pub dirs: Vec<PathBuf>,
    /// Changed answers; anything not given keeps its recorded value.
    #[command(flatten)]
    pub answers: AnswerArgs,
    /// On conflicts, write git-style markers (<<<<<<< ours / ======= /
    /// >>>>>>> theirs) into the files for you to resolve.
    #[arg(long, value_enum, value_name = "STYLE", help_heading = "Update")]
    pub conflicts: Option<ConflictStyle>,
    /// On conflicts, keep your value (ours) or take the template's (theirs).
    #[arg(
        long,
        value_enum,
        conflicts_with = "conflicts",
        help_heading = "Update"
    )]
    pub prefer: Option<Side>,
    /// Take jobgen's whole render of everything it generates, in the files
    /// the folder keeps it in: hand edits to those objects are dropped (and
    /// listed); files and objects jobgen does not generate are kept.
    #[arg(
        long,
        conflicts_with_all = ["conflicts", "prefer"],
        help_heading = "Update"
    )]
    pub discard_edits: bool,
    /// Show the change as a unified diff, and write nothing.
    #[arg(long, help_heading = "Update")]
    pub dry_run: bool,
    /// Never ask: a required team question the folder has no answer for
    /// fails naming `-d KEY=…` (without a terminal, jobgen never asks).
    #[arg(long, help_heading = "Update")]
    pub no_input: bool,
}

/// A report's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// One JSON document, for programs.
    Json,
}

/// The lint report's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LintFormat {
    /// For people.
    Text,
    /// One JSON document, for programs.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other CI tools.
    Sarif,
}

/// How `update` writes conflicts into the files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ConflictStyle {
    /// git-style markers around the lines in conflict.
    Markers,
}

/// Which side of a conflict to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Side {
    /// Your value.
    Ours,
    /// The template's.
    Theirs,
}

/// Arguments of `jobgen check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Job folders, or folders to search for them [default: .].
    pub dirs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Config file layered above the user and team config.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Language of the messages [default: `lang` in config, else the locale].
    #[arg(long, value_parser = Choices(Lang::NAMES))]
    pub lang: Option<String>,
    /// Take a templates repository from the cache alone, never the network
    /// (also JOBGEN_OFFLINE=1).
    #[arg(long)]
    pub offline: bool,
}

/// Arguments of `jobgen lint`.
#[derive(Debug, Args)]
pub struct LintArgs {
    /// Folders to search for job folders [default: .].
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LintFormat::Text)]
    pub format: LintFormat,
    /// Config file layered above the user and team config (for `lint.disable`, `target-label`).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Which rules apply: conventions (everything) or kubernetes
    /// (Kubernetes correctness, Pod Security and references, no team
    /// conventions) [default: lint.profile in config, else conventions].
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(LintProfile::NAMES))]
    pub profile: Option<String>,
    /// List the rules and exit.
    #[arg(long)]
    pub rules: bool,
    /// Language of the messages [default: `lang` in config, else the locale].
    #[arg(long, value_parser = Choices(Lang::NAMES))]
    pub lang: Option<String>,
}

/// `jobgen templates …`.
#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// Write built-in templates into DIR for editing; then point `--templates`
    /// or `templates:` in .jobgen.yaml at DIR. Existing files are kept unless
    /// --force.
    Export {
        /// Folder to write into (created if missing).
        dir: PathBuf,
        /// Only these templates (e.g. job.yaml or job.yaml.tera) [default: all].
        files: Vec<String>,
        /// Overwrite files that exist.
        #[arg(long)]
        force: bool,
        /// Language of the messages [default: the locale].
        #[arg(long, value_parser = Choices(Lang::NAMES))]
        lang: Option<String>,
    },
    /// List every output file and the template it comes from (built-in or
    /// the team folder). Takes the same arguments as `new`.
    List(Box<NewArgs>),
    /// Print, as JSON, the context templates see for these answers. Takes the
    /// same arguments as `new`.
    Context(Box<NewArgs>),
    /// List the tags of the templates repository config names, newest first:
    /// the one config asks for, and how many job folders were made from each.
    #[command(after_help = VERSIONS_EXIT)]
    Versions(VersionsArgs),
}

/// Arguments of `jobgen ls`.
#[derive(Debug, Args)]
pub struct LsArgs {
    /// Folders to search for job folders [default: .].
    pub paths: Vec<PathBuf>,
    /// Output format: text, json (one array, stable keys), backstage (catalog
    /// entities), svg (the schedule map, with --schedule-map).
    #[arg(long, value_enum, default_value_t = LsFormat::Text)]
    pub format: LsFormat,
    /// Order of the folders [default: folder].
    #[arg(long, value_enum, default_value_t = LsSort::Folder)]
    pub sort: LsSort,
    /// Draw when the CronJobs start over the coming week, per weekday and hour.
    #[arg(long)]
    pub schedule_map: bool,
    /// Time zone of the schedule map [default: the zone most CronJobs use, else UTC].
    #[arg(long, value_name = "ZONE")]
    pub time_zone: Option<String>,
    /// With --format backstage: where the jobs repository is browsed, for
    /// links to each folder's README (e.g. https://git.example.com/org/jobs/blob/main).
    #[arg(long, value_name = "URL")]
    pub link_base: Option<String>,
    /// Config file layered above the user and team config.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Take a templates repository from the cache alone (also JOBGEN_OFFLINE=1).
    #[arg(long)]
    pub offline: bool,
    /// Language of the table and messages [default: `lang` in config, else the locale].
    #[arg(long, value_parser = Choices(Lang::NAMES))]
    pub lang: Option<String>,
}

/// `jobgen ls --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LsFormat {
    Text,
    Json,
    Backstage,
    Svg,
}

/// `jobgen ls --sort`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LsSort {
    /// The folders' order.
    Folder,
    /// By job name.
    Name,
    /// Soonest next start first (jobs without a schedule last).
    NextRun,
    /// Errors, conflicts and out-of-date folders first.
    State,
}

/// Arguments of `jobgen templates versions`.
#[derive(Debug, Args)]
pub struct VersionsArgs {
    /// Folders to count job folders in [default: .].
    pub dirs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Config file layered above the user and team config.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The tags the cache saw last, without the network (also JOBGEN_OFFLINE=1).
    #[arg(long)]
    pub offline: bool,
}

/// Arguments of `jobgen new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// Job name, `[purpose]-[target]-[detail]`, e.g. cloud-sql-restore-ojeomneo.
    /// Purpose and target are derived from it (the last segment is the target)
    /// unless given; without NAME, --purpose and --target compose it.
    pub name: Option<String>,

    /// The answers.
    #[command(flatten)]
    pub answers: AnswerArgs,

    /// Show every answer and where it came from, and write nothing.
    #[arg(long, help_heading = "Customisation")]
    pub explain: bool,
    /// Do not lint what was rendered (to inspect a team template's output
    /// with --stdout or --dry-run while fixing it).
    #[arg(long, help_heading = "Customisation")]
    pub no_lint: bool,

    /// Folder to create the job folder in.
    #[arg(
        long,
        short = 'o',
        value_name = "DIR",
        default_value = ".",
        help_heading = "Output"
    )]
    pub output_dir: PathBuf,
    /// Never prompt; use defaults for what is not given.
    #[arg(long, help_heading = "Output")]
    pub no_input: bool,
    /// Replace the generated files of an existing job folder (refused where
    /// they were edited by hand: `jobgen update` keeps edits).
    #[arg(long, help_heading = "Output")]
    pub force: bool,
    /// With --force: replace generated files even where they were edited by
    /// hand; the edits are lost.
    #[arg(long, requires = "force", help_heading = "Output")]
    pub discard_edits: bool,
    /// Say what would be written, and write nothing.
    #[arg(long, conflicts_with = "stdout", help_heading = "Output")]
    pub dry_run: bool,
    /// Print the YAML documents as one stream to stdout, and write nothing.
    #[arg(long, help_heading = "Output")]
    pub stdout: bool,
}

/// The answers of a job, shared by `new`, `update` and the commands that
/// take the same arguments as `new`: a flag per field of the field table
/// (`answers::fields`, made into flags by `answers::flags`), the command,
/// the team's answers and the config and values files.
#[derive(Debug, Default, Args)]
pub struct AnswerArgs {
    /// Every answer flag of the field table.
    #[command(flatten)]
    pub fields: FieldFlags,
    /// The container command and its arguments, after `--`
    /// (e.g. `-- pg_restore --clean /backup/latest.dump`) [default: the image's entrypoint].
    #[arg(last = true, value_name = "COMMAND", help_heading = "Answers")]
    pub command: Vec<String>,

    /// An answer to one of the team's own questions (`questions:` in
    /// config), repeatable; a list answer's items are separated by commas.
    #[arg(
        short = 'd',
        long,
        value_name = "KEY=VALUE",
        value_parser = define,
        help_heading = "Customisation"
    )]
    pub define: Vec<String>,
    /// Config file layered above the user and team config (same keys as .jobgen.yaml).
    #[arg(long, value_name = "FILE", help_heading = "Customisation")]
    pub config: Option<PathBuf>,
    /// Values file: answers for this job (same keys as config; `jobgen schema` lists them).
    #[arg(long, value_name = "FILE", help_heading = "Customisation")]
    pub values: Option<PathBuf>,
    /// Take a templates repository from the cache alone, never the network
    /// (also JOBGEN_OFFLINE=1).
    #[arg(long, help_heading = "Customisation")]
    pub offline: bool,
}

/// `-d KEY=VALUE`: the key's spelling is checked against the questions
/// later, with every other answer.
fn define(s: &str) -> Result<String, String> {
    match s.split_once('=') {
        Some((k, _)) if !k.is_empty() => Ok(s.to_string()),
        _ => Err(
            "expected KEY=VALUE, e.g. -d owner=data (KEY is a question in the team config)".into(),
        ),
    }
}
