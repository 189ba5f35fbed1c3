"""Benchmarks of the reference server at ISPyB scale (issue 7).

``python -m bench generate`` loads a deterministic ISPyB-sized data set into a database migrated by the
server itself; ``python -m bench run`` drives the server with wrk on loopback next to a bare Starlette
ceiling and writes a markdown table and a JSON file under ``bench/results/``. Nothing here runs as a timed
test: ``tests/bench`` only smoke-tests the harness at a tiny size.
"""
