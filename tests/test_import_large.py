"""A large file near the import limit previews and confirms through the admin.

The preview is kept on the server: the form carries an opaque id, not the
table (a 9.4 MB CSV once made a 4.7 MB token, which Django refused with
HTTP 400 on confirmation).
"""

import re

import pytest
from django.urls import reverse

from ita_wagtail.services.importers import import_max_bytes
from tests.factories import ItaTree
from tests.importing import csv_bytes
from tests.test_import_admin import (  # noqa: F401  (fixture)
    admin_client,
    choices,
    import_url,
    latest,
    upload,
)


pytestmark = pytest.mark.django_db

HEADER = ["มาตรการ/แนวทาง", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ"]


def large_csv(rows, target_bytes):
    """A measures table of ``rows`` rows filling about ``target_bytes``."""
    step = "จัดประชุมชี้แจงแนวทางการเปิดเผยข้อมูลต่อสาธารณะให้บุคลากรทุกกองทราบ "
    per_row = max(target_bytes // rows, 200)
    steps = "\n".join(
        f"{n}. {step}" for n in range(1, per_row // len(step.encode()) + 1)
    )
    table = [HEADER] + [
        [f"{n}. มาตรการส่งเสริมความโปร่งใสที่ {n}", steps, "กองคลัง", ""]
        for n in range(1, rows + 1)
    ]
    return csv_bytes(table)


def test_a_csv_near_the_import_limit_previews_and_confirms(admin_client):  # noqa: F811
    tree = ItaTree(measure_count=0)
    data = large_csv(600, int(import_max_bytes() * 0.93))
    assert 0.9 * import_max_bytes() < len(data) <= import_max_bytes()
    preview = upload(admin_client, tree.plan, "large.csv", data)
    assert preview.status_code == 200
    form = choices(preview, action="confirm")
    # The form carries an id of the preview, not the table.
    assert re.fullmatch(r"[A-Za-z0-9_-]{32,64}", form["token"])
    assert len(form["include"]) == 600
    response = admin_client.post(import_url(tree.plan), form)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "wagtailadmin_pages:edit", args=[tree.plan.pk]
    )
    measures = latest(tree.plan).measures
    assert len(measures) == 600
    assert measures[599].value["measure"] == "มาตรการส่งเสริมความโปร่งใสที่ 600"
    # Confirmed once: the preview is gone, a second confirmation adds nothing.
    again = admin_client.post(import_url(tree.plan), form)
    assert "expired or was changed" in again.content.decode()
    assert len(latest(tree.plan).measures) == 600


def test_a_preview_belongs_to_its_user(admin_client, client, django_user_model):  # noqa: F811
    tree = ItaTree(measure_count=0)
    preview = upload(admin_client, tree.plan, "small.csv", large_csv(3, 1000))
    other = django_user_model.objects.create_superuser("other", "o@x.th", "pw")
    client.force_login(other)
    response = client.post(import_url(tree.plan), choices(preview, action="confirm"))
    assert response.status_code == 200
    assert not latest(tree.plan).measures


def test_more_rows_than_a_form_can_send_back_are_refused_at_upload(
    admin_client,  # noqa: F811
    settings,
):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 100
    tree = ItaTree(measure_count=0)
    response = upload(admin_client, tree.plan, "long.csv", large_csv(150, 20000))
    html = response.content.decode()
    assert "“long.csv” has 150 rows; at most 88 can be imported at once." in html
    assert 'name="token"' not in html
