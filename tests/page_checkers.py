"""The page checkers installed from npm by ``scripts/bootstrap test`` (tests/tools):
the Nu Html Checker and Lighthouse. Without them a test skips on a developer's
machine and fails in CI, where they must run."""

import os
import shutil
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parent / "tools" / "node_modules"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = TOOLS / ".bin" / "lighthouse"


def _missing(reason):
    if os.environ.get("CI"):
        pytest.fail(f"page checks cannot run in CI: {reason}")
    pytest.skip(reason)


def vnu():
    """The command that runs the Nu Html Checker."""
    if not shutil.which("java"):
        _missing("the Nu Html Checker needs Java")
    if not VNU.exists():
        _missing("the Nu Html Checker is not installed (scripts/bootstrap test)")
    return [shutil.which("java"), "-jar", str(VNU)]


def lighthouse():
    if not shutil.which("node"):
        _missing("Lighthouse needs Node.js")
    if not LIGHTHOUSE.exists():
        _missing("Lighthouse is not installed (scripts/bootstrap test)")
    return str(LIGHTHOUSE)
