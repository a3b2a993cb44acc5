//! The team's own questions applied to a job: defaults filled, `when`
//! worked out over the built-in answers, every answer checked with the
//! rest, `-d` arguments read. Templates see the answers as `vars.KEY`.

use serde_json::Value as Json;

use crate::answers::fields;
use crate::answers::layers::{Layers, Source, Value};
use crate::answers::question::{Question, first_line, place, with_when};
use crate::i18n::{Msg, f, t};

/// What a `when` expression sees: the built-in answers by their template
/// names (`pattern`, `env`, `backoff_limit`, `files.configmap`), typed, and
/// unset ones as none; `vars` the team answers given so far.
fn when_context(l: &Layers) -> Json {
    use crate::answers::fields::{Kind, Schema};
    let mut root = serde_json::Map::new();
    for field in fields::FIELDS {
        let value = match l.get(field.key).map(|g| &g.value) {
            None => Json::Null,
            Some(Value::Text(s)) => match (field.kind, field.schema) {
                (Kind::Bool, _) => Json::Bool(s == "true"),
                (_, Schema::Integer(..)) => {
                    s.parse::<u64>().map_or(Json::String(s.clone()), Json::from)
                }
                _ => Json::String(s.clone()),
            },
            Some(Value::List(items)) => {
                Json::Array(items.iter().cloned().map(Json::String).collect())
            }
            Some(Value::Map(m)) => Json::Object(
                m.iter()
                    .map(|e| {
                        (
                            e.key.clone(),
                            Json::String(e.value.clone().unwrap_or_default()),
                        )
                    })
                    .collect(),
            ),
        };
        let name = field.key.replace('-', "_");
        match name.split_once('.') {
            Some((head, rest)) if !rest.contains('.') => {
                let child = root
                    .entry(head)
                    .or_insert_with(|| Json::Object(Default::default()));
                if let Json::Object(m) = child {
                    m.insert(rest.to_string(), value);
                }
            }
            Some(_) => {}
            None => {
                root.insert(name, value);
            }
        }
    }
    let vars: serde_json::Map<String, Json> = l
        .questions()
        .iter()
        .map(|q| {
            let value = l
                .var(&q.name)
                .map(|g| {
                    q.check(&g.value)
                        .unwrap_or_else(|_| Question::loose(&g.value))
                })
                .unwrap_or(Json::Null);
            (q.template_name(), value)
        })
        .collect();
    root.insert("vars".into(), Json::Object(vars));
    Json::Object(root)
}

/// True when the question applies to these (filled) answers: no `when`,
/// or it holds. An expression that fails to evaluate is an error naming it.
pub fn applies(q: &Question, l: &Layers) -> Result<bool, String> {
    applying(l)
        .into_iter()
        .find(|(x, _)| x.name == q.name)
        .map_or(Ok(true), |(_, a)| a)
}

/// Every question in effect, and whether it applies to these (filled)
/// answers (see [`applies`]); the answers are read for `when` once.
pub fn applying(l: &Layers) -> Vec<(&Question, Result<bool, String>)> {
    let mut ctx = None;
    l.questions()
        .iter()
        .map(|q| {
            let Some(expr) = &q.when else {
                return (q, Ok(true));
            };
            let ctx = ctx.get_or_insert_with(|| {
                tera::Context::from_serialize(&when_context(l)).map_err(|e| e.to_string())
            });
            let holds = ctx.as_ref().map_err(Clone::clone).and_then(|ctx| {
                with_when(expr, |tera| tera.render("when", ctx))?
                    .map(|s| s == "1")
                    .map_err(|e| {
                        format!(
                            "`when: {expr}` cannot be worked out: {}",
                            first_line(&format!("{e:?}"))
                        )
                    })
            });
            (q, holds)
        })
        .collect()
}

/// Fills each unanswered question's default, with the place the config
/// gives it (so `jobgen config` names it, and a folder records it as a
/// default that `update` works out again).
pub fn fill(l: &mut Layers) {
    let defaults: Vec<(String, Value, Source)> = l
        .questions()
        .iter()
        .filter(|q| l.var(&q.name).is_none())
        .filter_map(|q| q.default.clone().map(|(v, s)| (q.name.clone(), v, s)))
        .collect();
    for (name, value, source) in defaults {
        l.set_var(&name, value, source);
    }
}

