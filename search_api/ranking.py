"""How a parsed query becomes a Tantivy query, and so how results are ranked.

Matching (what must be there) is one clause per **word** of the query as
``reading`` read it, accent-insensitive, so a hit never depends on the marks a
user typed: ``nong thon moi`` and ``nông thôn mới`` match the same paragraphs,
and an abbreviation unit matches any of its forms (``NTM`` | ``nông thôn mới``).
A one-syllable word is its folded syllable on ``text``, anywhere in the
paragraph; a multi-syllable word is the conjunction of its adjacent folded
syllable **pairs** (``cong_tac``; ``chuyen_doi`` + ``doi_so``), indexed per
paragraph without positions (see ``word_match`` for why not phrase queries).
Several readings of one run are ORed: a paragraph that any reading matches is
a match, and the likeliest reading earns the word boosts.

Ranking is BM25 summed over those clauses plus optional boosts, each a
constant here so that tuning happens in one place:

* ``EXACT``: the syllable with the marks as typed (``mới`` ≠ ``mời``), only
  for syllables that carry marks, so an accented query puts exact matches first;
* ``WORD``: the query's pyvi words on the word field, so ``nghị quyết``
  prefers "nghị_quyết" over "hội_nghị quyết_định";
* ``PHRASE`` / ``PHRASE_ACCENTED``: proximity, from the ``pairs`` field: the
  paragraphs with every adjacent syllable pair of the run (``nong_thon``,
  ``thon_moi``), in any variant where an abbreviation is swapped for its
  expansion; heavier when the query carries marks.  Pairs are plain terms,
  scored in the same pass as the rest: a phrase query read positions for every
  matching paragraph (the costliest part of a search at 200,000 paragraphs,
  even when confined to the best 300 candidates in a second search).  Exact
  marks rank first through ``EXACT``, so the pairs are folded: a run typed
  with a wrong mark still counts.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

import tantivy

from indexer import schema as F
from indexer.analysis import COMMA_JOINER, PAIR_JOINER, Abbreviations, syllable_pairs
from indexer.normalize import fold
from indexer.segmentation import Segmenter

from .query import ParsedQuery, Term, Unit

EXACT = 0.6
WORD = 1.5
PHRASE = 2.0
PHRASE_ACCENTED = 5.0
CONCEPT = 1.0
#: A word or phrase found in a report's title (on its first paragraph) weighs this much of
#: one found in the paragraph: the paragraph that says it ranks first ...
TITLE = 0.5
#: ... except for a quoted phrase this long, a headline pasted in: its report comes first.
TITLE_HEADLINE = 3.0
HEADLINE_SYLLABLES = 6
#: Partial matches: the paragraphs with every syllable (words apart) before those missing some.
APART = 2.0
MAX_PHRASE_VARIANTS = 4

Occur = tantivy.Occur


def _term(schema: tantivy.Schema, field: str, value: str) -> tantivy.Query:
    return tantivy.Query.term_query(schema, field, value)


def _phrase(schema: tantivy.Schema, field: str, words: list[str]) -> tantivy.Query:
    if len(words) == 1:
        return _term(schema, field, words[0])
    return tantivy.Query.phrase_query(schema, field, list[str | tuple[int, str]](words))


def _boost(query: tantivy.Query, weight: float) -> tantivy.Query:
    return tantivy.Query.boost_query(query, weight)


def _any(queries: list[tantivy.Query]) -> tantivy.Query:
    return queries[0] if len(queries) == 1 else tantivy.Query.boolean_query([(Occur.Should, q) for q in queries])


@lru_cache(maxsize=1)
def _indexed_concepts() -> frozenset[str]:
    return frozenset(Abbreviations.default().concepts)


def word_match(schema: tantivy.Schema, parts: list[str]) -> tantivy.Query:
    """A word's folded syllables side by side: one syllable on ``text``; two or more as
    the conjunction of their adjacent pairs on ``pairs``.

    Exact for two syllables; for three or more, "a_b" and "b_c" could in principle
    come from two places of a paragraph ("a b … b c"), which in report prose almost
    never happens (the words-as-words table in docs/QUALITY.md counts it).  Why pairs
    rather than ``Query.phrase_query`` on ``text``: the pair terms' postings are short
    (a pair is far rarer than either syllable) and carry no positions, where a phrase
    query intersects the syllables' long postings and then reads positions for every
    candidate; measured in docs/BENCHMARKS.md ("words as words")."""
    if len(parts) == 1:
        # In the paragraph, or in its report's title (first paragraph only; see schema).
        return _any([_term(schema, F.TEXT, parts[0]), _boost(_term(schema, F.TITLE_TEXT, parts[0]), TITLE)])
    return _any([_pairs(schema, F.PAIRS, parts), _boost(_pairs(schema, F.TITLE_PAIRS, parts), TITLE)])


def _pairs(schema: tantivy.Schema, field: str, parts: list[str]) -> tantivy.Query:
    pairs = [_term(schema, field, p) for p in syllable_pairs(parts)]
    side_by_side = pairs[0] if len(pairs) == 1 else tantivy.Query.boolean_query([(Occur.Must, q) for q in pairs])
    if field != F.PAIRS:  # titles keep their pairs across commas
        return side_by_side
    # Or as whole words either side of a comma ("phòng, chống"; ``Analysis.comma_pairs``).
    across = [
        _term(schema, field, PAIR_JOINER.join(parts[:k]) + COMMA_JOINER + PAIR_JOINER.join(parts[k:]))
        for k in range(1, len(parts))
    ]
    return _any([side_by_side, *across])


def unit_match(schema: tantivy.Schema, unit: Unit) -> tantivy.Query:
    """What must be present for one unit (accent-insensitive)."""
    if unit.concept:
        typed = [fold(s) for s in (unit.syllable or "").split()]
        # The words as typed, side by side (like a plain word) ...
        options = [word_match(schema, typed)] if typed else []
        # ... or any form of the concept: the indexer marked every paragraph that has
        # one in the ``concepts`` field.  Pairs only learnt from reports may be missing
        # on paragraphs indexed before they were learnt, so their forms are also
        # matched as phrases.
        if unit.concept not in _indexed_concepts():
            options += [_phrase(schema, F.TEXT, form) for form in unit.forms if form != typed]
        options.append(_boost(_term(schema, F.CONCEPTS, unit.concept), CONCEPT))
        return _any(options)
    return word_match(schema, unit.parts)


def _apart(schema: tantivy.Schema, term: Term) -> tantivy.Query:
    """Every word of the term, a multi-syllable word's syllables anywhere (how plain
    words matched before #14): among partial matches, those rank first."""
    clauses = []
    for unit in term.units:
        if len(unit.parts) < 2:
            clauses.append((Occur.Must, unit_match(schema, unit)))
        else:  # a concept's typed syllables too ("Uỷ ban kiểm tra" is UBKT)
            clauses += [(Occur.Must, _term(schema, F.TEXT, p)) for p in unit.parts]
    return tantivy.Query.boolean_query(clauses)


