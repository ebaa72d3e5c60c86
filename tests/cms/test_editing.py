"""Editing: editors (not superusers) submit news, moderators approve; scheduled publishing; sanitised rich text."""
import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import NewsPage
from cms.services import EDITORS, MODERATORS, news_moderation_ensure
from tests.factories import UserFactory
from tests.factories.cms import news_index, news_page

pytestmark = pytest.mark.django_db


def article_form(title, slug, html="<p>Nội dung</p>", **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "date": "2024-06-25",
            "author": "Phóng viên",
            "intro": "",
            "body": streamfield([("paragraph", rich_text(html))]),
            "tags": "",
            "comments": inline_formset([]),
            **extra,
        }
    )


def member_of(group_name):
    groups = news_moderation_ensure(news_index=news_index()).workflow_tasks.first().task.specific.groups
    user = UserFactory(is_staff=False, is_superuser=False)
    from django.contrib.auth.models import Group

    user.groups.add(Group.objects.get(name=group_name))
    assert groups.filter(name=MODERATORS).exists()
    return user


def test_editor_submits_news_and_a_moderator_approves_it(client):
    index = news_index()
    editor = member_of(EDITORS)
    moderator = member_of(MODERATORS)
    client.force_login(editor)
    response = client.post(
        f"/cms/pages/add/cms/newspage/{index.pk}/",
        {**article_form("Hội chợ OCOP tháng 9", "hoi-cho-thang-9"), "action-submit": "Submit"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = NewsPage.objects.get(slug="hoi-cho-thang-9")
    assert not page.live
    state = page.current_workflow_state
    assert state is not None and state.status == state.STATUS_IN_PROGRESS
    visitor = Client()
    assert "Hội chợ OCOP tháng 9" not in visitor.get("/news/").content.decode()

    state.current_task_state.approve(user=moderator)
    page.refresh_from_db()
    assert page.live
    assert "Hội chợ OCOP tháng 9" in visitor.get("/news/").content.decode()


def test_editor_cannot_publish_directly(client):
    index = news_index()
    editor = member_of(EDITORS)
    client.force_login(editor)
    client.post(
        f"/cms/pages/add/cms/newspage/{index.pk}/",
        {**article_form("Tin đăng thẳng", "tin-dang-thang"), "action-publish": "Publish"},
    )
    page = NewsPage.objects.filter(slug="tin-dang-thang").first()
    assert page is None or not page.live


def test_scheduled_article_goes_live_at_its_time(client):
    page = news_page(title="Tin hẹn giờ")
    page.unpublish()
    go_live = timezone.now() + datetime.timedelta(hours=1)
    page.go_live_at = go_live
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live
    assert "Tin hẹn giờ" not in client.get("/news/").content.decode()

    call_command("publish_scheduled")  # too early: nothing happens
    page.refresh_from_db()
    assert not page.live
    with mock.patch("django.utils.timezone.now", return_value=go_live + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    assert "Tin hẹn giờ" in client.get("/news/").content.decode()


def test_scripts_do_not_survive_into_the_page(client, admin_user):
    index = news_index()
    client.force_login(admin_user)
    response = client.post(
        f"/cms/pages/add/cms/newspage/{index.pk}/",
        {
            **article_form(
                "Bài có mã độc",
                "bai-co-ma-doc",
                html='<p>Chè Shan tuyết<script>alert("x")</script> <a href="javascript:alert(1)">bấm</a></p>',
            ),
            "action-publish": "Publish",
        },
    )
    assert response.status_code == 302
    html = client.get(NewsPage.objects.get(slug="bai-co-ma-doc").url).content.decode()
    assert "Chè Shan tuyết" in html
    assert "<script>alert" not in html  # the tag is dropped; its text stays inert
    assert "javascript:" not in html
