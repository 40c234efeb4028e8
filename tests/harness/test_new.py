"""`python -m katas new SLUG` scaffolds a kata that verify refuses with a list of what to
do, and that verify accepts once every item is done (files written into a repo copy)."""

from katas.harness import readme_layout

SLUG = "ping_count"
TITLE = "Count the pings"
PATTERN = "a receiver of a custom signal"


def katas(repo, *args):
    return repo.katas(*args, timeout=300)


def scaffold(repo):
    done = katas(repo, "new", SLUG, "--title", TITLE, "--pattern", PATTERN, "--tasks", "2")
    assert done.returncode == 0, done.stdout + done.stderr
    return done


# --- a small kata, written the way a contributor fills in the scaffold ------------------

CATALOGUE_BLOCK = f"""
[[kata]]
slug = "{SLUG}"
title = "{TITLE}"
pattern = "{PATTERN}"
files = ["receivers.py"]
tests = "tests/{SLUG}"

[[kata.task]]
title = "Record every ping"
hints = [
    "Which call connects a function to a signal? https://docs.djangoproject.com/en/stable/topics/signals/",
    "Decorate it with @receiver(ping) and append the sender to pings.",
]

[[kata.task]]
title = "Take every keyword argument"
hints = [
    "What does Django pass besides sender? https://docs.djangoproject.com/en/stable/topics/signals/",
    "End the parameters with **kwargs.",
]
"""

SIGNALS = (
    '"""The radar\'s signal (given)."""\n\nfrom django.dispatch import Signal\n\nping = Signal()\n'
)

MODELS = '"""This kata needs no model: its signal is its own."""\n'

SHIPPED = '''"""Receivers: record every ping.

Read README.md beside this file for the story and the tasks.
"""

pings = []

# TODO (task 1): connect a receiver to `ping` (signals.py) that appends the sender to pings.
# TODO (task 2): a ping sent with more keyword arguments is recorded too.
'''

HEADER = "from django.dispatch import receiver\n\nfrom .signals import ping\n\npings = []\n\n\n"

SOLUTION = (
    '"""Record every ping."""\n\n'
    + HEADER
    + "@receiver(ping)\ndef record_ping(sender, **kwargs):\n    pings.append(sender)\n"
)

TESTS = f'''"""Every ping is recorded, whatever keyword arguments it carries."""

import pytest

from katas.{SLUG} import receivers
from katas.{SLUG}.signals import ping


def send(**named):
    recorded = getattr(receivers, "pings", None)
    assert isinstance(recorded, list), "receivers.py should keep its list pings."
    recorded.clear()
    failure = None
    try:
        ping.send(sender="radar", **named)
    except TypeError as error:
        failure = f"ping.send() raised TypeError: {{error}}. Take **kwargs."
    if failure:
        pytest.fail(failure, pytrace=False)
    return recorded


@pytest.mark.task(1)
def test_a_ping_is_recorded():
    recorded = send()
    assert recorded == ["radar"], f"A ping from radar should record ['radar']; got {{recorded}}."


@pytest.mark.task(2)
def test_a_ping_with_more_arguments_is_recorded():
    recorded = send(strength=3)
    assert recorded == ["radar"], f"A ping with strength=3 should record radar; got {{recorded}}."
'''

README = f"""# {TITLE}

*Pattern: {PATTERN}.*

## The story

The radar sends `ping`; the team keeps a list of who pinged.

## When the signal fires

```mermaid
sequenceDiagram
    participant Radar
    participant R as record_ping
    Radar->>R: ping(sender="radar", **kwargs)
```

## Tasks

1. **Record every ping.** Append the sender to `pings`.
2. **Take every keyword argument.** A ping with more arguments is recorded too.

## Acceptance criteria

- Each ping appends its sender once.

## What the best engineers know

- A receiver takes `**kwargs`.

"""


def gallery_sections() -> str:
    """The README's gallery sections, in the course's one layout (readme_layout.py)."""
    lines = [f"## {readme_layout.MISTAKES}", "", readme_layout.MISTAKES_INTRO.format(slug=SLUG), ""]
    for name, (line, _, _) in sorted(MISTAKES.items()):
        lines.append(f"- [`{name}`](../../solutions/{SLUG}/mistakes/{name}/): {line}")
    intro = readme_layout.ALTERNATIVES_INTRO.format(slug=SLUG)
    lines += ["", f"## {readme_layout.ALTERNATIVES}", "", intro, ""]
    for name in sorted(ALTERNATIVES):
        lines.append(
            f"- [`{name}`](../../solutions/{SLUG}/alternatives/{name}/): another correct way."
        )
    return "\n".join(lines) + "\n"


MISTAKES = {
    "nothing_connected": (
        "the function is never connected.",
        "should record ['radar']",
        "def record_ping(sender, **kwargs):\n    pings.append(sender)\n",
    ),
    "no_kwargs": (
        "no `**kwargs`.",
        "Take **kwargs",
        "@receiver(ping)\ndef record_ping(sender):\n    pings.append(sender)\n",
    ),
    "records_the_signal": (
        "appends the wrong value.",
        "got ['ping']",
        "@receiver(ping)\ndef record_ping(sender, **kwargs):\n    pings.append('ping')\n",
    ),
}

