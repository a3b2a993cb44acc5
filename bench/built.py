"""Where cargo puts jobgen: `target/<host tuple>/<profile>/jobgen`, since
.cargo/config.toml builds for the host tuple (a static binary on Linux
with glibc: README, Speed). Honours CARGO_TARGET_DIR. Imported by the
bench scripts for their default binary."""
import os
import subprocess


def jobgen(profile="release"):
    host = subprocess.run(["rustc", "-vV"], capture_output=True, text=True, check=True).stdout
    host = next(l.split(": ", 1)[1] for l in host.splitlines() if l.startswith("host: "))
    # Absolute, so a script that works in another folder still finds it.
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(root, "target"))
    return os.path.join(os.path.abspath(target), host, profile, "jobgen")
