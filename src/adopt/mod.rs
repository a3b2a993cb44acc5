//! `jobgen adopt`: bring a hand-written job folder under jobgen without
//! changing it. The answers are inferred from its objects (`infer`), checked
//! like any answers, and recorded as `.jobgen-answers`; `.jobgen-base` is
//! what those answers render today, so the folder is current at once, every
//! way it differs from jobgen's render is the team's edit that `update`
//! keeps, and the report lists those differences.

pub mod infer;

use crate::i18n::{Msg, f, t};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value as Json, json};

use crate::answers::fields::key;
use crate::answers::layers::{self, FileLayer, Layers};
use crate::answers::sources::{self, Inputs};
use crate::choices::Size;
use crate::error::Error;
use crate::render::RenderedFile;
use crate::render::record::{ANSWERS_FILE, BASE_FILE};
use crate::update::merge::{self, Tree};
use crate::update::unwritten::{self, Unwritten};
use crate::walk::Visit;
use infer::Found;

/// One way the folder differs from what its answers render: kept as the
/// team's edit.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Difference {
    /// `Kind/name` of the folder's object (or of jobgen's, when the folder lacks it).
    pub object: String,
    /// The file it is in (jobgen's file name when the folder lacks it).
    pub file: String,
    /// The field, or `(whole object)`.
    pub path: String,
    /// The folder's value (null: absent).
    pub folder: Json,
    /// What jobgen renders (null: jobgen does not generate it).
    pub jobgen: Json,
}

/// What adopting one folder records and reports.
#[derive(Debug)]
pub struct Adoption {
    /// The folder as given.
    pub dir: PathBuf,
    /// Its real path, where the files are written.
    pub real: PathBuf,
    /// The inferred answers, as a values file holds them.
    pub values: Map<String, Json>,
    /// What was not in the folder and was left to jobgen's defaults.
    pub notes: Vec<String>,
    /// Everything kept only as a hand edit.
    pub differences: Vec<Difference>,
    /// `.jobgen-answers` and `.jobgen-base`.
    pub recorded: Vec<RenderedFile>,
}

/// Reads the folder's YAML objects (file name order).
fn read_objects(dir: &Path) -> Result<Vec<Found>, Error> {
    let mut out = Vec::new();
    for path in yaml_files(dir) {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = read_manifest(&path)?;
        let docs = crate::yaml::parse_all(&text).map_err(|e| Error::Unreadable {
            path: path.clone(),
            why: format!("line {}: {}", e.line, e.message),
        })?;
        out.extend(docs.iter().flat_map(|d| found_in(&name, &d.value)));
    }
    Ok(out)
}

/// Works out what adopting `dir` records, writing nothing.
pub fn plan(dir: &Path, inputs: &Inputs) -> Result<Adoption, Error> {
    plan_with(dir, inputs, None)
}

