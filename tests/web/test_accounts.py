from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

PASSWORD = "correct horse battery staple"


@pytest.fixture
def alice(db: None) -> User:
    cache.clear()
    return User.objects.create_user("alice", password=PASSWORD)


def _login(client: Client, password: str, username: str = "alice") -> int:
    return client.post(reverse("login"), {"username": username, "password": password}).status_code


def test_login_succeeds_with_the_right_password(alice: User) -> None:
    client = Client()
    assert _login(client, PASSWORD) == 302
    assert client.get(reverse("workspace_list")).status_code == 200


def test_repeated_failures_block_even_the_right_password_for_a_while(alice: User, settings: Settings) -> None:
    client = Client()
    for _ in range(settings.SOCIALPLAN_LOGIN_ATTEMPTS):
        assert _login(client, "wrong password") == 200
    assert _login(client, PASSWORD) == 429
    cache.clear()  # the window has passed
    assert _login(client, PASSWORD) == 302


def test_the_throttle_counts_per_address_across_user_names(alice: User, settings: Settings) -> None:
    client = Client()
    for number in range(settings.SOCIALPLAN_LOGIN_ATTEMPTS):
        _login(client, "wrong", username=f"guess{number}")
    assert _login(client, PASSWORD) == 429


def test_login_requires_the_csrf_token(alice: User) -> None:
    client = Client(enforce_csrf_checks=True)
    assert _login(client, PASSWORD) == 403


def test_signup_is_off_unless_switched_on(db: None, settings: Settings) -> None:
    settings.SOCIALPLAN_SIGNUP = False
    assert Client().get(reverse("signup")).status_code == 404
    assert "signup" not in Client().get(reverse("login")).content.decode()


def test_signup_rejects_weak_passwords_and_creates_strong_ones(db: None, settings: Settings) -> None:
    settings.SOCIALPLAN_SIGNUP = True
    client = Client()
    weak = client.post(reverse("signup"), {"username": "bob", "password1": "password1", "password2": "password1"})
    assert weak.status_code == 400
    assert not User.objects.filter(username="bob").exists()
    strong = client.post(reverse("signup"), {"username": "bob", "password1": PASSWORD, "password2": PASSWORD})
    assert strong.status_code == 302
    assert client.get(reverse("workspace_list")).status_code == 200


def test_logout_is_a_post(alice: User) -> None:
    client = Client()
    _login(client, PASSWORD)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("workspace_list")).status_code == 302


def test_pages_carry_a_content_security_policy_without_inline_scripts(alice: User) -> None:
    response = Client().get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "<script>" not in response.content.decode()  # every script is a file
