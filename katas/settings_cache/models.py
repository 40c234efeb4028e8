# This kata needs no models: setting_changed is about settings, not rows.
