"""JupyterHub's configuration for `npm run class` (scripts/class.mjs starts the hub with it).

What it sets, from the PERCEPTRON_CLASS_* variables scripts/class.mjs passes:
- where the hub listens (the teacher's --ip and --port; 127.0.0.1:8000 by default), its internal API
  and the proxy's (free ports on 127.0.0.1), and the proxy: node_modules/.bin/configurable-http-proxy;
- where its state lives, in the class folder (class/ by default, git-ignored): the sqlite database,
  the cookie secret, the proxy's pid file;
- who may log in (ClassAuthenticator): anyone who gives the class password with a name, or only the
  names in learners.txt when it lists some (read at each login: a name added mid-class works at once);
- how a learner's JupyterLab runs (ClassSpawner): scripts/class/singleuser.py as a local process.
  As root, as a Unix user of the learner's own (learner-NAME, home class/home/NAME, mode 0700);
  otherwise as the teacher's user, as SimpleLocalProcessSpawner does. Before each start,
  `node scripts/class.mjs --prepare NAME` makes the folder (and the Unix user): their copy of
  notebooks/ at the first login, any original notebook missing from it at later ones;
  each server's port is one no other server of the hub has, outside the ports the system hands out
  to others (server_ports: JupyterHub's own choice can give two learners logging in at once the same);
- a service "teacher" whose token (class/teacher-token) lets `npm run class -- --reset NAME` stop
  the learner's server before putting the originals back.
"""

import asyncio
import hmac
import json
import os
import random
import re
import socket

from jupyterhub.auth import Authenticator
from jupyterhub.spawner import LocalProcessSpawner, SimpleLocalProcessSpawner, set_user_setuid

env = os.environ
DIR = env["PERCEPTRON_CLASS_DIR"]
NAME_PATTERN = env["PERCEPTRON_CLASS_NAME_PATTERN"]  # a learner's name: scripts/class/learners.mjs's NAME
AS_ROOT = os.getuid() == 0

c = get_config()  # noqa: F821 (JupyterHub defines it when it reads this file)

# where the hub answers, and where its pieces talk to each other (127.0.0.1 only)
c.JupyterHub.bind_url = env["PERCEPTRON_CLASS_URL"]
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env["PERCEPTRON_CLASS_HUB_PORT"])
c.ConfigurableHTTPProxy.command = [env["PERCEPTRON_CLASS_PROXY"]]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:%s" % env["PERCEPTRON_CLASS_PROXY_API_PORT"]
c.ConfigurableHTTPProxy.pid_file = os.path.join(DIR, "proxy.pid")

