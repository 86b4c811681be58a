"""Import benchmark: generated WordPress exports of growing size, speed and peak memory.

Run with ``benchmarks/run --import`` (see docs/caching-and-benchmark.md). Each size is imported
into a fresh SQLite database by a separate process; peak memory should stay
flat as the file grows, because the reader streams and never holds the tree.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = [(1000, 10), (10000, 10)]


def main():
    sys.path.insert(0, str(ROOT))
    from wordpress_import import generate

    rows = []
    for posts, comments_each in SIZES:
        with tempfile.TemporaryDirectory(prefix="huddinge-import-") as work:
            export = generate.write(Path(work) / "export.xml", posts, comments_each)
            env = {**os.environ, "DJANGO_SETTINGS_MODULE": "huddinge_site.settings",
                   "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "import-benchmark-" + "x" * 50,
                   "DJANGO_VAR_DIR": work, "DATABASE_URL": f"sqlite:///{work}/import.sqlite3",
                   "DJANGO_LOG_LEVEL": "WARNING"}
            env.pop("REDIS_URL", None)
            output = subprocess.run(
                [sys.executable, str(ROOT / "benchmarks" / "import_worker.py"), str(export)],
                env=env, capture_output=True, text=True, check=True,
            ).stdout
            rows.append(json.loads(output.strip().splitlines()[-1]))
    print(f"\n{'posts':>7} {'comments':>9} {'file MB':>8} {'seconds':>8} {'posts/s':>8} "
          f"{'peak MB':>8}")
    for row in rows:
        print(f"{row['posts']:>7} {row['comments']:>9} {row['file_mb']:>8} {row['seconds']:>8} "
              f"{row['posts_per_second']:>8} {row['peak_mb']:>8}")
    return rows


if __name__ == "__main__":
    main()
