"""One import into a fresh database, run in its own process so its peak memory is its own."""

import json
import os
import resource
import sys
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from comments.models import Comment  # noqa: E402
from posts.models import Post  # noqa: E402

call_command("migrate", verbosity=0)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
call_command("import_wordpress", sys.argv[1], "--no-fetch-media", stdout=StringIO(),
             stderr=StringIO())
seconds = time.perf_counter() - start
print(json.dumps({
    "posts": Post.objects.count(),
    "comments": Comment.objects.count(),
    "seconds": round(seconds, 1),
    "posts_per_second": round(Post.objects.count() / seconds, 1),
    "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    "peak_before_import_mb": round(before / 1024, 1),
    "file_mb": round(os.path.getsize(sys.argv[1]) / 2**20, 1),
}))
