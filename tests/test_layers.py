"""Dependencies run one way: core below every app, the project package on top of them all."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["core", "posts", "pages", "subscriptions", "stats", "comments",
            "wordpress_import", "fediverse", "huddinge_site"]
MAY_IMPORT = {
    "core": set(),
    "posts": {"core"},
    "pages": {"core", "posts"},
    "subscriptions": {"core", "posts"},
    "stats": {"core", "posts", "pages", "subscriptions"},
    "comments": {"core", "posts", "pages", "subscriptions"},
    "wordpress_import": {"core", "posts", "pages", "comments"},
    "fediverse": {"core", "posts", "pages", "comments"},
    "huddinge_site": {"core", "posts", "pages", "subscriptions", "stats", "comments",
                      "wordpress_import", "fediverse"},
}


def imported_packages(package):
    found = {}
    for path in (ROOT / package).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top in PACKAGES and top != package:
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


@pytest.mark.parametrize("package", PACKAGES)
def test_a_package_imports_only_the_layers_below_it(package):
    found = imported_packages(package)
    assert {name: where for name, where in found.items()
            if name not in MAY_IMPORT[package]} == {}
