"""The demo site, built by `load_demo_content`; a second run changes nothing."""

import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from apps.events import services as event_services
from apps.events.models import Event
from cms.demo_images import ensure_demo_document, ensure_demo_images
from cms.locales import sync_locales
from cms.models import (
    Announcement,
    ArticleIndexPage,
    ArticlePage,
    ArticlePageAuthor,
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

logger = logging.getLogger(__name__)

DEMO_EDITOR_EMAIL = "editor@example.com"
DEMO_EDITOR_PASSWORD = "demo-editor-password"  # noqa: S105 - demo mode (DEBUG) only


@dataclass
class DemoReport:
    created: list[str] = field(default_factory=list)
    editor_login: tuple[str, str] | None = None


def _ensure_home_page(report: DemoReport) -> HomePage:
    home = HomePage.objects.order_by("path").first()  # the first: the default language
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
                "We design and build fast, accessible websites and the apps beside "
                "them, then hand your team the keys: clear editing, no surprises."
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


# (slug, title, summary, description, days from today, start, hours, venue, places)
DEMO_EVENTS = [
    (
        "open-studio-evening",
        "Open studio evening",
        "Drinks, demos and a look at what we are building this season.",
        "Come and meet the team, see three recent projects up close and ask us "
        "anything about Wagtail, accessibility or running a site day to day.\n\n"
        "Drinks and snacks from 18:00; short demos at 18:30 and 19:15.",
        9,
        dt.time(18, 0),
        2.5,
        "Northwind Studio, 1 Example Street, London",
        40,
    ),
    (
        "accessibility-clinic",
        "Accessibility clinic: bring your site",
        "Forty-five minutes with an accessibility specialist, on your own pages.",
        "We test your site with a screen reader, the keyboard and automated "
        "checks, and send you a short written list of fixes, most urgent first.",
        16,
        dt.time(10, 0),
        2,
        "",
        12,
    ),
    (
        "wagtail-for-editors",
        "Wagtail for editors: a hands-on morning",
        "Pages, images, drafts and scheduling, learnt by doing on a practice site.",
        "A practical morning for content teams: structure pages with blocks, "
        "crop images with focal points, schedule and review changes, and keep "
        "the site tidy. Laptops provided; coffee included.",
        23,
        dt.time(9, 30),
        3,
        "Northwind Studio, 1 Example Street, London",
        16,
    ),
    (
        "design-systems-that-last",
        "Design systems that survive the second year",
        "A talk on tokens, components and the habits that keep a system in use.",
        "Most design systems are launched with a flourish and quietly abandoned. "
        "Our design lead shares what kept ours alive across twelve client sites, "
        "followed by questions and a chance to look at the source.",
        37,
        dt.time(18, 30),
        1.5,
        "The Reading Room, 12 Canal Walk, London",
        60,
    ),
]


def _ensure_events(report: DemoReport) -> None:
    """Publish the demo events, dated from today; a demo event that has already
    ended moves to the same weekday offset from today, so the listing is never
    empty on an old database."""
    today = timezone.localdate()
    for (
        slug,
        title,
        summary,
        description,
        days,
        start,
        hours,
        venue,
        places,
    ) in DEMO_EVENTS:
        starts_at = timezone.make_aware(
            dt.datetime.combine(today + dt.timedelta(days=days), start)
        )
        ends_at = starts_at + dt.timedelta(hours=hours)
        event = Event.objects.filter(slug=slug).first()
        if event is None:
            event = event_services.event_create(
                title=title,
                slug=slug,
                starts_at=starts_at,
                ends_at=ends_at,
                capacity=places,
                summary=summary,
                description=description,
                venue=venue,
                online_url="" if venue else "https://meet.example.com/northwind",
            )
            event_services.event_publish(event=event)
            report.created.append(f"event {slug}")
        elif event.ends_at < timezone.now() and event.status != Event.Status.CANCELLED:
            event_services.event_update(
                event=event, starts_at=starts_at, ends_at=ends_at
            )
            report.created.append(f"event {slug} (new dates)")


# The demo event shown in German when German is configured; the others fall back to
# their English words, as an event nobody has translated yet would.
GERMAN_EVENT = (
    "open-studio-evening",
    {
        "language": "de",
        "title": "Offener Studioabend",
        "summary": "Getränke, Demos und ein Blick auf das, woran wir diese Saison "
        "arbeiten.",
        "description": "Lernen Sie das Team kennen, sehen Sie sich drei aktuelle "
        "Projekte aus der Nähe an und fragen Sie uns alles über Wagtail, "
        "Barrierefreiheit oder den täglichen Betrieb einer Website.\n\n"
        "Getränke und Snacks ab 18:00 Uhr; kurze Demos um 18:30 und 19:15 Uhr.",
    },
)


def _ensure_german_event(report: DemoReport) -> None:
    """Translate one demo event into German, when German is a configured language
    and the event has no German yet."""
    slug, german = GERMAN_EVENT
    event = Event.objects.filter(slug=slug).first()
    if (
        event is None
        or german["language"] not in dict(settings.LANGUAGES)
        or event.translations.filter(language=german["language"]).exists()
    ):
        return
    translations = [
        {field: getattr(item, field) for field in german}
        for item in event.translations.all()
    ]
    event_services.event_translations_set(
        event=event, translations=[*translations, german]
    )
    report.created.append(f"German: event {slug}")


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
        # The admin refuses an image with neither alt text nor "decorative".
        "image": {
            "image": image.pk,
            "decorative": False,
            "alt_text": image.description,
        },
        "caption": caption,
    }


