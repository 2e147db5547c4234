"""Many people at once in headless Chromium: logins released together, five pages each.

One Chromium, one browser context per person (own cookies, own Streamlit session). First
one person alone logs in and visits five pages through the sidebar; then N people (roles
mixed, half of them on one shared account) press "Log in" at the same moment and visit the
same five pages. Every visit counts, each person's first included: a first visit is what
people meet. Before both, one unmeasured session per role warms the server (imports, the
first chart), which neither the alone visitor nor the crowd would pay on a running server.
"""

import asyncio
import re
import secrets
import statistics
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.browser import (
    CHROMIUM,
    IDLE,
    LAUNCH_ARGS,
    compile_app,
    free_port,
    healthy,
    serve,
)
from dashboard.accounts.service import add_user
from dashboard.core import db
from dashboard.core.permissions import Actor
from dashboard.core.vocabulary import Role
from dashboard.ui.navigation import page_by_url

BENCH_ADMIN = Actor("bench", "Benchmark", Role.ADMIN)
# Overview last: a person lands on it after logging in, so every visit is a real page change.
VISIT_PATHS = ("coverage", "inspections", "recommendations", "governance", "overview")
LANDING_TITLE = "Overview"
CROWD_ROLES = (Role.PROGRAMME_MANAGER, Role.INSPECTOR, Role.PARTNER)
SHARED_ROLE = Role.PROGRAMME_MANAGER  # the meeting room's screen account
LOGIN_TIMEOUT_S = 90.0
VISIT_TIMEOUT_S = 90.0
SERVER_START_TIMEOUT_S = 120.0
CRASH_TEXT = "This app has encountered an error"
TRACEBACK = "Traceback (most recent call last)"
VIEWPORT = {"width": 1366, "height": 900}
NAV_LINK = "[data-testid='stSidebarNav'] a"
# What a page shows right now: "error" (an exception or the crash text), "drawn" (its h1 is
# the page's title, the script has finished and nothing is stale or still a skeleton), else
# false. One function polled by Playwright, so one round trip per poll.
PAGE_STATE_JS = """
([title, idle, crash]) => {
  if (document.querySelector("[data-testid='stException']")
      || document.body.textContent.includes(crash)) return "error";
  const headed = [...document.querySelectorAll("h1")].some(h => h.textContent.trim() === title);
  const settling = document.querySelector(
    "[data-testid='stElementContainer'][data-stale='true'], [data-testid='stSkeleton']");
  return headed && document.querySelector(idle) !== null && !settling ? "drawn" : false;
}
"""


@dataclass(frozen=True)
class Person:
    """One browser's login: an account's name and password, its role, and whether it is shared."""

    username: str
    password: str
    role: Role
    shared: bool = False


@dataclass(frozen=True)
class VisitFigures:
    """Median, 95th percentile (nearest rank) and maximum of a set of visit times, in seconds."""

    count: int
    median_s: float
    p95_s: float
    max_s: float

    @classmethod
    def of(cls, seconds: Sequence[float]) -> "VisitFigures | None":
        """The figures of some visit times; None when there are none."""
        if not seconds:
            return None
        return cls(len(seconds), statistics.median(seconds), p95(seconds), max(seconds))