/// The checked team answers, typed, by template name: every question in
/// effect is there (none when unanswered or not applicable). Problems go
/// to `errors`: a wrong value, a required answer missing, a `-d` no
/// question declares.
pub fn validate(
    l: &Layers,
    errors: &mut Vec<crate::error::InvalidAnswer>,
) -> std::collections::BTreeMap<String, Json> {
    use crate::error::InvalidAnswer;
    let mut out = std::collections::BTreeMap::new();
    for (q, applies) in applying(l) {
        let given = l.var(&q.name);
        let applies = match applies {
            Ok(b) => b,
            Err(why) => {
                errors.push(InvalidAnswer {
                    flag: place(q, Some(&q.declared)),
                    value: q.when.clone(),
                    why,
                });
                false
            }
        };
        let value = match (applies, given) {
            (false, _) => Json::Null,
            (true, Some(g)) => match q.check(&g.value) {
                Ok(json) => json,
                Err(why) => {
                    errors.push(InvalidAnswer {
                        flag: place(q, Some(&g.source)),
                        value: Some(raw(&g.value)),
                        why,
                    });
                    Json::Null
                }
            },
            (true, None) if q.required => {
                errors.push(InvalidAnswer {
                    flag: q.flag(),
                    value: None,
                    why: f(Msg::T_REQUIRED, &[("name", &q.name), ("help", q.help())]),
                });
                Json::Null
            }
            (true, None) => Json::Null,
        };
        out.insert(q.template_name(), value);
    }
    for (name, given) in l.vars() {
        if l.question(name).is_none() {
            let declared: Vec<&str> = l.questions().iter().map(|q| q.name.as_str()).collect();
            let flag = match &given.source {
                Source::File {
                    path, line, column, ..
                } => format!("{}:{line}:{column}: vars.{name}", path.display()),
                _ => format!("-d {name}"),
            };
            errors.push(InvalidAnswer {
                flag,
                value: Some(raw(&given.value)),
                why: match declared.is_empty() {
                    true => t(Msg::T_UNKNOWN_NONE).into(),
                    false => f(Msg::T_UNKNOWN, &[("names", &declared.join(", "))]),
                },
            });
        }
    }
    out
}

/// A value as the user gave it, for messages.
fn raw(value: &Value) -> String {
    match value {
        Value::Text(s) => s.clone(),
        Value::List(l) => l.join(","),
        Value::Map(_) => String::new(),
    }
}

/// Team answers given on the command line that the job does not use: their
/// question's `when` does not hold. Warned about, not refused.
pub fn unused(given: &Layers, filled: &Layers) -> Vec<String> {
    filled
        .questions()
        .iter()
        .filter(|q| given.var(&q.name).is_some_and(|g| g.source.is_answer()))
        .filter(|q| applies(q, filled) == Ok(false))
        .map(|q| {
            f(
                Msg::W_TEAM_UNUSED,
                &[
                    ("place", &place(q, given.var(&q.name).map(|g| &g.source))),
                    ("when", q.when.as_deref().unwrap_or_default()),
                ],
            )
        })
        .collect()
}

/// `-d KEY=VALUE` arguments as a layer's team answers: a list question's
/// value is split at commas, and a repeated key adds items.
pub fn defines(defines: &[String], l: &mut Layers) {
    let mut by_name: Vec<(String, Vec<String>)> = Vec::new();
    for d in defines {
        let (k, v) = d.split_once('=').unwrap_or((d, ""));
        match by_name.iter_mut().find(|(n, _)| n == k) {
            Some((_, items)) => items.push(v.to_string()),
            None => by_name.push((k.to_string(), vec![v.to_string()])),
        }
    }
    for (name, items) in by_name {
        l.set_var(&name, Value::List(items), Source::Flag);
    }
}

/// The required questions that apply to these (filled) layers and have no
/// answer and no default: what `update` asks for at a terminal.
pub fn missing(filled: &Layers) -> impl Iterator<Item = &Question> {
    filled.questions().iter().filter(move |q| {
        q.required && filled.var(&q.name).is_none() && applies(q, filled) == Ok(true)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::fields::key;
    use crate::answers::layers::{FileLayer, parse};
    use std::path::Path;

    fn layers(config: &str) -> Layers {
        parse(config, Path::new(".jobgen.yaml"), FileLayer::Team).unwrap()
    }

    #[test]
    fn when_sees_the_built_in_answers_typed_and_unset_ones_as_none() {
        let mut l = layers(
            "questions:\n  a: {when: 'pattern == \"parallel\"'}\n  b: {when: 'ttl > 100 and files.configmap'}\n  c: {when: 'schedule'}\n  d: {when: 'vars.a == \"x\"'}\n",
        );
        l.set_text(key::NAME, "restore-db", Source::Flag);
        l.set_text(key::PATTERN, "parallel", Source::Flag);
        l.set_var("a", Value::Text("x".into()), Source::Flag);
        crate::answers::fill_defaults(&mut l);
        let holds = |l: &Layers, i: usize| applies(&l.questions()[i], l);
        assert_eq!(holds(&l, 0), Ok(true));
        assert_eq!(holds(&l, 1), Ok(true), "3600 > 100, a ConfigMap");
        assert_eq!(holds(&l, 2), Ok(false), "no schedule: none is false");
        assert_eq!(holds(&l, 3), Ok(true), "other team answers as vars");
        l.set_text(key::TTL, "60", Source::Flag);
        assert_eq!(holds(&l, 1), Ok(false));
    }

    #[test]
    fn a_higher_layer_replaces_a_question_of_the_same_name() {
        let mut l = layers("questions:\n  owner: {default: data}\n  tier: {}\n");
        l.merge(
            parse(
                "questions:\n  owner: {type: choice, choices: [x, y], default: y}\n",
                Path::new("c.yaml"),
                FileLayer::Config,
            )
            .unwrap(),
        );
        let names: Vec<&str> = l.questions().iter().map(|q| q.name.as_str()).collect();
        assert_eq!(names, ["owner", "tier"], "declaration order kept");
        assert_eq!(
            l.questions()[0].kind,
            crate::answers::question::Type::Choice
        );
    }
}