/// [`plan`]; with `moved`, `dir` is the folder the single manifest `moved`
/// would be moved into (a dry run of `adopt FILE`), which does not exist.
fn plan_with(dir: &Path, inputs: &Inputs, moved: Option<&Path>) -> Result<Adoption, Error> {
    let (real, objects) = match moved {
        Some(file) => {
            let parent = crate::paths::parent_of(dir)?;
            let name = crate::paths::folder_name(dir)?;
            (
                crate::paths::resolve(&parent)?.join(name),
                objects_of_file(file)?,
            )
        }
        None => {
            let real = crate::paths::resolve(dir)?;
            if !real.is_dir() {
                return Err(Error::NotAFolder(dir.to_path_buf()));
            }
            if real.join(ANSWERS_FILE).exists() {
                return Err(Error::Unreadable {
                    path: dir.to_path_buf(),
                    why: format!(
                        "is a jobgen folder already (it has {ANSWERS_FILE}): use `jobgen check` and `jobgen update`"
                    ),
                });
            }
            let objects = read_objects(&real)?;
            (real, objects)
        }
    };
    let job = infer::the_job(&objects).map_err(|why| Error::Unreadable {
        path: dir.to_path_buf(),
        why,
    })?;
    if inputs.flags.text(key::NAME).is_none() {
        infer::usable_name(job).map_err(|why| Error::Unreadable {
            path: dir.join(&job.file),
            why,
        })?;
    }
    let parent = real.parent().unwrap_or(Path::new("."));
    let config = sources::layers(&inputs.config_only(), parent, None)?;
    let target_label = config
        .text(key::TARGET_LABEL)
        .unwrap_or(crate::defaults::TARGET_LABEL)
        .to_string();
    let mut inference = infer::infer(&objects, job, &target_label, inputs.flags.text(key::NAME));
    if jobgen_readme(&real) {
        infer::set_file(&mut inference, "readme", true);
    }
    match_size(&config, &mut inference.values);
    let files = loop {
        let text = serde_json::to_string_pretty(&inference.values).expect("JSON");
        let mut given = config.clone();
        given.merge(layers::parse(
            &text,
            &dir.join(ANSWERS_FILE),
            FileLayer::Values,
        )?);
        given.merge(inputs.flags.clone());
        match crate::render::folder(&given, &real) {
            Ok((_, files)) => break files,
            Err(Error::Invalid(list)) => {
                if !drop_invalid(&mut inference, &list) {
                    return Err(Error::Invalid(list));
                }
            }
            Err(e) => return Err(e),
        }
    };
    let differences = differences(&objects, &files);
    let never: Vec<Unwritten> = differences
        .iter()
        .filter(|d| d.folder.is_null())
        .map(|d| Unwritten {
            file: d.file.clone(),
            object: d.object.clone(),
            path: d.path.clone(),
        })
        .collect();
    let recorded = files
        .into_iter()
        .filter(|f| f.name == ANSWERS_FILE || f.name == BASE_FILE)
        .map(|mut f| {
            if f.name == ANSWERS_FILE {
                f.contents = unwritten::record(&f.contents, &never);
            }
            f
        })
        .collect();
    Ok(Adoption {
        dir: dir.to_path_buf(),
        real,
        values: inference.values,
        notes: inference.notes,
        differences,
        recorded,
    })
}

/// True when the folder's README.md is one jobgen wrote (its provenance
/// line): a folder whose records were lost keeps it up to date. Any other
/// README is the team's own, which jobgen leaves alone.
fn jobgen_readme(dir: &Path) -> bool {
    crate::walk::read_text(&dir.join("README.md"))
        .is_ok_and(|t| t.contains(crate::render::record::PROVENANCE))
}

/// Drops the inferred values jobgen refuses (a UID under 10000, a name too
/// long…), each with a note: jobgen's default is recorded instead and the
/// folder keeps its own value as a hand edit. False when none of the
/// refused answers was inferred (a flag or the config is wrong).
fn drop_invalid(inference: &mut infer::Inference, list: &[crate::error::InvalidAnswer]) -> bool {
    let mut dropped = false;
    for bad in list {
        let field = crate::answers::fields::FIELDS.iter().find(|f| {
            let from_file = bad.flag.rsplit_once(' ').map(|(_, k)| k) == Some(f.key.as_str());
            f.flag == bad.flag || from_file || (bad.flag == "NAME" && f.key == key::NAME)
        });
        let Some(field) = field.filter(|f| f.key != key::NAME) else {
            continue;
        };
        let top = field.key.split('.').next().unwrap_or("");
        if inference.values.remove(top).is_some() {
            let value = format!("{:?}", bad.value.as_deref().unwrap_or(""));
            inference.notes.push(f(
                Msg::A_REFUSED,
                &[
                    ("key", field.key.as_str()),
                    ("value", &value),
                    ("why", &bad.why),
                ],
            ));
            dropped = true;
        }
    }
    dropped
}

