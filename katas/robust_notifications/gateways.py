"""Given: the SMS gateway, as the kata's receivers see it.

A stand-in for the provider's HTTP client: it keeps what it sent in ``sent`` and,
like the real one on a bad day, raises GatewayDown when the provider is down
(the tests set ``down``).
"""


class GatewayDown(Exception):
    """The SMS provider could not be reached."""


class SmsGateway:
    def __init__(self):
        self.sent: list[tuple[str, str]] = []
        self.down = False

    def send(self, to: str, text: str) -> None:
        """Send ``text`` to the phone number ``to``, or raise GatewayDown."""
        if self.down:
            raise GatewayDown(f"SMS provider unreachable: message to {to} not sent")
        self.sent.append((to, text))


sms_gateway = SmsGateway()