def p95(seconds: Sequence[float]) -> float:
    """Nearest-rank 95th percentile: the smallest time with at least 95% of visits at or below."""
    ordered = sorted(seconds)
    rank = -(-95 * len(ordered) // 100)  # ceil(0.95 n) in integers: 0.95 is inexact in floats
    return ordered[rank - 1]


def p95_ratio(crowd: VisitFigures | None, alone: VisitFigures | None) -> float | None:
    """p95 of the crowd's visits over the alone person's p95 (the issue's goal: at most 3)."""
    if crowd is None or alone is None or alone.p95_s <= 0:
        return None
    return crowd.p95_s / alone.p95_s


def count_tracebacks(log: str) -> tuple[int, int]:
    """Tracebacks in a server log, and how many of them pass through the app's own code."""
    blocks = log.split(TRACEBACK)[1:]
    own = re.compile(r'File "[^"]*/(dashboard|pages|models)/')
    return len(blocks), sum(1 for block in blocks if own.search(_frames(block)))


def _frames(block: str) -> str:
    """A traceback's frame lines: the indented lines up to its exception line."""
    lines = block.splitlines()[1:]
    frames = []
    for line in lines:
        if not line.startswith(" "):
            break
        frames.append(line)
    return "\n".join(frames)


@dataclass
class LoadResult:
    """One load run on one database: the people, the visit times, errors and the server log."""

    database: str
    people: int
    shared: int
    alone_s: list[float] = field(default_factory=list)
    crowd_s: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    tracebacks: int = 0
    own_tracebacks: int = 0
    log_path: Path | None = None

    @property
    def alone(self) -> VisitFigures | None:
        return VisitFigures.of(self.alone_s)

    @property
    def crowd(self) -> VisitFigures | None:
        return VisitFigures.of(self.crowd_s)

    @property
    def ratio(self) -> float | None:
        return p95_ratio(self.crowd, self.alone)


def plan_people(people: int) -> list[Person]:
    """The crowd: half on one shared account, the rest on their own, roles taking turns."""
    shared_count = people // 2
    shared = Person("load-shared", _password(), SHARED_ROLE, shared=True)
    crowd = [shared] * shared_count
    for number in range(people - shared_count):
        role = CROWD_ROLES[number % len(CROWD_ROLES)]
        crowd.append(Person(f"load-{number + 1:02d}", _password(), role))
    return crowd


def _password() -> str:
    return secrets.token_urlsafe(18)  # 24 random characters: the strength check accepts them


def create_accounts(database_url: str, people: Sequence[Person]) -> None:
    """Add each distinct account through the accounts service, as an admin would."""
    engine = db.make_engine(database_url)
    try:
        with db.session_scope(engine) as session:
            for person in {person.username: person for person in people}.values():
                add_user(
                    session,
                    actor=BENCH_ADMIN,
                    username=person.username,
                    role=person.role.value,
                    password=person.password,
                    display_name=f"Load {person.username.removeprefix('load-')}",
                )
    finally:
        engine.dispose()


def run_load(
    database_url: str, people: int, log_path: Path, database: str = "SQLite"
) -> LoadResult | None:
    """Serve the database, warm it, time one person alone then `people` at once; None without
    Chromium. The server's output goes to `log_path`."""
    if not Path(CHROMIUM).exists():
        return None
    warm = [Person(f"load-warm-{role.value}", _password(), role) for role in CROWD_ROLES]
    alone = Person("load-alone", _password(), Role.PROGRAMME_MANAGER)
    crowd = plan_people(people)
    create_accounts(database_url, [*warm, alone, *crowd])
    result = LoadResult(database, people, sum(person.shared for person in crowd))
    compile_app()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    port = free_port()
    with log_path.open("wb") as log:
        server = serve(database_url, port, log)
        try:
            _wait_healthy(server, port)
            asyncio.run(_drive(f"http://127.0.0.1:{port}", warm, alone, crowd, result))
        finally:
            server.terminate()
            server.wait(timeout=30)
    result.log_path = log_path
    result.tracebacks, result.own_tracebacks = count_tracebacks(
        log_path.read_text(errors="replace")
    )
    return result


def _wait_healthy(server: subprocess.Popen[bytes], port: int) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the app server exited at start: see its log")
        if healthy(port):
            return
        time.sleep(0.1)
    raise RuntimeError(f"the app server did not answer in {SERVER_START_TIMEOUT_S:.0f} s")


async def _drive(
    base_url: str, warm: list[Person], alone: Person, crowd: list[Person], result: LoadResult
) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            for person in warm:  # unmeasured: errors here are still errors
                await _person(browser, base_url, person, None, [], result.errors, "warm-up")
            await _person(browser, base_url, alone, None, result.alone_s, result.errors, "alone")
            release = asyncio.Barrier(len(crowd))
            await asyncio.gather(
                *(
                    _person(
                        browser, base_url, person, release, result.crowd_s, result.errors, f"#{n}"
                    )
                    for n, person in enumerate(crowd, start=1)
                )
            )
        finally:
            await browser.close()


async def _person(
    browser: Any,
    base_url: str,
    person: Person,
    release: asyncio.Barrier | None,
    visits: list[float],
    errors: list[str],
    who: str,
) -> None:
    """Open the login form, wait for the release, log in, then visit the five pages."""
    from playwright.async_api import Error as PlaywrightError

    label = f"{who} ({person.username})"
    context = await browser.new_context(viewport=VIEWPORT)
    page = await context.new_page()
    ready = False
    try:
        await page.goto(base_url)
        username = page.get_by_label("Username", exact=True)
        await username.wait_for(timeout=LOGIN_TIMEOUT_S * 1000)
        await page.wait_for_selector(IDLE, timeout=LOGIN_TIMEOUT_S * 1000)
        await username.fill(person.username)
        await page.get_by_label("Password", exact=True).fill(person.password)
        ready = True
    except PlaywrightError as failure:
        errors.append(f"{label}: login form not drawn ({_first_line(failure)})")
    if release is not None:
        await release.wait()  # everyone, ready or not, so nobody waits for ever
    try:
        if ready and await _log_in(page, label, errors):
            for url_path in VISIT_PATHS:
                seconds = await _visit(page, url_path, label, errors)
                if seconds is None:
                    break
                visits.append(seconds)
    finally:
        await context.close()


async def _log_in(page: Any, label: str, errors: list[str]) -> bool:
    """Press "Log in"; whether the Overview drew. A refusal, a crash or a lost press is an error."""
    await page.get_by_role("button", name="Log in", exact=True).click()
    state = await _settle(page, LANDING_TITLE, LOGIN_TIMEOUT_S)
    if state == "drawn":
        return True
    if state == "error":
        errors.append(f"{label}: login showed an error: {await _error_text(page)}")
        return False
    alerts = await page.locator("[data-testid='stAlert']").all_inner_texts()
    seen = "; ".join(text.strip() for text in alerts) or "the form left with no message"
    where = await _shown(page)
    errors.append(f"{label}: not past the form in {LOGIN_TIMEOUT_S:.0f} s ({seen}; {where})")
    return False


async def _visit(page: Any, url_path: str, label: str, errors: list[str]) -> float | None:
    """Click a page's sidebar link; seconds until it drew, or None (an error) if it did not."""
    spec = page_by_url(url_path)
    assert spec is not None, f"no page at /{url_path}"
    link = page.locator(NAV_LINK).filter(has=page.get_by_text(spec.title, exact=True))
    started = time.perf_counter()
    await link.first.click()
    state = await _settle(page, spec.title, VISIT_TIMEOUT_S)
    elapsed = time.perf_counter() - started
    if state == "drawn":
        return elapsed
    if state == "error":
        errors.append(f"{label}: /{url_path} showed an error: {await _error_text(page)}")
    else:
        errors.append(
            f"{label}: /{url_path} not drawn in {VISIT_TIMEOUT_S:.0f} s ({await _shown(page)})"
        )
    return None


async def _settle(page: Any, title: str, timeout_s: float) -> str | None:
    """Wait until the page titled `title` has drawn or an error shows: which; None on timeout."""
    from playwright.async_api import TimeoutError as PlaywrightTimeoutError

    try:
        handle = await page.wait_for_function(
            PAGE_STATE_JS, arg=[title, IDLE, CRASH_TEXT], polling=50, timeout=timeout_s * 1000
        )
    except PlaywrightTimeoutError:
        return None
    return str(await handle.json_value())


async def _shown(page: Any) -> str:
    """Where a page is and what it shows, for an error line."""
    state = await page.evaluate(
        """(idle) => [location.pathname, [...document.querySelectorAll("h1")]
             .map(h => h.textContent.trim()).join(", "), document.querySelector(idle) !== null]""",
        IDLE,
    )
    path, headings, idle = state
    return f"at {path}, headed {headings or 'nothing'}, {'idle' if idle else 'not idle'}"


async def _error_text(page: Any) -> str:
    shown = page.locator("[data-testid='stException']")
    if await shown.count():
        return _first_line(await shown.first.inner_text())
    return CRASH_TEXT


def _first_line(text: object) -> str:
    return (str(text).strip().splitlines() or [""])[0][:200]
