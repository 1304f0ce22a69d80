"""The one place that knows WeasyPrint's and pydyf's internals."""
