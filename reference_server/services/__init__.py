"""Services: the rules of the API (authorization, derived fields, concurrency), independent of HTTP."""
