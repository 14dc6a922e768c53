"""The bench's arithmetic and output: medians, % of the same round's ceiling, target
verdicts, the table and the chart (no timing is asserted anywhere)."""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from bench import report
from bench.protocol import parse_result, print_result
from bench.scenarios import SCENARIOS, Scenario

CEILING = "ceiling"


def run(rps: float, p50: float = 1.0, p99: float = 2.0, **kwargs):
    return report.Measurement(
        requests=int(rps * 10), seconds=10.0, p50_ms=p50, p99_ms=p99, **kwargs
    )


def test_requests_per_second_is_requests_over_duration():
    assert report.Measurement(requests=500, seconds=4.0, p50_ms=1, p99_ms=2).rps == 125
    assert report.Measurement(requests=5, seconds=0, p50_ms=1, p99_ms=2).rps == 0


def test_median_ignores_missing_values_and_is_none_without_any():
    assert report.median([3, None, 1, 2]) == 2
    assert report.median([1, 2, 3, 4]) == 2.5
    assert report.median([None]) is None


def test_percentage_is_taken_against_the_ceiling_of_the_same_round():
    rounds = [
        {CEILING: run(1000), "page": run(10)},  # 1.0%
        {CEILING: run(500), "page": run(10)},  # 2.0%: a slow round slows both
        {CEILING: run(1000), "page": run(30)},  # 3.0%
    ]
    summary = report.summarise(rounds, CEILING)
    assert summary["page"]["pct"] == pytest.approx(2.0)
    # The median of the percentages, not the ratio of the medians (10 / 1000 = 1%).
    assert summary["page"]["rps"] == pytest.approx(10)
    assert summary[CEILING]["pct"] == pytest.approx(100)
    assert summary["page"]["rounds"] == 3


def test_latencies_are_medians_and_errors_are_summed_over_rounds():
    rounds = [
        {CEILING: run(100), "page": run(10, p50=5, p99=50, errors=1)},
        {CEILING: run(100), "page": run(10, p50=7, p99=90, bad_status=2)},
        {CEILING: run(100), "page": run(10, p50=6, p99=70)},
    ]
    page = report.summarise(rounds, CEILING)["page"]
    assert (page["p50_ms"], page["p99_ms"]) == (6, 70)
    assert (page["errors"], page["bad_status"]) == (1, 2)


def test_a_row_measured_in_some_rounds_only_uses_those_rounds():
    rounds = [{CEILING: run(100), "page": run(10)}, {CEILING: run(100)}]
    assert report.summarise(rounds, CEILING)["page"]["rounds"] == 1


def test_percentage_target_met_or_missed_by_how_much():
    assert report.pct_verdict(30.0, 25.0) == "≥ 25% ✓"
    missed = report.pct_verdict(0.5, 1.0)
    assert "✗" in missed
    assert "0.50 points" in missed
    assert "2.0× the throughput" in missed
    assert report.pct_verdict(None, 1.0) == "≥ 1.0%: not measured"
    assert report.pct_verdict(5.0, None) == ""


def test_query_and_memory_targets_say_by_how_much_they_are_missed():
    assert report.query_verdict(8, 8) == "≤ 8 SQL ✓"
    assert report.query_verdict(11, 8) == "≤ 8 SQL ✗ 3 over"
    assert report.query_verdict(3, None) == ""
    assert report.rss_verdict(120.0, 150.0) == "< 150 MiB ✓"
    assert report.rss_verdict(171.4, 150.0) == "< 150 MiB ✗ 21 MiB over"


def test_percentages_keep_meaningful_digits():
    assert report.format_pct(0.337) == "0.34%"
    assert report.format_pct(2.04) == "2.0%"
    assert report.format_pct(41.6) == "42%"
    assert report.format_pct(None) == "-"


