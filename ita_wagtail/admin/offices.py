"""Responsible offices in the admin: each user sees and changes their own LAO's.

Every view of the offices snippet (listing, filters, search, chooser, create,
edit, copy, delete, usage, history, bulk delete) keeps to the offices of the
sites the user works on (``site_access.ita_sites_for_user``); another site's
office is not there for them (404).
"""

import django_filters
from django.contrib.admin.utils import unquote
from django.http import Http404
from django.shortcuts import get_list_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.models import Site
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views import chooser, snippets

from ..models import ResponsibleOffice
from ..models.site_access import ResponsibleOfficePermissionPolicy, ita_sites_for_user


#: wagtail_hooks.py registers it before the viewset: Wagtail's views look it up.
office_permission_policy = ResponsibleOfficePermissionPolicy(ResponsibleOffice)

ANY_OFFICE_ACTION = ["add", "change", "delete", "view"]


def offices_for_user(user):
    """The offices of the sites the user works on (one queryset filter)."""
    return ResponsibleOffice.objects.filter(site__in=ita_sites_for_user(user))


class ResponsibleOfficeForm(WagtailAdminModelForm):
    """Offers only the user's own sites, the only one already chosen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("site")
        if field is None or self.for_user is None:
            return
        field.queryset = ita_sites_for_user(self.for_user)
        field.error_messages["invalid_choice"] = _(
            "You can add offices only for the sites whose ITA section you edit. "
            "Choose one of those sites."
        )
        if not self.is_bound and self.instance.pk is None:
            sites = list(field.queryset[:2])
            if len(sites) == 1:
                self.initial["site"] = sites[0].pk


class ResponsibleOfficeFilterSet(WagtailFilterSet):
    site = django_filters.ModelChoiceFilter(
        label=_("site"),
        queryset=lambda request: (
            ita_sites_for_user(request.user) if request else Site.objects.none()
        ),
    )

    class Meta:
        model = ResponsibleOffice
        fields = ["site"]


class OfficeOfUserSitesMixin:
    """Another site's office does not exist for this user: 404, nothing done."""

    def get_object(self, *args, **kwargs):
        office = super().get_object(*args, **kwargs)
        if not office_permission_policy.user_has_any_permission_for_instance(
            self.request.user, ANY_OFFICE_ACTION, office
        ):
            raise Http404
        return office


class EditView(OfficeOfUserSitesMixin, snippets.EditView):
    pass


class CopyView(snippets.CopyView):
    def get_object(self, queryset=None):
        # Wagtail's own check would say "permission denied"; say "not found".
        pk = unquote(str(self.kwargs[self.pk_url_kwarg]))
        if not offices_for_user(self.request.user).filter(pk=pk).exists():
            raise Http404
        return super().get_object(queryset)


class DeleteView(OfficeOfUserSitesMixin, snippets.DeleteView):
    pass


class UsageView(OfficeOfUserSitesMixin, snippets.UsageView):
    pass


class HistoryView(OfficeOfUserSitesMixin, snippets.HistoryView):
    pass


class OfficesOfUserSitesChooseMixin:
    def get_object_list(self):
        return offices_for_user(self.request.user)


class ChooseView(OfficesOfUserSitesChooseMixin, chooser.ChooseView):
    pass


class ChooseResultsView(OfficesOfUserSitesChooseMixin, chooser.ChooseResultsView):
    pass


class ChosenView(chooser.SnippetChosenView):
    def get_object(self, pk):
        return offices_for_user(self.request.user).get(pk=pk)


class ChosenMultipleView(chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return offices_for_user(self.request.user).filter(pk__in=pks)


class NoCreateView(chooser.SnippetCreateView):
    """The chooser has no "Create" tab: its create URL is not found.

    Wagtail registers the URL anyway, and a POST to it fails on the missing
    form (HTTP 500). Offices are added from their own admin pages.
    """

    def dispatch(self, request, *args, **kwargs):
        raise Http404


class ResponsibleOfficeChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView
    create_view_class = NoCreateView


class ResponsibleOfficeViewSet(snippets.SnippetViewSet):
    model = ResponsibleOffice
    icon = "group"
    menu_label = _("Responsible offices")
    # A menu item of its own: clerks find their offices beside ITA checks, and
    # the Snippets index, which counts every site's offices, does not list them.
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["name", "site"]
    filterset_class = ResponsibleOfficeFilterSet
    # Search uses the model's search index (the name). Naming search_fields
    # here would make Wagtail's SQLite backend fail on every search.
    ordering = ["site", "sort_order", "name"]
    edit_handler = ObjectList(
        ResponsibleOffice.panels, base_form_class=ResponsibleOfficeForm
    )
    edit_view_class = EditView
    copy_view_class = CopyView
    delete_view_class = DeleteView
    usage_view_class = UsageView
    history_view_class = HistoryView
    chooser_viewset_class = ResponsibleOfficeChooserViewSet

    def get_queryset(self, request):
        return office_permission_policy.instances_user_has_any_permission_for(
            request.user, ANY_OFFICE_ACTION
        )


class DeleteOfficesBulkAction(DeleteBulkAction):
    """Bulk delete within the user's own sites; other ids are not found."""

    models = [ResponsibleOffice]

    def _offices(self):
        return office_permission_policy.instances_user_has_permission_for(
            self.request.user, "delete"
        )

    def get_queryset(self, model, object_ids):
        return get_list_or_404(self._offices(), pk__in=object_ids)

    def get_all_objects_in_listing_query(self, parent_id):
        return self._offices().values_list("pk", flat=True)
