"""Blueprints, one per area. Views are thin: check, form, service, redirect, template."""
