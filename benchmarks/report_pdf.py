"""Plan document benchmark: a full PDF of a plan with 20 channels and 12 goals, in English and Hebrew.

    python benchmarks/report_pdf.py [--channels 20] [--goals 12] [--repeat 3]

One process. The plan is the tests' sample plan (``tests/report/sample_plans.py``) scaled up.
Prints, per language:

1. cold: the first full PDF of the process (imports done, but vl-convert's JavaScript engine
   and WeasyPrint's font set-up still to warm up): what a one-off ``socialplan export`` pays;
2. warm: the best of ``--repeat`` further full PDFs (a web app or a batch run), in wall-clock
   seconds and in processor seconds of the process (the figure to trust on a busy machine);
3. the parts of a warm PDF: the document model, the three chart PNGs, and the page layout;
4. baseline: the same HTML laid out by WeasyPrint without charts, and the ratio full / baseline.

Target: a full PDF well under 5 s on the project's machines.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from socialplan.i18n import Lang  # noqa: E402  (after the path set-up above)
from socialplan.report import charts, document_render, plan_document  # noqa: E402
from socialplan.report.document import Chart, Document, Section  # noqa: E402


def _sample_plans() -> ModuleType:
    source = ROOT / "tests" / "report" / "sample_plans.py"
    spec = importlib.util.spec_from_file_location("sample_plans", source)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {source}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _timed(run: object) -> float:
    start = time.perf_counter()
    run()  # type: ignore[operator]
    return time.perf_counter() - start


def _cpu(run: object) -> float:
    """Processor seconds of this process (all its threads): what the PDF costs on an idle machine."""
    start = time.process_time()
    run()  # type: ignore[operator]
    return time.process_time() - start


def _without_charts(doc: Document) -> Document:
    sections = tuple(
        Section(s.id, s.title, tuple(b for b in s.blocks if not isinstance(b, Chart))) for s in doc.sections
    )
    return Document(doc.lang, doc.title, doc.subtitle, sections, doc.footer, doc.meta)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--channels", type=int, default=20)
    parser.add_argument("--goals", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import weasyprint  # noqa: F401  (import cost is not part of a render)

    sample_plan = _sample_plans().sample_plan
    languages: tuple[Lang, ...] = ("en", "he")
    for lang in languages:
        plan = sample_plan(lang, channels=args.channels, goals=args.goals)
        pages: list[bytes] = []
        cold = _timed(lambda: pages.append(document_render(plan_document(plan, lang), "pdf")))  # noqa: B023
        warm = min(
            _timed(lambda: pages.append(document_render(plan_document(plan, lang), "pdf")))  # noqa: B023
            for _ in range(args.repeat)
        )
        cpu = min(_cpu(lambda: document_render(plan_document(plan, lang), "pdf")) for _ in range(args.repeat))  # noqa: B023
        doc = plan_document(plan, lang)
        build = _timed(lambda: plan_document(plan, lang))  # noqa: B023
        chart_blocks = [b for s in doc.sections for b in s.blocks if isinstance(b, Chart)]
        chart_time = _timed(lambda: [charts.chart_png(b.chart) for b in chart_blocks])  # noqa: B023
        plain = _without_charts(doc)
        baseline = min(_timed(lambda: document_render(plain, "pdf")) for _ in range(args.repeat))  # noqa: B023
        size = len(pages[-1]) / 1024
        load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"
        print(
            f"{lang}: {len(plan.channels)} channels, {len(plan.goals)} goals, {size:.0f} KB PDF\n"
            f"  cold full PDF   {cold:6.2f} s\n"
            f"  warm full PDF   {warm:6.2f} s  (best of {args.repeat}); processor time {cpu:5.2f} s\n"
            f"    document model {build:5.2f} s, three chart PNGs {chart_time:5.2f} s\n"
            f"  baseline: layout without charts {baseline:5.2f} s; full / baseline {warm / baseline:4.2f}x\n"
            f"  (load average {load} on {os.cpu_count()} cores: timings grow with other work on the machine)"
        )


if __name__ == "__main__":
    main()