def test_table_has_one_line_per_row_with_verdicts_and_notes():
    rows = [
        report.Row(label="ceiling", path="/", rps=9000, p50_ms=1.2, p99_ms=8, pct=100),
        report.Row(
            label="home page",
            path="/",
            rps=90,
            p50_ms=80,
            p99_ms=150,
            pct=1.0,
            queries=11,
            target_pct=2.0,
            max_queries=8,
        ),
        report.Row(label="article", path="", notes=["URL to come with issue 3"]),
    ]
    lines = report.markdown_table(rows).splitlines()
    assert len(lines) == 2 + len(rows)
    assert "| 9,000 |" in lines[2]
    assert "≥ 2.0% ✗" in lines[3]
    assert "≤ 8 SQL ✗ 3 over" in lines[3]
    assert "URL to come with issue 3" in lines[4]
    assert all(line.count("|") == lines[0].count("|") for line in lines)


def test_chart_is_valid_svg_with_a_bar_per_measured_row():
    rows = [
        report.Row(label="ceiling", path="/", rps=9000, pct=100),
        report.Row(label="page <cached>", path="/", rps=90, pct=1.0, target_pct=25),
        report.Row(label="pending", path=""),
    ]
    svg = report.svg_chart(rows, "% of ceiling & more")
    root = ET.fromstring(svg)  # noqa: S314 - parsing our own output
    namespace = "{http://www.w3.org/2000/svg}"
    labels = [text.text for text in root.iter(f"{namespace}text")]
    assert "page <cached>" in labels
    assert "pending" not in labels
    bars = [
        rect for rect in root.iter(f"{namespace}rect") if rect.get("fill") != "#fff"
    ]
    assert len(bars) == 2
    # A missed target is drawn red, and a lower percentage gives a shorter bar.
    assert bars[1].get("fill") == "#c0392b"
    assert float(bars[1].get("width")) < float(bars[0].get("width"))


def test_child_results_are_found_among_log_lines():
    output = 'INFO something\nBENCH_JSON {"a": 1}\nINFO after\n'
    assert parse_result(output) == {"a": 1}
    with pytest.raises(ValueError, match="no result"):
        parse_result("only logs\n")


def test_print_result_round_trips(capsys):
    print_result({"queries": 4})
    assert parse_result(capsys.readouterr().out) == {"queries": 4}


def test_scenarios_have_unique_labels_and_a_ceiling_first():
    labels = [scenario.label for scenario in SCENARIOS]
    assert len(labels) == len(set(labels))
    assert SCENARIOS[0].server == "ceiling"
    assert Scenario("x", None, pending="issue 3").is_pending


def test_readme_block_between_markers_is_replaced_and_the_rest_kept():
    text = f"intro\n{report.README_START}\nold table\n{report.README_END}\noutro\n"
    updated = report.replace_results_block(text, "new table\n")
    assert updated == (
        f"intro\n{report.README_START}\nnew table\n{report.README_END}\noutro\n"
    )
    with pytest.raises(ValueError, match="no"):
        report.replace_results_block("no markers", "table")


def test_the_readme_has_the_block_that_bench_readme_fills():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert report.replace_results_block(readme, "table") != readme


def test_comparison_table_puts_each_row_beside_its_base_run():
    rounds = [
        {
            "ceiling": run(1000),
            "home": run(200, p50=3.0),
            report.base_label("home"): run(100, p50=6.0),
            "article": run(50),
        },
    ]
    summary = report.summarise(rounds, "ceiling")
    rows = [
        report.Row(label="home", path="/", **_medians(summary["home"])),
        report.Row(label="article", path="/a/", **_medians(summary["article"])),
    ]

    table = report.comparison_table(rows, summary, "HEAD", "v1")

    lines = table.splitlines()
    assert lines[0].startswith("| scenario | HEAD: % of ceiling | v1: % of ceiling")
    # The article has no base run, so only the home page is compared.
    assert len(lines) == 3
    assert lines[2] == "| home | 20% | 10% | 2.00× | 3.0 / 6.0 |"


def _medians(medians: dict) -> dict:
    return {key: medians[key] for key in ("rps", "p50_ms", "p99_ms", "pct")}
