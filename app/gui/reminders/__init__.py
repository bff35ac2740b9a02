"""Daily practice reminders in the app: the scheduler's Qt driver, the notice, the settings.

- service.py: ReminderService, timers and bookkeeping around app.core.reminders.schedule
- presenter.py: the notice (and tray message) with Start, Snooze 10 minutes, Skip
- settings_section.py: the reminder list and editor, tray, start at login, data folder
- feature.py: install(window, context), the one call in app/gui/features.py
See docs/reminders.md.
"""
