"""Copy each article's authors from the many-to-many field into the ordered inline,
in the order the byline showed them (by name), and the same for what its revisions
saved, so a draft keeps its own authors."""

from django.db import migrations


def _row(page_id, person_id, position):
    # A child row as modelcluster serializes it in a revision (new: no pk).
    return {"pk": None, "page": page_id, "person": person_id, "sort_order": position}


def copy_authors(apps, schema_editor):
    ArticlePage = apps.get_model("cms", "ArticlePage")
    ArticlePageAuthor = apps.get_model("cms", "ArticlePageAuthor")
    Revision = apps.get_model("wagtailcore", "Revision")
    positions = {}
    rows = []
    for link in ArticlePage.authors.through.objects.order_by(
        "articlepage_id", "person__name", "person_id"
    ):
        position = positions[link.articlepage_id] = (
            positions.get(link.articlepage_id, -1) + 1
        )
        rows.append(
            ArticlePageAuthor(
                page_id=link.articlepage_id,
                person_id=link.person_id,
                sort_order=position,
            )
        )
    ArticlePageAuthor.objects.bulk_create(rows, batch_size=1000)

    revisions = Revision.objects.filter(
        content_type__app_label="cms", content_type__model="articlepage"
    )
    for revision in revisions.iterator(chunk_size=500):
        content = revision.content
        if "authors" not in content:
            continue
        page_id = content.get("pk")
        content["article_authors"] = [
            _row(page_id, person_id, position)
            for position, person_id in enumerate(content.pop("authors"))
        ]
        revision.save(update_fields=["content"])


def copy_authors_back(apps, schema_editor):
    ArticlePage = apps.get_model("cms", "ArticlePage")
    ArticlePageAuthor = apps.get_model("cms", "ArticlePageAuthor")
    Revision = apps.get_model("wagtailcore", "Revision")
    Link = ArticlePage.authors.through
    Link.objects.bulk_create(
        [
            Link(articlepage_id=row.page_id, person_id=row.person_id)
            for row in ArticlePageAuthor.objects.order_by("page_id", "sort_order")
        ],
        batch_size=1000,
    )
    # Before this migration the inline was empty.
    ArticlePageAuthor.objects.all().delete()
    revisions = Revision.objects.filter(
        content_type__app_label="cms", content_type__model="articlepage"
    )
    for revision in revisions.iterator(chunk_size=500):
        content = revision.content
        if "article_authors" not in content:
            continue
        content["authors"] = [row["person"] for row in content.pop("article_authors")]
        revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0008_article_authors"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(copy_authors, copy_authors_back)]
