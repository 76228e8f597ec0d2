"""Settings from flags and environment variables, with defaults that run the demo."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


def _origins(value: str | None) -> list[str]:
    return [o.strip() for o in (value or "").split(",") if o.strip()]


@dataclass
class Settings:
    index: Path = field(default_factory=lambda: Path(os.environ.get("VNSEARCH_INDEX", "data/index")))
    host: str = field(default_factory=lambda: os.environ.get("VNSEARCH_HOST", "127.0.0.1"))
    port: int = field(default_factory=lambda: int(os.environ.get("VNSEARCH_PORT", "8000")))
    api_key: str | None = field(default_factory=lambda: os.environ.get("VNSEARCH_API_KEY") or None)
    max_body_bytes: int = field(
        default_factory=lambda: int(os.environ.get("VNSEARCH_MAX_BODY_BYTES", str(2 * 1024 * 1024)))
    )
    cors_origins: list[str] = field(default_factory=lambda: _origins(os.environ.get("VNSEARCH_CORS_ORIGINS")))
    web_dir: Path = field(
        default_factory=lambda: Path(
            os.environ.get("VNSEARCH_WEB", str(Path(__file__).resolve().parent.parent / "web"))
        )
    )
