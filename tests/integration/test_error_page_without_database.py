"""An error page drawn while the database is lost: the page's header reads the signed-in
person's unread count, and when that read fails too the answer is the "try again" page (503),
never a server error."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from eia.extensions import db
from tests.conftest import make_test_app
from tests.factories import PASSWORD, UserFactory
from tests.support.migrated import migrated_database_url


@pytest.fixture
def own_app(new_database_url, postgres, smtp):
    url = migrated_database_url(new_database_url, postgres, smtp, "lost_mid_page")
    app = make_test_app(url, smtp)
    yield app
    with app.app_context():
        db.engine.dispose()


# On SQLite a table that has gone fails as a lost database does (OperationalError), so taking
# away the one table the header reads fails the request just as its error page is drawn.
@pytest.mark.own_app
@pytest.mark.sqlite
def test_a_not_found_page_drawn_as_the_database_goes_is_a_try_again_page(own_app):
    with own_app.app_context():
        email = UserFactory().email
    client = own_app.test_client()
    signed_in = client.post_form("auth.sign_in", {"email": email, "password": PASSWORD})
    assert signed_in.status_code == 302
    assert client.get("/no-such-page").status_code == 404
    with own_app.app_context():
        db.session.execute(text("ALTER TABLE notifications RENAME TO notifications_gone"))
        db.session.commit()
    response = client.get("/no-such-page")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert "Try again in a few seconds" in response.get_data(as_text=True)
