"""OpenAPI document hooks (drf-spectacular)."""


def only_project_apis(endpoints):
    """Keep the project's APIs (/api/...), not Wagtail's internal admin API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]
