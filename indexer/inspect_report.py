"""What the indexer makes of one file, explained (``python -m indexer inspect``)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from .gazetteer import gazetteer
from .pipeline import Report, process_file
from .topics import taxonomy


def render_report(report: Report, show_dropped: bool = True) -> str:
    gaz, tax = gazetteer(), taxonomy()

    def given(name: str) -> str:
        return "  (given)" if name in report.given else ""

    out = [
        f"file:        {report.file}",
        f"document id: {report.id}",
        f"title:       {report.title or '-'}{given('title')}",
        f"url:         {report.url or '-'}{given('url')}",
        f"published:   {report.published.isoformat() if report.published else '-'}{given('published')}",
        f"author:      {report.author or '-'}",
        f"source:      {report.source or '-'}{given('source')}",
        f"district:    {_district_line(report)}{given('district')}",
        f"province:    {f'{report.province.name} [{report.province.code}]' if report.province else 'unknown'}",
        f"since 7/2025: {f'{report.province_2025.name} [{report.province_2025.code}]' if report.province_2025 else 'unknown'}",
        f"year:        {report.year if report.year is not None else 'unknown'}{given('year')}",
        f"number:      {report.official.number or '-'}",
        f"issuer:      {report.official.issuer_name or report.official.issuer or '-'}",
        f"kind:        {report.official.kind or '-'}",
        f"place, date: {report.official.place_date or '-'}",
        "also names:  " + (", ".join(gaz.district_label(c) for c in report.districts_mentioned) or "-"),
        "",
        "evidence:",
    ]
    for kind in ("district", "year"):
        out += [f"  [{kind}] {line}" for line in report.evidence.get(kind, [])]
    if report.abbreviations:
        out.append(
            "  [abbreviations defined] " + ", ".join(f"{k} = {' / '.join(v)}" for k, v in report.abbreviations.items())
        )
    out += ["", f"paragraphs ({len(report.paragraphs)}):"]
    for p in report.paragraphs:
        topics = ", ".join(tax.label(t) for t in p.topics) or "no clear topic"
        out.append(
            f"  #{p.position} [{topics}]"
            + (f" page {p.page}" if p.page is not None else "")
            + (f" years {p.years}" if p.years else "")
            + (f" concepts {p.concepts}" if p.concepts else "")
        )
        out.append(textwrap.indent(textwrap.shorten(p.text, 220, placeholder=" …"), "      "))
        for slug, terms in p.fired.items():
            mark = "*" if slug in p.topics else " "
            out.append(f"     {mark} {slug}: " + ", ".join(f"{t} ({w:g})" for t, w in terms[:8]))
    if show_dropped and report.dropped:
        out += ["", f"not paragraphs ({len(report.dropped)}):"]
        out += [f"  - [{reason}] {textwrap.shorten(line, 100, placeholder=' …')}" for line, reason in report.dropped]
    return "\n".join(out)


def _district_line(report: Report) -> str:
    d = report.district
    if d is None:
        return "unknown"
    return f"{d.name} [{d.code}], {d.type}" + (f" — {gazetteer().district_label(d.code)}" if d.successor else "")


def inspect_file(path: Path) -> str:
    return render_report(process_file(path))
