//! Where clap types stop: `NewArgs` becomes the raw answers and the output
//! options. The team-customisation issue adds config layers here (built-in <
//! user < team < values file < flags), each feeding the same `RawAnswers`.

use std::path::PathBuf;

use crate::answers::RawAnswers;
use crate::cli::NewArgs;

/// How and where to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Folder the job folder is created in.
    pub dir: PathBuf,
    /// Replace an existing job folder's generated files.
    pub force: bool,
    /// Say what would be written, write nothing.
    pub dry_run: bool,
    /// Print the YAML stream, write nothing.
    pub stdout: bool,
    /// Never prompt.
    pub no_input: bool,
}

/// Splits `jobgen new`'s arguments into answers and output options.
pub fn from_args(args: NewArgs) -> (RawAnswers, Output) {
    let output = Output {
        dir: args.output_dir,
        force: args.force,
        dry_run: args.dry_run,
        stdout: args.stdout,
        no_input: args.no_input,
    };
    let raw = RawAnswers {
        name: args.name,
        purpose: args.purpose,
        target: args.target,
        env: args.env,
        pattern: args.pattern,
        namespace: args.namespace,
        image: args.image,
        description: args.description,
        command: args.command,
        schedule: args.schedule,
        parallelism: args.parallelism,
        completions: args.completions,
        ttl: args.ttl,
        backoff_limit: args.backoff_limit,
        restart_policy: args.restart_policy,
        active_deadline: args.active_deadline,
        size: args.size,
        cpu_request: args.cpu_request,
        cpu_limit: args.cpu_limit,
        memory_request: args.memory_request,
        memory_limit: args.memory_limit,
        run_as_user: args.run_as_user,
        env_vars: args.env_vars,
        secrets: args.secrets,
        secret_store: args.secret_store,
        secret_store_kind: args.secret_store_kind,
        gcp_service_account: args.gcp_service_account,
        aws_role_arn: args.aws_role_arn,
        no_service_account: args.no_service_account,
        no_external_secret: args.no_external_secret,
        no_configmap: args.no_configmap,
    };
    (raw, output)
}
