"""Daily practice reminders in the app: the scheduler's Qt driver, the notice, the settings.

The rules are Qt-free, in app/core/reminders (the scheduler, what the notice says and what its
buttons do, the Settings list and editor). Here:
- service.py: ReminderService, timers and bookkeeping around app.core.reminders.schedule
- presenter.py: shows ReminderPresenterModel's notice (and tray message), runs Start's practice
- settings_section.py: the reminder list and editor bound to app.core.reminders.editor, the
  tray, start at login, the data folder
- feature.py: install(window, context), the one call in app/gui/features.py
See docs/reminders.md.
"""
