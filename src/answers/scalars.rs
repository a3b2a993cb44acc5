//! Validators for single answers. Each takes the text as typed and returns the
//! checked value or why it is wrong; `answers::check` attaches the flag and value.
//! Flags, prompts, values files and config files all call these same functions.
//! Messages come from the catalogue (`i18n`), in the interface language.

use crate::i18n::{Msg, f, t};

/// "must be a whole number from MIN to MAX", in the interface language.
fn number_range(min: u64, max: u64) -> String {
    f(
        Msg::V_NUMBER,
        &[("min", &min.to_string()), ("max", &max.to_string())],
    )
}

/// A DNS-1123 label: lowercase alphanumerics and '-', starting and ending
/// alphanumeric, at most `max` characters (63 for most names).
pub fn dns_label(s: &str, max: usize) -> Result<String, String> {
    if s.is_empty() {
        return Err(t(Msg::V_EMPTY).into());
    }
    if s.len() > max {
        return Err(f(
            Msg::V_TOO_LONG,
            &[("len", &s.len().to_string()), ("max", &max.to_string())],
        ));
    }
    let ok_chars = s
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    let ends_ok = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    if !ok_chars || !ends_ok(s.as_bytes().first()) || !ends_ok(s.as_bytes().last()) {
        return Err(t(Msg::V_DNS_LABEL).into());
    }
    Ok(s.to_string())
}

/// A DNS-1123 subdomain (e.g. a secret store name): labels joined by '.', at most 253.
pub fn dns_subdomain(s: &str) -> Result<String, String> {
    if s.len() > 253 {
        return Err(f(
            Msg::V_TOO_LONG,
            &[("len", &s.len().to_string()), ("max", "253")],
        ));
    }
    for part in s.split('.') {
        dns_label(part, 63).map_err(|_| t(Msg::V_DNS_SUBDOMAIN).to_string())?;
    }
    Ok(s.to_string())
}

/// A Kubernetes label value: at most 63 characters, alphanumerics, '-', '_'
/// and '.', starting and ending alphanumeric. Empty is allowed by Kubernetes
/// but refused here: every label we set must say something.
pub fn label_value(s: &str) -> Result<String, String> {
    if s.is_empty() {
        return Err(t(Msg::V_EMPTY).into());
    }
    if s.len() > 63 {
        return Err(f(Msg::V_LABEL_TOO_LONG, &[("len", &s.len().to_string())]));
    }
    let inner = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.');
    let b = s.as_bytes();
    if !b.iter().all(|&c| inner(c))
        || !b[0].is_ascii_alphanumeric()
        || !b[b.len() - 1].is_ascii_alphanumeric()
    {
        return Err(t(Msg::V_LABEL_VALUE).into());
    }
    Ok(s.to_string())
}

/// A whole number within `min..=max`.
pub fn number(s: &str, min: u64, max: u64) -> Result<u64, String> {
    let n: u64 = s.trim().parse().map_err(|_| number_range(min, max))?;
    if n < min || n > max {
        return Err(number_range(min, max));
    }
    Ok(n)
}

/// Largest value of a Kubernetes int32 field.
pub const INT32_MAX: u64 = i32::MAX as u64;

/// One of a fixed set of spellings.
pub fn one_of(s: &str, choices: &[&str]) -> Result<String, String> {
    if choices.contains(&s) {
        Ok(s.to_string())
    } else {
        Err(f(Msg::V_ONE_OF, &[("choices", &choices.join(", "))]))
    }
}

/// The most pods, completions or history entries jobgen accepts.
pub const MAX_COUNT: u64 = 100_000;

/// One of a closed choice's spellings, as the choice.
pub fn choice<T: crate::choices::Choice>(s: &str) -> Result<T, String> {
    one_of(s, T::NAMES)?;
    T::parse(s).ok_or_else(|| f(Msg::V_ONE_OF, &[("choices", &T::NAMES.join(", "))]))
}

