"""A test-only page showing a report's media embeds with the site's layout, CSS and JS."""

from django.conf import settings
from django.contrib import admin
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template import engines
from django.urls import include, path, re_path
from django.views.static import serve

from reports.embeds import render_embed
from reports.models import Report

PAGE = """{% extends "base.html" %}{% load static %}
{% block head %}<link rel="stylesheet" href="{% static 'reports/media.css' %}">{% endblock %}
{% block content %}
<h1 class="govuk-heading-xl">{{ report.title }}</h1>
<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
  <h2 class="govuk-heading-l">Media</h2>
  <p class="govuk-body">GOV.UK has been running for 8 months.</p>
  {% for html in embeds %}{{ html }}<p class="govuk-body">Text between the media.</p>{% endfor %}
</div></div>
<script type="module" src="{% static 'reports/media.mjs' %}"></script>
{% endblock %}"""


def media_page(request, slug):
    report = get_object_or_404(Report, slug=slug)
    embeds = [render_embed(item) for item in report.media.all()]
    template = engines["django"].from_string(PAGE)
    return HttpResponse(template.render({"report": report, "embeds": embeds}, request))


def media_file(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    path("media-test/<slug:slug>/", media_page),
    re_path(r"^media/(?P<path>.*)$", media_file),
    path("admin/", admin.site.urls),
    path("markdownx/", include("markdownx.urls")),
    path("", include("reports.urls")),
]
