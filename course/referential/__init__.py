"""The RNCP 7426 referential (blocs, competences, modalities) loaded as typed data.

The wording is the official one; ids follow shared/referentiel/RNCP7426.md.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel

from .. import yaml_io

REFERENTIAL_FILE = Path(__file__).with_name("rncp7426.yaml")


class Competence(BaseModel):
    id: str
    text: str


class Modality(BaseModel):
    id: str
    text: str


class Bloc(BaseModel):
    id: str
    number: int
    title: str
    competences: list[Competence]
    modalities: list[Modality]


class Referential(BaseModel):
    code: str
    title: str
    legal_basis: str
    blocs: list[Bloc]

    @property
    def competences(self) -> dict[str, Competence]:
        return {c.id: c for b in self.blocs for c in b.competences}

    @property
    def modalities(self) -> dict[str, Modality]:
        return {m.id: m for b in self.blocs for m in b.modalities}

    def bloc_of(self, item_id: str) -> Bloc:
        """Bloc of a competence (C1.2) or modality (M1.2) id."""
        number = int(item_id[1:].split(".")[0])
        return next(b for b in self.blocs if b.number == number)


@lru_cache(maxsize=1)
def load_referential() -> Referential:
    with REFERENTIAL_FILE.open(encoding="utf-8") as handle:
        return Referential.model_validate(yaml_io.safe_load(handle))
