"""A learner's JupyterLab in `npm run class`'s JupyterHub: the project's JupyterLab, behind the hub's login.

JupyterHub 3.0 (Debian 12's) wraps a Jupyter server in its authentication with make_singleuser_app();
JupyterLab's own `jupyter labhub` does the same for a real JupyterLab. This is that, for the
JupyterLab that `npm start` serves: a Python with JupyterLab (its server extension `jupyterlab`),
or else the front end built from npm (scripts/jupyterlab/main.py, the extension `perceptron_lab`).
It also tells the front end where the hub is (File > Hub Control Panel, Log Out).

The hub starts it (scripts/class/jupyterhub_config.py) with the learner's JUPYTERHUB_* variables,
as the learner's Unix user when the hub runs as root.
usage: python3 scripts/class/singleuser.py [jupyter server options]
"""

import importlib.util
import os
import signal
import sys

from jupyter_server.serverapp import ServerApp
from jupyterhub.singleuser.mixins import make_singleuser_app
from traitlets import default

HERE = os.path.dirname(os.path.abspath(__file__))

try:
    import jupyterlab  # noqa: F401  (a Python with JupyterLab: its own front end and server extension)

    EXTENSION = "jupyterlab"
except ImportError:
    # the front end built from npm, served by main.py's LabServerApp, under the name its log shows
    # (no __pycache__/ beside it: scripts/jupyterlab/'s files are its build's key)
    sys.dont_write_bytecode = True
    EXTENSION = "perceptron_lab"
    spec = importlib.util.spec_from_file_location(EXTENSION, os.path.join(os.path.dirname(HERE), "jupyterlab", "main.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[EXTENSION] = module
    spec.loader.exec_module(module)


class ClassLabApp(make_singleuser_app(ServerApp)):
    """Jupyter's server with the hub's login, serving the project's JupyterLab at /lab."""

    name = "perceptron-class-singleuser"

    @default("default_url")
    def _default_url(self):
        return "/lab"

    def init_signal(self):
        # The hub stops a server with SIGINT. Jupyter server 1.x, its stdin no terminal, then exits
        # at once and leaves its kernels running; on SIGTERM it shuts them down first: do that.
        super().init_signal()
        signal.signal(signal.SIGINT, self._signal_stop)

    def find_server_extensions(self):
        super().find_server_extensions()
        self.jpserver_extensions[EXTENSION] = True

    def page_config_hook(self, handler, page_config):
        # what @jupyterlab/hub-extension reads (JupyterLab's own labhub app sets the same)
        page_config = super().page_config_hook(handler, page_config)
        page_config["hubPrefix"] = self.hub_prefix
        page_config["hubHost"] = self.hub_host
        page_config["hubUser"] = self.user
        page_config["hubServerName"] = os.environ.get("JUPYTERHUB_SERVER_NAME", "")
        return page_config


if __name__ == "__main__":
    ClassLabApp.launch_instance()