def _loose_unit(schema: tantivy.Schema, unit: Unit) -> list[tantivy.Query]:
    """A unit for partial matches: the word whole, or any of its syllables apart."""
    whole = unit_match(schema, unit)
    if len(unit.parts) < 2:
        return [whole]
    return [whole] + [_term(schema, F.TEXT, p) for p in unit.parts]


def _variants(term: Term, folded: bool) -> list[list[str]]:
    """The term's syllable sequence with each concept unit in each of its forms."""
    choices: list[list[list[str]]] = []
    for unit in term.units:
        if unit.concept:
            written = (unit.syllable or "").split()
            typed = [fold(s) for s in written] if folded else written
            forms = [typed] + [f for f in unit.forms if f != [fold(s) for s in typed]] if folded else [typed]
            choices.append(forms)
        else:
            assert unit.syllable is not None
            choices.append([fold(unit.syllable).split() if folded else unit.syllable.split()])
    out = []
    for combo in itertools.islice(itertools.product(*choices), MAX_PHRASE_VARIANTS):
        out.append([s for part in combo for s in part])
    return out


def term_query(
    schema: tantivy.Schema, term: Term, segmenter: Segmenter | None, required: bool = True, boosts: bool = True
) -> tantivy.Query:
    """Matching plus boosts for one term (none without ``boosts``: what matches is
    the same, only scores differ)."""
    clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
    unit_occur = Occur.Must if required else Occur.Should
    if term.phrase:
        # The sequence itself must match: exact marks when the phrase has any.
        field = F.SYL if term.accented else F.TEXT
        variants = _variants(term, folded=not term.accented)
        if term.accented:
            # Concepts inside an accented phrase: allow their folded forms too.
            variants += [v for v in _variants(term, folded=True) if v != [fold(s) for s in term.syllables]]
            options = [_phrase(schema, F.SYL, variants[0])] + [_phrase(schema, F.TEXT, v) for v in variants[1:]]
        else:
            options = [_phrase(schema, field, v) for v in variants]
        # Titles are text: a quoted headline finds its report (its first paragraph), first
        # when the phrase is long enough to be a copied headline rather than a term.
        weight = TITLE_HEADLINE if len(term.syllables) >= HEADLINE_SYLLABLES else TITLE
        options += [_boost(_phrase(schema, F.TITLE_TEXT, v), weight) for v in _variants(term, folded=True)]
        clauses.append((unit_occur, _any(options)))
    elif required:
        readings = [
            tantivy.Query.boolean_query([(Occur.Must, unit_match(schema, u)) for u in units])
            for units in term.readings or [term.units]
        ]
        clauses.append((Occur.Must, _any(readings)))
        if boosts:
            clauses += [(Occur.Should, q) for q in _phrase_boosts(schema, term)]
    else:
        seen: list[Unit] = []
        for units in term.readings or [term.units]:
            for unit in units:
                if unit not in seen:
                    seen.append(unit)
                    clauses += [(Occur.Should, q) for q in _loose_unit(schema, unit)]
        if boosts:
            clauses += [(Occur.Should, q) for q in _phrase_boosts(schema, term)]
            clauses.append((Occur.Should, _boost(_apart(schema, term), APART)))
    if not boosts:
        return tantivy.Query.boolean_query(clauses)
    # Exact-mark boosts.
    accented = [
        s
        for u in term.units
        if not u.concept and u.syllable and u.syllable != fold(u.syllable)
        for s in u.syllable.split()
        if s != fold(s)
    ]
    for s in accented:
        clauses.append((Occur.Should, _boost(_term(schema, F.SYL, s), EXACT)))
    # Word boosts: the likeliest reading's compound words (pyvi's on accented runs,
    # the vocabulary's with their restored marks on unaccented ones), so that
    # "cong tac dan van" ranks "dân vận" above "dân văn".
    for unit in term.units:
        for form in unit.accents[:2]:
            if " " in form:
                clauses.append((Occur.Should, _boost(_term(schema, F.WORDS, form.replace(" ", "_")), WORD)))
    return tantivy.Query.boolean_query(clauses)


