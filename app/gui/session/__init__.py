"""The Qt side of a breathing session: the run's signals, its services, and the one session panel.

The rules live in app.core.session; these modules build widgets, bind them and forward input.
"""
