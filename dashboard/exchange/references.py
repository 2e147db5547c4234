"""Checks across files: references resolve, and linked rows agree with each other."""

from dashboard.core.key_questions import scope_problem
from dashboard.core.vocabulary import InspectionType, KeyQuestion
from dashboard.exchange.cells import cell_text
from dashboard.exchange.formats import FORMAT_BY_NAME, FileFormat
from dashboard.exchange.known import InspectionFacts, Known
from dashboard.exchange.problems import Problem
from dashboard.exchange.records import Parsed, Record


def inspection_facts(record: Record, before: InspectionFacts | None) -> InspectionFacts:
    """An inspection as it will be after the import: the row's columns over the database's."""
    values = record.values
    kind = values.get("inspection_type", before.inspection_type if before else None)
    if {"inspection_type", "key_questions"} & record.invalid:
        kind = None  # its scope is unknown, so judgements are not checked against it
    if "key_questions" in values:
        given = values["key_questions"] or ()
    else:
        given = before.key_questions if before else ()
    group = values.get("group_code", before.group_code if before else None)
    return InspectionFacts(group, kind, tuple(given))


def _overlay(parsed: Parsed, known: Known) -> Known:
    """The database's keys and links with the import's rows laid over them."""
    links = Known(
        keys={name: set(keys) for name, keys in known.keys.items()},
        group_provider=dict(known.group_provider),
        service_group=dict(known.service_group),
        inspections=dict(known.inspections),
        recommendation_links=known.recommendation_links,
        judged=known.judged,
    )
    for name, records in parsed.items():
        fmt = FORMAT_BY_NAME[name]
        if len(fmt.key) == 1:
            keys = links.keys.setdefault(name, set())
            keys.update(r.values[fmt.key[0]] for r in records if r.values.get(fmt.key[0]))
    for record in parsed.get("inspection_groups", []):
        code, provider = record.values.get("code"), record.values.get("provider_code")
        if code and provider:
            links.group_provider[code] = provider
    for record in parsed.get("services", []):
        code, group = record.values.get("code"), record.values.get("group_code")
        if code and group:
            links.service_group[code] = group
    for record in parsed.get("inspections", []):
        ref = record.values.get("ref")
        if ref:
            links.inspections[ref] = inspection_facts(record, known.inspections.get(ref))
    return links


def check_references(parsed: Parsed, known: Known, problems: list[Problem]) -> None:
    """References resolve against the import and the database; linked rows agree."""
    links = _overlay(parsed, known)
    for name, records in parsed.items():
        fmt = FORMAT_BY_NAME[name]
        for record in records:
            _check_known(fmt, record, links, problems)
    for record in parsed.get("inspections", []):
        _check_scope_named(record, links, problems)
    for record in parsed.get("services", []):
        _check_service_group(record, links, problems)
    for record in parsed.get("recommendations", []):
        _check_recommendation_service(record, links, problems)
    for record in parsed.get("judgements", []):
        _check_judgement_scope(record, links, problems)
    for record in parsed.get("concerns", []):
        _check_concern_links(record, links, problems)
    for name, records in parsed.items():
        _check_composite_references(FORMAT_BY_NAME[name], records, parsed, known, problems)


def _check_composite_references(
    fmt: FileFormat, records: list[Record], parsed: Parsed, known: Known, problems: list[Problem]
) -> None:
    """Columns that together name a row of another file (an evidence file's follow-up) name
    one in the import or the database; the database is read only when the import lacks it."""
    links: dict[str, list[tuple[int, str]]] = {}
    for column in fmt.columns:
        if column.part_of:
            file, _, position = column.part_of
            links.setdefault(file, []).append((position, column.name))
    for file, parts in links.items():
        columns = [name for _, name in sorted(parts)]
        target = FORMAT_BY_NAME[file]
        present = {record.key(target) for record in parsed.get(file, [])}
        stored: set[tuple[object, ...]] | None = None
        for record in records:
            if record.invalid & set(columns) or any(
                fmt.column(name).required and record.values.get(name) is None for name in columns
            ):
                continue  # already a problem of its own
            key = tuple(record.values.get(name) for name in columns)
            if key in present:
                continue
            if stored is None:
                stored = known.stored_keys(file)
            if key not in stored:
                shown = ", ".join(
                    f"{name} {cell_text(value)!r}"
                    for name, value in zip(columns, key, strict=True)
                    if value is not None
                )
                message = (
                    f"unknown {target.label} ({shown}): not in {target.file_name} or the database"
                )
                problems.append(Problem(fmt.file_name, record.row, columns[0], message))