/// Resources equal to a size tier (the team's, or the conventions') are
/// recorded as that size; others stay explicit values.
fn match_size(config: &Layers, values: &mut Map<String, Json>) {
    let parts = ["cpu-request", "memory-request", "cpu-limit", "memory-limit"];
    let given: Vec<Option<&str>> = parts
        .iter()
        .map(|p| values.get(*p).and_then(Json::as_str))
        .collect();
    if given.iter().any(Option::is_none) {
        return;
    }
    for size in Size::ALL {
        let mut l = config.clone();
        l.set_text(
            key::SIZE,
            size.as_str(),
            crate::answers::layers::Source::BuiltIn,
        );
        crate::answers::fill::fill_defaults(&mut l);
        let tier: Vec<Option<&str>> = crate::answers::fill::RESOURCE_PARTS
            .iter()
            .map(|k| l.text(*k))
            .collect();
        if tier == given {
            for p in parts {
                values.remove(p);
            }
            values.insert("size".into(), json!(size.as_str()));
            return;
        }
    }
}

/// Every way the folder's objects differ from the rendered ones: objects
/// pair by identity, then by kind (a ServiceAccount under another name), a
/// single container with the single container; fields compare by path.
pub fn differences(objects: &[Found], files: &[RenderedFile]) -> Vec<Difference> {
    let mut rendered: Vec<(String, Tree)> = Vec::new();
    for f in files.iter().filter(|f| f.is_yaml()) {
        if let Ok(docs) = crate::yaml::parse_all(&f.contents) {
            rendered.extend(docs.iter().map(|d| (f.name.clone(), Tree::from(&d.value))));
        }
    }
    let ours: Vec<Tree> = objects.iter().map(|o| o.tree.clone()).collect();
    let theirs: Vec<Tree> = rendered.iter().map(|(_, t)| t.clone()).collect();
    let partner = merge::pair(&ours, &theirs);
    let mut out = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        let label = merge::label(&o.tree);
        let mut changes = Vec::new();
        match partner[i] {
            Some(j) => {
                let mut jobgen = theirs[j].clone();
                merge::same_container_name(&o.tree, &mut jobgen);
                merge::changes(
                    Some(&o.tree),
                    Some(&jobgen),
                    &label,
                    &merge::Path::default(),
                    &mut changes,
                );
            }
            None => merge::changes(
                Some(&o.tree),
                None,
                &label,
                &merge::Path::default(),
                &mut changes,
            ),
        }
        out.extend(changes.into_iter().map(|c| Difference {
            object: label.clone(),
            file: o.file.clone(),
            path: c.path.to_string(),
            folder: c.from.as_ref().map_or(Json::Null, Tree::to_json),
            jobgen: c.to.as_ref().map_or(Json::Null, Tree::to_json),
        }));
    }
    for (j, (file, t)) in rendered.iter().enumerate() {
        if !partner.contains(&Some(j)) {
            out.push(Difference {
                object: merge::label(t),
                file: file.clone(),
                path: merge::Path::default().to_string(),
                folder: Json::Null,
                jobgen: json!("present"),
            });
        }
    }
    out
}

/// Records the answers and the base in the folder, changing nothing else;
/// returns what could not be kept of the folder's metadata.
pub fn write(a: &Adoption) -> Result<crate::write::Notes, Error> {
    let _lock = crate::write::lock_beside(&a.real)?;
    if a.real.join(ANSWERS_FILE).exists() {
        return Err(Error::Unreadable {
            path: a.dir.clone(),
            why: format!("was adopted meanwhile (it has {ANSWERS_FILE})"),
        });
    }
    crate::write::replace(&a.real, &a.recorded, &[])
}

/// The text report of one adoption.
pub fn report_text(a: &Adoption, verb: Msg) -> String {
    let shown = a.dir.display();
    let files = format!("{ANSWERS_FILE}, {BASE_FILE}");
    let mut out = f(verb, &[("folder", &shown.to_string()), ("files", &files)]);
    out.push('\n');
    for n in &a.notes {
        out.push_str(&format!("  {} {n}\n", t(Msg::U_NOTE)));
    }
    if a.differences.is_empty() {
        out.push_str(&format!("  {}\n", t(Msg::A_NOTHING_KEPT)));
        return out;
    }
    let n = a.differences.len().to_string();
    out.push_str(&format!("  {}\n", f(Msg::A_KEPT, &[("n", &n)])));
    for d in &a.differences {
        let what = match (&d.folder, &d.jobgen) {
            (_, Json::Null) => f(
                Msg::A_HAND_ONLY,
                &[("value", &crate::update::shown(&d.folder))],
            ),
            (Json::Null, j) => f(Msg::A_ABSENT, &[("value", &crate::update::shown(j))]),
            (folder, j) => f(
                Msg::A_DIFFERS,
                &[
                    ("value", &crate::update::shown(folder)),
                    ("jobgen", &crate::update::shown(j)),
                ],
            ),
        };
        out.push_str(&format!(
            "    {}: {} {}: {what}\n",
            d.file, d.object, d.path
        ));
    }
    out
}

