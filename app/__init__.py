"""Steady: a desktop breathwork and self-soothing companion."""

__version__ = "0.1.0"
