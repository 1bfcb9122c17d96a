"""StreamField blocks of library guides and case studies.

Each block renders through its own template in `templates/library/blocks/`, so the same body
reads well on screen and in the PDF (the print stylesheet restyles the same markup).
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "document-link"]
STEP_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    """A section heading; level 2 or 3 so the page outline stays in order under the title."""

    text = blocks.CharBlock(label=_("Text"), max_length=160)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section")), ("h3", _("Subsection"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "library/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    """An illustration. The alternative text is required: a picture that teaches something
    must say what it shows to people who cannot see it."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)
    attribution = blocks.CharBlock(label=_("Credit"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "library/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=160)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "library/blocks/quote.html"


class StepBlock(blocks.StructBlock):
    """One step of a how-to: a short imperative title and what exactly to do."""

    title = blocks.CharBlock(label=_("Step"), max_length=160)
    text = blocks.RichTextBlock(label=_("What to do"), features=STEP_TEXT_FEATURES)

    class Meta:
        icon = "list-ol"
        label = _("Step")
        template = "library/blocks/step.html"


class StepListBlock(blocks.StructBlock):
    """Numbered steps inside a body, e.g. a procedure within a case study."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=160)
    steps = blocks.ListBlock(StepBlock(), label=_("Steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Step list")
        template = "library/blocks/step_list.html"


class DocumentBlock(blocks.StructBlock):
    """A downloadable file: a template letter, a budget extract, a protocol form."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Title"), required=False, max_length=160, help_text=_("The document's own title.")
    )
    description = blocks.TextBlock(label=_("What it is for"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "library/blocks/document.html"


class CaptionedTableBlock(blocks.StructBlock):
    """A data table with a caption, so screen readers announce what the numbers are."""

    caption = blocks.CharBlock(label=_("Caption"), max_length=200)
    table = TableBlock(
        label=_("Table"),
        table_options={"startRows": 3, "startCols": 3, "colHeaders": False, "rowHeaders": False},
    )

    class Meta:
        icon = "table"
        label = _("Table")
        template = "library/blocks/table.html"


class CalloutBlock(blocks.StructBlock):
    """A box that stands out: a deadline, a common mistake, a useful tip."""

    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("info", _("Good to know")), ("warning", _("Watch out")), ("tip", _("Tip"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("Title"), max_length=160)
    text = blocks.RichTextBlock(label=_("Text"), features=STEP_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "library/blocks/callout.html"


class ArticleBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="library/blocks/paragraph.html"
    )
    image = ImageBlock()
    quote = QuoteBlock()
    steps = StepListBlock()
    document = DocumentBlock()
    table = CaptionedTableBlock()
    callout = CalloutBlock()


class GuideStepsBlock(blocks.StreamBlock):
    """The ordered steps of a guide; editors reorder them by dragging."""

    step = StepBlock()
