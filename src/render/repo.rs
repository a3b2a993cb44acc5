//! Team templates kept in a git repository: the source as config and
//! `--templates` spell it, a ref resolved to a commit, and the commit's
//! files fetched once into a cache keyed by URL and commit, so later runs
//! at that commit need no network (`--offline` uses the cache alone).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::git;

/// A repository source: `git+URL[@REF][#PATH]` (the spelling of
/// `--templates`, and of `templates:` once read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repo {
    /// Any URL git understands, or a local path.
    pub url: String,
    /// A tag, branch or full commit; None: the remote's default branch.
    pub reference: Option<String>,
    /// The sub-folder holding the `*.tera` files.
    pub path: Option<String>,
}

/// What a ref resolved to: the commit and the folder of its templates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub repo: Repo,
    pub commit: String,
    /// The folder of `*.tera` files in the cache.
    pub dir: PathBuf,
    /// A note for the user (a tag that moved since it was cached).
    pub note: Option<String>,
}

impl Resolved {
    /// The version as people read it: `v1.4.0 (0123abc)`, or the commit.
    pub fn version(&self) -> String {
        version(self.repo.reference.as_deref(), &self.commit)
    }
}

/// A ref and its commit as people read them: `v1.4.0 (0123abc)`, or the
/// short commit alone when no ref (or the commit itself) was asked for.
pub fn version(reference: Option<&str>, commit: &str) -> String {
    let short = &commit[..commit.len().min(7)];
    match reference {
        Some(r) if r != commit => format!("{r} ({short})"),
        _ => short.to_string(),
    }
}

const PREFIX: &str = "git+";

/// Characters a ref cannot hold as is in `git+URL@REF#PATH`.
fn escape(s: &str) -> String {
    s.replace('%', "%25")
        .replace('/', "%2F")
        .replace('@', "%40")
        .replace('#', "%23")
}

fn unescape(s: &str) -> String {
    s.replace("%2F", "/")
        .replace("%40", "@")
        .replace("%23", "#")
        .replace("%25", "%")
}

impl Repo {
    /// Reads `git+URL[@REF][#PATH]`; None for anything else (a folder).
    pub fn parse(text: &str) -> Option<Repo> {
        let rest = text.strip_prefix(PREFIX)?;
        let (rest, path) = match rest.rsplit_once('#') {
            Some((r, p)) => (r, Some(p.to_string()).filter(|p| !p.is_empty())),
            None => (rest, None),
        };
        // A ref follows the last `@` when what follows has no `/` or `:`
        // (`git@host:org/repo.git` and `https://user@host/x` have none).
        let (url, reference) = match rest.rsplit_once('@') {
            Some((u, r)) if !r.is_empty() && !r.contains(['/', ':']) && !u.is_empty() => {
                (u, Some(unescape(r)))
            }
            _ => (rest, None),
        };
        Some(Repo {
            url: url.to_string(),
            reference,
            path,
        })
    }

    /// The spelling [`Repo::parse`] reads.
    pub fn spelt(&self) -> String {
        let mut s = format!("{PREFIX}{}", self.url);
        if let Some(r) = &self.reference {
            s.push('@');
            s.push_str(&escape(r));
        }
        if let Some(p) = &self.path {
            s.push('#');
            s.push_str(p);
        }
        s
    }
}

/// True for a `templates` value that names a repository.
pub fn is_repo(text: &str) -> bool {
    text.starts_with(PREFIX)
}

/// The cache: `$XDG_CACHE_HOME/jobgen/templates`, else
/// `~/.cache/jobgen/templates`.
pub fn cache_root() -> Option<PathBuf> {
    let base = match std::env::var_os("XDG_CACHE_HOME").filter(|v| !v.is_empty()) {
        Some(x) => PathBuf::from(x),
        None => PathBuf::from(std::env::var_os("HOME")?).join(".cache"),
    };
    Some(base.join("jobgen").join("templates"))
}

/// The cache folder of one repository: a readable part of the URL and a
/// hash of all of it.
fn repo_cache(url: &str) -> Option<PathBuf> {
    let mut hash: u64 = 0xcbf29ce484222325;
    for b in url.bytes() {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x100000001b3);
    }
    let tail: String = url
        .rsplit(['/', ':'])
        .find(|s| !s.is_empty())
        .unwrap_or("repo")
        .trim_end_matches(".git")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(40)
        .collect();
    Some(cache_root()?.join(format!("{tail}-{hash:016x}")))
}

