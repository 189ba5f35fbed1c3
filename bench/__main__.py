"""``python -m bench``: generate the data set, or run the whole benchmark."""

from bench.cli import app

app()