def _phrase_boosts(schema: tantivy.Schema, term: Term) -> list[tantivy.Query]:
    """Proximity boosts from the run's adjacent syllable pairs, in every abbreviation variant.

    A paragraph with every pair of a variant (the run, as near as pairs can tell)
    earns ``PHRASE`` on their scores, as a phrase query did; "kinh tế" and "xã hội"
    apart earn nothing.  (Crediting each pair alone as well ranked no judged query
    better and, as more lists to walk for every match, cost 15 % more CPU per search
    at 1M paragraphs.)  Variants share the weight of the run as typed, so that it
    earns alike in any of its forms (``UBND huyện`` has one pair, "Ủy ban nhân dân
    huyện" four); a variant of one syllable (the abbreviation itself: ``hdnd``) is
    boosted as a term."""
    if term.phrase or len(term.syllables) < 2:
        return []
    weight = PHRASE_ACCENTED if term.accented else PHRASE
    variants = [[s.lower() for s in v] for v in _variants(term, folded=True)]
    total = weight * max(1, len(variants[0]) - 1)
    out: list[tantivy.Query] = []
    for variant in variants:
        if len(variant) == 1:
            out.append(_boost(_term(schema, F.TEXT, variant[0]), total))
            continue
        pairs = [_term(schema, F.PAIRS, p) for p in syllable_pairs(variant)]
        run = pairs[0] if len(pairs) == 1 else tantivy.Query.boolean_query([(Occur.Must, q) for q in pairs])
        out.append(_boost(run, total / len(pairs)))
    return out


