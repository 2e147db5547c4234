"""What an import did (or, for a dry run, would do): rows created, updated, unchanged per file."""

from dataclasses import dataclass, field


@dataclass
class FileSummary:
    """Counts for one file of an import."""

    name: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def rows(self) -> int:
        """Rows read from the file."""
        return self.created + self.updated + self.unchanged


@dataclass
class ImportSummary:
    """Counts per file, in dependency order, and whether anything was saved."""

    files: list[FileSummary] = field(default_factory=list)
    dry_run: bool = False

    @property
    def total(self) -> FileSummary:
        """The counts summed over every file."""
        return FileSummary(
            "total",
            created=sum(f.created for f in self.files),
            updated=sum(f.updated for f in self.files),
            unchanged=sum(f.unchanged for f in self.files),
        )

    def file(self, name: str) -> FileSummary:
        """The counts for one file (all zero when the import did not include it)."""
        return next((f for f in self.files if f.name == name), FileSummary(name))

    def format_summary(self) -> str:
        """A plain-text table of the counts, for the command line and logs."""
        headings = ("file", "created", "updated", "unchanged")
        lines = [*self.files, self.total]
        width = max(len(headings[0]), *(len(f.name) for f in lines))
        rule = "-" * (width + 3 * 11)

        def line(name: str, *counts: object) -> str:
            return name.ljust(width) + "".join(str(count).rjust(11) for count in counts)

        table = [line(*headings), rule]
        table += [line(f.name, f.created, f.updated, f.unchanged) for f in self.files]
        total = self.total
        table += [rule, line(total.name, total.created, total.updated, total.unchanged)]
        if self.dry_run:
            table.append("dry run: nothing was saved")
        return "\n".join(table)
