"""`{% shared_fragment "name" [value …] %}…{% end_shared_fragment %}`: a part of a page that is
the same for every reader, kept per content generation (`config.fragments`); the values after
the name, if any, are added to its key. `{% shared_userbar %}`: Wagtail's userbar, kept per
editor and page (`config.layout.userbar`)."""

from django import template

from config import fragments, layout

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary):
        self.nodelist = nodelist
        self.name = name
        self.vary = vary

    def render(self, context):
        name = self.name.resolve(context)
        vary = tuple(value.resolve(context) for value in self.vary)
        return fragments.fragment(
            context.get("request"), name, vary, lambda: self.nodelist.render(context)
        )


@register.tag("shared_fragment")
def shared_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name")
    nodelist = parser.parse(("end_shared_fragment",))
    parser.delete_first_token()
    name, *vary = (parser.compile_filter(bit) for bit in bits[1:])
    return SharedFragmentNode(nodelist, name, vary)


@register.simple_tag(takes_context=True)
def shared_userbar(context, position: str = "bottom-right") -> str:
    return layout.userbar(context, position)
