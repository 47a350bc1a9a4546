"""The course's anonymisation rule, read from its one source (`regle_anonymisation.yaml`).

The builder renders it into every notebook, the self-check names it when it reports personal data, and
the author's guide is tested against it: the rule is written once.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

RULE_FILE = Path(__file__).with_name("regle_anonymisation.yaml")


@dataclass(frozen=True)
class RegleAnonymisation:
    titre: str
    introduction: str
    directe: tuple[str, tuple[str, ...]]  # (heading, elements)
    indirecte: tuple[str, tuple[str, ...]]
    verification: str

    def markdown(self, niveau: int = 2) -> str:
        """The rule as a Markdown section: its title at `niveau`, then the two lists."""
        lines = [f"{'#' * niveau} {self.titre}", "", self.introduction, ""]
        for heading, elements in (self.directe, self.indirecte):
            lines += [f"**{heading}.**", ""] + [f"- {element} ;" for element in elements[:-1]]
            lines += [f"- {elements[-1]}.", ""]
        lines.append(self.verification)
        return "\n".join(lines)


@cache
def regle_anonymisation() -> RegleAnonymisation:
    raw = yaml.safe_load(RULE_FILE.read_text(encoding="utf-8"))
    return RegleAnonymisation(
        titre=raw["titre"],
        introduction=raw["introduction"],
        directe=(raw["directe"]["intitule"], tuple(raw["directe"]["elements"])),
        indirecte=(raw["indirecte"]["intitule"], tuple(raw["indirecte"]["elements"])),
        verification=raw["verification"],
    )
