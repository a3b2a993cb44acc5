//! The interactive questions: only what no flag or values file answered,
//! each preselected with its current default (built-in or from config) and
//! checked by the same validator as every other input path.

use crate::answers;
use crate::answers::fields::{Key, key};

use crate::answers::layers::{Entry, Layers, Source, Value};
use crate::answers::scalars as v;
use crate::defaults::{self, Pattern, Size};
use crate::error::Error;
use crate::i18n::{Msg, f, t};
use crate::prompt::Prompter;

/// The default the validator would use for `key` now.
fn current(l: &Layers, key: Key) -> String {
    let mut filled = l.clone();
    answers::fill_defaults(&mut filled);
    filled.text(key).unwrap_or_default().to_string()
}

/// Asks for one text answer unless it is answered already.
fn text(l: &mut Layers, p: &mut dyn Prompter, key: Key, label: &str) -> Result<(), Error> {
    if l.answered(key) {
        return Ok(());
    }
    let field = key.field();
    let answer = p.input(label, &current(l, key), &|s| field.validate(s))?;
    l.set_text(key, answer, Source::Prompt);
    Ok(())
}

/// Asks to choose among `items` (the last may be "another value…").
fn choose(
    l: &mut Layers,
    p: &mut dyn Prompter,
    key: Key,
    label: &str,
    values: &[String],
    items: &[String],
) -> Result<(), Error> {
    if l.answered(key) {
        return Ok(());
    }
    let now = current(l, key);
    let default = values.iter().position(|x| *x == now).unwrap_or(0);
    let refs: Vec<&str> = items.iter().map(String::as_str).collect();
    let i = p.select(label, &refs, default)?;
    let answer = match values.get(i) {
        Some(value) => value.clone(),
        None => {
            let field = key.field();
            p.input(label, &now, &|s| field.validate(s))?
        }
    };
    l.set_text(key, answer, Source::Prompt);
    Ok(())
}

/// Asks, at a terminal, for every answer the flags and values file left open.
pub fn ask(l: &mut Layers, p: &mut dyn Prompter) -> Result<(), Error> {
    ask_who(l, p)?;
    ask_pattern(l, p)?;
    ask_where(l, p)?;
    ask_contents(l, p)?;
    ask_identity(l, p)?;
    ask_limits(l, p)?;
    ask_monitoring(l, p)?;
    ask_egress(l, p)?;
    ask_team(l, p, false)
}

/// The team's own questions (`questions:` in config), after the built-in
/// ones, in the order the config declares them: those not answered yet
/// whose `when` holds (`only_required`: just the required ones without a
/// default, as `update` asks). Each is checked by its question.
pub fn ask_team(l: &mut Layers, p: &mut dyn Prompter, only_required: bool) -> Result<(), Error> {
    use crate::answers::question::{self, Type};
    use crate::answers::team;
    let questions: Vec<question::Question> = l.questions().to_vec();
    for q in &questions {
        let mut filled = l.clone();
        answers::fill_defaults(&mut filled);
        let given = filled.var(&q.name);
        if given.is_some_and(|g| g.source.is_answer() || only_required)
            || (only_required && !q.required)
            || team::applies(q, &filled) != Ok(true)
        {
            continue;
        }
        let now = given.map(|g| g.value.clone());
        let label = format!("{} (-d {})", q.help(), q.name);
        let answer = match q.kind {
            Type::Choice | Type::Boolean => {
                let values: Vec<String> = match q.kind {
                    Type::Boolean => vec!["false".into(), "true".into()],
                    _ => q.choices.clone(),
                };
                let at = match &now {
                    Some(Value::Text(s)) => values.iter().position(|v| v == s).unwrap_or(0),
                    _ => 0,
                };
                let items: Vec<&str> = values.iter().map(String::as_str).collect();
                Value::Text(values[p.select(&label, &items, at)?].clone())
            }
            Type::List => {
                let shown = match &now {
                    Some(Value::List(items)) => items.join(", "),
                    _ => String::new(),
                };
                let split = |s: &str| question::from_flag(q, &Value::List(vec![s.to_string()]));
                let answer = p.input(&label, &shown, &|s| q.check(&split(s)).map(drop))?;
                if answer.trim().is_empty() && !q.required {
                    continue;
                }
                split(&answer)
            }
            Type::Text | Type::Integer => {
                let shown = match &now {
                    Some(Value::Text(s)) => s.clone(),
                    _ => String::new(),
                };
                let check = |s: &str| match s.is_empty() && !q.required {
                    true => Ok(()),
                    false => q.check(&Value::Text(s.to_string())).map(drop),
                };
                let answer = p.input(&label, &shown, &check)?;
                if answer.is_empty() && !q.required {
                    continue;
                }
                Value::Text(answer)
            }
        };
        l.set_var(&q.name, answer, Source::Prompt);
    }
    Ok(())
}

