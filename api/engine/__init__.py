"""The search engine behind the Python API: everything of ``api/`` that talks to Whoosh."""
