"""Reading a query as words: where its multi-syllable words are, and their marks.

Vietnamese words are one to four syllables, and the common syllables (công, tác,
dân, số…) are everywhere: a query matched syllable by syllable counted up to 2.5
times the paragraphs that hold its words (issue #14).  So a run of plain words is
read as words first, and ``ranking`` then asks for each multi-syllable word's
syllables side by side.

* **Accented text** (most syllables carry marks) is segmented by pyvi, as the
  documents were: ``công tác dân vận`` → công_tác dân_vận.
* **Unaccented or mixed text** cannot be segmented by pyvi (it needs the marks),
  so it is segmented on the index's own vocabulary: every compound word the
  indexer's pyvi found, with the number of reports that hold it (see
  ``indexer.suggestions``; the terms live in the ``suggest`` field, so builds and
  POSTs keep it current with no file of its own).  ``cong tac dan van`` →
  công_tác dân_vận, because both compounds are frequent and that reading joins
  the most syllables.  Marks a person did type must agree (``cong tác`` cannot be
  "cống tắc").
* A query that can be read several plausible ways keeps them all (up to
  ``MAX_READINGS``, likelier first): ``ranking`` ORs them and boosts the first.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import tantivy

from indexer import schema as F
from indexer.analysis import analyse
from indexer.normalize import fold_token, has_diacritics
from indexer.segmentation import Segmenter

#: Longest compound looked up in the vocabulary (pyvi's words are rarely longer).
MAX_WORD = 4
#: Readings kept for one run of words, the likeliest first.
MAX_READINGS = 3
#: A reading is kept when it scores at least this share of the best one.
KEEP_SHARE = 0.8
#: Share of syllables with marks from which a run counts as accented (pyvi reads it).
ACCENTED_SHARE = 0.5
#: Longest run segmented by trying every segmentation (longer runs: best per prefix).
MAX_EXHAUSTIVE = 10


@dataclass(frozen=True)
class Word:
    """Syllables ``start``–``end`` of a run read as one word, with the marks it most
    likely has (``shown``; the typed syllables when nothing better is known)."""

    start: int
    end: int
    shown: str
    forms: tuple[str, ...] = ()  # accented forms found in the vocabulary, likeliest first


Reading = list[Word]


class Vocabulary:
    """The index's compound words by folded form, with report counts (``suggest`` field)."""

    def __init__(self, searcher: tantivy.Searcher) -> None:
        self._searcher = searcher
        self._cache: dict[str, list[tuple[str, int]]] = {}

    def compounds(self, folded: list[str]) -> list[tuple[str, int]]:
        """Accented forms ("công tác") of a folded syllable run, with their report counts."""
        key = F.VOCAB_MARK + "_".join(folded) + F.SUGGEST_SEP
        if key not in self._cache:
            found = [
                (term.partition(F.SUGGEST_SEP)[2].replace("_", " "), count)
                for term, count in self._searcher.terms_with_prefix(F.SUGGEST, key, limit=16)
            ]
            self._cache[key] = sorted(found, key=lambda fc: -fc[1])
        return self._cache[key]

    def phrase(self, folded: str) -> list[tuple[str, int]]:
        """Accented forms of a run of words as the completions hold them ("chuyen doi so" →
        "chuyển đổi số"): word bigrams and trigrams, keyed by their folded form."""
        key = folded + F.SUGGEST_SEP
        if key not in self._cache:
            found = [
                (term.partition(F.SUGGEST_SEP)[2], count)
                for term, count in self._searcher.terms_with_prefix(F.SUGGEST, key, limit=16)
            ]
            self._cache[key] = sorted(found, key=lambda fc: -fc[1])
        return self._cache[key]

    def syllable(self, folded: str) -> list[tuple[str, int]]:
        """Accented spellings of one syllable written as a word of its own ("mới", "mọi"): the
        completions hold them keyed the same way as runs of words."""
        return self.phrase(folded)


def _agrees(form: str, typed: list[str]) -> bool:
    """Typed marks must be the form's marks; unmarked typed syllables agree with any."""
    return all(not has_diacritics(t) or t == f for t, f in zip(typed, form.split(), strict=False))