/// Purpose and target (not asked when NAME gives them: the summary shows
/// them), and env.
fn ask_who(l: &mut Layers, p: &mut dyn Prompter) -> Result<(), Error> {
    let from_name = l.text(key::NAME).and_then(defaults::split_name).is_some();
    if !from_name {
        text(l, p, key::PURPOSE, t(Msg::Q_PURPOSE))?;
        text(l, p, key::TARGET, t(Msg::Q_TARGET))?;
    }
    text(l, p, key::ENV, t(Msg::Q_ENV))?;
    Ok(())
}

/// The pattern and what it needs: a schedule, or parallelism and completions.
fn ask_pattern(l: &mut Layers, p: &mut dyn Prompter) -> Result<(), Error> {
    let patterns: Vec<String> = Pattern::NAMES.iter().map(|s| s.to_string()).collect();
    let items = [
        t(Msg::Q_PATTERN_ONE_OFF),
        t(Msg::Q_PATTERN_CRON),
        t(Msg::Q_PATTERN_PARALLEL),
    ];
    choose(
        l,
        p,
        key::PATTERN,
        t(Msg::Q_PATTERN),
        &patterns,
        &items.map(String::from),
    )?;
    match l.text(key::PATTERN).and_then(Pattern::parse) {
        Some(Pattern::Cron) => {
            text(l, p, key::SCHEDULE, t(Msg::Q_SCHEDULE))?;
            ask_time_zone(l, p)?;
        }
        Some(Pattern::Parallel) => {
            text(l, p, key::PARALLELISM, t(Msg::Q_PARALLELISM))?;
            text(l, p, key::COMPLETIONS, t(Msg::Q_COMPLETIONS))?;
        }
        _ => {}
    }
    Ok(())
}

/// The CronJob's time zone: without one it runs on the controller's zone
/// (usually UTC), which a team in Seoul gets wrong. Preselected: the
/// config's zone, else Asia/Seoul in a Korean interface, else none.
fn ask_time_zone(l: &mut Layers, p: &mut dyn Prompter) -> Result<(), Error> {
    if l.answered(key::TIME_ZONE) {
        return Ok(());
    }
    let now = current(l, key::TIME_ZONE);
    let mut zones: Vec<String> = vec![String::new(), "Asia/Seoul".into(), "UTC".into()];
    if !now.is_empty() && !zones.contains(&now) {
        zones.insert(1, now.clone());
    }
    let preselected = match (now.is_empty(), crate::i18n::ui()) {
        (false, _) => now,
        (true, crate::i18n::Ui::Ko) => "Asia/Seoul".into(),
        (true, crate::i18n::Ui::En) => String::new(),
    };
    let mut items: Vec<String> = zones
        .iter()
        .map(|z| match z.is_empty() {
            true => t(Msg::Q_TZ_NONE).to_string(),
            false => z.clone(),
        })
        .collect();
    items.push(t(Msg::Q_TZ_OTHER).into());
    let refs: Vec<&str> = items.iter().map(String::as_str).collect();
    let at = zones.iter().position(|z| *z == preselected).unwrap_or(0);
    let i = p.select(t(Msg::Q_TIME_ZONE), &refs, at)?;
    let zone = match zones.get(i) {
        Some(z) => z.clone(),
        None => {
            let field = key::TIME_ZONE.field();
            p.input(t(Msg::Q_TIME_ZONE), "", &|s| field.validate(s))?
        }
    };
    if !zone.is_empty() {
        l.set_text(key::TIME_ZONE, zone, Source::Prompt);
    }
    Ok(())
}