/// The refs a repository has (`git ls-remote`): (name, commit), annotated
/// tags peeled to their commit.
pub fn remote_refs(url: &str) -> Result<Vec<(String, String)>, String> {
    let out = git::run(&["ls-remote", "--", url], None)?;
    let mut refs: Vec<(String, String)> = Vec::new();
    for line in out.lines() {
        let Some((commit, name)) = line.split_once('\t') else {
            continue;
        };
        match name.strip_suffix("^{}") {
            // The peeled commit of an annotated tag replaces the tag object.
            Some(tag) => match refs.iter_mut().find(|(n, _)| n == tag) {
                Some(r) => r.1 = commit.to_string(),
                None => refs.push((tag.to_string(), commit.to_string())),
            },
            None => refs.push((name.to_string(), commit.to_string())),
        }
    }
    Ok(refs)
}

/// The commit `reference` names among `refs`: a tag, a branch, `HEAD`
/// (no reference), a full ref name, or a full commit id.
fn pick(refs: &[(String, String)], reference: Option<&str>) -> Option<(String, String)> {
    let find = |name: &str| refs.iter().find(|(n, _)| n == name).cloned();
    match reference {
        None => find("HEAD"),
        Some(r) => find(&format!("refs/tags/{r}"))
            .or_else(|| find(&format!("refs/heads/{r}")))
            .or_else(|| find(r))
            .or_else(|| {
                (r.len() == 40 && r.bytes().all(|b| b.is_ascii_hexdigit()))
                    .then(|| (r.to_string(), r.to_lowercase()))
            }),
    }
}

/// The refs the cache saw a repository's refs resolve to, as tags (what
/// `templates versions --offline` lists).
pub fn cached_refs(url: &str) -> Vec<(String, String)> {
    repo_cache(url)
        .map(|cache| read_seen(&cache))
        .unwrap_or_default()
        .into_iter()
        .filter(|(r, _)| r != "HEAD")
        .map(|(r, c)| (format!("refs/tags/{r}"), c))
        .collect()
}

