"""Turn wrk measurements into medians, percentages of the ceiling, verdicts on the
targets, a Markdown table and an SVG bar chart (no Django, no I/O: unit-tested)."""

import math
import statistics
from dataclasses import dataclass, field
from html import escape


@dataclass(frozen=True)
class Measurement:
    """One wrk run of one scenario."""

    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int = 0  # connect/read/write errors and timeouts
    bad_status: int = 0  # responses other than 2xx/3xx

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0


@dataclass
class Row:
    """One line of the table: medians over the rounds, or why there are none."""

    label: str
    path: str
    rps: float | None = None
    p50_ms: float | None = None
    p99_ms: float | None = None
    pct: float | None = None
    queries: int | None = None
    target_pct: float | None = None
    max_queries: int | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def measured(self) -> bool:
        return self.rps is not None


def median(values) -> float | None:
    """Return the median of the values that are not None (None if there are none)."""
    present = [value for value in values if value is not None]
    return statistics.median(present) if present else None


def percent_of(value: float, ceiling: float) -> float | None:
    return 100.0 * value / ceiling if ceiling > 0 else None


def summarise(
    rounds: list[dict[str, Measurement]], ceiling_label: str
) -> dict[str, dict[str, float | int | None]]:
    """Return, per label, the medians over the rounds of requests/s, p50, p99 and of
    the percentage of the ceiling measured in the same round."""
    labels = []
    for measured in rounds:
        labels.extend(label for label in measured if label not in labels)
    summary = {}
    for label in labels:
        runs = [
            (measured[label], measured.get(ceiling_label))
            for measured in rounds
            if label in measured
        ]
        summary[label] = {
            "rps": median(run.rps for run, _ in runs),
            "p50_ms": median(run.p50_ms for run, _ in runs),
            "p99_ms": median(run.p99_ms for run, _ in runs),
            "pct": median(
                percent_of(run.rps, ceiling.rps) if ceiling else None
                for run, ceiling in runs
            ),
            "rounds": len(runs),
            "errors": sum(run.errors for run, _ in runs),
            "bad_status": sum(run.bad_status for run, _ in runs),
        }
    return summary


def format_pct(value: float | None) -> str:
    if value is None:
        return "-"
    if value >= 10:
        return f"{value:.0f}%"
    if value >= 1:
        return f"{value:.1f}%"
    return f"{value:.2f}%"


def format_number(value: float | None, digits: int = 0) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def pct_verdict(actual: float | None, target: float | None) -> str:
    """Say whether a percentage-of-ceiling target is met, and if not by how much."""
    if target is None:
        return ""
    wanted = f"≥ {format_pct(target)}"
    if actual is None:
        return f"{wanted}: not measured"
    if actual >= target:
        return f"{wanted} ✓"
    return (
        f"{wanted} ✗ missed by {target - actual:.2f} points "
        f"(needs {target / actual:.1f}× the throughput)"
        if actual > 0
        else f"{wanted} ✗ missed (nothing served)"
    )


def query_verdict(actual: int | None, maximum: int | None) -> str:
    if maximum is None:
        return ""
    wanted = f"≤ {maximum} SQL"
    if actual is None:
        return f"{wanted}: not measured"
    if actual <= maximum:
        return f"{wanted} ✓"
    return f"{wanted} ✗ {actual - maximum} over"


def rss_verdict(mib: float | None, limit: float) -> str:
    wanted = f"< {limit:.0f} MiB"
    if mib is None:
        return f"{wanted}: not measured"
    if mib < limit:
        return f"{wanted} ✓"
    return f"{wanted} ✗ {mib - limit:.0f} MiB over"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown_table(rows: list[Row]) -> str:
    """Return the results as one Markdown table (targets checked in the last column)."""
    lines = [
        "| scenario | path | req/s | p50 ms | p99 ms | % of ceiling | SQL/req "
        "| targets |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        verdicts = [
            verdict
            for verdict in (
                pct_verdict(row.pct, row.target_pct) if row.measured else "",
                query_verdict(row.queries, row.max_queries) if row.measured else "",
            )
            if verdict
        ]
        checks = "; ".join([*verdicts, *row.notes])
        queries = "-" if row.queries is None else str(row.queries)
        lines.append(
            "| "
            + " | ".join(
                _cell(cell)
                for cell in (
                    row.label,
                    f"`{row.path}`" if row.path else "-",
                    format_number(row.rps),
                    format_number(row.p50_ms, 1),
                    format_number(row.p99_ms, 1),
                    format_pct(row.pct),
                    queries,
                    checks,
                )
            )
            + " |"
        )
    return "\n".join(lines)


