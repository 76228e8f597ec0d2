"""Results to take away: CSV and NDJSON of every full match, streamed.

Journalists and researchers paste results into a spreadsheet, tools read them
line by line: the same columns either way (``COLUMNS``), one row per paragraph,
or per report (its best paragraph) with ``group=report``.  Rows are read from
the index as they are written, so a large export never sits in memory; it
stops at ``EXPORT_CAP`` rows, and the headers say how many there were
(``X-Total-Count``) and whether the file stops short (``X-Export-Capped``).

CSV is UTF-8 with a byte-order mark (Excel reads a file without one in the
machine's code page and garbles Vietnamese) and quotes any field holding a
newline or a quote, as Python's ``csv`` module and spreadsheets expect.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Literal

from fastapi.responses import StreamingResponse

from .engine import Row, Rows

#: Rows an export holds at most.
EXPORT_CAP = 10_000
BOM = "\ufeff"
#: The columns, in order: CSV header and NDJSON keys.
COLUMNS = (
    "report_id",
    "paragraph_id",
    "position",
    "title",
    "district",
    "province",
    "province_2025",
    "year",
    "published_date",
    "topics",
    "url",
    "text",
)
Format = Literal["csv", "ndjson"]
MEDIA = {"csv": "text/csv; charset=utf-8", "ndjson": "application/x-ndjson; charset=utf-8"}


def record(row: Row) -> dict[str, str | int | None]:
    """A row's columns: places and topics by their labels ("Lương Tài (Bắc Ninh)"), as people read them."""
    return {
        "report_id": row.report_id,
        "paragraph_id": row.paragraph_id,
        "position": row.position,
        "title": row.title,
        "district": row.district.label if row.district else None,
        "province": row.province.label if row.province else None,
        "province_2025": row.province_2025.label if row.province_2025 else None,
        "year": row.year,
        "published_date": row.published_date.isoformat() if row.published_date else None,
        "topics": "; ".join(t.label for t in row.topics),
        "url": row.url,
        "text": row.text,
    }


def _csv(rows: Iterator[Row]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    yield BOM + buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(["" if v is None else v for v in record(row).values()])
        yield buffer.getvalue()


def _ndjson(rows: Iterator[Row]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(record(row), ensure_ascii=False) + "\n"


def response(rows: Rows, fmt: Format, name: str, cap: int) -> StreamingResponse:
    """The streamed file, with its counts in the headers."""
    body = _csv(rows.rows) if fmt == "csv" else _ndjson(rows.rows)
    headers = {
        "X-Total-Count": str(rows.total),
        "X-Export-Capped": "true" if rows.capped else "false",
        "X-Export-Cap": str(cap),
        "Content-Disposition": f'attachment; filename="{name}.{fmt}"',
    }
    return StreamingResponse(body, media_type=MEDIA[fmt], headers=headers)
