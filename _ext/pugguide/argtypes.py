"""Argument types shared by the ``pugguide`` subcommands."""

from __future__ import annotations

import argparse
import datetime


def iso_date(text: str) -> datetime.date:
    """``YYYY-MM-DD`` as a date; argparse turns the error into a usage message."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None
