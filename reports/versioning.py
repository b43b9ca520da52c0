"""Register the content models with django-reversion: a report revision follows its parts."""

import reversion

from .models import HeadlineOption, MediaItem, Report, Section

reversion.register(Report, follow=["sections", "headline_options", "media"])
reversion.register(Section)
reversion.register(HeadlineOption)
reversion.register(MediaItem)

# Votes and comments (HeadlineVote, HeadlineComment) are deliberately not versioned: they are the
# discussion about a report, not its content. Reverting a report must not erase the comments or
# votes made since, so they keep their own record (author and time on each row, and an admin log
# entry for every vote and comment), see reports/headlines.py.
