"""Approvers hear of a submission: by e-mail, and on their admin dashboard."""

import os
import re
import socket
import subprocess
import sys
import threading
from pathlib import Path

import django
import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from wagtail.models import WorkflowState

from ita_wagtail.services.roles import setup_site_roles
from tests import factories
from tests.test_o42_o43_rules import o43_form_data, results_for
from tests.test_roles import create_site


pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


def member(django_user_model, username, group, email=None, language=""):
    """A member with an address, unless told otherwise: the notices go there."""
    if email is None:
        email = f"{username}@example.go.th"
    return factories.member(
        django_user_model, username, group, email=email, language=language
    )


@pytest.fixture
def two_laos(ita_tree, django_user_model):
    """LAO A (ita_tree) and LAO B, each with its roles and people."""
    create_site("b.example.go.th", "อบต.ข")
    from wagtail.models import Site

    roles_a = setup_site_roles(ita_tree.site)
    roles_b = setup_site_roles(Site.objects.get(hostname="b.example.go.th"))
    people = {
        "editor_a": member(django_user_model, "clerk_a", roles_a.editors),
        "palad_a": member(django_user_model, "palad_a", roles_a.approvers),
        "nayok_a": member(
            django_user_model, "nayok_a", roles_a.approvers, language="en"
        ),
        "no_email_a": member(
            django_user_model, "approver_without_email", roles_a.approvers, email=""
        ),
        "webmaster_a": member(django_user_model, "web_a", roles_a.webmasters),
        "palad_b": member(django_user_model, "palad_b", roles_b.approvers),
    }
    ita_tree.people = people
    return ita_tree


