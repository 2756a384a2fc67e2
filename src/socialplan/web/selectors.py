"""Every read the web app makes that is more than fetching one object through :mod:`.access`."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Count, QuerySet

from socialplan.web.models import Membership, Plan, PlanVersion, Workspace


def workspaces_of(*, user: User) -> QuerySet[Workspace]:
    return Workspace.objects.filter(memberships__user=user).annotate(plan_count=Count("plans")).order_by("name")


def memberships_of(*, workspace: Workspace) -> QuerySet[Membership]:
    return Membership.objects.filter(workspace=workspace).select_related("user").order_by("user__username")


def plans_of(*, workspace: Workspace) -> QuerySet[Plan]:
    return Plan.objects.filter(workspace=workspace).defer("data").order_by("-updated_at", "id")


def versions_of(*, plan: Plan) -> QuerySet[PlanVersion]:
    return PlanVersion.objects.filter(plan=plan).defer("data").select_related("author").order_by("-number")


@dataclass(frozen=True)
class Change:
    """One value that differs between two versions, at a path in the plan's JSON form."""

    path: str
    before: object
    after: object


_MISSING = object()


def version_diff(*, old: PlanVersion, new: PlanVersion) -> list[Change]:
    """What changed from ``old`` to ``new``, leaf by leaf (``goals[1].target.deadline``)."""
    before, after = _leaves(old.data), _leaves(new.data)
    changes = []
    for path in sorted(before.keys() | after.keys(), key=_path_key):
        a, b = before.get(path, _MISSING), after.get(path, _MISSING)
        if a != b:
            changes.append(Change(path, None if a is _MISSING else a, None if b is _MISSING else b))
    return changes


def _leaves(value: object, prefix: str = "") -> dict[str, object]:
    if isinstance(value, dict):
        out: dict[str, object] = {}
        for key, item in value.items():
            out.update(_leaves(item, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(value, list) and value:
        out = {}
        for index, item in enumerate(value):
            out.update(_leaves(item, f"{prefix}[{index}]"))
        return out
    return {prefix: value}


def _path_key(path: str) -> list[object]:
    # Numeric indexes sort as numbers so goals[10] comes after goals[2].
    parts: list[object] = []
    for piece in path.replace("]", "").replace("[", ".").split("."):
        parts.append((0, int(piece), "") if piece.isdigit() else (1, 0, piece))
    return parts


def version_before(*, version: PlanVersion) -> PlanVersion | None:
    return PlanVersion.objects.filter(plan_id=version.plan_id, number__lt=version.number).order_by("-number").first()


def version_latest_number(*, plan: Plan) -> int:
    """The number of the plan's current version (every save adds one)."""
    latest = PlanVersion.objects.filter(plan=plan).order_by("-number").values_list("number", flat=True).first()
    return latest or 0
