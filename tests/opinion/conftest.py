from __future__ import annotations

from pathlib import Path

import pytest

SENTIMENT_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "sentiment"


@pytest.fixture
def sentiment_data() -> Path:
    if not (SENTIMENT_DATA / "hebrew" / "onlplab_dedup").is_dir():
        pytest.skip(f"published sentiment corpora not found at {SENTIMENT_DATA} (they live beside the clone)")
    return SENTIMENT_DATA
