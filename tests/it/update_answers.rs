//! Property: on an unedited folder, `jobgen update` with changed answers
//! gives what `jobgen new` gives for those answers (the same objects, field
//! for field; text files byte for byte), and a second update changes nothing.

use assert_fs::TempDir;
use jobgen::update::merge::Tree;
use proptest::prelude::*;

use crate::harness::{jobgen, new_in, read_folder};

/// Answer changes that move many fields and whole files.
const CHOICES: &[&[&str]] = &[
    &[],
    &["--pattern", "cron", "--schedule", "*/15 * * * *"],
    &[
        "--pattern",
        "parallel",
        "--parallelism",
        "3",
        "--completions",
        "6",
    ],
    &["--size", "heavy"],
    &["--ttl", "86400", "--backoff-limit", "0"],
    &["--egress", "https", "--egress", "postgres"],
    &["--env-var", "MODE=full", "--env-var", "LEVEL=debug"],
    &["--secret", "DB_PASSWORD=db-password"],
    &["--no-configmap", "--no-network-policy"],
    &["--monitoring"],
    &["--aws-role-arn", "arn:aws:iam::123456789012:role/job"],
    &[
        "--image",
        "postgres:17.2",
        "--",
        "pg_restore",
        "--clean",
        "/dump",
    ],
];

fn objects(text: &str) -> Vec<Tree> {
    jobgen::yaml::parse_all(text)
        .unwrap_or_else(|e| panic!("{e:?}\n{text}"))
        .iter()
        .map(|d| Tree::from(&d.value))
        .collect()
}

/// The same objects in any order, each field for field.
fn same_objects(a: &str, b: &str) -> bool {
    let (a, b) = (objects(a), objects(b));
    a.len() == b.len() && a.iter().all(|x| b.iter().any(|y| x.same(y)))
}

/// Flags with their values, and the command after `--` (with the `--`).
fn split<'a>(args: &[&'a str]) -> (Vec<(&'a str, Vec<&'a str>)>, Vec<&'a str>) {
    let (flags, command) = match args.iter().position(|a| *a == "--") {
        Some(i) => args.split_at(i),
        None => (args, &[][..]),
    };
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for a in flags {
        match groups.last_mut() {
            Some((_, values)) if !a.starts_with("--") => values.push(a),
            _ => groups.push((a, Vec::new())),
        }
    }
    (groups, command.to_vec())
}

fn new(dir: &TempDir, name: &str, args: &[&str]) {
    new_in(dir.path(), &[&[name], args].concat());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn update_with_new_answers_matches_new(from in 0..CHOICES.len(), to in 0..CHOICES.len()) {
        let dir = TempDir::new().unwrap();
        new(&dir, "restore-db", CHOICES[from]);
        std::fs::create_dir(dir.path().join("fresh")).unwrap();
        // What `new` makes from the first answers changed by the second:
        // a flag the second sets replaces the first's.
        let (from_flags, from_cmd) = split(CHOICES[from]);
        let (to_flags, to_cmd) = split(CHOICES[to]);
        let mut flags: Vec<&str> = Vec::new();
        for (flag, values) in &from_flags {
            if !to_flags.iter().any(|(f, _)| f == flag) {
                flags.push(flag);
                flags.extend(values);
            }
        }
        for (flag, values) in &to_flags {
            flags.push(flag);
            flags.extend(values);
        }
        let command = if to_cmd.is_empty() { from_cmd } else { to_cmd };
        let wanted = jobgen()
            .current_dir(dir.path().join("fresh"))
            .args(["new", "restore-db", "--no-input"])
            .args(&flags)
            .args(&command)
            .output()
            .unwrap();
        let update = jobgen()
            .current_dir(dir.path())
            .args(["update", "restore-db"])
            .args(CHOICES[to])
            .output()
            .unwrap();
        // Where `new` refuses the combination, update refuses it too.
        prop_assert_eq!(wanted.status.success(), update.status.success(),
            "new: {} update: {}", String::from_utf8_lossy(&wanted.stderr), String::from_utf8_lossy(&update.stderr));
        if !wanted.status.success() {
            return Ok(());
        }
        let got = read_folder(&dir.path().join("restore-db"));
        let want = read_folder(&dir.path().join("fresh/restore-db"));
        let names = |f: &[(String, String)]| f.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        prop_assert_eq!(names(&got), names(&want));
        for ((name, g), (_, w)) in got.iter().zip(&want) {
            if name.ends_with(".yaml") {
                prop_assert!(same_objects(g, w), "{} differs:\n{}\n---- new gives ----\n{}", name, g, w);
            } else {
                prop_assert_eq!(g, w, "{}", name);
            }
        }
        let again = jobgen().current_dir(dir.path()).args(["update", "restore-db"]).output().unwrap();
        prop_assert!(String::from_utf8_lossy(&again.stderr).contains("up to date"));
    }
}
