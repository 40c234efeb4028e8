"""The dojo's parts, without sleeping: time comes from a clock the test moves by hand."""

from __future__ import annotations

import sys
from types import SimpleNamespace

import pytest
from rich.console import Console

from katas import cli
from katas.cli import dojo as command
from katas.dojo import keys, model, retro, terminal
from katas.dojo.clock import Timer, minutes_seconds
from katas.dojo.rotation import Rotation, people_from, shuffled
from katas.dojo.session import Session
from katas.harness import catalogue, report

KATA = catalogue.by_slug()["profile_on_signup"]  # three tasks: the assertions count them


class Clock:
    """A clock that moves only when told."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def pass_(self, seconds: float) -> None:
        self.now += seconds


def fake_state(passed=(), solved=False, message="AssertionError: expected 1 Profile, found 0"):
    """What the dojo reads of a kata's test state (progress.KataState's attributes)."""
    remaining = [t for t in KATA.tasks if t.number not in passed]
    return SimpleNamespace(
        passed_tasks=list(passed),
        state="solved" if solved else ("in progress" if passed else "not started"),
        first_failure=None
        if solved
        else report.TestResult("t.py::test_x", KATA.slug, 1, "failed", message=message),
        broken=None,
        next_task=remaining[0] if remaining else KATA.tasks[-1],
    )


def a_dojo(clock, people=("Ana", "Ben", "Caro"), minutes=5, limit=None, pairs=False):
    return model.Dojo(Rotation(list(people), pairs=pairs), minutes * 60, clock=clock, limit=limit)


# -- the timer -------------------------------------------------------------------------


def test_the_timer_counts_down_pauses_and_extends():
    clock = Clock()
    timer = Timer(300, clock)
    timer.start()
    clock.pass_(100)
    assert timer.left() == 200
    timer.pause()
    clock.pass_(1000)  # a long pause costs the turn nothing
    assert timer.left() == 200
    timer.resume()
    clock.pass_(150)
    timer.extend(60)
    assert timer.left() == 110
    clock.pass_(110)
    assert timer.is_up()
    assert timer.left() == 0


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(300, "5:00"), (299.2, "5:00"), (59.01, "1:00"), (0.4, "0:01"), (0, "0:00")],
)
def test_what_is_left_is_shown_rounded_up(seconds, shown):
    assert minutes_seconds(seconds) == shown


# -- the rotation ----------------------------------------------------------------------


def test_each_person_drives_then_navigates_then_sits_down():
    rotation = Rotation(["Ana", "Ben", "Caro"])
    seen = []
    for _ in range(4):
        seen.append((rotation.driver, rotation.navigator, rotation.next_driver))
        rotation.advance()

    assert seen == [
        ("Ana", "Caro", "Ben"),
        ("Ben", "Ana", "Caro"),
        ("Caro", "Ben", "Ana"),
        ("Ana", "Caro", "Ben"),
    ]


def test_skipping_passes_over_the_next_driver_but_never_everyone():
    rotation = Rotation(["Ana", "Ben", "Caro", "Dan"])
    assert rotation.skip()
    assert rotation.next_driver == "Caro"
    assert rotation.skip()
    assert rotation.next_driver == "Dan"
    assert not rotation.skip()  # only Ana, who drives now, would be left
    rotation.advance()
    assert (rotation.driver, rotation.navigator, rotation.next_driver) == ("Dan", "Ana", "Ana")


def test_skipping_before_the_first_turn_lets_the_next_person_start():
    dojo = a_dojo(Clock(), people=("Ana", "Ben", "Caro"))
    assert dojo.skip()
    assert dojo.upcoming() == ("Ben", "Ana")
    dojo.start()
    assert (dojo.turn.driver, dojo.turn.navigator, dojo.rotation.next_driver) == (
        "Ben",
        "Ana",
        "Caro",
    )


def test_without_names_pairs_take_turns_at_the_keyboard():
    rotation = Rotation(people_from(None, pairs=3), pairs=True)
    assert (rotation.driver, rotation.navigator, rotation.next_driver) == ("Pair 1", None, "Pair 2")


def test_names_are_trimmed_and_a_seeded_shuffle_repeats():
    people = people_from(" Ana, Ben ,,Caro,Dan ")
    assert people == ["Ana", "Ben", "Caro", "Dan"]
    assert shuffled(people, seed=7) == shuffled(people, seed=7)
    assert sorted(shuffled(people, seed=7)) == sorted(people)
    assert {tuple(shuffled(people, seed=s)) for s in range(20)} != {tuple(people)}


# -- the session model -----------------------------------------------------------------


def test_a_turn_ends_on_its_clock_and_the_next_starts_only_when_asked():
    clock = Clock()
    dojo = a_dojo(clock, minutes=5)
    assert dojo.phase == model.WAITING
    assert not dojo.tick()
    dojo.start()
    clock.pass_(299)
    assert not dojo.tick()
    clock.pass_(1)
    assert dojo.tick()
    assert not dojo.tick()  # time up is announced once
    assert dojo.phase == model.TIME_UP
    assert dojo.upcoming() == ("Ben", "Ana")
    clock.pass_(120)  # the pair switch takes no one's time
    assert dojo.snapshot()["left"] == 0
    dojo.start()
    assert dojo.snapshot()["left"] == 300
    assert (dojo.turn.number, dojo.turn.driver, dojo.turn.navigator) == (2, "Ben", "Ana")


def test_pause_extend_and_rotate_now():
    clock = Clock()
    dojo = a_dojo(clock, minutes=5)
    dojo.start()
    clock.pass_(100)
    dojo.toggle_pause()
    clock.pass_(500)
    assert not dojo.tick()
    assert dojo.snapshot()["left"] == 200
    dojo.toggle_pause()
    dojo.extend()
    assert dojo.snapshot()["left"] == 260
    assert dojo.rotate_now()
    assert dojo.phase == model.TIME_UP


def test_one_more_minute_after_time_up_continues_the_same_turn():
    clock = Clock()
    dojo = a_dojo(clock, minutes=1)
    dojo.start()
    clock.pass_(65)
    assert dojo.tick()
    assert dojo.extend()
    assert dojo.phase == model.RUNNING
    assert dojo.turn.number == 1
    assert dojo.snapshot()["left"] == 60


def test_the_session_is_over_after_its_last_turn():
    clock = Clock()
    dojo = a_dojo(clock, minutes=1, limit=2)
    for _ in range(2):
        dojo.start()
        clock.pass_(60)
        dojo.tick()
    assert dojo.phase == model.OVER
    assert not dojo.start()


def test_green_tasks_are_credited_to_the_turn_that_made_them_green():
    clock = Clock()
    dojo = a_dojo(clock, minutes=5)
    dojo.record([])
    dojo.start()
    clock.pass_(200)
    assert dojo.record([1]) == [1]
    assert dojo.record([1]) == []
    clock.pass_(100)
    dojo.tick()
    dojo.start()
    clock.pass_(30)
    assert dojo.record([1, 2, 3], solved=True) == [2, 3]

    assert [turn.greened for turn in dojo.turns] == [[1], [2, 3]]
    assert dojo.first_green == 200
    assert dojo.solved_at == 330


def test_the_retrospective_says_what_happened_turn_by_turn():
    clock = Clock()
    dojo = a_dojo(clock, minutes=5)
    dojo.start()
    clock.pass_(95)
    dojo.record([1])
    dojo.rotate_now()
    dojo.start()
    clock.pass_(10)
    dojo.finish()

    text = retro.markdown(KATA, dojo)

    assert text.startswith(f"# Coding dojo: {KATA.title}\n")
    assert "- Time to first green: 1:35." in text
    assert f"| 1 | Ana | Caro | 1:35 | task 1: {KATA.tasks[0].title} |" in text
    assert "| 2 | Ben | Ana | 0:10 | - |" in text
    for question in retro.QUESTIONS:
        assert question in text


# -- what the views show ---------------------------------------------------------------


def test_the_session_shows_tasks_green_failing_and_not_started():
    clock = Clock()
    session = Session(KATA, a_dojo(clock), checker=lambda kata: fake_state(passed=[1]))
    session.act("start")
    clock.pass_(42)
    assert session.refresh() == [1]

    view = session.view()
    assert [t["state"] for t in view["tasks"]] == ["green", "failing", "not started"]
    assert view["turn"] == 1
    assert session.dojo.turn.greened == [1]


def test_a_message_keeps_its_last_character_on_a_narrow_screen():
    clock = Clock()
    message = "AssertionError: " + "a receiver must create one Profile per new user " * 3 + "END."
    session = Session(KATA, a_dojo(clock), checker=lambda kata: fake_state(message=message))
    session.act("start")
    session.refresh()
    console = Console(width=50, record=True, color_system=None)

    console.print(terminal.screen(session.view(), interactive=True))

    text = console.export_text()
    assert "END." in text
    assert "██" in text  # the big countdown


def test_a_long_message_shows_its_first_lines_whole_and_says_how_many_more():
    message = "\n".join(f"line {n} ends here." for n in range(1, 21))
    session = Session(KATA, a_dojo(Clock()), checker=lambda kata: fake_state(message=message))
    session.act("start")
    session.refresh()
    console = Console(width=100, record=True, color_system=None)

    console.print(terminal.screen(session.view(), interactive=True))

    text = console.export_text()
    assert "line 8 ends here." in text
    assert "line 9 ends" not in text
    assert f"(and 12 more lines: python -m katas run {KATA.slug})" in text
    assert "q: end the session" in text


def test_the_turn_end_banner_names_who_comes_up():
    clock = Clock()
    session = Session(KATA, a_dojo(clock, minutes=1), checker=lambda kata: fake_state())
    session.act("start")
    clock.pass_(61)
    session.tick()
    console = Console(width=100, record=True, color_system=None)

    console.print(terminal.screen(session.view(), interactive=True, height=20))

    text = console.export_text()
    assert "TIME!  ROTATE" in text
    assert "Ben drives,  Ana navigates" in text
    assert "Press Enter to start turn 2" in text


@pytest.mark.parametrize(
    ("key", "phase", "action"),
    [
        (" ", model.RUNNING, "pause"),
        (" ", model.PAUSED, "pause"),
        ("+", model.RUNNING, "extend"),
        ("s", model.RUNNING, "skip"),
        ("n", model.RUNNING, "rotate"),
        ("x", model.RUNNING, None),
        ("\n", model.TIME_UP, "start"),
        ("\r", model.WAITING, "start"),
        (" ", model.WAITING, None),  # starting a turn is a deliberate act: Enter only
        ("x", model.TIME_UP, None),
        ("n", model.TIME_UP, None),
        ("p", model.WAITING, None),
        ("\n", model.RUNNING, None),
        ("s", model.TIME_UP, "skip"),
        ("+", model.TIME_UP, "extend"),
        ("q", model.RUNNING, "finish"),
        ("q", model.WAITING, "finish"),
    ],
)
def test_keys_act_on_the_session(key, phase, action):
    assert keys.action_for(key, phase) == action


@pytest.mark.skipif(sys.platform == "win32", reason="keys need a POSIX terminal")
def test_keys_arrive_one_by_one_from_a_terminal_which_is_restored_after():
    import os
    import pty
    import termios
    import time

    leader, follower = pty.openpty()
    before = termios.tcgetattr(follower)
    with os.fdopen(follower, "r") as terminal_in:
        with keys.Keys(terminal_in) as reader:
            assert reader.interactive
            os.write(leader, b"s+")  # no Enter: cbreak mode hands each key over at once
            got, deadline = [], time.monotonic() + 5
            while len(got) < 2 and time.monotonic() < deadline:
                key = reader.get()
                if key is None:
                    time.sleep(0.01)
                else:
                    got.append(key)
        assert termios.tcgetattr(terminal_in) == before
    os.close(leader)

    assert got == ["s", "+"]


def test_keys_need_a_terminal():
    with open(__file__) as not_a_terminal:
        assert not keys.Keys(stream=not_a_terminal).interactive


# -- the command line ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--turn", "inf"], "--turn wants minutes from 0.25 to 180, not inf"),
        (["--turn", "nan"], "not nan"),
        (["--turn", "0"], "not 0"),
        (["--turn", "-1"], "not -1"),
        (["--turn", "181"], "not 181"),
        (["--turn", "0.2"], "--turn wants minutes from 0.25 to 180, not 0.2"),
        (["--turn", "five"], "--turn wants a number of minutes, such as 5 or 2.5, not 'five'"),
        (["--turns", "-1"], "--turns wants a whole number from 1 to 1000, not -1"),
        (["--turns", "1.5"], "not '1.5'"),
        (["--people", " , "], "--people wants names"),
        (["--pairs", "0"], "--pairs wants a whole number"),
        (["--port", "99999"], "--port wants a port number from 0 (any free one) to 65535"),
    ],
)
def test_impossible_values_end_with_one_line_and_status_2(capsys, args, fragment):
    assert cli.main(["dojo", KATA.slug, *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1, captured.err
    assert fragment in captured.err


def test_the_command_line_builds_the_rotation():
    parser = cli.build_parser()
    args = parser.parse_args(["dojo", "1", "--turn", "2.5", "--turns", "8", "--people", "A,B,C"])
    dojo = command.build(args, clock=Clock())
    assert (dojo.turn_seconds, dojo.limit, dojo.rotation.people) == (150, 8, ["A", "B", "C"])
    assert not dojo.rotation.pairs
    args = parser.parse_args(
        ["dojo", "1", "--people", "A,B,C,D", "--shuffle", "--shuffle-key", "3"]
    )
    assert command.build(args).rotation.people == shuffled(["A", "B", "C", "D"], 3)
    assert command.build(parser.parse_args(["dojo", "1"])).rotation.people[:2] == [
        "Pair 1",
        "Pair 2",
    ]


def test_without_a_terminal_each_event_is_one_whole_line():
    clock = Clock()
    dojo = a_dojo(clock, people=("Pair 1", "Pair 2"), minutes=1, pairs=True)
    session = Session(KATA, dojo, checker=lambda kata: fake_state(passed=[1]))
    console = Console(width=40, record=True, color_system=None)
    lines = terminal.Lines(console)
    session.refresh()
    lines.checked(session.view())
    session.act("start")
    lines.turn_started(session.view())
    clock.pass_(60)
    session.tick()
    lines.time_up(session.view())

    text = console.export_text()
    assert f"{KATA.slug}: 1/3 tasks green; now task 2: {KATA.tasks[1].title}\n" in text
    assert "Turn 1: Pair 1 at the keyboard (1:00).\n" in text
    assert "Rotate! Turn 2" in text
    assert "Pair 2 at the keyboard.\n" in text


def test_the_retrospective_is_saved_under_the_kata_and_the_time(tmp_path):
    import datetime as dt

    when = dt.datetime(2026, 3, 14, 9, 5, 7)
    path = retro.default_path(KATA, when)
    assert str(path) == f"dojo-{KATA.slug}-2026-03-14-090507.md"
    saved = retro.save(tmp_path / "notes" / path, retro.markdown(KATA, a_dojo(Clock()), when))
    assert "2026-03-14 09:05" in saved.read_text()


def test_two_sessions_in_the_same_second_keep_both_retrospectives(tmp_path, monkeypatch):
    import datetime as dt

    monkeypatch.chdir(tmp_path)
    when = dt.datetime(2026, 3, 14, 9, 5, 7)
    first = retro.save(retro.default_path(KATA, when), "first session\n")
    second = retro.save(retro.default_path(KATA, when), "second session\n")

    assert first != second
    assert first.read_text() == "first session\n"
    assert second.read_text() == "second session\n"


def test_the_retrospective_counts_no_pause_in_a_turn():
    clock = Clock()
    dojo = a_dojo(clock, minutes=1)
    dojo.start()
    clock.pass_(20)
    dojo.toggle_pause()
    clock.pass_(4)  # a question from the room
    dojo.toggle_pause()
    clock.pass_(40)
    assert dojo.tick()
    dojo.start()
    clock.pass_(10)
    dojo.toggle_pause()
    clock.pass_(300)  # the break, then the session ends
    dojo.finish()

    text = retro.markdown(KATA, dojo)

    assert "| 1 | Ana | Caro | 1:00 |" in text, text
    assert "| 2 | Ben | Ana | 0:10 |" in text, text


def test_a_task_that_goes_red_and_green_again_is_credited_once_to_its_first_green():
    clock = Clock()
    dojo = a_dojo(clock, minutes=5)
    dojo.start()
    clock.pass_(100)
    dojo.record([1])
    clock.pass_(200)
    dojo.tick()
    dojo.start()
    clock.pass_(60)
    assert dojo.record([]) == []  # turn 2 breaks task 1
    dojo.rotate_now()
    dojo.start()
    clock.pass_(30)
    assert dojo.record([1]) == [1]  # turn 3 mends it
    dojo.finish()

    text = retro.markdown(KATA, dojo)
    rows = {row.split(" | ")[0]: row for row in text.splitlines() if row.startswith("| ")}

    assert f"task 1: {KATA.tasks[0].title}" in rows["| 1"], rows["| 1"]
    assert "task 1" not in rows["| 3"].split(" | ")[4], f"re-credited to turn 3: {rows['| 3']}"
    assert "task 1 went red (green again in turn 3)" in rows["| 2"], rows["| 2"]
    assert "- Time to first green: 1:40." in text


def test_a_name_with_a_bar_keeps_the_table_whole():
    clock = Clock()
    dojo = a_dojo(clock, people=("Ana|Bo", "Ben", "Caro"))
    dojo.start()
    clock.pass_(10)
    dojo.finish()

    text = retro.markdown(KATA, dojo)
    row = next(line for line in text.splitlines() if line.startswith("| 1 |"))

    assert row.startswith("| 1 | Ana\\|Bo | Caro |"), row
    assert row.replace("\\|", "").count("|") == 7, row  # six cells, as in the header


def test_rotating_early_says_rotate_not_time_up():
    clock = Clock()
    session = Session(KATA, a_dojo(clock), checker=lambda kata: fake_state())
    session.act("start")
    clock.pass_(30)
    session.act("rotate")
    console = Console(width=100, record=True, color_system=None)

    console.print(terminal.screen(session.view(), interactive=True, height=20))

    text = console.export_text()
    assert "ROTATE" in text
    assert "TIME" not in text, text
    assert session.view()["ended_by"] == "rotate"


def test_the_opening_screen_says_that_the_last_name_navigates_turn_1():
    session = Session(KATA, a_dojo(Clock()), checker=lambda kata: fake_state())
    console = Console(width=100, record=True, color_system=None)

    console.print(terminal.screen(session.view(), interactive=True, height=20))

    text = console.export_text()
    assert "Ana drives,  Caro navigates" in text
    assert "the last name navigates turn 1" in text, text
    assert "Press Enter to start turn 1" in text


def test_a_turn_of_a_split_second_is_refused():
    for text in ("1e-300", "0.001", "0.24"):
        with pytest.raises(command.Usage, match="from 0.25 to 180"):
            command.minutes(text)
    assert command.minutes("0.25") == 0.25
