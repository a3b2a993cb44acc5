//! Command-line types (clap derive). Doc comments are the help text; no logic
//! here. Every answer is taken as text and checked by `answers::validate`, so flags,
//! prompts and values files share one validator and all problems are
//! reported together.

use std::path::PathBuf;

use clap::builder::{PossibleValue, TypedValueParser};

use crate::choices::{
    ConcurrencyPolicy, Gitops, Lang, LintProfile, Pattern, Provider, RestartPolicy, Size, StoreKind,
};
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
const SCHEMA_EXIT: &str = "Exit codes: 0 done, 2 usage error, 5 the output cannot be written.";
const TEMPLATES_EXIT: &str = "Exit codes: 0 done, 2 usage error, 3 invalid or missing answers, \
4 export would overwrite a file (use --force), 5 file-system error, 6 broken template.";
const LINT_EXIT: &str = "Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage \
error, unreadable input or a wrong lint setting.";
const ADOPT_EXIT: &str = "Exit codes (the first error's, after every folder was tried): 0 all \
adopted, 2 usage error, no or two jobs, or a jobgen folder already, 3 invalid answers, \
4 a single file's folder exists, 5 file-system error, 6 broken template.";
const CHECK_EXIT: &str = "Exit codes: 0 every folder current, 1 an update would change a folder, \
2 usage error or a folder jobgen did not make, 3 invalid answers or config.";
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
}

/// A value parser that offers fixed spellings in help and completions but
/// leaves checking to the shared validator.
#[derive(Clone)]
struct Choices(&'static [&'static str]);

impl TypedValueParser for Choices {
    type Value = String;

