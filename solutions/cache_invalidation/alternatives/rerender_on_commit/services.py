"""Services: the editors' bulk actions on articles (the list is re-rendered on commit)."""

from django.db import transaction

from .models import Article
from .receivers import refresh_list


def publish_articles(ids) -> int:
    changed = Article.objects.filter(pk__in=list(ids), published=False).update(published=True)
    transaction.on_commit(refresh_list)
    return changed
