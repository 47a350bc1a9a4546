"""Learners' own words: the demo's written answers, each in a voice of its own.

The demo derives a copy's length and parts from the model answer (cohort.fill_notebook), so that
the simulated grader's levels follow the learner's quality. Pasting the model's sentences, though,
would make every copy a near-copy of every other and of the model: the similarity check
(grading.similarity) would flag them all, and could not show a planted copied pair. So each
answer is rewritten here from sentences of the course's other model answers (real professional
prose, none of it this case's model), drawn with the learner's seed, to exactly the same number
of words (as the self-check counts them): the levels do not move, the wording does.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from ..learner.donnees_personnelles import detecter_donnees_personnelles
from ..learner.selfcheck import compter_mots

ABBREVIATION_RE = re.compile(r"(?:^|\s)(?:[A-ZÉ]|M|Mme|Mlle|Dr|art|cf|etc|n°)\.$")
POOL = 40  # sentences drawn per answer, from which the exact word count is assembled


def sentences(text: str) -> list[str]:
    """Split on sentence ends, keeping initials (« Mme K. ») and abbreviations inside their sentence."""
    found: list[str] = []
    for piece in re.split(r"(?<=[.!?»])\s+", text.strip()):
        if found and ABBREVIATION_RE.search(found[-1]):
            found[-1] += " " + piece
        elif piece:
            found.append(piece)
    return found


def _exact_subset(lengths: list[int], target: int) -> list[int] | None:
    """Indices (in order) of sentences whose word counts add up to `target`, or None (subset sum)."""
    reach: dict[int, list[int]] = {0: []}
    for index, length in enumerate(lengths):
        for total, chosen in list(reach.items()):
            new = total + length
            if new <= target and new not in reach:
                reach[new] = chosen + [index]
        if target in reach:
            return reach[target]
    return None


@dataclass
class SentenceBank:
    """The sentences a cohort writes with. Within one answer cell (`key`), a sentence serves one learner only
    until the bank runs short: independent writers do not share whole sentences."""

    sentences: list[str]
    used: dict[str, set[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.lengths = [compter_mots(sentence) for sentence in self.sentences]

    def rewrite(self, text: str, key: str, rng: np.random.Generator) -> str:
        """`text` in other words, drawn from the bank, with exactly as many words as `text`."""
        target = compter_mots(text)
        if target == 0 or not self.sentences:
            return text
        used = self.used.setdefault(key, set())
        order = [int(i) for i in rng.permutation(len(self.sentences))]
        free = [i for i in order if i not in used]
        if len(free) < POOL:  # the bank is spent for this cell: its sentences serve again
            used.clear()
            free = order
        pool = free[:POOL]
        chosen = _exact_subset([self.lengths[i] for i in pool], target)
        if chosen is not None:
            used.update(pool[i] for i in chosen)
            return " ".join(self.sentences[pool[i]] for i in chosen)
        # Shorter than any sentence of the pool: the first words of one, closed by a full stop.
        words = self.sentences[pool[0]].rstrip(".").split()
        for end in range(1, len(words) + 1):
            if compter_mots(" ".join(words[:end])) == target:
                return " ".join(words[:end]).rstrip(" :,") + "."
        return text


def sentence_bank(sources: dict[str, list[str]], exclude: str) -> SentenceBank:
    """Every model sentence of the course's other assignments, without personal data to remove.

    `sources`: assignment id → its model texts. A learner writing on one case in their own words shares
    its subject with the model, not its sentences: drawing from the other cases gives distinct copies.
    """
    bank = []
    for assignment_id, texts in sorted(sources.items()):
        if assignment_id == exclude:
            continue
        for text in texts:
            for sentence in sentences(text):
                sentence = " ".join(sentence.split())  # one line: a sentence never starts a part heading
                whole = compter_mots(sentence) >= 4 and sentence.count("«") == sentence.count("»")
                if whole and not any(found.a_retirer for found in detecter_donnees_personnelles(sentence)):
                    bank.append(sentence)
    return SentenceBank(bank)
