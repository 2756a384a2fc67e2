"""Damaged files: whatever happens to the bytes, an import ends in a batch or a clear error."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from socialplan.measure.importers import export_import
from socialplan.measure.read import ImportInputError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SAMPLES = sorted(p for p in FIXTURES.iterdir() if p.suffix in {".csv", ".tsv", ".xlsx", ".xls", ".parquet", ".jsonl"})
INSERTS = [b",", b"\n", b'"', b"=1+2", b"\t", b"\x00", b"-", b"undefined", b"\xff\xfe"]


def damaged(data: bytes, rng: random.Random) -> bytes:
    """``data`` with a few random bytes changed, inserted or cut out."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        position = rng.randrange(len(out)) if out else 0
        choice = rng.random()
        if choice < 0.4 and out:
            out[position] = rng.randrange(256)
        elif choice < 0.7:
            out[position:position] = rng.choice(INSERTS)
        elif out:
            del out[position : position + rng.randint(1, 20)]
    return bytes(out)


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
def test_random_damage_never_escapes_as_a_crash(sample: Path) -> None:
    rng = random.Random(sample.name)  # the same damage on every run
    data = sample.read_bytes()
    messages = []
    for _ in range(25):
        # Any exception other than ImportInputError fails the test.
        try:
            export_import(sample.name, data=damaged(data, rng))
        except ImportInputError as error:
            messages.append(str(error))
    assert all(message.startswith(sample.name) for message in messages)
