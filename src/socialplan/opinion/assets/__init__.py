"""Lexicons and model weights that ship inside the package (read with importlib.resources)."""

from __future__ import annotations

from importlib import resources


def asset_bytes(name: str) -> bytes:
    return resources.files(__name__).joinpath(name).read_bytes()


def asset_text(name: str) -> str:
    return asset_bytes(name).decode("utf-8")
