"""The benchmark reads every figure wrk gives, timeouts and errors included."""

from benchmarks.load import parse, spread, summarize

SLOW_RUN = """Running 3s test @ http://127.0.0.1:40000/2026/11/29/trad-500/
  2 threads and 16 connections
  Latency Distribution
     50%  772.06ms
     75%    1.20s
     90%    1.60s
     99%    1.77s
  42 requests in 3.01s, 29.60MB read
  Socket errors: connect 0, read 1, write 0, timeout 17
  Non-2xx or 3xx responses: 2
Requests/sec:     13.95
Transfer/sec:      9.83MB
"""
FAST_RUN = """  Latency Distribution
     50%  120.00us
     99%    2.13ms
Requests/sec:  81596.12
"""


def test_timeouts_socket_errors_and_bad_answers_are_counted():
    run = parse(SLOW_RUN)
    assert run == {"rps": 13.95, "p50_ms": 772.06, "p99_ms": 1770.0, "timeouts": 17,
                   "socket_errors": 1, "errors": 2}


def test_a_page_is_the_median_of_its_runs_with_their_spread():
    runs = [parse(FAST_RUN), parse(SLOW_RUN), {**parse(FAST_RUN), "rps": 70000.0}]
    row = summarize(runs)
    assert row["rps"] == 70000.0 and row["runs"] == [81596, 14, 70000]
    assert row["timeouts"] == 17 and row["errors"] == 2
    assert round(spread(row), 2) == round((81596.12 - 13.95) / 70000, 2)
    assert row["p50_ms"] == 0.12


def test_importing_a_benchmark_module_does_nothing(tmp_path):
    """No scratch database, no temporary folder, no Django set-up until a benchmark runs:
    the database address below would refuse any connection."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "TMPDIR": str(tmp_path),
           "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    modules = ["run", "mailing", "real_exports", "import_run", "load", "servers"]
    result = subprocess.run(
        [sys.executable, "-c", "; ".join(f"import benchmarks.{m}" for m in modules)],
        cwd=root, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.iterdir()) == []
