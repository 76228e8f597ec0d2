"""What a report's web address says about its place.

Sites name their place in the address: a district's or commune's own site
(``tuyphong.binhthuan.dcs.vn``, ``camluong.camthuy.thanhhoa.gov.vn``), a
provincial paper or party site (``baogialai.com.vn``, ``thainguyen.dcs.vn``,
``tuyengiao.<province>.gov.vn``, ``gialaitv.vn``), and the path's slug
(``/dang-bo-huyen-dinh-hoa/``, ``/a/dateh/``, ``/chu-se-tong-gia-tri-…``).
9 of 44 real pages named their district only there.

Address words are folded and run together ("dinhhoa"), so they are matched
against folded names, and only where they cannot be something else:

* a host label that is a province's name is that province;
* a host label ("tuyphong", "huyendakto") or a whole path segment that is a district's name counts when
  that district is in the host's province, or is the only district so named;
* "huyen-X", "quan-X", "thi-xa-X", "thanh-pho-X" in a slug name district X (its
  province decides when X is shared, as in the text);
* a slug that *starts* with a district's name ("chu-se-tong-gia-tri-…") counts
  only when the host names that district's province.

The mentions go into the same scoring as the text's (``places.tag_places``).
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from .gazetteer import Gazetteer, Province
from .mentions import Mention

#: Host labels that are never a place.
_GENERIC = frozenset("www m vn com net org gov edu info dcs portal web tintuc news baomoi online tv".split())
#: How papers and party sites wrap a province's name in their host ("baogialai", "gialaitv").
_HOST_PREFIXES = ("bao", "tuyengiao", "dangbo", "tinhuy", "ubnd", "hdnd", "dbnd", "dai", "truyenhinh", "cong")
#: How a district's own site may wrap its name ("huyendakto.kontum.gov.vn"), or its media centre's ("ttthlak": trung
#: tâm truyền thông huyện Lắk).
_DISTRICT_HOST_PREFIXES = ("huyen", "thixa", "thanhpho", "ubnd", "huyenuy", "ttth", "ttvhtt", "ttvh", "tttt")
_HOST_SUFFIXES = ("tv", "online", "news", "dcs", "gov")
#: ... and a district's radio and television station ("duyxuyenrt", "hoianrt").
_DISTRICT_HOST_SUFFIXES = ("rt", "tv", "online", "news")
#: Slug words before a district's name, longest first.
_UNIT_WORDS = (("dang", "bo", "huyen"), ("huyen", "uy"), ("thi", "xa"), ("thanh", "pho"), ("huyen",), ("quan",))
#: Weights: an address names its place as strongly as a title's "huyện X".
W_HOST = 6.0
W_SLUG_UNIT = 6.0
W_SLUG_START = 3.0
W_HOST_PROVINCE = 3.0
#: The shortest province name that may end a host label ("…kiengiang", "…backan"): "hanam", "camau" may not.
MIN_HOST_SUFFIX = 6


def _host_province(label: str, gaz: Gazetteer) -> list[Province]:
    if label in gaz.compact_provinces:
        return gaz.compact_provinces[label]
    for prefix in _HOST_PREFIXES:
        if label.startswith(prefix) and label[len(prefix) :] in gaz.compact_provinces:
            return gaz.compact_provinces[label[len(prefix) :]]
    for suffix in _HOST_SUFFIXES:
        if label.endswith(suffix) and label[: -len(suffix)] in gaz.compact_provinces:
            return gaz.compact_provinces[label[: -len(suffix)]]
    # Any organisation's site ending in its province ("hoinongdankiengiang", "congdoanbackan"), when the name is
    # long enough not to end some other word by chance.
    for name in sorted(gaz.compact_provinces, key=len, reverse=True):
        if len(name) >= MIN_HOST_SUFFIX and len(label) >= len(name) + 3 and label.endswith(name):
            return gaz.compact_provinces[name]
    return []


def url_mentions(url: str | None, gaz: Gazetteer) -> list[Mention]:
    """The places a report's address names, as mentions weighed like the text's."""
    if not url:
        return []
    parts = urlsplit(url.strip() if "://" in url else f"http://{url.strip()}")
    labels = [x for x in (parts.hostname or "").lower().split(".") if x and x not in _GENERIC]
    out: list[Mention] = []
    provinces: set[str] = set()
    for label in labels:
        found = _host_province(label, gaz)
        if len(found) == 1:
            provinces.add(found[0].code)
            out.append(Mention("province", label, (found[0].code,), W_HOST_PROVINCE, "address host", "url"))

    def districts_named(word: str, anywhere: bool) -> tuple[str, ...]:
        """Districts a run-together word names: in the host's province, or anywhere when unique."""
        candidates = gaz.compact_districts.get(word, [])
        if provinces:
            inside = tuple(d.code for d in candidates if d.province_code in provinces)
            if inside or not anywhere:
                return inside
        return tuple(d.code for d in candidates) if anywhere and len(candidates) == 1 else ()

    for label in labels:
        if _host_province(label, gaz):
            continue
        codes = districts_named(label, anywhere=True)
        for prefix in _DISTRICT_HOST_PREFIXES:
            if not codes and label.startswith(prefix):
                codes = districts_named(label[len(prefix) :], anywhere=True)
        for suffix in _DISTRICT_HOST_SUFFIXES:
            if not codes and label.endswith(suffix) and len(label) > len(suffix) + 4:
                codes = districts_named(label[: -len(suffix)], anywhere=True)
        if codes:
            out.append(Mention("district", label, codes, W_HOST, "address host", "url"))
    path = unquote(parts.path + ("/" + parts.query if parts.query else "")).lower()
    for segment in re.split(r"[/?&=]", path):
        words = [w for w in re.split(r"[^a-z0-9]+", segment) if w]
        if not words:
            continue
        if len(words) == 1:
            codes = districts_named(words[0], anywhere=False)
            if codes:
                out.append(Mention("district", words[0], codes, W_HOST, "address path", "url"))
            continue
        out += _slug_mentions(words, gaz, provinces)
    return out


