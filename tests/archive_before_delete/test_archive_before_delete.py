"""Every deleted project is archived with its tasks, in the delete's transaction, with why."""

import pytest
from django.db import transaction
from django.db.models.signals import post_delete

from katas.archive_before_delete.models import Client, Project, ProjectArchive, Task
from tests.signal_tools import learner_code

pytestmark = pytest.mark.django_db

FILE = "katas/archive_before_delete/receivers.py"
DELETED = ProjectArchive.Reason.DELETED
CLIENT_DELETED = ProjectArchive.Reason.CLIENT_DELETED
ADVICE = {
    AttributeError: (
        "pre_delete is sent for every model Django deletes: clients, projects, tasks. A "
        "receiver connected without sender=Project also runs for a Task or a Client."
    ),
}


class StorageRefused(Exception):
    """Raised by the test's own post_delete receiver: the delete fails after yours ran."""


@pytest.fixture
def delete(django_capture_on_commit_callbacks):
    """Run a delete as the learner's receivers see it; their errors become lessons."""

    def run(doing, deleting):
        with learner_code(doing, ADVICE), django_capture_on_commit_callbacks() as callbacks:
            deleting()
        if callbacks and not ProjectArchive.objects.exists():
            pytest.fail(
                f"{doing} wrote no ProjectArchive, and left {len(callbacks)} callback(s) "
                "waiting for the commit (transaction.on_commit). An archive written after "
                "the commit is lost when the process stops in between, and by then the "
                "tasks are gone: write it in the delete's own transaction, in pre_delete. "
                f"({FILE})",
                pytrace=False,
            )

    return run


def archives() -> dict[int, ProjectArchive]:
    return {archive.project_id: archive for archive in ProjectArchive.objects.all()}


def tasks_in(archive) -> list[tuple[str, bool]]:
    try:
        return sorted((task["title"], task["done"]) for task in archive.tasks)
    except (TypeError, KeyError):
        pytest.fail(
            f"The archive of {archive.name!r} holds tasks={archive.tasks!r}; it should be a "
            'list with one {"title": ..., "done": ...} per task (see ProjectArchive in '
            "models.py).",
            pytrace=False,
        )


def expect_archived(agency, names, how):
    """Each project of ``names`` has exactly one archive, with its client and its tasks."""
    found = archives()
    for name in names:
        project_id = agency.ids[name]
        archive = found.get(project_id)
        assert archive is not None, (
            f"{how}, project {name!r} (id {project_id}) has no ProjectArchive; the archives "
            f"are for {sorted(a.name for a in found.values()) or 'no project'}. A pre_delete "
            f"receiver for Project should create one for every project deleted. ({FILE})"
        )
        copies = ProjectArchive.objects.filter(project_id=project_id).count()
        assert copies == 1, f"{how}, project {name!r} was archived {copies} times, not once."
        assert (archive.name, archive.client_name) == (name, agency.client_of[name]), (
            f"{how}, the archive of project {project_id} has name={archive.name!r} and "
            f"client_name={archive.client_name!r}; expected {name!r} and "
            f"{agency.client_of[name]!r}."
        )
        expected, archived = agency.tasks_of(name), tasks_in(archive)
        assert archived == expected, (
            f"{how}, the archive of {name!r} holds the tasks {archived}; expected {expected}."
            + (
                " They were already deleted when your receiver read them: the cascade deletes "
                "the tasks before the project, so by post_delete they are gone. pre_delete is "
                "sent for every project before any row is deleted."
                if expected and not archived
                else ""
            )
            + f" ({FILE})"
        )


def expect_only(names, how):
    archived = sorted(archive.name for archive in ProjectArchive.objects.all())
    assert archived == sorted(names), (
        f"{how}, the archives are for {archived or 'no project'}; expected exactly "
        f"{sorted(names) or 'none'}: one per project deleted, and only those. ({FILE})"
    )


def expect_archiving_works(agency, delete):
    """Fail with a pointer to task 1 when deleting a project archives nothing yet."""
    delete("Deleting project 'Intranet'", agency.projects["Intranet"].delete)
    archived = ProjectArchive.objects.filter(name="Intranet").exists()
    assert archived, (
        "This test needs task 1 done first: deleting a project should create a "
        "ProjectArchive of it; project 'Intranet' was deleted and none was created."
    )


# --- task 1 -----------------------------------------------------------------------------


@pytest.mark.task(1)
def test_deleting_a_project_archives_it_with_its_tasks(agency, delete):
    delete("project.delete()", agency.projects["Website"].delete)

    expect_archived(agency, ["Website"], "After project 'Website' was deleted")
    expect_only(["Website"], "After project 'Website' was deleted")


@pytest.mark.task(1)
def test_a_project_without_tasks_is_archived_too(agency, delete):
    delete("project.delete()", agency.projects["Brochure"].delete)

    expect_archived(agency, ["Brochure"], "After project 'Brochure' (no tasks) was deleted")


