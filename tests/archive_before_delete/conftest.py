"""Fixtures of the archive_before_delete kata: an agency's clients, projects and tasks."""

from dataclasses import dataclass

import pytest

from katas.archive_before_delete.models import Client, Project, Task

TASKS = {
    "Website": [("Design", True), ("Build", False), ("Launch", False)],
    "Mobile app": [("Prototype", True), ("Store listing", False)],
    "Intranet": [("Migrate the wiki", False)],
    "Brochure": [],
}
CLIENTS = {"Acme": ["Website", "Mobile app", "Brochure"], "Globex": ["Intranet"]}


@dataclass
class Agency:
    clients: dict
    projects: dict
    ids: dict  # project name -> its id (a deleted instance's pk is None)
    client_of: dict  # project name -> its client's name

    def tasks_of(self, name) -> list[tuple[str, bool]]:
        return sorted(TASKS[name])


@pytest.fixture
def agency(db) -> Agency:
    """Two clients: Acme (Website, Mobile app, Brochure without tasks), Globex (Intranet)."""
    clients, projects, ids, client_of = {}, {}, {}, {}
    for client_name, project_names in CLIENTS.items():
        clients[client_name] = Client.objects.create(name=client_name)
        for name in project_names:
            projects[name] = Project.objects.create(client=clients[client_name], name=name)
            ids[name], client_of[name] = projects[name].pk, client_name
            Task.objects.bulk_create(
                Task(project=projects[name], title=title, done=done) for title, done in TASKS[name]
            )
    return Agency(clients, projects, ids, client_of)
