# This kata needs no models: got_request_exception is about requests, not rows.
