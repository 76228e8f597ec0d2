"""Completions as you type, and "did you mean" for unaccented or misspelt queries.

Completions come from the ``suggest`` field: every word and word n-gram of the
corpus is indexed as ``<folded>\\x1f<as written>``, so a prefix walk of the term
dictionary on the folded prefix answers ``nong th`` with "nông thôn",
"nông thôn mới", counted in reports (the terms of a report are indexed on its
first paragraph).

"Did you mean" reads the accented forms off the best hits themselves (which
know the context: ``moi`` after ``nong thon`` is "mới", not "mọi"), and a
syllable that no paragraph contains is replaced by its most frequent
neighbour at edit distance one.
"""

from __future__ import annotations

import re
from collections import Counter

import tantivy

from indexer import schema as F
from indexer.normalize import fold, fold_token, has_diacritics, normalize, syllables

MIN_PREFIX = 2
MAX_SUGGESTIONS = 10


def complete(searcher: tantivy.Searcher, prefix: str, limit: int = MAX_SUGGESTIONS) -> list[tuple[str, int]]:
    key = " ".join(fold(s) for s in syllables(normalize(prefix).lower()))
    if prefix.endswith(" ") and key:
        key += " "
    if len(key) < MIN_PREFIX:
        return []
    accented_prefix = normalize(prefix).lower().strip()
    best: dict[str, int] = {}
    for term, count in searcher.terms_with_prefix(F.SUGGEST, key, limit=200):
        folded, _, shown = term.partition(F.SUGGEST_SEP)
        if not shown or shown == accented_prefix:
            continue
        # When the user typed marks, keep completions that agree with them.
        if has_diacritics(accented_prefix) and not _agrees(shown, accented_prefix):
            continue
        best[shown] = best.get(shown, 0) + count
    ranked = sorted(best.items(), key=lambda kv: (-kv[1], len(kv[0])))
    return ranked[:limit]


def _agrees(candidate: str, typed: str) -> bool:
    typed_sylls = typed.split()
    cand_sylls = candidate.split()
    for i, t in enumerate(typed_sylls):
        if i >= len(cand_sylls):
            return False
        c = cand_sylls[i]
        last = i == len(typed_sylls) - 1
        if has_diacritics(t) and not (c.startswith(t) if last else c == t):
            return False
    return True


def accented_form(texts: list[str], folded_query: list[str]) -> str | None:
    """The most frequent accented spelling of ``folded_query`` in ``texts``."""
    n = len(folded_query)
    if not n:
        return None
    head = folded_query[0]
    counts: Counter[str] = Counter()
    for text in texts:
        sylls = [s.lower() for s in syllables(normalize(text))]
        folded = [fold_token(s) for s in sylls]  # cached: a few thousand distinct syllables
        for i in range(len(sylls) - n + 1):
            if folded[i] == head and folded[i : i + n] == folded_query:
                counts[" ".join(sylls[i : i + n])] += 1
    if not counts:
        return None
    return counts.most_common(1)[0][0]


_PLAIN = re.compile(r"[a-z0-9]+")


def _edits1(word: str) -> set[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return (
        {a + b[1:] for a, b in splits if b}
        | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        | {a + c + b[1:] for a, b in splits if b for c in letters}
        | {a + c + b for a, b in splits for c in letters}
    )


def correct_syllable(searcher: tantivy.Searcher, folded: str) -> str | None:
    """The most frequent indexed (folded) syllable at edit distance one, if any.

    Each of the ~300 candidates costs a term-dictionary look-up (``doc_freq``), not a
    count of its postings: a common neighbour ("xa", in most paragraphs) would
    otherwise cost a pass over the index."""
    best, best_count = None, 0
    for candidate in sorted(_edits1(folded)):  # sorted: ties go the same way in every process
        if not _PLAIN.fullmatch(candidate):
            continue
        count = searcher.doc_freq(F.TEXT, candidate)
        if count > best_count:
            best, best_count = candidate, count
    return best
