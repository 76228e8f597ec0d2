"""Parse what a user types into a small query tree.

Syntax, as people type it:

* plain words: all must match, read as words (``công tác dân vận`` is the words
  "công tác" and "dân vận": see ``reading``; a multi-syllable word matches where
  its syllables stand side by side);
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

from .reading import Reader

MAX_TERMS = 64

_TOKEN_RE = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass
class Unit:
    """One required piece of a term: a word (one or more syllables), or a concept with its forms."""

    syllable: str | None = None  # lower-case, normalised, accented as typed; a word's syllables space-separated
    concept: str | None = None  # abbreviation concept key ("NTM")
    forms: list[list[str]] = field(default_factory=list)  # folded syllable sequences of the concept
    shown: str | None = None  # the word with the marks it most likely has ("công tác" for "cong tac")
    accents: tuple[str, ...] = ()  # accented forms of a multi-syllable word, likeliest first (word boosts)

    @property
    def folded(self) -> str | None:
        return fold(self.syllable) if self.syllable else None

    @property
    def parts(self) -> list[str]:
        """The word's folded syllables."""
        return fold(self.syllable).split() if self.syllable else []


@dataclass
class Term:
    """A run of plain words or a quoted phrase."""

    text: str  # normalised, as typed
    syllables: list[str]  # lower-case, normalised
    units: list[Unit]  # the likeliest reading
    phrase: bool = False  # quoted: the sequence must match
    negated: bool = False
    #: Every plausible reading (``units`` first): a match of any is a match.
    readings: list[list[Unit]] = field(default_factory=list)

    @property
    def shown(self) -> str:
        """The likeliest reading, for people: "công tác dân vận" for ``cong tac dan van``."""
        return " ".join(u.shown or u.syllable or "" for u in self.units)

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

    @property
    def interpreted_as(self) -> str:
        """How the query was read, operators kept: ``"công tác dân vận" OR …``."""
        groups = [" OR ".join(f'"{t.text}"' if t.phrase else t.shown for t in g) for g in self.groups]
        return " ".join(groups + [f'-"{t.text}"' if t.phrase else f"-{t.text}" for t in self.excluded])

    @property
    def words(self) -> list[str]:
        """The words of the likeliest reading, in order (phrases whole)."""
        out: list[str] = []
        for t in self.positive_terms:
            out += [t.text] if t.phrase else [u.shown or u.syllable or "" for u in t.units]
        return out


def _make_term(
    text: str, abbreviations: Abbreviations, phrase: bool, negated: bool, reader: Reader | None = None
) -> Term | None:
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
    readings: list[list[tuple[int, int, str, tuple[str, ...]]]]
    if reader is None or phrase or negated:
        readings = [[(i, i + 1, sylls[i], ()) for i in range(len(sylls))]]
    else:
        readings = [[(w.start, w.end, w.shown, w.forms) for w in r] for r in reader.read(sylls, originals)]
    options: list[list[Unit]] = []
    for reading in readings:
        units = _units(reading, by_start, sylls, abbreviations, originals)
        if units not in options:
            options.append(units)
    return Term(norm, sylls, options[0], phrase=phrase, negated=negated, readings=options)


def _units(
    reading: list[tuple[int, int, str, tuple[str, ...]]],
    concepts: dict[int, tuple[int, str]],
    sylls: list[str],
    abbreviations: Abbreviations,
    originals: list[str],
) -> list[Unit]:
    """A reading's words as units; an abbreviation's span is one concept unit, and a word
    that straddles its edge is cut back to its own syllables (one-syllable words)."""
    # The reading's marks syllable by syllable, for a concept's own display ("chuyển đổi số").
    marks = list(sylls)
    for start, end, shown, _ in reading:
        if len(shown.split()) == end - start:
            marks[start:end] = shown.split()
    inside: dict[int, int] = {}
    for start, (end, _) in concepts.items():
        inside.update({i: start for i in range(start, end)})
    units: list[Unit] = []
    added: set[int] = set()  # concepts already added (a word may straddle into one)
    for start, end, shown, accents in reading:
        if not any(i in inside for i in range(start, end)):
            units.append(Unit(syllable=" ".join(sylls[start:end]), shown=shown, accents=accents))
            continue
        for i in range(start, end):
            if i in concepts and i not in added:
                added.add(i)
                stop, concept = concepts[i]
                typed = sylls[i:stop]
                # Typed without marks, a concept is shown as the table writes it ("hop tac xa" → "hợp tác
                # xã"), not with marks a reading of its syllables one by one would guess ("họp tac xa").
                written = abbreviations.written(concept, typed) if all(fold(t) == t for t in typed) else None
                units.append(
                    Unit(
                        concept=concept,
                        forms=abbreviations.concepts[concept],
                        syllable=" ".join(typed),
                        # An abbreviation typed in capitals is shown so ("NTM"), not as "ntm".
                        shown=written
                        or " ".join(
                            o if o.isupper() else m for o, m in zip(originals[i:stop], marks[i:stop], strict=True)
                        ),
                    )
                )
            elif i not in inside:
                units.append(Unit(syllable=sylls[i], shown=shown if end - start == 1 else sylls[i]))
    return units


def parse(raw: str, abbreviations: Abbreviations, reader: Reader | None = None) -> ParsedQuery:
    """The query tree; with a ``reader``, runs of plain words are read as words
    (without, each syllable is a word of its own)."""
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
        term = _make_term(text, abbreviations, phrase=False, negated=False, reader=reader)
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
