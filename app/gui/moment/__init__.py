"""The triggered-moment flow: `steady now`, Breathe now and Ctrl+B open it, breathing first.

feature.py plugs it into the window; page.py holds the Moment page and one FlowView per
moment; each step is a small widget of its own; record.py keeps the history up to date as the
user goes, so leaving at any point has already saved what they entered.
"""
