"""Given: the courier's client. In production it books a pickup over HTTP with an async
client; here it only pretends to wait for the network."""

import asyncio


async def request_pickup(reference: str) -> str:
    """Book a pickup for the order ``reference`` and return the courier's pickup code."""
    await asyncio.sleep(0)  # the network round trip: other tasks run meanwhile
    return f"PU-{reference}"
