//! A team question as a config file declares it (`questions:`): its
//! declaration read and checked when the config is read, and the check of
//! one answer, typed as templates see it. `answers::team` applies the
//! questions in effect to a job's answers.

use std::path::Path;

use serde_json::Value as Json;

use crate::answers::fields;
use crate::answers::given::{FileLayer, Source, Value};
use crate::answers::scalars as v;
use crate::error::ConfigProblem;
use crate::i18n::{Msg, f, t};
use crate::yaml::{Node, Spanned, Text, scalar_text};

/// The shape of a team answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    Text,
    Choice,
    Boolean,
    Integer,
    List,
}

impl Type {
    /// Every type, as config spells them.
    pub const NAMES: &[&str] = &["text", "choice", "boolean", "integer", "list"];

    fn parse(s: &str) -> Option<Type> {
        Some(match s {
            "text" => Type::Text,
            "choice" => Type::Choice,
            "boolean" => Type::Boolean,
            "integer" => Type::Integer,
            "list" => Type::List,
            _ => return None,
        })
    }

    /// The spelling.
    pub fn as_str(self) -> &'static str {
        Type::NAMES[self as usize]
    }
}

/// One team question, as a config file declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// Its name: the key under `vars:`, `-d NAME=…`, `vars.NAME` (with `_`
    /// for `-`) in templates.
    pub name: String,
    pub help: String,
    pub help_ko: Option<String>,
    pub kind: Type,
    pub choices: Vec<String>,
    /// The default, and where the file gives it.
    pub default: Option<(Value, Source)>,
    /// A regular expression every text (or list item) must match.
    pub pattern: Option<String>,
    pub required: bool,
    pub min: Option<i64>,
    pub max: Option<i64>,
    /// A Tera expression over the built-in answers: asked, validated and
    /// recorded only when it holds.
    pub when: Option<String>,
    /// Where it is declared.
    pub declared: Source,
}

impl Question {
    /// The help in the interface's language.
    pub fn help(&self) -> &str {
        match (crate::i18n::ui(), &self.help_ko) {
            (crate::i18n::Ui::Ko, Some(ko)) => ko,
            _ => &self.help,
        }
    }

    /// The name templates use: `vars.max_rows` for `max-rows`, as the
    /// built-in `backoff-limit` is `backoff_limit`.
    pub fn template_name(&self) -> String {
        self.name.replace('-', "_")
    }

    /// How the command line gives it: `-d owner=…`.
    pub fn flag(&self) -> String {
        format!("-d {}", self.name)
    }

    /// Checks one value, typed as templates see it.
    pub fn check(&self, value: &Value) -> Result<Json, String> {
        match (self.kind, value) {
            (Type::List, Value::List(items)) => items
                .iter()
                .map(|i| self.check_text(i))
                .collect::<Result<Vec<_>, _>>()
                .and_then(|items| match items.is_empty() && self.required {
                    true => Err(t(Msg::V_EMPTY).into()),
                    false => Ok(Json::Array(items)),
                }),
            (Type::List, Value::Text(_)) => Err(t(Msg::T_LIST).into()),
            (_, Value::Text(s)) => self.check_scalar(s),
            (_, _) => Err(t(Msg::T_ONE).into()),
        }
    }

    fn check_scalar(&self, s: &str) -> Result<Json, String> {
        match self.kind {
            Type::Boolean => v::boolean(s).map(Json::Bool),
            Type::Integer => {
                let (lo, hi) = (self.min.unwrap_or(i64::MIN), self.max.unwrap_or(i64::MAX));
                let range = || {
                    let show =
                        |n: Option<i64>, none: &str| n.map_or(none.into(), |n| n.to_string());
                    f(
                        Msg::T_INTEGER,
                        &[("min", &show(self.min, "…")), ("max", &show(self.max, "…"))],
                    )
                };
                let n: i64 = s.trim().parse().map_err(|_| range())?;
                match (lo..=hi).contains(&n) {
                    true => Ok(Json::from(n)),
                    false => Err(range()),
                }
            }
            Type::Choice => match self.choices.iter().any(|c| c == s) {
                true => Ok(Json::String(s.into())),
                false => Err(f(Msg::V_ONE_OF, &[("choices", &self.choices.join(", "))])),
            },
            Type::Text | Type::List => self.check_text(s),
        }
    }

