//! Answers as they arrive, layer by layer, each value knowing where it came
//! from: built-in < user config < team config < --config < --values < flags
//! < prompt. Config files set defaults (the prompt still asks, preselected
//! with them); values files, flags and prompt answers are answers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::yaml::{Spanned, scalar_text};

use crate::answers::fields::{self, Key, Kind, key};
use crate::answers::question::{Declarations, Question};
use crate::error::{ConfigProblem, Error};
use crate::render::repo::{self, Repo, Resolved};
use crate::yaml::{Node, Text};

pub use crate::answers::given::{Entry, FileLayer, Given, Source, Value};

/// Values by field key, merged across layers; and the team's questions
/// and their answers (`answers::team`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layers {
    values: BTreeMap<Key, Given>,
    /// Team answers by question name (`vars:`, `-d`, the prompt).
    vars: BTreeMap<String, Given>,
    /// Team questions in declaration order; a higher layer's question of
    /// the same name replaces a lower one's.
    questions: Vec<Question>,
    /// Recorded team answers no question declares any more: kept and
    /// recorded as they are, unused.
    retired: BTreeMap<String, Given>,
    /// The templates repository `templates` names, resolved to a commit
    /// and its folder in the cache (`sources::layers` resolves it).
    repo: Option<Resolved>,
}

impl Layers {
    /// Sets a text or list value, replacing a lower layer's.
    pub fn set(&mut self, key: Key, value: Value, source: Source) {
        match (self.values.get_mut(&key), value) {
            (
                Some(Given {
                    value: Value::Map(old),
                    ..
                }),
                Value::Map(new),
            ) => {
                for e in new {
                    match old.iter_mut().find(|o| o.key == e.key) {
                        Some(o) if o.source != e.source => *o = e,
                        // The same layer twice: keep both so the validator reports it.
                        _ => old.push(e),
                    }
                }
            }
            (_, value) => {
                self.values.insert(key, Given { value, source });
            }
        }
    }

    /// Sets a text value.
    pub fn set_text(&mut self, key: Key, text: impl Into<String>, source: Source) {
        self.set(key, Value::Text(text.into()), source);
    }

    /// Sets `key` only if nothing set it yet.
    pub fn default_text(&mut self, key: Key, text: impl Into<String>, source: Source) {
        if !self.values.contains_key(&key) {
            self.set_text(key, text, source);
        }
    }

    /// Drops the value of `key`, whatever set it.
    pub fn remove(&mut self, key: Key) {
        self.values.remove(&key);
    }

    /// Drops the values worked out from others (not answers, not files).
    pub fn drop_derived(&mut self) {
        self.values
            .retain(|_, g| !matches!(g.source, Source::Derived(_)));
        self.vars
            .retain(|_, g| !matches!(g.source, Source::Derived(_)));
    }

    /// Applies `other` on top of this.
    pub fn merge(&mut self, other: Layers) {
        for (key, given) in other.values {
            self.set(key, given.value, given.source);
        }
        self.vars.extend(other.vars);
        self.retired.extend(other.retired);
        for q in other.questions {
            match self.questions.iter_mut().find(|o| o.name == q.name) {
                Some(old) => *old = q,
                None => self.questions.push(q),
            }
        }
        self.shape_defines();
    }

    /// The templates repository, resolved.
    pub fn repo(&self) -> Option<&Resolved> {
        self.repo.as_ref()
    }

    /// Sets the resolved templates repository.
    pub fn set_repo(&mut self, resolved: Resolved) {
        self.repo = Some(resolved);
    }

    /// The folder of team templates: the repository's in the cache, or
    /// the folder `templates` names.
    pub fn templates_dir(&self) -> Option<PathBuf> {
        match &self.repo {
            Some(r) => Some(r.dir.clone()),
            None => self
                .text(key::TEMPLATES)
                .filter(|t| !repo::is_repo(t))
                .map(PathBuf::from),
        }
    }

    /// Sets a team answer, replacing a lower layer's.
    pub fn set_var(&mut self, name: &str, value: Value, source: Source) {
        self.vars.insert(name.to_string(), Given { value, source });
    }

    /// A team answer, if any layer gave it.
    pub fn var(&self, name: &str) -> Option<&Given> {
        self.vars.get(name)
    }

    /// Every team answer given, by question name.
    pub fn vars(&self) -> &BTreeMap<String, Given> {
        &self.vars
    }

