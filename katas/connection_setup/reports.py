"""Given: the report the sales team reads every morning. Read it, do not change it.

It was written for PostgreSQL, where the database runs in production: `split_part`
is one of PostgreSQL's string functions. SQLite has no such function, so on SQLite
the query fails with "no such function: split_part" until every SQLite connection
has one (your task).
"""

from django.db.models import CharField, Count, F, Func, Value

from .models import Customer


def email_domain():
    """The part of the email after the "@": split_part(email, '@', 2) in SQL."""
    return Func(F("email"), Value("@"), Value(2), function="split_part", output_field=CharField())


def customers_per_domain(using="default"):
    """Return {domain: number of customers}, counted by the database ``using``."""
    rows = (
        Customer.objects.using(using)
        .annotate(domain=email_domain())
        .values("domain")
        .annotate(customers=Count("id"))
        .order_by("domain")
    )
    return {row["domain"]: row["customers"] for row in rows}