    fn check_text(&self, s: &str) -> Result<Json, String> {
        v::free_text(s)?;
        if s.is_empty() && self.required {
            return Err(t(Msg::V_EMPTY).into());
        }
        if let Some(p) = &self.pattern
            && !matches(p, s)
        {
            return Err(f(Msg::T_PATTERN, &[("pattern", p)]));
        }
        Ok(Json::String(s.into()))
    }

    /// A value as templates see it although it is not checked (a retired
    /// or not applicable answer keeps its text).
    pub fn loose(value: &Value) -> Json {
        match value {
            Value::Text(s) => Json::String(s.clone()),
            Value::List(l) => Json::Array(l.iter().cloned().map(Json::String).collect()),
            Value::Map(_) => Json::Null,
        }
    }
}

thread_local! {
    /// Compiled patterns and parsed `when` expressions, by their text:
    /// `check` and `update` read the same config, and check the same
    /// questions, for thousands of folders.
    static PATTERNS: std::cell::RefCell<Vec<(String, regex::Regex)>> =
        const { std::cell::RefCell::new(Vec::new()) };
    static WHEN: std::cell::RefCell<Vec<(String, tera::Tera)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// `f` of `cache`'s entry for `text`, made with `make` the first time.
fn cached<V, T>(
    cache: &'static std::thread::LocalKey<std::cell::RefCell<Vec<(String, V)>>>,
    text: &str,
    make: impl FnOnce(&str) -> Result<V, String>,
    f: impl FnOnce(&V) -> T,
) -> Result<T, String> {
    cache.with(|cell| {
        let mut cache = cell.borrow_mut();
        let at = match cache.iter().position(|(t, _)| t == text) {
            Some(at) => at,
            None => {
                cache.push((text.to_string(), make(text)?));
                cache.len() - 1
            }
        };
        Ok(f(&cache[at].1))
    })
}

/// `f` of the regular expression `pattern`, or why it does not compile.
fn with_pattern<T>(pattern: &str, f: impl FnOnce(&regex::Regex) -> T) -> Result<T, String> {
    let make = |p: &str| regex::Regex::new(p).map_err(|e| first_line(&e.to_string()).to_string());
    cached(&PATTERNS, pattern, make, f)
}

/// True when `text` matches the regular expression `pattern` (checked to
/// compile when the config was read).
fn matches(pattern: &str, text: &str) -> bool {
    with_pattern(pattern, |re| re.is_match(text)).unwrap_or(false)
}

/// `f` of the `when` expression parsed, or why it does not parse.
pub(crate) fn with_when<T>(expr: &str, f: impl FnOnce(&tera::Tera) -> T) -> Result<T, String> {
    cached(&WHEN, expr, compile_when, f)
}

/// Keys a question may not take: config keys that are not answers.
const RESERVED: &[&str] = &[
    "vars",
    "questions",
    "jobgen-version",
    "jobgen-defaults",
    "jobgen-unwritten",
];

/// Why `name` cannot name a question, if it cannot.
fn refuse_name(name: &str) -> Option<String> {
    let kebab = !name.is_empty()
        && name.len() <= 63
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && !name.ends_with('-')
        && !name.contains("--")
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !kebab {
        return Some(format!(
            "question `{name}`: a name is lowercase letters, digits and '-', starting with a letter (e.g. `cost-center`)"
        ));
    }
    if let Some(field) = fields::field(name) {
        return Some(format!(
            "question `{name}` reuses the built-in answer `{}` ({}: {}); give the question another name",
            field.key, field.flag, field.help
        ));
    }
    let nested = fields::FIELDS.iter().any(|f| {
        f.key
            .strip_prefix(name)
            .is_some_and(|rest| rest.starts_with('.'))
    });
    if nested || RESERVED.contains(&name) {
        return Some(format!(
            "question `{name}` reuses the built-in key `{name}` of jobgen's config; give the question another name"
        ));
    }
    None
}

/// Where a file's questions are read from, and where problems go.
pub(crate) struct Declarations<'a> {
    pub text: &'a str,
    pub path: &'a Path,
    pub layer: FileLayer,
    pub problems: &'a mut Vec<ConfigProblem>,
}

