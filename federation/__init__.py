"""A federation of ISPyB Common API sites: one gateway that is itself an implementation of the spec.

``ispyb-federation serve --members members.yaml`` serves the spec on the site kit over a ``Storage``
(``federation.storage.FederatedStorage``) whose every method asks the member sites over HTTP, in parallel, with
the caller's own credentials at each member. It imports no server code: it knows the members only by the spec
and their HTTP answers. Design: docs/federation.md.
"""

__version__ = "0.1.0"