def build_text_query(
    schema: tantivy.Schema, parsed: ParsedQuery, segmenter: Segmenter | None, partial: bool = False, boosts: bool = True
) -> tantivy.Query:
    """AND of groups (OR of terms inside a group), minus exclusions.

    With ``partial``, units become optional: the best partial matches, used when
    nothing has all the words.  Without ``boosts``: the same matches, cheaper
    to count (facets, totals).
    """
    clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
    for group in parsed.groups:
        options = [term_query(schema, t, segmenter, required=not partial, boosts=boosts) for t in group]
        clauses.append((Occur.Should if partial else Occur.Must, _any(options)))
    for term in parsed.excluded:
        if term.phrase or len(term.syllables) > 1:
            field = F.SYL if term.accented else F.TEXT
            sylls = term.syllables if term.accented else term.folded
            clauses.append((Occur.MustNot, _phrase(schema, field, sylls)))
        else:
            field = F.SYL if term.accented else F.TEXT
            clauses.append(
                (Occur.MustNot, _term(schema, field, term.syllables[0] if term.accented else term.folded[0]))
            )
    if not parsed.groups:
        clauses.append((Occur.Must, tantivy.Query.all_query()))
    return tantivy.Query.boolean_query(clauses)


def highlight_terms(parsed: ParsedQuery, apart: bool = False) -> list[list[str]]:
    """Folded syllable sequences to mark in a hit: whole words (every form of every
    concept); with ``apart`` (partial hits), each syllable of a word alone too."""
    out: list[list[str]] = []
    for term in parsed.positive_terms:
        for units in term.readings or [term.units]:
            for unit in units:
                sequences = list(unit.forms) if unit.concept else [unit.parts]
                if apart:
                    sequences += [[p] for p in unit.parts]
                out += [seq for seq in sequences if seq and seq not in out]
    return out


PLACE_DISTRICT = 2.0
PLACE_PROVINCE = 1.0


@lru_cache(maxsize=1)
def _place_names() -> dict[tuple[str, ...], list[tuple[str, str, str]]]:
    """Folded place names → (kind, code, province code), from the gazetteer."""
    from indexer.gazetteer import gazetteer

    gaz = gazetteer()
    index: dict[tuple[str, ...], list[tuple[str, str, str]]] = {}
    for d in gaz.districts.values():
        index.setdefault(tuple(fold(s).lower() for s in d.short.split()), []).append(
            ("district", d.code, d.province_code)
        )
    for p in gaz.provinces.values():
        index.setdefault(tuple(fold(s).lower() for s in p.short.split()), []).append(("province", p.code, p.code))
    return index


def place_boosts(schema: tantivy.Schema, parsed: ParsedQuery) -> list[tantivy.Query]:
    """A query that names a district or province prefers the reports tagged with it:
    "Châu Thành Tiền Giang" puts the Tiền Giang report's paragraphs first.  A district
    name shared by several provinces is narrowed by a province named in the query."""
    names = _place_names()
    found: list[tuple[str, str, str]] = []
    for term in parsed.positive_terms:
        sylls = term.folded
        i = 0
        while i < len(sylls):
            for n in (4, 3, 2):
                key = tuple(sylls[i : i + n])
                if len(key) == n and key in names:
                    found += names[key]
                    i += n - 1
                    break
            i += 1
    provinces = {code for kind, code, _ in found if kind == "province"}
    out = [_boost(_term(schema, F.PROVINCE, code), PLACE_PROVINCE) for code in sorted(provinces)]
    districts = [(code, prov) for kind, code, prov in found if kind == "district"]
    if provinces and any(prov in provinces for _, prov in districts):
        districts = [(code, prov) for code, prov in districts if prov in provinces]
    out += [_boost(_term(schema, F.DISTRICT, code), PLACE_DISTRICT) for code, _ in sorted(set(districts))]
    return out
