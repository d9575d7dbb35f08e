"""Reading a config: files and stdin in, and one exact line for every way reading one can fail.

Runs the CLI in-process (the subprocess tests in test_cli.py check the real entry point); here each refusal is
pinned to its exact message and exit code, and the bytes that are accepted are pinned too.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from clustersize import cli, examples, schema
from clustersize.config import MAX_CONFIG_BYTES
from clustersize.errors import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE

EXAMPLE = examples.text("gb200-nvl72")
TOO_BIG = "--config {}: larger than 1,000,000 bytes; not a config file"


def run(
    capsys: pytest.CaptureFixture[str], *args: str, stdin: io.TextIOBase | None = None
) -> tuple[int, str, str]:
    code = cli.main(list(args), stdin=stdin)  # type: ignore[arg-type]
    out, err = capsys.readouterr()
    return code, out, err


def one_error(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("clustersize: error: "), err
    return lines[0].removeprefix("clustersize: error: ")


def binary_stdin(data: bytes) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")


def test_file_stdin_and_bom_give_the_same_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "c.json"
    path.write_text(EXAMPLE, encoding="utf-8")
    code, from_file, err = run(capsys, "--config", str(path))
    assert (code, err) == (EXIT_OK, "")
    assert f"config        {path}\n" in from_file
    code, from_stdin, _ = run(capsys, "--config", "-", stdin=binary_stdin(EXAMPLE.encode()))
    assert code == EXIT_OK
    assert "config        stdin\n" in from_stdin
    assert from_stdin.replace("stdin", str(path), 1) == from_file
    bom = binary_stdin(b"\xef\xbb\xbf" + EXAMPLE.encode())
    assert (
        run(capsys, "--config", "-", "--json", stdin=bom)[:2]
        == run(capsys, "--preset", "gb200-nvl72", "--json")[:2]
    )
    text_only = io.StringIO(EXAMPLE)  # a stdin without a byte buffer (an embedding caller)
    assert run(capsys, "--config", "-", stdin=text_only)[1] == from_stdin


def test_set_is_named_after_the_source(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "--preset", "gb200-nvl72", "--set", "pue=1.5", "--set", "min_nodes=2"
    )
    assert code == EXIT_OK
    assert (
        "config        bundled example 'gb200-nvl72' with --set pue=1.5 --set min_nodes=2\n" in out
    )
    assert "(PUE 1.5; not part of the solve)" in out


@pytest.mark.parametrize("size", [MAX_CONFIG_BYTES, MAX_CONFIG_BYTES + 1])
def test_a_file_at_the_size_limit_is_read_and_one_byte_more_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, size: int
) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(EXAMPLE.encode().ljust(size))  # trailing spaces keep the JSON valid
    code, _, err = run(capsys, "--config", str(path))
    if size == MAX_CONFIG_BYTES:
        assert (code, err) == (EXIT_OK, "")
    else:
        assert (code, one_error(err)) == (EXIT_USAGE, TOO_BIG.format(path))


@pytest.mark.parametrize("size", [MAX_CONFIG_BYTES, MAX_CONFIG_BYTES + 1])
def test_stdin_at_the_size_limit_is_read_and_one_byte_more_is_refused(
    capsys: pytest.CaptureFixture[str], size: int
) -> None:
    data = EXAMPLE.encode().ljust(size)
    for stdin in (binary_stdin(data), io.StringIO(data.decode())):
        code, _, err = run(capsys, "--config", "-", stdin=stdin)
        if size == MAX_CONFIG_BYTES:
            assert (code, err) == (EXIT_OK, "")
        else:
            assert (code, one_error(err)) == (EXIT_USAGE, TOO_BIG.format("-"))


def test_a_file_that_grows_past_the_limit_while_read_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.json"
    path.write_text(EXAMPLE, encoding="utf-8")
    # stat says small; the read says otherwise
    monkeypatch.setattr(cli.os.path, "getsize", lambda _: 10)
    path.write_bytes(EXAMPLE.encode().ljust(MAX_CONFIG_BYTES + 5))
    code, _, err = run(capsys, "--config", str(path))
    assert (code, one_error(err)) == (EXIT_USAGE, TOO_BIG.format(path))


@pytest.mark.parametrize(
    ("error", "rule"),
    [
        (FileNotFoundError(2, "No such file or directory"), "no such file"),
        (PermissionError(13, "Permission denied"), "permission denied"),
        (IsADirectoryError(21, "Is a directory"), "cannot read (Is a directory)"),
        (OSError("disk on fire"), "cannot read (disk on fire)"),
    ],
)
def test_unreadable_files_are_one_line(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    error: OSError,
    rule: str,
) -> None:
    path = tmp_path / "c.json"
    path.write_text(EXAMPLE, encoding="utf-8")

    def refuse(*_: object, **__: object) -> None:
        raise error

    monkeypatch.setattr(cli, "open", refuse, raising=False)
    code, out, err = run(capsys, "--config", str(path), "--json")
    assert code == EXIT_USAGE
    assert one_error(err) == f"--config {path}: {rule}"
    assert json.loads(out)["error"] == {
        "kind": "usage",
        "message": f"--config {path}: {rule}",
        "exit_code": EXIT_USAGE,
    }


def test_missing_file_and_directory(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "--config", str(tmp_path / "nope.json"))
    assert (code, one_error(err)) == (
        EXIT_USAGE,
        f"--config {tmp_path / 'nope.json'}: no such file",
    )
    code, _, err = run(capsys, "--config", str(tmp_path))
    assert (code, one_error(err)) == (
        EXIT_USAGE,
        f"--config {tmp_path}: is a directory, not a config file",
    )


@pytest.mark.parametrize(("data", "byte"), [(b"\xff{}", 0), (b'{"a": "\xc3"}', 7), (b"{}\x80", 2)])
def test_bytes_that_are_not_utf8_name_the_first_bad_byte(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: bytes, byte: int
) -> None:
    path = tmp_path / "bin"
    path.write_bytes(data)
    code, _, err = run(capsys, "--config", str(path))
    assert code == EXIT_USAGE
    assert one_error(err) == f"--config {path}: not UTF-8 text (byte {byte}); is it a binary file?"


def test_print_and_exit_flags_print_exactly_their_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--schema") == (EXIT_OK, schema.schema_json(), "")
    assert run(capsys, "--example") == (EXIT_OK, examples.text(), "")
    assert run(capsys, "--list-examples") == (
        EXIT_OK,
        "".join(f"{n}\n" for n in examples.names()),
        "",
    )


def test_without_argv_the_process_arguments_are_read(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli.sys, "argv", ["clustersize", "--json", "--set", "pue=0"])
    code = cli.main()
    out, err = capsys.readouterr()
    assert code == EXIT_USAGE
    assert json.loads(out)["error"]["path"] == "/pue"
    assert "clustersize: error: /pue: must be >= 1, got 0" in err


def test_without_a_stdin_argument_the_process_stdin_is_read(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli.sys, "stdin", binary_stdin(EXAMPLE.encode()))
    assert cli.main(["--config", "-", "--json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["node_name"] == json.loads(EXAMPLE)["node"]["name"]


def test_stdin_that_is_not_utf8_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """Bytes are read raw and decoded once, so bad bytes are named, whatever the stream's own encoding."""
    code, _, err = run(capsys, "--config", "-", stdin=binary_stdin(b'{"a": "\xff"}'))
    assert code == EXIT_USAGE
    assert one_error(err) == "--config -: not UTF-8 text (byte 7); is it a binary file?"


