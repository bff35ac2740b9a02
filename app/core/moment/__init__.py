"""The triggered-moment flow as a model without Qt: what a view shows, and the rules behind it.

:class:`run.FlowRun` is one run of the flow (which step, moving, what Esc saves, which keys are
live); it hands each step's part to the view that shows it: the ticks of the notice step
(notice.py), the trigger (trigger.py), the anchor deck (anchor_deck.py), the response with its
draft (respond.py, draft.py). record.py mirrors what was entered into the history as the user
goes; checkin.py is the promised check-in, which outlives a run. Views (app.gui.moment) build
widgets, bind them to these parts and forward what the user does; tests drive the parts without a
display (tests/unit/test_moment_*.py).
"""
