"""Mistake: trust the receivers to notice a QuerySet.update().

What is wrong: update() is one UPDATE statement; no model's save() runs, so no
post_save is sent and the receivers never hear of the published articles. The list
keeps serving the old render until something else happens to drop it.
Why people write it: the receivers handle "an article changed", and an UPDATE of
articles looks like a change of articles.

Expected message: QuerySet.update() sends no post_save
"""

from .models import Article


def publish_articles(ids) -> int:
    return Article.objects.filter(pk__in=list(ids), published=False).update(published=True)
