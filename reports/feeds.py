"""The Atom feed of published reports, built from the frozen editions."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from .models import Edition


class AtomWithContent(Atom1Feed):
    """Atom with each report's full HTML in <content>, as well as its summary."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


class PublishedReportsFeed(Feed):
    feed_type = AtomWithContent
    title = "Government progress reports"
    subtitle = "Progress reports published by government, newest first."
    link = "/"
    limit = 20

    def items(self):
        return Edition.objects.live().order_by("-public_updated_at", "-pk")[: self.limit]

    def item_title(self, edition):
        return edition.title

    def item_description(self, edition):
        # Atom's <summary type="html"> is HTML; the summary is plain text, as on the page.
        return escape(edition.summary)

    def item_link(self, edition):
        return edition.get_absolute_url()

    def item_guid(self, edition):
        return f"{settings.SITE_URL}{edition.get_absolute_url()}"

    def item_pubdate(self, edition):
        return edition.first_published_at

    def item_updateddate(self, edition):
        return edition.public_updated_at

    def item_author_name(self, edition):
        return edition.organisation

    def item_categories(self, edition):
        return [edition.series_name] if edition.series_name else []

    def item_extra_kwargs(self, edition):
        return {"content": "\n".join(_section_html(s) for s in edition.sections)}


def _section_html(section):
    heading = section.get("heading")
    return (f"<h2>{escape(heading)}</h2>\n" if heading else "") + section["html"]
