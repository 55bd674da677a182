"""E-mail to the approvers when a page is submitted to the ITA approval.

Wagtail e-mails the members of a ``GroupApprovalTask``'s groups; the ITA
approval (``models.approval.ItaApprovalTask``) has no groups, it reads the
approvers from the page. So this notifier e-mails the approvers of the page's
own ITA section, and nobody of another LAO: the members of the site's
approver group (``roles``) whom the task lets approve the page, except the
one who submitted it. Wagtail's own templates and the recipients' language
and notification preferences apply; superusers get Wagtail's workflow
notice as before.

The same submissions are listed on the approvers' dashboard by Wagtail's
"Awaiting your review" panel, which asks the task
(``get_task_states_user_can_moderate``), whether or not e-mail works.
"""

import logging
import smtplib

from django.contrib.auth import get_user_model
from wagtail.admin.mail import BaseGroupApprovalTaskStateEmailNotifier
from wagtail.models import Page, TaskState
from wagtail.signals import task_submitted

from ..domain.roles import GROUP_NAMES
from ..models import ItaApprovalTask


logger = logging.getLogger(__name__)


class ItaApprovalSubmissionEmailNotifier(BaseGroupApprovalTaskStateEmailNotifier):
    notification = "submitted"

    def can_handle(self, instance, **kwargs):
        return isinstance(instance, TaskState) and isinstance(
            instance.task.specific, ItaApprovalTask
        )

    def get_recipient_users(self, task_state, **kwargs):
        page = task_state.workflow_state.content_object
        if not isinstance(page, Page):
            return set()
        task = task_state.task.specific
        triggering_user = kwargs.get("user")
        # The approver groups with permissions on the page's section (one
        # query), then the task's own rule decides, as for approving.
        candidates = (
            get_user_model()
            .objects.filter(
                is_active=True,
                groups__name__startswith=GROUP_NAMES["approver"],
                groups__page_permissions__page__in=Page.objects.ancestor_of(
                    page, inclusive=True
                ),
            )
            .distinct()
        )
        return {
            user
            for user in candidates
            if user != triggering_user and task.user_may_approve(page, user)
        }

    def send_notifications(self, template_set, context, recipients, **kwargs):
        # A mail server that refuses the login or the sender costs the notice,
        # not the submission (Wagtail catches only connection errors).
        try:
            return super().send_notifications(
                template_set, context, recipients, **kwargs
            )
        except (smtplib.SMTPException, OSError):
            logger.exception("The ITA approval notice could not be sent")
            return False


ita_approval_submission_notifier = ItaApprovalSubmissionEmailNotifier()


def register_notifications():
    task_submitted.connect(
        ita_approval_submission_notifier,
        sender=TaskState,
        dispatch_uid="ita_wagtail_approval_task_submitted_email_notification",
    )