/// What `--offline` and `JOBGEN_OFFLINE=1` ask: the cache alone.
pub fn offline_env() -> bool {
    std::env::var("JOBGEN_OFFLINE").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// Resolutions of this run, by (URL, ref): `check` and `update` ask once
/// for many folders.
static RESOLVED: Mutex<Vec<(String, Option<String>, Resolved)>> = Mutex::new(Vec::new());

/// Resolves `repo` to a commit and its templates folder: from the cache
/// when the commit is there, fetching it otherwise; offline, from what the
/// cache last saw the ref point at.
pub fn resolve(repo: &Repo, offline: bool) -> Result<Resolved, String> {
    let memo = RESOLVED.lock().ok().and_then(|m| {
        m.iter()
            .find(|(u, r, _)| *u == repo.url && *r == repo.reference)
            .map(|(_, _, res)| res.clone())
    });
    if let Some(mut res) = memo {
        res.repo = repo.clone();
        res.note = None;
        return folder_in(res);
    }
    let cache =
        repo_cache(&repo.url).ok_or("no cache folder: neither XDG_CACHE_HOME nor HOME is set")?;
    let seen = read_seen(&cache);
    let asked = repo.reference.clone().unwrap_or_else(|| "HEAD".into());
    // A full commit id already fetched needs no network at all.
    let pinned = asked.len() == 40
        && asked.bytes().all(|b| b.is_ascii_hexdigit())
        && cache.join(asked.to_lowercase()).is_dir();
    let (commit, note) = match offline || pinned {
        true => {
            let commit = seen
                .iter()
                .find(|(r, _)| *r == asked)
                .map(|(_, c)| c.clone())
                .or_else(|| {
                    let full = asked.len() == 40 && cache.join(&asked).is_dir();
                    full.then(|| asked.clone())
                })
                .ok_or_else(|| {
                    format!(
                        "{asked} of {} is not in the cache, and jobgen is offline (--offline or JOBGEN_OFFLINE); run once online to fetch it",
                        repo.url
                    )
                })?;
            (commit, None)
        }
        false => {
            let refs = remote_refs(&repo.url)?;
            let (name, commit) = pick(&refs, repo.reference.as_deref()).ok_or_else(|| {
                format!(
                    "{} has no tag, branch or commit `{asked}`{}",
                    repo.url,
                    tag_hint(&refs)
                )
            })?;
            let before = seen
                .iter()
                .find(|(r, _)| *r == asked)
                .map(|(_, c)| c.clone());
            let note = before.filter(|b| *b != commit).map(|b| {
                format!(
                    "{asked} of {} moved: it was {} when jobgen fetched it, it is {} now (the commit is what counts)",
                    repo.url,
                    &b[..b.len().min(7)],
                    &commit[..commit.len().min(7)]
                )
            });
            if !cache.join(&commit).is_dir() {
                fetch(&repo.url, &name, &commit, &cache)?;
            }
            remember(&cache, &repo.url, &asked, &commit);
            (commit, note)
        }
    };
    let res = Resolved {
        repo: repo.clone(),
        commit,
        dir: PathBuf::new(),
        note,
    };
    if let Ok(mut m) = RESOLVED.lock() {
        m.push((repo.url.clone(), repo.reference.clone(), res.clone()));
    }
    folder_in(res)
}

/// The templates folder of a resolved commit: its `path`, which must exist
/// and hold templates.
fn folder_in(mut res: Resolved) -> Result<Resolved, String> {
    let cache = repo_cache(&res.repo.url).ok_or("no cache folder")?;
    let root = cache.join(&res.commit);
    let dir = match &res.repo.path {
        Some(p) => root.join(p.trim_matches('/')),
        None => root,
    };
    let inside = dir.canonicalize().ok();
    let root_real = cache.join(&res.commit).canonicalize().ok();
    let contained = matches!((&inside, &root_real), (Some(d), Some(r)) if d.starts_with(r));
    if !dir.is_dir() || !contained {
        return Err(format!(
            "{} at {} has no folder `{}`",
            res.repo.url,
            res.version(),
            res.repo.path.as_deref().unwrap_or_default()
        ));
    }
    let has_templates = std::fs::read_dir(&dir)
        .map(|entries| {
            entries.flatten().any(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                name.ends_with(".tera") || name.ends_with(".off")
            })
        })
        .unwrap_or(false);
    if !has_templates {
        return Err(format!(
            "{} at {} holds no templates (*.tera or *.off files){}",
            res.repo.url,
            res.version(),
            match &res.repo.path {
                Some(p) => format!(" in `{p}`"),
                None => " at its top; name the sub-folder with `path:` (or #PATH)".into(),
            }
        ));
    }
    res.dir = dir;
    Ok(res)
}

/// Some tag names, to say what there is.
fn tag_hint(refs: &[(String, String)]) -> String {
    let tags: Vec<&str> = refs
        .iter()
        .filter_map(|(n, _)| n.strip_prefix("refs/tags/"))
        .collect();
    match tags.is_empty() {
        true => String::new(),
        false => format!("; its tags: {}", newest_first(tags).join(", ")),
    }
}

