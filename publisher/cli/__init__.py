"""The command line: ``publisher build``, ``check`` and ``inspect``, and how their results are shown."""
