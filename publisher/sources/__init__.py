"""The sources stage: the content folder (book.yaml, articles, images) read and checked into the document."""
