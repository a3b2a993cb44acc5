//! `jobgen templates versions`: the tags of the templates repository the
//! config names, newest first, the one config asks for, and how many job
//! folders were made from each (by the commit they recorded).

use std::path::{Path, PathBuf};

use serde_json::{Value as Json, json};

use crate::answers::fields::key;
use crate::answers::layers::{self, Layers};
use crate::answers::sources::{self, Inputs};
use crate::cli::{Format, VersionsArgs};
use crate::error::{Error, InvalidAnswer};
use crate::render::record::ANSWERS_FILE;
use crate::render::repo::{self, Repo};
use crate::style;

/// One tag and the folders made from its commit.
struct Version {
    tag: String,
    commit: String,
    asked: bool,
    folders: usize,
}

pub fn run(args: &VersionsArgs) -> Result<(), Error> {
    let inputs = Inputs {
        config: args.config.clone(),
        ..Inputs::default()
    };
    let mut config = Layers::default();
    for (path, layer) in sources::config_files(&inputs, Path::new("."), None) {
        config.merge(layers::load(&path, layer)?);
    }
    let source = config.text(key::TEMPLATES).unwrap_or_default();
    let Some(repo) = Repo::parse(source) else {
        return Err(Error::Invalid(vec![InvalidAnswer {
            flag: "templates".into(),
            value: config.text(key::TEMPLATES).map(str::to_string),
            why: "the config names no templates repository (`templates: {git: URL, ref: TAG}` in .jobgen.yaml)".into(),
        }]));
    };
    let offline = args.offline || repo::offline_env();
    let refuse = |why: String| {
        Error::Invalid(vec![InvalidAnswer {
            flag: "templates".into(),
            value: Some(repo.spelt()),
            why,
        }])
    };
    let refs = match offline {
        true => repo::cached_refs(&repo.url),
        false => repo::remote_refs(&repo.url).map_err(refuse)?,
    };
    let tags: Vec<(&str, &str)> = refs
        .iter()
        .filter_map(|(n, c)| Some((n.strip_prefix("refs/tags/")?, c.as_str())))
        .collect();
    let counts = folders_by_commit(&args.dirs, &repo.url);
    let mut versions: Vec<Version> = repo::newest_first(tags.iter().map(|(t, _)| *t).collect())
        .into_iter()
        .map(|tag| {
            let commit = tags
                .iter()
                .find(|(t, _)| *t == tag)
                .map(|(_, c)| *c)
                .unwrap_or_default();
            Version {
                tag: tag.to_string(),
                commit: commit.to_string(),
                asked: repo.reference.as_deref() == Some(tag),
                folders: counts
                    .iter()
                    .filter(|(c, _)| c == commit)
                    .map(|(_, n)| n)
                    .sum(),
            }
        })
        .collect();
    // Folders on a commit no tag names (a branch, a moved tag).
    let other: Vec<(String, usize)> = counts
        .into_iter()
        .filter(|(c, _)| !versions.iter().any(|v| v.commit == *c))
        .collect();
    versions.dedup_by(|a, b| a.tag == b.tag);
    let text = match args.format {
        Format::Json => {
            let mut s =
                serde_json::to_string_pretty(&json_report(&repo, &versions, &other)).expect("JSON");
            s.push('\n');
            s
        }
        Format::Text => text_report(&repo, &versions, &other),
    };
    style::print_stdout(text.as_bytes())
}

/// Job folders under `dirs` whose recorded answers name this repository,
/// counted by the commit they were made from.
fn folders_by_commit(dirs: &[PathBuf], url: &str) -> Vec<(String, usize)> {
    let dirs = match dirs.is_empty() {
        true => vec![PathBuf::from(".")],
        false => dirs.to_vec(),
    };
    let mut counts: Vec<(String, usize)> = Vec::new();
    for dir in crate::update::folders(&dirs).into_iter().flatten() {
        let Ok(text) = crate::walk::read_text(&dir.join(ANSWERS_FILE)) else {
            continue;
        };
        let Ok(root) = serde_json::from_str::<Json>(&text) else {
            continue;
        };
        let from = root
            .get(key::TEMPLATES.as_str())
            .and_then(Json::as_str)
            .and_then(Repo::parse);
        let commit = root
            .get(key::TEMPLATES_COMMIT.as_str())
            .and_then(Json::as_str);
        if let (Some(from), Some(commit)) = (from, commit)
            && from.url == url
        {
            match counts.iter_mut().find(|(c, _)| c == commit) {
                Some((_, n)) => *n += 1,
                None => counts.push((commit.to_string(), 1)),
            }
        }
    }
    counts
}

fn short(commit: &str) -> &str {
    &commit[..commit.len().min(7)]
}

fn text_report(repo: &Repo, versions: &[Version], other: &[(String, usize)]) -> String {
    let mut out = format!("{}\n", repo.url);
    let width = versions.iter().map(|v| v.tag.len()).max().unwrap_or(0);
    for v in versions {
        let asked = if v.asked { "config" } else { "" };
        let folders = match v.folders {
            0 => String::new(),
            1 => "1 folder".into(),
            n => format!("{n} folders"),
        };
        let line = format!(
            "  {:<width$}  {}  {asked:<6}  {folders}",
            v.tag,
            short(&v.commit)
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    if versions.is_empty() {
        out.push_str("  (no tags)\n");
    }
    for (commit, n) in other {
        out.push_str(&format!("  {} (no tag)  {n} folder(s)\n", short(commit)));
    }
    if let Some(r) = &repo.reference
        && !versions.iter().any(|v| v.asked)
    {
        out.push_str(&format!("config asks for {r} (not a tag)\n"));
    }
    out
}

fn json_report(repo: &Repo, versions: &[Version], other: &[(String, usize)]) -> Json {
    json!({
        "source": repo.url,
        "config": repo.reference,
        "versions": versions.iter().map(|v| json!({
            "tag": v.tag, "commit": v.commit, "config": v.asked, "folders": v.folders,
        })).collect::<Vec<_>>(),
        "other": other.iter().map(|(c, n)| json!({"commit": c, "folders": n})).collect::<Vec<_>>(),
    })
}
