import pytest

from katas.robust_notifications.gateways import sms_gateway


@pytest.fixture(autouse=True)
def sms():
    """The kata's SMS gateway, up and with nothing sent, for every test."""
    sms_gateway.sent.clear()
    sms_gateway.down = False
    yield sms_gateway
    sms_gateway.sent.clear()
    sms_gateway.down = False
