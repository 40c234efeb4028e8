"""`katas new` refuses what would break the course before writing anything, writes a kata
that ruff, the catalogue and the dojo guide accept, and leaves nothing behind when it fails.
A missing or corrupt catalogue is one line, in every command."""

from __future__ import annotations

import re
import resource
import subprocess
import sys

import pytest

from katas.harness import catalogue

ROOT = catalogue.ROOT
SLUG = "ping_count"
LONG_SLUG = "a" * 250


@pytest.fixture
def course(katas_repo):
    """A copy of the course with the dojo guide and the README's kata table."""
    for name in ("docs/dojo.md", "README.md"):
        katas_repo.write(name, (ROOT / name).read_text(encoding="utf-8"))
    return katas_repo


def snapshot(repo) -> dict[str, bytes]:
    """Every file of the copy and its bytes (bytecode left out)."""
    return {
        path.relative_to(repo.path).as_posix(): path.read_bytes()
        for path in sorted(repo.path.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    } | {
        path.relative_to(repo.path).as_posix() + "/": b""
        for path in repo.path.rglob("*")
        if path.is_dir() and "__pycache__" not in path.parts
    }


def changes(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    return sorted(
        [f"new {p}" for p in after.keys() - before.keys()]
        + [f"gone {p}" for p in before.keys() - after.keys()]
        + [f"changed {p}" for p in before.keys() & after.keys() if before[p] != after[p]]
    )


def new(repo, *args, file_size=None, env=None):
    """Run ``python -m katas new ARGS`` in the copy, under a file size limit if given."""

    def limit():
        if file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

    # -B: under a file size limit CPython's bytecode cache writes a truncated .pyc (its
    # short write goes unchecked), which breaks the next command; not new's doing.
    # No DJANGO_SETTINGS_MODULE, as in a maintainer's shell: new needs no settings.
    environment = repo.environment(env)
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-B", "-m", "katas", "new", *args],
        cwd=repo.path,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
        env=environment,
        preexec_fn=limit,
    )


def one_line_refusal(done, status=2) -> str | None:
    """Return what is wrong with a refusal, or None when it is one clear line."""
    lines = done.stderr.strip().splitlines()
    if done.returncode != status:
        return f"exit {done.returncode}, not {status}: {done.stdout[-300:]}{done.stderr[-600:]}"
    if len(lines) != 1 or not lines[0].startswith("new: "):
        return f"not one line starting 'new: ': {done.stderr[-600:]!r}"
    return None


# --- names ----------------------------------------------------------------------------------

SHADOWING = [
    "settings",  # katas/settings.py
    "urls",  # katas/urls.py
    "celery",  # katas/celery.py
    "catalogue",  # katas/catalogue.toml
    "harness",  # katas/harness/, the tooling
    "cli",
    "dojo",
    "shipped",
    "templates",
    "signal_tools",  # tests/signal_tools.py
    "services",  # tests/services/, a suite of the maintainers
    "auth",  # a Django app label
    "humanize",
    "class",  # a keyword
]


def test_a_name_that_shadows_a_module_or_an_app_is_refused_before_anything_is_written(course):
    before = snapshot(course)
    wrong = []

    for name in SHADOWING:
        done = new(course, name)
        problem = one_line_refusal(done)
        if problem:
            wrong.append(f"{name}: {problem}")
        if changes(before, snapshot(course)):
            wrong.append(f"{name}: wrote {changes(before, snapshot(course))[:5]}")

    assert not wrong, "\n".join(wrong)


def test_a_long_name_is_refused_with_its_limit_and_leaves_nothing(course):
    before = snapshot(course)

    done = new(course, LONG_SLUG)
    longest = new(course, "b" * (catalogue.SLUG_LIMIT + 1))

    assert one_line_refusal(done) is None, one_line_refusal(done)
    assert f"at most {catalogue.SLUG_LIMIT} characters" in done.stderr, done.stderr
    assert one_line_refusal(longest) is None, one_line_refusal(longest)
    assert changes(before, snapshot(course)) == []
    assert catalogue.SLUG_LIMIT <= 40


@pytest.mark.parametrize(
    "text",
    ["A\rB", "A\nB", "A\r\nB", "A\x01B", "A\x1b[31mB", "A\tB", "A\x7fB", "A\u2028B", "A\u202eB"],
    ids=["CR", "LF", "CRLF", "SOH", "ESC", "TAB", "DEL", "LINE-SEPARATOR", "RTL-OVERRIDE"],
)
def test_a_control_character_in_a_title_or_pattern_is_refused(course, text):
    before = snapshot(course)

    titled = new(course, SLUG, "--title", text)
    patterned = new(course, SLUG, "--pattern", text)

    assert one_line_refusal(titled) is None, one_line_refusal(titled)
    assert one_line_refusal(patterned) is None, one_line_refusal(patterned)
    assert changes(before, snapshot(course)) == []


def test_a_nul_which_no_command_line_can_pass_is_refused_too():
    assert "U+0000" in catalogue.text_problem("A\x00B", "title", 80)


def test_quotes_and_backslashes_in_a_title_reach_the_catalogue_intact(course):
    title = 'Say "hi" to C:\\temp, naïvely'
    pattern = "a ''' and a \\u0041 stay as typed"

    done = new(course, SLUG, "--title", title, "--pattern", pattern)

    assert done.returncode == 0, done.stdout + done.stderr
    read = course.python(
        "from katas.harness import catalogue\n"
        f"kata = catalogue.by_slug()[{SLUG!r}]\n"
        "print(repr((kata.title, kata.pattern)))"
    )
    assert read.stdout.strip() == repr((title, pattern)), read.stdout + read.stderr
    assert course.read(f"katas/{SLUG}/README.md").splitlines()[0] == f"# {title}"


# --- what a scaffold writes -----------------------------------------------------------------


def test_a_scaffold_of_the_longest_name_is_clean_for_ruff(course):
    pytest.importorskip("ruff", reason="ruff comes with the dev extra")
    slug = "the_" + "x" * (catalogue.SLUG_LIMIT - 4)
    files = ("receivers.py", "notification_services_of_the_team.py")

    done = new(course, slug, "--files", *files, "--tasks", "9")

    assert done.returncode == 0, done.stdout + done.stderr
    folders = [f"katas/{slug}", f"tests/{slug}", f"solutions/{slug}"]
    for command in (["check", "--no-cache"], ["format", "--check", "--no-cache"]):
        linted = subprocess.run(
            [sys.executable, "-m", "ruff", *command, *folders],
            cwd=course.path,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert linted.returncode == 0, f"ruff {command[0]}:\n{linted.stdout}{linted.stderr}"


def test_a_scaffold_ships_its_files_and_plans_its_dojo_where_the_plans_are(course):
    done = new(course, SLUG, "--files", "receivers.py", "services.py", "--tasks", "2")

    assert done.returncode == 0, done.stdout + done.stderr
    kata_dir = course.path / "katas" / SLUG
    for name in ("receivers.py", "services.py"):
        shipped = course.path / "katas" / "harness" / "shipped" / SLUG / f"{name}.shipped"
        assert shipped.read_bytes() == (kata_dir / name).read_bytes()
    guide = course.read("docs/dojo.md")
    plans = guide[guide.index("## Session plans, kata by kata") :]
    section = re.search(rf"^### {SLUG}\n(.*?)(?=^##|\Z)", plans, re.S | re.M)
    assert section, f"no `### {SLUG}` among the session plans of docs/dojo.md"
    last = catalogue.load()[-1].slug
    assert plans.index(f"### {last}\n") < section.start(), "the new plan comes last"
    for part in ("Time box", "First test", "Pitfalls", "Discussion questions"):
        assert f"**{part}**" in section.group(1), section.group(1)
    assert not (course.path / "docs" / "plans").exists(), "nobody reads docs/plans/"
    written = [p for p in course.path.rglob("*") if SLUG in str(p) and p.is_file()]
    leftover = [p for p in written if re.search(r"\{\{|\{%|%\}|\}\}", p.read_text())]
    assert not leftover, f"template syntax left in {leftover}"

    checked = new(course, SLUG, "--check")
    assert f"docs/dojo.md: write the dojo plan of {SLUG}" in checked.stdout, checked.stdout


@pytest.mark.parametrize(
    "file_size",
    [8 * 1024, 40 * 1024],
    ids=["fails-writing-the-dojo-guide", "fails-writing-the-catalogue"],
)
def test_a_failed_scaffold_leaves_nothing_and_a_retry_works(course, file_size):
    sizes = [(course.path / p).stat().st_size for p in ("docs/dojo.md", "katas/catalogue.toml")]
    assert sizes[0] < 40 * 1024 < sizes[1], f"the limits no longer fall between {sizes}"
    before = snapshot(course)

    failed = new(course, SLUG, "--tasks", "2", file_size=file_size)

    assert one_line_refusal(failed, status=1) is None, one_line_refusal(failed, status=1)
    assert changes(before, snapshot(course)) == []
    assert course.leftovers() == []
    again = new(course, SLUG, "--tasks", "2")
    assert again.returncode == 0, again.stdout + again.stderr


def test_new_check_says_what_the_course_rules_say(course):
    # One rule, one sentence: new --check shows the rule's own sentence.
    readme = course.path / "katas" / "first_receiver" / "README.md"
    mistake = sorted((course.path / "solutions" / "first_receiver" / "mistakes").iterdir())[0]
    readme.write_text(readme.read_text().replace(mistake.name, "a_mistake"))
    said = course.python(
        "from katas.harness import catalogue, rules\n"
        "kata = catalogue.by_slug()['first_receiver']\n"
        "print('\\n'.join(p for check in rules.CHECKS for p in check(kata)))"
    )
    assert said.stdout.strip(), said.stderr

    checked = new(course, "first_receiver", "--check")

    assert checked.returncode == 1
    for sentence in said.stdout.strip().splitlines():
        assert sentence in checked.stdout, checked.stdout


def test_every_kata_of_the_course_passes_new_check(course):
    done = course.python(
        "from katas.cli.new import checklist\n"
        "from katas.harness import catalogue\n"
        "for kata in catalogue.load():\n"
        "    for item in checklist(kata.slug):\n"
        "        print(kata.slug, item)\n"
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout == "", done.stdout


# --- a missing or corrupt catalogue ---------------------------------------------------------


def break_catalogue(repo, how):
    path = repo.path / "katas" / "catalogue.toml"
    if how == "missing":
        path.unlink()
    else:
        path.write_text(path.read_text() + '\n[[kata]]\ntitle = "\r"\n')


@pytest.mark.parametrize("how", ["missing", "corrupt"])
def test_new_on_a_missing_or_corrupt_catalogue_says_so_in_one_line(katas_repo, how):
    break_catalogue(katas_repo, how)

    for args in ([SLUG], ["first_receiver", "--check"]):
        done = new(katas_repo, *args)
        assert done.returncode == 2, done.stdout + done.stderr
        assert "Traceback" not in done.stderr, done.stderr
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert "restore it" in done.stderr, done.stderr


@pytest.mark.parametrize("how", ["missing", "corrupt"])
def test_plain_pytest_on_a_missing_or_corrupt_catalogue_says_so_in_one_line(katas_repo, how):
    break_catalogue(katas_repo, how)

    done = katas_repo.run("tests/first_receiver", timeout=120)

    assert "Traceback" not in done.text, done.text[-2000:]
    assert "restore it" in done.text, done.text[-2000:]
