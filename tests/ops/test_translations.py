"""The message catalogues in locale/: each compiles, is complete, is up to date with
the source, and the committed .mo is what its .po compiles to.

A string added to a template or to Python code without a translation fails here:
run the makemessages command in the README, translate what it adds, compile."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf.locale import LANG_INFO

PROJECT_DIR = Path(__file__).resolve().parents[2]
LOCALE_DIR = PROJECT_DIR / "locale"
# Where the site's own strings live: makemessages reads these and nothing else
# (tests, benches, docs and static files have no strings for visitors).
SOURCES = ("apps", "cms", "config", "templates")
CATALOGUES = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/django.po"))

pytestmark = pytest.mark.skipif(
    shutil.which("msgfmt") is None,
    reason="needs GNU gettext (Debian package gettext): msgfmt, msgmerge, xgettext",
)


def language_of(catalogue: Path) -> str:
    return catalogue.parents[1].name


def translations(entries) -> dict:
    """Return {(context, msgid, plural): translation(s)} of a catalogue's entries."""
    return {
        (entry.msgctxt, entry.msgid, entry.msgid_plural): (
            tuple(entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural))
            if entry.msgid_plural
            else entry.msgstr
        )
        for entry in entries
        if not entry.obsolete
    }


def test_there_is_a_catalogue_for_german():
    assert "de" in {language_of(catalogue) for catalogue in CATALOGUES}


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=language_of)
def test_catalogue_is_for_a_language_django_knows(catalogue):
    # The language can then be configured (LANGUAGES=en,<code>: config/settings.py).
    assert "name" in LANG_INFO.get(language_of(catalogue).replace("_", "-").lower(), {})


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=language_of)
def test_catalogue_compiles(catalogue, tmp_path):
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(catalogue)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=language_of)
def test_catalogue_is_complete(catalogue):
    po = polib.pofile(str(catalogue))

    assert not po.metadata_is_fuzzy, "the header is marked fuzzy: msgfmt would skip it"
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=language_of)
def test_committed_mo_is_what_the_po_compiles_to(catalogue):
    compiled = catalogue.with_suffix(".mo")

    assert compiled.exists(), f"compile it: msgfmt -o {compiled} {catalogue}"
    assert translations(polib.mofile(str(compiled))) == translations(
        polib.pofile(str(catalogue))
    ), f"{compiled} is stale: msgfmt -o {compiled} {catalogue}"


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=language_of)
def test_catalogue_has_every_string_of_the_source_and_no_other(catalogue, tmp_path):
    # makemessages runs on a copy, so the test never rewrites the repository.
    for name in SOURCES:
        shutil.copytree(
            PROJECT_DIR / name,
            tmp_path / name,
            ignore=shutil.ignore_patterns("__pycache__"),
        )
    shutil.copy(PROJECT_DIR / "manage.py", tmp_path)
    copy = tmp_path / "locale" / catalogue.relative_to(LOCALE_DIR)
    copy.parent.mkdir(parents=True)
    shutil.copy(catalogue, copy)
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale",
            language_of(catalogue),
            "--no-obsolete",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr

    committed = set(translations(polib.pofile(str(catalogue))))
    current = set(translations(polib.pofile(str(copy))))
    assert current - committed == set(), "strings missing from the catalogue"
    assert committed - current == set(), "strings no longer in the source"
