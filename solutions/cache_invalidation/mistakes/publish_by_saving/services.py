"""Mistake: replace the bulk update with a save() per article.

What is wrong: the receivers now hear every article, so the list is right, but the
editors' bulk action costs a SELECT and an UPDATE per article (and a post_save and
an on_commit callback each) instead of one UPDATE.
Why people write it: it makes the signals fire, so nothing needs to change in the
service but a loop.

Expected message: it should stay one QuerySet.update()
"""

from .models import Article


def publish_articles(ids) -> int:
    articles = list(Article.objects.filter(pk__in=list(ids), published=False))
    for article in articles:
        article.published = True
        article.save()
    return len(articles)
