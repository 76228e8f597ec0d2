"""Parse what a user types into a small query tree.

Syntax, as people type it:

* plain words: all must match (``nông thôn mới``);
* ``"quoted phrase"``: that sequence of syllables;
* ``-word`` or ``-"a phrase"``: must not match;
* ``OR`` (capitals) between two terms: either matches.

Everything else is text: stray quotes, lone dashes and punctuation never raise.
Each term is analysed once here (normalisation, syllables, abbreviations).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.analysis import Abbreviations
from indexer.normalize import fold, has_diacritics, normalize, syllables

MAX_TERMS = 64

_TOKEN_RE = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass
class Unit:
    """One required piece of a term: a syllable, or a concept with its forms."""

    syllable: str | None = None  # lower-case, normalised, accented as typed
    concept: str | None = None  # abbreviation concept key ("NTM")
    forms: list[list[str]] = field(default_factory=list)  # folded syllable sequences of the concept

    @property
    def folded(self) -> str | None:
        return fold(self.syllable) if self.syllable else None


@dataclass
class Term:
    """A run of plain words or a quoted phrase."""

    text: str  # normalised, as typed
    syllables: list[str]  # lower-case, normalised
    units: list[Unit]
    phrase: bool = False  # quoted: the sequence must match
    negated: bool = False

    @property
    def accented(self) -> bool:
        return any(has_diacritics(s) for s in self.syllables)

    @property
    def folded(self) -> list[str]:
        return [fold(s) for s in self.syllables]


@dataclass
class ParsedQuery:
    raw: str
    #: AND of groups; a group is an OR of terms.
    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.groups

    @property
    def positive_terms(self) -> list[Term]:
        return [t for g in self.groups for t in g]

    @property
    def plain_text(self) -> str:
        """The positive words, without operators: for suggestions and phrase boosts."""
        return " ".join(t.text for t in self.positive_terms)


def _make_term(text: str, abbreviations: Abbreviations, phrase: bool, negated: bool) -> Term | None:
    norm = normalize(text)
    originals = syllables(norm)
    sylls = [s.lower() for s in originals]
    if not sylls:
        return None
    folded = [fold(s) for s in sylls]
    spans = abbreviations.find(folded, originals, strict_case=False)
    # Longest spans first, no overlaps.
    chosen: list[tuple[int, int, str]] = []
    for start, end, concept in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(end <= a or start >= b for a, b, _ in chosen):
            chosen.append((start, end, concept))
    by_start = {start: (end, concept) for start, end, concept in chosen}
    units: list[Unit] = []
    i = 0
    while i < len(sylls):
        if i in by_start:
            end, concept = by_start[i]
            units.append(Unit(concept=concept, forms=abbreviations.concepts[concept], syllable=" ".join(sylls[i:end])))
            i = end
        else:
            units.append(Unit(syllable=sylls[i]))
            i += 1
    return Term(norm, sylls, units, phrase=phrase, negated=negated)


def parse(raw: str, abbreviations: Abbreviations) -> ParsedQuery:
    query = ParsedQuery(raw=raw)
    pending_or = False
    run: list[str] = []

    def flush_run() -> None:
        nonlocal pending_or
        if not run:
            return
        # A run of plain words is one term; an OR binds only its neighbours, so
        # "a b OR c d" is a AND (b OR c) AND d.
        text = " ".join(run)
        run.clear()
        term = _make_term(text, abbreviations, phrase=False, negated=False)
        if term is None:
            return
        if pending_or and query.groups:
            query.groups[-1].append(term)
        else:
            query.groups.append([term])
        pending_or = False

    tokens = list(_TOKEN_RE.finditer(raw))
    for index, m in enumerate(tokens):
        neg, quoted, bare = m.group(1), m.group(2), m.group(3)
        if bare is not None:
            next_is_or = index + 1 < len(tokens) and tokens[index + 1].group(3) == "OR"
            if bare == "OR":
                pending_or = bool(query.groups or run)
                # The word before OR is its own term.
                if run:
                    last = run.pop()
                    flush_run()
                    run.append(last)
                    flush_run()
                    pending_or = True
                continue
            if bare.startswith("-") and len(bare) > 1 and bare[1] != "-":
                flush_run()
                term = _make_term(bare[1:], abbreviations, phrase=False, negated=True)
                if term:
                    query.excluded.append(term)
                continue
            if pending_or:
                # The word after OR joins the previous group alone.
                run.append(bare)
                flush_run()
                continue
            if next_is_or:
                run.append(bare)
                continue
            run.append(bare)
            continue
        flush_run()
        term = _make_term(quoted, abbreviations, phrase=True, negated=bool(neg))
        if term is None:
            continue
        if neg:
            query.excluded.append(term)
        elif pending_or and query.groups:
            query.groups[-1].append(term)
            pending_or = False
        else:
            query.groups.append([term])
    flush_run()
    query.groups = query.groups[:MAX_TERMS]
    return query
