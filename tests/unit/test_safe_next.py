"""`next` accepts only local paths."""

import pytest

from eia.security import safe_next


@pytest.mark.parametrize("target", ["/", "/admin/users?q=a", "/set-password/abc"])
def test_local_paths_are_kept(target):
    assert safe_next(target) == target


@pytest.mark.parametrize("target", [
    None, "", "//evil.example", "/\\evil.example", "https://evil.example", "javascript:x",
    "/\x00x", "/a\r\nSet-Cookie: x", "evil.example", "/\tx", "/\u202ex",
])
def test_anything_else_is_refused(target):
    """SECURITY.md (Redirects): next accepts only local paths."""
    assert safe_next(target) is None
