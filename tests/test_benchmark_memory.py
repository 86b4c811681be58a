"""The benchmark's memory figures: a part is its whole process tree, counted by PSS."""

import subprocess
import sys

from benchmarks.memory import Peak, Stack, at_rest, pss_mib

PARENT = ("import subprocess, sys, time; "
          "child = subprocess.Popen([sys.executable, '-c', "
          "'import time; print(flush=True); time.sleep(30)'], stdout=subprocess.PIPE); "
          "child.stdout.readline(); print(child.pid, flush=True); time.sleep(30)")
"""A parent and its child, the child's pid told once the child runs (not while it is still a
fork of the parent on its way to ``exec``, when it has no memory of its own yet)."""


def test_a_part_counts_its_children_and_the_total_adds_the_parts():
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    try:
        child = int(parent.stdout.readline())
        alone = pss_mib(parent.pid)
        figures = at_rest(Stack({"server": parent.pid}, {}))
        assert alone > 1 and pss_mib(child) > 1
        assert figures["server"] > alone
        assert figures["total"] == figures["server"]
        with Peak(Stack({"server": parent.pid}, {})) as peak:
            pass
        assert peak.figures()["server"] > alone
    finally:
        parent.kill()
        parent.wait()


def test_a_process_that_has_gone_counts_nothing():
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    assert pss_mib(gone.pid) == 0.0
