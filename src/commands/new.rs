//! `jobgen new`: layered answers, the prompt at a terminal, one validator,
//! the render, lint on what was rendered, then the folder written all or
//! nothing (or streamed with `--stdout`), and the report of what was written.

use crate::answers::layers::Layers;
use crate::answers::sources::{self as config, Output};
use crate::answers::{self, Answers, questions};
use crate::cli::NewArgs;
use crate::error::Error;
use crate::i18n::Msg;
use crate::prompt::{self, Prompter};
use crate::render::{self, RenderedFile, record};
use crate::{defaults, explain, i18n, interrupt, lint, paths, say, sayln, style, write};

/// `jobgen new`.
pub fn run(args: &NewArgs) -> Result<(), Error> {
    let (mut layers, output) = config::from_args(args)?;
    if output.explain {
        return super::config::run(args);
    }
    super::speak(&layers);
    let mut terminal =
        (!output.no_input && prompt::interactive_terminal()).then(prompt::Terminal::new);
    if let Some(t) = terminal.as_mut() {
        interrupt::install();
        questions::ask(&mut layers, t)?;
    }
    let (answers, filled) = answers::validate_filled(&layers)?;
    for w in answers::warnings(&layers, &answers) {
        say!("{} {w}\n", style::warning_label());
    }
    if style::verbose() {
        anstream::eprint!("{}", explain::table(&filled));
    }
    let target = match output.stdout {
        true => write::Target {
            shown: output.dir.join(&answers.name),
            real: paths::resolve(&output.dir)?.join(&answers.name),
        },
        false => write::target(&output.dir, &answers.name, output.force)?,
    };
    let files = match output.stdout {
        true => render::streamed(&answers)?,
        false => render::generate(&filled, &answers, &target.real)?,
    };
    if !output.no_lint {
        render::refuse_invalid_yaml(&files, &answers)?;
        lint_rendered(&filled, &answers.name, &files, output.stdout)?;
    }
    if let Some(t) = terminal.as_mut()
        && !output.stdout
        && !output.dry_run
        && !t.confirm(&answers::summary(
            &answers,
            &target.shown.display().to_string(),
            &files
                .iter()
                .filter(|f| f.name != record::ANSWERS_FILE && f.name != record::BASE_FILE)
                .map(|f| f.name.as_str())
                .collect::<Vec<_>>(),
        ))?
    {
        return Err(Error::Declined);
    }
    if output.stdout {
        return style::print_stdout(write::stream(&files).as_bytes());
    }
    // Without --force the name is only ever claimed, never replaced, even
    // if another run created it since the check above.
    let replacing = output.force && std::fs::symlink_metadata(&target.real).is_ok();
    let _lock = match replacing && !output.dry_run {
        true => Some(write::lock_beside(&target.real)?),
        false => None,
    };
    let stale = match replacing {
        true => write::stale_generated(&target.real, &files),
        false => write::Replaced::default(),
    };
    if !stale.discarded.is_empty() && !output.discard_edits {
        return Err(Error::EditsWouldBeLost {
            path: target.shown,
            files: stale.discarded,
        });
    }
    if output.dry_run {
        say!(
            "{}",
            report(&answers, &output, &files, &stale, Msg::R_WOULD_WRITE)
        );
        return Ok(());
    }
    let inside = replacing && write::inside(&target.real);
    let written = match replacing {
        true => write::replace(&target.real, &files, &stale.removed),
        false => write::create(&target.real, &files).map(|()| write::Notes::default()),
    };
    let notes = match written {
        Err(Error::TargetExists(_)) => return Err(Error::TargetExists(target.shown)),
        other => other?,
    };
    say!(
        "{}",
        report(&answers, &output, &files, &stale, Msg::R_WROTE)
    );
    for note in &notes.0 {
        sayln!("{note}");
    }
    if inside {
        say!("{}", write::inside_note(&target.shown));
    }
    Ok(())
}

