"""Real WordPress exports, each moved in and out again: what a switcher would check.

``.venv/bin/python benchmarks/real_exports.py EXPORT.xml ...`` imports each file into a fresh
SQLite database (in a separate process, images not fetched: the old sites are not contacted),
then exports the site and imports that export into another fresh database, and prints per
file: items read, posts, pages, comments, seconds, warnings in the report, images the
import could not copy (shown as links), shortcodes left in the text, bodies with anything the
sanitizer should have removed, and bodies that read differently after the round trip.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
SNAPSHOT = """
import json, os, re
from pages.models import Page
from posts.models import Post
from comments.models import Comment
from tests.html_safety import dangers
texts = [*Post.objects.all(), *Page.objects.all()]
code = re.compile(r"<pre.*?</pre>|<code.*?</code>|<a .*?</a>", re.S)
found = {
    "posts": Post.objects.count(), "pages": Page.objects.count(),
    "comments": Comment.objects.count(),
    "bodies": {f"{type(t).__name__}:{t.slug}": t.body_html for t in texts},
    "unsafe": [t.slug for t in texts if dangers(t.body_html)],
    "shortcodes": sorted({m for t in texts for m in re.findall(
        r"\\[([a-z][\\w-]*)(?:\\s+[\\w-]+=[^\\]]*)?\\]", code.sub("", t.body_html))}),
}
with open(os.environ["SNAPSHOT_FILE"], "w") as out:
    json.dump(found, out)
"""


def _manage(env, *args):
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True)


def _fresh(work, name):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "huddinge_site.settings", "DJANGO_DEBUG": "1",
           "DJANGO_VAR_DIR": str(work), "DATABASE_URL": f"sqlite:///{work}/{name}.sqlite3",
           "DJANGO_LOG_LEVEL": "WARNING"}
    env.pop("REDIS_URL", None)
    _manage(env, "migrate", "-v0").check_returncode()
    return env


def _snapshot(env):
    target = Path(env["DJANGO_VAR_DIR"]) / "snapshot.json"
    _manage({**env, "SNAPSHOT_FILE": str(target)}, "shell", "-c", SNAPSHOT).check_returncode()
    return json.loads(target.read_text())


def check(path):
    with tempfile.TemporaryDirectory(prefix="huddinge-real-") as work:
        work = Path(work)
        env = _fresh(work, "first")
        started = time.monotonic()
        imported = _manage(env, "import_wordpress", str(path), "--no-fetch-media",
                           "--report", str(work / "report.json"))
        seconds = round(time.monotonic() - started, 1)
        if imported.returncode:
            return {"file": path.name, "refused": imported.stderr.strip().splitlines()[-1]}
        report = json.loads((work / "report.json").read_text())
        before = _snapshot(env)
        _manage(env, "export_wordpress", str(work / "export.xml")).check_returncode()
        again = _fresh(work, "second")
        _manage(again, "import_wordpress", str(work / "export.xml"),
                "--no-fetch-media").check_returncode()
        after = _snapshot(again)
    warnings = report["warnings"]
    return {
        "file": path.name, "items": path.read_text(errors="replace").count("<item>"),
        "posts": before["posts"], "pages": before["pages"], "comments": before["comments"],
        "seconds": seconds, "warnings": len(warnings),
        "images shown as links": sum("shown as a link" in w for w in warnings),
        "shortcodes left": before["shortcodes"], "unsafe": before["unsafe"],
        "changed by the round trip": sorted(
            k for k in before["bodies"] if before["bodies"][k] != after["bodies"].get(k))
        + ([] if (before["posts"], before["pages"], before["comments"])
           == (after["posts"], after["pages"], after["comments"]) else ["(counts)"]),
    }


def main(paths):
    for path in paths:
        print(json.dumps(check(Path(path)), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
