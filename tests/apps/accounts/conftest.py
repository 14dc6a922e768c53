"""Fixtures of the account tests."""

from tests.cms.test_html_validity import vnu  # noqa: F401 - the Nu HTML Checker