/// Lints what `new` rendered, as `jobgen lint` would the written folder:
/// warnings are shown, errors stop the write.
fn lint_rendered(
    filled: &Layers,
    name: &str,
    files: &[RenderedFile],
    streamed: bool,
) -> Result<(), Error> {
    let mut contents: Vec<(String, String)> = files
        .iter()
        .filter(|f| f.is_yaml() || f.name == "README.md")
        .map(|f| (f.name.clone(), f.contents.clone()))
        .collect();
    // `--stdout` renders no README (the stream is YAML alone); the folder
    // those objects belong in has one, and lint reads only that it is there.
    if streamed {
        contents.push(("README.md".into(), String::new()));
    }
    let findings = lint::lint_files(name, &contents, &lint::Settings::from_layers(filled));
    if findings.is_empty() {
        return Ok(());
    }
    if !style::quiet() || lint::counts(&findings).0 > 0 {
        anstream::eprint!("{}", lint::text(1, &findings));
    }
    match lint::counts(&findings) {
        (0, _) => Ok(()),
        (errors, _) => Err(Error::Lint { errors }),
    }
}

/// `kubectl apply` in dependency order: the ServiceAccount, ConfigMap,
/// ExternalSecret, NetworkPolicy (and any other YAML of the folder) first,
/// then the job and its alerts, so the first pod finds what it needs.
fn apply_commands(shown: &str, files: &[RenderedFile]) -> Vec<String> {
    use crate::render::output::{OUTPUTS, Stage, builtin};
    let present = |n: &&str| files.iter().any(|f| f.name == *n);
    let stage = |s: Stage| OUTPUTS.iter().filter(move |o| o.stage == s).map(|o| o.file);
    let mut deps: Vec<&str> = stage(Stage::Dependency).filter(present).collect();
    // A team's own YAML outputs count as dependencies.
    deps.extend(
        files
            .iter()
            .filter(|f| f.is_yaml() && builtin(&f.name).is_none())
            .map(|f| f.name.as_str()),
    );
    let last: Vec<&str> = stage(Stage::Job).filter(present).collect();
    let command = |names: &[&str]| {
        let args: Vec<String> = names
            .iter()
            .map(|n| format!("-f {}", crate::shell::shell_word(&format!("{shown}/{n}"))))
            .collect();
        format!("kubectl apply {}", args.join(" "))
    };
    [deps, last]
        .iter()
        .filter(|names| !names.is_empty())
        .map(|names| command(names))
        .collect()
}

/// What was (or would be) written, and the commands to run next.
fn report(
    a: &Answers,
    output: &Output,
    files: &[RenderedFile],
    stale: &write::Replaced,
    verb: Msg,
) -> String {
    let folder = output.dir.join(&a.name);
    let shown = folder
        .strip_prefix(".")
        .unwrap_or(&folder)
        .display()
        .to_string();
    let mut s = String::new();
    s.push_str(&i18n::f(verb, &[("folder", &shown)]));
    s.push('\n');
    for f in files {
        match output.dry_run {
            true => s.push_str(&format!("  {} ({} bytes)\n", f.name, f.contents.len())),
            false => s.push_str(&format!("  {}\n", f.name)),
        }
    }
    let removed = match output.dry_run {
        true => Msg::U_WOULD_REMOVE,
        false => Msg::U_REMOVED,
    };
    for name in &stale.removed {
        s.push_str(&i18n::f(removed, &[("folder", &shown), ("name", name)]));
        s.push('\n');
    }
    let discarded = match output.dry_run {
        true => Msg::U_WOULD_DISCARD,
        false => Msg::U_DISCARDED,
    };
    for name in &stale.discarded {
        s.push_str(&i18n::f(discarded, &[("folder", &shown), ("name", name)]));
        s.push('\n');
    }
    for name in &stale.kept {
        s.push_str(&i18n::f(Msg::U_KEPT, &[("folder", &shown), ("name", name)]));
        s.push('\n');
    }
    s.push_str(&format!("{}\n", i18n::t(Msg::R_NEXT)));
    for line in apply_commands(&shown, files) {
        s.push_str(&format!("  {line}\n"));
    }
    let (name, ns) = (&a.name, &a.namespace);
    if a.pattern() == defaults::Pattern::Cron {
        s.push_str(&format!(
            "  kubectl get cronjob {name} -n {ns}\n  kubectl create job {name}-manual-$(date +%s) --from=cronjob/{name} -n {ns}   {}\n  kubectl get jobs -n {ns} -l app.kubernetes.io/instance={name}\n",
            i18n::t(Msg::R_RUN_ONCE)
        ));
    } else {
        s.push_str(&format!(
            "  kubectl get job {name} -n {ns} -w\n  kubectl logs -n {ns} -f job/{name}\n"
        ));
    }
    s
}