/// A container image reference with a pinned tag or a digest; `:latest` and
/// untagged references are refused because they make runs unrepeatable.
pub fn image(s: &str) -> Result<String, String> {
    if s.is_empty() || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(t(Msg::V_IMAGE_SPACES).into());
    }
    if let Some((_, digest)) = s.split_once('@') {
        let ok = digest.split_once(':').is_some_and(|(alg, hex)| {
            !alg.is_empty() && hex.len() >= 32 && hex.bytes().all(|b| b.is_ascii_hexdigit())
        });
        return if ok {
            Ok(s.to_string())
        } else {
            Err(t(Msg::V_IMAGE_DIGEST).into())
        };
    }
    let last_segment = s.rsplit('/').next().unwrap_or(s);
    match last_segment.split_once(':') {
        None => Err(t(Msg::V_IMAGE_UNTAGGED).into()),
        Some((_, "latest")) => Err(t(Msg::V_IMAGE_LATEST).into()),
        Some((repo, tag)) => {
            let tag_ok = !tag.is_empty()
                && tag.len() <= 128
                && tag
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
                && !tag.starts_with(['.', '-']);
            if repo.is_empty() || !tag_ok {
                Err(t(Msg::V_IMAGE_TAG).into())
            } else {
                Ok(s.to_string())
            }
        }
    }
}

/// Free text (description, ConfigMap values, command words). Any text is
/// kept byte for byte, except control characters that YAML cannot carry
/// reliably; tab, newline and carriage return are fine.
pub fn free_text(s: &str) -> Result<String, String> {
    if let Some(c) = s
        .chars()
        .find(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Err(f(Msg::V_CONTROL, &[("code", &format!("{:04X}", c as u32))]));
    }
    Ok(s.to_string())
}

/// An environment variable name that is also a valid ConfigMap/Secret key,
/// as Kubernetes 1.29 checks both (`[-._a-zA-Z][-._a-zA-Z0-9]*`).
pub fn env_key(s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let first_ok = b
        .first()
        .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'-' | b'.' | b'_'));
    let rest_ok = b
        .iter()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_'));
    if s.len() > 253 || !first_ok || !rest_ok || s == "." || s == ".." {
        return Err(
            "must be an environment variable name usable as a ConfigMap key: letters, digits, '_', '-' and '.', not starting with a digit"
                .into(),
        );
    }
    Ok(s.to_string())
}

/// The name of a secret in the provider (GCP Secret Manager, AWS Secrets
/// Manager…): not empty, no spaces.
pub fn remote_key(s: &str) -> Result<String, String> {
    if s.is_empty() || s.len() > 2048 || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(t(Msg::V_REMOTE_KEY).into());
    }
    Ok(s.to_string())
}

/// `true` or `false`.
pub fn boolean(s: &str) -> Result<bool, String> {
    match s {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(t(Msg::V_BOOL).into()),
    }
}

/// An image registry (and optional path) to prefix images with, e.g.
/// `europe-docker.pkg.dev/team/jobs` or `localhost:5000`.
pub fn registry(s: &str) -> Result<String, String> {
    let ok = !s.is_empty()
        && !s.contains("://")
        && !s.ends_with('/')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b".-_:/".contains(&b));
    if ok {
        Ok(s.to_string())
    } else {
        Err(t(Msg::V_REGISTRY).into())
    }
}

/// A label or annotation key: an optional DNS subdomain prefix and `/`,
/// then a name of at most 63 letters, digits, `-`, `_` and `.`.
pub fn qualified_name(s: &str) -> Result<String, String> {
    let (prefix, name) = match s.rsplit_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, s),
    };
    if let Some(p) = prefix {
        dns_subdomain(p).map_err(|_| "has a prefix that is not a DNS subdomain".to_string())?;
    }
    label_value(name).map_err(|_| {
        "must be a key like `team` or `example.com/team`: at most 63 letters, digits, '-', '_' and '.' after an optional DNS prefix".to_string()
    })?;
    Ok(s.to_string())
}

