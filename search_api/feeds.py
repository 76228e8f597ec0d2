"""Atom feeds of a saved search: newest reports first, for people and tools that watch one.

Staff watching ``chuyển đổi số`` in their district subscribe to the search's
feed in a reader; an internal tool polls it.  One entry per report (its best
paragraph as the summary), newest first by published date, else the reviewed
year (31 December), the order ``sort=newest`` gives.  An entry's id is the
report's (``tag:`` URI): the same report is the same entry on every poll and
every server, so a reader never shows it twice.  Built with ElementTree, which
escapes every text and attribute: report text never becomes markup.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from urllib.parse import urlencode
from xml.etree import ElementTree as ET

from .engine import Row

ATOM = "http://www.w3.org/2005/Atom"
#: Entries in a feed: the newest reports.
FEED_ENTRIES = 50
MEDIA = "application/atom+xml; charset=utf-8"
#: ``updated`` of a report with neither a date nor a year, and of an empty feed (stable, never "now").
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
ID_PREFIX = "tag:vnsearch,2025:"

ET.register_namespace("", ATOM)


def updated(row: Row) -> datetime:
    """When a report was published; the end of its reviewed year when that is all there is."""
    day = row.published_date or (date(row.year, 12, 31) if row.year else None)
    return datetime.combine(day, time(), UTC) if day else EPOCH


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def atom(rows: list[Row], *, title: str, feed_id: str, self_url: str, base: str) -> bytes:
    """The feed document (UTF-8 XML); ``base`` is the page's address (entries link to the report there)."""
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "id", ID_PREFIX + "search:" + feed_id)
    _sub(feed, "title", title)
    _sub(feed, "updated", _stamp(max((updated(r) for r in rows), default=EPOCH)))
    _sub(feed, "link", rel="self", href=self_url, type=MEDIA.split(";")[0])
    _sub(feed, "link", rel="alternate", href=f"{base}/?{feed_id}" if feed_id else f"{base}/", type="text/html")
    _sub(_sub(feed, "author"), "name", "vnsearch")
    _sub(feed, "generator", "vnsearch")
    for row in rows:
        entry = _sub(feed, "entry")
        _sub(entry, "id", f"{ID_PREFIX}report:{row.report_id}")
        _sub(entry, "title", row.title or "(Báo cáo không có tiêu đề)")
        _sub(entry, "updated", _stamp(updated(row)))
        if row.published_date:
            _sub(entry, "published", _stamp(updated(row)))
        page = f"{base}/?{urlencode({'doc': row.report_id, 'para': row.position})}"
        _sub(entry, "link", rel="alternate", href=page, type="text/html")
        if row.url:
            _sub(entry, "link", rel="related", href=row.url)
        for topic in row.topics:
            _sub(entry, "category", term=topic.value, label=topic.label)
        place = row.district or row.province
        summary = f"{place.label}: {row.text}" if place else row.text
        _sub(entry, "summary", summary, type="text")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8", xml_declaration=False)
