//! One integration-test binary: the real `jobgen` in temporary folders.

mod controls;
mod crd;
mod customise;
mod examples;
mod freetext;
mod harness;
mod identity;
mod interactive;
mod kube;
mod lint;
mod matrix;
mod monitoring;
mod new;
mod readme;
mod snapshots;
mod validation;
