"""Which district and province a report is about, with the evidence.

Evidence is a *mention*: a run of capitalised syllables that names a province,
district or commune of the gazetteer, weighed by what precedes it
("huyện Lương Tài", "Huyện ủy Bình Lục", "TT&VH Ba Chẽ", "tỉnh Bắc Ninh",
"xã Đồn Đạc", "TX.Phú Mỹ", "Thành ủy Tam Điệp") and where it stands (title, byline, body).  A bare name in the
body counts little: "kênh Hòa Bình" is not a district.

Decisions are conservative because a wrong district is worse than none:

* a name shared by several districts (Châu Thành, An Lão) is kept only when the
  province named in the text singles one out;
* the winner must have enough weight and be clearly ahead of the runner-up;
* communes decide only when the district itself is not named, and then only
  when at least two different communes point to the same district.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from .gazetteer import Commune, District, Gazetteer, Province, gazetteer, name_key
from .mentions import Mention
from .normalize import fold_token, normalize
from .urls import url_mentions

_TOKEN_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)*|[^\w\s]", re.UNICODE)

# Context words before a name, compared folded and lower-case, longest first.
_DISTRICT_PREFIXES = (
    ("ubnd", "huyen"),
    ("hdnd", "huyen"),
    ("huyen", "uy"),
    ("thi", "uy"),
    ("quan", "uy"),
    ("ttdt", "huyen"),
    ("trung", "tam", "tt", "&", "vh"),
    ("tt", "&", "vh"),
    ("ttvh",),
    ("tt", "vh"),
    ("huyen",),
    ("quan",),
    ("thi", "xa"),
    ("tx", "."),  # "TX.Phú Mỹ", "TX. Hoàng Mai"
    ("tx",),
    ("t", ".", "x"),  # "T.X Hồng Lĩnh"
)
#: "Thành ủy X" is a city's party committee: a district-level city's ("Thành ủy Tam Điệp") when X is one,
#: else a centrally-run city's ("Thành ủy Hà Nội", a province).
_CITY_PREFIXES = (("thanh", "pho"), ("thanh", "uy"), ("tp", "."), ("tp",), ("t", ".", "p"))  # "T.P Sông Công"
_PROVINCE_PREFIXES = (("tinh", "uy"), ("ubnd", "tinh"), ("hdnd", "tinh"), ("tinh",))
_COMMUNE_PREFIXES = (("thi", "tran"), ("xa",), ("phuong",))

#: Weights of one mention by its context.
W_PREFIXED = 3.0
W_BARE = 1.0
W_TITLE = 2.0  # multiplier for mentions in the title
W_CREDIT = 2.0  # multiplier for mentions in the byline/source
#: A winner needs this much weight and this lead over the runner-up.
MIN_DISTRICT_SCORE = 3.0
MIN_LEAD = 2.0
MIN_PROVINCE_SCORE = 2.0


@dataclass
class PlaceTags:
    district: District | None = None
    province: Province | None = None
    #: Other districts the report names (codes), strongest first.
    mentioned: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)


def _match_prefix(tokens: list[str], end: int, prefixes: tuple[tuple[str, ...], ...]) -> str | None:
    """The context before ``tokens[end]`` (compared folded, lower-case)."""
    before = tuple(fold_token(t).lower() for t in tokens[max(0, end - 5) : end])
    for prefix in prefixes:
        n = len(prefix)
        if len(before) >= n and before[len(before) - n :] == prefix:
            return " ".join(prefix)
    return None


#: The unit a context word names: "huyện Tân Châu" is not the thị xã of that name.
_UNIT_TYPE = {
    "huyen": "Huyện",
    "ubnd huyen": "Huyện",
    "hdnd huyen": "Huyện",
    "huyen uy": "Huyện",
    "ttdt huyen": "Huyện",
    "thi xa": "Thị xã",
    "tx .": "Thị xã",
    "tx": "Thị xã",
    "t . x": "Thị xã",
    "thi uy": "Thị xã",
    "quan": "Quận",
    "quan uy": "Quận",
}


def _is_name_token(token: str) -> bool:
    """A capitalised word of a name; "M'gar", "H'Drai" keep their apostrophe."""
    return token[:1].isupper() and token.replace("'", "").isalpha()


def find_mentions(text: str, where: str, gaz: Gazetteer | None = None) -> list[Mention]:
    """Every place mention in ``text`` with its context-based weight."""
    gaz = gaz or gazetteer()
    raw = _TOKEN_RE.findall(normalize(text))
    mult = {"title": W_TITLE, "credit": W_CREDIT}.get(where, 1.0)
    out: list[Mention] = []
    i = 0
    commune_list = False  # inside "các xã A, B và C"
    last_district_end = -1  # where the last district mention ended (a list may go on after it)
    while i < len(raw):
        if fold_token(raw[i].lower()) == "quan" and i + 1 < len(raw) and raw[i + 1].isdigit():
            # "Quận 9", "quận 1": Hồ Chí Minh City's numbered districts, whose number is their name.
            name = f"Quận {int(raw[i + 1])}"
            numbered = gaz.district_names.get(name_key(name), [])
            if numbered:
                in_list = i > 0 and raw[i - 1].lower() in ("các", "những", "hai", "ba")
                weight = (W_BARE if in_list else W_PREFIXED) * mult
                codes = tuple(d.code for d in numbered)
                out.append(Mention("district", name, codes, weight, "các quận" if in_list else "quận", where))
                last_district_end = i + 2
                i += 2
                continue
        if not raw[i][:1].isupper() or not raw[i][0].isalpha():
            if commune_list and raw[i] not in (",", "(") and raw[i].lower() not in ("và", "xã", "các"):
                commune_list = False
            i += 1
            continue
        matched = False
        first = raw[i].lower()
        if first not in gaz.first_syllables and fold_token(first) not in gaz.first_syllables:
            i += 1
            continue
        for length in range(min(gaz.max_name_syllables, len(raw) - i), 0, -1):
            span = raw[i : i + length]
            if not all(_is_name_token(s) for s in span):
                continue
            name = " ".join(span)
            canonical = gaz.canonical_name(name)  # variants and folded spellings ("Mù Cang Chải")
            districts = gaz.district_names.get(canonical, []) if canonical else []
            provinces = gaz.province_names.get(canonical, []) if canonical else []
            communes = gaz.commune_names.get(name_key(name), [])
            if not (districts or provinces or communes):
                continue
            district_ctx = _match_prefix(raw, i, _DISTRICT_PREFIXES)
            city_ctx = _match_prefix(raw, i, _CITY_PREFIXES)
            province_ctx = _match_prefix(raw, i, _PROVINCE_PREFIXES)
            commune_ctx = _match_prefix(raw, i, _COMMUNE_PREFIXES)
            if district_ctx == "thi xa":
                commune_ctx = None  # "thị xã X" is a district, not "xã X"
            mention = None
            town: list[District] = []
            if commune_ctx == "thi tran" and districts:
                # Unless a thị trấn of that name lies in another district only.
                seats = {c.district_code for c in communes if c.type == "Thị trấn"}
                if not seats or seats & {d.code for d in districts}:
                    town = districts
            if town:
                # "thị trấn Hữu Lũng": the district's seat, named like it, names the district.
                codes = gaz.of_type(tuple(d.code for d in town), "Huyện")
                mention = Mention("district", name, codes, W_PREFIXED * mult, "thị trấn", where)
            elif commune_ctx or (commune_list and communes):
                if communes:
                    mention = Mention(
                        "commune",
                        name,
                        tuple(sorted({c.district_code for c in communes})),
                        1.0,
                        commune_ctx or "xã (list)",
                        where,
                    )
                    commune_list = True
            elif city_ctx and districts and any(d.type == "Thành phố" for d in districts):
                cities = tuple(d.code for d in districts if d.type == "Thành phố")
                mention = Mention("district", name, cities, W_PREFIXED * mult, "thành phố", where)
            elif (city_ctx or province_ctx) and provinces:
                mention = Mention(
                    "province",
                    name,
                    tuple(p.code for p in provinces),
                    W_PREFIXED * mult,
                    city_ctx or province_ctx or "",
                    where,
                )
            elif district_ctx and districts:
                # "các huyện A, B, C" lists several districts: none of them is the subject.
                start = i - len(district_ctx.split())
                listed = _match_prefix(raw, start, (("cac",), ("nhung",), ("hai",), ("ba",)))
                if (
                    not listed
                    and start > 0
                    and raw[start - 1].lower() in ("và", ",")
                    and last_district_end == start - 1
                ):
                    listed = "… và"  # "các huyện Hòa Bình, Đông Hải và thị xã Giá Rai": the list goes on
                weight = (W_BARE if listed else W_PREFIXED) * mult
                mention = Mention(
                    "district",
                    name,
                    gaz.of_type(tuple(d.code for d in districts), _UNIT_TYPE.get(district_ctx)),
                    weight,
                    f"{listed} {district_ctx}" if listed else district_ctx,
                    where,
                )
            elif districts and not provinces and (bare := _bare_districts(districts, communes)):
                # "Ba Tri: Họp liên tịch …": a headline opened by a place and a colon says where the news
                # is from (the press's dateline), as strongly as "huyện Ba Tri"; elsewhere a bare name is weak.
                headline = where == "title" and i == 0 and raw[i + length : i + length + 1] == [":"]
                mention = (
                    Mention("district", name, bare, W_PREFIXED, "headline place", where)
                    if headline
                    else Mention("district", name, bare, W_BARE * mult, "bare", where)
                )
            elif provinces:
                # "Bình Lục (Hà Nam)": a bare province name, weaker than "tỉnh Hà Nam".
                paren = i > 0 and raw[i - 1] == "("
                mention = Mention(
                    "province",
                    name,
                    tuple(p.code for p in provinces),
                    (2.0 if paren else 1.0) * mult,
                    "(…)" if paren else "bare",
                    where,
                )
            if mention:
                out.append(mention)
                if mention.kind == "district":
                    last_district_end = i + length
                i += length
                matched = True
                break
        if not matched:
            i += 1
    return out


def _bare_districts(districts: list[District], communes: list[Commune]) -> tuple[str, ...]:
    """The districts a bare name may stand for: not a retired unit named like a commune ("Tân Thành", "Đông Sơn"
    name dozens of communes; a bare one is not the huyện gone since)."""
    return tuple(d.code for d in districts if not (d.successor and communes))


def of_their_time(codes: tuple[str, ...], year: int | None, gaz: Gazetteer) -> tuple[str, ...]:
    """Candidates as they were in the report's year: a unit merged away before it stands for its successor
    ("huyện Long Điền" in a 2025 report is Long Đất; in a 2023 one, Long Điền), unless a district that did
    exist then bears the name ("huyện Kỳ Sơn" in 2023 is Nghệ An's: Hòa Bình's was merged in 2020); a unit
    not yet created under its name is none ("Nghi Sơn" in 2018 was huyện Tĩnh Gia)."""
    out: list[str] = []
    alive = [c for c in codes if gaz.districts[c].existed_in(year)]
    for code in codes:
        district = gaz.districts[code]
        if year is None and district.successor in codes:
            continue  # "Thủ Đức" of no known year: the unit it became, not a second candidate
        if not district.existed_in(year):
            if district.successor is None or alive:
                continue  # not yet under this name (thành phố Thủ Đức in 2019), or a live namesake
            code = district.successor
        if code not in out:
            out.append(code)
    return tuple(out)


def tag_places(
    title: str | None,
    body: list[str],
    credits: list[str],
    gaz: Gazetteer | None = None,
    *,
    url: str | None = None,
    year: int | None = None,
) -> PlaceTags:
    """Decide the report's district and province from all its mentions, its address's included.

    ``year`` is the report's year when known: districts are those of that year.
    """
    gaz = gaz or gazetteer()
    mentions: list[Mention] = url_mentions(url, gaz)
    if title:
        mentions += find_mentions(title, "title", gaz)
    for line in credits:
        mentions += find_mentions(line, "credit", gaz)
    for paragraph in body:
        mentions += find_mentions(paragraph, "body", gaz)

    tags = PlaceTags()
    province_score: dict[str, float] = defaultdict(float)
    for m in mentions:
        if m.kind == "province":
            for code in m.codes:
                province_score[code] += m.weight / len(m.codes)

    # District scores: an ambiguous name gives its weight to the candidate whose
    # province is named, and to none when no province (or a tie) decides.
    district_score: dict[str, float] = defaultdict(float)
    district_evidence: dict[str, list[str]] = defaultdict(list)
    for m in mentions:
        if m.kind != "district":
            continue
        candidates = list(of_their_time(m.codes, year, gaz))
        if not candidates:
            tags.evidence.append(f"not a district in {year}: {m.describe()}")
            continue
        if len(candidates) > 1:
            ranked = sorted(
                candidates, key=lambda c: province_score.get(gaz.districts[c].province_code, 0.0), reverse=True
            )
            best = province_score.get(gaz.districts[ranked[0]].province_code, 0.0)
            second = province_score.get(gaz.districts[ranked[1]].province_code, 0.0)
            if best < MIN_PROVINCE_SCORE or best < MIN_LEAD * second:
                tags.evidence.append(
                    f"ambiguous: {m.describe()} — {len(candidates)} districts bear this name, no province decides"
                )
                continue
            candidates = ranked[:1]
        code = candidates[0]
        district_score[code] += m.weight
        district_evidence[code].append(m.describe())

    ranked_d = sorted(district_score.items(), key=lambda kv: kv[1], reverse=True)
    if ranked_d:
        top, score = ranked_d[0]
        runner = ranked_d[1][1] if len(ranked_d) > 1 else 0.0
        if score >= MIN_DISTRICT_SCORE and score >= MIN_LEAD * runner:
            tags.district = gaz.districts[top]
            tags.evidence.append(
                f"district {tags.district.label(gaz)} [{top}] score {score:g}: " + "; ".join(district_evidence[top][:6])
            )
            if tags.district.successor:
                tags.evidence.append(
                    f"dated unit: {tags.district.short} was a district until {tags.district.until}, "
                    f"then {gaz.districts[tags.district.successor].short} ({tags.district.change}; "
                    f"{tags.district.resolution or 'resolution not verified'})"
                )
        elif score >= MIN_DISTRICT_SCORE:
            tags.evidence.append(
                f"district unknown: {gaz.district_label(top)} ({score:g}) not clearly ahead of "
                f"{gaz.district_label(ranked_d[1][0])} ({runner:g})"
            )
    if tags.district is None:
        tags.district = _from_communes(mentions, gaz, tags.evidence, province_score, bool(ranked_d), year)
    tags.mentioned = [
        code
        for code, score in ranked_d
        if score >= W_PREFIXED and (tags.district is None or code != tags.district.code)
    ]

    if tags.district is not None:
        tags.province = gaz.provinces[tags.district.province_code]
        tags.evidence.append(f"province {tags.province.short} from the district")
    elif (top_province := _decided_province(province_score)) is not None:
        tags.province = gaz.provinces[top_province]
        tags.evidence.append(f"province {tags.province.short} score {province_score[top_province]:g} from the text")
    return tags


def _from_communes(
    mentions: list[Mention],
    gaz: Gazetteer,
    evidence: list[str],
    province_score: dict[str, float],
    districts_named: bool,
    year: int | None = None,
) -> District | None:
    """The district that at least two different named communes belong to; or, when the text names
    its province and no district, the one district of that province that has the communes named.

    Communes are those of the gazetteer's snapshot, filed under its districts: a district created
    since the report's year (phường Tây Lộc is Phú Xuân's since 2025; in 2014 it was thành phố Huế's)
    is no answer, and then none is."""
    found = _communes_district(mentions, gaz, evidence, province_score, districts_named)
    if found is not None and not found.existed_in(year):
        evidence.append(f"district unknown: the communes named lie in {found.label(gaz)}, not a district in {year}")
        return None
    # Nor is one that has absorbed a unit still separate then: its communes may have been that unit's
    # (xã of Thông Nông in 2018 are filed under Hà Quảng today).
    absorbed = [d for d in gaz.districts.values() if d.successor == getattr(found, "code", None) and d.existed_in(year)]
    if found is not None and absorbed:
        evidence.append(
            f"district unknown: the communes named lie in today's {found.label(gaz)}, which then was also "
            + ", ".join(d.short for d in absorbed)
        )
        return None
    return found


def _communes_district(
    mentions: list[Mention],
    gaz: Gazetteer,
    evidence: list[str],
    province_score: dict[str, float],
    districts_named: bool,
) -> District | None:
    support: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.kind == "commune":
            for code in m.codes:
                support[code].add(name_key(m.name))
    if not support:
        return None
    ranked = sorted(support.items(), key=lambda kv: len(kv[1]), reverse=True)
    top, names = ranked[0]
    runner = len(ranked[1][1]) if len(ranked) > 1 else 0
    if len(names) >= 2 and len(names) > runner:
        district = gaz.districts[top]
        evidence.append(f"district {district.label(gaz)} [{top}] from communes: {', '.join(sorted(names))}")
        return district
    province = _decided_province(province_score)
    if province and not districts_named:
        inside = {code for code in support if gaz.districts[code].province_code == province}
        if len(inside) == 1:
            district = gaz.districts[inside.pop()]
            evidence.append(
                f"district {district.label(gaz)} [{district.code}] from communes unique in "
                f"{gaz.provinces[province].short}: {', '.join(sorted(support[district.code]))}"
            )
            return district
    evidence.append("district unknown: communes named do not single out one district")
    return None


def _decided_province(province_score: dict[str, float]) -> str | None:
    """The province the text names clearly, if any."""
    if not province_score:
        return None
    ranked = sorted(province_score.items(), key=lambda kv: kv[1], reverse=True)
    top, score = ranked[0]
    runner = ranked[1][1] if len(ranked) > 1 else 0.0
    return top if score >= MIN_PROVINCE_SCORE and score >= MIN_LEAD * runner else None
