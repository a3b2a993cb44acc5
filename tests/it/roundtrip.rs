//! Property: `jobgen update` with no template change and no new answers is
//! a no-op on any edited folder: every file, edited or not, stays byte for
//! byte, and `jobgen check` calls the folder current.

use assert_fs::TempDir;
use proptest::prelude::*;

use crate::harness::{jobgen, new_in, read_folder};

/// The three patterns.
const PATTERNS: [(&str, &[&str]); 3] = [
    ("restore-db", &[]),
    ("backup-db", &["--pattern", "cron", "--monitoring"]),
    (
        "resize-images",
        &["--pattern", "parallel", "--env-var", "A=1"],
    ),
];

const FILES: [&str; 4] = [
    "job.yaml",
    "configmap.yaml",
    "service-account.yaml",
    "README.md",
];

/// One edit a user might make.
#[derive(Debug, Clone)]
struct Edit {
    file: usize,
    op: u8,
    at: usize,
    text: String,
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(
        (
            0..FILES.len(),
            0u8..5,
            any::<usize>(),
            "[a-zA-Z0-9 _:#'{}/.-]{0,16}",
        )
            .prop_map(|(file, op, at, text)| Edit { file, op, at, text }),
        1..6,
    )
}

/// Lines of the form `key: value` (leaf fields), by index.
fn leaf_lines(lines: &[String]) -> Vec<usize> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            let t = l.trim_start().trim_start_matches("- ");
            !l.trim_start().starts_with('#')
                && t.split_once(": ").is_some_and(|(k, v)| {
                    !k.is_empty() && !k.contains(' ') && !v.trim().is_empty() && !v.starts_with('|')
                })
        })
        .map(|(i, _)| i)
        .collect()
}

fn apply(text: &str, e: &Edit, yaml: bool) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let quoted = serde_json::to_string(&e.text).unwrap();
    if !yaml {
        let i = e.at % (lines.len() + 1);
        match e.op % 2 {
            0 => lines.insert(i, e.text.clone()),
            _ if i < lines.len() => lines[i] = e.text.clone(),
            _ => lines.push(e.text.clone()),
        }
        return lines.join("\n") + "\n";
    }
    let leaves = leaf_lines(&lines);
    let leaf = leaves[e.at % leaves.len()];
    let indent: String = lines[leaf].chars().take_while(|c| *c == ' ').collect();
    let sibling = if lines[leaf].trim_start().starts_with("- ") {
        format!("{indent}  ")
    } else {
        indent.clone()
    };
    match e.op {
        // Change a value.
        0 => {
            let (k, _) = lines[leaf].split_once(": ").unwrap();
            lines[leaf] = format!("{k}: {quoted}");
        }
        // A comment line.
        1 => lines.insert(leaf, format!("{sibling}# {}", e.text)),
        // Another object in the file.
        2 => lines.push(format!(
            "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra-{}\ndata:\n  K: {quoted}",
            e.at % 1000
        )),
        // Remove a field (not the first of a list item).
        3 if !lines[leaf].trim_start().starts_with("- ") => {
            lines.remove(leaf);
        }
        // Add a field beside another.
        _ => lines.insert(leaf + 1, format!("{sibling}x-added-{}: {quoted}", e.at % 1000)),
    }
    lines.join("\n") + "\n"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn update_without_changes_is_a_no_op_on_an_edited_folder(pattern in 0usize..3, edits in edits()) {
        let dir = TempDir::new().unwrap();
        let (name, args) = PATTERNS[pattern];
        new_in(dir.path(), &[&[name], args].concat());
        let folder = dir.path().join(name);
        for e in &edits {
            let path = folder.join(FILES[e.file]);
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            let yaml = FILES[e.file].ends_with(".yaml");
            let edited = apply(&text, e, yaml);
            if yaml && jobgen::yaml::parse_all(&edited).is_err() {
                continue;
            }
            std::fs::write(&path, edited).unwrap();
        }
        let before = read_folder(&folder);
        let out = jobgen().arg("update").arg(&folder).output().unwrap();
        prop_assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        prop_assert!(String::from_utf8_lossy(&out.stderr).contains("up to date"));
        prop_assert_eq!(read_folder(&folder), before);
        let out = jobgen().arg("check").arg(&folder).output().unwrap();
        prop_assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    }
}
