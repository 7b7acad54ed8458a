"""The load test of make load: the mix (locustfile.py, run by locust) and the database side (__main__.py)."""
