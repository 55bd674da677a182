"""Admin: import an O42/O43 table from a file — upload, preview, confirm.

The upload is read and shown as a preview: how each column and row will be
read, which offices exist or will be created, which O42 measure each O43 row
answers. The editor may change the column mapping and leave rows out; on
confirmation the page gets one draft revision. Nothing is ever published.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from ..domain.blocks import ResultStatus
from ..services.importers.errors import MappingError
from ..services.importers.forms import (
    ImportPreviewForm,
    ImportUploadForm,
    discard_table,
)
from ..services.importers.plans import REPLACE, apply_plan, build_plan, page_kind


class MeasurePageActionMixin:
    """Loads the O42/O43 page of the URL and checks the user may edit it."""

    def dispatch(self, request, page_id, *args, **kwargs):
        self.page = get_object_or_404(Page, pk=page_id).specific
        self.kind = page_kind(self.page)
        if self.kind is None:
            raise Http404
        permissions = self.page.permissions_for_user(request.user)
        if not permissions.can_edit():
            raise PermissionDenied
        if permissions.page_locked():
            messages.error(
                request,
                _("The page is locked; it cannot take an import until it is unlocked."),
            )
            return redirect("wagtailadmin_pages:edit", self.page.pk)
        return super().dispatch(request, page_id, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
                "label": self.page.get_admin_display_title(),
            },
            {"url": "", "label": self.get_page_title()},
        ]


class ImportView(MeasurePageActionMixin, WagtailAdminTemplateMixin, View):
    """GET: the upload form. POST: a file (preview) or the preview's choices."""

    page_title = gettext_lazy("Import from file")
    header_icon = "upload"
    upload_template = "ita_wagtail/admin/import_upload.html"
    preview_template = "ita_wagtail/admin/import_preview.html"

    def get(self, request, page_id):
        return self.render_upload(ImportUploadForm())

    def post(self, request, page_id):
        if "token" in request.POST:
            return self.post_preview()
        form = ImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_upload(form)
        preview_form = ImportPreviewForm(
            page=self.page, user=request.user, kind=self.kind, table=form.table
        )
        plan = build_plan(self.page, form.table, form.table.mapping)
        return self.render_preview(preview_form, plan)

    def post_preview(self):
        request = self.request
        form = ImportPreviewForm(
            request.POST, page=self.page, user=request.user, kind=self.kind
        )
        if form.table is None:
            return self.render_upload(
                ImportUploadForm(),
                error=_(
                    "This preview has expired or was changed. Upload the file again."
                ),
            )
        plan = None
        if form.is_valid():
            try:
                plan = build_plan(
                    self.page, form.table, form.mapping(), form.excluded()
                )
            except MappingError as error:
                form.add_error(None, str(error))
        if plan is not None and request.POST.get("action") == "confirm":
            mode = form.cleaned_data.get("mode") or ""
            if not plan.included_rows:
                form.add_error(None, _("No row is chosen for import."))
            elif plan.has_content and not mode:
                form.add_error(
                    "mode", _("Choose whether to replace or add to what the page has.")
                )
            else:
                return self.confirm(plan, mode or REPLACE)
        return self.render_preview(form, plan)

    def confirm(self, plan, mode):
        apply_plan(plan, mode, self.request.user)
        discard_table(self.request.POST.get("token"))
        count = len(plan.included_rows)
        messages.success(
            self.request,
            ngettext(
                "%(count)s row of “%(file)s” was imported as a draft. Check it, "
                "then publish.",
                "%(count)s rows of “%(file)s” were imported as a draft. Check them, "
                "then publish.",
                count,
            )
            % {"count": count, "file": plan.table.file_name},
        )
        return redirect("wagtailadmin_pages:edit", self.page.pk)

    def render_upload(self, form, error=""):
        self.template_name = self.upload_template
        return self.render_to_response(
            self.get_context_data(
                form=form, page=self.page, kind=self.kind, upload_error=error
            )
        )

    def render_preview(self, form, plan):
        self.template_name = self.preview_template
        return self.render_to_response(
            self.get_context_data(
                form=form,
                plan=plan,
                page=self.page,
                kind=self.kind,
                status_choices=ResultStatus.choices,
            )
        )