/// A Kubernetes resource quantity (`500m`, `1`, `256Mi`, `1e3`), not negative.
/// Returns the value in base units, for comparing requests with limits.
pub fn quantity(s: &str) -> Result<f64, String> {
    let err = || "must be a Kubernetes quantity such as `500m`, `2`, `256Mi` or `1Gi`".to_string();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '+'))
        .unwrap_or(s.len());
    let (num, suffix) = s.split_at(split);
    let digits = num.strip_prefix('+').unwrap_or(num);
    if digits.is_empty() || digits == "." || digits.matches('.').count() > 1 || digits.contains('+')
    {
        return Err(err());
    }
    let value: f64 = digits.parse().map_err(|_| err())?;
    let scale = match suffix {
        "" => 1.0,
        "n" => 1e-9,
        "u" => 1e-6,
        "m" => 1e-3,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "E" => 1e18,
        "Ki" => 1024f64,
        "Mi" => 1024f64.powi(2),
        "Gi" => 1024f64.powi(3),
        "Ti" => 1024f64.powi(4),
        "Pi" => 1024f64.powi(5),
        "Ei" => 1024f64.powi(6),
        exp if exp.starts_with(['e', 'E']) => {
            let e: i32 = exp[1..].parse().map_err(|_| err())?;
            10f64.powi(e)
        }
        _ => return Err(err()),
    };
    Ok(value * scale)
}

/// A CronJob schedule as Kubernetes accepts it (`super::cron`), refused
/// when its dates do not exist (`0 0 30 2 *`): Kubernetes takes such a
/// CronJob and never starts a Job.
pub fn schedule(s: &str) -> Result<String, String> {
    // Hash forms are checked resolved (any seed resolves within the range).
    let resolved = super::cron::resolve_hash(s, "")?;
    if super::cron::parse(&resolved)?.never_runs() {
        return Err(t(Msg::V_SCHEDULE_NEVER).into());
    }
    Ok(s.trim().to_string())
}

/// One allowed egress destination of the NetworkPolicy.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Egress {
    /// Destination network, or None for anywhere.
    pub cidr: Option<String>,
    /// TCP port, or None for every port.
    pub port: Option<u32>,
}

/// Named egress shortcuts and their TCP ports.
pub const EGRESS_SHORTCUTS: [(&str, u32); 6] = [
    ("https", 443),
    ("postgres", 5432),
    ("cloud-sql", 5432),
    ("mysql", 3306),
    ("redis", 6379),
    ("mongodb", 27017),
];

/// An egress answer: a shortcut (`https`, `postgres`, `cloud-sql`, `mysql`,
/// `redis`, `mongodb`: that TCP port anywhere), `CIDR`, `CIDR:PORT`, or
/// `:PORT`/`PORT` (that TCP port anywhere).
pub fn egress(s: &str) -> Result<Egress, String> {
    if let Some((_, port)) = EGRESS_SHORTCUTS.iter().find(|(n, _)| *n == s) {
        return Ok(Egress {
            cidr: None,
            port: Some(*port),
        });
    }
    let names: Vec<&str> = EGRESS_SHORTCUTS.iter().map(|(n, _)| *n).collect();
    let hint = f(Msg::V_EGRESS, &[("names", &names.join(", "))]);
    let port = |p: &str| {
        p.parse::<u32>()
            .ok()
            .filter(|p| (1..=65535).contains(p))
            .ok_or_else(|| hint.clone())
    };
    if s.bytes().all(|b| b.is_ascii_digit()) && !s.is_empty() {
        return Ok(Egress {
            cidr: None,
            port: Some(port(s)?),
        });
    }
    if let Some(p) = s.strip_prefix(':') {
        return Ok(Egress {
            cidr: None,
            port: Some(port(p)?),
        });
    }
    // IPv6 CIDRs contain ':'; a port follows the prefix length only.
    let (cidr, p) = match s.rsplit_once(':') {
        Some((c, p)) if c.contains('/') && !p.contains('/') => (c, Some(port(p)?)),
        _ => (s, None),
    };
    let (ip, prefix) = cidr.split_once('/').ok_or_else(|| hint.clone())?;
    let max = match ip.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(_)) => 32,
        Ok(std::net::IpAddr::V6(_)) => 128,
        Err(_) => return Err(hint),
    };
    match prefix.parse::<u32>() {
        Ok(n) if n <= max => Ok(Egress {
            cidr: Some(cidr.to_string()),
            port: p,
        }),
        _ => Err(hint),
    }
}

