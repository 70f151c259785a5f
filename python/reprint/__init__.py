"""reprint from Python: audit records or files and get the report as a dict.

    import reprint

    report = reprint.audit([
        {"id": "a1", "text": "...", "source": "Daily Planet", "date": "2024-03-01"},
        {"id": "a2", "text": "...", "source": "The Bugle", "date": "2024-03-02"},
    ])
    report["summary"]["articles"]

`audit` runs the `reprint` command that was installed with this package (or the one
`$REPRINT_BIN` names) and returns its `reprint.audit/1` document, parsed (docs/json.md). The
records go to the command as JSON lines on its standard input, so a record's place in an
error is its position in the list: `records[3]`.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sysconfig
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

__all__ = ["RecordError", "ReprintError", "audit", "find_reprint_bin"]

#: What the command calls its standard input in places (`<stdin>:3`).
_STDIN = "<stdin>"


class ReprintError(Exception):
    """The command failed: a usage or configuration error, an input it could not open, or no
    article read at all. `stderr` holds its messages and `returncode` its exit status."""

    def __init__(self, message: str, stderr: str = "", returncode: int | None = None):
        super().__init__(message)
        self.stderr = stderr
        self.returncode = returncode


class RecordError(ReprintError):
    """Some records or files could not be read; the rest were audited.

    `problems` lists `(place, message)` pairs: the place is `records[i]` for a record given in
    Python, `file:line` for a file. `report` is the document of what was read, as
    `audit(..., errors="report")` would have returned it.
    """

    def __init__(self, problems: list[tuple[str, str]], report: dict, stderr: str = ""):
        shown = "; ".join(f"{place}: {message}" for place, message in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(
            f"{len(problems)} record(s) could not be read: {shown}{more}", stderr, 2
        )
        self.problems = problems
        self.report = report


def find_reprint_bin() -> str:
    """The path of the `reprint` command: `$REPRINT_BIN` when set, else the one installed in
    this environment's scripts (where `pip install reprint` puts it), else the first on the
    PATH."""
    named = os.environ.get("REPRINT_BIN")
    if named:
        if not Path(named).is_file():
            raise ReprintError(f"REPRINT_BIN names {named!r}, which is not a file")
        return named
    exe = "reprint" + (sysconfig.get_config_var("EXE") or "")
    schemes = [sysconfig.get_path("scripts")]
    user = f"{os.name}_user"
    if user in sysconfig.get_scheme_names():
        schemes.append(sysconfig.get_path("scripts", scheme=user))
    for scripts in schemes:
        candidate = Path(scripts) / exe
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(exe)
    if found:
        return found
    raise ReprintError(
        "the reprint command is not installed here (pip install reprint, or set REPRINT_BIN)"
    )


def audit(
    records_or_paths: Iterable[Mapping[str, Any]] | Iterable[str | os.PathLike] | str | os.PathLike,
    config: Mapping[str, Any] | str | os.PathLike | None = None,
    *,
    jobs: int | None = None,
    errors: str = "raise",
) -> dict:
    """Audits records (dicts with at least a `text` field; `id`, `source`, `date`, `url`,
    `title` and nested fields as the command reads them in JSON lines) or files and folders
    (any input `reprint audit` reads), and returns the `reprint.audit/1` document.

    `config` is a `reprint.toml` path, or its tables as a dict
    (`{"align": {"enabled": False}}`); without it the command finds `reprint.toml` from the
    current folder upward, as on the command line. `jobs` sets its worker threads.

    Records or files that cannot be read raise `RecordError` naming each one's place
    (`records[i]`, or `file:line`), unless `errors="report"`, which returns the document with
    them in its `errors` list. Anything else that stops the command raises `ReprintError`.
    """
    if errors not in ("raise", "report"):
        raise ValueError(f"errors must be 'raise' or 'report', not {errors!r}")
    records, paths = _split_input(records_or_paths)
    binary = find_reprint_bin()
    with tempfile.TemporaryDirectory(prefix="reprint-") as tmp:
        out = Path(tmp) / "audit.json"
        err = Path(tmp) / "stderr.txt"
        args = [binary]
        if jobs is not None:
            args += ["--jobs", str(int(jobs))]
        args += ["audit", *(paths if records is None else ["-"])]
        args += ["--format", "json", "--out", str(out), "--no-progress"]
        if config is not None:
            args += ["--config", str(_config_file(config, Path(tmp)))]
        with open(err, "wb") as stderr:
            # Standard error goes to a file, never a pipe: a pipe nobody reads while the records
            # are written could fill and stall both sides.
            proc = subprocess.Popen(
                args, stdin=subprocess.PIPE if records is not None else subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=stderr,
            )
            try:
                if records is not None:
                    _write_records(records, proc.stdin)
            except BrokenPipeError:
                pass  # the command stopped early; its messages say why
            except BaseException:
                proc.kill()  # a record that cannot be written, or an interrupt: stop the audit
                raise
            finally:
                if proc.stdin is not None:
                    try:
                        proc.stdin.close()
                    except BrokenPipeError:
                        pass
                code = proc.wait()
        messages = err.read_text(encoding="utf-8", errors="replace")
        if not out.is_file():
            raise ReprintError(_last_lines(messages) or f"reprint exited {code}", messages, code)
        report = json.loads(out.read_text(encoding="utf-8"))
    problems = [(_place(e.get("place", "")), e.get("message", "")) for e in report.get("errors", [])]
    if problems and errors == "raise":
        raise RecordError(problems, report, messages)
    return report


def _split_input(given) -> tuple[Iterable[Mapping] | None, list[str]]:
    """Records to send on standard input, or the paths to pass."""
    if isinstance(given, (str, os.PathLike)):
        return None, [os.fspath(given)]
    if isinstance(given, Mapping):
        raise TypeError("give a list of records, not one record")
    items = iter(given)
    try:
        first = next(items)
    except StopIteration:
        raise ReprintError("no records or paths were given") from None
    if isinstance(first, (str, os.PathLike)):
        rest = list(items)
        for i, p in enumerate(rest, 1):
            if not isinstance(p, (str, os.PathLike)):
                raise TypeError(f"paths[{i}] is a {type(p).__name__}, not a path")
        return None, [os.fspath(p) for p in [first, *rest]]

    def chained():
        yield first
        yield from items

    return chained(), []


def _write_records(records: Iterable[Mapping], pipe) -> None:
    """Writes records as JSON lines, naming the record that cannot be written."""
    batch: list[bytes] = []
    for i, record in enumerate(records):
        if not isinstance(record, Mapping):
            raise TypeError(f"records[{i}] is a {type(record).__name__}, not a dict")
        try:
            line = json.dumps(record, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError) as e:
            raise TypeError(f"records[{i}] cannot be written as JSON: {e}") from None
        batch.append(line.encode("utf-8") + b"\n")
        if len(batch) >= 1024:
            pipe.write(b"".join(batch))
            batch.clear()
    pipe.write(b"".join(batch))


def _place(place: str) -> str:
    """A place in the command's terms, in the caller's: `<stdin>:4` is `records[3]`."""
    prefix = _STDIN + ":"
    if place.startswith(prefix) and place[len(prefix):].isdigit():
        return f"records[{int(place[len(prefix):]) - 1}]"
    return place


def _last_lines(text: str, n: int = 5) -> str:
    return "\n".join(text.strip().splitlines()[-n:])


def _config_file(config, tmp: Path) -> Path:
    """The config as a file: a path as given, a dict written as TOML."""
    if isinstance(config, (str, os.PathLike)):
        return Path(config)
    if not isinstance(config, Mapping):
        raise TypeError(f"config is a {type(config).__name__}, not a dict or a path")
    path = tmp / "reprint.toml"
    path.write_text(_toml(config), encoding="utf-8")
    return path


def _toml(config: Mapping[str, Any]) -> str:
    """The TOML of a config given as a dict: top-level keys, then one table per dict."""
    lines = []
    tables = []
    for key, value in config.items():
        if isinstance(value, Mapping):
            tables.append((key, value))
        else:
            lines.append(f"{_toml_key(key)} = {_toml_value(value, key)}")
    for name, table in tables:
        lines.append(f"\n[{_toml_key(name)}]")
        for key, value in table.items():
            if isinstance(value, Mapping):
                raise TypeError(f"config[{name!r}][{key!r}]: tables nest one level only")
            lines.append(f"{_toml_key(key)} = {_toml_value(value, f'{name}.{key}')}")
    return "\n".join(lines) + "\n"


def _toml_key(key) -> str:
    if not isinstance(key, str):
        raise TypeError(f"config key {key!r} is not a string")
    if key and all(c.isascii() and (c.isalnum() or c in "_-") for c in key):
        return key
    return _toml_string(key)


def _toml_value(value, where: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"config {where}: {value} is not a number TOML can hold")
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v, where) for v in value) + "]"
    raise TypeError(f"config {where}: a {type(value).__name__} is not a TOML value")


def _toml_string(s: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for c in s:
        if c in '"\\':
            out.append("\\" + c)
        elif ord(c) < 0x20 or ord(c) == 0x7F:
            out.append(f"\\u{ord(c):04X}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'