    /// The team questions in effect, in declaration order.
    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    /// The team question of this name.
    pub fn question(&self, name: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.name == name)
    }

    /// Recorded team answers no question declares any more.
    pub fn retired(&self) -> &BTreeMap<String, Given> {
        &self.retired
    }

    /// Moves the team answers no question in `declared` asks for into the
    /// retired ones: a folder's recorded answers outlive their question.
    pub fn retire_undeclared(&mut self, declared: &Layers) {
        let (keep, old): (BTreeMap<_, _>, BTreeMap<_, _>) = std::mem::take(&mut self.vars)
            .into_iter()
            .partition(|(name, _)| declared.question(name).is_some());
        self.vars = keep;
        self.retired.extend(old);
    }

    /// Gives `-d` answers the shape of their question: a list's items split
    /// at commas, a single value as text (`-d` twice stays a list, which
    /// the validator refuses for a single value).
    fn shape_defines(&mut self) {
        let questions = self.questions.clone();
        for q in &questions {
            if let Some(g) = self.vars.get_mut(&q.name)
                && g.source == Source::Flag
            {
                g.value = crate::answers::question::from_flag(q, &g.value);
            }
        }
    }

    /// The value and source of a field, if any layer set it.
    pub fn get(&self, key: Key) -> Option<&Given> {
        self.values.get(&key)
    }

    /// A text value.
    pub fn text(&self, key: Key) -> Option<&str> {
        match self.values.get(&key) {
            Some(Given {
                value: Value::Text(t),
                ..
            }) => Some(t),
            _ => None,
        }
    }

    /// A list value (empty when unset).
    pub fn list(&self, key: Key) -> &[String] {
        match self.values.get(&key) {
            Some(Given {
                value: Value::List(l),
                ..
            }) => l,
            _ => &[],
        }
    }

    /// A map value's entries (empty when unset).
    pub fn map(&self, key: Key) -> &[Entry] {
        match self.values.get(&key) {
            Some(Given {
                value: Value::Map(m),
                ..
            }) => m,
            _ => &[],
        }
    }

    /// Where a field's value came from.
    pub fn source(&self, key: Key) -> Option<&Source> {
        self.values.get(&key).map(|g| &g.source)
    }

    /// True when the user answered this for this job (flag, values file, prompt).
    pub fn answered(&self, key: Key) -> bool {
        self.source(key).is_some_and(Source::is_answer)
    }
}

/// The key of recorded answers listing the values that were defaults.
pub const RECORDED_DEFAULTS: &str = "jobgen-defaults";

/// Reads a config or values file into layered values, refusing unknown
/// keys and wrong shapes with the file, line and column. Values themselves
/// are checked later by the one validator, with the same locations.
pub fn load(path: &Path, layer: FileLayer) -> Result<Layers, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io("read", path, e))?;
    parse(&text, path, layer)
}

/// Parses file text; see [`load`].
pub fn parse(text: &str, path: &Path, layer: FileLayer) -> Result<Layers, Error> {
    let problem = |line: u64, column: u64, message: String, hint: String| ConfigProblem {
        path: path.to_path_buf(),
        line,
        column,
        message,
        hint,
    };
    let mut out = Layers::default();
    if text.trim().is_empty() {
        return Ok(out);
    }
    let root = crate::yaml::parse(text).map_err(|e| {
        Error::Config(vec![problem(
            e.line,
            e.column,
            e.message,
            "the file must be YAML".into(),
        )])
    })?;
    let mut problems = Vec::new();
    let mut reader = Reader {
        text,
        path,
        layer,
        out: &mut out,
        problems: &mut problems,
    };
    let mut recorded_defaults = Vec::new();
    match root.value {
        Node::Map(mut entries) => {
            // Recorded answers list the values that were defaults when they
            // were recorded: still values (so the folder replays exactly),
            // but not answers, so `jobgen update` can work them out again.
            if let Some(i) = entries
                .iter()
                .position(|(k, _)| k.value == RECORDED_DEFAULTS)
            {
                let (_, list) = entries.remove(i);
                recorded_defaults = list
                    .value
                    .items()
                    .iter()
                    .filter_map(|i| i.value.string().map(str::to_string))
                    .collect();
            }
            reader.map("", entries)
        }
        _ => reader.problem(
            &root,
            "the file must be a mapping of keys to values".into(),
            example_hint(),
        ),
    }
    // The answers that give a job its identity stay as recorded, even in a
    // folder recorded when they were defaults (`fields::IDENTITY`).
    for key in recorded_defaults {
        if let Some(given) = key.strip_prefix("vars.").and_then(|n| out.vars.get_mut(n)) {
            given.source =
                Source::Derived(format!("a default when {} was recorded", path.display()));
            continue;
        }
        let key = Key::of(&key).filter(|k| !fields::IDENTITY.contains(k));
        if let Some(given) = key.and_then(|k| out.values.get_mut(&k)) {
            given.source =
                Source::Derived(format!("a default when {} was recorded", path.display()));
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Error::Config(problems))
    }
}