#: The unit a slug word names; "quan" is also "quản" (quản lý), so it must find a quận.
_SLUG_UNIT_TYPE = {
    ("dang", "bo", "huyen"): "Huyện",
    ("huyen", "uy"): "Huyện",
    ("huyen",): "Huyện",
    ("thi", "xa"): "Thị xã",
    ("thanh", "pho"): "Thành phố",
    ("quan",): "Quận",
}


def _slug_mentions(words: list[str], gaz: Gazetteer, provinces: set[str]) -> list[Mention]:
    """ "huyen-X"-like words anywhere in a slug, or a district of the host's province starting it."""
    out = []
    i = 0
    while i < len(words):
        unit = next((u for u in _UNIT_WORDS if tuple(words[i : i + len(u)]) == u), None)
        at_start = i == 0
        start = i + len(unit) if unit else i
        if unit or at_start:
            for length in (4, 3, 2, 1):
                name = "".join(words[start : start + length])
                if start + length > len(words) or not name:
                    continue
                codes = tuple(d.code for d in gaz.compact_districts.get(name, []))
                if unit in _SLUG_UNIT_TYPE:
                    codes = gaz.of_type(codes, _SLUG_UNIT_TYPE[unit])
                    if unit == ("quan",):
                        codes = tuple(c for c in codes if gaz.districts[c].type == "Quận")
                if unit and codes:
                    out.append(
                        Mention(
                            "district",
                            "-".join(words[start : start + length]),
                            codes,
                            W_SLUG_UNIT,
                            f"address slug {' '.join(unit)}",
                            "url",
                        )
                    )
                    i = start + length - 1
                    break
                inside = tuple(c for c in codes if gaz.districts[c].province_code in provinces)
                if at_start and not unit and inside and len(words) >= 4 and length >= 2:
                    out.append(
                        Mention("district", "-".join(words[:length]), inside, W_SLUG_START, "address slug start", "url")
                    )
                    break
        i += 1
    return out
