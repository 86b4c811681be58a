"""What the serving stack costs in memory: the PSS of every process, by part.

PSS (proportional set size, from ``/proc/<pid>/smaps_rollup``) counts a page shared by n
processes as 1/n in each, so the parts add up to what the stack takes from the machine:
gunicorn's preloaded code shared by its workers counts once, not once per worker. A part is
gunicorn (master and workers), Varnish (manager and cache process), PostgreSQL (every
``postgres`` process: the server and its backends) or Redis (``redis-server``). The
PostgreSQL and Redis parts are the machine's servers, so nothing else should use them
during a run. Under load the part's peak is kept, sampled twice a second.
"""

import threading
from pathlib import Path
from typing import NamedTuple

SAMPLE_SECONDS = 0.5


class Process(NamedTuple):
    name: str
    parent: int
    ticks: int
    """CPU time used so far (user and system), in clock ticks."""


def _stat(pid):
    try:
        text = (Path("/proc") / str(pid) / "stat").read_text()
    except OSError:
        return None
    fields = text.rsplit(")", 1)[1].split()
    return Process(text[text.index("(") + 1:text.rindex(")")], int(fields[1]),
                   int(fields[11]) + int(fields[12]))


def processes():
    """Every running process by pid, from ``/proc/<pid>/stat`` (Linux)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(entry.name)) is not None:
            found[int(entry.name)] = stat
    return found


def _tree(root, table):
    pids, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, process in table.items() if process.parent == parent]
        pids.update(children)
        frontier.extend(children)
    return pids


def pss_mib(pid):
    """The PSS of one process in MiB; 0 for a process that has gone."""
    try:
        for line in (Path("/proc") / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


class Stack:
    """The processes of one running stack: ``roots`` maps a part to the pid whose process
    tree it is (gunicorn, Varnish); ``named`` maps a part to a process name (the servers)."""

    def __init__(self, roots, named):
        self.roots = roots
        self.named = named

    def sample(self):
        table = processes()
        parts = {part: _tree(pid, table) for part, pid in self.roots.items()}
        for part, name in self.named.items():
            parts[part] = {pid for pid, process in table.items() if process.name == name}
        return {part: round(sum(map(pss_mib, pids)), 1) for part, pids in parts.items()}


def _total(sample):
    return round(sum(sample.values()), 1)


class Peak:
    """The highest PSS of each part while the block runs (and its total at that moment)."""

    def __init__(self, stack):
        self.stack = stack
        self.parts = {}
        self.total = 0.0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()

    def _run(self):
        while True:
            sample = self.stack.sample()
            for part, mib in sample.items():
                self.parts[part] = max(self.parts.get(part, 0.0), mib)
            self.total = max(self.total, _total(sample))
            if self.stop.wait(SAMPLE_SECONDS):
                return

    def figures(self):
        return {**self.parts, "total": self.total}


def at_rest(stack):
    sample = stack.sample()
    return {**sample, "total": _total(sample)}
