"""The site kit: what every implementation of the ISPyB Common API shares.

A site implements one typed protocol (``site_kit.seam.Storage``) over its own database; the kit reads the spec
and does the HTTP: routes from the spec's operations, strict body parsing by the generated models,
problem+json, page tokens, ETag / If-Match / merge patch, the landing page, /conformance and /openapi.json.
Nothing here imports an implementation (the reference server, the adapters): they import the kit.
"""
