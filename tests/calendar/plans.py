"""Small plans built in code, so each test states exactly the cadence, people and Es it needs."""

from __future__ import annotations

from typing import Any

from socialplan.plan.model import Plan


def make_plan(
    *,
    regions: tuple[str, ...] = ("US",),
    channels: tuple[dict[str, Any], ...] = ({"id": "instagram", "posts": 3},),
    people: tuple[tuple[str, float], ...] = (("Dana", 20.0),),
    strategies: tuple[tuple[str, float | None, tuple[str, ...]], ...] = (("education", 1.0, ("g1",)),),
    website: str = "https://example.com/shop",
) -> Plan:
    return Plan.model_validate({
        "business": {"name": "Test Bakery", "regions": list(regions), "website": website},
        "goals": [{"id": "g1", "title": "More orders"}, {"id": "g2", "title": "Be known"}],
        "strategies": [{"id": s, "share": share, "serves": list(serves)} for s, share, serves in strategies],
        "channels": [
            {
                "id": c["id"],
                "category": c.get("category", "networking"),
                "formats": c.get("formats", ["image"]),
                "strategies": c.get("strategies", []),
                "cadence": {"posts": c["posts"], "per": c.get("per", "week")},
                "weekly_hours": c.get("weekly_hours", 3),
                "owner": c.get("owner", people[0][0] if people else None),
            }
            for c in channels
        ],
        "resources": {"people": [{"name": n, "weekly_hours": h} for n, h in people],
                      "owner": people[0][0] if people else None},
    })
