"""Where cargo puts jobgen: `target/<profile>/jobgen` (honours
CARGO_TARGET_DIR). Imported by the bench scripts for their default binary."""
import os


def jobgen(profile="release"):
    # Absolute, so a script that works in another folder still finds it.
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(root, "target"))
    return os.path.join(os.path.abspath(target), profile, "jobgen")