fn example_hint() -> String {
    "e.g. `env: prod` or `ttl: 86400`; `jobgen schema` lists every key".into()
}

struct Reader<'a> {
    text: &'a str,
    path: &'a Path,
    layer: FileLayer,
    out: &'a mut Layers,
    problems: &'a mut Vec<ConfigProblem>,
}

impl Reader<'_> {
    fn source<T>(&self, at: &Spanned<T>) -> Source {
        Source::File {
            layer: self.layer,
            path: self.path.to_path_buf(),
            line: at.referenced.line(),
            column: at.referenced.column(),
        }
    }

    fn problem<T>(&mut self, at: &Spanned<T>, message: String, hint: String) {
        self.problems.push(ConfigProblem {
            path: self.path.to_path_buf(),
            line: at.referenced.line(),
            column: at.referenced.column(),
            message,
            hint,
        });
    }

    /// The scalar's text as written in the file.
    fn scalar(&self, node: &Spanned<Node>) -> Option<String> {
        scalar_text(self.text, node)
    }

    /// `templates: {git: URL, ref: REF, path: PATH}`: a repository; a
    /// local path is relative to the file that names it.
    fn repo(&mut self, entries: &[(Spanned<Text>, Spanned<Node>)]) -> Option<Repo> {
        let mut repo = Repo {
            url: String::new(),
            reference: None,
            path: None,
        };
        let at = self.problems.len();
        for (k, v) in entries {
            let Some(text) = self.scalar(v).filter(|t| !t.is_empty()) else {
                let message = format!("`templates.{}` must be a single value", k.value);
                self.problem(v, message, String::new());
                continue;
            };
            match k.value.as_str() {
                "git" => repo.url = text,
                "ref" => repo.reference = Some(text),
                "path" => repo.path = Some(text),
                other => {
                    let hint = "templates from a repository: git, ref, path".to_string();
                    self.problem(k, format!("unknown key `templates.{other}`"), hint);
                }
            }
        }
        if repo.url.is_empty() && self.problems.len() == at {
            let hint = "e.g. templates: {git: https://git.example.com/platform/job-templates.git, ref: v1.4.0}";
            self.problem(
                &entries[0].0,
                "`templates` as a mapping needs `git`".into(),
                hint.into(),
            );
        }
        if self.problems.len() > at {
            return None;
        }
        // A local path (not a URL, not host:path) is relative to this file.
        let local = !repo.url.contains("://") && !repo.url.contains(':');
        if local && Path::new(&repo.url).is_relative() {
            let dir = self.path.parent().unwrap_or(Path::new("."));
            let path = dir.join(&repo.url);
            // Real where it exists, `..` worked out where it does not (a
            // repository moved away is still the same cache entry).
            repo.url = crate::paths::resolve(&path)
                .unwrap_or(path)
                .display()
                .to_string();
        }
        Some(repo)
    }

    /// `questions:`, declared in a config file (not a values file: a job's
    /// answers do not make questions).
    fn questions(&mut self, key: &Spanned<Text>, node: &Spanned<Node>) {
        if self.layer == FileLayer::Values {
            let hint = "declare questions in .jobgen.yaml, the user config or --config";
            self.problem(
                key,
                "`questions` belong in a config file, not a values file".into(),
                hint.into(),
            );
            return;
        }
        let mut d = Declarations {
            text: self.text,
            path: self.path,
            layer: self.layer,
            problems: self.problems,
        };
        let questions = d.read(node);
        for q in questions {
            if self.out.questions.iter().any(|o| o.name == q.name) {
                continue;
            }
            self.out.questions.push(q);
        }
    }

    /// `vars:`, the team answers: each a single value or a list.
    fn vars(&mut self, node: Spanned<Node>) {
        let Node::Map(entries) = node.value else {
            let hint = "e.g. vars: {owner: data}".to_string();
            self.problem(
                &node,
                "`vars` must be a mapping of question names to answers".into(),
                hint,
            );
            return;
        };
        for (name, value) in entries {
            let source = self.source(&value);
            let given = match &value.value {
                Node::Seq(items) => items
                    .iter()
                    .map(|i| self.scalar(i))
                    .collect::<Option<Vec<_>>>()
                    .map(Value::List),
                _ => self.scalar(&value).map(Value::Text),
            };
            match given {
                Some(v) => self.out.set_var(&name.value, v, source),
                None => self.problem(
                    &value,
                    format!("`vars.{}` must be a single value or a list", name.value),
                    String::new(),
                ),
            }
        }
    }

    fn map(&mut self, prefix: &str, entries: Vec<(Spanned<Text>, Spanned<Node>)>) {
        for (key, node) in entries {
            let full = if prefix.is_empty() {
                key.value.to_string()
            } else {
                format!("{prefix}.{}", key.value)
            };
            // Written into recorded answers: informational, and what an
            // adopted folder never had (`update::unwritten`), which only
            // `update` reads.
            if full == "jobgen-version" || full == crate::update::unwritten::KEY {
                continue;
            }
            if full == "questions" {
                self.questions(&key, &node);
                continue;
            }
            if full == "vars" {
                self.vars(node);
                continue;
            }
            match fields::field(&full) {
                Some(field) => self.value(field, node),
                None if fields::FIELDS.iter().any(|f| {
                    f.key
                        .strip_prefix(full.as_str())
                        .is_some_and(|rest| rest.starts_with('.'))
                }) =>
                {
                    match node.value {
                        Node::Map(inner) => self.map(&full, inner),
                        _ => self.problem(
                            &node,
                            format!("`{full}` must be a mapping"),
                            nested_hint(&full),
                        ),
                    }
                }
                None => self.problem(&key, format!("unknown key `{full}`"), unknown_hint(&full)),
            }
        }
    }

    fn value(&mut self, field: &'static fields::Field, node: Spanned<Node>) {
        let source = self.source(&node);
        if field.key == key::TEMPLATES
            && let Node::Map(entries) = &node.value
        {
            if let Some(repo) = self.repo(entries) {
                self.out.set_text(field.key, repo.spelt(), source);
            }
            return;
        }
        let value = match (field.kind, &node.value) {
            (Kind::Text | Kind::Bool, Node::Scalar { .. }) => self.scalar(&node).map(Value::Text),
            (Kind::List, Node::Seq(items)) => items
                .iter()
                .map(|i| self.scalar(i))
                .collect::<Option<Vec<_>>>()
                .map(Value::List),
            (Kind::Map, Node::Map(entries)) => {
                let mut list = Vec::new();
                for (k, v) in entries {
                    match self.scalar(v) {
                        Some(text) => list.push(Entry {
                            key: k.value.to_string(),
                            value: Some(text),
                            source: self.source(v),
                        }),
                        None => {
                            self.problem(
                                v,
                                format!("`{}.{}` must be a single value", field.key, k.value),
                                String::new(),
                            );
                        }
                    }
                }
                Some(Value::Map(list))
            }
            _ => None,
        };
        match value {
            Some(Value::Text(t)) if field.key == key::TEMPLATES && repo::is_repo(&t) => {
                self.out.set_text(field.key, t, source);
            }
            Some(Value::Text(t)) if field.key == key::TEMPLATES => {
                // Relative to the file that names it.
                let dir = self.path.parent().unwrap_or(Path::new("."));
                self.out
                    .set_text(field.key, dir.join(t).display().to_string(), source);
            }
            Some(value) => self.out.set(field.key, value, source),
            None => {
                let shape = match field.kind {
                    Kind::Text => "a single value",
                    Kind::Bool => "true or false",
                    Kind::List => "a list of strings, e.g. [sh, -c, \"echo hi\"]",
                    Kind::Map => "a mapping of keys to values, e.g. {LOG_LEVEL: info}",
                };
                self.problem(
                    &node,
                    format!("`{}` must be {shape}", field.key),
                    format!("{}: {}", field.key, field.help),
                );
            }
        }
    }
}

