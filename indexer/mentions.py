"""A place mention: the unit of evidence for a report's district and province.

Kept apart from ``places`` so that every source of mentions (the text, the
report's address in ``urls``) builds the same thing without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Mention:
    kind: str  # "district", "province", "commune"
    name: str  # as written
    codes: tuple[str, ...]  # candidate units
    weight: float
    context: str  # "huyện", "bare", "tỉnh", "xã", ...
    where: str  # "title", "body", "credit"

    def describe(self) -> str:
        return f"{self.where}: {self.context} {self.name} (+{self.weight:g})"
