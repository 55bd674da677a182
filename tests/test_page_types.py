"""Where each ITA page type can be created, and that each one routes and renders."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import rich_text

from example_site.demo.models import HomePage
from ita_wagtail.models import (
    ItaIndexPage,
    ItaYearPage,
    MeasureIndexPage,
    MeasureResultPage,
)
from tests.factories import ItaTree


class ItaPageTreeRulesTests(WagtailPageTestCase):
    def test_ita_index_lives_under_the_home_page_and_holds_only_years(self):
        self.assertCanCreateAt(HomePage, ItaIndexPage)
        self.assertAllowedSubpageTypes(ItaIndexPage, {ItaYearPage})

    def test_a_year_lives_only_under_the_ita_index(self):
        self.assertAllowedParentPageTypes(ItaYearPage, {ItaIndexPage})
        self.assertCanNotCreateAt(HomePage, ItaYearPage)
        self.assertCanNotCreateAt(Page, ItaYearPage)

    def test_o42_lives_only_under_a_year(self):
        self.assertAllowedParentPageTypes(MeasureIndexPage, {ItaYearPage})
        self.assertAllowedSubpageTypes(MeasureIndexPage, {MeasureResultPage})
        self.assertCanNotCreateAt(ItaIndexPage, MeasureIndexPage)

    def test_o43_lives_only_under_its_o42(self):
        # A report on another year's measures (2569's O26) may sit under its own
        # year page (docs/webmaster-guide.md, "Assessment years"); O43 of 2564 may not.
        self.assertAllowedParentPageTypes(
            MeasureResultPage, {MeasureIndexPage, ItaYearPage}
        )
        self.assertAllowedSubpageTypes(MeasureResultPage, set())
        tree = ItaTree()
        self.assertFalse(MeasureResultPage.can_create_at(tree.year_page))
        self.assertTrue(MeasureResultPage.can_create_at(tree.plan))

    def test_one_ita_index_per_parent_and_one_o42_per_year(self):
        tree = ItaTree()
        self.assertFalse(ItaIndexPage.can_create_at(tree.home))
        self.assertFalse(MeasureIndexPage.can_create_at(tree.year_page))
        self.assertTrue(MeasureResultPage.can_create_at(tree.plan))


class ItaPagesRouteAndRenderTests(WagtailPageTestCase):
    def setUp(self):
        self.tree = ItaTree()

    def test_every_ita_page_is_routable_and_renderable(self):
        for page in [
            self.tree.index,
            self.tree.year_page,
            self.tree.plan,
            self.tree.report,
        ]:
            with self.subTest(page=type(page).__name__):
                self.assertPageIsRoutable(page)
                self.assertPageIsRenderable(page)

    def test_urls_are_readable_under_the_site(self):
        self.assertEqual(self.tree.report.url, "/ita/2564/o42/o43/")

    def test_a_year_is_creatable_by_an_editor_with_its_year_as_slug(self):
        self.login()
        self.assertCanCreate(
            self.tree.index,
            ItaYearPage,
            {
                "title": "ปีงบประมาณ พ.ศ. 2565",
                "slug": "2565",
                "year": "2565",
                "intro": rich_text(""),
            },
        )
