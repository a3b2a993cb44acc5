//! One integration-test binary: the real `jobgen` in temporary folders.

mod adopt;
mod adopt_fixtures;
mod alerts;
mod cli_conventions;
mod cluster;
mod controls;
mod crd;
mod customise;
mod examples;

mod freetext;
mod habits;
mod harness;
mod honest;
mod identity;
mod interactive;
mod kube;
mod lint;
mod lint_refs;
mod lint_sarif;
mod lint_scope;
mod matrix;
mod merge_fixtures;
mod monitoring;
mod new;
mod order;
mod paths;
mod pointers;
mod races;
mod readme;
mod roundtrip;
mod snapshots;
mod start;
mod update;
mod update_answers;
mod validation;
