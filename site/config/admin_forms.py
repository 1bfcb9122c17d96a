"""Staff forms that live on a modeladmin inspect page but post to an action view of their own
(decide, revoke, hide, review). When the action refuses the form, the staff member gets the
inspect page again with the bound form: what they typed in its field, the field's own message
and the summary of errors; a redirect with a fixed message would lose the note (hardening
point 16)."""

from inspect import unwrap

from django.urls import resolve, reverse


class RefusedFormsMixin:
    """For an InspectView whose page carries action forms: `form()` gives the action's refused
    bound form when the page is shown again by `inspect_again`, else an empty one."""

    refused_forms: dict = {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The forms' way back (`next`) is this page, also when it is shown again at the URL
        # of the action that refused a form.
        context["page_path"] = self.url_helper.get_action_url("inspect", self.pk_quoted)
        return context

    def form(self, name: str, form_class):
        return self.refused_forms.get(name) or form_class()

    def post(self, request, *args, **kwargs):
        # Only `inspect_again` reaches this with forms: a POST to the inspect URL itself is
        # refused as before.
        if not self.refused_forms:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return self.get(request, *args, **kwargs)


def inspect_again(request, url_name: str, instance_pk, **forms):
    """The inspect page `url_name` of `instance_pk` rendered for this POST, with `forms`
    (name → refused bound form) in place of the empty ones. The registered ModelAdmin is the
    one behind the URL (its `inspect_view` method, under the admin's decorators), so the page
    is the one staff know, with its permission checks."""
    model_admin = unwrap(resolve(reverse(url_name, args=[instance_pk])).func).__self__
    view = model_admin.inspect_view_class(model_admin=model_admin, instance_pk=str(instance_pk))
    view.refused_forms = forms
    view.setup(request)
    return view.dispatch(request)