/// A Kubernetes minor version `1.N` within jobgen's range; returns N.
pub fn kube_version(s: &str) -> Result<u32, String> {
    let (lo, hi) = crate::defaults::KUBE_MINORS;
    let hint = || {
        f(
            Msg::V_KUBE_VERSION,
            &[("lo", &lo.to_string()), ("hi", &hi.to_string())],
        )
    };
    let minor = s
        .strip_prefix("1.")
        .and_then(|m| m.split('.').next())
        .and_then(|m| m.parse::<u32>().ok())
        .ok_or_else(hint)?;
    if (lo..=hi).contains(&minor) {
        Ok(minor)
    } else {
        Err(hint())
    }
}

/// An IANA time zone name as the CronJob `timeZone` field takes it (the
/// API server loads it from the time zone database): `UTC`, `Asia/Seoul`,
/// or a backward link such as `US/Pacific`; `Local` is refused, as
/// Kubernetes refuses it. Checked against the IANA database (chrono-tz).
pub fn time_zone(s: &str) -> Result<String, String> {
    if s != "Local" && s.parse::<chrono_tz::Tz>().is_ok() {
        return Ok(s.into());
    }
    let nearest = chrono_tz::TZ_VARIANTS
        .iter()
        .map(|tz| tz.name())
        .map(|name| {
            (
                strsim::jaro_winkler(&s.to_lowercase(), &name.to_lowercase()),
                name,
            )
        })
        .filter(|(score, _)| *score > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    Err(match nearest {
        Some((_, name)) => f(Msg::V_TZ_NEAR, &[("name", name)]),
        None => t(Msg::V_TZ).to_string(),
    })
}

/// An Azure client id (a UUID) for Azure Workload Identity.
pub fn uuid(s: &str) -> Result<String, String> {
    let groups: Vec<&str> = s.split('-').collect();
    let ok = groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()));
    if ok {
        Ok(s.to_ascii_lowercase())
    } else {
        Err(t(Msg::V_UUID).into())
    }
}

/// A GCP project id: 6-30 lowercase letters, digits and '-', starting with a letter.
pub fn gcp_project(s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let ok = (6..=30).contains(&b.len())
        && b[0].is_ascii_lowercase()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && !s.ends_with('-');
    if ok {
        Ok(s.into())
    } else {
        Err(t(Msg::V_GCP_PROJECT).into())
    }
}

/// An AWS region such as `ap-northeast-2` or `us-gov-west-1`.
pub fn aws_region(s: &str) -> Result<String, String> {
    let parts: Vec<&str> = s.split('-').collect();
    let ok = (3..=4).contains(&parts.len())
        && parts[0].len() == 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
        && parts
            .last()
            .is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if ok {
        Ok(s.into())
    } else {
        Err(t(Msg::V_AWS_REGION).into())
    }
}

/// An Azure Key Vault URL, `https://NAME.vault.azure.net/`.
pub fn azure_vault_url(s: &str) -> Result<String, String> {
    let host = s.strip_prefix("https://").map(|h| h.trim_end_matches('/'));
    let ok = host.is_some_and(|h| {
        h.split_once('.').is_some_and(|(name, domain)| {
            !name.is_empty()
                && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && domain.starts_with("vault.")
        })
    });
    if ok {
        Ok(s.into())
    } else {
        Err(t(Msg::V_VAULT_URL).into())
    }
}

