"""`make bench`: generate a programme at each scale, import it, time every page; write RESULTS.md.

Usage: python -m benchmarks.run [--scales 1,10,100] [--runs 5] [--out benchmarks/RESULTS.md]
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
from benchmarks.pack_timing import time_pack
from benchmarks.pages import PageTiming, StatementCounter, time_page
from benchmarks.synthetic import generate
from dashboard.accounts.service import add_user
from dashboard.core import db
from dashboard.core.permissions import Actor
from dashboard.core.vocabulary import Role
from dashboard.exchange import import_programme
from dashboard.ui.navigation import PAGES

BENCH_ADMIN = Actor("bench", "Benchmark", Role.ADMIN)


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

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.import_s


def _import(scale: int, folder: Path, database_url: str) -> tuple[int, float]:
    counts = generate(scale, folder / "csv")
    engine = db.make_engine(database_url)
    db.upgrade(engine)
    started = time.perf_counter()
    with db.session_scope(engine) as session:
        import_programme(session, folder / "csv", actor="bench")
    elapsed = time.perf_counter() - started
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


def run_scale(scale: int, runs: int, counter: StatementCounter, browser: bool) -> ScaleResult:
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
        result.bench_peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default=os.environ.get("SCALES", "1"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/RESULTS.md"))
    args = parser.parse_args()
    os.environ.setdefault("OVERSIGHT_COOKIE_KEY", "benchmark-only-cookie-key-0123456789abcdef")
    os.environ["OVERSIGHT_LOGIN_SLEEP_SECONDS"] = "0"
    counter = StatementCounter()
    scales = [int(s) for s in args.scales.split(",")]
    results = [run_scale(s, args.runs, counter, not args.no_browser) for s in scales]
    from benchmarks.report import render

    args.out.write_text(
        render(results, machine=f"{platform.platform()}, {os.cpu_count()} cores", on=date.today())
    )
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
