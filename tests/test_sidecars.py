"""A report file's sidecar NAME.json is metadata the build uses: given tags win, a changed
sidecar re-tags an unchanged report, and --from-originals keeps what was given."""

from __future__ import annotations

import json
import os

from indexer.build import build_index
from search_api.engine import Engine, SearchParams

TEXT = (
    "Hội nghị tổng kết công tác dân vận\n\n"
    "Ban Dân vận đã tham mưu triển khai công tác dân vận chính quyền, phong trào thi đua dân vận khéo "
    "gắn với xây dựng nông thôn mới kiểu mẫu tại các xã, thị trấn trên địa bàn.\n\n"
    "Mặt trận Tổ quốc và các đoàn thể vận động nhân dân hiến đất làm đường giao thông nông thôn, "
    "góp phần hoàn thành chỉ tiêu giải phóng mặt bằng các dự án trọng điểm."
)


def _tags(index) -> tuple[str | None, int | None, str | None]:
    hit = Engine.open(index, writable=False).search(SearchParams(q="dân vận")).hits[0]
    return (hit.district.value if hit.district else None), hit.year, hit.document_id


def test_a_sidecar_tags_its_report_and_a_changed_sidecar_retags_it(tmp_path):
    src, index = tmp_path / "src", tmp_path / "index"
    src.mkdir()
    (src / "bao-cao.txt").write_text(TEXT, "utf-8")
    (src / "bao-cao.json").write_text(json.dumps({"district": "264", "year": 2021}), "utf-8")
    summary = build_index([src], index, jobs=1)
    assert summary.documents == 1 and not summary.skipped  # the sidecar is not a report
    assert _tags(index)[:2] == ("264", 2021)

    (src / "bao-cao.json").write_text(json.dumps({"district": "264", "year": 2020}), "utf-8")
    os.utime(src / "bao-cao.json", (1, 2_000_000_000))
    summary = build_index([src], index, jobs=1)
    assert summary.unchanged == 0
    assert _tags(index)[:2] == ("264", 2020)

    build_index([], index, jobs=1, from_originals=True)
    assert _tags(index)[:2] == ("264", 2020)


def test_a_broken_sidecar_skips_its_report_with_the_reason(tmp_path):
    src, index = tmp_path / "src", tmp_path / "index"
    src.mkdir()
    (src / "a.txt").write_text(TEXT, "utf-8")
    (src / "a.json").write_text(json.dumps({"district": "999999"}), "utf-8")
    (src / "b.txt").write_text(TEXT.replace("dân vận", "dân vận khéo"), "utf-8")
    summary = build_index([src], index, jobs=1)
    assert summary.documents == 1
    assert [(name.endswith("a.txt"), "not a known district code" in why) for name, why in summary.skipped] == [
        (True, True)
    ]