class Reader:
    """Reads runs of plain words; one per search (its vocabulary look-ups are cached)."""

    def __init__(self, segmenter: Segmenter | None, vocabulary: Vocabulary | None) -> None:
        self.segmenter = segmenter
        self.vocabulary = vocabulary

    def read(self, sylls: list[str], written: list[str] | None = None) -> list[Reading]:
        """Plausible readings of a run of lower-case syllables, likeliest first; ``written``
        is the same syllables with their capitals, which pyvi reads ("Huyện ủy" is one word
        to it, "huyện ủy" two)."""
        if len(sylls) < 2:
            return [self._singles(sylls, 0, len(sylls))]
        marked = sum(has_diacritics(s) for s in sylls)
        readings: list[Reading] = []
        if self.segmenter is not None and marked >= ACCENTED_SHARE * len(sylls):
            readings.append(self._pyvi(sylls, written or sylls))
        if self.vocabulary is not None:
            readings += self._by_vocabulary(sylls)
        if not readings:
            readings.append(self._singles(sylls, 0, len(sylls)))
        # A reading whose compounds are all in another reading is coarser: it matches a
        # superset (pyvi on mixed text finds no compound; "công tác" alone is a part of
        # "công tác" + "dân vận").  Keeping it would undo the finer one: drop it.
        readings = [self._in_context(sylls, r) for r in readings]
        out: list[Reading] = []
        for r in readings:
            mine = _compounds(r)
            if any(mine == _compounds(o) or mine < _compounds(o) for o in readings if o is not r and o in out):
                continue
            if any(mine < _compounds(o) for o in readings if o is not r):
                continue
            out.append(r)
        return out[:MAX_READINGS]

    def _in_context(self, sylls: list[str], reading: Reading) -> Reading:
        """Marks for a one-syllable word the vocabulary left bare ("so" after "chuyển đổi"),
        read off the corpus's word bigrams with a neighbour: for display only."""
        if self.vocabulary is None:
            return reading
        out = list(reading)
        for k, word in enumerate(out):
            if word.end - word.start != 1 or has_diacritics(word.shown):
                continue
            for a, b in ((k - 1, k), (k, k + 1)):
                if a < 0 or b >= len(out):
                    continue
                folded = " ".join(fold_token(s) for s in sylls[out[a].start : out[b].end])
                typed = sylls[out[a].start : out[b].end]
                forms = [f for f, _ in self.vocabulary.phrase(folded) if _agrees(f, typed)]
                if forms:
                    shown = forms[0].split()[word.start - out[a].start]
                    out[k] = Word(word.start, word.end, shown, word.forms)
                    break
        return out

    # ------------------------------------------------------------------ pyvi
    def _pyvi(self, sylls: list[str], written: list[str]) -> Reading:
        assert self.segmenter is not None
        analysis = analyse(" ".join(written), self.segmenter)
        words: Reading = []
        covered = 0
        for a, b in analysis.word_bounds:
            if a < covered:
                continue
            words += self._singles(sylls, covered, a)
            words.append(Word(a, b, " ".join(sylls[a:b]), (" ".join(sylls[a:b]),)))
            covered = b
        words += self._singles(sylls, covered, len(sylls))
        return words

    # ------------------------------------------------------------------ vocabulary
    def _candidates(self, sylls: list[str]) -> dict[tuple[int, int], tuple[tuple[str, ...], int]]:
        """(start, end) → (accented forms agreeing with the typed marks, report count)."""
        assert self.vocabulary is not None
        folded = [fold_token(s) for s in sylls]
        out: dict[tuple[int, int], tuple[tuple[str, ...], int]] = {}
        for a in range(len(sylls)):
            for b in range(a + 2, min(len(sylls), a + MAX_WORD) + 1):
                found = [(f, c) for f, c in self.vocabulary.compounds(folded[a:b]) if _agrees(f, sylls[a:b])]
                if found:
                    out[(a, b)] = (tuple(f for f, _ in found), sum(c for _, c in found))
        return out

    def _by_vocabulary(self, sylls: list[str]) -> list[Reading]:
        candidates = self._candidates(sylls)
        if not candidates:
            return []
        segmentations = _segmentations(len(sylls), candidates.keys())
        scored = sorted(
            (
                (sum((b - a - 1) * (1 + math.log1p(candidates[(a, b)][1])) for a, b in seg), seg)
                for seg in segmentations
            ),
            key=lambda ss: (-ss[0], ss[1]),
        )
        best = scored[0][0]
        out: list[Reading] = []
        for score, seg in scored:
            if score < KEEP_SHARE * best or len(out) >= MAX_READINGS:
                break
            out.append(self._reading(sylls, seg, candidates))
        return out

    def _reading(
        self,
        sylls: list[str],
        seg: tuple[tuple[int, int], ...],
        candidates: dict[tuple[int, int], tuple[tuple[str, ...], int]],
    ) -> Reading:
        words: Reading = []
        covered = 0
        for a, b in seg:
            words += self._singles(sylls, covered, a)
            forms = candidates[(a, b)][0]
            words.append(Word(a, b, forms[0], forms))
            covered = b
        return words + self._singles(sylls, covered, len(sylls))

    def _singles(self, sylls: list[str], start: int, end: int) -> Reading:
        out = []
        for i in range(start, end):
            shown = sylls[i]
            if self.vocabulary is not None and not has_diacritics(shown):
                forms = self.vocabulary.syllable(fold_token(shown))
                if forms:
                    shown = forms[0][0]
            out.append(Word(i, i + 1, shown))
        return out


def _compounds(reading: Reading) -> frozenset[tuple[int, int]]:
    return frozenset((w.start, w.end) for w in reading if w.end - w.start > 1)


def _segmentations(n: int, spans) -> list[tuple[tuple[int, int], ...]]:
    """Every set of non-overlapping compound spans (the rest are one-syllable words);
    past ``MAX_EXHAUSTIVE`` syllables, only the greedy longest-first one."""
    spans = sorted(spans)
    if n > MAX_EXHAUSTIVE:
        chosen: list[tuple[int, int]] = []
        for a, b in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
            if all(b <= x or a >= y for x, y in chosen):
                chosen.append((a, b))
        return [tuple(sorted(chosen))]
    by_start: dict[int, list[tuple[int, int]]] = {}
    for a, b in spans:
        by_start.setdefault(a, []).append((a, b))

    @cache
    def rest(i: int) -> list[tuple[tuple[int, int], ...]]:
        if i >= n:
            return [()]
        out = list(rest(i + 1))  # syllable i is a word of its own
        for a, b in by_start.get(i, ()):
            out += [((a, b), *tail) for tail in rest(b)]
        return out

    return rest(0)