/// One RBAC rule of the job's Role.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct RbacRule {
    /// API group ("" for the core group).
    pub api_group: String,
    pub resource: String,
    pub verbs: Vec<String>,
}

/// Verbs a Role rule may grant.
pub const VERBS: [&str; 8] = [
    "get",
    "list",
    "watch",
    "create",
    "update",
    "patch",
    "delete",
    "deletecollection",
];

/// `RESOURCE[.GROUP]:VERB[,VERB]`, e.g. `configmaps:get,list` or `jobs.batch:create`.
pub fn rbac_rule(s: &str) -> Result<RbacRule, String> {
    let hint = || f(Msg::V_RBAC, &[("verbs", &VERBS.join(", "))]);
    let (target, verbs) = s.split_once(':').ok_or_else(hint)?;
    let (resource, group) = target.split_once('.').unwrap_or((target, ""));
    let resource_ok = !resource.is_empty()
        && resource
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'/');
    if !resource_ok || (!group.is_empty() && dns_subdomain(group).is_err()) {
        return Err(hint());
    }
    let verbs: Vec<String> = verbs.split(',').map(str::to_string).collect();
    if verbs.iter().any(|v| !VERBS.contains(&v.as_str())) {
        return Err(hint());
    }
    Ok(RbacRule {
        api_group: group.into(),
        resource: resource.into(),
        verbs,
    })
}

/// A GCP service account e-mail for Workload Identity.
pub fn gcp_service_account(s: &str) -> Result<String, String> {
    match s.split_once('@') {
        Some((user, domain))
            if !user.is_empty()
                && domain.ends_with(".iam.gserviceaccount.com")
                && !s.chars().any(|c| c.is_whitespace()) =>
        {
            Ok(s.to_string())
        }
        _ => Err(
            "must be a service account e-mail, e.g. `restore@my-project.iam.gserviceaccount.com`"
                .into(),
        ),
    }
}

