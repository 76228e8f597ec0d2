"""The Tantivy schema: the single source of truth for field names and analysis.

One paragraph is one Tantivy document.  Text is indexed three ways (see
``analysis``):

========== ================ ====================================================
field      tokenizer        holds
========== ================ ====================================================
text       ``vi_fold``      the paragraph as written (stored, shown, highlighted);
                            indexed folded: "Đồn Đạc" → don, dac
syl        ``vi_syl``       normalised syllables with marks: exact-mark matching
words      ``vi_words``     pyvi words, "nông_thôn mới": ranking
pairs      ``vi_words``     adjacent folded syllables, "nong_thon thon_moi":
                            a multi-syllable word's match, and phrase
                            proximity, as plain terms
title_text ``vi_fold``      the report's title and its pairs (first paragraph
title_pairs ``vi_words``    only): titles are searchable text, phrases
                            included, weighed apart from the paragraph's
concepts   ``raw``          abbreviation concepts present in either form ("NTM")
suggest    ``lines``        words and word n-grams keyed by their folded form,
                            for accent-insensitive completion by prefix (one
                            value per report, a term per line); and the
                            report's compound words, the vocabulary that
                            reads unaccented queries (``VOCAB_MARK``)
========== ================ ====================================================

District, province and topic are ``raw`` terms (filters) and stored (hits);
facets are counted on dense fast integers (``place``, ``topic_bits``,
``year_key``, ``office``: see ``facet_keys``), reports on ``report_key`` and
``report_no`` (results by report, ``group=report``).

What no query reads is stored only (a ``raw`` text field with ``basic``
postings is the nearest tantivy-py has to "not indexed"): the index stays
within 1.5 × the raw text with the ``pairs`` field in it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import tantivy

#: Bump when the schema or analysis changes in a way that needs a rebuild.
SCHEMA_VERSION = 16

FOLD_TOKENIZER = "vi_fold"
SYL_TOKENIZER = "vi_syl"
WORDS_TOKENIZER = "vi_words"
LINES_TOKENIZER = "lines"  # one term per line, as written: a report's completions in one value

# Field names, used everywhere else through these constants.
DOC_ID = "doc_id"
POSITION = "position"
TEXT = "text"
SYL = "syl"
WORDS = "words"
PAIRS = "pairs"  # "nong_thon thon_moi": each syllable joined to the next, folded
CONCEPTS = "concepts"
TITLE = "title"
TITLE_TEXT = "title_text"  # the report's title, searchable like text (first paragraph only)
TITLE_PAIRS = "title_pairs"  # its adjacent folded syllable pairs, like ``pairs`` (first paragraph only)
DISTRICT = "district"  # GSO district code
PROVINCE = "province"  # GSO province code
PROVINCE_2025 = "province_2025"  # the province since 1/7/2025 (34 provinces), from the legacy province
YEAR = "year"  # the reviewed year of the report
YEAR_KEY = "year_key"  # the same, 0 unknown (fast): facet counts, see facet_keys
TOPIC = "topic"  # topic slugs
PUBLISHED = "published"  # yyyymmdd as an integer
DATE_KEY = "date_key"  # published yyyymmdd, else <year>1231, else 0: sort newest/oldest
SOURCE = "source"
AUTHOR = "author"
FILE = "file"
URL = "url"
PARAGRAPHS = "paragraphs"  # number of paragraphs of the report
# AUTHOR, FILE, URL, PARAGRAPHS, MENTIONED, SUGGEST, TITLE_TEXT and TITLE_PAIRS are on a report's first paragraph only.
MENTIONED = "mentioned"  # other districts the report names (GSO codes)
PLACE = "place"  # province × 1000 + district, 0 unknown (fast): facet counts, see facet_keys
TOPIC_BITS = "topic_bits"  # topics as a bit mask, 0 none (fast): facet counts, see facet_keys
SUGGEST = "suggest"  # "<folded phrase>\x1f<phrase>": completions by prefix (on each report's first paragraph)
SUGGEST_SEP = "\x1f"
#: Starts the ``suggest`` terms of the vocabulary that reads queries: "\x1econg_tac\x1fcông_tác" for each
#: compound word of a report (``search_api.reading``); completions, keyed by a typed prefix, never reach them.
VOCAB_MARK = "\x1e"
# An official document's letterhead (see ``official``): on every paragraph but PLACE_DATE (first only).
NUMBER = "number"  # "45-BC/HU"
ISSUER = "issuer"  # issuer slug ("huyen-uy"): filter
ISSUER_NAME = "issuer_name"  # "HUYỆN ỦY THANH MIỆN", as written
KIND = "kind"  # document kind slug ("bao-cao"): filter
PLACE_DATE = "place_date"  # "Thanh Miện, ngày 15 tháng 12 năm 2023"
PAGE = "page"  # the page of a paragraph of a PDF (or multi-page scan), from 1
OFFICE = "office"  # issuer code × 100 + kind code, 0 unknown (fast): facet counts, see facet_keys
#: The report as one integer (fast, stored): its number in this index with its place, year and office
#: packed beside it (``facet_keys.report_key``), so one terms aggregation counts reports and their facets.
REPORT_KEY = "report_key"
#: The report's number alone (fast): the per-topic report counts' histogram (``facet_keys.count_reports``).
REPORT_NO = "report_no"


@lru_cache(maxsize=1)
def schema() -> tantivy.Schema:
    """The schema, built once per process."""
    return build_schema()


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field(DOC_ID, stored=True, tokenizer_name="raw", fast=True)
    sb.add_integer_field(POSITION, stored=True, indexed=True, fast=True)
    sb.add_text_field(TEXT, stored=True, tokenizer_name=FOLD_TOKENIZER)
    sb.add_text_field(SYL, stored=False, tokenizer_name=SYL_TOKENIZER)
    sb.add_text_field(TITLE_TEXT, stored=False, tokenizer_name=FOLD_TOKENIZER)
    sb.add_text_field(TITLE_PAIRS, stored=False, tokenizer_name=WORDS_TOKENIZER, index_option="basic")
    # Words and pairs only boost single terms (never phrases): no positions needed.
    sb.add_text_field(WORDS, stored=False, tokenizer_name=WORDS_TOKENIZER, index_option="freq")
    sb.add_text_field(PAIRS, stored=False, tokenizer_name=WORDS_TOKENIZER, index_option="basic")
    sb.add_text_field(CONCEPTS, stored=False, tokenizer_name="raw", index_option="freq")
    sb.add_text_field(DISTRICT, stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field(PROVINCE, stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field(PROVINCE_2025, stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_integer_field(YEAR, stored=True, indexed=True)
    sb.add_text_field(TOPIC, stored=True, tokenizer_name="raw", index_option="basic")
    # Dense fast columns (every paragraph has a value): Tantivy aggregates a column with
    # gaps through its optional index, ~2-3 times slower (docs/BENCHMARKS.md).
    sb.add_integer_field(PLACE, stored=False, indexed=False, fast=True)
    sb.add_integer_field(TOPIC_BITS, stored=False, indexed=False, fast=True)
    sb.add_integer_field(YEAR_KEY, stored=False, indexed=False, fast=True)
    sb.add_integer_field(DATE_KEY, stored=False, indexed=False, fast=True)
    sb.add_integer_field(OFFICE, stored=False, indexed=False, fast=True)
    sb.add_integer_field(REPORT_KEY, stored=True, indexed=False, fast=True)
    sb.add_integer_field(REPORT_NO, stored=False, indexed=False, fast=True)
    sb.add_text_field(ISSUER, stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field(KIND, stored=True, tokenizer_name="raw", index_option="basic")
    # Shown, never searched.
    sb.add_text_field(TITLE, stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_integer_field(PUBLISHED, stored=True)
    for name in (SOURCE, AUTHOR, FILE, URL, MENTIONED, NUMBER, ISSUER_NAME, PLACE_DATE):
        sb.add_text_field(name, stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_integer_field(PARAGRAPHS, stored=True, indexed=False)
    sb.add_integer_field(PAGE, stored=True, indexed=False)
    sb.add_text_field(SUGGEST, stored=False, tokenizer_name=LINES_TOKENIZER, index_option="basic")
    return sb.build()


def matches(result: tantivy.SearchResult) -> int:
    """How many documents a search counted (tantivy-py's type stub omits ``SearchResult.count``)."""
    return int(result.count)  # type: ignore[attr-defined]


def register_tokenizers(index: tantivy.Index) -> None:
    """Tokenizers are not stored in the index: register them on every open."""
    simple = tantivy.Tokenizer.simple()
    index.register_tokenizer(
        FOLD_TOKENIZER,
        tantivy.TextAnalyzerBuilder(simple)
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build(),
    )
    index.register_tokenizer(
        SYL_TOKENIZER,
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).filter(tantivy.Filter.lowercase()).build(),
    )
    index.register_tokenizer(LINES_TOKENIZER, tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex(r"[^\n]+")).build())
    index.register_tokenizer(
        WORDS_TOKENIZER,
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).filter(tantivy.Filter.lowercase()).build(),
    )


def open_index(path: Path, create: bool = False) -> tantivy.Index:
    """Open (or create) the Tantivy index in ``path`` with our tokenizers."""
    if create:
        path.mkdir(parents=True, exist_ok=True)
    elif not path.is_dir() or not tantivy.Index.exists(str(path)):
        raise FileNotFoundError(f"no index in {path}: run `python -m indexer build --index {path.parent}` first")
    try:
        index = tantivy.Index(build_schema(), path=str(path), reuse=True)
    except ValueError as exc:
        if "schema does not match" in str(exc) and not create:
            raise FileNotFoundError(
                f"the index in {path} was built by another version (schema {SCHEMA_VERSION} "
                f"expected): run `python -m indexer build --index {path.parent}` to rebuild it"
            ) from None
        raise
    register_tokenizers(index)
    return index
