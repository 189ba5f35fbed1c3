"""Repositories: the SQL, and nothing else."""
