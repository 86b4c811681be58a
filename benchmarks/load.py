"""Driving one address with wrk: every run recorded, timeouts and errors counted.

A page's figure is the median of its runs, shown with their spread; a run with
timeouts or socket errors is flagged, never dropped or hidden behind a better run.
"""

import os
import re
import statistics
import subprocess

UNITS = {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}


def parse(output):
    """One wrk run's figures from its ``--latency`` output."""
    def latency(label):
        value, unit = re.search(rf"\s{label}%\s+([\d.]+)(\w+)", output).groups()
        return float(value) * UNITS[unit]

    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                        output)
    connect, read, write, timeouts = map(int, sockets.groups()) if sockets else (0, 0, 0, 0)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": latency(50), "p99_ms": latency(99),
        "timeouts": timeouts, "socket_errors": connect + read + write,
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def measure(url, seconds, connections, repeats, warmup=1):
    """``repeats`` runs of ``seconds`` each after an unrecorded warm-up, summarised."""
    subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{warmup}s", url],
                   capture_output=True, check=True, timeout=warmup + 30)
    runs = []
    for _ in range(repeats):
        output = subprocess.run(
            ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "2s", "--latency",
             url], capture_output=True, text=True, check=True, timeout=seconds + 30,
        ).stdout
        runs.append(parse(output))
    return summarize(runs)


def summarize(runs):
    rates = [run["rps"] for run in runs]
    return {
        "rps": statistics.median(rates),
        "rps_min": min(rates), "rps_max": max(rates),
        "p50_ms": statistics.median(run["p50_ms"] for run in runs),
        "p99_ms": statistics.median(run["p99_ms"] for run in runs),
        "timeouts": sum(run["timeouts"] for run in runs),
        "socket_errors": sum(run["socket_errors"] for run in runs),
        "errors": sum(run["errors"] for run in runs),
        "runs": [round(rate) for rate in rates],
        "load": round(os.getloadavg()[0], 2),
    }


def spread(row):
    """The runs' range as a share of their median: how far one figure can be trusted."""
    return (row["rps_max"] - row["rps_min"]) / row["rps"] if row["rps"] else 0.0
