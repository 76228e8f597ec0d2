"""Completion terms of a paragraph: its words and word n-grams.

Each is indexed in the ``suggest`` field as ``<folded>\x1f<as written>`` so the
API can walk the term dictionary by a folded prefix (see
``search_api/suggest.py``).  Computed in the indexing workers, with the rest
of a paragraph's analysis.
"""
from __future__ import annotations

from . import schema as F
from .analysis import Analysis
from .normalize import fold_token

#: Word n-grams offered as completions.
MAX_SUGGEST_WORDS = 3
#: A completion neither starts nor ends with these (no "nông thôn mới và").
EDGE_STOPWORDS = frozenset(
    "và của các được là có với cho trong để đã theo từ tại những một này đến về trên như khi thì mà nhưng cũng "
    "đang sẽ do bị hay hoặc nên vào ra lại rất đó đây năm các_cấp nhằm gắn tới qua".split())


def suggest_terms(analysis: Analysis) -> set[str]:
    """Words and word bigrams/trigrams, keyed by their folded form."""
    words = [w.replace("_", " ") for w in analysis.words]
    folded = [fold_token(w) for w in words]
    alpha = [w.replace(" ", "").isalpha() for w in words]
    stop = [w in EDGE_STOPWORDS for w in analysis.words]
    out: set[str] = set()
    for i in range(len(words)):
        if not alpha[i] or stop[i]:
            if alpha[i] and len(words[i]) >= 3:
                out.add(f"{folded[i]}{F.SUGGEST_SEP}{words[i]}")
            continue
        for n in range(1, MAX_SUGGEST_WORDS + 1):
            j = i + n
            if j > len(words) or not alpha[j - 1]:
                break
            if n == 1 and len(words[i]) < 3:
                continue
            if stop[j - 1]:
                continue
            # Trigrams only between two compound words ("nông_thôn mới kiểu_mẫu"):
            # they are the phrases people complete; the rest would double the dictionary.
            if n == 3 and not ("_" in analysis.words[i] and "_" in analysis.words[j - 1]):
                continue
            out.add(" ".join(folded[i:j]) + F.SUGGEST_SEP + " ".join(words[i:j]))
    return out