impl Declarations<'_> {
    fn source<T>(&self, at: &Spanned<T>) -> Source {
        Source::File {
            layer: self.layer,
            path: self.path.to_path_buf(),
            line: at.referenced.line(),
            column: at.referenced.column(),
        }
    }

    fn problem<T>(&mut self, at: &Spanned<T>, message: String, hint: &str) {
        self.problems.push(ConfigProblem {
            path: self.path.to_path_buf(),
            line: at.referenced.line(),
            column: at.referenced.column(),
            message,
            hint: hint.to_string(),
        });
    }

    fn scalar(&self, node: &Spanned<Node>) -> Option<String> {
        scalar_text(self.text, node)
    }

    /// Reads `questions:`; every problem is pushed, each naming the question.
    pub(crate) fn read(&mut self, node: &Spanned<Node>) -> Vec<Question> {
        let Node::Map(entries) = &node.value else {
            self.problem(
                node,
                "`questions` must be a mapping of names to questions".into(),
                HINT,
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (name, body) in entries {
            if let Some(why) = refuse_name(&name.value) {
                self.problem(name, why, HINT);
                continue;
            }
            if let Some(q) = self.question(name, body) {
                out.push(q);
            }
        }
        out
    }

    fn question(&mut self, name: &Spanned<Text>, body: &Spanned<Node>) -> Option<Question> {
        let at = self.problems.len();
        let mut q = Question {
            name: name.value.to_string(),
            help: name.value.to_string(),
            help_ko: None,
            kind: Type::Text,
            choices: Vec::new(),
            default: None,
            pattern: None,
            required: false,
            min: None,
            max: None,
            when: None,
            declared: self.source(name),
        };
        let Node::Map(entries) = &body.value else {
            self.problem(
                body,
                format!("question `{}` must be a mapping (help, type, …)", q.name),
                HINT,
            );
            return None;
        };
        if let Some((_, node)) = entries.iter().find(|(k, _)| k.value == "type") {
            match self.scalar(node).as_deref().and_then(Type::parse) {
                Some(kind) => q.kind = kind,
                None => self.problem(
                    node,
                    format!("question `{}`: unknown type", q.name),
                    &format!("types: {}", Type::NAMES.join(", ")),
                ),
            }
        }
        let mut default = None;
        for (k, node) in entries {
            let scalar = self.scalar(node);
            let bad = |d: &mut Self, what: &str| {
                d.problem(
                    node,
                    format!("question `{}`: `{}` must be {what}", q.name, k.value),
                    HINT,
                )
            };
            match (k.value.as_str(), scalar) {
                ("type", _) => {}
                ("help", Some(s)) => q.help = s,
                ("help-ko", Some(s)) => q.help_ko = Some(s),
                ("required", Some(s)) => match v::boolean(&s) {
                    Ok(b) => q.required = b,
                    Err(_) => bad(self, "true or false"),
                },
                ("min" | "max", Some(s)) => match s.parse::<i64>() {
                    Ok(n) if k.value == "min" => q.min = Some(n),
                    Ok(n) => q.max = Some(n),
                    Err(_) => bad(self, "a whole number"),
                },
                ("pattern", Some(s)) => match with_pattern(&s, |_| ()) {
                    Ok(()) => q.pattern = Some(s),
                    Err(e) => self.problem(
                        node,
                        format!("question `{}`: `pattern` is not a regular expression: {e}", q.name),
                        "the syntax is Rust's regex crate's (docs.rs/regex), close to RE2's",
                    ),
                },
                ("when", Some(s)) => match with_when(&s, |_| ()) {
                    Ok(()) => q.when = Some(s),
                    Err(e) => self.problem(
                        node,
                        format!("question `{}`: `when` is not an expression: {e}", q.name),
                        "a Tera expression over the built-in answers, e.g. pattern == \"parallel\"",
                    ),
                },
                ("choices", None) => match &node.value {
                    Node::Seq(items) => {
                        q.choices = items.iter().filter_map(|i| self.scalar(i)).collect();
                    }
                    _ => bad(self, "a list, e.g. [data, platform]"),
                },
                ("default", Some(s)) => default = Some((Value::Text(s), self.source(node))),
                ("default", None) => match &node.value {
                    Node::Seq(items) => {
                        let items = items.iter().filter_map(|i| self.scalar(i)).collect();
                        default = Some((Value::List(items), self.source(node)));
                    }
                    _ => bad(self, "a single value or a list"),
                },
                ("help" | "help-ko" | "required" | "min" | "max" | "pattern" | "when", None) => {
                    bad(self, "a single value")
                }
                _ => self.problem(
                    k,
                    format!("question `{}`: unknown key `{}`", q.name, k.value),
                    "a question's keys: help, help-ko, type, choices, default, pattern, required, min, max, when",
                ),
            }
        }
        self.consistent(&mut q, body, default);
        (self.problems.len() == at).then_some(q)
    }

    /// The keys agree with the type, and the default passes its own checks.
    fn consistent(
        &mut self,
        q: &mut Question,
        body: &Spanned<Node>,
        default: Option<(Value, Source)>,
    ) {
        let name = q.name.clone();
        if q.kind == Type::Choice && q.choices.is_empty() {
            self.problem(
                body,
                format!("question `{name}` is a choice without `choices`"),
                "e.g. choices: [data, platform]",
            );
        }
        if q.kind != Type::Choice && !q.choices.is_empty() {
            self.problem(
                body,
                format!(
                    "question `{name}` has `choices` but its type is {}",
                    q.kind.as_str()
                ),
                "choices need `type: choice`",
            );
        }
        if q.kind != Type::Integer && (q.min.is_some() || q.max.is_some()) {
            self.problem(
                body,
                format!(
                    "question `{name}` has `min`/`max` but its type is {}",
                    q.kind.as_str()
                ),
                "bounds need `type: integer`",
            );
        }
        if !matches!(q.kind, Type::Text | Type::List) && q.pattern.is_some() {
            self.problem(
                body,
                format!(
                    "question `{name}` has `pattern` but its type is {}",
                    q.kind.as_str()
                ),
                "a pattern applies to `type: text` or `type: list`",
            );
        }
        if let (Some(lo), Some(hi)) = (q.min, q.max)
            && lo > hi
        {
            self.problem(
                body,
                format!("question `{name}`: `min` {lo} is above `max` {hi}"),
                HINT,
            );
        }
        if let Some((value, source)) = default {
            match q.check(&value) {
                Ok(_) => q.default = Some((value, source)),
                Err(why) => {
                    let (line, column) = match &source {
                        Source::File { line, column, .. } => (*line, *column),
                        _ => (0, 0),
                    };
                    self.problems.push(ConfigProblem {
                        path: self.path.to_path_buf(),
                        line,
                        column,
                        message: format!("question `{name}`: the default {} {why}", shown(&value)),
                        hint: HINT.into(),
                    });
                }
            }
        }
    }
}

const HINT: &str = "README: Your team's own questions";

fn shown(value: &Value) -> String {
    match value {
        Value::Text(s) => format!("`{s}`"),
        Value::List(l) => format!("`[{}]`", l.join(", ")),
        Value::Map(_) => "(a mapping)".into(),
    }
}

pub(crate) fn first_line(s: &str) -> &str {
    s.lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or(s)
        .trim()
}

/// A `when` expression as a template that renders `1` when it holds.
fn compile_when(expr: &str) -> Result<tera::Tera, String> {
    if expr.contains("%}") || expr.contains("{{") || expr.contains("}}") || expr.contains("{%") {
        return Err("it must be an expression, not template tags".into());
    }
    let mut tera = tera::Tera::new();
    tera.add_raw_template("when", &format!("{{% if {expr} %}}1{{% endif %}}"))
        .map_err(|e| first_line(&format!("{e:?}")).to_string())?;
    if let Some(name) = unknown_names(expr).first() {
        // Tera takes an undefined name in a condition as false: a typo
        // would silently never ask the question.
        return Err(format!(
            "`{name}` is not an answer; name answers as templates do (pattern, env, backoff_limit, files.configmap, vars.NAME)"
        ));
    }
    Ok(tera)
}

/// The names an expression starts a variable with that no answer has (a
/// built-in answer by its template name, its first part for nested keys,
/// or `vars`). Attributes (after `.`), filters (after `|`), tests (after
/// `is`), functions (before `(`) and keywords are not variables.
fn unknown_names(expr: &str) -> Vec<String> {
    const WORDS: &[&str] = &[
        "and", "or", "not", "in", "is", "true", "false", "none", "True", "False", "None",
    ];
    let known = |name: &str| {
        name == "vars"
            || fields::FIELDS
                .iter()
                .any(|f| f.key.split('.').next() == Some(&name.replace('_', "-")))
    };
    let mut out = Vec::new();
    let mut previous = String::new();
    let mut chars = expr.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '"' || c == '\'' || c == '`' {
            // A string: skipped whole.
            while chars.next_if(|(_, x)| *x != c).is_some() {}
            chars.next();
            previous = "string".into();
        } else if c.is_ascii_alphabetic() || c == '_' {
            let mut end = at + c.len_utf8();
            while let Some((i, x)) = chars.next_if(|(_, x)| x.is_ascii_alphanumeric() || *x == '_')
            {
                end = i + x.len_utf8();
            }
            let word = &expr[at..end];
            let call = expr[end..].trim_start().starts_with('(');
            let test = previous == "is" || expr[..at].trim_end().ends_with("is not");
            let variable =
                !matches!(previous.as_str(), "." | "|") && !test && !call && !WORDS.contains(&word);
            if variable && !known(word) {
                out.push(word.to_string());
            }
            previous = word.to_string();
        } else if !c.is_whitespace() {
            previous = c.to_string();
        }
    }
    out
}

