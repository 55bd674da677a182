"""The approval step of ITA pages: the page's own LAO's approvers decide."""

from functools import partial, reduce
from operator import or_

from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    GroupPagePermission,
    Page,
    Task,
    TaskState,
    get_default_page_content_type,
)

from ..domain.roles import GROUP_NAMES


#: The query parameter naming the task state an approver has just approved.
APPROVED_PARAMETER = "ita_approved"


def publish_approved(workflow_state, user=None):
    """Publish what an approver approved: the page's latest revision.

    Wagtail's own ``publish_workflow_state``, without its check that the
    approver holds ``publish_page``: in the ITA roles nobody does, and
    ``ItaApprovalTask.on_action`` has checked that the user approves this
    page and that it is someone else's work.
    """
    workflow_state.content_object.get_latest_revision().publish(
        user=user, skip_permission_checks=True
    )


class ItaApprovalTask(Task):
    """Approval by the approvers (ปลัด / นายก) of the page's own ITA section.

    Who may approve is read from the page, not from a list of groups on the
    task: a member of an approver group (see ``roles``) with permission to
    edit the page's section. So one task serves every LAO on the instance,
    and an approver of one LAO neither sees nor approves another's pages.
    Nobody approves their own work: not a submission they made, nor one whose
    latest revision (what approving publishes) they saved themselves.
    One task matters at scale: Wagtail asks every active task, on every
    dashboard, which submissions the user may review, a query per task; a
    task per LAO would cost a province's dashboard a thousand queries.
    """

    admin_form_fields = Task.admin_form_fields

    class Meta:
        verbose_name = _("ITA approval task")
        verbose_name_plural = _("ITA approval tasks")

    @classmethod
    def get_description(cls):
        return _("The approvers (ปลัด / นายก) of the page's own ITA section approve it")

    def approver_paths(self, user):
        """Tree paths of the sections the user approves, cached on the user."""
        cache_attribute = "_ita_approver_paths"
        if not hasattr(user, cache_attribute):
            paths = []
            if user.is_active and not user.is_anonymous:
                paths = list(
                    GroupPagePermission.objects.filter(
                        group__user=user,
                        group__name__startswith=GROUP_NAMES["approver"],
                        permission__content_type__app_label="wagtailcore",
                        permission__codename="change_page",
                    ).values_list("page__path", flat=True)
                )
            setattr(user, cache_attribute, paths)
        return getattr(user, cache_attribute)

    def user_may_approve(self, obj, user):
        """Whether the user is one of the page's approvers (their own work or not)."""
        if not user.is_active:
            return False
        if user.is_superuser:
            return True
        if not isinstance(obj, Page):
            return False
        return any(obj.path.startswith(path) for path in self.approver_paths(user))

    @staticmethod
    def is_own_work(obj, user):
        """Whether the user submitted the page, or saved what approving would publish.

        Approving publishes the page's latest revision (Wagtail's
        ``publish_workflow_state``), so an approver who edited a submission
        does not approve it: another approver does, or they request changes.
        """
        state = getattr(obj, "current_workflow_state", None)
        if state is not None and state.requested_by_id == user.pk:
            return True
        latest = obj.get_latest_revision() if isinstance(obj, Page) else None
        return latest is not None and latest.user_id == user.pk

    def user_can_access_editor(self, obj, user):
        return self.user_may_approve(obj, user)

    def locked_for_user(self, obj, user):
        return not self.user_may_approve(obj, user)

    def user_can_lock(self, obj, user):
        return self.user_may_approve(obj, user)

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        if not self.user_may_approve(obj, user) or self.is_own_work(obj, user):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve"), False),
            ("approve", _("Approve with comment"), True),
        ]

    def on_action(self, task_state, user, action_name, **kwargs):
        """Check again at the moment of approving, on the page as it is now.

        Wagtail's edit view saves the approver's own changes before it calls
        the action: approving them would publish the approver's own work.
        """
        if action_name == "approve":
            page = Page.objects.get(pk=task_state.workflow_state.object_id)
            if not self.user_may_approve(page, user) or self.is_own_work(page, user):
                raise PermissionDenied
            # Approvers hold no publish_page (nobody publishes alone): the
            # approval itself publishes, with this task's authority.
            task_state.workflow_state.on_finish = partial(
                publish_approved, task_state.workflow_state
            )
        super().on_action(task_state, user, action_name, **kwargs)
        if action_name == "approve":
            # Wagtail's workflow action view redirects to what on_action
            # returns, and passes it no request: the edit view it redirects to
            # tells the approver what their approval did (see wagtail_hooks).
            edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
            return f"{edit_url}?{urlencode({APPROVED_PARAMETER: task_state.pk})}"
        return None

    def get_task_states_user_can_moderate(self, user, **kwargs):
        in_progress = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.pk is not None:  # nobody reviews their own submission
            in_progress = in_progress.exclude(workflow_state__requested_by=user.pk)
        if user.is_active and user.is_superuser:
            return in_progress
        paths = self.approver_paths(user)
        if not paths:
            return TaskState.objects.none()
        # Workflow states name their page by a text object id.
        page_ids = (
            Page.objects.filter(reduce(or_, (Q(path__startswith=p) for p in paths)))
            .annotate(text_id=Cast("id", output_field=CharField()))
            .values("text_id")
        )
        return in_progress.filter(
            workflow_state__base_content_type=get_default_page_content_type(),
            workflow_state__object_id__in=page_ids,
        )
