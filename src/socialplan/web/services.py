"""Every write the web app makes: keyword-only functions named ``<entity>_<action>``.

Views never save models themselves. Each function validates what it stores (a plan must
be a valid :class:`socialplan.plan.model.Plan`) and runs in one transaction, so a failed
write leaves nothing half-done.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max

from socialplan.method.types import STEP_IDS
from socialplan.plan.model import Plan as PlanModel
from socialplan.web.models import Membership, Plan, PlanVersion, Role, Workspace, plan_json


@transaction.atomic
def workspace_create(*, name: str, owner: User) -> Workspace:
    workspace = Workspace.objects.create(name=name.strip())
    Membership.objects.create(workspace=workspace, user=owner, role=Role.OWNER)
    return workspace


@transaction.atomic
def membership_add(*, workspace: Workspace, user: User, role: str) -> Membership:
    """Add ``user`` to ``workspace`` with ``role``, or change the role of a member."""
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r}; expected one of {', '.join(Role.values)}")
    membership, _ = Membership.objects.update_or_create(workspace=workspace, user=user, defaults={"role": role})
    return membership


@transaction.atomic
def plan_create(*, workspace: Workspace, plan: PlanModel, author: User | None, name: str = "", note: str = "") -> Plan:
    """A new plan in ``workspace``, with its first version."""
    data = plan_json(PlanModel.model_validate(plan.model_dump(by_alias=True)))
    record = Plan.objects.create(workspace=workspace, name=(name or plan.business.name).strip(), data=data)
    PlanVersion.objects.create(plan=record, number=1, data=data, author=author, note=note)
    return record


@transaction.atomic
def plan_save(
    *, record: Plan, plan: PlanModel, author: User | None, note: str = "", step: str | None = None
) -> PlanVersion:
    """Store ``plan`` as the current state of ``record`` and keep it as a new version."""
    data = plan_json(PlanModel.model_validate(plan.model_dump(by_alias=True)))
    return _version_add(record=record, data=data, author=author, note=note, step=step, restored_from=None)


@transaction.atomic
def plan_version_restore(*, version: PlanVersion, author: User | None) -> PlanVersion:
    """Make an old version current again; the restore is itself a new version, so nothing is lost."""
    data = plan_json(version.plan_model())
    return _version_add(record=version.plan, data=data, author=author, note="", step=None, restored_from=version.number)


@transaction.atomic
def plan_rename(*, record: Plan, name: str) -> Plan:
    record.name = name.strip()
    record.save(update_fields=["name", "updated_at"])
    return record


@transaction.atomic
def plan_delete(*, record: Plan) -> None:
    """Remove a plan with all its versions (owners only; the view checks)."""
    record.delete()


def _version_add(
    *,
    record: Plan,
    data: dict[str, object],
    author: User | None,
    note: str,
    step: str | None,
    restored_from: int | None,
) -> PlanVersion:
    # Lock the plan row so two saves at once cannot take the same version number.
    locked = Plan.objects.select_for_update().get(pk=record.pk)
    last = PlanVersion.objects.filter(plan=locked).aggregate(last=Max("number"))["last"] or 0
    locked.data = data
    fields = ["data", "updated_at"]
    if step is not None:
        if step not in STEP_IDS:
            raise ValueError(f"unknown step {step!r}")
        locked.step = step
        fields.append("step")
    locked.save(update_fields=fields)
    record.data, record.step = locked.data, locked.step
    return PlanVersion.objects.create(
        plan=locked, number=last + 1, data=data, author=author, note=note, restored_from=restored_from
    )