fn nested_hint(prefix: &str) -> String {
    let keys: Vec<&str> = fields::FIELDS
        .iter()
        .filter_map(|f| f.key.strip_prefix(prefix).and_then(|k| k.strip_prefix('.')))
        .collect();
    format!("keys under `{prefix}`: {}", keys.join(", "))
}

fn unknown_hint(key: &str) -> String {
    let close = fields::FIELDS
        .iter()
        .map(|f| f.key)
        .min_by_key(|k| distance(k, key))
        .filter(|k| distance(k, key) <= 3);
    match close {
        Some(k) => format!("did you mean `{k}`? `jobgen schema` lists every key"),
        None => "`jobgen schema` lists every key".into(),
    }
}

/// Edit distance, for "did you mean".
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The user config file: `$XDG_CONFIG_HOME/jobgen/config.yaml`, else
/// `~/.config/jobgen/config.yaml`, if it exists.
pub fn user_config() -> Option<PathBuf> {
    let base = match std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
        Some(x) => PathBuf::from(x),
        None => PathBuf::from(std::env::var_os("HOME")?).join(".config"),
    };
    let path = base.join("jobgen").join("config.yaml");
    path.is_file().then_some(path)
}

/// The team config: the nearest `.jobgen.yaml` in `dir` or a parent, as git
/// finds `.git`. `dir` need not exist yet.
pub fn team_config(dir: &Path) -> Option<PathBuf> {
    // The real folder: `-o ../elsewhere` looks above elsewhere, not here.
    let start = crate::paths::resolve(dir).ok()?;
    start
        .ancestors()
        .map(|d| d.join(".jobgen.yaml"))
        .find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Layers {
        parse(text, Path::new("t.yaml"), FileLayer::Team).unwrap()
    }

    fn problems(text: &str) -> Vec<ConfigProblem> {
        match parse(text, Path::new("t.yaml"), FileLayer::Team) {
            Err(Error::Config(p)) => p,
            other => panic!("expected problems, got {other:?}"),
        }
    }

    #[test]
    fn scalars_keep_their_text_as_written() {
        let l = parse_ok(
            "env: no\nttl: 0777\ndescription: 1.50\nenv-vars:\n  A: yes\n  B: ~\n  C: 'quoted: x'\n",
        );
        assert_eq!(l.text(key::ENV), Some("no"));
        assert_eq!(l.text(key::TTL), Some("0777"));
        assert_eq!(l.text(key::DESCRIPTION), Some("1.50"));
        let m: Vec<_> = l
            .map(key::ENV_VARS)
            .iter()
            .map(|e| e.value.clone().unwrap())
            .collect();
        assert_eq!(m, ["yes", "~", "quoted: x"]);
    }

    #[test]
    fn nested_keys_and_locations() {
        let l = parse_ok("sizes:\n  heavy:\n    cpu-limit: 4\nfiles:\n  configmap: false\n");
        assert_eq!(l.text(key::SIZES_HEAVY_CPU_LIMIT), Some("4"));
        assert_eq!(l.text(key::FILES_CONFIGMAP), Some("false"));
        match l.source(key::SIZES_HEAVY_CPU_LIMIT).unwrap() {
            Source::File { line, column, .. } => assert_eq!((*line, *column), (3, 16)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unknown_keys_and_wrong_shapes_name_line_and_column() {
        let p = problems("env: prod\nbackof-limit: 3\ncommand: echo\nlabels: [a]\n");
        assert_eq!(p.len(), 3, "{p:?}");
        assert_eq!((p[0].line, p[0].column), (2, 1));
        assert!(
            p[0].message.contains("unknown key `backof-limit`")
                && p[0].hint.contains("backoff-limit"),
            "{p:?}"
        );
        assert_eq!(p[1].line, 3);
        assert!(p[1].message.contains("must be a list"));
        assert!(p[2].message.contains("must be a mapping"));
    }

    #[test]
    fn broken_yaml_names_the_place() {
        let p = problems("env: [prod\nttl: 3\n");
        assert!(p[0].line > 0, "{p:?}");
    }

    #[test]
    fn templates_are_relative_to_the_file() {
        let l = parse(
            "templates: tpl\n",
            Path::new("/repo/.jobgen.yaml"),
            FileLayer::Team,
        )
        .unwrap();
        assert_eq!(l.text(key::TEMPLATES), Some("/repo/tpl"));
    }

    #[test]
    fn higher_layers_win_and_maps_merge_per_key() {
        let mut base = parse_ok("env: dev\nenv-vars: {A: '1', B: '2'}\n");
        let top = parse(
            "env: prod\nenv-vars: {B: '3', C: '4'}\n",
            Path::new("v.yaml"),
            FileLayer::Values,
        )
        .unwrap();
        base.merge(top);
        assert_eq!(base.text(key::ENV), Some("prod"));
        assert!(base.answered(key::ENV));
        let m: Vec<_> = base
            .map(key::ENV_VARS)
            .iter()
            .map(|e| (e.key.as_str(), e.value.as_deref().unwrap()))
            .collect();
        assert_eq!(m, [("A", "1"), ("B", "3"), ("C", "4")]);
    }
}
