"""ISPyB Common API conformance suite: certifies a site's implementation of the spec over HTTP.

It knows only the spec (the bundled OpenAPI document) and HTTP: it never imports the reference server.
"""

__version__ = "0.1.0"
