"""Run the same work in many threads released together, as a meeting room pressing at once."""

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def at_once(people: int, work: Callable[[int], T]) -> list[T]:
    """Run `work(person)` in `people` threads released by one barrier; each runs in its own
    transaction and connection. Any exception fails the calling test."""
    barrier = threading.Barrier(people)
    results: list[T] = []
    errors: list[BaseException] = []

    def person(number: int) -> None:
        barrier.wait()
        try:
            results.append(work(number))
        except BaseException as error:  # noqa: BLE001 (the test reports every one)
            errors.append(error)

    threads = [threading.Thread(target=person, args=(number,)) for number in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [], errors
    return results
