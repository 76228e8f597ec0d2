"""Vietnamese analysis shared by documents and queries.

Three views of the same text feed three Tantivy fields (see ``schema``):

* **syllables** with their diacritics (``nông thôn mới``): exact-mark matching;
* **folded syllables** (``nong thon moi``, ``đ``→``d``): unaccented queries, and
  the required matching of every query, so that no segmenter decision can
  lose a match;
* **words** from pyvi (``nông_thôn mới``): ranking, so that ``nghị quyết``
  prefers "nghị_quyết" over "hội_nghị quyết_định".

Abbreviations are the fourth view: ``NTM`` and ``nông thôn mới`` are the same
*concept*; the table is data (``data/abbreviations.json``) and reports add
their own definitions ("Mặt trận Tổ quốc (MTTQ)").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .normalize import fold, fold_token, normalize, syllable_starts, syllables
from .segmentation import Segmenter


@dataclass
class Analysis:
    """A text cut three ways; ``word_bounds`` maps words onto syllable indexes."""

    syllables: list[str]  # lower-case, normalised, accented
    words: list[str] = field(default_factory=list)  # lower-case pyvi words, "_" between syllables
    word_bounds: list[tuple[int, int]] = field(default_factory=list)
    #: Indexes of the syllables that open a sentence after the first: no word spans a sentence end.
    sentence_starts: frozenset[int] = frozenset()
    #: Indexes of the syllables that follow a comma: a word spans one only as whole words
    #: ("phòng, chống" is "phòng chống"; "hợp tác, xã hội hóa" holds no "hợp tác xã").
    comma_starts: frozenset[int] = frozenset()

    @property
    def folded(self) -> list[str]:
        return [fold_token(s) for s in self.syllables]

    def word_starts(self) -> set[int]:
        return {a for a, _ in self.word_bounds}

    def word_ends(self) -> set[int]:
        return {b for _, b in self.word_bounds}

    def breaks(self) -> frozenset[int]:
        """Where adjacent syllables are not side by side for a word: sentence ends and commas."""
        return self.sentence_starts | self.comma_starts

    def comma_pairs(self) -> list[str]:
        """For each comma between two words, the words either side, folded and joined:
        "phòng, chống" → ``phong,chong``, "cán bộ, công chức" → ``can_bo,cong_chuc``.

        Official prose writes coordinated words with a comma ("phòng, chống tham nhũng",
        "an ninh, trật tự"), and people type them without; but a comma also parts words
        whose syllables only look like one ("hợp tác, xã hội hóa").  A query's word
        matches across a comma only as these whole words (``ranking.word_match``).
        Needs pyvi's words; none without them."""
        if not self.comma_starts or not self.word_bounds:
            return []
        folded = self.folded
        ending = {b: a for a, b in self.word_bounds}
        starting = {a: b for a, b in self.word_bounds}
        out = []
        for j in sorted(self.comma_starts - self.sentence_starts):
            if j in ending and j in starting:
                left, right = folded[ending[j] : j], folded[j : starting[j]]
                out.append(PAIR_JOINER.join(left) + COMMA_JOINER + PAIR_JOINER.join(right))
        return out

    def may_hold(self, start: int, end: int) -> bool:
        """Whether syllables ``start:end`` can be one word or fixed phrase: not across a
        sentence end, and across a comma only from a word's start to a word's end."""
        inside = range(start + 1, end)
        if any(i in self.sentence_starts for i in inside):
            return False
        if not any(i in self.comma_starts for i in inside):
            return True
        return start in self.word_starts() and end in self.word_ends()


PAIR_JOINER = "_"
#: Joins the two words either side of a comma in a pair term (``Analysis.comma_pairs``).
COMMA_JOINER = ","


#: A sentence ends at . ! ? ; : or … followed by a space ("1.000" and "2021-2026" do not end one).
_SENTENCE_END = re.compile(r"[.!?;:…](?=\s)")


#: A comma between clauses or coordinated words ("1,5" is a number).
_COMMA = re.compile(r",(?=\s)")


def sentence_starts(norm: str) -> frozenset[int]:
    """Indexes (into ``syllables(norm)``) of the syllables that follow a sentence end."""
    return _starts_after(norm, _SENTENCE_END)


def comma_starts(norm: str) -> frozenset[int]:
    """Indexes (into ``syllables(norm)``) of the syllables that follow a comma."""
    return _starts_after(norm, _COMMA)


