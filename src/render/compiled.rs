//! The built-in templates compiled to Rust at build time (build/compile.rs):
//! rendering them needs no Tera lexing, parsing or compiling. Each compiled
//! template returns `None` when a value is not one it is sure to render as
//! Tera would; the caller then renders with Tera. The matrix tests require
//! byte-equal output from both.

use std::borrow::Cow;

use serde_json::Value;

/// A compiled template: writes its output, or `None` for "ask Tera".
type Render = fn(&Value, &mut String) -> Option<()>;

include!(concat!(env!("OUT_DIR"), "/compiled_templates.rs"));

/// Renders the built-in template `file` with `ctx` (the serialized
/// template context), or `None` when Tera must.
pub fn render(file: &str, ctx: &Value) -> Option<String> {
    let (_, f) = COMPILED.iter().find(|(name, _)| *name == file)?;
    let mut out = String::with_capacity(4096);
    f(ctx, &mut out)?;
    Some(out)
}

/// The runtime the generated code calls; Tera 2's semantics for the values
/// jobgen's context holds (strings, integers, booleans, null, lists, maps).
mod rt {
    use super::{Cow, Value};

    pub fn string(s: &str) -> Cow<'static, Value> {
        Cow::Owned(Value::String(s.to_string()))
    }

    #[allow(dead_code)] // for integer literals, which no built-in template holds today
    pub fn int(i: i64) -> Cow<'static, Value> {
        Cow::Owned(Value::from(i))
    }

    pub fn boolean(b: bool) -> Cow<'static, Value> {
        Cow::Owned(Value::Bool(b))
    }

    #[allow(dead_code)] // for `none`, which no built-in template holds today
    pub fn none() -> Cow<'static, Value> {
        Cow::Owned(Value::Null)
    }

    /// A context variable; a missing one is Tera's error to report.
    pub fn var<'a>(ctx: &'a Value, name: &str) -> Option<Cow<'a, Value>> {
        ctx.get(name).map(Cow::Borrowed)
    }

    /// `value.key` of a map.
    pub fn attr<'a>(value: Cow<'a, Value>, key: &str) -> Option<Cow<'a, Value>> {
        match value {
            Cow::Borrowed(v) => v.as_object()?.get(key).map(Cow::Borrowed),
            Cow::Owned(v) => v.as_object()?.get(key).cloned().map(Cow::Owned),
        }
    }

    /// Tera's truthiness.
    pub fn truthy(v: &Value) -> bool {
        match v {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Number(n) => n.as_f64() != Some(0.0),
            Value::String(s) => !s.is_empty(),
            Value::Array(a) => !a.is_empty(),
            Value::Object(m) => !m.is_empty(),
        }
    }

    /// How `{{ v }}` writes a value; lists, maps and floats are left to Tera.
    pub fn write(out: &mut String, v: &Value) -> Option<()> {
        match v {
            Value::Null => {}
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::String(s) => out.push_str(s),
            Value::Number(n) if n.is_i64() || n.is_u64() => out.push_str(&n.to_string()),
            _ => return None,
        }
        Some(())
    }

    fn text(v: &Value) -> Option<String> {
        let mut s = String::new();
        write(&mut s, v)?;
        Some(s)
    }

    /// `==` between strings, booleans, nulls or integers.
    pub fn equal(a: &Value, b: &Value) -> Option<bool> {
        match (a, b) {
            (Value::String(x), Value::String(y)) => Some(x == y),
            (Value::Bool(x), Value::Bool(y)) => Some(x == y),
            (Value::Null, Value::Null) => Some(true),
            (Value::Number(x), Value::Number(y)) => Some(integer(x)? == integer(y)?),
            _ => None,
        }
    }

    fn integer(n: &serde_json::Number) -> Option<i128> {
        n.as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from))
    }

    /// `needle in haystack`: a substring, a list item or a map key.
    pub fn contains(haystack: &Value, needle: &Value) -> Option<bool> {
        match (haystack, needle) {
            (Value::String(h), Value::String(n)) => Some(h.contains(n.as_str())),
            (Value::Array(items), n) => {
                for item in items {
                    if equal(item, n)? {
                        return Some(true);
                    }
                }
                Some(false)
            }
            (Value::Object(m), Value::String(n)) => Some(m.contains_key(n)),
            _ => None,
        }
    }

    /// `a + b` of integers.
    pub fn add(a: &Value, b: &Value) -> Option<Cow<'static, Value>> {
        match (a, b) {
            (Value::Number(x), Value::Number(y)) if x.is_u64() && y.is_u64() => Some(Cow::Owned(
                Value::from(x.as_u64()?.checked_add(y.as_u64()?)?),
            )),
            _ => None,
        }
    }

    /// `a ~ b`.
    pub fn concat(a: &Value, b: &Value) -> Option<Cow<'static, Value>> {
        let mut s = text(a)?;
        write(&mut s, b)?;
        Some(Cow::Owned(Value::String(s)))
    }

    pub fn array(v: &Value) -> Option<&[Value]> {
        v.as_array().map(Vec::as_slice)
    }

    fn owned(s: String) -> Option<Cow<'static, Value>> {
        Some(Cow::Owned(Value::String(s)))
    }

    pub fn yaml(v: &Value) -> Option<Cow<'static, Value>> {
        owned(crate::render::scalar::yaml_scalar(v.as_str()?))
    }

    pub fn shell(v: &Value) -> Option<Cow<'static, Value>> {
        owned(crate::shell::shell_word(v.as_str()?))
    }

    pub fn josa(v: &Value, pair: &str) -> Option<Cow<'static, Value>> {
        owned(crate::ko::particle(v.as_str()?, pair).to_string())
    }

    pub fn trim(v: &Value) -> Option<Cow<'static, Value>> {
        owned(v.as_str()?.trim().to_string())
    }

    /// Tera's `join(sep=)` of a list of strings, integers and booleans.
    pub fn join(v: &Value, sep: &str) -> Option<Cow<'static, Value>> {
        let mut s = String::new();
        for (i, item) in v.as_array()?.iter().enumerate() {
            if i > 0 {
                s.push_str(sep);
            }
            write(&mut s, item)?;
        }
        owned(s)
    }

    /// Tera's `indent(width=, first=, blank=)`.
    pub fn indent(v: &Value, width: i64, first: bool, blank: bool) -> Option<Cow<'static, Value>> {
        let val = v.as_str()?;
        let indent = " ".repeat(usize::try_from(width).ok()?);
        let mut res = String::with_capacity(val.len() * 2);
        for (i, line) in val.lines().enumerate() {
            if i == 0 {
                if first {
                    res.push_str(&indent);
                }
            } else {
                res.push('\n');
                if !line.is_empty() || blank {
                    res.push_str(&indent);
                }
            }
            res.push_str(line);
        }
        if val.ends_with('\n') {
            res.push('\n');
        }
        owned(res)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_template_is_compiled() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
        let names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".tera"))
            .collect();
        assert!(names.len() >= 8, "{names:?}");
        for name in names {
            assert!(COMPILED.iter().any(|(n, _)| *n == name), "{name}");
        }
    }

    #[test]
    fn what_a_compiled_template_is_unsure_of_goes_to_tera() {
        // A missing variable: Tera's error (with its "did you mean") stands.
        assert_eq!(render("job.yaml.tera", &serde_json::json!({})), None);
        // Not a built-in template.
        assert_eq!(render("RUNBOOK.md.tera", &serde_json::json!({})), None);
        // Values Tera writes in its own way.
        let mut out = String::new();
        assert_eq!(rt::write(&mut out, &serde_json::json!(1.5)), None);
        assert_eq!(rt::write(&mut out, &serde_json::json!(["a"])), None);
        assert_eq!(rt::yaml(&serde_json::json!(3)), None);
        assert_eq!(
            rt::equal(&serde_json::json!("a"), &serde_json::json!(1)),
            None
        );
    }

    #[test]
    fn the_runtime_follows_tera() {
        use serde_json::json;
        for (v, truthy) in [
            (json!(null), false),
            (json!(false), false),
            (json!(0), false),
            (json!(""), false),
            (json!([]), false),
            (json!({}), false),
            (json!(true), true),
            (json!(2), true),
            (json!("x"), true),
            (json!([0]), true),
        ] {
            assert_eq!(rt::truthy(&v), truthy, "{v}");
        }
        let indented = rt::indent(&json!("a\n\nb\n"), 2, false, false).unwrap();
        assert_eq!(indented.as_str(), Some("a\n\n  b\n"));
        let indented = rt::indent(&json!("a\n\nb"), 2, true, true).unwrap();
        assert_eq!(indented.as_str(), Some("  a\n  \n  b"));
        let joined = rt::join(&json!([3, "x", true]), ", ").unwrap();
        assert_eq!(joined.as_str(), Some("3, x, true"));
        assert_eq!(rt::contains(&json!("a@b"), &json!("@")), Some(true));
        assert_eq!(rt::contains(&json!(["a"]), &json!("b")), Some(false));
        assert_eq!(rt::add(&json!(2), &json!(3)).unwrap().as_u64(), Some(5));
        assert_eq!(rt::add(&json!(u64::MAX), &json!(1)), None);
    }

    use super::compile::compile;

    #[test]
    fn what_the_compiler_does_not_understand_fails_the_build() {
        for (src, says) in [
            ("{% include \"x.tera\" %}", "the tag"),
            ("{% raw %}x{% endraw %}", "the tag `raw`"),
            ("{{ name | upper }}", "the filter `upper`"),
            ("{{ 1.5 }}", "a float"),
            ("{{ \"a\\\"b\" }}", "backslash"),
            (
                "{% for x in xs %}{% set y %}a{% endset %}{% endfor %}",
                "inside a block",
            ),
            ("{% if a %}x", "without `endif`"),
            ("{{ a is defined }}", "the test `defined`"),
            ("{{ a < b }}", "`<`"),
            ("{{ loop.index }}", "outside a for loop"),
            ("{{ x | indent(width=n) }}", "only literals"),
            ("{# open", "unclosed comment"),
        ] {
            let err = compile("f", src).expect_err(src);
            assert!(err.contains(says), "{src}: {err}");
        }
    }

    #[test]
    fn whitespace_control_is_tera_s() {
        // `-%}` trims what follows, `{%-` what precedes, and a comment keeps
        // an earlier trim pending (Tera's whitespace_filter).
        let code = compile("f", "a  {%- if x -%}  b  {%- endif %}\n{#- c -#}\n  d").unwrap();
        for text in ["\"a\"", "\"b\"", "\"d\""] {
            assert!(code.contains(text), "{text} in {code}");
        }
        assert!(!code.contains("\"a  \""), "{code}");
        assert!(!code.contains("\"\\n  d\""), "{code}");
    }
}

/// The template compiler (run by build.rs), here for its own tests: what it
/// does not understand is a build error, never a different rendering.
#[cfg(test)]
#[path = "../../build/compile.rs"]
#[allow(dead_code)]
mod compile;
