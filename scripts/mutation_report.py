"""Summarise a mutmut run of ``src/clustersize``: counts, score and the surviving mutants.

Reads the verdict of every mutant (``mutmut results --all true``) and the committed equivalents file
(``tests/mutation/equivalent.toml``: mutants no test can kill because they do not change behaviour, each with
a one-line reason and the mutated code it was judged on). Prints one summary line::

    mutants N, killed K, survived S, timeouts T, equivalent E, score X %

where the score is ``(killed + timeouts) / (mutants - equivalent)``; "survived" counts mutants no test killed,
including those no test reaches ("no tests"). Writes the survivors, one ``name: status`` a line, to ``--out``.

Exit status: 0 when nothing survived; 1 when a mutant survived that is not recorded as equivalent, when an
equivalent entry is stale (its mutant is gone, was killed, or now mutates different code), or when the run
left mutants unchecked.

Usage: ``python scripts/mutation_report.py [--equivalent FILE] [--out FILE]`` from the project root, after
``mutmut run`` (``scripts/dev mutate`` does both).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

KILLED = frozenset({"killed", "caught by type check", "segfault"})
TIMEOUT = frozenset({"timeout"})
SURVIVED = frozenset({"survived", "no tests", "suspicious"})
# Anything else ("not checked", "skipped", "check was interrupted by user") means the run is incomplete.

Mutmut = Callable[[Sequence[str]], str]
"""Runs ``mutmut`` with the given arguments and returns its stdout."""


@dataclass(frozen=True)
class Summary:
    """Mutant counts of one run; ``survivors`` and ``stale`` are ``name: status`` lines."""

    mutants: int
    killed: int
    timeouts: int
    equivalent: int
    survivors: tuple[str, ...]
    stale: tuple[str, ...]
    unchecked: tuple[str, ...]

    @property
    def survived(self) -> int:
        return len(self.survivors)

    @property
    def score(self) -> float:
        """Killed or timed-out share of the mutants that are not equivalent, in %."""
        judged = self.mutants - self.equivalent
        return 100.0 * (self.killed + self.timeouts) / judged if judged else 100.0

    def line(self) -> str:
        return (
            f"mutants {self.mutants}, killed {self.killed}, survived {self.survived}, "
            f"timeouts {self.timeouts}, equivalent {self.equivalent}, score {self.score:.1f} %"
        )

    @property
    def ok(self) -> bool:
        return not (self.survivors or self.stale or self.unchecked)


def parse_results(text: str) -> dict[str, str]:
    """``{mutant name: status}`` from the lines ``    <name>: <status>`` that ``mutmut results`` prints."""
    statuses: dict[str, str] = {}
    for line in text.splitlines():
        name, sep, status = line.strip().partition(": ")
        if sep and name and " " not in name:
            statuses[name] = status.strip()
    return statuses


def load_equivalents(text: str) -> dict[str, str]:
    """``{name: change}`` of the ``[[mutant]]`` entries of the equivalents file, where ``change`` is the code the
    mutant adds (see ``added_code``); each entry needs a name, a one-line reason and a change."""
    entries = tomllib.loads(text).get("mutant", [])
    out: dict[str, str] = {}
    twice: set[str] = set()
    for i, entry in enumerate(entries):
        fields = {key: str(entry.get(key, "")).strip() for key in ("name", "reason", "change")}
        missing = [key for key, value in fields.items() if not value]
        if missing:
            raise ValueError(f"mutant entry {i + 1}: needs {', '.join(missing)}")
        if "\n" in fields["reason"]:
            raise ValueError(f"{fields['name']}: the reason must be one line")
        if fields["name"] in out:
            twice.add(fields["name"])
        out[fields["name"]] = fields["change"]
    if twice:
        raise ValueError(f"listed twice: {', '.join(sorted(twice))}")
    return out


def added_code(diff: str) -> str:
    """The code a mutant adds, from its ``mutmut show`` diff: the ``+`` lines, stripped, joined by `` / ``."""
    return " / ".join(
        line[1:].strip()
        for line in diff.splitlines()
        if line.startswith("+") and not line.startswith("+++")
    )


def summarise(statuses: dict[str, str], equivalents: Mapping[str, str], mutmut: Mutmut) -> Summary:
    """Count the verdicts, setting aside equivalents that still match their recorded change."""
    stale: list[str] = []
    equivalent: set[str] = set()
    for name, change in equivalents.items():
        status = statuses.get(name)
        if status is None:
            stale.append(f"{name}: no such mutant")
        elif status in KILLED | TIMEOUT:
            stale.append(f"{name}: {status}, so not equivalent")
        elif (now := added_code(mutmut(["show", name]))) != change:
            stale.append(f"{name}: now mutates {now!r}, not {change!r}")
        else:
            equivalent.add(name)
    judged = {name: status for name, status in statuses.items() if name not in equivalent}
    return Summary(
        mutants=len(statuses),
        killed=sum(status in KILLED for status in judged.values()),
        timeouts=sum(status in TIMEOUT for status in judged.values()),
        equivalent=len(equivalent),
        survivors=tuple(f"{n}: {s}" for n, s in sorted(judged.items()) if s in SURVIVED),
        stale=tuple(stale),
        unchecked=tuple(
            f"{n}: {s}" for n, s in sorted(judged.items()) if s not in KILLED | TIMEOUT | SURVIVED
        ),
    )


def run_mutmut(args: Sequence[str]) -> str:
    """``python -m mutmut ARGS`` in the current directory; its stdout.

    ``show NAME`` is answered in-process by the function behind ``mutmut show`` (one start-up instead of one
    per equivalent mutant); everything else runs the command.
    """
    if args[0] == "show":
        from mutmut.mutation.diff_apply import get_diff_for_mutant

        return get_diff_for_mutant(args[1])
    proc = subprocess.run(
        [sys.executable, "-m", "mutmut", *args], capture_output=True, text=True, check=True
    )
    return proc.stdout


def main(argv: Sequence[str] | None = None, mutmut: Mutmut = run_mutmut) -> int:
    """Print the summary, write the survivors; 0 when nothing new survived (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--equivalent", type=Path, default=Path("tests/mutation/equivalent.toml"))
    parser.add_argument("--out", type=Path, default=Path("mutants/survivors.txt"))
    args = parser.parse_args(argv)
    try:
        equivalents = load_equivalents(args.equivalent.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        print(f"mutation report: {args.equivalent}: {err}", file=sys.stderr)
        return 2
    statuses = parse_results(mutmut(["results", "--all", "true"]))
    if not statuses:
        print("mutation report: mutmut has no results; run `mutmut run` first", file=sys.stderr)
        return 2
    summary = summarise(statuses, equivalents, mutmut)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(f"{line}\n" for line in summary.survivors), encoding="utf-8")
    for title, lines in (
        ("survived (kill with a test, or record as equivalent)", summary.survivors),
        (f"stale entries in {args.equivalent}", summary.stale),
        ("not checked (the run is incomplete)", summary.unchecked),
    ):
        if lines:
            print(f"{title}:", *(f"  {line}" for line in lines), sep="\n")
    print(summary.line())
    print(f"survivors written to {args.out}")
    return 0 if summary.ok else 1


if __name__ == "__main__":
    sys.exit(main())
