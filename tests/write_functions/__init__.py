"""The registry of write functions the trust tests run over.

- `WRITE_FUNCTIONS`: every write function, a call with valid arguments on the small world that
  `build_world` makes, and the personas allowed. `tests/services/test_role_matrix.py` calls each
  as every persona: allowed ones must succeed and write an audit entry, the others must be
  refused with PermissionDenied having written nothing. It also fails when a public function in
  `dashboard/` that takes `session` and `actor` is in none of the tables below.
- `FREE_TEXT_WRITES`: write functions that store free text, called on a copy of the demo database
  with a `<script>` payload; `tests/apptest/test_no_html.py` then renders every page.

To add a write function: append `WriteFunction(module.function, lambda s, a: module.function(s,
actor=a, ...), ALLOWED_SET)` to WRITE_FUNCTIONS (use `audited=False` for a guarded read such as a
download); if it stores free text, append `FreeTextWrite("what", lambda s, a, text: ...)`.
"""

from tests.write_functions.concern_writes import CONCERN_WRITES
from tests.write_functions.free_text import FREE_TEXT_WRITES, MECHANISMS, FreeTextWrite
from tests.write_functions.inspection_writes import INSPECTION_WRITES
from tests.write_functions.national_writes import NATIONAL_WRITES
from tests.write_functions.programme_writes import PROGRAMME_WRITES
from tests.write_functions.world import (
    ACTORS,
    PAYLOAD,
    Persona,
    WriteFunction,
    build_world,
)

WRITE_FUNCTIONS: tuple[WriteFunction, ...] = (
    PROGRAMME_WRITES + INSPECTION_WRITES + NATIONAL_WRITES + CONCERN_WRITES
)

__all__ = [
    "ACTORS",
    "FREE_TEXT_WRITES",
    "MECHANISMS",
    "PAYLOAD",
    "WRITE_FUNCTIONS",
    "FreeTextWrite",
    "Persona",
    "WriteFunction",
    "build_world",
]