@pytest.mark.task(1)
def test_a_delete_that_fails_leaves_no_archive(agency, delete):
    expect_archiving_works(agency, delete)
    mobile = agency.projects["Mobile app"]

    def refuse(sender, instance, **kwargs):
        raise StorageRefused("the document storage refused to let the project go")

    post_delete.connect(refuse, sender=Project, dispatch_uid="tests.archive_before_delete.refuse")
    failure = None
    try:
        with learner_code("Deleting project 'Mobile app', which fails", ADVICE):
            try:
                with transaction.atomic():
                    mobile.delete()
            except StorageRefused:
                pass
            else:
                failure = "The delete did not fail: is a receiver catching its error?"
    finally:
        post_delete.disconnect(sender=Project, dispatch_uid="tests.archive_before_delete.refuse")
    assert failure is None, failure

    tasks = Task.objects.filter(project__name="Mobile app").count()
    assert tasks == 2, (
        "The failed delete should have been rolled back, but the project or its tasks are "
        f"gone ({tasks} of its 2 tasks left)."
    )
    left = list(ProjectArchive.objects.filter(name="Mobile app"))
    assert left == [], (
        "Deleting project 'Mobile app' failed (a post_delete receiver raised after yours "
        "ran) and was rolled back: the project and its 2 tasks are still there. Its "
        f"archive should have gone with it; {len(left)} ProjectArchive remained. Write the "
        "archive with the delete's own connection, inside its transaction (the Collector "
        f"runs pre_delete inside it: use the `using` it passes). ({FILE})"
    )


# --- task 2 -----------------------------------------------------------------------------


@pytest.mark.task(2)
def test_deleting_a_queryset_of_projects_archives_each(agency, delete):
    acme = agency.clients["Acme"]
    delete(
        "Project.objects.filter(client=acme).delete()",
        lambda: Project.objects.filter(client=acme).delete(),
    )

    how = "After Project.objects.filter(client=acme).delete()"
    expect_archived(agency, ["Website", "Mobile app", "Brochure"], how)
    expect_only(["Website", "Mobile app", "Brochure"], how)


@pytest.mark.task(2)
def test_deleting_a_client_archives_each_of_its_projects(agency, delete):
    delete("client.delete()", agency.clients["Acme"].delete)

    how = "After client 'Acme' was deleted (its projects with it)"
    expect_archived(agency, ["Website", "Mobile app", "Brochure"], how)
    expect_only(["Website", "Mobile app", "Brochure"], how)


@pytest.mark.task(2)
def test_deleting_tasks_archives_nothing(agency, delete):
    expect_archiving_works(agency, delete)
    delete("Deleting one task", Task.objects.get(title="Design").delete)
    delete(
        "Deleting the tasks of project 'Mobile app'",
        lambda: Task.objects.filter(project__name="Mobile app").delete(),
    )

    expect_only(["Intranet"], "After deleting tasks (and no project but 'Intranet')")


# --- task 3 -----------------------------------------------------------------------------


def expect_reasons(expected, how, advice):
    found = {archive.name: archive.reason for archive in ProjectArchive.objects.all()}
    wanted = {name: str(reason) for name, reason in expected.items()}
    missing = sorted(set(wanted) - set(found))
    assert not missing, (
        f"This test needs tasks 1 and 2 done first: {how}, no ProjectArchive was written for "
        f"{', '.join(missing)}."
    )
    assert {name: found.get(name) for name in wanted} == wanted, (
        f"{how}, the archives' reasons are {found or 'missing'}; expected {wanted}. {advice} "
        f"({FILE})"
    )


@pytest.mark.task(3)
def test_a_project_deleted_on_its_own_is_archived_as_deleted(agency, delete):
    delete("project.delete()", agency.projects["Website"].delete)
    expect_reasons(
        {"Website": DELETED},
        "After project.delete()",
        "pre_delete's `origin` is what delete() was called on: here the project itself.",
    )

    delete(
        "Project.objects.filter(name__in=['Mobile app', 'Brochure']).delete()",
        lambda: Project.objects.filter(name__in=["Mobile app", "Brochure"]).delete(),
    )
    expect_reasons(
        {"Mobile app": DELETED, "Brochure": DELETED},
        "After Project.objects.filter(...).delete()",
        "For QuerySet.delete(), `origin` is the QuerySet itself, not a project: its "
        "`.model` is Project.",
    )


@pytest.mark.task(3)
def test_projects_deleted_with_their_client_are_archived_as_such(agency, delete):
    delete("client.delete()", agency.clients["Acme"].delete)
    expect_reasons(
        {"Website": CLIENT_DELETED, "Mobile app": CLIENT_DELETED, "Brochure": CLIENT_DELETED},
        "After client 'Acme' was deleted",
        "Every pre_delete of a cascade carries the same `origin`: the client that "
        "client.delete() was called on.",
    )

    delete(
        "Client.objects.filter(name='Globex').delete()",
        lambda: Client.objects.filter(name="Globex").delete(),
    )
    expect_reasons(
        {"Intranet": CLIENT_DELETED},
        "After Client.objects.filter(name='Globex').delete()",
        "Here `origin` is a QuerySet of clients, not a Client: look at its `.model`.",
    )
