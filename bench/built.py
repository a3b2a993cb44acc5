"""Where cargo puts jobgen: `target/<host tuple>/<profile>/jobgen`, since
.cargo/config.toml builds for the host tuple (a static binary on Linux
with glibc: README, Speed). Honours CARGO_TARGET_DIR. Imported by the
bench scripts for their default binary."""
import os
import subprocess


def jobgen(profile="release"):
    host = subprocess.run(["rustc", "-vV"], capture_output=True, text=True, check=True).stdout
    host = next(l.split(": ", 1)[1] for l in host.splitlines() if l.startswith("host: "))
    return os.path.join(os.environ.get("CARGO_TARGET_DIR", "target"), host, profile, "jobgen")
