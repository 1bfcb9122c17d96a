"""`{% my_buildings_section %}`: the cabinet's "My buildings", for a person verified as a
co-owner or resident of a building (nothing at all for anyone else)."""

from django import template

from residents.selectors_buildings import my_buildings

register = template.Library()


@register.inclusion_tag("residents/building_cabinet_section.html", takes_context=True)
def my_buildings_section(context):
    user = context["request"].user
    return {"my_buildings": my_buildings(user) if user.is_authenticated else []}
