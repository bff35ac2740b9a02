"""The session run: one breathing session as the Breathe page and the moment's breathe step run it.

Qt-free, so its rules are tested in microseconds (tests/unit/test_session_*.py):

- ``run``: :class:`~app.core.session.run.SessionRun`, a BreathingSession with its timers (frames
  and phase boundaries, from an injected TimerFactory) and what it tells its observers;
- ``panel``: :class:`~app.core.session.panel.SessionPanelModel`, the caution gate, pause, keep
  going, Esc, grounding, and what each control shows for each status;
- ``recording``: :class:`~app.core.session.recording.SessionRecording`, the history record of a
  run: begun after the first frame, checkpointed, ended with the time practised.

The Qt side (app/gui/session_panel/, shown by the Breathe page in app/gui/session/ and the flow) only builds widgets, binds them to these and forwards input.
Nothing is re-exported here, so loading one module does not load the others.
"""
