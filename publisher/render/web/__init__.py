"""The web edition: a folder of HTML pages, one per article, with a search index (``--format html``)."""
