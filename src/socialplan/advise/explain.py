"""`socialplan explain`: the method's guidance for a step, or why a review rule exists."""

from __future__ import annotations

from socialplan.advise.review import RULES
from socialplan.i18n import Lang, Text
from socialplan.method import load_method
from socialplan.method.types import STEP_IDS

_STEP_WORD = Text(en="Step", he="שלב")
_RULE_WORD = Text(en="Rule", he="כלל")
_RULES_WORD = Text(en="Review rules of this step", he="כללי הבדיקה של שלב זה")
_UNKNOWN = Text(
    en="unknown step or rule {topic!r}: use 1-7, a step id ({steps}) or a rule id such as fuel.dedicated-team",
    he="שלב או כלל לא מוכר {topic!r}: השתמשו ב-1 עד 7, במזהה שלב ({steps}) או במזהה כלל כמו fuel.dedicated-team",
)


def explain_text(topic: str, lang: Lang) -> str:
    """The explanation as plain text; KeyError with a readable message for an unknown topic."""
    method = load_method()
    topic = topic.strip().casefold()
    step_id = None
    if topic.isdigit() and 1 <= int(topic) <= len(STEP_IDS):
        step_id = STEP_IDS[int(topic) - 1]
    elif topic in STEP_IDS:
        step_id = topic
    if step_id is not None:
        step = method.step(step_id)
        lines = [
            f"{_STEP_WORD(lang)} {step.number}: {step.title(lang)} — {step.metaphor(lang)}",
            "",
            step.summary(lang),
            "",
        ]
        for sub in step.substeps:
            lines += [f"• {sub.title(lang)}", f"  {sub.guidance(lang)}"]
        lines += ["", step.software(lang), "", f"{_RULES_WORD(lang)}:"]
        lines += [f"  {spec.id}" for spec in RULES.values() if spec.step == step_id]
        return "\n".join(lines)
    spec = RULES.get(topic)
    if spec is None:
        raise KeyError(_UNKNOWN.format(topic=topic, steps=", ".join(STEP_IDS))(lang))
    step = method.step(spec.step)
    return "\n".join([
        f"{_RULE_WORD(lang)} {spec.id} — {_STEP_WORD(lang)} {step.number}: {step.title(lang)}",
        "",
        spec.why(lang),
    ])