/// The JSON report of every adoption (one document).
pub fn report_json(results: &[(PathBuf, Result<Adoption, Error>)]) -> String {
    let folders: Vec<Json> = results
        .iter()
        .map(|(dir, r)| match r {
            Ok(a) => json!({
                "path": dir.display().to_string(),
                "status": "adopted",
                "answers": a.values,
                "notes": a.notes,
                "hand-edits": a.differences,
            }),
            Err(e) => json!({
                "path": dir.display().to_string(),
                "status": "error",
                "error": e.to_string(),
            }),
        })
        .collect();
    let mut s =
        serde_json::to_string_pretty(&json!({"version": 1, "folders": folders})).expect("JSON");
    s.push('\n');
    s
}

/// The folders under `paths` that hold a Job or CronJob in a YAML file and
/// are not jobgen folders yet (a path that is such a folder is itself).
pub fn candidates(paths: &[PathBuf]) -> Vec<Result<PathBuf, (PathBuf, Error)>> {
    let mut out = Vec::new();
    for path in paths {
        if !path.exists() {
            let e = Error::Unreadable {
                path: path.clone(),
                why: crate::i18n::t(crate::i18n::Msg::IO_NOT_FOUND).to_string(),
            };
            out.push(Err((path.clone(), e)));
            continue;
        }
        if path.join(ANSWERS_FILE).exists() || holds_job(path) {
            out.push(Ok(path.clone()));
            continue;
        }
        let walked = crate::walk::walk(path, |dir| {
            if dir.join(ANSWERS_FILE).exists() {
                Visit::Skip
            } else if dir != path.as_path() && holds_job(dir) {
                Visit::Take
            } else {
                Visit::Descend
            }
        });
        if walked.found.is_empty() && walked.unreadable.is_empty() {
            let why =
                "holds no Job or CronJob in any YAML file, nor a folder that does".to_string();
            out.push(Err((
                path.clone(),
                Error::Unreadable {
                    path: path.clone(),
                    why,
                },
            )));
        }
        out.extend(walked.results());
    }
    out
}

/// True when a YAML file of `dir` holds a Job or CronJob, or one that
/// is not UTF-8 (which adopt then names, rather than skip the folder).
/// Only regular files are read.
fn holds_job(dir: &Path) -> bool {
    read_objects(dir).is_ok_and(|objects| infer::the_job(&objects).is_ok())
        || yaml_files(dir)
            .iter()
            .any(|path| match crate::walk::read_text(path) {
                Ok(t) => t.lines().any(|l| {
                    let l = l.trim();
                    l == "kind: Job" || l == "kind: CronJob"
                }),
                Err(e) => e.kind() == std::io::ErrorKind::InvalidData,
            })
}

/// The regular YAML files of `dir` (symlinks to them included), by name.
fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "yaml" || x == "yml") && crate::walk::is_regular(p)
        })
        .collect();
    out.sort();
    out
}

