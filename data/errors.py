"""Errors meant for the user: the message is Dutch and complete, no traceback is shown."""


class UserError(Exception):
    """A problem the user can fix (bad file, missing reference data, unknown id)."""
