"""Background work: the request records what must happen (a Job or an OutboundEmail row, in its
own transaction) and enqueues it on commit; Celery workers do it, once. See services.py."""
