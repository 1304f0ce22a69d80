"""The layout stage: a typed :class:`~publisher.layout.settings.Layout` loaded from ``layouts/<name>/``,
its fonts and page sizes, and the Chinese text shaping and article markup both editions share."""
