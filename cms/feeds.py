"""RSS and Atom feeds of an article index (live, public articles only)."""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.utils.feedgenerator import Atom1Feed

from cms.models import ArticlePageAuthor


class ArticleRssFeed(Feed):
    limit = 20

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.index_page.title

    def link(self):
        return self.index_page.get_full_url(self.request)

    def description(self):
        return self.index_page.introduction or self.index_page.title

    def items(self):
        authors = ArticlePageAuthor.objects.select_related("person")
        return list(
            self.index_page.get_articles().prefetch_related(
                Prefetch("article_authors", queryset=authors), "tags"
            )[: self.limit]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.introduction or item.search_description

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at or dt.datetime.combine(
            item.date, dt.time.min, tzinfo=dt.UTC
        )

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return ", ".join(row.person.name for row in item.article_authors.all()) or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class ArticleAtomFeed(ArticleRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
