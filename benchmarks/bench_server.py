"""Server latency and throughput on a large store (see make_big_db.py), against a real
uvicorn process on loopback with concurrent clients. Prints percentiles, requests per
second and the targets they are held to; it times one run, it is not a test.

    .venv/bin/python benchmarks/bench_server.py --db /tmp/big.db [--clients 16] [--workers N]
    .venv/bin/python benchmarks/bench_server.py --db postgresql+psycopg://USER@HOST:PORT/DB

The load comes from ``wrk`` (Debian: ``apt-get install wrk``) when it is installed: one
C thread keeps the connections busy for ``--duration`` seconds at a fraction of the CPU
an asyncio client needs, which matters when client and server share a small machine.
Without it (or with ``--client httpx``) an httpx asyncio client sends ``--requests``.

Targets: a dyad's events in one year, page of 50: p95 <= 50 ms; a dyad's weekly
/api/stats timeline: p95 <= 200 ms; the dashboard's first page usable within 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from newscoder.server.run import default_workers

TARGETS = {"events": 50.0, "stats": 200.0, "first_page": 1000.0}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(db: str, port: int, workers: int | None,
           stats_cache: int) -> subprocess.Popen[bytes]:
    code = ("from newscoder.server import run; "
            f"run({db!r}, host='127.0.0.1', port={port}, log_level='warning', "
            f"workers={workers!r}, stats_cache={stats_cache})")
    proc = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/vocabulary", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start")


def _sql(db: str, query: str, **params: Any) -> Any:
    """The first row of ``query`` on the store (a SQLite path or a URL)."""
    from sqlalchemy import text

    from newscoder.store import open_store

    store = open_store(db)
    try:
        with store.reader.connect() as conn:
            return conn.execute(text(query), params).first()
    finally:
        store.close()


def _dyad_and_year(db: str) -> tuple[str, str, str, int]:
    actor, recipient, _ = _sql(
        db, "SELECT actor, recipient, count(*) AS n FROM event_dyads WHERE actor != recipient "
            "GROUP BY actor, recipient ORDER BY n DESC, actor, recipient LIMIT 1")
    year, n = _sql(
        db, "SELECT substr(date_value, 1, 4) AS y, count(*) AS n FROM event_dyads "
            "WHERE actor = :a AND recipient = :r GROUP BY y ORDER BY n DESC, y LIMIT 1",
        a=actor, r=recipient)
    return actor, recipient, year, int(n)


def _tree(pid: int) -> list[int]:
    """A process and its descendants (Linux), as far as /proc shows them."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for task in Path(f"/proc/{p}/task").glob("*/children"):
            try:
                todo.extend(int(c) for c in task.read_text().split())
            except OSError:
                pass
    return out


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process and its workers (Linux), 0.0 without /proc."""
    total = 0
    for p in _tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _scenario(server: subprocess.Popen[bytes], base: str, urls: list[str], total: int,
              clients: int, *, wrk: str | None = None, duration: float = 10.0,
              ) -> dict[str, Any]:
    cpu, own, children = _cpu_s(server.pid), time.process_time(), _children_cpu_s()
    if wrk:
        result = _load_wrk(wrk, base, urls, duration, clients)
        sent = result["requests"]
        client_cpu = _children_cpu_s() - children  # wrk, a child that has exited
    else:
        result = asyncio.run(_load(base, urls, total, clients))
        sent = total + clients
        client_cpu = time.process_time() - own
    # on a small machine the clients' CPU competes with the server's: report it too
    result["client_cpu_ms_per_request"] = round(client_cpu * 1000 / sent, 3)
    # CPU the server spent per request: what a less contended machine would see
    result["server_cpu_ms_per_request"] = round((_cpu_s(server.pid) - cpu) * 1000 / sent, 3)
    return result


# wrk's script: send the paths in turn on every connection; at the end, print one line
# of JSON with the counts and latency percentiles (wrk measures in microseconds)
WRK_SCRIPT = """
local paths = {%s}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%%d,"duration_us":%%d,"errors":%%d,"non_2xx":%%d,' ..
    '"p50":%%d,"p95":%%d,"p99":%%d,"max":%%d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout,
    e.status, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max))
end
"""


def _load_wrk(wrk: str, base: str, urls: list[str], duration: float,
              clients: int) -> dict[str, Any]:
    """``clients`` connections kept busy for ``duration`` seconds by one wrk thread."""
    with httpx.Client(base_url=base, timeout=30) as client:
        for url in urls:  # warm the caches
            client.get(url)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % ", ".join(json.dumps(u) for u in urls))
    try:
        out = subprocess.run(
            [wrk, "-t1", f"-c{clients}", f"-d{max(1, round(duration))}s", "--timeout", "30s",
             "-s", script.name, base + urls[0]],
            check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(script.name)
    line = next((x for x in out.splitlines() if x.startswith("WRK_RESULT ")), None)
    if line is None:
        raise SystemExit(f"wrk printed no result:\n{out}")
    raw = json.loads(line.split(" ", 1)[1])
    n = raw["requests"]
    return {"requests": n, "errors": raw["errors"] + raw["non_2xx"],
            "rps": round(n / (raw["duration_us"] / 1e6), 1),
            **{k: round(raw[k] / 1000, 1) for k in ("p50", "p95", "p99", "max")},
            "load_generator": "wrk -t1"}


def _percentiles(ms: list[float]) -> dict[str, float]:
    qs = statistics.quantiles(ms, n=100, method="inclusive")
    return {"p50": round(qs[49], 1), "p95": round(qs[94], 1), "p99": round(qs[98], 1),
            "max": round(max(ms), 1)}


async def _load(base: str, urls: list[str], total: int, clients: int) -> dict[str, Any]:
    latencies: list[float] = []
    errors = 0
    counter = iter(range(total))
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        for url in urls[:clients]:  # warm the connections and caches
            await client.get(url)

        async def worker() -> None:
            nonlocal errors
            for i in counter:
                t0 = time.perf_counter()
                r = await client.get(urls[i % len(urls)])
                latencies.append((time.perf_counter() - t0) * 1000)
                if r.status_code != 200:
                    errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        wall = time.perf_counter() - started
    return {"requests": total, "errors": errors, "rps": round(total / wall, 1),
            **_percentiles(latencies), "load_generator": "httpx asyncio"}


def _event_urls(base: str, actor: str, recipient: str, year: str, pages: int) -> list[str]:
    """The first pages of the dyad's year, following cursors, so the load is not one URL."""
    urls = [f"/api/events?actor={actor}&recipient={recipient}&since={year}&until={year}"
            f"&limit=50"]
    with httpx.Client(base_url=base, timeout=30) as client:
        while len(urls) < pages:
            nxt = client.get(urls[-1]).json()["next"]
            if not nxt:
                break
            urls.append(urls[0] + f"&cursor={nxt}")
    return urls


