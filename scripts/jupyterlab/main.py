"""JupyterLab for a machine whose Python has jupyter_server and jupyterlab_server but no JupyterLab.

Debian 12 packages jupyter_server 1.23 and jupyterlab_server 2.16, not JupyterLab. This serves the
front end that scripts/jupyterlab/build.mjs built from JupyterLab's npm packages (4.x) into
.cache/jupyterlab/, through jupyterlab_server's LabServerApp, as JupyterLab's examples/app does.
JupyterLab 4's front end also asks for what jupyter_server 2 added: who the user is (/api/me) and
the server's event stream (/api/events, /api/events/subscribe). The small handlers below answer
them, so that the log stays clean.

usage: python3 scripts/jupyterlab/main.py [jupyter server options, e.g. --port=9000 --no-browser]
(npm start runs it; PERCEPTRON_LAB_DIR names the build, .cache/jupyterlab by default)
"""

import getpass
import json
import os
import sys

from jupyter_server.base.handlers import APIHandler
from jupyter_server.base.zmqhandlers import WebSocketMixin
from jupyterlab_server import LabServerApp
from tornado import web, websocket

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.environ.get("PERCEPTRON_LAB_DIR") or os.path.join(os.path.dirname(os.path.dirname(HERE)), ".cache", "jupyterlab")


def _version():
    try:
        with open(os.path.join(BUILD, "schemas", "@jupyterlab", "application-extension", "package.json.orig")) as f:
            return json.load(f)["version"]
    except (OSError, KeyError, ValueError):
        return ""


class IdentityHandler(APIHandler):
    """GET /api/me (jupyter_server 2): the user and what they may do. Here one user, who may do all."""

    @web.authenticated
    def get(self):
        name = getpass.getuser()
        identity = {
            "username": name,
            "name": name,
            "display_name": name,
            "initials": name[:1].upper(),
            "avatar_url": None,
            "color": None,
        }
        permissions = {}
        requested = self.get_argument("permissions", "")
        if requested:
            permissions = {resource: list(actions) for resource, actions in json.loads(requested).items()}
        self.finish(json.dumps({"identity": identity, "permissions": permissions}))


class EventsHandler(APIHandler):
    """POST /api/events (jupyter_server 2): an event the front end emits. Nothing here listens."""

    @web.authenticated
    def post(self):
        self.set_status(204)
        self.finish()


class EventsSubscribeHandler(WebSocketMixin, websocket.WebSocketHandler, APIHandler):
    """/api/events/subscribe (jupyter_server 2): the server's event stream. This server sends none."""

    def set_default_headers(self):
        pass  # as jupyter_server's own websockets: no HTTP headers on a websocket

    async def get(self, *args, **kwargs):
        if self.get_current_user() is None:
            raise web.HTTPError(403)
        await super().get(*args, **kwargs)

    def on_message(self, message):
        pass


class PerceptronLab(LabServerApp):
    """JupyterLab's front end, built from npm, on Debian's jupyter_server."""

    name = "perceptron_lab"
    app_name = "JupyterLab"
    load_other_extensions = True
    extension_url = "/lab"
    default_url = "/lab"
    app_version = _version()
    static_dir = os.path.join(BUILD, "static")
    templates_dir = os.path.join(BUILD, "templates")
    schemas_dir = os.path.join(BUILD, "schemas")
    themes_dir = os.path.join(BUILD, "themes")
    app_settings_dir = os.path.join(BUILD, "settings")
    user_settings_dir = os.path.join(os.environ.get("JUPYTER_CONFIG_DIR") or os.path.expanduser("~/.jupyter"), "lab", "perceptron-settings")
    workspaces_dir = os.path.join(os.environ.get("JUPYTER_CONFIG_DIR") or os.path.expanduser("~/.jupyter"), "lab", "perceptron-workspaces")

    def initialize_handlers(self):
        super().initialize_handlers()
        # (the server puts its base URL in front of each: /user/NAME/api/me under JupyterHub)
        self.handlers.extend(
            [
                ("/api/me", IdentityHandler),
                ("/api/events", EventsHandler),
                ("/api/events/subscribe", EventsSubscribeHandler),
            ]
        )


def _jupyter_server_extension_points():
    return [{"module": "perceptron_lab", "app": PerceptronLab}]


if __name__ == "__main__":
    # the server loads its extension by module name: this file, under a name its log can show
    sys.modules["perceptron_lab"] = sys.modules[__name__]
    PerceptronLab.__module__ = "perceptron_lab"
    PerceptronLab.launch_instance()
