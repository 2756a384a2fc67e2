"""Settings split by purpose: ``base`` (shared), ``local`` (``socialplan serve`` on a loopback
address over plain HTTP), ``production`` (behind TLS), ``test``. All read the environment
through :class:`socialplan.web.settings.env.WebEnv` and nowhere else."""