class Endless(io.RawIOBase):
    """A stream of spaces without end (a pipe that never closes), refusing reads far past the limit."""

    def __init__(self) -> None:
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        assert self.given <= 2 * MAX_CONFIG_BYTES, "read far past the size limit"
        n = len(buffer)
        buffer[:n] = b" " * n
        self.given += n
        return n


def test_an_endless_stdin_is_cut_at_the_size_limit(capsys: pytest.CaptureFixture[str]) -> None:
    endless = io.TextIOWrapper(io.BufferedReader(Endless()), encoding="utf-8")
    code, _, err = run(capsys, "--config", "-", stdin=endless)
    assert (code, one_error(err)) == (EXIT_USAGE, TOO_BIG.format("-"))


def test_an_endless_text_stdin_is_cut_at_the_size_limit(capsys: pytest.CaptureFixture[str]) -> None:
    class EndlessText(io.TextIOBase):
        def read(self, size: int | None = -1) -> str:
            assert size is not None
            assert 0 <= size <= 2 * MAX_CONFIG_BYTES, size
            return " " * size

    code, _, err = run(capsys, "--config", "-", stdin=EndlessText())
    assert (code, one_error(err)) == (EXIT_USAGE, TOO_BIG.format("-"))


def test_an_endless_file_is_cut_at_the_size_limit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "fifo-like"
    path.write_text("", encoding="utf-8")  # a device or pipe: stat says 0 bytes
    monkeypatch.setattr(cli, "open", lambda *_: io.BufferedReader(Endless()), raising=False)
    code, _, err = run(capsys, "--config", str(path))
    assert (code, one_error(err)) == (EXIT_USAGE, TOO_BIG.format(path))


def test_interrupt_and_internal_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "size", interrupted)
    assert run(capsys, "--preset", "gb200-nvl72") == (130, "", "clustersize: interrupted\n")

    def broken(*_: object, **__: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cli, "size", broken)
    code, out, err = run(capsys, "--preset", "gb200-nvl72", "--json")
    assert code == EXIT_INTERNAL
    assert json.loads(out) == {  # --json promises JSON on stdout, an internal error included
        "error": {
            "kind": "internal",
            "message": "ZeroDivisionError: division by zero",
            "exit_code": EXIT_INTERNAL,
        }
    }
    assert err == (
        "clustersize: internal error (ZeroDivisionError: division by zero); please report it\n"
    )