/// An AWS IAM role ARN for IRSA.
pub fn aws_role_arn(s: &str) -> Result<String, String> {
    let parts: Vec<&str> = s.splitn(6, ':').collect();
    let ok = parts.len() == 6
        && parts[0] == "arn"
        && parts[1].starts_with("aws")
        && parts[2] == "iam"
        && parts[4].len() == 12
        && parts[4].bytes().all(|b| b.is_ascii_digit())
        && parts[5]
            .strip_prefix("role/")
            .is_some_and(|r| !r.is_empty())
        && !s.chars().any(|c| c.is_whitespace());
    if ok {
        Ok(s.to_string())
    } else {
        Err(t(Msg::V_IAM_ARN).into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dns_labels() {
        for ok in ["a", "cloud-sql-restore-ojeomneo", "x1", &"a".repeat(63)] {
            assert!(dns_label(ok, 63).is_ok(), "{ok}");
        }
        for bad in ["", "-a", "a-", "A", "a_b", "a.b", "한글", &"a".repeat(64)] {
            assert!(dns_label(bad, 63).is_err(), "{bad}");
        }
        assert!(dns_label(&"a".repeat(53), 52).is_err());
    }

    #[test]
    fn label_values() {
        for ok in ["prod", "v1", "A_b.c-9"] {
            assert!(label_value(ok).is_ok(), "{ok}");
        }
        for bad in ["", "-x", "x.", "a b", "a/b", &"a".repeat(64)] {
            assert!(label_value(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn images_must_be_pinned() {
        for ok in [
            "busybox:1.37",
            "gcr.io/google.com/cloudsdktool/google-cloud-cli:499.0.0-slim",
            "localhost:5000/app:v1",
            "app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        ] {
            assert!(image(ok).is_ok(), "{ok}");
        }
        for bad in [
            "busybox",
            "busybox:latest",
            "localhost:5000/app",
            "a b:1",
            "",
            "app:",
            "app@sha256:xyz",
            ":1",
        ] {
            assert!(image(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn quantities() {
        assert_eq!(quantity("500m").unwrap(), 0.5);
        assert_eq!(quantity("1Gi").unwrap(), 1073741824.0);
        assert_eq!(quantity("2").unwrap(), 2.0);
        assert_eq!(quantity("1e3").unwrap(), 1000.0);
        assert_eq!(quantity("0.5").unwrap(), 0.5);
        for bad in ["", "-1", "1.2.3", "abc", "1GB", "1mi", "m", "1 Gi", "."] {
            assert!(quantity(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn schedules_as_kubernetes_parses_them() {
        for ok in [
            "0 2 * * *",
            "*/15 * * * *",
            "0 0 1 1 *",
            "0 9-17 * * MON-FRI",
            "5,35 * ? * sun",
            "0 0 * JAN,JUL *",
            "@daily",
            "@hourly",
            "@weekly",
            "@monthly",
            "@yearly",
            "@annually",
            "30 4 1-31/2 * *",
            "5/10 * * * *",
        ] {
            assert!(schedule(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "* * * *",
            "* * * * * *",
            "60 * * * *",
            "* 24 * * *",
            "* * 0 * *",
            "* * * 13 *",
            "* * * * 7",
            "TZ=UTC 0 2 * * *",
            "CRON_TZ=Asia/Seoul 0 2 * * *",
            "@every 1h",
            "@often",
            "*/0 * * * *",
            "5-1 * * * *",
            "0 2 L * *",
            "0 2 * * 1#2",
            "x * * * *",
        ] {
            assert!(schedule(bad).is_err(), "{bad}");
        }
        assert!(
            schedule("TZ=UTC 0 2 * * *")
                .unwrap_err()
                .contains("timeZone")
        );
    }

    #[test]
    fn env_keys_and_pairs() {
        assert!(env_key("DB_PASSWORD").is_ok());
        for bad in ["1A", "A B", "", "..", "A=B"] {
            assert!(env_key(bad).is_err(), "{bad}");
        }
        assert!(remote_key("ojeomneo-db-password").is_ok());
        assert!(remote_key("team/api-token").is_ok());
        for bad in ["", "a b"] {
            assert!(remote_key(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn settings() {
        assert_eq!(boolean("true"), Ok(true));
        assert!(boolean("yes").is_err());
        assert!(registry("europe-docker.pkg.dev/team/jobs").is_ok());
        assert!(registry("localhost:5000").is_ok());
        for bad in ["https://gcr.io", "gcr.io/", "GCR.io", ""] {
            assert!(registry(bad).is_err(), "{bad}");
        }
        for ok in ["team", "example.com/team", "app.kubernetes.io/part-of"] {
            assert!(qualified_name(ok).is_ok(), "{ok}");
        }
        for bad in ["", "a b", "/x", "Example_Com/x", "x/"] {
            assert!(qualified_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn free_text_refuses_only_unsafe_controls() {
        for ok in [
            "yes",
            "0777",
            "null",
            "a: b",
            "{{ x }}",
            " lead",
            "two\nlines",
            "tab\there",
            "한글",
        ] {
            assert_eq!(free_text(ok).unwrap(), ok);
        }
        assert!(free_text("nul\0").is_err());
        assert!(free_text("bell\u{7}").is_err());
    }

    #[test]
    fn egress_destinations() {
        assert_eq!(
            egress("https"),
            Ok(Egress {
                cidr: None,
                port: Some(443)
            })
        );
        assert_eq!(egress("cloud-sql").unwrap().port, Some(5432));
        assert_eq!(
            egress("10.20.0.0/16:5432"),
            Ok(Egress {
                cidr: Some("10.20.0.0/16".into()),
                port: Some(5432)
            })
        );
        assert_eq!(
            egress("10.0.0.0/8"),
            Ok(Egress {
                cidr: Some("10.0.0.0/8".into()),
                port: None
            })
        );
        assert_eq!(
            egress("fd00::/8:443"),
            Ok(Egress {
                cidr: Some("fd00::/8".into()),
                port: Some(443)
            })
        );
        assert_eq!(egress("8443").unwrap().port, Some(8443));
        assert_eq!(egress(":53").unwrap().port, Some(53));
        for bad in [
            "",
            "http",
            "10.0.0.0",
            "10.0.0.0/33",
            "10.0.0.0/8:0",
            "10.0.0.0/8:70000",
            "300.0.0.0/8",
            "0",
        ] {
            assert!(egress(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn kube_versions_and_time_zones() {
        assert_eq!(kube_version("1.33"), Ok(33));
        assert_eq!(kube_version("1.29.4"), Ok(29));
        for bad in ["1.24", "1.38", "2.0", "v1.30", "", "1."] {
            assert!(kube_version(bad).is_err(), "{bad}");
        }
        for ok in [
            "UTC",
            "Asia/Seoul",
            "America/Argentina/Buenos_Aires",
            "Etc/GMT+9",
        ] {
            assert!(time_zone(ok).is_ok(), "{ok}");
        }
        for bad in [
            "KST",
            "Seoul",
            "asia/seoul",
            "Asia/",
            "Mars/Olympus",
            "TZ=UTC",
            "Asia/Narnia",
            "Europe/Berln",
            "Local",
        ] {
            assert!(time_zone(bad).is_err(), "{bad}");
        }
        // Backward links are names the database knows.
        assert!(time_zone("US/Pacific").is_ok());
        let e = time_zone("Europe/Berln").unwrap_err();
        assert!(e.contains("did you mean `Europe/Berlin`?"), "{e}");
        let e = time_zone("asia/seoul").unwrap_err();
        assert!(e.contains("did you mean `Asia/Seoul`?"), "{e}");
    }

    #[test]
    fn stores_and_rbac() {
        assert!(uuid("0F8FAD5B-D9CB-469F-A165-70867728950E").is_ok());
        assert!(uuid("not-a-uuid").is_err());
        assert!(gcp_project("ojeomneo-prod").is_ok());
        assert!(gcp_project("Prod").is_err());
        assert!(aws_region("ap-northeast-2").is_ok());
        assert!(aws_region("us-gov-west-1").is_ok());
        assert!(aws_region("seoul").is_err());
        assert!(azure_vault_url("https://ojeomneo-kv.vault.azure.net/").is_ok());
        assert!(azure_vault_url("http://kv.vault.azure.net").is_err());
        assert_eq!(
            rbac_rule("jobs.batch:create,get"),
            Ok(RbacRule {
                api_group: "batch".into(),
                resource: "jobs".into(),
                verbs: vec!["create".into(), "get".into()]
            })
        );
        assert_eq!(rbac_rule("pods/log:get").unwrap().resource, "pods/log");
        for bad in ["pods", "pods:", "pods:fly", "Pods:get", ":get"] {
            assert!(rbac_rule(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn cloud_identities() {
        assert!(gcp_service_account("restore@proj.iam.gserviceaccount.com").is_ok());
        assert!(gcp_service_account("restore@gmail.com").is_err());
        assert!(aws_role_arn("arn:aws:iam::123456789012:role/restore").is_ok());
        assert!(aws_role_arn("arn:aws:iam::123:role/restore").is_err());
        assert!(aws_role_arn("arn:aws:s3:::bucket").is_err());
    }

    #[test]
    fn numbers_and_choices() {
        assert_eq!(number("3600", 0, INT32_MAX).unwrap(), 3600);
        assert!(number("-1", 0, 10).is_err());
        assert!(number("abc", 0, 10).is_err());
        assert!(number("0", 1, 10).is_err());
        assert!(one_of("cron", &["one-off", "cron"]).is_ok());
        assert!(one_of("Cron", &["one-off", "cron"]).is_err());
    }
}