def _starts_after(norm: str, mark: re.Pattern[str]) -> frozenset[int]:
    ends = [m.end() for m in mark.finditer(norm)]
    if not ends:
        return frozenset()
    starts = syllable_starts(norm)
    out, k = set(), 0
    for i, start in enumerate(starts):
        while k < len(ends) and ends[k] <= start:
            if i > 0:
                out.add(i)
            k += 1
    return frozenset(out)


def syllable_pairs(folded: list[str], breaks: frozenset[int] = frozenset()) -> list[str]:
    """Each folded syllable joined to the next: ``nong thon moi`` → ``nong_thon thon_moi``;
    none across a break (``breaks``: the indexes of syllables that open a sentence or follow
    a comma, ``Analysis.breaks``), so "… Nhân dân. Vận động …" holds no ``dan_van`` and
    "hợp tác, xã hội hóa" no ``tac_xa`` (whole words across a comma: ``Analysis.comma_pairs``).

    Indexed as plain terms, these give phrase proximity to ranking for the price
    of a term: a paragraph with the query's run has all of its pairs, one with
    the syllables scattered has none.  (A phrase query reads positions for every
    matching paragraph: at 200,000 paragraphs that was the costliest part of a search.)
    """
    if breaks:
        return [
            a + PAIR_JOINER + b for i, (a, b) in enumerate(zip(folded, folded[1:], strict=False)) if i + 1 not in breaks
        ]
    return [a + PAIR_JOINER + b for a, b in zip(folded, folded[1:], strict=False)]


def analyse(text: str, segmenter: Segmenter | None = None) -> Analysis:
    """Normalise, cut into syllables and (with a segmenter) into pyvi words."""
    norm = normalize(text)
    result = Analysis(
        syllables=[s.lower() for s in syllables(norm)],
        sentence_starts=sentence_starts(norm),
        comma_starts=comma_starts(norm),
    )
    if segmenter is None:
        return result
    position = 0
    stream = result.syllables
    words, bounds = result.words, result.word_bounds
    for token in segmenter.segment(norm).split():
        word, parts = _token_parts(token)
        if not parts:
            continue
        n = len(parts)
        # pyvi's tokens realign with the syllable stream; skip what does not.
        if stream[position : position + n] != parts:
            found = _realign(stream, parts, position)
            if found is None:
                continue
            position = found
        words.append(word)
        bounds.append((position, position + n))
        position += n
    return result


@lru_cache(maxsize=200_000)
def _token_parts(token: str) -> tuple[str, list[str]]:
    """A pyvi token as a lower-case word and its syllables (cached: few distinct tokens)."""
    if token.replace("_", "").isalpha():  # the common case: letters only
        parts = token.lower().split("_")
    else:
        parts = [s.lower() for s in syllables(token.replace("_", " "))]
    return "_".join(parts), parts


def _realign(stream: list[str], parts: list[str], start: int) -> int | None:
    for i in range(start, min(len(stream), start + 8)):
        if stream[i : i + len(parts)] == parts:
            return i
    return None


# --------------------------------------------------------------------------- abbreviations

_DEFINITION_RE = re.compile(r"\(\s*([A-ZĐ][A-ZĐ&-]{1,9})\s*\)")


def abbreviation_key(abbr: str) -> str:
    """The comparable form of an abbreviation: folded upper-case letters only."""
    return re.sub(r"[^A-Z]", "", fold(normalize(abbr)).upper())


