"""tox's in-tree plugin (tox 4 loads ``toxfile.py`` beside ``tox.ini`` by itself).

Nothing skipped looks green. When a run skips an env (its Python is missing: tox.ini
sets ``skip_missing_interpreters = true``, so the rest still runs), tox ends with ONE
more line, after its own summary: what ran, what was skipped, and how to provide it
(``PYENV_VERSION`` listing the Pythons; ``.ci/with-services`` for the -postgres envs).
The run then exits non-zero, unless the user asked for skipping:
``--skip-missing-interpreters true`` (or tox's own ``TOX_SKIP_MISSING_INTERPRETERS=true``).

tox 4 has no hook at the end of a session (tox 3's ``tox_cleanup`` is gone), and
``atexit`` comes too late to change the exit status. The per-env results, skipped or
not, reach one function, the run commands' summary (``_report``, the same for ``tox
run`` and ``tox run-parallel``): the plugin wraps it, prints after it and returns the
status. Should a tox release rename it, the plugin says so and tox runs as before.

For ``tox -m mine`` (your katas on every Django, ``katas/harness/mine.py``) it adds:

- ``katas_run_id`` (core): unique to this invocation of tox; the mine envs write to
  ``.tox/mine/{katas_run_id}/``, so an earlier run's results are never shown as this one's;
- ``python_choices`` (env): the Pythons that can run the env, in order of preference;
  ``{first_python}`` is the first one found (tox-uv uses only the first ``base_python``
  it is given, found or not), or, when none is, the first choice (the env is skipped);
- ``skip_report`` (env): a file where, when the env never gets to its commands, the
  plugin writes why (the Pythons it needs, or that it broke); such a skip is expected
  (the learner's table shows it) and is left out of the final line.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from tox.plugin import impl

RUN_ID = f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"

_state = None  # tox's State, for the final line
_reached: set[str] = set()  # envs that got to their commands
_found: dict[str, str | None] = {}  # env -> the Python first_python found (None: none)
_lock = threading.Lock()


# --- configuration ------------------------------------------------------------------


@impl
def tox_add_core_config(core_conf, state) -> None:
    core_conf.add_config(
        keys=["katas_run_id"],
        of_type=str,
        default=RUN_ID,
        desc="unique to this invocation of tox (the mine envs' results folder)",
    )


@impl
def tox_add_env_config(env_conf, state) -> None:
    global _state
    _state = state
    env_conf.add_config(
        keys=["python_choices"],
        of_type=str,
        default="",
        desc="the Pythons that can run this env, preferred first (see first_python)",
    )
    env_conf.add_config(
        keys=["first_python"],
        of_type=str,
        default=_first_python,
        desc="the first of python_choices found on this machine, else the first choice",
    )
    env_conf.add_config(
        keys=["skip_report"],
        of_type=str,
        default="",
        desc="where to write why, when this env never gets to its commands",
    )


def _first_python(conf, env_name: str | None) -> str:
    choices = _choices(conf.get_env(env_name)["python_choices"]) if env_name else []
    found = next((path for path in map(_find_python, choices) if path), None)
    with _lock:
        _found[env_name or ""] = found
    return found or (choices[0] if choices else sys.executable)


def _choices(text: str) -> list[str]:
    return [c for c in re.split(r"[\s,]+", text) if c]


def _find_python(spec: str) -> str | None:
    """Return the interpreter uv would use for ``spec`` (as tox-uv does), or None."""
    try:
        from uv import find_uv_bin

        uv = find_uv_bin()
    except (ImportError, FileNotFoundError):
        uv = shutil.which("uv")
    if uv is None:
        return None
    done = subprocess.run(
        [uv, "python", "find", "--system", "--no-python-downloads", spec],
        capture_output=True,
        text=True,
        check=False,
    )
    found = done.stdout.strip()
    return found if done.returncode == 0 and found else None


# --- the mine envs' skip reports ------------------------------------------------------


@impl
def tox_before_run_commands(tox_env) -> None:
    with _lock:
        _reached.add(tox_env.name)


@impl
def tox_env_teardown(tox_env) -> None:
    name = tox_env.name
    if name in _reached:
        return
    try:
        report = tox_env.conf["skip_report"]
    except KeyError:  # a packaging env
        return
    if not report:
        return
    if _expected_skip(name):
        entry = {"needs": _choices(tox_env.conf["python_choices"])}
    else:
        entry = {"error": "the env stopped before it could judge: see tox's output above"}
    path = Path(report)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"env": name, **entry}, indent=1), encoding="utf-8")


def _expected_skip(name: str) -> bool:
    """True for an env with a skip report whose Pythons are all missing."""
    with _lock:
        return name in _found and _found[name] is None


# --- the final line -------------------------------------------------------------------


def _python_needed(name: str) -> str | None:
    """Return the Python ("3.10") an env asks for: its base_python, else its name's factor."""
    try:
        asked = [str(b) for b in _state.envs[name].conf["base_python"]]
    except Exception:  # no state, no such env, a packaging env
        asked = []
    for text in [*asked, *name.split("-")]:
        found = re.fullmatch(r"(?:c?python|py)?-?(3)\.?(\d+)", text)
        if found:
            return f"{found[1]}.{found[2]}"
    return None


