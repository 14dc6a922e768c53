"""How the bench's child processes hand a result back: one marked JSON line on
stdout, since the project's logging writes to stdout too."""

import json

MARKER = "BENCH_JSON "


def print_result(result) -> None:
    print(MARKER + json.dumps(result), flush=True)


def parse_result(stdout: str):
    """Return the last marked JSON value in a child's output."""
    for line in reversed(stdout.splitlines()):
        if line.startswith(MARKER):
            return json.loads(line.removeprefix(MARKER))
    raise ValueError("no result line in the output")