/// The cloud identity of the job's ServiceAccount, for its provider
/// (Workload Identity, IRSA, Azure Workload Identity); Enter for none.
fn ask_identity(l: &mut Layers, p: &mut dyn Prompter) -> Result<(), Error> {
    let identities = [
        key::GCP_SERVICE_ACCOUNT,
        key::AWS_ROLE_ARN,
        key::AZURE_CLIENT_ID,
    ];
    if current(l, key::FILES_SERVICE_ACCOUNT) != "true" || identities.iter().any(|k| l.answered(*k))
    {
        return Ok(());
    }
    let (k, label) = match current(l, key::PROVIDER).as_str() {
        "aws" => (key::AWS_ROLE_ARN, t(Msg::Q_AWS_ROLE)),
        "azure" => (key::AZURE_CLIENT_ID, t(Msg::Q_AZURE_ID)),
        _ => (key::GCP_SERVICE_ACCOUNT, t(Msg::Q_GCP_SA)),
    };
    let field = k.field();
    let answer = p.input(label, &current(l, k), &|s| match s.is_empty() {
        true => Ok(()),
        false => field.validate(s),
    })?;
    if !answer.is_empty() {
        l.set_text(k, answer, Source::Prompt);
    }
    Ok(())
}

/// Alerts (prometheus-rule.yaml), off unless chosen.
fn ask_monitoring(l: &mut Layers, p: &mut dyn Prompter) -> Result<(), Error> {
    let values = ["false".to_string(), "true".to_string()];
    let items = [
        t(Msg::Q_MONITORING_NO).to_string(),
        t(Msg::Q_MONITORING_YES).to_string(),
    ];
    choose(l, p, key::MONITORING, t(Msg::Q_MONITORING), &values, &items)
}

/// The namespace and the image.
fn ask_where(l: &mut Layers, p: &mut dyn Prompter) -> Result<(), Error> {
    let mut namespaces: Vec<String> = defaults::NAMESPACES.iter().map(|s| s.to_string()).collect();
    let now = current(l, key::NAMESPACE);
    if !namespaces.contains(&now) && !now.is_empty() {
        namespaces.insert(0, now);
    }
    let mut items = namespaces.clone();
    items.push(t(Msg::Q_NAMESPACE_OTHER).into());
    choose(
        l,
        p,
        key::NAMESPACE,
        t(Msg::Q_NAMESPACE),
        &namespaces,
        &items,
    )?;
    text(l, p, key::IMAGE, t(Msg::Q_IMAGE))?;
    if !l.answered(key::COMMAND) {
        let check = |s: &str| key::COMMAND.field().validate(s);
        let answer = p.input(t(Msg::Q_COMMAND), "", &check)?;
        if !answer.trim().is_empty() {
            let words = vec!["sh".to_string(), "-c".to_string(), answer];
            l.set(key::COMMAND, Value::List(words), Source::Prompt);
        }
    }
    Ok(())
}

/// A one-line description, environment variables and secrets (each only
/// when its file is made), each skipped with Enter.
fn ask_contents(l: &mut Layers, p: &mut dyn Prompter) -> Result<(), Error> {
    text(l, p, key::DESCRIPTION, t(Msg::Q_DESCRIPTION))?;
    let lists = [
        (key::ENV_VARS, key::FILES_CONFIGMAP, t(Msg::Q_ENV_VARS)),
        (key::SECRETS, key::FILES_EXTERNAL_SECRET, t(Msg::Q_SECRETS)),
    ];
    for (k, file, label) in lists {
        if l.answered(k) || current(l, file) != "true" {
            continue;
        }
        let check = |s: &str| pairs(k, s).map(drop);
        let answer = p.input(label, "", &check)?;
        let entries = pairs(k, &answer).unwrap_or_default();
        if !entries.is_empty() {
            l.set(k, Value::Map(entries), Source::Prompt);
        }
    }
    Ok(())
}