ALTERNATIVES = {
    "connect_call": "def record_ping(sender, **kwargs):\n    pings.append(sender)\n\n\n"
    "ping.connect(record_ping)\n",
    "with_dispatch_uid": "@receiver(ping, dispatch_uid='ping_count.record')\n"
    "def record_ping(sender, **kwargs):\n    pings.append(sender)\n",
}

DOJO_PLAN = f"""### `{SLUG}` ({PATTERN})
- **Time box**: 10 minutes.
- **First test**: `test_a_ping_is_recorded`.
- **Pitfalls**: no `**kwargs`.
- **Discuss**: what else does `send()` pass?
"""


def fill_in(repo):
    """Do every item of the checklist in the copy, as a contributor would."""
    catalogue = repo.path / "katas" / "catalogue.toml"
    text = catalogue.read_text(encoding="utf-8")
    start = text.index(f'[[kata]]\nslug = "{SLUG}"')
    catalogue.write_text(text[:start].rstrip("\n") + "\n" + CATALOGUE_BLOCK, encoding="utf-8")
    repo.write(f"katas/{SLUG}/signals.py", SIGNALS)
    repo.write(f"katas/{SLUG}/models.py", MODELS)
    repo.write(f"katas/{SLUG}/receivers.py", SHIPPED)
    repo.write(f"katas/{SLUG}/README.md", README + gallery_sections())
    repo.write(f"solutions/{SLUG}/receivers.py", SOLUTION)
    for name, (line, fragment, body) in MISTAKES.items():
        doc = f'"""Mistake: {line}\n\nExpected message: {fragment}\n"""\n\n'
        repo.write(f"solutions/{SLUG}/mistakes/{name}/receivers.py", doc + HEADER + body)
    for name, body in ALTERNATIVES.items():
        doc = '"""Alternative: another correct way.\n\nIt records the sender too.\n"""\n\n'
        repo.write(f"solutions/{SLUG}/alternatives/{name}/receivers.py", doc + HEADER + body)
    repo.write(f"tests/{SLUG}/test_{SLUG}.py", TESTS)
    (repo.path / "tests" / SLUG / "test_scaffold.py").unlink()
    guide = repo.read("docs/dojo.md")
    repo.write("docs/dojo.md", guide[: guide.index(f"### {SLUG}\n")] + DOJO_PLAN)
    readme = repo.path / "README.md"
    table = readme.read_text(encoding="utf-8") if readme.exists() else "# Katas\n"
    repo.write("README.md", table + f"\n| 99 | `{SLUG}` | {TITLE} | {PATTERN} |\n")
    shipped = repo.python(
        "import runpy; runpy.run_module('katas.harness.ship', run_name='__main__')", SLUG
    )
    assert shipped.returncode == 0, shipped.stdout + shipped.stderr


def test_a_scaffolded_kata_is_refused_with_a_list_of_what_to_do(katas_repo):
    made = scaffold(katas_repo)
    assert "Still to do" in made.stdout, made.stdout

    done = katas(katas_repo, "verify", SLUG)

    assert done.returncode == 1, done.stdout + done.stderr
    for item in (
        "write the tests of task 1",
        "write the tests of task 2",
        "write the title and hints of task 1",
        f"katas/{SLUG}/receivers.py: write the learner's starting file",
        f"solutions/{SLUG}/receivers.py: write the reference solution",
        f"katas/{SLUG}/README.md: replace every TODO (new kata) placeholder",
        f"solutions/{SLUG}/mistakes/ holds 0 mistakes; a kata needs at least 3",
        f"solutions/{SLUG}/alternatives/ holds 0 alternatives; a kata needs at least 2",
        f"docs/dojo.md: write the dojo plan of {SLUG}",
        f"tests/{SLUG}/test_scaffold.py: delete this checklist",
    ):
        assert item in done.stdout, f"verify should list {item!r}:\n{done.stdout}"
    # Every file the catalogue and the consistency check ask for is there already.
    assert "is missing" not in done.stdout, done.stdout
    assert "no shipped copy" not in done.stdout, done.stdout


def test_a_scaffolded_kata_once_filled_in_passes_verify(katas_repo):
    scaffold(katas_repo)
    fill_in(katas_repo)

    checked = katas(katas_repo, "new", SLUG, "--check")
    done = katas(katas_repo, "verify", SLUG)

    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert done.returncode == 0, done.stdout + done.stderr
    assert "all 1 katas are sound" in done.stdout, done.stdout


def test_new_refuses_a_bad_or_taken_name(katas_repo):
    taken = katas(katas_repo, "new", "profile_on_signup")
    bad = katas(katas_repo, "new", "Ping-Count")

    assert (taken.returncode, bad.returncode) == (2, 2), taken.stderr + bad.stderr
    assert "already in catalogue.toml" in taken.stderr
    assert "is not a kata name" in bad.stderr
    catalogue = (katas_repo.path / "katas" / "catalogue.toml").read_text(encoding="utf-8")
    assert 'slug = "Ping-Count"' not in catalogue
    assert not (katas_repo.path / "katas" / "Ping-Count").exists()
