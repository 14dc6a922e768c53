"""Every rendition a template asks for is made at publish time, not on a GET."""

import re
from pathlib import Path

from cms.images import TEMPLATE_SPECS

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
OPTIONS = r"(?: (?:sizes|loading|fetchpriority|alt|as|class)[= ].*)?"
TAG = re.compile(
    r"\{% (?:picture|image|responsive_picture|rendition) \S+ (.*?)" + OPTIONS + r" %\}"
)


def test_every_spec_a_template_uses_is_made_at_publish_time():
    used = {
        match.group(1).strip()
        for path in TEMPLATES.rglob("*.html")
        for match in TAG.finditer(path.read_text())
    }

    assert used, "no image tags found: the pattern is out of date"
    assert used <= set(TEMPLATE_SPECS), used - set(TEMPLATE_SPECS)


def test_publishing_makes_the_template_renditions(db):
    import wagtail_factories

    from cms.api.renditions import generate_renditions, published_rendition_specs
    from cms.images import TEMPLATE_RENDITION_SPECS

    image = wagtail_factories.ImageFactory()
    generate_renditions.call([image.id])

    made = set(image.renditions.values_list("filter_spec", flat=True))
    assert set(TEMPLATE_RENDITION_SPECS) <= made
    assert set(published_rendition_specs()) <= made


def test_a_page_view_then_creates_no_rendition(db):
    import wagtail_factories
    from django.template import Context, Template

    from cms.api.renditions import generate_renditions

    image = wagtail_factories.ImageFactory()
    generate_renditions.call([image.id])
    before = image.renditions.count()

    Template(
        "{% load wagtailimages_tags %}"
        "{% picture image format-{avif,webp,jpeg} width-{480,800,1200} %}"
        "{% image image fill-1200x630 format-jpeg %}"
    ).render(Context({"image": image}))

    assert image.renditions.count() == before
