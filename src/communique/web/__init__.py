"""The reader: ``communique serve``, a web application and JSON API over the archive.

``create_app(db_url)`` builds the application (FastAPI, Jinja templates, plain CSS and
JavaScript in ``static/``); ``communique.web.cli`` registers ``serve`` and ``export``.
"""
