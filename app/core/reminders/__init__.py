"""Daily practice reminders, without Qt: when each falls due, what is saved, and what is said.

- schedule.py: Reminder, the slots of the wall clock, and the ReminderScheduler state machine
- store.py: reminders in settings.yaml, and the scheduler's state in reminders-state.yaml
- practice_length.py: an exercise stretched or shortened to a reminder's minutes

Kept empty of imports on purpose: settings.yaml with reminders loads store.py on the way to the
first frame, and a package import must not bring the rest along.
"""