def _full_body(*, images, document, testimonial, contact) -> str:
    """Return a body (raw stream JSON) that uses every block in the library once."""
    blocks = [
        ("heading", {"text": "How we work", "level": "h2", "anchor": "how-we-work"}),
        (
            "rich_text",
            "<p>Every project starts with a <b>conversation</b> about your visitors "
            "and ends with a site your team can run on its own. In between we keep "
            "the work visible: a shared plan, a demo every fortnight and a "
            'staging site you can click through. <a href="https://wagtail.org">'
            "Wagtail</a> keeps editing simple once we hand over.</p><ul>"
            "<li><b>Discovery</b>: interviews, analytics and a content audit</li>"
            "<li><b>Design</b>: a design system, then pages built from it</li>"
            "<li><b>Build and launch</b>: tested, measured and documented</li></ul>",
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
                        "text": "Research and workshops that find what your "
                        "visitors need, and a plan to give it to them.",
                        "image": images["Workshop"].pk,
                        "page": None,
                        "url": "https://example.com/strategy",
                    },
                    {
                        "title": "Design",
                        "text": "A design system that keeps every page clear, "
                        "accessible and unmistakably yours.",
                        "image": images["Studio"].pk,
                        "page": None,
                        "url": "",
                    },
                    {
                        "title": "Build",
                        "text": "Fast sites and apps on Wagtail and Django, "
                        "with tests, monitoring and a handover.",
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
                        # Blocks saved from raw JSON keep the ids they are given:
                        # translation (wagtail-localize) finds a block by its id.
                        "id": "5d3c1f0e-6a47-4d8e-9b1a-3c2f7e9d8a10",
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
    for name, role, bio in [
        (
            "Ada Lovelace",
            "Lead engineer",
            "Ada leads our engineering team and writes about performance, "
            "accessibility and keeping Django projects easy to change.",
        ),
        (
            "Grace Hopper",
            "Director",
            "Grace founded the studio after fifteen years of building public "
            "services on the web; she still reviews every launch.",
        ),
    ]:
        person, created = Person.objects.get_or_create(
            name=name, defaults={"role": role, "bio": bio}
        )
        if created:
            person.photo = images["Portrait"]
            person.save()
            report.created.append(f"person {name}")
        people[name] = person
    categories = {}
    for name in ("News", "Guides"):
        # The default language's: a German translation shares the slug.
        category, created = Category.objects.get_or_create(
            slug=name.lower(), locale=Locale.get_default(), defaults={"name": name}
        )
        if created:
            report.created.append(f"category {name}")
        categories[name] = category
    testimonial = Testimonial.objects.filter(name="Priya Shah").first()
    if testimonial is None:
        testimonial = Testimonial.objects.create(
            name="Priya Shah",
            organisation="Harbour Housing Co-operative",
            quote="They understood what our members needed before we could put "
            "it into words, and the new site was live a week early.",
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
        introduction="<p>Tell us about your project, your deadline and your "
        "budget if you have one: a member of the team replies within two working "
        "days.</p>",
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
        introduction="Twelve people in London building websites and apps that "
        "last: designed with care, built to be edited, looked after for years.",
        listing_image=images["Team"],
        body=body,
    )
    services, _ = _child(
        home,
        SectionIndexPage,
        "services",
        report,
        title="Services",
        introduction="From the first workshop to years of care after launch: "
        "pick the part you need, or all of it.",
        listing_image=images["Workshop"],
    )
    for slug, title, image, introduction, text in [
        (
            "strategy",
            "Strategy",
            "Workshop",
            "Know who your site is for and what it must do before a pixel is drawn.",
            "We interview your visitors and your team, read your analytics and "
            "audit your content. You get a short plan: the audiences, the tasks "
            "they come to do, and the pages that serve them.",
        ),
        (
            "design",
            "Design",
            "Studio",
            "A design system first, then pages built from it: consistent, "
            "accessible, yours.",
            "Type, colour and spacing become tokens; buttons, cards and forms "
            "become components. Every page is assembled from them, so the site "
            "stays consistent long after launch.",
        ),
        (
            "development",
            "Development",
            "Launch",
            "Fast, secure sites on Wagtail and Django, with the tests to prove it.",
            "We build on open-source tools your next agency will know, measure "
            "speed and accessibility on every change, and hand over a site your "
            "team can edit without calling us.",
        ),
    ]:
        _child(
            services,
            StandardPage,
            slug,
            report,
            title=title,
            introduction=introduction,
            listing_image=images[image],
            body=json.dumps([{"type": "rich_text", "value": f"<p>{text}</p>"}]),
        )
    news, _ = _child(
        home,
        ArticleIndexPage,
        "news",
        report,
        title="News",
        introduction="Notes from the studio: launches, lessons and the odd "
        "strong opinion about forms.",
    )
    today = timezone.localdate()
    for number, (slug, title, image, category, tags, introduction) in enumerate(
        [
            (
                "launching-the-new-site",
                "Launching the new site",
                "Launch",
                "News",
                ["launch", "wagtail"],
                "Our own site, rebuilt on the design system we use for clients: "
                "what changed, what we measured and what we would do again.",
            ),
            (
                "accessible-by-default",
                "Accessible by default",
                "Studio",
                "Guides",
                ["accessibility"],
                "Accessibility is cheapest on the first day. Five habits that "
                "keep every page usable with a keyboard and a screen reader.",
            ),
            (
                "our-spring-workshop",
                "Our spring workshop",
                "Workshop",
                "News",
                ["events", "wagtail"],
                "Twenty editors, one practice site and a morning of blocks, "
                "images and scheduling: notes from our spring Wagtail workshop.",
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
            introduction=introduction,
            listing_image=images[image],
            category=snippets["categories"][category],
            body=body
            if number == 0
            else json.dumps([{"type": "rich_text", "value": f"<p>{introduction}</p>"}]),
        )
        if created:
            article.article_authors = [
                ArticlePageAuthor(person=snippets["people"]["Ada Lovelace"])
            ]
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
                    "value": "<p>We test your home page and two pages you choose, "
                    "then walk you through the results on a call. Places are "
                    "limited to ten a month.</p>",
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
            # The events app is not a page: an absolute address, as menus and the
            # navigation API give the apps absolute URLs.
            {"link_url": f"{settings.BASE_URL}/events/", "label": "Events"},
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
    site_settings.save()
    report.created.append("site settings")


def _ensure_announcement(report: DemoReport, home: HomePage) -> None:
    """Announce on every page that this is a demo (the banner), when nothing is
    announced yet."""
    if Announcement.objects.exists():
        return
    announcement = Announcement(
        locale=home.locale,
        title="Demo site",
        message="<p>This is a demo site: content may be reset at any time.</p>",
        live=False,
    )
    announcement.save()
    announcement.save_revision().publish()
    report.created.append("announcement")


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


# The demo's German: what the translations below give wagtail-localize's translation
# memory. Anything not listed stays in English on the German pages, as an editor's
# unfinished translation would (Reports > Translations shows what is left).
GERMAN = {
    "Home": "Startseite",
    "Websites and apps that work as hard as you do": (
        "Websites und Apps, die so hart arbeiten wie Sie"
    ),
    "We design and build fast, accessible websites and the apps beside them, then "
    "hand your team the keys: clear editing, no surprises.": (
        "Wir gestalten und bauen schnelle, barrierefreie Websites und die Apps "
        "daneben, dann übergeben wir Ihrem Team die Schlüssel: klares Bearbeiten, "
        "keine Überraschungen."
    ),
    "About us": "Über uns",
    "Services": "Leistungen",
    "News": "Neuigkeiten",
    "Contact": "Kontakt",
    "Launching the new site": "Die neue Website ist online",
    "Get in touch": "Kontakt aufnehmen",
    "Events": "Veranstaltungen",
    "Service overview": "Leistungsübersicht",
    "Built with Wagtail": "Mit Wagtail gebaut",
    "Your name": "Ihr Name",
    "Email": "E-Mail",
    "Message": "Nachricht",
    "Our own site, rebuilt on the design system we use for clients: what changed, "
    "what we measured and what we would do again.": (
        "Unsere eigene Website, neu gebaut auf dem Designsystem, das wir für Kunden "
        "nutzen: was sich geändert hat, was wir gemessen haben und was wir wieder "
        "so machen würden."
    ),
    "How we work": "So arbeiten wir",
    "Our studio, where most projects start.": (
        "Unser Studio, in dem die meisten Projekte beginnen."
    ),
    "Recent work": "Aktuelle Arbeiten",
    "A discovery workshop.": "Ein Discovery-Workshop.",
    "Launch day.": "Der Tag des Launchs.",
    "Start a project": "Projekt starten",
    "Questions we hear often": "Häufige Fragen",
    "How long does a website take?": "Wie lange dauert eine Website?",
    "Can our team edit the site?": "Kann unser Team die Website bearbeiten?",
    "What we do": "Was wir tun",
    "Strategy": "Strategie",
    "Build": "Entwicklung",
    "In numbers": "In Zahlen",
    "sites launched": "Websites gestartet",
    "clients who come back": "Kunden, die wiederkommen",
    "years in business": "Jahre am Markt",
    # The body's blocks (the same on the home, about and article pages). Rich text
    # is matched as wagtail-localize segments it: inline tags kept, links as ids.
    "Every project starts with a <b>conversation</b> about your visitors and ends "
    "with a site your team can run on its own. In between we keep the work visible: "
    "a shared plan, a demo every fortnight and a staging site you can click "
    'through. <a id="a1">Wagtail</a> keeps editing simple once we hand over.': (
        "Jedes Projekt beginnt mit einem <b>Gespräch</b> über Ihre Besucher und "
        "endet mit einer Website, die Ihr Team selbst betreiben kann. Dazwischen "
        "bleibt die Arbeit sichtbar: ein gemeinsamer Plan, alle zwei Wochen eine "
        'Demo und eine Testumgebung zum Durchklicken. <a id="a1">Wagtail</a> hält '
        "das Bearbeiten nach der Übergabe einfach."
    ),
    "<b>Discovery</b>: interviews, analytics and a content audit": (
        "<b>Analyse</b>: Interviews, Nutzungsdaten und eine Bestandsaufnahme der "
        "Inhalte"
    ),
    "<b>Design</b>: a design system, then pages built from it": (
        "<b>Gestaltung</b>: ein Designsystem, dann die Seiten daraus"
    ),
    "<b>Build and launch</b>: tested, measured and documented": (
        "<b>Entwicklung und Start</b>: getestet, gemessen und dokumentiert"
    ),
    "A bright studio with desks by tall windows": (
        "Ein helles Studio mit Schreibtischen an hohen Fenstern"
    ),
    "Simplicity is about subtracting the obvious and adding the meaningful.": (
        "Bei Einfachheit geht es darum, das Offensichtliche wegzulassen und das "
        "Bedeutsame hinzuzufügen."
    ),
    "Big Buck Bunny, an open movie": "Big Buck Bunny, ein freier Film",
    "An open movie by the Blender Foundation.": (
        "Ein freier Film der Blender Foundation."
    ),
    "Support plans": "Betreuungspakete",
    "Download our service overview": "Unsere Leistungsübersicht herunterladen",
    "Upcoming events": "Kommende Veranstaltungen",
    "Tip for app users: turn on notifications to hear about new events first.": (
        "Tipp für App-Nutzer: Schalten Sie Benachrichtigungen ein, dann erfahren Sie "
        "als Erste von neuen Veranstaltungen."
    ),
    # The pages' introductions and the contact form.
    "Twelve people in London building websites and apps that last: designed with "
    "care, built to be edited, looked after for years.": (
        "Zwölf Menschen in London, die Websites und Apps bauen, die bleiben: "
        "sorgfältig gestaltet, zum Bearbeiten gebaut, über Jahre betreut."
    ),
    "From the first workshop to years of care after launch: pick the part you "
    "need, or all of it.": (
        "Vom ersten Workshop bis zur jahrelangen Betreuung nach dem Start: Wählen "
        "Sie den Teil, den Sie brauchen, oder alles."
    ),
    "Notes from the studio: launches, lessons and the odd strong opinion about "
    "forms.": (
        "Notizen aus dem Studio: Starts, Erkenntnisse und die eine oder andere "
        "feste Meinung zu Formularen."
    ),
    "Contact the studio about a new project.": (
        "Schreiben Sie dem Studio zu einem neuen Projekt."
    ),
    "Tell us about your project, your deadline and your budget if you have one: a "
    "member of the team replies within two working days.": (
        "Erzählen Sie uns von Ihrem Projekt, Ihrem Termin und, falls es eines gibt, "
        "Ihrem Budget: Jemand aus dem Team antwortet innerhalb von zwei Werktagen."
    ),
    "Thank you. We will be in touch within two days.": (
        "Vielen Dank. Wir melden uns innerhalb von zwei Tagen."
    ),
    "New enquiry from the website": "Neue Anfrage über die Website",
    "Demo site": "Demo-Website",
    "This is a demo site: content may be reset at any time.": (
        "Dies ist eine Demo-Website: Inhalte können jederzeit zurückgesetzt werden."
    ),
}


def _ensure_german(report: DemoReport, home: HomePage, pages) -> None:
    """Translate the home page, a few pages below it, the menus and the
    announcements into German through wagtail-localize, when German is one of the
    configured languages."""
    if not settings.WAGTAIL_I18N_ENABLED or "de" not in dict(settings.LANGUAGES):
        return
    sync_locales()
    german = Locale.objects.get(language_code="de")
    article = pages["news"].get_children().filter(slug="launching-the-new-site").first()
    # Parents before children: a translation goes under its parent's translation.
    instances = [home, pages["about"], pages["services"], pages["news"]]
    if article:
        # Its category first: a page's translation refers to the category's.
        category = article.specific.category
        instances += [category] if category else []
        instances += [article.specific]
    instances += [pages["contact"], *NavigationMenu.objects.filter(locale=home.locale)]
    instances += Announcement.objects.filter(locale=home.locale, live=True)
    for instance in instances:
        if instance.has_translation(german):
            continue
        try:
            with transaction.atomic():
                _translate(instance, german)
        except Exception as error:  # noqa: BLE001 - one page must not stop the demo
            # Say, a page saved before its nested blocks had ids (an older demo
            # database): the rest of the demo still loads.
            logger.warning("Not translated into German: %s (%r)", instance, error)
            continue
        report.created.append(f"German: {instance}")


def _translate(instance, german: Locale) -> None:
    """Translate `instance` through wagtail-localize, with what GERMAN has."""
    from wagtail_localize.models import (
        OverridableSegment,
        SegmentOverride,
        StringSegment,
        StringTranslation,
        Translation,
        TranslationSource,
    )

    source, _ = TranslationSource.get_or_create_from_instance(instance)
    # Addresses are not translated but may be overridden: the menu's link to the
    # events app leads to its German address, as an editor would set it.
    german_addresses = {
        f"{settings.BASE_URL}/events/": f"{settings.BASE_URL}/de/events/",
    }
    for segment in OverridableSegment.objects.filter(source=source).select_related(
        "context"
    ):
        address = json.loads(segment.data_json)
        if address in german_addresses:
            SegmentOverride.objects.get_or_create(
                locale=german,
                context=segment.context,
                defaults={"data_json": json.dumps(german_addresses[address])},
            )
    for segment in StringSegment.objects.filter(source=source).select_related(
        "string", "context"
    ):
        if segment.string.data in GERMAN:
            StringTranslation.objects.get_or_create(
                translation_of=segment.string,
                locale=german,
                context=segment.context,
                defaults={"data": GERMAN[segment.string.data]},
            )
    translation = Translation.objects.get_or_create(
        source=source, target_locale=german
    )[0]
    if isinstance(instance, Page):
        # Published now, not when the transaction commits (wagtail-localize's
        # way): a parent published after its children were added would be
        # written back with the child count it had before them.
        translation.save_target(publish=False)
        instance.get_translation(german).get_latest_revision().publish()
    else:
        translation.save_target(publish=True)


@transaction.atomic
def load_demo_content(*, with_editor: bool) -> DemoReport:
    """Create what the demo site is missing; leave what exists alone."""
    report = DemoReport()
    home_was_missing = not HomePage.objects.exists()
    home = _ensure_home_page(report)
    images = ensure_demo_images(report)
    snippets = _ensure_snippets(report, images)
    pages = _ensure_pages(report, home, images, snippets)
    _ensure_events(report)
    _ensure_german_event(report)
    _ensure_menus(report, pages)
    _ensure_settings(report, Site.objects.get(is_default_site=True), images)
    _ensure_announcement(report, home)
    if home_was_missing:
        _fill_home(home, images, pages)
    _ensure_german(report, home, pages)
    if with_editor:
        _ensure_demo_editor(report)
    return report
