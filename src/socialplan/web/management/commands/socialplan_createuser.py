"""Create an account (the first one, typically) and, optionally, a workspace it owns."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from socialplan.web import services


class Command(BaseCommand):
    help = "Create a user account; the password comes from the caller, never from the command line."
    # Passed by `socialplan createuser` through call_command, so it never shows in a process list.
    stealth_options = ("password",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--workspace", default="")
        parser.add_argument("--superuser", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        username: str = options["username"].strip()
        password: str | None = options.get("password")
        if not username:
            raise CommandError("the user name is empty")
        if not password:
            raise CommandError("a password is required")
        if User.objects.filter(username=username).exists():
            raise CommandError(f"the user {username!r} already exists")
        candidate = User(username=username)
        try:
            validate_password(password, candidate)
        except ValidationError as error:
            raise CommandError("the password is too weak: " + " ".join(error.messages)) from error
        with transaction.atomic():
            if options["superuser"]:
                user = User.objects.create_superuser(username, password=password)
            else:
                user = User.objects.create_user(username, password=password)
            if options["workspace"]:
                services.workspace_create(name=options["workspace"], owner=user)
        self.stdout.write(f"Created the user {username}.")
