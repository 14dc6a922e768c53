"""The demo site, built by `load_demo_content`; a second run changes nothing."""

import datetime as dt
import json
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from cms.demo_images import ensure_demo_document, ensure_demo_images
from cms.models import (
    ArticleIndexPage,
    ArticlePage,
    Category,
    FormField,
    FormPage,
    HomePage,
    LandingPage,
    NavigationMenu,
    NavigationMenuItem,
    Person,
    SectionIndexPage,
    SiteSettings,
    StandardPage,
    Testimonial,
)

DEMO_EDITOR_EMAIL = "editor@example.com"
DEMO_EDITOR_PASSWORD = "demo-editor-password"  # noqa: S105 - demo mode (DEBUG) only


@dataclass
class DemoReport:
    created: list[str] = field(default_factory=list)
    editor_login: tuple[str, str] | None = None


def _ensure_home_page(report: DemoReport) -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's initial migration leaves a placeholder "Welcome" page at /home/.
        for placeholder in root.get_children().exact_type(Page):
            if placeholder.slug == "home":
                placeholder.delete()
        home = HomePage(
            title="Home",
            slug="home",
            hero_heading="Websites and apps that work as hard as you do",
            hero_text=(
                "A Wagtail site and Django business apps in one project: content "
                "editors own the pages, the apps read the same content as JSON."
            ),
            body=[
                (
                    "rich_text",
                    "<p>This is demo content. Sign in to the admin to edit it.</p>",
                )
            ],
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        report.created.append("home page")
    hostname, port = _base_url_address()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
        report.created.append("default site")
        return home
    if site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = site.site_name or settings.WAGTAIL_SITE_NAME
        site.save()
        report.created.append("default site root")
    if (site.hostname, site.port) != (hostname, port):
        # Canonical links, og:url, the sitemap and the content API's URLs are the
        # Site's address (page.full_url): it follows BASE_URL, as emails do.
        site.hostname, site.port = hostname, port
        site.save()
        report.created.append(f"default site address {site.root_url}")
    return home


def _base_url_address() -> tuple[str, int]:
    """Return BASE_URL's hostname and port, as Wagtail's Site stores them."""
    url = urlsplit(settings.BASE_URL)
    return url.hostname, url.port or (443 if url.scheme == "https" else 80)


def _ensure_demo_editor(report: DemoReport) -> None:
    User = get_user_model()
    editors, _ = Group.objects.get_or_create(name="Editors")
    user = User.objects.filter(email__iexact=DEMO_EDITOR_EMAIL).first()
    if user is None:
        user = User.objects.create_superuser(
            email=DEMO_EDITOR_EMAIL,
            password=DEMO_EDITOR_PASSWORD,
            first_name="Demo",
            last_name="Editor",
        )
        user.groups.add(editors)
        report.created.append("demo editor")
    report.editor_login = (DEMO_EDITOR_EMAIL, DEMO_EDITOR_PASSWORD)


def _figure(image, caption=""):
    return {
        "image": {"image": image.pk, "decorative": False, "alt_text": ""},
        "caption": caption,
    }


def _full_body(*, images, document, testimonial, contact) -> str:
    """Return a body (raw stream JSON) that uses every block in the library once."""
    blocks = [
        ("heading", {"text": "How we work", "level": "h2", "anchor": "how-we-work"}),
        (
            "rich_text",
            "<p>Every project starts with a <b>conversation</b> and ends with a site "
            'your team can run on its own. <a href="https://wagtail.org">Wagtail</a> '
            "keeps editing simple.</p><ul><li>Discovery</li><li>Design</li>"
            "<li>Build and launch</li></ul>",
        ),
        ("image", _figure(images["Studio"], "Our studio, where most projects start.")),
        (
            "gallery",
            {
                "title": "Recent work",
                "images": [
                    _figure(images["Workshop"], "A discovery workshop."),
                    _figure(images["Launch"], "Launch day."),
                    _figure(images["Team"]),
                ],
            },
        ),
        (
            "quote",
            {
                "quote": "Simplicity is about subtracting the obvious and adding "
                "the meaningful.",
                "attribution": "John Maeda",
            },
        ),
        (
            "call_to_action",
            {
                "text": "Start a project",
                "page": contact.pk,
                "url": "",
                "style": "primary",
            },
        ),
        (
            "video",
            {
                "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                "title": "Big Buck Bunny, an open movie",
                "caption": "An open movie by the Blender Foundation.",
            },
        ),
        (
            "accordion",
            {
                "title": "Questions we hear often",
                "items": [
                    {
                        "question": "How long does a website take?",
                        "answer": "<p>Six to ten weeks for most marketing sites.</p>",
                    },
                    {
                        "question": "Can our team edit the site?",
                        "answer": "<p>Yes: every page is edited in Wagtail.</p>",
                    },
                ],
            },
        ),
        (
            "cards",
            {
                "title": "What we do",
                "cards": [
                    {
                        "title": "Strategy",
                        "text": "Find what matters to your visitors.",
                        "image": images["Workshop"].pk,
                        "page": None,
                        "url": "https://example.com/strategy",
                    },
                    {
                        "title": "Design",
                        "text": "Clear, accessible, on brand.",
                        "image": images["Studio"].pk,
                        "page": None,
                        "url": "",
                    },
                    {
                        "title": "Build",
                        "text": "Fast sites on Wagtail and Django.",
                        "image": images["Launch"].pk,
                        "page": contact.pk,
                        "url": "",
                    },
                ],
            },
        ),
        (
            "statistics",
            {
                "title": "In numbers",
                "statistics": [
                    {"value": "120+", "label": "sites launched"},
                    {"value": "98%", "label": "clients who come back"},
                    {"value": "12", "label": "years in business"},
                ],
            },
        ),
        (
            "table",
            {
                "caption": "Support plans",
                "table": {
                    "columns": [
                        {"type": "text", "heading": "Plan"},
                        {"type": "number", "heading": "Hours per month"},
                        {"type": "rich_text", "heading": "Includes"},
                    ],
                    "rows": [
                        {"values": ["Care", "4", "<p>Updates and <b>backups</b></p>"]},
                        {"values": ["Grow", "12", "<p>Care, plus new features</p>"]},
                    ],
                    "caption": "",
                },
            },
        ),
        (
            "document",
            {"document": document.pk, "title": "Download our service overview"},
        ),
        ("testimonial", {"testimonial": testimonial.pk}),
        ("upcoming_events", {"title": "Upcoming events", "limit": 3}),
        (
            "surface_section",
            {
                "surface": "app",
                "content": [
                    {
                        "type": "rich_text",
                        "value": "<p>Tip for app users: turn on notifications to "
                        "hear about new events first.</p>",
                    }
                ],
            },
        ),
    ]
    return json.dumps([{"type": name, "value": value} for name, value in blocks])


def _ensure_snippets(report: DemoReport, images) -> dict:
    people = {}
    for name, role in [("Ada Lovelace", "Lead engineer"), ("Grace Hopper", "Director")]:
        person, created = Person.objects.get_or_create(
            name=name, defaults={"role": role, "bio": f"{name} writes about the web."}
        )
        if created:
            person.photo = images["Portrait"]
            person.save()
            report.created.append(f"person {name}")
        people[name] = person
    categories = {}
    for name in ("News", "Guides"):
        category, created = Category.objects.get_or_create(
            slug=name.lower(), defaults={"name": name}
        )
        if created:
            report.created.append(f"category {name}")
        categories[name] = category
    testimonial = Testimonial.objects.filter(name="Sam Client").first()
    if testimonial is None:
        testimonial = Testimonial.objects.create(
            name="Sam Client",
            organisation="Example Ltd",
            quote="They understood what we needed and delivered it on time.",
            live=False,
        )
        testimonial.save_revision().publish()
        report.created.append("testimonial")
    return {"people": people, "categories": categories, "testimonial": testimonial}


def _child(parent, model, slug, report, **fields):
    """Return the child of `parent` with `slug`, creating and publishing it if new."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    report.created.append(f"page /{slug}/")
    return page, True


def _ensure_pages(report: DemoReport, home: HomePage, images, snippets) -> dict:
    document = ensure_demo_document(report)
    contact, _ = _child(
        home,
        FormPage,
        "contact",
        report,
        title="Contact",
        introduction="<p>Tell us about your project; we reply within two days.</p>",
        thank_you_text="<p>Thank you. We will be in touch within two days.</p>",
        to_address="hello@example.com",
        from_address="website@example.com",
        subject="New enquiry from the website",
        search_description="Contact the studio about a new project.",
    )
    if not contact.form_fields.exists():
        for order, (label, kind, required) in enumerate(
            [
                ("Your name", "singleline", True),
                ("Email", "email", True),
                ("Message", "multiline", True),
            ]
        ):
            FormField.objects.create(
                page=contact,
                sort_order=order,
                label=label,
                field_type=kind,
                required=required,
            )
    body = _full_body(
        images=images,
        document=document,
        testimonial=snippets["testimonial"],
        contact=contact,
    )
    about, _ = _child(
        home,
        StandardPage,
        "about",
        report,
        title="About us",
        introduction="A small studio building websites and apps that last.",
        listing_image=images["Team"],
        body=body,
    )
    services, _ = _child(
        home,
        SectionIndexPage,
        "services",
        report,
        title="Services",
        introduction="What we can do for you.",
        listing_image=images["Workshop"],
    )
    for slug, title, image in [
        ("strategy", "Strategy", "Workshop"),
        ("design", "Design", "Studio"),
        ("development", "Development", "Launch"),
    ]:
        _child(
            services,
            StandardPage,
            slug,
            report,
            title=title,
            introduction=f"{title}: how we approach it.",
            listing_image=images[image],
            body=json.dumps(
                [{"type": "rich_text", "value": f"<p>All about {title.lower()}.</p>"}]
            ),
        )
    news, _ = _child(
        home,
        ArticleIndexPage,
        "news",
        report,
        title="News",
        introduction="Notes from the studio.",
    )
    today = timezone.localdate()
    for number, (slug, title, image, category, tags) in enumerate(
        [
            (
                "launching-the-new-site",
                "Launching the new site",
                "Launch",
                "News",
                ["launch", "wagtail"],
            ),
            (
                "accessible-by-default",
                "Accessible by default",
                "Studio",
                "Guides",
                ["accessibility"],
            ),
            (
                "our-spring-workshop",
                "Our spring workshop",
                "Workshop",
                "News",
                ["events", "wagtail"],
            ),
        ]
    ):
        article, created = _child(
            news,
            ArticlePage,
            slug,
            report,
            title=title,
            date=today - dt.timedelta(days=7 * number),
            introduction=f"{title}: a short introduction for listings.",
            listing_image=images[image],
            category=snippets["categories"][category],
            body=body
            if number == 0
            else json.dumps(
                [{"type": "rich_text", "value": f"<p>{title}. More soon.</p>"}]
            ),
        )
        if created:
            article.authors.set([snippets["people"]["Ada Lovelace"]])
            article.tags.add(*tags)
            article.save_revision().publish()
    _child(
        home,
        LandingPage,
        "spring-campaign",
        report,
        title="Spring campaign",
        hero_heading="A website health check, free this spring",
        hero_text="Book a one-hour review of your site's speed, accessibility and SEO.",
        hero_image=images["Launch"],
        hide_navigation=True,
        hero_cta=json.dumps(
            [
                {
                    "type": "call_to_action",
                    "value": {
                        "text": "Book a review",
                        "page": contact.pk,
                        "url": "",
                        "style": "primary",
                    },
                }
            ]
        ),
        body=json.dumps(
            [
                {
                    "type": "rich_text",
                    "value": "<p>Places are limited to ten a month.</p>",
                }
            ]
        ),
    )
    return {
        "about": about,
        "services": services,
        "news": news,
        "contact": contact,
        "document": document,
        "body": body,
    }


def _ensure_menus(report: DemoReport, pages) -> None:
    menus = {
        NavigationMenu.Location.MAIN: [
            {"link_page": pages["about"]},
            {"link_page": pages["services"]},
            {"link_page": pages["news"]},
            {"link_page": pages["contact"]},
        ],
        NavigationMenu.Location.FOOTER: [
            {"link_page": pages["contact"], "label": "Get in touch"},
            {"link_document": pages["document"], "label": "Service overview"},
            {"link_url": "https://wagtail.org", "label": "Built with Wagtail"},
        ],
    }
    for location, items in menus.items():
        if NavigationMenu.objects.filter(location=location).exists():
            continue
        menu = NavigationMenu(location=location, live=False)
        menu.items = [
            NavigationMenuItem(sort_order=order, **item)
            for order, item in enumerate(items)
        ]
        menu.save()
        menu.save_revision().publish()
        report.created.append(f"{location} menu")


def _ensure_settings(report: DemoReport, site: Site, images) -> None:
    site_settings = SiteSettings.for_site(site)
    if site_settings.organisation_name:
        return
    site_settings.organisation_name = "Northwind Studio"
    site_settings.default_social_image = images["Studio"]
    site_settings.contact_email = "hello@example.com"
    site_settings.contact_phone = "+44 20 7946 0000"
    site_settings.address = "1 Example Street\nLondon\nEC1A 1AA"
    site_settings.social_links = json.dumps(
        [
            {
                "type": "link",
                "value": {"platform": "github", "url": "https://github.com/wagtail"},
            },
            {
                "type": "link",
                "value": {
                    "platform": "mastodon",
                    "url": "https://fosstodon.org/@wagtail",
                },
            },
        ]
    )
    site_settings.alert_enabled = True
    site_settings.alert_message = (
        "This is a demo site: content may be reset at any time."
    )
    site_settings.save()
    report.created.append("site settings")


def _fill_home(home: HomePage, images, pages) -> None:
    """Give a home page created in this run its hero and body (every block)."""
    home.hero_image = images["Studio"]
    home.hero_cta = json.dumps(
        [
            {
                "type": "call_to_action",
                "value": {
                    "text": "Start a project",
                    "page": pages["contact"].pk,
                    "url": "",
                    "style": "primary",
                },
            }
        ]
    )
    home.body = pages["body"]
    home.save_revision().publish()


@transaction.atomic
def load_demo_content(*, with_editor: bool) -> DemoReport:
    """Create what the demo site is missing; leave what exists alone."""
    report = DemoReport()
    home_was_missing = not HomePage.objects.exists()
    home = _ensure_home_page(report)
    images = ensure_demo_images(report)
    snippets = _ensure_snippets(report, images)
    pages = _ensure_pages(report, home, images, snippets)
    _ensure_menus(report, pages)
    _ensure_settings(report, Site.objects.get(is_default_site=True), images)
    if home_was_missing:
        _fill_home(home, images, pages)
    if with_editor:
        _ensure_demo_editor(report)
    return report
