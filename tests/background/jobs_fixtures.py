"""Plain service functions the job tests call through background.Job (a project package path)."""
calls = []


def record(*, value):
    calls.append(value)


def broken(*, value="periodic"):
    raise ConnectionError(f"Elasticsearch unreachable ({value})")
