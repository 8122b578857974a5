"""Journeys through accounts and administration in real Chromium, with axe on every page."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from eia.domain import Role


def test_sign_in_and_sign_out(journey, make_user):
    email = make_user(Role.AUTHOR)
    page = journey.visit("/")
    expect(page.locator("h1")).to_have_text("Sign in to Due Regard")
    journey.sign_in(email)
    expect(page.locator("#home-author")).to_have_text("Your assessments")
    journey.submit("Sign out")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("You have signed out")
    journey.visit("/")
    expect(page.locator("h1")).to_have_text("Sign in to Due Regard")


def test_wrong_password_shows_an_error_summary(journey, make_user):
    email = make_user(Role.AUTHOR)
    page = journey.visit("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill("not the right one")
    journey.submit("Sign in")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter a correct email address and password")
    expect(page.get_by_label("Email address")).to_have_value(email)


def test_admin_creates_a_user_who_sets_their_password_from_the_email(journey, make_user, smtp):
    admin = make_user(Role.ADMIN)
    smtp.clear()
    page = journey.sign_in(admin)
    journey.follow("Users")
    journey.follow("Add a user")

    journey.submit("Create user and send invitation")  # nothing filled in
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the person's full name")

    page.get_by_label("Email address").fill("nia.jones@example.org")
    page.get_by_label("Full name").fill("Nia Jones")
    page.get_by_label("Job title").fill("Physiotherapist")
    page.get_by_label("Author").check()
    journey.submit("Create user and send invitation")
    expect(page.locator("h1")).to_have_text("Nia Jones")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("sent an invitation")
    journey.submit("Sign out")

    [message] = smtp.wait_for(1)
    link = re.search(r"http://localhost(/set-password/\S+)", message.get_content()).group(1)
    journey.visit(link)
    expect(page.locator("h1")).to_have_text("Create your password")
    page.get_by_label("New password", exact=True).fill("lantern meadow copper violin")
    page.get_by_label("Confirm new password").fill("lantern meadow copper violin")
    journey.submit("Set password")
    expect(page.locator("h1")).to_have_text("Welcome, Nia Jones")


def test_every_admin_and_account_page_passes_axe(journey, make_user):
    admin = make_user(Role.ADMIN, name="Axe Admin")
    journey.sign_in(admin)
    for link in ["Users", "Audit log", "Organisational units"]:
        journey.follow(link)
    journey.follow("Add a directorate or team")
    journey.visit("/change-password")
    journey.submit("Change password")  # empty: the error state must be accessible too
    for path in ["/accessibility-statement", "/privacy-notice", "/no-such-page"]:
        journey.visit(path)
    journey.submit("Sign out")
    journey.visit("/forgot-password")
    journey.submit("Send me a link")
    assert len(journey.checked) >= 10