# the hub's state, in the class folder
c.JupyterHub.db_url = "sqlite:///" + os.path.join(DIR, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(DIR, "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = os.path.join(DIR, "jupyterhub.pid")
c.JupyterHub.template_vars = {
    "announcement_login": "Your name, and the class password your teacher gives you. "
    "Your notebooks are your own copy: edit them freely.",
}

# the teacher's command line reaches the hub's API with this token (class.mjs --reset, --remove)
c.JupyterHub.services = [{"name": "teacher", "api_token": env["PERCEPTRON_CLASS_TEACHER_TOKEN"]}]
c.JupyterHub.load_roles = [
    {"name": "teacher", "scopes": ["list:users", "read:users", "servers", "delete:users"], "services": ["teacher"]}
]


def listed_names():
    """The names in learners.txt (one a line, # starts a comment), or None when it lists none."""
    try:
        with open(env["PERCEPTRON_CLASS_LEARNERS"], encoding="utf-8") as f:
            names = {line.split("#", 1)[0].strip().lower() for line in f}
    except FileNotFoundError:
        return None
    names.discard("")
    return names or None


class ClassAuthenticator(Authenticator):
    """A name, and the class password: fit for a room, where a teacher says the password aloud.

    With learners.txt listing names, only those names may log in. A name is lower case letters,
    digits and '-' (it becomes a Unix user's name as root, and a folder's).
    """

    def normalize_username(self, username):
        return username.strip().lower()

    async def authenticate(self, handler, data):
        name = self.normalize_username(data.get("username", ""))
        password = data.get("password", "")
        if not hmac.compare_digest(password.encode(), env["PERCEPTRON_CLASS_PASSWORD"].encode()):
            self.log.warning("%r gave a wrong class password", name)
            return None
        if not re.fullmatch(NAME_PATTERN, name):
            self.log.warning("%r is not a name a learner may have (%s)", name, NAME_PATTERN)
            return None
        listed = listed_names()
        if listed is not None and name not in listed:
            self.log.warning("%r is not in %s", name, env["PERCEPTRON_CLASS_LEARNERS"])
            return None
        return name


async def prepare(name):
    """`node scripts/class.mjs --prepare NAME`: the learner's folder and Unix user; what it made, as JSON."""
    process = await asyncio.create_subprocess_exec(
        env["PERCEPTRON_CLASS_NODE"],
        env["PERCEPTRON_CLASS_SCRIPT"],
        "--prepare",
        name,
        "--dir",
        DIR,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    if process.returncode != 0:
        raise RuntimeError("could not make %s's folder: %s" % (name, err.decode().strip()))
    return json.loads(out)


def server_ports():
    """Where a learner's server may listen: outside the ports the system hands out to a bind to port 0.

    JupyterHub's own choice (random_port) binds port 0 and lets the port go; the server binds it
    seconds later (10 s and more when a class logs in at once), and meanwhile the system may hand the
    same port to another learner's start, or to a kernel's (jupyter_client chooses its ports the same
    way). The second server then cannot listen, and the hub, whose check takes any HTTP answer for a
    server that is up, routes that learner to the first one's server: a 404 (bench/class.mjs met it
    with 20 learners at once). Ports outside the ephemeral range are handed to nobody by the system.
    """
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
            low, high = (int(n) for n in f.read().split())
    except (OSError, ValueError):
        low, high = 49152, 65535  # IANA's (macOS's) ephemeral range
    outside = [r for r in (range(20000, low), range(high + 1, 65536)) if len(r) >= 1000]
    return outside or [range(1024, 65536)]


class ClassSpawner(LocalProcessSpawner if AS_ROOT else SimpleLocalProcessSpawner):
    """The learner's JupyterLab as a local process: as their own Unix user under root, else as the teacher's."""

    learner = None  # what --prepare made: home, notebooks, user (the Unix user)
    claimed = set()  # the ports of this hub's learners' servers (every spawner's), until each stops

    def claim_port(self):
        """A port for this server that no other server of this hub has, free now (server_ports)."""
        ports = server_ports()
        for _ in range(200):
            port = random.choice(random.choice(ports))
            if port in ClassSpawner.claimed:
                continue
            probe = socket.socket()
            try:
                probe.bind((self.ip or "127.0.0.1", port))
            except OSError:
                continue
            finally:
                probe.close()
            ClassSpawner.claimed.add(port)
            return port
        raise RuntimeError("no free port for %s's server" % self.user.name)

    def release_port(self):
        ClassSpawner.claimed.discard(self.port)

    async def start(self):
        self.learner = await prepare(self.user.name)
        self.notebook_dir = self.learner["notebooks"]
        if not AS_ROOT:
            self.home_dir = self.learner["home"]
        self.release_port()  # a restart: the port of this learner's server before
        self.port = self.claim_port()
        try:
            return await super().start()
        except BaseException:
            self.release_port()
            raise

    async def stop(self, now=False):
        try:
            await super().stop(now=now)
        finally:
            self.release_port()

    def make_preexec_fn(self, name):
        if AS_ROOT:
            # the learner's Unix user and group, starting in their home
            return set_user_setuid(self.learner["user"])
        home = self.learner["home"]
        return lambda: os.chdir(home)

    def user_env(self, env):
        env["HOME"] = self.learner["home"]
        env["USER"] = env["LOGNAME"] = self.user.name  # the name JupyterLab shows (main.py's /api/me)
        return env


c.JupyterHub.authenticator_class = ClassAuthenticator
c.Authenticator.username_pattern = NAME_PATTERN
c.JupyterHub.spawner_class = ClassSpawner
c.Spawner.cmd = [env["PERCEPTRON_CLASS_PYTHON"], os.path.join(os.path.dirname(os.path.abspath(__file__)), "singleuser.py")]
c.Spawner.args = [
    "--ServerApp.terminals_enabled=False",  # the front end has no terminal
    # no File > Shut Down (a real JupyterLab shows it, and its own Log Out beside the hub's): File >
    # Hub Control Panel stops and starts a learner's server
    "--ServerApp.quit_button=False",
]
c.Spawner.default_url = "/lab"
c.Spawner.environment = {
    # the project's kernels (.jupyter/share/jupyter), node first on PATH (tslab's `#!/usr/bin/env node`)
    "JUPYTER_PATH": env["JUPYTER_PATH"],
    "PATH": env["PERCEPTRON_CLASS_PATH"],
    # marks every process of the class: class.mjs ends whatever the hub left behind
    "PERCEPTRON_CLASS": DIR,
}
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
