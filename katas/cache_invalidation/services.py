"""Services: the editors' bulk actions on articles."""

from .models import Article


def publish_articles(ids) -> int:
    """Publish the articles with these ids in one UPDATE; return how many rows changed.

    One query for any number of articles, which is why the editors' bulk action uses it.
    """
    # TODO (task 3): QuerySet.update() sends no post_save, so your receivers never hear
    #   about these articles. Make this function drop the cached list itself, after the
    #   transaction commits, as your receivers do.
    return Article.objects.filter(pk__in=list(ids), published=False).update(published=True)
