"""The example site's production settings pass Django's deployment checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "example_site.settings.production",
    "DJANGO_ALLOWED_HOSTS": "ita.example.go.th,www.example.go.th",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://ita.example.go.th",
}


def run_check_deploy(tmp_path, **environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "REDIS_", "CLOUDFLARE_", "ITA_WAGTAIL_"))
    }
    env.update(PRODUCTION_ENVIRONMENT)
    env["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)
    env["DJANGO_CACHE_DIR"] = str(tmp_path / "cache")
    env.update(environment)
    return subprocess.run(
        [
            sys.executable,
            str(ROOT / "example_site" / "manage.py"),
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    "environment",
    [
        pytest.param({}, id="one-server"),
        pytest.param(
            {
                "DATABASE_URL": "postgres://ita:secret@db.internal:5432/ita",
                "REDIS_URL": "redis://cache.internal:6379/0",
                "CLOUDFLARE_API_TOKEN": "token",
                "CLOUDFLARE_ZONE_ID": "zone",
                "ITA_WAGTAIL_SHARED_CACHE_MAX_AGE": "86400",
            },
            id="scaled-out",
        ),
    ],
)
def test_production_settings_pass_check_deploy_without_warnings(tmp_path, environment):
    result = run_check_deploy(tmp_path, **environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    result = run_check_deploy(tmp_path, DJANGO_SECRET_KEY="")
    assert result.returncode != 0
