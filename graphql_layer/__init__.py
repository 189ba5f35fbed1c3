"""The GraphQL read layer of the ISPyB Common API: a schema generated from the contract, over any site's REST API.

It reads only the spec and speaks only HTTP (no server code): ``ispyb-graphql serve --upstream URL`` serves it
beside a site, the federation or the reference server, which can also mount it at ``/graphql``.
"""