# The chart's horizontal axis is logarithmic: the rows span three orders of magnitude
# (a page at ~1% of the ceiling, static files at ~40%, the ceiling at 100%).
CHART_MIN_PCT = 0.1
CHART_MAX_PCT = 100.0


def _x(pct: float, left: float, width: float) -> float:
    pct = min(max(pct, CHART_MIN_PCT), CHART_MAX_PCT)
    span = math.log10(CHART_MAX_PCT) - math.log10(CHART_MIN_PCT)
    return left + width * (math.log10(pct) - math.log10(CHART_MIN_PCT)) / span


def svg_chart(rows: list[Row], title: str) -> str:
    """Return a horizontal bar chart of % of the ceiling (log scale), with each
    target drawn as a red tick."""
    measured = [row for row in rows if row.measured and row.pct is not None]
    label_width, bar_width, row_height, top = 330.0, 420.0, 24.0, 44.0
    height = top + row_height * len(measured) + 36
    width = label_width + bar_width + 80
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" '
        f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
        'font-family="sans-serif" font-size="12">',
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="#fff"/>',
        f'<text x="10" y="20" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    axis_bottom = top + row_height * len(measured)
    tick = CHART_MIN_PCT
    while tick <= CHART_MAX_PCT:
        x = _x(tick, label_width, bar_width)
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 6:.0f}" x2="{x:.1f}" '
            f'y2="{axis_bottom:.0f}" stroke="#ddd"/>'
            f'<text x="{x:.1f}" y="{axis_bottom + 16:.0f}" text-anchor="middle" '
            f'fill="#555">{format_pct(tick)}</text>'
        )
        tick *= 10
    for index, row in enumerate(measured):
        y = top + index * row_height
        x_end = _x(row.pct, label_width, bar_width)
        missed = row.target_pct is not None and row.pct < row.target_pct
        colour = "#c0392b" if missed else "#2e86c1"
        # The value goes right of the bar, or of the target tick when that is further.
        x_value = max(
            x_end,
            _x(row.target_pct, label_width, bar_width) if row.target_pct else x_end,
        )
        parts.append(
            f'<text x="{label_width - 8:.0f}" y="{y + 15:.0f}" text-anchor="end">'
            f"{escape(row.label)}</text>"
            f'<rect x="{label_width:.0f}" y="{y + 4:.0f}" '
            f'width="{max(x_end - label_width, 1):.1f}" height="{row_height - 8:.0f}" '
            f'fill="{colour}"/>'
            f'<text x="{x_value + 4:.1f}" y="{y + 15:.0f}">{format_pct(row.pct)}'
            "</text>"
        )
        if row.target_pct is not None:
            x_target = _x(row.target_pct, label_width, bar_width)
            parts.append(
                f'<line x1="{x_target:.1f}" y1="{y + 1:.0f}" x2="{x_target:.1f}" '
                f'y2="{y + row_height - 1:.0f}" stroke="#c0392b" stroke-width="2"/>'
            )
    parts.append(
        f'<text x="{label_width:.0f}" y="{height - 4:.0f}" fill="#555">'
        "% of the ceiling (bare WSGI app), log scale; red tick: target; red bar: "
        "target missed</text>"
    )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


README_START = "<!-- bench:results:start -->"
README_END = "<!-- bench:results:end -->"


def replace_results_block(text: str, block: str) -> str:
    """Return the README text with the block between the bench markers replaced."""
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        raise ValueError(f"the README has no {README_START} ... {README_END} block")
    return text[: start + len(README_START)] + "\n" + block.strip() + "\n" + text[end:]


BASE_SUFFIX = " @base"


def base_label(label: str) -> str:
    """Return the key under which a scenario's run against the base version is kept."""
    return label + BASE_SUFFIX


def comparison_table(
    rows: list[Row], summary: dict[str, dict], head: str, base: str
) -> str:
    """Return a Markdown table of each measured row against the base version measured
    in the same rounds: % of the ceiling for both, and the throughput ratio."""
    lines = [
        f"| scenario | {head}: % of ceiling | {base}: % of ceiling | "
        f"{head} / {base} | p50 ms ({head} / {base}) |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        theirs = summary.get(base_label(row.label))
        if not row.measured or theirs is None or theirs["rps"] is None:
            continue
        ratio = row.rps / theirs["rps"] if theirs["rps"] else None
        lines.append(
            "| "
            + " | ".join(
                _cell(cell)
                for cell in (
                    row.label,
                    format_pct(row.pct),
                    format_pct(theirs["pct"]),
                    "-" if ratio is None else f"{ratio:.2f}×",
                    f"{format_number(row.p50_ms, 1)} / "
                    f"{format_number(theirs['p50_ms'], 1)}",
                )
            )
            + " |"
        )
    return "\n".join(lines)
