"""The print edition: the layout's HTML and CSS typeset by WeasyPrint (through :mod:`.engine`), imposition."""
