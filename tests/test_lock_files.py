"""The lock files the two README commands install from agree with pyproject.toml: every
dependency pinned, at a version its range allows, so a fresh machine gets what was tested."""

import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def pins(lock):
    lines = (ROOT / "requirements" / lock).read_text().splitlines()
    found = {}
    for line in lines:
        if line and not line.startswith("#"):
            name, version = line.split("==")
            found[canonicalize_name(name)] = version
    return found


@pytest.mark.parametrize(("lock", "wanted"), [
    ("base.lock", PROJECT["dependencies"]),
    ("test.lock", PROJECT["dependencies"] + PROJECT["optional-dependencies"]["test"]),
])
def test_every_dependency_is_pinned_within_its_range(lock, wanted):
    pinned = pins(lock)
    for requirement in map(Requirement, wanted):
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{requirement.name} is missing from requirements/{lock}"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"requirements/{lock} pins {name}=={pinned[name]}, outside {requirement.specifier}")


def test_the_test_lock_holds_the_sites_own_versions():
    base, test = pins("base.lock"), pins("test.lock")
    assert {name: test.get(name) for name in base} == base