def _first_page_http(base: str) -> float:
    """The page's HTML and assets, then its API calls, as a browser would fetch them."""
    t0 = time.perf_counter()
    with httpx.Client(base_url=base, timeout=30) as client:
        for path in ("/", "/static/app.css", "/static/charts.js", "/static/app.js",
                     "/api/vocabulary", "/api/events?limit=50"):
            assert client.get(path).status_code == 200, path
    return (time.perf_counter() - t0) * 1000


def _first_page_chromium(base: str) -> float | None:
    """performance.now() when the first view is drawn, in headless Chromium, if present."""
    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver_path):
        return None
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.support.ui import WebDriverWait
    except ImportError:
        return None
    profile = tempfile.mkdtemp(prefix="newscoder-bench-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                 "--window-size=1280,800"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        driver.get("about:blank")
        driver.get(base + "/")
        WebDriverWait(driver, 30).until(
            lambda d: d.execute_script("return document.body.dataset.firstReadyMs"))
        rows = driver.execute_script("return document.querySelectorAll('#events tbody tr')"
                                     ".length")
        assert rows == 50, rows
        return float(driver.execute_script("return document.body.dataset.firstReadyMs"))
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True,
                        help="a SQLite file or a PostgreSQL URL (postgresql+psycopg://...)")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=3000,
                        help="per scenario, with the httpx client")
    parser.add_argument("--duration", type=float, default=10.0,
                        help="seconds per scenario, with wrk")
    parser.add_argument("--client", choices=("auto", "wrk", "httpx"), default="auto",
                        help="load generator: wrk when installed (auto), or httpx")
    parser.add_argument("--workers", type=int, help="server processes [newscoder's default]")
    parser.add_argument("--no-cache", action="store_true",
                        help="compute every /api/stats answer (no result cache)")
    args = parser.parse_args()
    if "://" not in args.db and not Path(args.db).exists():
        raise SystemExit(f"{args.db}: no such database; build it with make_big_db.py")
    n_events = _sql(args.db, "SELECT count(*) FROM events")[0]
    actor, recipient, year, in_year = _dyad_and_year(args.db)
    wrk = shutil.which("wrk") if args.client != "httpx" else None
    if args.client == "wrk" and not wrk:
        raise SystemExit("--client wrk: no wrk on PATH (Debian: apt-get install wrk)")
    if not wrk and args.client == "auto":
        print("note: wrk is not installed (Debian: apt-get install wrk); the load comes "
              "from the httpx asyncio client, whose own CPU competes with the server's "
              "on a small machine", file=sys.stderr)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = _start(args.db, port, args.workers, 0 if args.no_cache else 128)
    report: dict[str, Any] = {"db": args.db, "events": n_events, "clients": args.clients,
                              "workers": args.workers or default_workers(),
                              "stats_cache": not args.no_cache,
                              "cpus": os.cpu_count(),
                              "load_average_before": [round(x, 2) for x in os.getloadavg()],
                              "dyad": f"{actor}->{recipient}",
                              "year": year, "dyad_events_in_year": in_year}
    try:
        report["first_page_http_ms"] = round(_first_page_http(base), 1)
        chromium_ms = _first_page_chromium(base)
        report["first_page_chromium_ms"] = chromium_ms
        urls = _event_urls(base, actor, recipient, year, pages=10)
        report["events_page"] = _scenario(server, base, urls, args.requests, args.clients,
                                          wrk=wrk, duration=args.duration)
        stats_url = f"/api/stats?actor={actor}&recipient={recipient}&interval=week"
        report["stats_weekly"] = _scenario(server, base, [stats_url],
                                           max(200, args.requests // 5), args.clients,
                                           wrk=wrk, duration=max(1.0, args.duration / 2))
    finally:
        server.terminate()
        server.wait(timeout=20)
    report["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    first = report["first_page_chromium_ms"] or report["first_page_http_ms"]
    report["targets"] = {
        "events_p95_ms<=50": report["events_page"]["p95"] <= TARGETS["events"],
        "stats_p95_ms<=200": report["stats_weekly"]["p95"] <= TARGETS["stats"],
        "first_page_ms<=1000": first <= TARGETS["first_page"],
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
