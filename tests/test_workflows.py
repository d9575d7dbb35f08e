"""Offline gates for the GitHub automation in .github/ (workflows, Dependabot, provenance).

GATE-SEC-001  hardened workflows: every action pinned to a full commit SHA from
              .github/action-pins.tsv with its `# vX.Y.Z` tag; `with:` keys the action really has;
              `permissions: {}` at the top and only justified write scopes per job; no persisted
              checkout credentials; no `${{ }}` in `run:`; no `pull_request_target`; no caches in
              publishing workflows; zizmor and the vendored JSON schemas find nothing.
GATE-SEC-002  CodeQL scans python, javascript-typescript and actions, each with build-mode none.
GATE-SC-001   the Pages site tarball and the dist/ files are attested by one job holding exactly
              {contents: read, id-token: write, attestations: write}; besides it only the
              deploy-pages job gets id-token.
pyodide-build (the test_pyodide_build_* tests; the evidence docs/design-decisions.md cites):
              pyodide-build.yml builds the wheel with `pyodide build` and fails on any difference
              from the site's wheel. On push and pull_request, one job sets up the Python of the Pyodide that
              package.json pins, installs .github/pyodide-build/requirements.txt (every package an exact
              `==` pin with sha256 hashes, pyodide-build and hatchling among them) with --require-hashes,
              installs the cross-build environment of package.json's Pyodide, runs `pyodide build
              --no-isolation` after the site build, then scripts/compare_wheels.py against
              `python -m build` (nothing left out) and against site/calculator/ (leaving out exactly the
              dist-info files the site's hook writes itself); no step may continue on error.

Each check is a pure function over parsed YAML (or text) returning a list of problems, and each
has a test that plants a defect and asserts the check reports it.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
GITHUB = ROOT / ".github"
WORKFLOW_DIR = GITHUB / "workflows"
WORKFLOW_NAMES = (
    "ci.yml",
    "links.yml",
    "mutation.yml",
    "pages.yml",
    "pyodide-build.yml",
    "security.yml",
)
BIN = Path(sys.executable).parent

Workflow = dict[str, Any]
Pins = dict[str, tuple[str, str]]  # action -> (sha, tag)

SHA_RE = re.compile(r"^[0-9a-f]{40}$")
TAG_RE = re.compile(r"^v\d+\.\d+\.\d+$")
ACTION_RE = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[A-Za-z0-9_./-]+)?$")
USES_LINE_RE = re.compile(
    r"^\s*(?:-\s+)?uses:\s*['\"]?(?P<ref>[^\s'\"#]+)['\"]?\s*(?:#\s*(?P<comment>\S*))?.*$"
)

ATTEST_ACTIONS = {"actions/attest", "actions/attest-build-provenance"}
PUBLISHING_ACTIONS = ATTEST_ACTIONS | {"actions/upload-pages-artifact", "actions/deploy-pages"}
# A write scope is only granted to a job that runs one of these actions.
WRITE_SCOPE_USERS = {
    "id-token": ATTEST_ACTIONS | {"actions/deploy-pages"},
    "attestations": ATTEST_ACTIONS,
    "pages": {"actions/deploy-pages"},
    "security-events": {"github/codeql-action/analyze", "github/codeql-action/upload-sarif"},
}
ATTEST_PERMISSIONS = {"contents": "read", "id-token": "write", "attestations": "write"}
CACHE_ACTIONS = {"actions/cache", "actions/cache/restore", "actions/cache/save"}
# Inputs that turn on a cache by default, so publishing workflows must set them to false ...
CACHE_DEFAULT_ON = {
    "astral-sh/setup-uv": "enable-cache",
    "actions/setup-node": "package-manager-cache",
}
# ... and inputs that turn one on when given at all.
CACHE_OPT_IN = {"actions/setup-node": "cache", "actions/setup-python": "cache"}
CODEQL_LANGUAGES = {"python", "javascript-typescript", "actions"}
PYODIDE_BUILD_REQUIREMENTS = ".github/pyodide-build/requirements.txt"
# The dist-info files the site's wheel builder (overrides/hooks/calculator.py) writes itself: METADATA with
# Name and Version only, WHEEL with its own Generator, and no entry_points.txt. They are the only files the
# comparison with the site's wheel may leave out (docs/design-decisions.md, "pyodide-build: in CI only").
SITE_WHEEL_OWN_DIST_INFO = {"METADATA", "WHEEL", "entry_points.txt"}
PIN_RE = re.compile(
    r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>\S+?)(?P<hashes>( --hash=\S+)+)$"
)
HASH_RE = re.compile(r"^--hash=sha256:[0-9a-f]{64}$")
IGNORE_RE = re.compile(r"--ignore-dist-info[= ](\S+)")


# --- loading --------------------------------------------------------------------------------------


def parse_workflow(text: str) -> Workflow:
    """Parse a workflow; YAML 1.1 reads the key `on` as True, so put it back under "on"."""
    wf = yaml.safe_load(text)
    if True in wf:
        wf["on"] = wf.pop(True)
    return wf


def parse_pins(text: str) -> Pins:
    """Read the tab-separated pins table (comment lines start with #, then a header row)."""
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    assert rows[0][:3] == ["action", "tag", "sha"], rows[0]
    return {action: (sha, tag) for action, tag, sha, *_ in rows[1:]}


def workflow_text(name: str) -> str:
    return (WORKFLOW_DIR / name).read_text()


def workflow(name: str) -> Workflow:
    return parse_workflow(workflow_text(name))


def pins() -> Pins:
    return parse_pins((GITHUB / "action-pins.tsv").read_text())


def action_inputs() -> dict[str, Any]:
    return json.loads((GITHUB / "action-inputs.json").read_text())


def tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        pytest.fail(
            f"{name} not found next to {sys.executable}; run `uv sync --locked` (dev group)"
        )
    return str(path)


# --- helpers over parsed workflows ----------------------------------------------------------------


def steps(wf: Workflow) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    """Yield (job id, job, step) for every step of every job."""
    for job_id, job in wf.get("jobs", {}).items():
        for step in job.get("steps", []):
            yield job_id, job, step


def action_name(uses: str) -> str:
    """`owner/repo/path@ref` -> `owner/repo/path`."""
    return uses.split("@", 1)[0]


def job_actions(job: dict[str, Any]) -> set[str]:
    return {action_name(s["uses"]) for s in job.get("steps", []) if "uses" in s}


def needs(job: dict[str, Any]) -> list[str]:
    value = job.get("needs", [])
    return [value] if isinstance(value, str) else list(value)


def triggers(wf: Workflow) -> set[str]:
    on = wf.get("on", {})
    if isinstance(on, str):
        return {on}
    return set(on)


def is_false(value: object) -> bool:
    return str(value).lower() == "false"


def subjects(step: dict[str, Any]) -> list[str]:
    """The attest step's subject-path entries (newline or comma separated)."""
    raw = str(step.get("with", {}).get("subject-path", ""))
    return [s.strip() for s in re.split(r"[\n,]", raw) if s.strip()]


# --- GATE-SEC-001 checks --------------------------------------------------------------------------


def check_pins(text: str, table: Pins) -> list[str]:
    """Every `uses:` is `owner/repo[/path]@<40-hex sha> # vX.Y.Z`, a row of the pins table.

    Local (`./`) actions and `docker://` images are rejected outright. The check reads the text
    (comments carry the tag) and cross-counts against the parsed YAML so no `uses:` escapes it.
    """
    problems = []
    matches = [m for line in text.splitlines() if (m := USES_LINE_RE.match(line))]
    wf = parse_workflow(text)
    parsed = [j["uses"] for j in wf.get("jobs", {}).values() if "uses" in j]
    parsed += [s["uses"] for _, _, s in steps(wf) if "uses" in s]
    if len(parsed) != len(matches):
        problems.append(
            f"{len(parsed)} uses in the YAML but {len(matches)} one-line `uses:` entries"
        )
    for m in matches:
        ref, comment = m["ref"], m["comment"] or ""
        if ref.startswith(("./", "docker://")):
            problems.append(f"{ref}: local actions and docker:// images are not allowed")
            continue
        action, _, version = ref.partition("@")
        if not ACTION_RE.match(action) or not SHA_RE.match(version):
            problems.append(f"{ref}: not pinned to a full 40-hex commit SHA")
        elif not TAG_RE.match(comment):
            problems.append(f"{ref}: missing `# vX.Y.Z` tag comment")
        elif table.get(action) != (version, comment):
            problems.append(f"{ref} # {comment}: not in .github/action-pins.tsv")
    return problems


def check_top_level_permissions(wf: Workflow) -> list[str]:
    """The workflow grants nothing by default: `permissions: {}`."""
    return [] if wf.get("permissions", None) == {} else ["top-level permissions must be {}"]


def check_job_permissions(wf: Workflow) -> list[str]:
    """Every job declares a permissions mapping; each write scope is needed by an action it runs."""
    problems = []
    for job_id, job in wf.get("jobs", {}).items():
        perms = job.get("permissions")
        if not isinstance(perms, dict):
            problems.append(f"{job_id}: needs an explicit permissions mapping, got {perms!r}")
            continue
        for scope, level in perms.items():
            users = WRITE_SCOPE_USERS.get(scope, set())
            if level == "write" and not users & job_actions(job):
                problems.append(f"{job_id}: {scope}: write is not needed by any action in the job")
    return problems


def check_checkout_credentials(wf: Workflow) -> list[str]:
    """Every actions/checkout step sets `persist-credentials: false`."""
    return [
        f"{job_id}: checkout without persist-credentials: false"
        for job_id, _, step in steps(wf)
        if action_name(step.get("uses", "")) == "actions/checkout"
        and not is_false(step.get("with", {}).get("persist-credentials"))
    ]


def check_no_expressions_in_run(wf: Workflow) -> list[str]:
    """No `${{ }}` inside `run:` (template injection); values reach scripts through `env:`."""
    return [
        f"{job_id}: expression in run: {step['run'].strip()[:60]!r}"
        for job_id, _, step in steps(wf)
        if "${{" in str(step.get("run", ""))
    ]


def check_triggers(wf: Workflow) -> list[str]:
    """No `pull_request_target` (nor `workflow_run`): both run with secrets on untrusted input."""
    bad = triggers(wf) & {"pull_request_target", "workflow_run"}
    return [f"forbidden trigger: {t}" for t in sorted(bad)]


def check_no_cache_when_publishing(wf: Workflow) -> list[str]:
    """A workflow that uploads/attests/deploys Pages restores no cache in any job (cache poisoning).

    That means no actions/cache, setup-uv with `enable-cache: false`, setup-node with
    `package-manager-cache: false`, and no `cache:` input on setup-node/setup-python.
    """
    if not any(PUBLISHING_ACTIONS & job_actions(job) for job in wf.get("jobs", {}).values()):
        return []
    problems = []
    for job_id, _, step in steps(wf):
        action, inputs = action_name(step.get("uses", "")), step.get("with", {})
        if action in CACHE_ACTIONS:
            problems.append(f"{job_id}: {action} in a publishing workflow")
        if action in CACHE_DEFAULT_ON and not is_false(inputs.get(CACHE_DEFAULT_ON[action])):
            problems.append(f"{job_id}: {action} must set {CACHE_DEFAULT_ON[action]}: false")
        if action in CACHE_OPT_IN and CACHE_OPT_IN[action] in inputs:
            problems.append(f"{job_id}: {action} {CACHE_OPT_IN[action]}: in a publishing workflow")
    return problems


def check_with_inputs(wf: Workflow, inputs: dict[str, Any]) -> list[str]:
    """Every `with:` key is a real input of the pinned action; required inputs are set."""
    problems = []
    for job_id, _, step in steps(wf):
        if "uses" not in step:
            continue
        known = inputs.get(step["uses"])
        if known is None:
            problems.append(f"{job_id}: {step['uses']}: no entry in .github/action-inputs.json")
            continue
        given = step.get("with", {})
        for key in sorted(set(given) - set(known["inputs"])):
            problems.append(f"{job_id}: {action_name(step['uses'])} has no input {key!r}")
        for key, spec in known["inputs"].items():
            if spec["required"] and spec["default"] is None and key not in given:
                problems.append(f"{job_id}: {action_name(step['uses'])} needs input {key!r}")
    return problems


RULES = (
    check_top_level_permissions,
    check_job_permissions,
    check_checkout_credentials,
    check_no_expressions_in_run,
    check_triggers,
    check_no_cache_when_publishing,
)


# --- GATE-SEC-002 / GATE-SC-001 checks ------------------------------------------------------------


def matrix_rows(job: dict[str, Any]) -> list[dict[str, Any]]:
    """The job's matrix combinations (list axes crossed, then `include` rows), or [{}]."""
    matrix = dict(job.get("strategy", {}).get("matrix", {}))
    include = matrix.pop("include", [])
    rows: list[dict[str, Any]] = [{}]
    for axis, values in matrix.items():
        rows = [{**row, axis: v} for row in rows for v in values]
    return [row for row in rows if row] + list(include) or [{}]


def expand(value: object, row: dict[str, Any]) -> str:
    """Substitute `${{ matrix.X }}` from one matrix row."""
    return re.sub(r"\$\{\{\s*matrix\.([\w-]+)\s*\}\}", lambda m: str(row.get(m[1], "")), str(value))


def check_codeql(wf: Workflow) -> list[str]:
    """CodeQL init+analyze cover python, javascript-typescript and actions, build-mode none."""
    seen: dict[str, str] = {}
    for job in wf.get("jobs", {}).values():
        actions = job_actions(job)
        if "github/codeql-action/init" not in actions:
            continue
        if "github/codeql-action/analyze" not in actions:
            return ["a CodeQL job has init but no analyze"]
        init = next(s for s in job["steps"] if "codeql-action/init" in s.get("uses", ""))
        for row in matrix_rows(job):
            for lang in expand(init.get("with", {}).get("languages", ""), row).split(","):
                seen[lang.strip()] = expand(init.get("with", {}).get("build-mode", ""), row)
    problems = [f"CodeQL does not scan {lang}" for lang in sorted(CODEQL_LANGUAGES - set(seen))]
    problems += [
        f"CodeQL {lang}: build-mode {mode!r}, want 'none'"
        for lang, mode in sorted(seen.items())
        if lang in CODEQL_LANGUAGES and mode != "none"
    ]
    return problems


def check_attestation(wf: Workflow) -> list[str]:
    """One job attests the Pages tarball (artifact.tar of `github-pages`) and the dist/ files.

    It holds exactly {contents: read, id-token: write, attestations: write}; the build job it needs
    uploads both artifacts (after `uv build`), and the deploy-pages job waits for it.
    """
    jobs = wf.get("jobs", {})
    attest_ids = [j for j, job in jobs.items() if ATTEST_ACTIONS & job_actions(job)]
    if len(attest_ids) != 1:
        return [f"want exactly one attestation job, found {attest_ids}"]
    job_id = attest_ids[0]
    job = jobs[job_id]
    problems = []
    if job.get("permissions") != ATTEST_PERMISSIONS:
        problems.append(f"{job_id}: permissions {job.get('permissions')} != {ATTEST_PERMISSIONS}")
    downloads = {
        s["with"].get("name"): str(s["with"].get("path", ".")).rstrip("/")
        for s in job["steps"]
        if action_name(s.get("uses", "")) == "actions/download-artifact"
    }
    attested = [p for s in job["steps"] for p in subjects(s)]
    if (
        "github-pages" not in downloads
        or f"{downloads['github-pages']}/artifact.tar" not in attested
    ):
        problems.append(f"{job_id}: does not attest artifact.tar of the github-pages artifact")
    if "dist" not in downloads or not any(p.startswith(f"{downloads['dist']}/") for p in attested):
        problems.append(f"{job_id}: does not attest the dist/ files")
    builders = [jobs[n] for n in needs(job) if n in jobs]
    uploads = {
        s.get("with", {}).get("name", "github-pages")
        for b in builders
        for s in b.get("steps", [])
        if action_name(s.get("uses", ""))
        in {"actions/upload-pages-artifact", "actions/upload-artifact"}
    }
    built = any("uv build" in str(s.get("run", "")) for b in builders for s in b.get("steps", []))
    if not {"github-pages", "dist"} <= uploads or not built:
        problems.append(
            f"{job_id}: needs no job that runs `uv build` and uploads github-pages + dist"
        )
    for other_id, other in jobs.items():
        if "actions/deploy-pages" in job_actions(other) and job_id not in needs(other):
            problems.append(f"{other_id}: deploys without waiting for {job_id}")
    return problems


def check_oidc_scopes(wf: Workflow) -> list[str]:
    """Only attestation jobs hold id-token/attestations; deploy-pages may hold id-token alone."""
    problems = []
    for job_id, job in wf.get("jobs", {}).items():
        perms = job.get("permissions") or {}
        held = {scope for scope in ("id-token", "attestations") if scope in perms}
        if not held or ATTEST_ACTIONS & job_actions(job):
            continue
        if held == {"id-token"} and "actions/deploy-pages" in job_actions(job):
            continue
        problems.append(f"{job_id}: holds {sorted(held)} without attesting")
    return problems


# --- the pyodide-build job -----------------------------------------------------------------------


def flat(value: object) -> str:
    """A `run:` script on one line (folded or literal YAML, backslash continuations) for matching."""
    return " ".join(str(value).replace("\\\n", " ").split())


def parse_pins_with_hashes(text: str) -> tuple[dict[str, str], list[str]]:
    """A `--generate-hashes` requirements file: ({name: version}, problems)."""
    pinned: dict[str, str] = {}
    problems = []
    for raw in re.sub(r"\\\n", " ", text).splitlines():  # join backslash continuations
        line = " ".join(raw.split("#", 1)[0].split())  # drop comments (a sha256 has no #)
        if not line:
            continue
        m = PIN_RE.match(line)
        if m is None:
            problems.append(f"{line[:60]!r}: not an exact `name==version` pin with --hash options")
            continue
        bad = [h for h in m["hashes"].split() if not HASH_RE.match(h)]
        if bad:
            problems.append(f"{m['name']}: hashes must be sha256 of 64 hex digits, got {bad}")
        pinned[m["name"].lower().replace("_", "-")] = m["version"]
    return pinned, problems


def pyodide_python(pin: str) -> str | None:
    """The CPython line of a Pyodide release numbered after it (314.0.7 -> 3.14), else None."""
    major = pin.split(".", 1)[0]
    if not major.isdigit() or int(major) < 300:
        return None
    return f"{int(major) // 100}.{int(major) % 100}"


def check_pyodide_build(wf: Workflow, requirements: str, pyodide_pin: str) -> list[str]:
    """The pyodide-build job, over the parsed workflow, the requirements text and the Pyodide pin."""
    problems = []
    pinned, req_problems = parse_pins_with_hashes(requirements)
    problems += [f"{PYODIDE_BUILD_REQUIREMENTS}: {p}" for p in req_problems]
    problems += [
        f"{PYODIDE_BUILD_REQUIREMENTS}: {name} is not pinned"
        for name in ("pyodide-build", "hatchling")
        if name not in pinned
    ]
    missing = {"push", "pull_request"} - triggers(wf)
    if missing:
        problems.append(f"not triggered on {sorted(missing)}")
    jobs = {
        j: job
        for j, job in wf.get("jobs", {}).items()
        if any(
            re.search(r"pyodide\S* build\b", flat(s.get("run", ""))) for s in job.get("steps", [])
        )
    }
    if len(jobs) != 1:
        return [*problems, f"want one job that runs `pyodide build`, found {sorted(jobs)}"]
    job_id, job = next(iter(jobs.items()))
    runs = [flat(s.get("run", "")) for s in job["steps"]]

    def first(pattern: str) -> int | None:
        return next((i for i, r in enumerate(runs) if re.search(pattern, r)), None)

    if job.get("continue-on-error") or any(s.get("continue-on-error") for s in job["steps"]):
        problems.append(
            f"{job_id}: a step continues on error, so a difference would not fail the job"
        )
    python = [
        str(s.get("with", {}).get("python-version"))
        for s in job["steps"]
        if action_name(s.get("uses", "")) == "actions/setup-python"
    ]
    want = pyodide_python(pyodide_pin)
    if want is None:
        problems.append(f"package.json pins pyodide {pyodide_pin!r}: cannot tell its Python")
    elif python != [want]:
        problems.append(f"{job_id}: setup-python {python}, want [{want!r}] (Pyodide {pyodide_pin})")
    installs = [r for r in runs if "pip install" in r]
    if not any(f"-r {PYODIDE_BUILD_REQUIREMENTS}" in r for r in installs):
        problems.append(f"{job_id}: does not install {PYODIDE_BUILD_REQUIREMENTS}")
    problems += [
        f"{job_id}: pip install without --require-hashes: {r[:60]!r}"
        for r in installs
        if "--require-hashes" not in r
    ]
    xbuildenv = first(r"xbuildenv install")
    if xbuildenv is None or "package.json" not in runs[xbuildenv]:
        problems.append(f"{job_id}: does not install the cross-build environment package.json pins")
    build = first(r"pyodide\S* build\b")
    assert build is not None
    if "--no-isolation" not in runs[build]:
        problems.append(
            f"{job_id}: `pyodide build` without --no-isolation uses an unpinned backend"
        )
    site = first(r"scripts/dev build|mkdocs build")
    compares = [i for i, r in enumerate(runs) if "scripts/compare_wheels.py" in r]
    with_site = [i for i in compares if "site/calculator/" in runs[i]]
    if len(with_site) != 1:
        problems.append(f"{job_id}: want one compare_wheels.py run against site/calculator/")
    for i in compares:
        ignored = set(IGNORE_RE.findall(runs[i]))
        allowed = SITE_WHEEL_OWN_DIST_INFO if i in with_site else set()
        if ignored != allowed:
            problems.append(
                f"{job_id}: compare_wheels.py leaves out {sorted(ignored)}, want {sorted(allowed)}"
            )
    order = [i for i in (site, xbuildenv, build, *with_site[:1]) if i is not None]
    if site is None or order != sorted(order):
        problems.append(
            f"{job_id}: want the site build, the cross-build environment, `pyodide build`,"
            " then the comparison, in that order"
        )
    return problems


# --- scanners -------------------------------------------------------------------------------------


def run_zizmor(path: Path) -> tuple[int, list[dict[str, Any]]]:
    """zizmor with online audits off (no network) over a directory: (exit code, findings)."""
    proc = subprocess.run(
        [tool("zizmor"), "--offline", "--format", "json", "--no-progress", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.stdout.strip(), f"zizmor printed nothing (exit {proc.returncode}): {proc.stderr}"
    return proc.returncode, json.loads(proc.stdout)


def run_check_jsonschema(schema: str, files: list[Path]) -> subprocess.CompletedProcess[str]:
    """check-jsonschema with one of its vendored (offline) builtin schemas."""
    return subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


# --- tests: the real files ------------------------------------------------------------------------


def test_gate_sec_001_workflow_set_is_known() -> None:
    found = {p.name for p in WORKFLOW_DIR.iterdir()}
    assert found == set(WORKFLOW_NAMES), "update WORKFLOW_NAMES so every workflow is gated"


def test_gate_sec_001_pins_table_matches_inputs() -> None:
    table = pins()
    recorded = {action_name(k): (k.split("@")[1], v["tag"]) for k, v in action_inputs().items()}
    assert recorded == table


@pytest.mark.parametrize("name", WORKFLOW_NAMES)
def test_gate_sec_001_pins(name: str) -> None:
    assert check_pins(workflow_text(name), pins()) == []


@pytest.mark.parametrize("name", WORKFLOW_NAMES)
@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.__name__)
def test_gate_sec_001_rules(name: str, rule: Any) -> None:
    assert rule(workflow(name)) == []


@pytest.mark.parametrize("name", WORKFLOW_NAMES)
def test_gate_sec_001_with_inputs(name: str) -> None:
    assert check_with_inputs(workflow(name), action_inputs()) == []


def test_gate_sec_001_zizmor_clean() -> None:
    code, findings = run_zizmor(GITHUB)
    assert (code, findings) == (0, [])


def test_gate_sec_001_workflow_schemas() -> None:
    files = [WORKFLOW_DIR / n for n in WORKFLOW_NAMES]
    for schema in ("vendor.github-workflows", "custom.github-workflows-require-timeout"):
        proc = run_check_jsonschema(schema, files)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_gate_sec_001_dependabot_schema_and_policy() -> None:
    path = GITHUB / "dependabot.yml"
    proc = run_check_jsonschema("vendor.dependabot", [path])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    updates = yaml.safe_load(path.read_text())["updates"]
    assert {u["package-ecosystem"] for u in updates} == {"github-actions", "uv", "npm"}
    for update in updates:
        assert update["directory"] == "/"
        assert update["schedule"]["interval"] == "weekly"
        assert update["cooldown"]["default-days"] >= 7


def test_gate_sec_002_codeql() -> None:
    assert check_codeql(workflow("security.yml")) == []
    review = workflow("security.yml")["jobs"]["dependency-review"]
    assert "actions/dependency-review-action" in job_actions(review)
    assert "pull_request" in triggers(workflow("security.yml"))


def test_gate_sc_001_attestation() -> None:
    assert check_attestation(workflow("pages.yml")) == []


@pytest.mark.parametrize("name", WORKFLOW_NAMES)
def test_gate_sc_001_oidc_scopes(name: str) -> None:
    assert check_oidc_scopes(workflow(name)) == []


def pyodide_pin() -> str:
    pin: str = json.loads((ROOT / "package.json").read_text())["dependencies"]["pyodide"]
    return pin


def pyodide_requirements() -> str:
    return (ROOT / PYODIDE_BUILD_REQUIREMENTS).read_text()


def test_gate_sc_002_the_job_builds_with_pyodide_build_and_compares() -> None:
    wf = workflow("pyodide-build.yml")
    assert check_pyodide_build(wf, pyodide_requirements(), pyodide_pin()) == []


def test_gate_sc_002_requirements_follow_their_input_and_the_build_system() -> None:
    """requirements.txt resolves requirements.in, and its hatchling meets pyproject's build-system."""
    pinned, problems = parse_pins_with_hashes(pyodide_requirements())
    assert problems == []
    lines = (GITHUB / "pyodide-build" / "requirements.in").read_text().splitlines()
    wanted = dict(line.split("==") for line in lines if line and not line.startswith("#"))
    assert wanted == {"pyodide-build": pinned["pyodide-build"], "hatchling": pinned["hatchling"]}
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"]
    backend = [Requirement(r) for r in requires if Requirement(r).name == "hatchling"]
    assert len(backend) == 1
    assert backend[0].specifier.contains(pinned["hatchling"])


def test_ci_runs_the_suite_and_keeps_reports() -> None:
    job = workflow("ci.yml")["jobs"]["test"]
    runs = [str(s.get("run", "")) for s in job["steps"]]
    assert any("apt-get install -y chromium" in r for r in runs)
    assert {"astral-sh/setup-uv", "actions/setup-node"} <= job_actions(job)
    test_cmd = " ".join(next(r for r in runs if "scripts/dev test" in r).split())
    assert test_cmd == (
        "scripts/dev test --junitxml=reports/junit.xml --cov=clustersize"
        " --cov-report=xml:reports/coverage.xml"
    )
    uploads = {
        s["with"]["path"]: s.get("if")
        for s in job["steps"]
        if "upload-artifact" in s.get("uses", "")
    }
    assert uploads == {"reports/": "always()", "site/": None}


def test_pages_tests_before_building_and_links_are_weekly() -> None:
    runs = [str(s.get("run", "")) for s in workflow("pages.yml")["jobs"]["build"]["steps"]]
    order = [
        next(i for i, r in enumerate(runs) if c in r) for c in ("scripts/dev test", "dev build")
    ]
    assert order == sorted(order)
    links = workflow("links.yml")
    assert triggers(links) == {"schedule", "workflow_dispatch"}
    extern = [n for n in WORKFLOW_NAMES if "--check-extern" in workflow_text(n)]
    assert extern == ["links.yml"], "network link checks belong in links.yml only"


def test_codeowners_and_security_policy() -> None:
    owners = (GITHUB / "CODEOWNERS").read_text()
    for path in ("/docs/", "/src/", "/.github/workflows/"):
        assert re.search(rf"^{re.escape(path)}\s+@\S+", owners, re.M), path
    assert "REPLACE-ME" in owners
    assert "replace" in owners.lower()
    policy = (ROOT / "SECURITY.md").read_text()
    for needle in ("Report a vulnerability", "0.1.x", "solver", "site", "workflows"):
        assert needle in policy


# --- tests: planted defects are caught ------------------------------------------------------------

CHECKOUT = "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1"


@pytest.mark.parametrize(
    ("planted", "expect"),
    [
        ("actions/checkout@v7.0.1", "40-hex"),
        ("actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1", "tag comment"),
        ("actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.0", "not in"),
        ("actions/checkout@0000000000000000000000000000000000000000 # v7.0.1", "not in"),
        ("./.github/actions/local", "local actions"),
        ("docker://alpine:3", "docker://"),
    ],
)
def test_gate_sec_001_pins_catch_planted(planted: str, expect: str) -> None:
    text = workflow_text("ci.yml")
    assert CHECKOUT in text
    problems = check_pins(text.replace(CHECKOUT, planted), pins())
    assert any(expect in p for p in problems), problems


def test_gate_sec_001_pins_catch_flow_style_uses() -> None:
    block = f"      - name: Check out\n        uses: {CHECKOUT}\n        with:\n"
    block += "          persist-credentials: false\n"
    flow = "      - {uses: actions/checkout@v7, with: {persist-credentials: false}}\n"
    assert block in workflow_text("ci.yml")
    text = workflow_text("ci.yml").replace(block, flow)
    assert any("one-line" in p for p in check_pins(text, pins()))


def mutate(name: str, job: str, step_uses: str | None = None) -> tuple[Workflow, dict[str, Any]]:
    """A copy of a workflow and its job (or first step using `step_uses`) to plant a defect in."""
    wf = copy.deepcopy(workflow(name))
    target = wf["jobs"][job]
    if step_uses is not None:
        target = next(s for s in target["steps"] if step_uses in s.get("uses", ""))
    return wf, target


def test_gate_sec_001_rules_catch_planted() -> None:
    wf = copy.deepcopy(workflow("ci.yml"))
    wf["permissions"] = {"contents": "read"}
    assert check_top_level_permissions(wf)

    wf, job = mutate("ci.yml", "test")
    job["permissions"]["contents"] = "write"
    assert check_job_permissions(wf)
    job["permissions"] = "write-all"
    assert check_job_permissions(wf)

    wf, step = mutate("ci.yml", "test", "actions/checkout")
    del step["with"]["persist-credentials"]
    assert check_checkout_credentials(wf)

    wf, job = mutate("ci.yml", "test")
    job["steps"].append({"run": 'echo "${{ github.event.issue.title }}"'})
    assert check_no_expressions_in_run(wf)

    wf = copy.deepcopy(workflow("ci.yml"))
    wf["on"]["pull_request_target"] = None
    assert check_triggers(wf) == ["forbidden trigger: pull_request_target"]


@pytest.mark.parametrize(
    ("action", "inputs"),
    [
        ("astral-sh/setup-uv", {"enable-cache": True}),
        ("actions/setup-node", {"package-manager-cache": "false", "cache": "npm"}),
        ("actions/setup-node", {}),
        ("actions/cache", {"path": "~/.cache/uv", "key": "k"}),
    ],
)
def test_gate_sec_001_cache_rule_catches_planted(action: str, inputs: dict[str, Any]) -> None:
    wf, job = mutate("pages.yml", "build")
    job["steps"].insert(0, {"uses": f"{action}@{'0' * 40}", "with": inputs})
    assert any(action in p for p in check_no_cache_when_publishing(wf))
    assert check_no_cache_when_publishing(workflow("ci.yml")) == []  # ci publishes nothing


def test_gate_sec_001_with_inputs_catch_planted() -> None:
    wf, step = mutate("ci.yml", "test", "actions/checkout")
    step["with"]["persist-credential"] = False  # misspelt
    assert any("'persist-credential'" in p for p in check_with_inputs(wf, action_inputs()))
    wf, step = mutate("ci.yml", "test", "actions/upload-artifact")
    del step["with"]["path"]
    assert any("needs input 'path'" in p for p in check_with_inputs(wf, action_inputs()))


def test_gate_sec_001_zizmor_catches_planted(tmp_path: Path) -> None:
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "on: pull_request_target\n"
        "jobs:\n"
        "  greet:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n'
    )
    code, findings = run_zizmor(tmp_path / ".github")
    rules = {f["ident"] for f in findings}
    assert code != 0
    assert {"template-injection", "dangerous-triggers", "artipacked", "unpinned-uses"} <= rules


def test_gate_sec_001_schemas_catch_planted(tmp_path: Path) -> None:
    wf = tmp_path / "bad.yml"
    wf.write_text("on: push\njobs:\n  a:\n    steps:\n      - run: true\n")  # no runs-on
    assert run_check_jsonschema("vendor.github-workflows", [wf]).returncode != 0
    assert run_check_jsonschema("custom.github-workflows-require-timeout", [wf]).returncode != 0
    dependabot = tmp_path / "dependabot.yml"
    text = (GITHUB / "dependabot.yml").read_text()
    dependabot.write_text(text.replace("default-days: 7", "default: 7", 1))
    assert run_check_jsonschema("vendor.dependabot", [dependabot]).returncode != 0


def test_gate_sec_002_codeql_catches_planted() -> None:
    wf, job = mutate("security.yml", "codeql")
    job["strategy"]["matrix"]["include"].pop()  # drop `actions`
    assert check_codeql(wf) == ["CodeQL does not scan actions"]
    wf, job = mutate("security.yml", "codeql")
    job["strategy"]["matrix"]["include"][0]["build-mode"] = "autobuild"
    assert check_codeql(wf) == ["CodeQL python: build-mode 'autobuild', want 'none'"]


def test_gate_sc_001_attestation_catches_planted() -> None:
    wf, job = mutate("pages.yml", "attest")
    job["permissions"]["packages"] = "write"
    assert any("permissions" in p for p in check_attestation(wf))

    wf, step = mutate("pages.yml", "attest", "actions/attest")
    step["with"]["subject-path"] = "dist/*"
    assert any("github-pages" in p for p in check_attestation(wf))

    wf, step = mutate("pages.yml", "attest", "actions/attest")
    step["with"]["subject-path"] = "pages/artifact.tar"
    assert any("dist/" in p for p in check_attestation(wf))

    wf, job = mutate("pages.yml", "deploy")
    job["needs"] = ["build"]
    assert any("without waiting" in p for p in check_attestation(wf))


def test_gate_sc_001_oidc_scopes_catch_planted() -> None:
    wf, job = mutate("pages.yml", "build")
    job["permissions"]["id-token"] = "write"
    assert check_oidc_scopes(wf) == ["build: holds ['id-token'] without attesting"]
    wf, job = mutate("pages.yml", "deploy")
    job["permissions"]["attestations"] = "write"
    assert check_oidc_scopes(wf) == ["deploy: holds ['attestations', 'id-token'] without attesting"]


PYODIDE_JOB = "wheel"


def pyodide_step(wf: Workflow, needle: str) -> dict[str, Any]:
    """The first step of the pyodide-build job whose `uses:` or `run:` contains ``needle``."""
    return next(
        s
        for s in wf["jobs"][PYODIDE_JOB]["steps"]
        if needle in str(s.get("uses", "")) + flat(s.get("run", ""))
    )


def planted_pyodide(change: Any) -> list[str]:
    """Plant ``change(workflow)`` in a copy of pyodide-build.yml and run the gate."""
    wf = copy.deepcopy(workflow("pyodide-build.yml"))
    change(wf)
    return check_pyodide_build(wf, pyodide_requirements(), pyodide_pin())


def test_gate_sc_002_catches_planted_workflow_defects() -> None:
    def drop_hashes(wf: Workflow) -> None:
        step = pyodide_step(wf, "pip install")
        step["run"] = step["run"].replace("--require-hashes ", "")

    assert any("without --require-hashes" in p for p in planted_pyodide(drop_hashes))

    def other_python(wf: Workflow) -> None:
        pyodide_step(wf, "actions/setup-python")["with"]["python-version"] = "3.12"

    assert any("setup-python ['3.12'], want ['3.14']" in p for p in planted_pyodide(other_python))

    def fixed_xbuildenv(wf: Workflow) -> None:
        pyodide_step(wf, "xbuildenv install")["run"] = "pyodide xbuildenv install 0.29.3"

    assert any("cross-build environment" in p for p in planted_pyodide(fixed_xbuildenv))

    def isolated(wf: Workflow) -> None:
        step = pyodide_step(wf, 'bin/pyodide" build')
        step["run"] = step["run"].replace(" --no-isolation", "")

    assert any("--no-isolation" in p for p in planted_pyodide(isolated))

    def leave_out_more(wf: Workflow) -> None:
        pyodide_step(wf, "site/calculator/clustersize")["run"] += (
            " --ignore-dist-info top_level.txt"
        )

    assert any("leaves out" in p for p in planted_pyodide(leave_out_more))

    def leave_out_from_strict(wf: Workflow) -> None:
        pyodide_step(wf, "pypa-build/clustersize")["run"] += " --ignore-dist-info=WHEEL"

    assert any("leaves out ['WHEEL'], want []" in p for p in planted_pyodide(leave_out_from_strict))

    def no_site_compare(wf: Workflow) -> None:
        wf["jobs"][PYODIDE_JOB]["steps"].remove(pyodide_step(wf, "site/calculator/clustersize"))

    assert any("against site/calculator/" in p for p in planted_pyodide(no_site_compare))

    def site_built_last(wf: Workflow) -> None:
        steps = wf["jobs"][PYODIDE_JOB]["steps"]
        steps.append(steps.pop(steps.index(pyodide_step(wf, "scripts/dev build"))))

    assert any("in that order" in p for p in planted_pyodide(site_built_last))

    def tolerated(wf: Workflow) -> None:
        pyodide_step(wf, "site/calculator/clustersize")["continue-on-error"] = True

    assert any("continues on error" in p for p in planted_pyodide(tolerated))

    def pull_requests_only(wf: Workflow) -> None:
        del wf["on"]["push"]

    assert planted_pyodide(pull_requests_only) == ["not triggered on ['push']"]


@pytest.mark.parametrize(
    ("planted", "expect"),
    [
        ("pyodide-build>=0.39", "not an exact"),
        ("pyodide-build==0.39.2", "not an exact"),  # no --hash
        ("pyodide-build==0.39.2 --hash=md5:0123", "sha256"),
    ],
)
def test_gate_sc_002_catches_planted_requirement_defects(planted: str, expect: str) -> None:
    text = pyodide_requirements()
    block = re.search(r"^pyodide-build==.*?(?=^\S)", text, re.M | re.S)
    assert block is not None
    bad = text.replace(block[0], planted + "\n")
    problems = check_pyodide_build(workflow("pyodide-build.yml"), bad, pyodide_pin())
    assert any(expect in p for p in problems), problems


def test_gate_sc_002_catches_an_unpinned_backend() -> None:
    text = re.sub(r"^hatchling==.*?(?=^\S)", "", pyodide_requirements(), flags=re.M | re.S)
    problems = check_pyodide_build(workflow("pyodide-build.yml"), text, pyodide_pin())
    assert problems == [f"{PYODIDE_BUILD_REQUIREMENTS}: hatchling is not pinned"]


def test_gate_sc_002_python_of_a_pyodide_release() -> None:
    assert pyodide_python("314.0.7") == "3.14"
    assert pyodide_python("315.1.0") == "3.15"
    assert pyodide_python("0.29.3") is None  # the old numbering does not name the Python
    problems = check_pyodide_build(workflow("pyodide-build.yml"), pyodide_requirements(), "0.29.3")
    assert "package.json pins pyodide '0.29.3': cannot tell its Python" in problems


# --- tests: the scheduled mutation run (issue #16) ----------------------------------------------------------


def test_mutation_runs_weekly_and_keeps_its_report() -> None:
    wf = workflow("mutation.yml")
    assert triggers(wf) == {"schedule", "workflow_dispatch"}
    job = wf["jobs"]["mutate"]
    assert job["permissions"] == {"contents": "read"}
    runs = [str(s.get("run", "")) for s in job["steps"]]
    assert any(r.strip().endswith("scripts/dev mutate 2>&1 | tee mutants/report.txt") for r in runs)
    mutate = next(s for s in job["steps"] if "scripts/dev mutate" in str(s.get("run", "")))
    assert mutate["shell"] == "bash"  # -o pipefail: the job fails with the report, not with tee
    upload = next(s for s in job["steps"] if "upload-artifact" in s.get("uses", ""))
    assert upload.get("if") == "always()"
    assert set(upload["with"]["path"].split()) == {
        "mutants/report.txt",
        "mutants/survivors.txt",
        "mutants/run.log",
    }
