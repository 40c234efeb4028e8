"""The coding dojo behind `python -m katas dojo`: one timer, one turn order, two views.

- ``clock``: a pausable, extendable countdown on an injected clock.
- ``rotation``: who drives, who navigates, who is next.
- ``model``: the session's phases (waiting, running, paused, time up, over) and
  what happened in each turn; pure, tested without sleeping.
- ``session``: the model plus the kata's live test state, shared by the views.
- ``terminal`` and ``keys``: the full-screen countdown and the key presses.
- ``web``: the same session as a page for the projector (``--web``).
- ``retro``: the retrospective, as a Markdown file.
"""
