"""Buildings in the Wagtail admin: staff list, create and edit them and link each to its
condominium association; units are shown read-only (the association keeps them from the site,
`residents.views.register`). Registered at import time, from `ResidentsConfig.ready()`.

Create and edit go through `residents.services.buildings`, so the admin obeys the same rules
as everything else (an association must be a condominium, addresses are unique)."""

from collections.abc import Callable

from django.contrib import messages
from django.db.models import Count, Sum
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import CreateView, EditView, InspectView

from residents.errors import ResidentsError
from residents.models import Building
from residents.services.buildings import building_create, building_update
from residents.views.common import error_text


class BuildingPermissionHelper(PermissionHelper):
    """A building with a register is not deleted from a list by a click."""

    def user_can_delete_obj(self, user, obj):
        return False


class _ThroughService:
    """Create and edit views that write through a service of `residents.services.buildings`
    instead of `form.save()`; a refusal (`ResidentsError`) is shown on the form.

    A view names its `service` and, where it needs more than the form's fields, extends
    `service_arguments`."""

    service: Callable[..., Building]

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if not callable(getattr(cls, "service", None)):
            raise TypeError(f"{cls.__name__} names no service to save through.")

    def service_arguments(self, form) -> dict:
        """The keyword arguments every building service takes, from the valid form."""
        data = form.cleaned_data
        return {
            "by": self.request.user,
            "address": data["address"],
            "district": data["district"],
            "association": data.get("association"),
        }

    def form_valid(self, form):
        try:
            self.instance = self.service(**self.service_arguments(form))
        except ResidentsError as error:
            form.add_error(None, error_text(error))
            return self.form_invalid(form)
        messages.success(self.request, self.get_success_message(self.instance))
        return redirect(self.get_success_url())


class BuildingCreateView(_ThroughService, CreateView):
    service = staticmethod(building_create)


class BuildingEditView(_ThroughService, EditView):
    service = staticmethod(building_update)

    def service_arguments(self, form) -> dict:
        # A fresh copy: validating the form already wrote the submitted values onto
        # `self.instance`; the stored building changes only through the service's arguments.
        building = Building.objects.get(pk=self.instance.pk)
        return {**super().service_arguments(form), "building": building}


class BuildingInspectView(InspectView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["units"] = self.instance.units.annotate(owner_count=Count("ownerships"))
        context["total_area"] = self.instance.units.aggregate(total=Sum("area"))["total"] or 0
        return context


class BuildingAdmin(ModelAdmin):
    model = Building
    menu_label = _("Buildings")
    menu_icon = "home"
    menu_order = 260
    add_to_settings_menu = False
    permission_helper_class = BuildingPermissionHelper
    create_view_class = BuildingCreateView
    edit_view_class = BuildingEditView
    inspect_view_enabled = True
    inspect_view_class = BuildingInspectView
    inspect_view_fields = ["address", "district", "association"]
    inspect_template_name = "residents/building_admin_inspect.html"
    list_display = ("address", "district", "association", "unit_count", "total_area")
    list_filter = ("district",)
    search_fields = ("address", "association__name")
    panels = [FieldPanel("address"), FieldPanel("district"), FieldPanel("association")]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("district", "association")
            .annotate(units_total=Count("units"), area_total=Sum("units__area"))
        )

    @staticmethod
    def unit_count(obj):
        return obj.units_total

    unit_count.short_description = _("units")

    @staticmethod
    def total_area(obj):
        return f"{obj.area_total or 0:.2f}"

    total_area.short_description = _("total area, m²")


modeladmin_register(BuildingAdmin)
