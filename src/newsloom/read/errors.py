"""The one error a reader raises when a whole input cannot be read."""


class ReadError(Exception):
    """A file (or stream) that cannot be read; the message is one line for the run report."""
