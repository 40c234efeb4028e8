# This kata needs no models: request_finished is about requests, not rows.
