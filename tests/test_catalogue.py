"""The OIT catalogue: shipped years, loading and copying, and who may change it."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from ita_wagtail.models import OitItem, PageType
from ita_wagtail.models.catalogue_loading import copy_year, load_year, shipped_years


pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_2564_ships_o1_to_o43_grouped_by_indicator():
    load_year(2564)
    items = list(OitItem.objects.for_year(2564))
    assert [item.code for item in items] == [f"O{n}" for n in range(1, 44)]
    o7 = OitItem.objects.get(year=2564, code="O7")
    assert (o7.indicator, o7.sub_indicator, o7.title_th) == (
        "9",
        "9.1",
        "ข่าวประชาสัมพันธ์",
    )
    assert OitItem.objects.get(year=2564, code="O42").page_type == PageType.MEASURES
    assert (
        OitItem.objects.get(year=2564, code="O43").page_type == PageType.MEASURE_RESULTS
    )
    assert all(item.requirements for item in items)


def test_2565_and_2566_carry_their_changes():
    assert {2564, 2565, 2566} <= set(shipped_years())
    load_year(2565)
    load_year(2566)
    assert "No Gift" in OitItem.objects.get(year=2565, code="O34").title_th
    assert OitItem.objects.get(year=2565, code="O36").title_th.endswith(
        "และประพฤติมิชอบประจำปี"
    )
    assert "No Gift" in OitItem.objects.get(year=2566, code="O31").title_th
    assert (
        OitItem.objects.get(year=2566, code="O39").title_th
        == "ประมวลจริยธรรมสำหรับเจ้าหน้าที่ของรัฐ"
    )
    assert (
        OitItem.objects.get(year=2566, code="O42").title_th
        == "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    )
    assert "unverified" in OitItem.objects.get(year=2566, code="O1").note


def test_loading_a_year_twice_changes_nothing():
    first = run("ita_catalogue", "load", "2564")
    assert "เพิ่ม 43 ข้อ" in first
    before = list(OitItem.objects.values())
    second = run("ita_catalogue", "load", "2564")
    assert "เพิ่ม 0 ข้อ ปรับปรุง 0 ข้อ ไม่เปลี่ยนแปลง 43 ข้อ" in second
    assert list(OitItem.objects.values()) == before


def test_loading_restores_a_shipped_field_but_keeps_items_added_by_webmasters():
    load_year(2564)
    OitItem.objects.filter(year=2564, code="O1").update(title_th="แก้ผิด")
    OitItem.objects.create(
        year=2564,
        code="O44",
        title_th="ข้อเพิ่มเติม",
        indicator="10",
        indicator_title="x",
        sub_indicator="10.2",
        sub_indicator_title="y",
    )
    result = load_year(2564)
    assert (result.created, result.updated) == (0, 1)
    assert OitItem.objects.get(year=2564, code="O1").title_th == "โครงสร้าง"
    assert OitItem.objects.filter(year=2564, code="O44").exists()


def test_copy_starts_a_new_year_from_an_old_one():
    load_year(2564)
    copy_year(2564, 2568)
    out = run("ita_catalogue", "copy", "2568", "2569")
    assert "คัดลอก 43 ข้อจากปี 2568" in out
    assert OitItem.objects.filter(year=2569).count() == 43
    o42 = OitItem.objects.get(year=2569, code="O42")
    assert (o42.title_th, o42.page_type, o42.number) == (
        OitItem.objects.get(year=2564, code="O42").title_th,
        PageType.MEASURES,
        42,
    )
    assert "คัดลอก 0 ข้อ" in run("ita_catalogue", "copy", "2568", "2569")


def test_unknown_years_give_a_clear_error():
    with pytest.raises(CommandError, match="ไม่มีรายการข้อของปี 2599"):
        run("ita_catalogue", "load", "2599")
    with pytest.raises(CommandError, match="ยังไม่มีรายการข้อ OIT ของปี 2590"):
        run("ita_catalogue", "copy", "2590", "2591")
    with (
        translation.override("en"),
        pytest.raises(CommandError, match="No item list ships for 2599"),
    ):
        run("ita_catalogue", "load", "2599")


def test_load_all_with_no_shipped_data_says_what_is_missing(tmp_path, monkeypatch):
    # A package built without catalogue_data/ (the bug of issue 12): --all was
    # given, so the message names the missing files, not the missing argument.
    monkeypatch.setattr("ita_wagtail.models.catalogue_loading.DATA_DIR", tmp_path)
    monkeypatch.setattr(
        "ita_wagtail.management.commands.ita_catalogue.DATA_DIR", tmp_path
    )
    with pytest.raises(CommandError) as thai:
        run("ita_catalogue", "load", "--all")
    assert str(tmp_path) in str(thai.value)
    assert "ไม่พบไฟล์ <ปี>.json" in str(thai.value)
    with translation.override("en"), pytest.raises(CommandError) as english:
        run("ita_catalogue", "load", "--all")
    assert "holds no <year>.json file" in str(english.value)
    assert "--all" not in str(english.value)
    assert not OitItem.objects.exists()


# Only webmasters change the catalogue ------------------------------------------


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def webmaster(django_user_model):
    user = django_user_model.objects.create_user("webmaster", password="pw")
    user.groups.add(Group.objects.get(name="Editors"))
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="ita_wagtail", codename__endswith="_oititem"
        )
    )
    return user


INDEX = "/admin/ita_wagtail/oititem/"


def test_an_editor_can_neither_list_nor_change_the_catalogue(client, editor):
    load_year(2564)
    client.force_login(editor)
    item = OitItem.objects.get(year=2564, code="O1")
    for url in [INDEX, f"{INDEX}create/", f"{INDEX}edit/{item.pk}/"]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
    response = client.post(f"{INDEX}edit/{item.pk}/", {"title_th": "x"})
    assert OitItem.objects.get(pk=item.pk).title_th == "โครงสร้าง"


def test_a_webmaster_lists_filters_searches_and_edits_the_catalogue(client, webmaster):
    load_year(2564)
    load_year(2565)
    client.force_login(webmaster)
    listing = client.get(INDEX, {"year": 2565, "indicator": "10"})
    assert listing.status_code == 200
    assert "นโยบายไม่รับของขวัญ" in listing.content.decode()
    assert "แผนยุทธศาสตร์" not in listing.content.decode()
    search = client.get(INDEX, {"q": "E-Service"}).content.decode()
    assert "O17" in search
    item = OitItem.objects.get(year=2565, code="O1")
    response = client.post(
        f"{INDEX}edit/{item.pk}/",
        {
            "year": 2565,
            "code": "O1",
            "sort_order": 1,
            "title_th": "โครงสร้างองค์กร",
            "title_en": "Structure",
            "indicator": "9",
            "indicator_title": "การเปิดเผยข้อมูล",
            "sub_indicator": "9.1",
            "sub_indicator_title": "ข้อมูลพื้นฐาน",
            "requirements": "แผนผัง",
            "page_type": "item",
            "note": "",
        },
    )
    assert response.status_code == 302
    assert OitItem.objects.get(pk=item.pk).title_th == "โครงสร้างองค์กร"
