"""Typed errors and the CLI's stable exit codes."""

from __future__ import annotations

import json

EXIT_OK = 0
"""Success."""
EXIT_INTERNAL = 1
"""An internal bug (never caused by input)."""
EXIT_USAGE = 2
"""Bad command-line usage or an invalid config."""
EXIT_INFEASIBLE = 3
"""Nothing at or above ``min_nodes`` fits, or ``--nodes N`` does not fit cap and fabric."""

EXIT_CODES: tuple[tuple[int, str], ...] = (
    (EXIT_OK, "ok"),
    (EXIT_INTERNAL, "internal error (a bug in clustersize; please report it)"),
    (EXIT_USAGE, "bad usage or invalid config (stderr names the JSON path and the rule)"),
    (
        EXIT_INFEASIBLE,
        "infeasible: nothing at or above min_nodes fits, or --nodes N does not fit cap and fabric",
    ),
)
"""``(code, meaning)`` of every exit code: rendered into the CLI's ``--help`` and the docs from here."""


class ClusterSizeError(Exception):
    """Base class of every error clustersize reports to a user."""

    kind = "error"
    exit_code = EXIT_INTERNAL

    @property
    def message(self) -> str:
        """What went wrong, in one sentence."""
        return str(self)

    @property
    def headline(self) -> str:
        """The stderr line after ``clustersize: ``."""
        return f"error: {self.message}"

    def to_dict(self) -> dict[str, object]:
        """The error as the JSON object printed with ``--json`` (strings escaped like the stderr line)."""
        return {"kind": self.kind, "message": _safe(self.message), "exit_code": self.exit_code}


class ConfigError(ClusterSizeError):
    """A config value breaks a rule. ``path`` is a JSON pointer such as ``/node/gpu_w``."""

    kind = "invalid_config"
    exit_code = EXIT_USAGE

    def __init__(self, path: str, rule: str, got: object = None, *, show_got: bool = True) -> None:
        self.path = path or "/"
        self.rule = rule
        self.got = got
        self.show_got = show_got
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = f"{self.path}: {self.rule}"
        if self.show_got:
            text += f", got {describe(self.got)}"
        return text

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "path": _safe(self.path),
            "rule": _safe(self.rule),
            "message": _safe(self.message),
            "exit_code": self.exit_code,
        }


def _safe(text: str) -> str:
    from .fmt import printable

    return printable(text)


class InternalError(ClusterSizeError):
    """An unexpected exception inside clustersize: a bug, never the user's input (exit code 1)."""

    kind = "internal"

    @property
    def headline(self) -> str:
        return f"internal error ({self.message}); please report it"


class InvariantError(ClusterSizeError):
    """A result broke an invariant: a bug in clustersize, never the user's input (exit code 1)."""

    kind = "internal"


class UsageError(ClusterSizeError):
    """The command line itself is wrong (unknown flag, bad ``--set`` syntax, unreadable file)."""

    kind = "usage"
    exit_code = EXIT_USAGE


class HugeNumber:
    """A JSON number literal no 64-bit float holds (too many digits, or an exponent out of range).

    The parser keeps it as text instead of converting it, so validation can refuse it with the field's own rule.
    """

    __slots__ = ("text", "tiny")

    def __init__(self, text: str, *, tiny: bool = False) -> None:
        self.text = text
        self.tiny = tiny
        """True when the literal is non-zero but nearer 0 than any float (it would silently read as 0)."""

    def __repr__(self) -> str:
        return f"HugeNumber({self.text[:20]!r})"

    @property
    def sign(self) -> int:
        """-1 for a negative literal, else 1."""
        return -1 if self.text.startswith("-") else 1

    def summary(self) -> str:
        """A short description for an error message."""
        digits = sum(c.isdigit() for c in self.text)
        if len(self.text) <= 24:
            return self.text
        return f"a number literal of {digits:,} digits"


def describe(value: object) -> str:
    """Render a user value for an error message: JSON-like, short, never a Python repr of a big object."""
    from .fmt import printable

    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return '"' + printable(shown.replace("\\", "\\\\").replace('"', '\\"')) + '"'
    if isinstance(value, HugeNumber):
        return value.summary()
    if isinstance(value, int):
        return repr(value) if abs(value) < 10**40 else "an integer of over 40 digits"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return type(value).__name__


def suggest(key: str, allowed: list[str]) -> str | None:
    """The allowed key closest to a mistyped one (case-insensitive), or None."""
    import difflib  # only on the error path: keeps CLI start-up lean

    lowered = {a.lower(): a for a in allowed}
    if key.lower() in lowered:
        return lowered[key.lower()]
    match = difflib.get_close_matches(key.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None


def unknown_key_rule(key: str, allowed: list[str], prefix: str = "") -> str:
    """The rule for a key that is not allowed: ``unknown key; did you mean "gpu_w"?``."""
    rule = "unknown key"
    hint = suggest(key, allowed)
    if hint:
        rule += f"; did you mean {json.dumps(prefix + hint)}?"
    return rule
