"""A PostgreSQL server of the benchmark's own, on a free loopback port.

The machine's server is shared: its memory holds other databases and its settings are
whatever it was given. A server made for the run measures what the site's database costs
with exactly the settings named: Debian's defaults, or a file such as
``deploy/postgresql-small.conf``. It is made with ``initdb`` and removed afterwards.
"""

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from benchmarks.servers import free_port


def _as_postgres(command):
    """PostgreSQL refuses to run as root; as root, run its tools as the ``postgres`` user."""
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


class OwnPostgres:
    def __init__(self, conf: Path | None = None):
        binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
        if not binaries:
            raise RuntimeError("PostgreSQL's server is not installed (apt-get install postgresql)")
        self.bin = Path(binaries[-1])
        self.folder = Path(tempfile.mkdtemp(prefix="huddinge-bench-pg-"))
        self.data = self.folder / "data"
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        _as_postgres([str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres",
                      "-A", "trust", "-E", "UTF8", "--no-sync"])
        if conf is not None:
            with (self.data / "postgresql.conf").open("a") as settings:
                settings.write("\n" + Path(conf).read_text())
        self.port = free_port()
        _as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.data), "-w", "-l",
                      str(self.folder / "log"), "-o",
                      f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1", "start"])
        self.pid = int((self.data / "postmaster.pid").read_text().split()[0])

    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self):
        _as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"])
        shutil.rmtree(self.folder, ignore_errors=True)