def _pyenv_versions() -> list[str]:
    pyenv = shutil.which("pyenv")
    if pyenv is None:
        return []
    done = subprocess.run(
        [pyenv, "versions", "--bare", "--skip-aliases"], capture_output=True, text=True
    )
    return [v for v in done.stdout.split() if re.fullmatch(r"\d+\.\d+\.\d+", v)]


def _how_to_provide(pythons: list[str]) -> str:
    """Say how to make ``pythons`` ("3.10") available: the PYENV_VERSION to use."""
    installed = _pyenv_versions()
    listed = [v for v in os.environ.get("PYENV_VERSION", "").split(":") if v]

    def newest(minor: str) -> str | None:
        matching = [v for v in installed if v.startswith(minor + ".")]
        return max(matching, key=lambda v: tuple(map(int, v.split(".")))) if matching else None

    wanted = [newest(p) for p in pythons]
    if not installed or None in wanted:
        return (
            f"install Python {', '.join(pythons)} (with pyenv: `pyenv install {pythons[0]}`, "
            "then list every Python in PYENV_VERSION)"
        )
    return "PYENV_VERSION=" + ":".join(dict.fromkeys([*listed, *wanted]))


def final_line(runs, asked: bool) -> str | None:
    """Return the one line on the skipped envs of ``runs``, or None when none was."""
    skipped = [r.name for r in runs if r.skipped and not _expected_skip(r.name)]
    if not skipped:
        return None
    ran = [r.name for r in runs if not r.skipped]
    pythons = sorted({p for n in skipped if (p := _python_needed(n))}, key=lambda v: int(v[2:]))
    provide = _how_to_provide(pythons) if pythons else ""
    services = ".ci/with-services" if any(n.endswith("-postgres") for n in skipped) else ""
    assign = provide if provide.startswith("PYENV_VERSION=") else ""
    rerun = " ".join(p for p in (assign, services, "tox", *_args_without_skip()) if p)
    missing = f" (no Python {', '.join(pythons)} found)" if pythons else ""
    text = (
        f"tox: SKIPPED {len(skipped)} of {len(runs)} envs{missing}: {', '.join(skipped)}; "
        f"covered: {', '.join(ran) or 'nothing'}. To run them: "
    )
    text += f"`{rerun}`" if assign or not provide else f"{provide}, then `{rerun}`"
    if asked:
        return text + " (skips accepted)."
    return text + "; or accept the skips: --skip-missing-interpreters true."


def _args_without_skip() -> list[str]:
    """This run's arguments, without the user's choice on skipping (``-s [true|false]``)."""
    args, after_flag = [], False
    for arg in sys.argv[1:]:
        if after_flag and arg in ("true", "false", "config"):
            after_flag = False
            continue
        after_flag = arg in ("-s", "--skip-missing-interpreters")
        if not after_flag and not arg.startswith("--skip-missing-interpreters="):
            args.append(arg)
    return args


def _asked_to_skip() -> bool:
    options = getattr(getattr(_state, "conf", None), "options", None)
    value = getattr(options, "skip_missing_interpreters", "config")
    return value is True or str(value).lower() == "true"


def _wrap_report() -> None:
    try:
        from tox.session.cmd.run import common
    except ImportError:
        common = None
    original = getattr(common, "_report", None)
    if original is None or getattr(original, "katas_wrapped", False):
        if original is None:
            print(
                "toxfile.py: this tox has no run summary to follow; skipped envs are not summed up"
            )
        return

    def report(start, runs, *args, **kwargs):
        code = original(start, runs, *args, **kwargs)
        try:
            asked = _asked_to_skip()
            line = final_line(runs, asked)
        except Exception as error:  # the summary must never hide tox's own verdict
            line, asked = f"toxfile.py: could not sum up the skipped envs ({error!r})", True
        if line is None:
            return code
        print(line, flush=True)
        return code if asked or code else 1

    report.katas_wrapped = True
    common._report = report


_wrap_report()