    fn parse_ref(
        &self,
        _cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        Ok(value.to_string_lossy().into_owned())
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.0.iter().map(|v| PossibleValue::new(*v))))
    }
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
/// take the same arguments as `new`.
#[derive(Debug, Default, Args)]
pub struct AnswerArgs {
    /// Purpose of the job, the `app` label (e.g. cloud-sql-restore).
    #[arg(long, allow_hyphen_values = true, help_heading = "Answers")]
    pub purpose: Option<String>,
    /// What the job works on, the target label's value (e.g. ojeomneo).
    #[arg(long, allow_hyphen_values = true, help_heading = "Answers")]
    pub target: Option<String>,
    /// How the team deploys the folder: kubectl, argocd or flux
    /// [default: kubectl].
    #[arg(long, allow_hyphen_values = true, value_parser = Choices(Gitops::NAMES), help_heading = "Answers")]
    pub gitops: Option<String>,
    /// The label key the target goes under, where the target is not a
    /// database (e.g. bucket, dataset) [default: database].
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "KEY",
        help_heading = "Answers"
    )]
    pub target_label: Option<String>,
    /// Environment, the `env` label (e.g. prod, dev) [default: dev].
    #[arg(long, allow_hyphen_values = true, help_heading = "Answers")]
    pub env: Option<String>,
    /// Job pattern [default: one-off].
    #[arg(long, allow_hyphen_values = true, value_parser = Choices(Pattern::NAMES), help_heading = "Answers")]
    pub pattern: Option<String>,
    /// Namespace [default: migrations for migration work, operations for
    /// restore/backup/cleanup/sync work, else default].
    #[arg(
        long,
        allow_hyphen_values = true,
        short = 'n',
        help_heading = "Answers"
    )]
    pub namespace: Option<String>,
    /// Container image with a pinned tag or digest (never :latest) [default: busybox:1.37].
    #[arg(long, allow_hyphen_values = true, help_heading = "Answers")]
    pub image: Option<String>,
    /// One-line description, kept byte for byte (annotation and README).
    #[arg(long, allow_hyphen_values = true, help_heading = "Answers")]
    pub description: Option<String>,
    /// The container command and its arguments, after `--`
    /// (e.g. `-- pg_restore --clean /backup/latest.dump`) [default: the image's entrypoint].
    #[arg(last = true, value_name = "COMMAND", help_heading = "Answers")]
    pub command: Vec<String>,

    /// CronJob schedule, 5 fields or @hourly/@daily/@weekly/@monthly/@yearly [default: "0 2 * * *"].
    #[arg(long, allow_hyphen_values = true, help_heading = "Pattern")]
    pub schedule: Option<String>,
    /// Parallel: pods running at once [default: 5].
    #[arg(long, allow_hyphen_values = true, help_heading = "Pattern")]
    pub parallelism: Option<String>,
    /// Parallel: successful completions wanted (Indexed) [default: 10].
    #[arg(long, allow_hyphen_values = true, help_heading = "Pattern")]
    pub completions: Option<String>,

    /// CronJob time zone, an IANA name such as Asia/Seoul (Kubernetes 1.27+)
    /// [default: the controller's zone].
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "ZONE",
        help_heading = "Pattern"
    )]
    pub time_zone: Option<String>,
    /// CronJob concurrencyPolicy [default: Forbid].
    #[arg(long, allow_hyphen_values = true, value_parser = Choices(ConcurrencyPolicy::NAMES), help_heading = "Pattern")]
    pub concurrency_policy: Option<String>,
    /// CronJob startingDeadlineSeconds [default: 300].
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "SECONDS",
        help_heading = "Pattern"
    )]
    pub starting_deadline: Option<String>,
    /// CronJob successfulJobsHistoryLimit [default: 3].
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "N",
        help_heading = "Pattern"
    )]
    pub successful_jobs_history: Option<String>,
    /// CronJob failedJobsHistoryLimit [default: 3].
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "N",
        help_heading = "Pattern"
    )]
    pub failed_jobs_history: Option<String>,
    /// Parallel: retries per index (Kubernetes 1.29+, GA in 1.33).
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "N",
        help_heading = "Pattern"
    )]
    pub backoff_limit_per_index: Option<String>,
    /// Parallel: failed indexes before the whole job fails (with --backoff-limit-per-index).
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "N",
        help_heading = "Pattern"
    )]
    pub max_failed_indexes: Option<String>,

    /// ttlSecondsAfterFinished: general 3600, critical 86400, debugging 7200 [default: 3600].
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "SECONDS",
        help_heading = "Job settings"
    )]
    pub ttl: Option<String>,
    /// backoffLimit: network work 3, idempotent work 2, critical work 0 [default: 3].
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "N",
        help_heading = "Job settings"
    )]
    pub backoff_limit: Option<String>,
    /// Pod restartPolicy [default: Never].
    #[arg(long, allow_hyphen_values = true, value_parser = Choices(RestartPolicy::NAMES), help_heading = "Job settings")]
    pub restart_policy: Option<String>,
    /// activeDeadlineSeconds, so a stuck job ends [default: 3600].
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "SECONDS",
        help_heading = "Job settings"
    )]
    pub active_deadline: Option<String>,
    /// Resource tier: light 100m/256Mi, medium 200m/512Mi, heavy 500m/1Gi requests [default: light].
    #[arg(long, allow_hyphen_values = true, value_parser = Choices(Size::NAMES), help_heading = "Job settings")]
    pub size: Option<String>,
    /// CPU request, overriding the size tier (e.g. 250m).
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "QUANTITY",
        help_heading = "Job settings"
    )]
    pub cpu_request: Option<String>,
    /// CPU limit, overriding the size tier (e.g. 1).
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "QUANTITY",
        help_heading = "Job settings"
    )]
    pub cpu_limit: Option<String>,
    /// Memory request, overriding the size tier (e.g. 384Mi).
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "QUANTITY",
        help_heading = "Job settings"
    )]
    pub memory_request: Option<String>,
    /// Memory limit, overriding the size tier (e.g. 768Mi).
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "QUANTITY",
        help_heading = "Job settings"
    )]
    pub memory_limit: Option<String>,
    /// Exit code that fails the job at once, without retries (repeatable;
    /// podFailurePolicy, restartPolicy Never). Pod disruptions such as node
    /// drains never count against backoffLimit.
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "CODE",
        help_heading = "Job settings"
    )]
    pub fail_on_exit_code: Vec<String>,
    /// Create the Job (or CronJob) suspended; resume with `kubectl patch`.
    #[arg(long, help_heading = "Job settings")]
    pub suspend: bool,
    /// Kueue LocalQueue to submit the job to (label kueue.x-k8s.io/queue-name).
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "NAME",
        help_heading = "Job settings"
    )]
    pub queue: Option<String>,
    /// Also write prometheus-rule.yaml: alerts when the job fails, runs too
    /// long, or (cron) misses its successful runs.
    #[arg(long, help_heading = "Monitoring")]
    pub monitoring: bool,
    /// Seconds a run may take before the long-running alert fires
    /// [default: 3/4 of --active-deadline].
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "SECONDS",
        help_heading = "Monitoring"
    )]
    pub alert_after: Option<String>,
    /// `team` label on the alerts, for routing [default: the team label, else the purpose].
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "TEAM",
        help_heading = "Monitoring"
    )]
    pub team: Option<String>,
    /// Kubernetes version to target; fields it lacks are refused [default: 1.33].
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "1.N",
        help_heading = "Job settings"
    )]
    pub kube_version: Option<String>,
    /// UID and GID the pod runs as, 10000 or more [default: 10001].
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "UID",
        help_heading = "Job settings"
    )]
    pub run_as_user: Option<String>,

    /// Non-secret environment variable for the ConfigMap (repeatable).
    #[arg(
        long = "env-var",
        allow_hyphen_values = true,
        value_name = "KEY=VALUE",
        help_heading = "Configuration and secrets"
    )]
    pub env_vars: Vec<String>,
    /// Secret environment variable pulled by the ExternalSecret from the
    /// provider's secret REMOTE_KEY (repeatable) [default: every property of
    /// the provider secret named like the job].
    #[arg(
        long = "secret",
        allow_hyphen_values = true,
        value_name = "KEY=REMOTE_KEY",
        help_heading = "Configuration and secrets"
    )]
    pub secrets: Vec<String>,
    /// Secret store the ExternalSecret reads through [default: gcp-secret-manager,
    /// or aws-secrets-manager with --aws-role-arn].
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "NAME",
        help_heading = "Configuration and secrets"
    )]
    pub secret_store: Option<String>,
    /// Kind of that secret store [default: ClusterSecretStore].
    #[arg(long, allow_hyphen_values = true, value_parser = Choices(StoreKind::NAMES), help_heading = "Configuration and secrets")]
    pub secret_store_kind: Option<String>,
    /// Egress the NetworkPolicy allows besides cluster DNS (repeatable):
    /// https, postgres, cloud-sql, mysql, redis, mongodb (that TCP port
    /// anywhere), CIDR, CIDR:PORT, or PORT [default: DNS only].
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "DEST",
        help_heading = "Configuration and secrets"
    )]
    pub egress: Vec<String>,
    /// Cloud of the identity and the secret store [default: the cloud of the
    /// identity given, else gcp].
    #[arg(long, allow_hyphen_values = true, value_parser = Choices(Provider::NAMES), help_heading = "Configuration and secrets")]
    pub provider: Option<String>,
    /// Azure Workload Identity client id (annotates the ServiceAccount, labels the pod).
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "UUID",
        help_heading = "Configuration and secrets"
    )]
    pub azure_client_id: Option<String>,
    /// Also write a SecretStore for the provider into external-secret.yaml,
    /// authenticating with the job's workload identity.
    #[arg(long, help_heading = "Configuration and secrets")]
    pub create_secret_store: bool,
    /// GCP project of Secret Manager (with --create-secret-store).
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "PROJECT",
        help_heading = "Configuration and secrets"
    )]
    pub gcp_project: Option<String>,
    /// AWS region of Secrets Manager (with --create-secret-store).
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "REGION",
        help_heading = "Configuration and secrets"
    )]
    pub aws_region: Option<String>,
    /// Azure Key Vault URL (with --create-secret-store).
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "URL",
        help_heading = "Configuration and secrets"
    )]
    pub azure_vault_url: Option<String>,
    /// Role rule, RESOURCE[.GROUP]:VERB[,VERB] (repeatable), e.g.
    /// configmaps:get,list. Without it the Role grants nothing and the pod
    /// mounts no API token.
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "RULE",
        help_heading = "Configuration and secrets"
    )]
    pub rbac: Vec<String>,
    /// GCP service account for GKE Workload Identity (annotates the ServiceAccount).
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "EMAIL",
        help_heading = "Configuration and secrets"
    )]
    pub gcp_service_account: Option<String>,
    /// AWS IAM role for EKS IRSA (annotates the ServiceAccount).
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "ARN",
        help_heading = "Configuration and secrets"
    )]
    pub aws_role_arn: Option<String>,

    /// Write README.md where the answers leave it out (a folder adopted without one).
    #[arg(long, help_heading = "Files")]
    pub readme: bool,
    /// Leave out service-account.yaml (the pod then uses the namespace's default
    /// account; `--service-account` writes it again).
    #[arg(long, help_heading = "Files", overrides_with = "service_account")]
    pub no_service_account: bool,
    #[arg(long, hide = true)]
    pub service_account: bool,
    /// Leave out external-secret.yaml (`--external-secret` writes it again).
    #[arg(long, help_heading = "Files", overrides_with = "external_secret")]
    pub no_external_secret: bool,
    #[arg(long, hide = true)]
    pub external_secret: bool,
    /// Leave out configmap.yaml (`--configmap` writes it again).
    #[arg(long, help_heading = "Files", overrides_with = "configmap")]
    pub no_configmap: bool,
    #[arg(long, hide = true)]
    pub configmap: bool,
    /// Leave out network-policy.yaml (`--network-policy` writes it again).
    #[arg(long, help_heading = "Files", overrides_with = "network_policy")]
    pub no_network_policy: bool,
    #[arg(long, hide = true)]
    pub network_policy: bool,

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
    /// Folder of team templates: a file named like a built-in (job.yaml.tera)
    /// replaces it, other *.tera files are extra outputs, NAME.off switches an
    /// optional output off.
    #[arg(
        long,
        allow_hyphen_values = true,
        value_name = "DIR",
        help_heading = "Customisation"
    )]
    pub templates: Option<String>,
    /// Language of the generated README [default: en].
    #[arg(long, allow_hyphen_values = true, value_parser = Choices(Lang::NAMES), help_heading = "Customisation")]
    pub lang: Option<String>,
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
