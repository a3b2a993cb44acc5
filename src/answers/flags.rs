//! The answer flags, made from the field table: each field with a `--flag`
//! becomes a clap argument (its help, heading, value name and, for a
//! closed choice, the values completions offer), and the parsed command
//! line becomes a layer of answers. A new answer needs no code here.

use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Arg, ArgAction, ArgMatches, Command};

use crate::answers::fields::{FIELDS, Field, Kind, Schema};
use crate::answers::layers::{Entry, Layers, Source, Value};

/// The answers the command line gave through the field table's flags.
#[derive(Debug, Clone, Default)]
pub struct FieldFlags(pub Layers);

/// How a field takes its flag.
enum Shape {
    /// `--x VALUE`.
    Text,
    /// `--x` sets true.
    Switch,
    /// `--no-x` sets false; the hidden `--x` sets true again (the last wins).
    Off(&'static str),
    /// `--x VALUE`, repeatable: a list, or KEY=VALUE entries of a map.
    Repeated,
}

/// The flags of the field table: those spelt `--x` (not NAME, not the
/// command after `--`).
fn flagged() -> impl Iterator<Item = (&'static Field, &'static str, Shape)> {
    FIELDS.iter().filter_map(|f| {
        let long = f.flag.strip_prefix("--").filter(|l| !l.contains(' '))?;
        let shape = match (f.kind, long.strip_prefix("no-")) {
            (Kind::Bool, Some(on)) => Shape::Off(on),
            (Kind::Bool, None) => Shape::Switch,
            (Kind::List | Kind::Map, _) => Shape::Repeated,
            (Kind::Text, _) => Shape::Text,
        };
        Some((f, long, shape))
    })
}

fn arg(f: &'static Field, long: &'static str, shape: &Shape) -> Arg {
    let arg = Arg::new(long)
        .long(long)
        .help(f.help)
        .help_heading(f.heading.as_str());
    let arg = match f.short {
        Some(c) => arg.short(c),
        None => arg,
    };
    let valued = |arg: Arg| {
        let arg = arg.value_name(f.value_name).allow_hyphen_values(true);
        match f.schema {
            Schema::Enum(values) if f.kind == Kind::Text => arg.value_parser(Choices(values)),
            _ => arg,
        }
    };
    match shape {
        Shape::Text => valued(arg).action(ArgAction::Set),
        Shape::Repeated => valued(arg).action(ArgAction::Append),
        Shape::Switch => arg.action(ArgAction::SetTrue),
        Shape::Off(on) => arg.action(ArgAction::SetTrue).overrides_with(*on),
    }
}

impl clap::Args for FieldFlags {
    fn augment_args(cmd: Command) -> Command {
        let mut cmd = cmd;
        for (f, long, shape) in flagged() {
            cmd = cmd.arg(arg(f, long, &shape));
            if let Shape::Off(on) = shape {
                cmd = cmd.arg(Arg::new(on).long(on).action(ArgAction::SetTrue).hide(true));
            }
        }
        cmd
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        Self::augment_args(cmd)
    }
}

impl clap::FromArgMatches for FieldFlags {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        let mut l = Layers::default();
        for (f, long, shape) in flagged() {
            let value = match shape {
                Shape::Text => m.get_one::<String>(long).cloned().map(Value::Text),
                Shape::Switch => m.get_flag(long).then(|| Value::Text("true".into())),
                Shape::Off(on) => match (m.get_flag(long), m.get_flag(on)) {
                    (true, _) => Some(Value::Text("false".into())),
                    (_, true) => Some(Value::Text("true".into())),
                    _ => None,
                },
                Shape::Repeated => m.get_many::<String>(long).map(|items| {
                    let items: Vec<String> = items.cloned().collect();
                    match f.kind {
                        Kind::Map => Value::Map(items.iter().map(|i| entry(i)).collect()),
                        _ => Value::List(items),
                    }
                }),
            };
            if let Some(value) = value {
                l.set(f.key, value, Source::Flag);
            }
        }
        Ok(FieldFlags(l))
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(m)?;
        Ok(())
    }
}

/// `KEY=VALUE` (a value of None when there is no `=`: the validator says so).
fn entry(item: &str) -> Entry {
    let (key, value) = match item.split_once('=') {
        Some((k, v)) => (k.to_string(), Some(v.to_string())),
        None => (item.to_string(), None),
    };
    Entry {
        key,
        value,
        source: Source::Flag,
    }
}

/// A value parser that offers fixed spellings in help and completions but
/// leaves checking to the shared validator.
#[derive(Clone)]
pub struct Choices(pub &'static [&'static str]);

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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{Args, FromArgMatches};

    fn parse(args: &[&str]) -> Layers {
        let cmd = FieldFlags::augment_args(Command::new("t").no_binary_name(true));
        let m = cmd.try_get_matches_from(args).unwrap();
        FieldFlags::from_arg_matches(&m).unwrap().0
    }

    /// Every field with a `--flag` is a flag, and lands in the layer under
    /// its key as given: a field added to the table needs no other code.
    #[test]
    fn every_flagged_field_is_a_flag_that_sets_its_key() {
        for (f, long, shape) in flagged() {
            let flag = format!("--{long}");
            let l = match shape {
                Shape::Text => parse(&[&flag, "-x"]),
                Shape::Repeated => parse(&[&flag, "A=1", &flag, "B=2"]),
                Shape::Switch | Shape::Off(_) => parse(&[&flag]),
            };
            let given = l.get(f.key).unwrap_or_else(|| panic!("{flag} set nothing"));
            assert_eq!(given.source, Source::Flag, "{flag}");
            let want = match (shape, f.kind) {
                (Shape::Text, _) => Value::Text("-x".into()),
                (Shape::Switch, _) => Value::Text("true".into()),
                (Shape::Off(_), _) => Value::Text("false".into()),
                (Shape::Repeated, Kind::Map) => Value::Map(vec![entry("A=1"), entry("B=2")]),
                (Shape::Repeated, _) => Value::List(vec!["A=1".into(), "B=2".into()]),
            };
            assert_eq!(given.value, want, "{flag}");
        }
    }

    #[test]
    fn the_last_of_no_x_and_x_wins() {
        use crate::answers::fields::key;
        let l = parse(&["--no-configmap", "--configmap"]);
        assert_eq!(l.text(key::FILES_CONFIGMAP), Some("true"));
        let l = parse(&["--configmap", "--no-configmap"]);
        assert_eq!(l.text(key::FILES_CONFIGMAP), Some("false"));
        assert_eq!(parse(&[]), Layers::default());
        assert_eq!(parse(&["-n", "ops"]).text(key::NAMESPACE), Some("ops"));
    }
}
