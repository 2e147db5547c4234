"""`make mutation`: flip every comparison in the pure rules once and run tests/unit against it.

cosmic-ray applies each flip and runs the tests; its settings are `[tool.cosmic-ray]` in
pyproject.toml (the modules, the timeout). Only six of its operators are used, one step each:
< and <=, > and >=, == and != (`cosmic-ray init` would list all ~100 of them, 1,700 work items for
these modules and minutes before the first test, so the sessions are written here with its own
work-db API). cosmic-ray edits the module on disk, so each worker runs in its own copy of the
working tree (tracked and new files, edits not yet committed included): one worker per core, the
modules shared out between them, a session per module.

The tests for one flip: first the tests/unit files that name the module (a flip they catch is
killed in a couple of seconds), then, if they all pass, the whole of tests/unit: a survivor has
survived every unit test.

Prints each module's kill rate and every flip no test noticed (a survivor), and exits 1 when a
survivor is not listed as equivalent in docs/mutation.md.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import cosmic_ray.plugins
from cosmic_ray.ast import ast_nodes, get_ast_from_path
from cosmic_ray.ast.ast_query import ASTQuery
from cosmic_ray.config import serialize_config
from cosmic_ray.work_db import WorkDB, use_db
from cosmic_ray.work_item import MutationSpec, TestOutcome, WorkItem

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENTS_DOC = ROOT / "docs" / "mutation.md"
UNIT_TESTS = "tests/unit"
PYTEST = "python -m pytest -x -q -p no:cacheprovider -n 0"
SYMBOLS = {"Lt": "<", "LtE": "<=", "Gt": ">", "GtE": ">=", "Eq": "==", "NotEq": "!="}
FLIPS = ("Lt_LtE", "LtE_Lt", "Gt_GtE", "GtE_Gt", "Eq_NotEq", "NotEq_Eq")
OPERATOR = re.compile(r"ReplaceComparisonOperator_(\w+?)_(\w+)$")


@dataclass(frozen=True)
class Flip:
    """One comparison flipped once, and whether tests/unit noticed."""

    module: str
    line: int
    code: str
    before: str
    after: str
    killed: bool
    timed_out: bool = False

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.module, self.code, f"{self.before} → {self.after}")


def config() -> dict:
    """cosmic-ray's own settings, kept in pyproject.toml."""
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["tool"]["cosmic-ray"]


def comparisons(module: str) -> int:
    """How many comparisons a module has (to share the modules out evenly)."""
    tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
    return sum(len(node.ops) for node in ast.walk(tree) if isinstance(node, ast.Compare))


def shares(modules: list[str], workers: int) -> list[list[str]]:
    """The modules shared out so each worker has about as many comparisons to flip."""
    loads: list[tuple[int, list[str]]] = [(0, []) for _ in range(workers)]
    for module in sorted(modules, key=comparisons, reverse=True):
        index = min(range(workers), key=lambda i: loads[i][0])
        load, share = loads[index]
        loads[index] = (load + comparisons(module), [*share, module])
    return [share for _, share in loads if share]


def copy_of_working_tree(destination: Path) -> None:
    """Tracked and new (not ignored) files as they are now, edits not yet committed included."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)


def own_tests(module: str) -> list[str]:
    """The tests/unit files that name the module, e.g. `dashboard.planning.rules`."""
    dotted = module.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
    return sorted(
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / UNIT_TESTS).glob("test_*.py")
        if re.search(rf"\b{re.escape(dotted)}\b", path.read_text(encoding="utf-8"))
    )


def test_command(module: str) -> str:
    """The module's own unit tests first, then (if they pass) the whole of tests/unit."""
    everything = f"{PYTEST} {UNIT_TESTS}"
    first = own_tests(module)
    if not first:
        return everything
    return f"sh -c '{PYTEST} {' '.join(first)} && {everything}'"


def write_session(module: str, session: Path, tree: Path) -> None:
    """A cosmic-ray session holding one work item per comparison flip in the module."""
    module_ast = get_ast_from_path(tree / module)
    items = []
    for flip in FLIPS:
        name = f"core/ReplaceComparisonOperator_{flip}"
        operator = cosmic_ray.plugins.get_operator(name)()
        positions = (
            (node, start, end)
            for node in ast_nodes(module_ast)
            for start, end in operator.mutation_positions(node)
        )
        for occurrence, (node, start, end) in enumerate(positions):
            mutation = MutationSpec(
                module_path=module,
                operator_name=name,
                occurrence=occurrence,
                start_pos=start,
                end_pos=end,
                definition_name=ASTQuery(node).get_definition_name(),
            )
            items.append(WorkItem.single(job_id=f"{flip}-{occurrence}", mutation=mutation))
    with use_db(session, WorkDB.Mode.create) as db:
        db.clear()
        db.add_work_items(items)


