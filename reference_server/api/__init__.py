"""Routes: HTTP in, service calls, HTTP out."""
