"""Settings for running the shop on one's own machine."""

import os

from .base import *  # noqa: F403
from .base import TASKS

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

# Without a worker running, tasks run at once inside the request that made them.
TASKS["default"]["BACKEND"] = os.environ.get(
    "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
)
