"""The read-only open data API /api/v1/ (Django REST framework + drf-spectacular).

Why DRF: it is already installed as a dependency of Wagtail (one framework, not two), its
throttling, pagination and content negotiation are what the issue asks for, and drf-spectacular
generates the OpenAPI 3 schema from the same serializers the views use.
"""