/// Where a message names a team answer: `-d owner`, or the file, line and
/// column and `vars.owner`.
pub fn place(q: &Question, source: Option<&Source>) -> String {
    match source {
        Some(Source::File {
            path, line, column, ..
        }) => {
            format!("{}:{line}:{column}: vars.{}", path.display(), q.name)
        }
        Some(Source::Flag | Source::Prompt) => q.flag(),
        _ => format!("vars.{}", q.name),
    }
}

/// A `-d` value as the question takes it: list items split at commas, a
/// single `-d` of any other type as text.
pub fn from_flag(q: &Question, value: &Value) -> Value {
    match (q.kind, value) {
        (Type::Text | Type::Choice | Type::Boolean | Type::Integer, Value::List(items))
            if items.len() == 1 =>
        {
            Value::Text(items[0].clone())
        }
        (Type::List, Value::List(items)) => Value::List(
            items
                .iter()
                .flat_map(|i| i.split(','))
                .map(str::trim)
                .filter(|i| !i.is_empty())
                .map(str::to_string)
                .collect(),
        ),
        (_, v) => v.clone(),
    }
}

/// The JSON Schema of a question's answer, for `jobgen schema`.
pub fn schema(q: &Question) -> Json {
    use serde_json::json;
    let text = match &q.pattern {
        Some(p) => json!({"type": "string", "pattern": p}),
        None => json!({"type": "string"}),
    };
    let mut s = match q.kind {
        Type::Text => text,
        Type::List => json!({"type": "array", "items": text}),
        Type::Choice => json!({"type": "string", "enum": q.choices}),
        Type::Boolean => json!({"type": "boolean"}),
        Type::Integer => {
            let mut s = json!({"type": "integer"});
            if let Some(n) = q.min {
                s["minimum"] = json!(n);
            }
            if let Some(n) = q.max {
                s["maximum"] = json!(n);
            }
            s
        }
    };
    let mut description = format!("{} (-d {}=…)", q.help, q.name);
    if let Some(w) = &q.when {
        description.push_str(&format!("; asked only when {w}"));
    }
    if q.required {
        description.push_str("; required");
    }
    s["description"] = Json::String(description);
    if let Some((value, _)) = &q.default
        && let Ok(typed) = q.check(value)
    {
        s["default"] = typed;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::layers::{Layers, parse};

    fn layers(config: &str) -> Layers {
        parse(config, Path::new(".jobgen.yaml"), FileLayer::Team).unwrap()
    }

    fn question(config: &str) -> Question {
        layers(config).questions()[0].clone()
    }

    #[test]
    fn each_type_checks_and_types_its_value() {
        let text = |s: &str| Value::Text(s.into());
        let q = question("questions:\n  n: {type: integer, min: -2, max: 5}\n");
        assert_eq!(q.check(&text("-2")), Ok(Json::from(-2)));
        assert!(q.check(&text("6")).unwrap_err().contains("from -2 to 5"));
        assert!(q.check(&text("1.5")).is_err());
        let q = question("questions:\n  b: {type: boolean}\n");
        assert_eq!(q.check(&text("true")), Ok(Json::Bool(true)));
        assert!(q.check(&text("yes")).is_err());
        let q = question("questions:\n  c: {type: choice, choices: [a, b]}\n");
        assert_eq!(q.check(&text("b")), Ok(Json::String("b".into())));
        assert!(q.check(&text("B")).is_err());
        assert!(q.check(&Value::List(vec!["a".into()])).is_err());
        let q = question("questions:\n  t: {pattern: '^[a-z]+$', required: true}\n");
        assert_eq!(q.kind, Type::Text);
        assert!(q.check(&text("abc")).is_ok());
        assert!(q.check(&text("ab1")).unwrap_err().contains("^[a-z]+$"));
        assert!(q.check(&text("")).is_err(), "required: not empty");
        let q = question("questions:\n  l: {type: list, pattern: '^[a-z]+$'}\n");
        let list = |items: &[&str]| Value::List(items.iter().map(|s| s.to_string()).collect());
        assert_eq!(
            q.check(&list(&["a", "b"])),
            Ok(Json::Array(vec!["a".into(), "b".into()]))
        );
        assert!(q.check(&list(&["a", "B"])).is_err(), "each item matches");
        assert!(q.check(&text("a")).is_err(), "a list, not one value");
        // -d: a list's items split at commas, a single value as text.
        assert_eq!(from_flag(&q, &list(&["a, b", "c"])), list(&["a", "b", "c"]));
        let one = question("questions:\n  o: {}\n");
        assert_eq!(from_flag(&one, &list(&["x,y"])), text("x,y"));
    }

    #[test]
    fn when_names_only_answers() {
        for ok in [
            r#"pattern == "parallel""#,
            "files.configmap and not suspend",
            "vars.max_rows > 5 or ttl is defined",
            "backoff_limit is not none",
            "env in ['prod', \"staging\"] and env | length > 2",
            "sizes.heavy.cpu_limit",
        ] {
            assert_eq!(unknown_names(ok), Vec::<String>::new(), "{ok}");
        }
        assert_eq!(unknown_names("patern == 'cron'"), ["patern"]);
        assert_eq!(unknown_names("env == prod"), ["prod"]);
        assert_eq!(unknown_names("'pattern' == x.pattern"), ["x"]);
        let q = "questions:\n  w:\n    when: patern == 'cron'\n";
        let err = parse(q, Path::new("c.yaml"), FileLayer::Team).unwrap_err();
        assert!(
            err.to_string().contains("`patern` is not an answer"),
            "{err}"
        );
    }

    #[test]
    fn names_may_not_take_a_built_in_key() {
        for name in [
            "env",
            "team",
            "files",
            "sizes",
            "lint",
            "vars",
            "jobgen-version",
        ] {
            assert!(refuse_name(name).is_some(), "{name}");
        }
        let why = refuse_name("backoff-limit").unwrap();
        assert!(
            why.contains("`backoff-limit`") && why.contains("--backoff-limit"),
            "{why}"
        );
        for bad in ["Owner", "1st", "a_b", "a--b", "a-", "-a", ""] {
            assert!(refuse_name(bad).is_some(), "{bad}");
        }
        for good in ["owner", "cost-center", "max-rows", "tier2"] {
            assert_eq!(refuse_name(good), None, "{good}");
        }
    }
}
