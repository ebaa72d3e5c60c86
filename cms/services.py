"""Writes of the portal: editorial groups and the news moderation workflow."""
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask, GroupPagePermission, Workflow, WorkflowPage, WorkflowTask

EDITORS = "Editors"  # Wagtail's own group names (its migrations create them)
MODERATORS = "Moderators"
NEWS_WORKFLOW = "Duyệt tin tức OCOP"


def _page_permission(codename):
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


@transaction.atomic
def editorial_groups_ensure(*, section):
    """Editors write and submit; moderators also publish. Both reach the Wagtail admin; neither is a superuser."""
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    rights = {EDITORS: ("add_page", "change_page"), MODERATORS: ("add_page", "change_page", "publish_page")}
    groups = {}
    for name, codenames in rights.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(group=group, page=section, permission=_page_permission(codename))
        groups[name] = group
    return groups


@transaction.atomic
def news_moderation_ensure(*, news_index):
    """News needs a moderator's approval before it goes live: a workflow on the news index."""
    groups = editorial_groups_ensure(section=news_index.get_parent())
    workflow, _created = Workflow.objects.get_or_create(name=NEWS_WORKFLOW, defaults={"active": True})
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.filter(name=str(_("Ban biên tập duyệt tin"))).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=str(_("Ban biên tập duyệt tin")))
            task.groups.set([groups[MODERATORS]])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)  # a cluster child: save it directly
    WorkflowPage.objects.update_or_create(page=news_index, defaults={"workflow": workflow})
    return workflow


def scheduled_publish():
    """Publish pages (and snippets) whose go-live time has come and unpublish the expired ones:
    Wagtail's own `publish_scheduled`, run by beat every minute (background.periodic)."""
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    return out.getvalue()