/// Adopts every found folder (errors in finding them pass through), on
/// all cores; each folder is planned and written on its own.
/// `moved` pairs the folder a dry run's single manifest would be moved into
/// with the manifest (`single_file`).
pub fn run_all(
    found: Vec<Result<PathBuf, (PathBuf, Error)>>,
    inputs: &Inputs,
    dry_run: bool,
    moved: &[(PathBuf, PathBuf)],
) -> Vec<(PathBuf, Result<Adoption, Error>)> {
    let mut slots: Vec<(PathBuf, Option<Result<Adoption, Error>>)> = Vec::new();
    let mut todo = Vec::new();
    for (i, f) in found.into_iter().enumerate() {
        match f {
            Ok(dir) => {
                todo.push((i, dir.clone()));
                slots.push((dir, None));
            }
            Err((dir, e)) => slots.push((dir, Some(Err(e)))),
        }
    }
    let work = |(_, dir): &(usize, PathBuf)| {
        let file = moved
            .iter()
            .find(|(f, _)| f == dir)
            .map(|(_, m)| m.as_path());
        plan_with(dir, inputs, file).and_then(|a| match dry_run {
            true => Ok(a),
            false => write(&a).map(|kept| {
                let mut a = a;
                a.notes.extend(kept.0);
                a
            }),
        })
    };
    crate::pool::ordered(&todo, work, |k, result| slots[todo[k].0].1 = Some(result));
    slots
        .into_iter()
        .map(|(dir, r)| (dir, r.expect("every folder was tried")))
        .collect()
}

/// A manifest's text; one that is not UTF-8 is named as such.
fn read_manifest(path: &Path) -> Result<String, Error> {
    crate::walk::read_text(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::InvalidData => Error::Unreadable {
            path: path.to_path_buf(),
            why: crate::i18n::t(Msg::A_NOT_UTF8).to_string(),
        },
        _ => Error::io("read", path, e),
    })
}

/// The objects of a single manifest, as they will stand in `job.yaml`.
fn objects_of_file(file: &Path) -> Result<Vec<Found>, Error> {
    let text = read_manifest(file)?;
    let docs = crate::yaml::parse_all(&text).map_err(|e| Error::Unreadable {
        path: file.to_path_buf(),
        why: format!("line {}: {}", e.line, e.message),
    })?;
    Ok(docs
        .iter()
        .flat_map(|d| found_in("job.yaml", &d.value))
        .collect())
}

/// The objects of one document of `file`: a `List` (which kubectl applies
/// item by item) gives its items, anything else itself.
fn found_in(file: &str, doc: &crate::yaml::Node) -> Vec<Found> {
    let is_list = doc
        .get("kind")
        .and_then(|k| k.value.string())
        .is_some_and(|k| k.ends_with("List"));
    let objects: Vec<&crate::yaml::Node> = match (is_list, doc.get("items")) {
        (true, Some(items)) => items.value.items().iter().map(|i| &i.value).collect(),
        _ => vec![doc],
    };
    objects
        .into_iter()
        .map(|o| Found {
            file: file.to_string(),
            tree: Tree::from(o),
        })
        .collect()
}

/// A single manifest file: moved into a new folder named after its Job, as
/// job.yaml, beside the file. The folder is created whole (or not at all)
/// before the file is removed, so the file is never lost; with `dry_run`
/// the folder is only named.
pub fn single_file(file: &Path, name: Option<&str>, dry_run: bool) -> Result<PathBuf, Error> {
    let objects = objects_of_file(file)?;
    let job = infer::the_job(&objects).map_err(|why| Error::Unreadable {
        path: file.to_path_buf(),
        why,
    })?;
    let name = match name {
        Some(name) => name.to_string(),
        None => infer::usable_name(job)
            .map_err(|why| Error::Unreadable {
                path: file.to_path_buf(),
                why,
            })?
            .to_string(),
    };
    let parent = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let folder = parent.join(&name);
    if dry_run {
        return Ok(folder);
    }
    let real = crate::paths::resolve(&parent)?.join(&name);
    // The manifest itself goes into the folder (a hard link, or a copy
    // with its mode, times and owner), so it stays the file it was.
    let notes = match crate::write::create_moving(&real, "job.yaml", file) {
        Err(Error::TargetExists(_)) => return Err(Error::TargetExists(folder)),
        other => other?,
    };
    for note in &notes.0 {
        crate::sayln!("{note}");
    }
    std::fs::remove_file(file).map_err(|e| Error::io("remove", file, e))?;
    if !crate::style::quiet() {
        anstream::eprintln!("moved {} to {}/job.yaml", file.display(), folder.display());
    }
    Ok(folder)
}
