"""What an import did, counted per kind of object, with every warning, and per item
what was converted or dropped (``--report FILE`` writes it all as JSON)."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

KINDS = ["posts", "pages", "comments", "categories", "tags", "authors", "attachments", "redirects",
         "skipped items"]
OUTCOMES = ["created", "updated", "unchanged", "copied", "missing"]


def _order(outcome):
    return (OUTCOMES.index(outcome) if outcome in OUTCOMES else len(OUTCOMES), outcome)


@dataclass
class Report:
    counts: dict = field(default_factory=lambda: defaultdict(Counter))
    warnings: list = field(default_factory=list)
    items: dict = field(default_factory=lambda: defaultdict(list))
    _missing: set = field(default_factory=set)

    def count(self, kind, outcome, n=1):
        self.counts[kind][outcome] += n

    def warn(self, message):
        self.warnings.append(message)

    def about(self, label, message):
        """A warning about one item: printed, and listed under the item in the JSON."""
        self.items[label].append(message)
        self.warn(f"item {label}: {message}")

    def converted(self, label, message):
        """Something converted as it should be: only listed under the item in the JSON."""
        self.items[label].append(message)

    def as_json(self):
        return {"counts": {kind: dict(outcomes) for kind, outcomes in self.counts.items()},
                "warnings": self.warnings, "items": dict(self.items)}

    def missing(self, relative, had_media_dir):
        if relative in self._missing:
            return
        self._missing.add(relative)
        self.count("attachments", "missing")
        where = ("not found in the media folder or on the old site" if had_media_dir
                 else "not copied (no --media-dir or --fetch-media)")
        self.warn(f"{relative}: {where}; the original URL is kept")

    def lines(self):
        for kind in KINDS:
            outcomes = self.counts.get(kind)
            if outcomes:
                ordered = sorted(outcomes.items(), key=lambda pair: _order(pair[0]))
                detail = ", ".join(f"{n} {outcome}" for outcome, n in ordered)
                yield f"{kind}: {detail}"
        if self.warnings:
            yield f"{len(self.warnings)} warning(s):"
            yield from (f"  - {warning}" for warning in self.warnings)