def submit_through_the_editor(client, tree):
    client.force_login(tree.people["editor_a"])
    data = o43_form_data(tree, results_for(tree, tree.measure_ids), publish=False)
    data["title"] = "รายงานรอบหกเดือน (ส่งอนุมัติ)"
    data["action-submit"] = "submit"
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[tree.report.pk]), data
    )
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(tree.report.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


@override_settings(WAGTAILADMIN_BASE_URL="https://ita.a.example.go.th")
def test_a_submission_emails_the_approvers_of_the_pages_own_lao_only(client, two_laos):
    mail.outbox.clear()
    submit_through_the_editor(client, two_laos)
    people = two_laos.people
    received = {address for message in mail.outbox for address in message.to}
    assert received == {people["palad_a"].email, people["nayok_a"].email}
    for message in mail.outbox:
        assert len(message.to) == 1
        assert "รายงานรอบหกเดือน (ส่งอนุมัติ)" in message.subject
        edit_url = reverse("wagtailadmin_pages:edit", args=[two_laos.report.pk])
        assert f"https://ita.a.example.go.th{edit_url}" in message.body
    # Each in their own language.
    english = next(m for m in mail.outbox if m.to == [people["nayok_a"].email])
    assert "has been submitted for approval" in english.body


def awaiting_review(client, user):
    """The dashboard's "Awaiting your review" panel (Wagtail's), or None."""
    client.force_login(user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    match = re.search(r'id="awaiting-review-section".*?</section>', html, re.S)
    return match.group(0) if match else None


def test_the_approvers_dashboard_lists_the_submission_to_review(client, two_laos):
    submit_through_the_editor(client, two_laos)
    people = two_laos.people
    edit_url = reverse("wagtailadmin_pages:edit", args=[two_laos.report.pk])
    for name in ["palad_a", "nayok_a", "no_email_a"]:
        panel = awaiting_review(client, people[name])
        assert panel is not None, name
        assert "รายงานรอบหกเดือน (ส่งอนุมัติ)" in panel and edit_url in panel, name
    for name in ["palad_b", "editor_a", "webmaster_a"]:
        panel = awaiting_review(client, people[name])
        assert panel is None or edit_url not in panel, name


def test_a_refusing_mail_server_costs_the_notice_not_the_submission(
    client, two_laos, settings
):
    # A server that refuses the login: the submission still goes through.
    server = FakeSmtpServer(refuse_login=True)
    smtp = {"host": "127.0.0.1", "port": server.port}
    smtp.update(username="ita", password="wrong")
    if django.VERSION >= (6, 1):  # MAILERS replaces the EMAIL_* settings
        backend = "django.core.mail.backends.smtp.EmailBackend"
        settings.MAILERS = {"default": {"BACKEND": backend, "OPTIONS": smtp}}
    else:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = smtp["host"], smtp["port"]
        settings.EMAIL_HOST_USER = smtp["username"]
        settings.EMAIL_HOST_PASSWORD = smtp["password"]
    submit_through_the_editor(client, two_laos)
    server.stop()
    assert server.logins and not server.messages


class FakeSmtpServer:
    """Just enough SMTP to receive messages on 127.0.0.1, in a thread."""

    def __init__(self, refuse_login=False):
        self.refuse_login = refuse_login
        self.messages = []
        self.logins = []
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(30)
        self.port = self.socket.getsockname()[1]
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        try:
            while True:
                connection, _address = self.socket.accept()
                with connection, connection.makefile("rwb") as stream:
                    self.converse(stream)
        except OSError:
            return  # stopped

    def converse(self, stream):
        def reply(line):
            stream.write(line.encode() + b"\r\n")
            stream.flush()

        reply("220 fake ESMTP")
        sender, recipients = None, []
        while line := stream.readline():
            command = line.decode().strip()
            verb = command.split(" ", 1)[0].upper()
            if verb == "EHLO":
                reply("250-fake")
                reply("250 AUTH PLAIN")
            elif verb == "AUTH":
                self.logins.append(command)
                reply("535 refused" if self.refuse_login else "235 ok")
            elif verb == "MAIL":
                sender, recipients = command, []
                reply("250 ok")
            elif verb == "RCPT":
                recipients.append(command)
                reply("250 ok")
            elif verb == "DATA":
                reply("354 go on")
                data = b""
                while (chunk := stream.readline()) != b".\r\n":
                    data += chunk
                self.messages.append((sender, recipients, data))
                reply("250 queued")
            elif verb == "QUIT":
                reply("221 bye")
                return
            else:
                reply("250 ok")

    def stop(self):
        self.socket.close()


def test_the_production_settings_send_mail_through_the_smtp_server_of_the_environment(
    tmp_path,
):
    server = FakeSmtpServer()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "EMAIL_", "WAGTAILADMIN_", "DEFAULT_FROM"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="example_site.settings.production",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="ita.example.go.th",
        DJANGO_CACHE_DIR=str(tmp_path / "cache"),
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(server.port),
        EMAIL_HOST_USER="ita-mailer",
        EMAIL_HOST_PASSWORD="secret",
        DEFAULT_FROM_EMAIL="ita@example.go.th",
        WAGTAILADMIN_NOTIFICATION_FROM_EMAIL="approvals@example.go.th",
    )
    script = (
        "from django.conf import settings; from django.core.mail import send_mail; "
        "print(settings.WAGTAILADMIN_BASE_URL, "
        "settings.WAGTAILADMIN_NOTIFICATION_FROM_EMAIL); "
        "send_mail('s', 'b', settings.WAGTAILADMIN_NOTIFICATION_FROM_EMAIL, "
        "['palad@example.go.th'])"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-W",
            "always",
            str(ROOT / "example_site" / "manage.py"),
            "shell",
            "-c",
            script,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    server.stop()
    assert result.returncode == 0, result.stderr
    # Django 6.1 deprecates the EMAIL_* settings: the settings use MAILERS there.
    assert "Migrate to MAILERS" not in result.stderr
    assert "https://ita.example.go.th approvals@example.go.th" in result.stdout
    assert len(server.logins) == 1  # EMAIL_HOST_USER and its password
    ((sender, recipients, data),) = server.messages
    assert "<approvals@example.go.th>" in sender
    assert [r.split(":", 1)[1] for r in recipients] == ["<palad@example.go.th>"]
    assert b"Subject: s" in data
