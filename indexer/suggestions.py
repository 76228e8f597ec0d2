"""Completion terms of a paragraph: its words and word n-grams.

Each is indexed in the ``suggest`` field as ``<folded>\x1f<as written>`` so the
API can walk the term dictionary by a folded prefix (see
``search_api/suggest.py``).  Computed in the indexing workers, with the rest
of a paragraph's analysis.
"""

from __future__ import annotations

from functools import lru_cache

from . import schema as F
from .analysis import Analysis
from .normalize import fold_token

#: A completion neither starts nor ends with these (no "nông thôn mới và").
EDGE_STOPWORDS = frozenset(
    "và của các được là có với cho trong để đã theo từ tại những một này đến về trên như khi thì mà nhưng cũng "
    "đang sẽ do bị hay hoặc nên vào ra lại rất đó đây năm các_cấp nhằm gắn tới qua".split()
)


@lru_cache(maxsize=200_000)
def _vocabulary_term(word: str) -> str:
    """A compound word as the query reader looks it up: "\x1econg_tac\x1fcông_tác"."""
    return f"{F.VOCAB_MARK}{fold_token(word)}{F.SUGGEST_SEP}{word}"


@lru_cache(maxsize=200_000)
def _word(word: str) -> tuple[str, str, bool, bool, bool]:
    """(as written, folded, letters only, edge stopword, compound) of a pyvi word:
    the vocabulary is small and every paragraph repeats it, so this is computed once."""
    spaced = word.replace("_", " ")
    return spaced, fold_token(spaced), spaced.replace(" ", "").isalpha(), word in EDGE_STOPWORDS, "_" in word


def suggest_terms(analysis: Analysis) -> set[str]:
    """Words and word bigrams/trigrams, keyed by their folded form; and the compound
    words themselves, boundaries kept, for reading queries (``search_api.reading``)."""
    info = [_word(w) for w in analysis.words]
    out: set[str] = {_vocabulary_term(w) for w, i in zip(analysis.words, info, strict=True) if i[4] and i[2]}
    sep = F.SUGGEST_SEP
    count = len(info)
    for i in range(count):
        word, folded, alpha, stop, compound = info[i]
        if not alpha or stop:
            if alpha and len(word) >= 3:
                out.add(f"{folded}{sep}{word}")
            continue
        if len(word) >= 3:
            out.add(f"{folded}{sep}{word}")
        if i + 1 >= count:
            continue
        word2, folded2, alpha2, stop2, compound2 = info[i + 1]
        if not alpha2:
            continue
        if not stop2:
            out.add(f"{folded} {folded2}{sep}{word} {word2}")
        # Trigrams only between two compound words ("nông_thôn mới kiểu_mẫu"):
        # they are the phrases people complete; the rest would double the dictionary.
        if not compound or i + 2 >= count:
            continue
        word3, folded3, alpha3, stop3, compound3 = info[i + 2]
        if alpha3 and not stop3 and compound3:
            out.add(f"{folded} {folded2} {folded3}{sep}{word} {word2} {word3}")
    return out