@dataclass
class Abbreviations:
    """Abbreviation ↔ expansion pairs, matched on (folded) syllable sequences."""

    pairs: dict[str, list[str]]  # display abbreviation → expansions (lower case); not changed after creation
    _signature: tuple | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def signature(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The pairs as a hashable key for the cached tables (computed once, not per paragraph)."""
        if self._signature is None:
            self._signature = tuple(sorted((k, tuple(v)) for k, v in self.pairs.items()))
        return self._signature

    @classmethod
    def default(cls) -> Abbreviations:
        return cls({k: list(v) for k, v in _default_pairs().items()})

    def merged(self, learnt: dict[str, list[str]]) -> Abbreviations:
        pairs = {k: list(v) for k, v in self.pairs.items()}
        for abbr, expansions in learnt.items():
            target = next((k for k in pairs if abbreviation_key(k) == abbreviation_key(abbr)), abbr)
            for e in expansions:
                if e not in pairs.setdefault(target, []):
                    pairs[target].append(e)
        return Abbreviations(pairs)

    def written(self, concept: str, folded: list[str]) -> str | None:
        """The form of ``concept`` whose folded syllables are ``folded``, with its marks as the table
        writes it ("hop tac xa" → "hợp tác xã"): how an unaccented query's concept is shown."""
        for abbr, expansions in self.pairs.items():
            for form in (abbr, *expansions):
                sylls = [fold(s).lower() for s in syllables(normalize(form))]
                if sylls == folded and concept in _concepts(((abbr, tuple(expansions)),)):
                    return normalize(form)
        return None

    @property
    def concepts(self) -> dict[str, list[list[str]]]:
        """Concept key → every form as a folded syllable sequence."""
        return _concepts(self.signature)

    def find(
        self,
        folded_syllables: list[str],
        originals: list[str] | None = None,
        strict_case: bool = True,
        within: Analysis | None = None,
    ) -> list[tuple[int, int, str]]:
        """(start, end, concept) for every form found in a folded syllable list; with the
        text's ``within`` analysis, only where a word may stand (``Analysis.may_hold``).

        Short abbreviations of two letters collide with syllables ("tu", "hu"), so
        an abbreviation form is accepted only where the original was written in
        capitals, unless ``strict_case`` is off and the form has 3+ letters.
        """
        found = []
        by_first = _first_syllable_index(self.signature)
        for i, syllable in enumerate(folded_syllables):
            for concept, form, is_abbr in by_first.get(syllable, ()):
                n = len(form)
                if folded_syllables[i : i + n] != form:
                    continue
                if within is not None and n > 1 and not within.may_hold(i, i + n):
                    continue
                if is_abbr and originals is not None:
                    written = originals[i : i + n]
                    capital = all(w.isupper() for w in written)
                    if not capital and (strict_case or len("".join(form)) < 3):
                        continue
                found.append((i, i + n, concept))
        return found


@lru_cache(maxsize=1)
def _default_pairs() -> dict[str, list[str]]:
    data = json.loads(resources.files(__package__).joinpath("data/abbreviations.json").read_text("utf-8"))
    pairs = dict(data["pairs"])
    for group in data.get("synonyms", []):
        pairs[group[0]] = list(group[1:])
    return pairs


@lru_cache(maxsize=64)
def _concepts(pairs: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, list[list[str]]]:
    out: dict[str, list[list[str]]] = {}
    for abbr, expansions in pairs:
        # Abbreviations are keyed by their letters ("KTXH"); synonym groups by their first phrase.
        key = (
            abbreviation_key(abbr)
            if abbr == abbr.upper()
            else " ".join(fold(s).lower() for s in syllables(normalize(abbr)))
        )
        forms = out.setdefault(key, [])
        for form in (abbr, *expansions):
            sylls = [fold(s).lower() for s in syllables(normalize(form))]
            if sylls and sylls not in forms:
                forms.append(sylls)
    return out


@lru_cache(maxsize=64)
def _first_syllable_index(
    pairs: tuple[tuple[str, tuple[str, ...]], ...],
) -> dict[str, list[tuple[str, list[str], bool]]]:
    """First folded syllable → (concept, form, is the abbreviation itself) for fast scanning."""
    index: dict[str, list[tuple[str, list[str], bool]]] = {}
    for concept, forms in _concepts(pairs).items():
        written_in_capitals = concept == concept.upper()
        for form in forms:
            is_abbr = written_in_capitals and len(form) <= 2 and "".join(form).upper() == concept
            index.setdefault(form[0], []).append((concept, form, is_abbr))
    return index


def learn_definitions(text: str) -> dict[str, list[str]]:
    """Pairs a report defines itself: "Mặt trận Tổ quốc (MTTQ)" → MTTQ: mặt trận tổ quốc.

    The expansion is the shortest run of syllables before the parenthesis whose
    initials spell the abbreviation (folded, so Đ matches D).
    """
    found: dict[str, list[str]] = {}
    if "(" not in text:
        return found
    norm = normalize(text)
    for m in _DEFINITION_RE.finditer(norm):
        abbr = m.group(1)
        letters = abbreviation_key(abbr)
        before = syllables(norm[max(0, m.start() - 120) : m.start()])
        for n in range(len(letters), 0, -1):
            if n > len(before):
                continue
            run = before[-n:]
            initials = "".join(fold(s)[0].upper() for s in run)
            if initials == letters:
                phrase = " ".join(run).lower()
                found.setdefault(abbr, [])
                if phrase not in found[abbr]:
                    found[abbr].append(phrase)
                break
    return found
