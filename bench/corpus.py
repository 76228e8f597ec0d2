"""Generate a corpus of report files like the seeds, for benchmarks.

``python -m bench.corpus N OUT_DIR [--seed S] [--paragraphs P] [--paragraphs-per-report 20]``

Each report has a title naming its district, a date line and about 20
paragraphs recombined from the sentences of ``seeds/`` (after the indexer's own
cleaning, so no page furniture), with the seeds' district and province names
replaced by a district drawn from the gazetteer and years drawn from
2010–2025.  Sentences repeat across reports, as they do in real archives.
The same seed gives the same files.
"""

from __future__ import annotations

import argparse
import math
import random
import re
from pathlib import Path

from indexer.cleaning import clean
from indexer.gazetteer import gazetteer
from indexer.pipeline import process_file

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
TITLES = (
    "Huyện ủy {d} tổng kết công tác năm {y}",
    "{T} {d} đánh giá kết quả thực hiện nhiệm vụ năm {y}",
    "Ban Chấp hành Đảng bộ {t} {d} sơ kết 6 tháng đầu năm {y}",
    "{T} {d}: Tập trung triển khai các nhiệm vụ trọng tâm năm {y}",
    "Hội nghị tổng kết công tác xây dựng Đảng năm {y} của Huyện ủy {d}",
)


def seed_sentences() -> tuple[list[str], list[tuple[str, str]]]:
    """Sentences of the seeds, and the (district, province) names they mention."""
    sentences: list[str] = []
    names: list[tuple[str, str]] = []
    for path in sorted(SEEDS.glob("*.txt")):
        report = process_file(path)
        if report.district and report.province:
            names.append((report.district.short, report.province.short))
        for paragraph in clean(path.read_text("utf-8")).paragraphs:
            sentences += [s for s in re.split(r"(?<=[.;!?])\s+", paragraph) if len(s) >= 40]
    return sentences, names


def generate(n_reports: int, out: Path, seed: int = 1, per_report: int = 20) -> int:
    """Write ``n_reports`` files into ``out``; returns the number of paragraphs."""
    rng = random.Random(seed)
    sentences, seed_names = seed_sentences()
    gaz = gazetteer()
    districts = sorted(gaz.districts.values(), key=lambda d: d.code)
    out.mkdir(parents=True, exist_ok=True)
    paragraphs = 0
    for i in range(n_reports):
        district = rng.choice(districts)
        province = gaz.provinces[district.province_code].short
        year = rng.randint(2010, 2025)
        kind = district.type.lower()

        def localise(sentence: str, district=district, province=province, year=year) -> str:
            for d, p in seed_names:
                sentence = sentence.replace(d, district.short).replace(p, province)
            return re.sub(r"\b20(1\d|2[0-5])\b", lambda m: str(year if rng.random() < 0.7 else year + 1), sentence)

        title = rng.choice(TITLES).format(d=district.short, y=year, t=kind, T=district.type)
        day, month = rng.randint(1, 28), rng.choice((6, 7, 12, 12, 12))
        body = []
        for _ in range(per_report):
            body.append(" ".join(localise(rng.choice(sentences)) for _ in range(rng.randint(3, 6))))
        lead = f"Năm {year}, {kind} {district.short}, tỉnh {province} đã tổ chức thực hiện các nhiệm vụ chính trị đạt nhiều kết quả."
        body[0] = f"{lead} {body[0]}"
        text = f"{title}\n\n{day:02d}/{month:02d}/{year} 10:{rng.randint(0, 59):02d}\n\n" + "\n\n".join(body) + "\n"
        (out / f"report_{i:07d}.txt").write_text(text, encoding="utf-8")
        paragraphs += per_report
    return paragraphs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, nargs="?", help="number of reports")
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--paragraphs", type=int, help="size in paragraphs instead of reports")
    parser.add_argument("--paragraphs-per-report", type=int, default=20)
    args = parser.parse_args(argv)
    n = args.n if args.n is not None else math.ceil((args.paragraphs or 20_000) / args.paragraphs_per_report)
    count = generate(n, args.out, args.seed, args.paragraphs_per_report)
    print(f"wrote {n} reports ({count} paragraphs) to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