def _check_known(fmt: FileFormat, record: Record, links: Known, problems: list[Problem]) -> None:
    for column in fmt.columns:
        value = record.values.get(column.name)
        if column.references is None or value is None or links.has(column.references, value):
            continue
        target = FORMAT_BY_NAME[column.references]
        message = f"unknown {target.label} {value!r}: not in {target.file_name} or the database"
        problems.append(Problem(fmt.file_name, record.row, column.name, message))


def _check_scope_named(record: Record, links: Known, problems: list[Problem]) -> None:
    """The scope fits the type (here or as in the database) and keeps every stored judgement."""
    ref = record.values.get("ref") or ""
    facts = links.inspections.get(ref)
    if facts is None or facts.inspection_type not in tuple(InspectionType):
        return
    kind = InspectionType(facts.inspection_type or "")
    problem = scope_problem(kind, [KeyQuestion(kq) for kq in facts.key_questions])
    outside = [kq for kq in links.judged.get(ref, ()) if kq not in (facts.scope() or ())]
    if problem is None and outside:
        problem = f"judgements are recorded on {', '.join(outside)}; keep them in scope"
    if problem is not None:
        problems.append(Problem("inspections.csv", record.row, "key_questions", problem))


def _check_service_group(record: Record, links: Known, problems: list[Problem]) -> None:
    """A service's inspection group must belong to the service's own provider."""
    provider, group = record.values.get("provider_code"), record.values.get("group_code")
    owner = links.group_provider.get(group) if group else None
    if provider and owner and owner != provider and links.has("providers", provider):
        message = f"inspection group {group!r} belongs to provider {owner!r}, not {provider!r}"
        problems.append(Problem("services.csv", record.row, "group_code", message))


def _check_recommendation_service(record: Record, links: Known, problems: list[Problem]) -> None:
    """A new or relinked recommendation's service must be in the group its inspection covered.

    A stored link is not checked again: the service may have moved group since.
    """
    service, ref = record.values.get("service_code"), record.values.get("inspection_ref")
    if not service or not ref or ref not in links.inspections:
        return
    if links.recommendation_links.get(record.values.get("ref") or "") == (ref, service):
        return
    service_group = links.service_group.get(service)
    inspected_group = links.inspections[ref].group_code
    if service_group and inspected_group and service_group != inspected_group:
        message = (
            f"service {service!r} is in inspection group {service_group!r}, "
            f"but inspection {ref!r} is of group {inspected_group!r}"
        )
        problems.append(Problem("recommendations.csv", record.row, "service_code", message))


def _check_judgement_scope(record: Record, links: Known, problems: list[Problem]) -> None:
    """A judgement must be on a key question in its inspection's scope."""
    key_question, ref = record.values.get("key_question"), record.values.get("inspection_ref")
    facts = links.inspections.get(ref) if ref else None
    scope = facts.scope() if facts else None
    if key_question and scope is not None and key_question not in scope:
        message = (
            f"{key_question!r} is outside the scope of inspection {ref!r} ({', '.join(scope)})"
        )
        problems.append(Problem("judgements.csv", record.row, "key_question", message))


def _check_concern_links(record: Record, links: Known, problems: list[Problem]) -> None:
    """A concern's inspection group, and the group of the inspection it led to, are its
    provider's."""
    provider = record.values.get("provider_code")
    if not provider or not links.has("providers", provider):
        return
    group = record.values.get("group_code")
    owner = links.group_provider.get(group) if group else None
    if owner and owner != provider:
        message = f"inspection group {group!r} belongs to provider {owner!r}, not {provider!r}"
        problems.append(Problem("concerns.csv", record.row, "group_code", message))
    ref = record.values.get("inspection_ref")
    facts = links.inspections.get(ref) if ref else None
    inspected = links.group_provider.get(facts.group_code) if facts and facts.group_code else None
    if inspected and inspected != provider:
        message = f"inspection {ref!r} is of provider {inspected!r}, not {provider!r}"
        problems.append(Problem("concerns.csv", record.row, "inspection_ref", message))