/// Fetches `name` (a ref, or a commit) of `url` into `cache/commit`: a
/// shallow fetch into a temporary folder, checked out, renamed into place.
fn fetch(url: &str, name: &str, commit: &str, cache: &Path) -> Result<(), String> {
    std::fs::create_dir_all(cache).map_err(|e| crate::error::plain_io(&e))?;
    let tmp = cache.join(format!(".fetch-{}-{commit}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).map_err(|e| crate::error::plain_io(&e))?;
    let result = (|| {
        git::run(&["init", "-q"], Some(&tmp))?;
        let shallow = git::run(
            &["fetch", "-q", "--depth", "1", "--", url, name],
            Some(&tmp),
        );
        if shallow.is_err() {
            // Some servers refuse a shallow fetch (or one by commit id).
            git::run(&["fetch", "-q", "--", url, name], Some(&tmp))?;
        }
        let fetched = git::run(&["rev-parse", "FETCH_HEAD^{commit}"], Some(&tmp))?;
        if fetched.trim() != commit {
            return Err(format!(
                "{name} of {url} moved while it was fetched; run again"
            ));
        }
        // A symlink in the repository becomes a file holding its target's
        // name: templates from a repository never read files outside it.
        let checkout = [
            "-c",
            "core.symlinks=false",
            "checkout",
            "-q",
            "--detach",
            "FETCH_HEAD",
        ];
        git::run(&checkout, Some(&tmp))?;
        std::fs::remove_dir_all(tmp.join(".git")).map_err(|e| crate::error::plain_io(&e))?;
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    // Another run may have put the same commit there first: theirs stays.
    if std::fs::rename(&tmp, cache.join(commit)).is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    Ok(())
}

/// The file in a repository's cache folder recording what each ref last
/// resolved to, one `REF COMMIT` a line, after a line with the URL.
const SEEN: &str = "refs";

fn read_seen(cache: &Path) -> Vec<(String, String)> {
    std::fs::read_to_string(cache.join(SEEN))
        .unwrap_or_default()
        .lines()
        .skip(1)
        .filter_map(|l| l.rsplit_once(' '))
        .map(|(r, c)| (r.to_string(), c.to_string()))
        .collect()
}

/// Records that `asked` resolved to `commit` (best effort: the cache only
/// saves work and notices moved tags).
fn remember(cache: &Path, url: &str, asked: &str, commit: &str) {
    let mut seen = read_seen(cache);
    seen.retain(|(r, _)| r != asked);
    seen.push((asked.to_string(), commit.to_string()));
    let mut text = format!("{url}\n");
    for (r, c) in seen {
        text.push_str(&format!("{r} {c}\n"));
    }
    let tmp = cache.join(format!(".{SEEN}-{}", std::process::id()));
    if std::fs::write(&tmp, text).is_ok() {
        let _ = std::fs::rename(&tmp, cache.join(SEEN));
    }
}

/// Tags newest first by version order: `v1.10.0` after `v1.9.0`, numbers
/// compared as numbers.
pub fn newest_first(mut tags: Vec<&str>) -> Vec<&str> {
    fn parts(t: &str) -> Vec<(u64, String)> {
        let mut out = Vec::new();
        let mut rest = t;
        while !rest.is_empty() {
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if digits > 0 {
                out.push((rest[..digits].parse().unwrap_or(u64::MAX), String::new()));
                rest = &rest[digits..];
            } else {
                let text =
                    rest.len() - rest.trim_start_matches(|c: char| !c.is_ascii_digit()).len();
                out.push((0, rest[..text].to_string()));
                rest = &rest[text..];
            }
        }
        out
    }
    tags.sort_by_key(|t| std::cmp::Reverse(parts(t)));
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_read_and_spell_back() {
        let r = Repo::parse("git+https://git.example.com/p/t.git@v1.4.0#jobs/").unwrap();
        assert_eq!(r.url, "https://git.example.com/p/t.git");
        assert_eq!(r.reference.as_deref(), Some("v1.4.0"));
        assert_eq!(r.path.as_deref(), Some("jobs/"));
        assert_eq!(
            r.spelt(),
            "git+https://git.example.com/p/t.git@v1.4.0#jobs/"
        );
        let ssh = Repo::parse("git+git@github.com:org/t.git").unwrap();
        assert_eq!(
            (ssh.url.as_str(), ssh.reference),
            ("git@github.com:org/t.git", None)
        );
        let user = Repo::parse("git+https://me@host/t.git").unwrap();
        assert_eq!(
            (user.url.as_str(), user.reference),
            ("https://me@host/t.git", None)
        );
        let slash = Repo {
            url: "/srv/t".into(),
            reference: Some("release/1.4".into()),
            path: None,
        };
        assert_eq!(Repo::parse(&slash.spelt()), Some(slash));
        assert_eq!(Repo::parse("templates"), None);
    }

    #[test]
    fn tags_sort_newest_first_by_version() {
        assert_eq!(
            newest_first(vec!["v1.9.0", "v1.10.0", "v1.2.0", "v0.9"]),
            ["v1.10.0", "v1.9.0", "v1.2.0", "v0.9"]
        );
    }

    #[test]
    fn refs_pick_tags_then_branches_then_commits() {
        let refs = vec![
            ("HEAD".to_string(), "a".repeat(40)),
            ("refs/heads/main".to_string(), "a".repeat(40)),
            ("refs/tags/v1".to_string(), "b".repeat(40)),
            ("refs/heads/v1".to_string(), "c".repeat(40)),
        ];
        assert_eq!(pick(&refs, None).unwrap().1, "a".repeat(40));
        assert_eq!(pick(&refs, Some("v1")).unwrap().1, "b".repeat(40));
        assert_eq!(pick(&refs, Some("main")).unwrap().1, "a".repeat(40));
        let id = "d".repeat(40);
        assert_eq!(pick(&refs, Some(&id)).unwrap().1, id);
        assert_eq!(pick(&refs, Some("v2")), None);
    }
}
