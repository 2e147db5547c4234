"""`make bench`: generate a programme at each scale, import it, time every page; write RESULTS.md.

Usage: python -m benchmarks.run [--scales 1,10,100] [--runs 5] [--load 20]
                                [--out benchmarks/RESULTS.md]
"""

import argparse
import os
import platform
import resource
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from benchmarks.browser import BrowserTiming, time_browser
from benchmarks.load import LoadResult, run_load
from benchmarks.pack_timing import time_pack
from benchmarks.pages import PageTiming, StatementCounter, time_page
from benchmarks.synthetic import generate
from dashboard.accounts.service import add_user
from dashboard.core import db
from dashboard.core.config import PROJECT_ROOT
from dashboard.core.permissions import Actor
from dashboard.core.vocabulary import Role
from dashboard.exchange import import_programme
from dashboard.ui.navigation import PAGES

BENCH_ADMIN = Actor("bench", "Benchmark", Role.ADMIN)
LOG_DIR = PROJECT_ROOT / "test-artifacts" / "bench"  # the load test's server logs


@dataclass
class ScaleResult:
    """Everything measured at one scale."""

    scale: int
    rows: int
    import_s: float
    pages: list[PageTiming] = field(default_factory=list)
    pack_s: tuple[float, float] | None = None  # first build, second build
    browser: BrowserTiming | None = None
    bench_peak_rss_mb: float = 0.0
    load: list[LoadResult] = field(default_factory=list)  # per database

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.import_s


def _import(scale: int, folder: Path, database_url: str) -> tuple[int, float]:
    counts = generate(scale, folder / "csv")
    elapsed = _import_into(database_url, folder / "csv")
    engine = db.make_engine(database_url)
    with db.session_scope(engine) as session:
        add_user(
            session,
            actor=BENCH_ADMIN,
            username="bench",
            role="admin",
            password="benchmark-password",
            display_name="Amira Shah",
        )
    engine.dispose()
    return sum(counts.values()), elapsed


def _import_into(database_url: str, csv_folder: Path) -> float:
    """Migrate the database and import the programme; seconds the import took."""
    engine = db.make_engine(database_url)
    db.upgrade(engine)
    started = time.perf_counter()
    with db.session_scope(engine) as session:
        import_programme(session, csv_folder, actor="bench")
    elapsed = time.perf_counter() - started
    engine.dispose()
    return elapsed


def _load_on_postgres(scale: int, csv_folder: Path, people: int) -> LoadResult | None:
    """The load test on a throwaway PostgreSQL server (tests/postgres.py's); None without one."""
    from psycopg import sql

    from tests.postgres import missing_reason, start_server

    reason = missing_reason()
    if reason is not None:
        print(f"  load on PostgreSQL skipped: {reason}", flush=True)
        return None
    server = start_server()
    try:
        server.admin(sql.SQL("CREATE DATABASE bench"))
        url = server.url("bench")
        _import_into(url, csv_folder)
        return run_load(url, people, LOG_DIR / f"load-{scale}x-postgresql.log", "PostgreSQL")
    finally:
        server.stop()


def _print_load(load: LoadResult) -> None:
    figures = [
        f"{name} median {f.median_s:.2f} s, p95 {f.p95_s:.2f} s, max {f.max_s:.2f} s"
        for name, f in (("alone", load.alone), ("crowd", load.crowd))
        if f is not None
    ]
    print(
        f"  load, {load.people} people on {load.database}: {len(load.errors)} errors; "
        + "; ".join(figures)
        + f"; {load.tracebacks} tracebacks ({load.own_tracebacks} the app's) in {load.log_path}",
        flush=True,
    )
    for error in load.errors:
        print(f"    {error}", flush=True)


def _run_load(scale: int, folder: Path, url: str, people: int) -> list[LoadResult]:
    results = [run_load(url, people, LOG_DIR / f"load-{scale}x-sqlite.log", "SQLite")]
    results.append(_load_on_postgres(scale, folder / "csv", people))
    for load in results:
        if load is not None:
            _print_load(load)
    return [load for load in results if load is not None]


def run_scale(
    scale: int, runs: int, counter: StatementCounter, browser: bool, people: int = 0
) -> ScaleResult:
    with tempfile.TemporaryDirectory(prefix=f"bench{scale}-") as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'bench.db'}"
        os.environ["DATABASE_URL"] = url
        rows, import_s = _import(scale, folder, url)
        print(f"scale {scale}: {rows} rows imported in {import_s:.1f} s", flush=True)
        result = ScaleResult(scale, rows, import_s)
        for spec in PAGES:
            timing = time_page(spec, url, counter, runs)
            print(
                f"  /{spec.url_path}: rerun {timing.rerun_s * 1000:.0f} ms, "
                f"floor {timing.floor_s * 1000:.0f} ms, {timing.statements_rerun} SQL",
                flush=True,
            )
            result.pages.append(timing)
        try:
            result.pack_s = first, second = time_pack(url)
            print(f"  pack: {first:.1f} s first, {second:.1f} s second", flush=True)
        except Exception as failure:  # a failed pack is a result to report, not a crash
            print(f"  pack failed: {failure}", flush=True)
        if browser:
            result.browser = time_browser(url)
        if browser and people > 0:
            result.load = _run_load(scale, folder, url, people)
        result.bench_peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default=os.environ.get("SCALES", "1"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument(
        "--load", type=int, default=20, help="people at once in the browser load test (0 skips)"
    )
    parser.add_argument("--out", type=Path, default=Path("benchmarks/RESULTS.md"))
    args = parser.parse_args()
    os.environ.setdefault("OVERSIGHT_COOKIE_KEY", "benchmark-only-cookie-key-0123456789abcdef")
    os.environ["OVERSIGHT_LOGIN_SLEEP_SECONDS"] = "0"
    counter = StatementCounter()
    scales = [int(s) for s in args.scales.split(",")]
    results = [run_scale(s, args.runs, counter, not args.no_browser, args.load) for s in scales]
    from benchmarks.report import render

    args.out.write_text(
        render(results, machine=f"{platform.platform()}, {os.cpu_count()} cores", on=date.today())
    )
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