/// `KEY=VALUE, …`, each key and value checked like the flag's.
fn pairs(k: Key, s: &str) -> Result<Vec<Entry>, String> {
    let field = k.field();
    s.split(',')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(|x| {
            let (name, value) = x
                .split_once('=')
                .ok_or_else(|| f(Msg::Q_NOT_PAIR, &[("item", x)]))?;
            (field.check_key)(name).map_err(|why| format!("`{name}` {why}"))?;
            (field.check)(value).map_err(|why| format!("`{value}` {why}"))?;
            Ok(Entry {
                key: name.to_string(),
                value: Some(value.to_string()),
                source: Source::Prompt,
            })
        })
        .collect()
}

/// TTL (not for cron), retries and the resource tier.
fn ask_limits(l: &mut Layers, p: &mut dyn Prompter) -> Result<(), Error> {
    // A CronJob's runs are cleaned up by its history limits, not a TTL.
    if current(l, key::PATTERN) != "cron" {
        preset(
            l,
            p,
            key::TTL,
            t(Msg::Q_TTL),
            &defaults::TTL_PRESETS,
            t(Msg::UNIT_SECONDS),
        )?;
    }
    preset(
        l,
        p,
        key::BACKOFF_LIMIT,
        t(Msg::Q_BACKOFF),
        &defaults::BACKOFF_PRESETS,
        t(Msg::UNIT_RETRIES),
    )?;
    if !l.answered(key::CPU_REQUEST) && !l.answered(key::MEMORY_REQUEST) {
        let sizes: Vec<String> = Size::NAMES.iter().map(|s| s.to_string()).collect();
        let items: Vec<String> = Size::NAMES
            .iter()
            .map(|n| {
                let r = |part: Key| match Key::of(&format!("sizes.{n}.{part}")) {
                    Some(k) => current(l, k),
                    None => String::new(),
                };
                format!(
                    "{n}: requests {}/{}, limits {}/{}",
                    r(key::CPU_REQUEST),
                    r(key::MEMORY_REQUEST),
                    r(key::CPU_LIMIT),
                    r(key::MEMORY_LIMIT)
                )
            })
            .collect();
        choose(l, p, key::SIZE, t(Msg::Q_SIZE), &sizes, &items)?;
    }
    Ok(())
}

/// What the job connects to besides DNS, checked like --egress.
fn ask_egress(l: &mut Layers, p: &mut dyn Prompter) -> Result<(), Error> {
    if !l.answered(key::EGRESS) && current(l, key::FILES_NETWORK_POLICY) == "true" {
        let check = |s: &str| egress_list(s).map(drop);
        let answer = p.input(t(Msg::Q_EGRESS), "", &check)?;
        let list = egress_list(&answer).unwrap_or_default();
        if !list.is_empty() {
            l.set(key::EGRESS, Value::List(list), Source::Prompt);
        }
    }
    Ok(())
}

/// A comma-separated egress answer, each item checked like `--egress`.
fn egress_list(s: &str) -> Result<Vec<String>, String> {
    s.split(',')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(|x| {
            v::egress(x)
                .map(|_| x.to_string())
                .map_err(|why| format!("`{x}` {why}"))
        })
        .collect()
}

/// A preset choice with its value shown, plus another value.
fn preset(
    l: &mut Layers,
    p: &mut dyn Prompter,
    key: Key,
    label: &str,
    presets: &[defaults::Preset],
    unit: &str,
) -> Result<(), Error> {
    let mut values: Vec<String> = presets.iter().map(|x| x.value.to_string()).collect();
    let mut items: Vec<String> = presets
        .iter()
        .map(|x| format!("{}: {}{unit}", t(x.name), x.value))
        .collect();
    let now = current(l, key);
    if !values.contains(&now) && v::number(&now, 0, v::INT32_MAX).is_ok() {
        values.insert(0, now.clone());
        items.insert(0, f(Msg::Q_FROM_CONFIG, &[("value", &now), ("unit", unit)]));
    }
    items.push(t(Msg::Q_ANOTHER).into());
    choose(l, p, key, label, &values, &items)
}