def run_share(share: list[str], settings: dict, scratch: Path) -> list[Flip]:
    """One worker: its own copy of the tree, then a cosmic-ray session per module in turn."""
    tree = scratch / "tree"
    copy_of_working_tree(tree)
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    found = []
    for module in share:
        stem = module.replace("/", "_")
        cfg = scratch / f"{stem}.toml"
        cfg.write_text(
            serialize_config({**settings, "test-command": test_command(module)}), encoding="utf-8"
        )
        session = scratch / f"{stem}.sqlite"
        write_session(module, session, tree)
        subprocess.run(
            [str(bin_dir / "cosmic-ray"), "exec", str(cfg), str(session)],
            cwd=tree,
            env=env,
            check=True,
        )
        found += flips(session, tree)
        print(f"{module}: done", flush=True)
    return found


def flips(session: Path, tree: Path) -> list[Flip]:
    """The flips a finished session ran, with their outcome (the filtered ones left out)."""
    found = []
    with use_db(session, WorkDB.Mode.open) as db:
        for item, result in db.completed_work_items:
            if result.test_outcome is None:  # skipped by the operators filter
                continue
            (mutation,) = item.mutations
            names = OPERATOR.search(mutation.operator_name)
            assert names, mutation.operator_name
            module = Path(mutation.module_path).as_posix()
            line = mutation.start_pos[0]
            code = (tree / module).read_text(encoding="utf-8").splitlines()[line - 1].strip()
            found.append(
                Flip(
                    module=module,
                    line=line,
                    code=code,
                    before=SYMBOLS[names[1]],
                    after=SYMBOLS[names[2]],
                    killed=result.test_outcome != TestOutcome.SURVIVED,
                    timed_out=result.output == "timeout",
                )
            )
    return found


def listed_equivalents() -> set[tuple[str, str, str]]:
    """(module, code, flip) of each row of docs/mutation.md's table of equivalent mutants."""
    if not EQUIVALENTS_DOC.exists():
        return set()
    text = EQUIVALENTS_DOC.read_text(encoding="utf-8")
    section = text.partition("## Equivalent mutants")[2].partition("\n## ")[0]
    rows = set()
    for line in section.splitlines():
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 4 and cells[0].startswith("dashboard/"):
            rows.add((cells[0], cells[1].replace("\\|", "|"), cells[2]))
    return rows


def report(found: list[Flip]) -> int:
    """Print the kill rates and the survivors; 1 when a survivor is not a listed equivalent."""
    by_module: dict[str, list[Flip]] = defaultdict(list)
    for flip in found:
        by_module[flip.module].append(flip)
    width = max(len(module) for module in by_module)
    print(f"\n{'module':<{width}}  flips  killed  survived")
    for module in sorted(by_module):
        rows = by_module[module]
        killed = sum(flip.killed for flip in rows)
        print(f"{module:<{width}}  {len(rows):>5}  {killed:>6}  {len(rows) - killed:>8}")
    killed = sum(flip.killed for flip in found)
    print(f"{'all':<{width}}  {len(found):>5}  {killed:>6}  {len(found) - killed:>8}")
    print(f"killed {killed} of {len(found)} ({100 * killed / len(found):.0f}%)")

    equivalents = listed_equivalents()
    survivors = sorted((f for f in found if not f.killed), key=lambda f: (f.module, f.line))
    unexplained = [flip for flip in survivors if flip.key not in equivalents]
    if survivors:
        print("\nsurvivors (E: listed as equivalent in docs/mutation.md):")
    for flip in survivors:
        mark = "E" if flip.key in equivalents else " "
        print(f" {mark} {flip.module}:{flip.line}  {flip.before} → {flip.after}  {flip.code}")
    timed_out = [flip for flip in found if flip.timed_out]
    if timed_out:
        print("\nkilled by the timeout only (a loop, or a machine too busy: check these):")
    for flip in timed_out:
        print(f"   {flip.module}:{flip.line}  {flip.before} → {flip.after}  {flip.code}")
    if unexplained:
        print(f"\n{len(unexplained)} survivor(s) neither killed nor listed as equivalent")
        return 1
    return 0


def main() -> int:
    settings = config()
    # MUTATION_MODULES="dashboard/planning/rules/__init__.py ...": only these.
    modules = os.environ.get("MUTATION_MODULES", "").split() or list(settings["module-path"])
    workers = int(os.environ.get("MUTATION_JOBS") or os.cpu_count() or 1)
    with tempfile.TemporaryDirectory(prefix="mutation-") as scratch:
        jobs = shares(modules, workers)
        with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
            results = pool.map(
                lambda pair: run_share(pair[1], settings, Path(scratch) / str(pair[0])),
                enumerate(jobs),
            )
            found = [flip for share in results for flip in share]
    return report(found)


if __name__ == "__main__":
    sys.exit(main())
