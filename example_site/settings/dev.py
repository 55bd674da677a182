from .base import *  # noqa: F403


DEBUG = True
SECRET_KEY = "example-site-development-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
