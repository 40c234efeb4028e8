"""Given: the shop's pages, under /error-reporting/. Some fail; read them, do not change them.

The project's settings install no session or authentication middleware, so the pages
that know who the visitor is bring their own (`with_session`, `with_user`): on those,
request.user is set. On the others, such as the product feed, it is not.
"""

from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousFileOperation
from django.http import Http404, HttpResponse
from django.utils.decorators import decorator_from_middleware
from django.views.decorators.debug import sensitive_post_parameters

with_session = decorator_from_middleware(SessionMiddleware)
with_user = decorator_from_middleware(AuthenticationMiddleware)

ORDERS = {1: "Two tickets to DjangoCon"}


class PaymentError(Exception):
    """The payment provider said something the shop does not understand."""


def order(request, number):
    """An order, or a 404 that Django answers itself."""
    if number not in ORDERS:
        raise Http404("No such order")
    return HttpResponse(ORDERS[number])


@with_session
@with_user
def checkout(request):
    """Pay for the basket. A bug nobody has found yet makes it fail every time."""
    raise PaymentError("The payment provider answered 'maybe'")


# Like Django's own login and password views: the error reports Django makes hide
# these POST fields, and so can yours (SafeExceptionReporterFilter reads this mark).
@sensitive_post_parameters("password")
@with_session
@with_user
def sign_up(request):
    """Create an account. Fails every time: the welcome offer it reads is gone."""
    raise LookupError("No welcome offer named 'spring'")


def feed(request):
    """The public product feed, with no session and no user. Fails every time."""
    raise ValueError("A product without a price broke the feed")


def staff(request):
    """Staff only: a 403 that Django answers itself."""
    raise PermissionDenied("Staff only")


def search(request):
    """A search without a query is the client's mistake: a 400 that Django answers itself."""
    if not request.GET.get("q"):
        raise BadRequest("A search needs a query: ?q=...")
    return HttpResponse("No results")


def invoice(request):
    """An invoice file by name: a name that climbs out of the folder is refused (a 400)."""
    name = request.GET.get("name", "")
    if ".." in name:
        raise SuspiciousFileOperation(f"An invoice name cannot leave the folder: {name!r}")
    return HttpResponse(f"Invoice {name}")


async def parcel(request):
    """An async view: the courier's API is down today, so it fails every time."""
    raise TimeoutError("The courier's API did not answer")
