"""Register the content models with django-reversion: a report revision follows its parts."""

import reversion

from .models import HeadlineOption, MediaItem, Report, Section

reversion.register(Report, follow=["sections", "headline_options", "media"])
reversion.register(Section)
reversion.register(HeadlineOption)
reversion.register(MediaItem)
