"""A report as a plain document: what the importer reads and the exporter writes."""

from dataclasses import dataclass, field


@dataclass
class HeadlineOptionPart:
    text: str
    notes: str = ""
    chosen: bool = False
    line: int | None = field(default=None, compare=False)


@dataclass
class SectionPart:
    kind: str  # a Section.Kind value
    heading: str = ""
    anchor: str = ""
    body: str = ""
    line: int | None = field(default=None, compare=False)


@dataclass
class MediaPart:
    kind: str  # a MediaItem.Kind value
    slug: str
    section: str | None = None  # the anchor of the section it belongs to
    title: str = ""
    description: str = ""
    url: str = ""
    alt: str = ""
    caption: str = ""
    alignment: str = "inline"
    captions_url: str = ""
    line: int | None = field(default=None, compare=False)


@dataclass
class Document:
    title: str = ""
    headline_options: list[HeadlineOptionPart] = field(default_factory=list)
    sections: list[SectionPart] = field(default_factory=list)
    media: list[MediaPart] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def counts(self):
        """Return how many of each part the document holds; placeholders are not media."""
        placeholders = sum(1 for m in self.media if m.kind == "placeholder")
        return {
            "sections": len(self.sections),
            "headline_options": len(self.headline_options),
            "media": len(self.media) - placeholders,
            "placeholders": placeholders,
            "notes": len(self.notes),
        }
