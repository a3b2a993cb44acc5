//! Every closed choice an answer can take, each defined once: its variants
//! and their spellings. The command line's possible values (help and
//! completions), the JSON schema, the validator, the checked `Answers` and
//! the template context (a choice serializes as its spelling) all come from
//! here. A leaf: it imports nothing from the crate.

/// What every choice offers.
pub trait Choice: Copy + Default + 'static {
    /// The spellings, in prompt and help order.
    const NAMES: &'static [&'static str];
    /// Parses a spelling.
    fn parse(s: &str) -> Option<Self>;
    /// The spelling.
    fn as_str(self) -> &'static str;
}

/// Defines a choice: the enum, its spellings, parsing, `Display`,
/// serialization as the spelling, and comparison with a spelling.
macro_rules! choice {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub enum $name {
            #[default]
            $($(#[$vdoc])* $variant),+
        }

        impl $name {
            /// The spellings, in prompt and help order.
            pub const NAMES: &'static [&'static str] = &[$($text),+];
            /// Every variant, in the same order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// Parses a spelling.
            pub fn parse(s: &str) -> Option<$name> {
                match s {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// The spelling.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl Choice for $name {
            const NAMES: &'static [&'static str] = $name::NAMES;
            fn parse(s: &str) -> Option<$name> {
                $name::parse(s)
            }
            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
    };
}

// `#[default]` goes on the first variant: the macro puts it there.
choice! {
    /// The three job patterns of the conventions.
    Pattern {
        /// A Job that runs once (migration, restore).
        OneOff = "one-off",
        /// A CronJob (periodic backup, cleanup).
        Cron = "cron",
        /// An Indexed Job with several pods at once (batch processing).
        Parallel = "parallel",
    }
}

choice! {
    /// Resource tiers: the seed's light/medium/heavy requests, with limits
    /// chosen by us (`Size::resources` in `defaults`).
    Size {
        /// requests 100m/256Mi, limits 500m/512Mi (the seed's example).
        Light = "light",
        /// requests 200m/512Mi, limits 1/1Gi.
        Medium = "medium",
        /// requests 500m/1Gi, limits 2/2Gi.
        Heavy = "heavy",
    }
}

choice! {
    /// A Job's pod restart policy (Always is not allowed for a Job).
    RestartPolicy {
        /// A failed pod stays for its logs; the Job makes a new one.
        Never = "Never",
        /// The container restarts in place.
        OnFailure = "OnFailure",
    }
}

choice! {
    /// The kind of the store an ExternalSecret reads through.
    StoreKind {
        /// Cluster-wide.
        ClusterSecretStore = "ClusterSecretStore",
        /// In the job's namespace.
        SecretStore = "SecretStore",
    }
}

choice! {
    /// The language of the folder README.
    Lang {
        /// English.
        En = "en",
        /// Korean.
        Ko = "ko",
    }
}

choice! {
    /// What a CronJob does when a run is due while the last one still runs.
    ConcurrencyPolicy {
        /// Skip the new run.
        Forbid = "Forbid",
        /// Run both.
        Allow = "Allow",
        /// Stop the old run, start the new one.
        Replace = "Replace",
    }
}

choice! {
    /// The cloud of the job's identity and secret store.
    Provider {
        /// Google Cloud: GKE Workload Identity, Secret Manager.
        Gcp = "gcp",
        /// AWS: EKS IRSA, Secrets Manager.
        Aws = "aws",
        /// Azure: Workload Identity, Key Vault.
        Azure = "azure",
        /// No cloud identity.
        None = "none",
    }
}

choice! {
    /// How the team deploys job folders; a one-off or parallel Job must not
    /// run again by accident under any of them.
    Gitops {
        /// `kubectl apply -f DIR/` (the conventions).
        Kubectl = "kubectl",
        /// Argo CD: the Job is a Sync hook, deleted before its next run.
        Argocd = "argocd",
        /// Flux: the Job is force-recreated on change and kept (no TTL).
        Flux = "flux",
    }
}

choice! {
    /// The cluster DNS a NetworkPolicy lets jobs reach.
    Dns {
        /// The kube-dns pods in kube-system (a stock cluster).
        KubeDns = "kube-dns",
        /// Also NodeLocal DNSCache at 169.254.20.10.
        NodeLocalDns = "node-local-dns",
        /// Also GKE Cloud DNS at 169.254.169.254.
        GkeCloudDns = "gke-cloud-dns",
    }
}

choice! {
    /// Which rules `jobgen lint` applies.
    LintProfile {
        /// Everything: Kubernetes, Pod Security, references and the team
        /// conventions.
        Conventions = "conventions",
        /// Kubernetes correctness, Pod Security and references only.
        Kubernetes = "kubernetes",
    }
}

choice! {
    /// What `resources-missing` asks of each container.
    ResourcesCheck {
        /// CPU and memory requests and limits.
        RequestsAndLimits = "requests-and-limits",
        /// CPU and memory requests (teams that leave limits off on purpose).
        Requests = "requests",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_round_trip_and_serialize_as_themselves() {
        for name in Pattern::NAMES {
            assert_eq!(Pattern::parse(name).map(Pattern::as_str), Some(*name));
        }
        assert_eq!(Pattern::parse("Cron"), None);
        assert_eq!(Pattern::default(), Pattern::OneOff);
        assert_eq!(
            serde_json::to_string(&Dns::NodeLocalDns).unwrap(),
            "\"node-local-dns\""
        );
        assert!(RestartPolicy::Never == "Never");
    }
}
