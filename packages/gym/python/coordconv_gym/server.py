"""Serve a gymnasium env to TypeScript (or any client of PROTOCOL.md) over ZeroMQ.

One ROUTER socket, one env per client session (created by the factory on the session's first
request), requests of a session handled in order. Malformed, oversized and out-of-order
messages get an error reply; the server keeps serving everyone else.
"""

import sys
import threading
import time

import numpy as np
import zmq

from .codec import DEFAULT_MAX_MESSAGE_BYTES, decode_message, encode_message
from .endpoints import check_bind_endpoint
from .errors import ProtocolError
from .spaces import space_to_json, value_from_wire, value_to_wire

PROTOCOL_VERSION = 1
SUPPORTED_VERSIONS = (PROTOCOL_VERSION,)
METHODS = ("spec", "reset", "step", "render", "close")


def _is_env(x):
    return hasattr(x, "step") and hasattr(x, "reset") and hasattr(x, "action_space")


class _Session:
    __slots__ = ("env", "last_id", "has_reset", "last_seen")

    def __init__(self):
        self.env = None
        self.last_id = -1
        self.has_reset = False
        self.last_seen = time.monotonic()


class Server:
    """A bound server; call serve_forever() (or start() for a background thread), then close().

    env_or_factory: a callable returning a new env per client (recommended), or one env
    instance, which then serves one client at a time.
    curve: None, or a dict {"secret_key": z85, "public_key": z85 (optional),
    "allowed_clients": [z85, ...] (optional; without it any client knowing the server's public
    key may connect)}.
    """

    def __init__(
        self,
        env_or_factory,
        endpoint="tcp://127.0.0.1:5555",
        *,
        curve=None,
        max_message_bytes=DEFAULT_MAX_MESSAGE_BYTES,
        max_clients=64,
        idle_timeout=600.0,
        allow_remote=False,
        context=None,
        log=None,
    ):
        check_bind_endpoint(endpoint, allow_remote=allow_remote, curve=curve is not None, warn=self._warn)
        if _is_env(env_or_factory):
            self._instance = env_or_factory
            self._factory = None
        elif callable(env_or_factory):
            self._instance = None
            self._factory = env_or_factory
        else:
            raise TypeError("serve: expected a gymnasium env or a callable returning one")
        self._instance_owner = None
        self.max_message_bytes = int(max_message_bytes)
        self.max_clients = int(max_clients)
        self.idle_timeout = float(idle_timeout)
        self._log = log or (lambda msg: None)
        self._sessions = {}
        self._stop = threading.Event()
        self._thread = None
        self._closed = False
        self._ctx = context or zmq.Context.instance()
        self._auth = None
        self.sock = self._ctx.socket(zmq.ROUTER)
        self.sock.setsockopt(zmq.LINGER, 0)
        # Frames far beyond the cap are dropped by libzmq before being read (PROTOCOL.md 4.1).
        self.sock.setsockopt(zmq.MAXMSGSIZE, max(4 * self.max_message_bytes, self.max_message_bytes + 2**20))
        if curve is not None:
            self._setup_curve(curve)
        self.sock.bind(endpoint)
        self.endpoint = self.sock.getsockopt(zmq.LAST_ENDPOINT).decode()

    @staticmethod
    def _warn(msg):
        print(f"coordconv_gym: warning: {msg}", file=sys.stderr)

    def _setup_curve(self, curve):
        secret = curve["secret_key"]
        secret = secret.encode() if isinstance(secret, str) else secret
        allowed = curve.get("allowed_clients")
        if allowed is not None:
            from zmq.auth.thread import ThreadAuthenticator

            keys = {k.encode() if isinstance(k, str) else k for k in allowed}
            domain = f"coordconv-gym-{id(self)}"

            class _Allow:
                def callback(self, _domain, key):
                    return key in keys

            self._auth = ThreadAuthenticator(self._ctx)
            self._auth.start()
            self._auth.configure_curve_callback(domain, credentials_provider=_Allow())
            self.sock.setsockopt(zmq.ZAP_DOMAIN, domain.encode())
        self.sock.setsockopt(zmq.CURVE_SERVER, 1)
        self.sock.setsockopt(zmq.CURVE_SECRETKEY, secret)

    # -------------------------------------------------------------------------------- loop

    def serve_forever(self, poll_ms=100):
        """Serves until close() (from another thread), stop(), or KeyboardInterrupt."""
        poller = zmq.Poller()
        poller.register(self.sock, zmq.POLLIN)
        last_sweep = time.monotonic()
        try:
            while not self._stop.is_set():
                if poller.poll(poll_ms):
                    while True:
                        try:
                            frames = self.sock.recv_multipart(zmq.NOBLOCK)
                        except zmq.Again:
                            break
                        self._handle(frames)
                now = time.monotonic()
                if now - last_sweep > min(self.idle_timeout / 4, 30):
                    last_sweep = now
                    self._sweep_idle(now)
        finally:
            if self._thread is None or threading.current_thread() is self._thread:
                self._shutdown()

    def start(self):
        """Serves in a daemon thread; returns self (use close() to stop)."""
        self._thread = threading.Thread(target=self.serve_forever, name="coordconv-gym-serve", daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self._stop.set()

    def close(self):
        """Stops serving, closes every session's env and the socket. Idempotent."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        else:
            self._shutdown()

    def _shutdown(self):
        if self._closed:
            return
        self._closed = True
        for identity in list(self._sessions):
            self._end_session(identity)
        self.sock.close(linger=0)
        if self._auth is not None:
            self._auth.stop()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ----------------------------------------------------------------------------- messages

    def _handle(self, frames):
        identity, rest = frames[0], frames[1:]
        envelope = []
        if rest and len(rest[0]) == 0:  # a REQ client's delimiter (PROTOCOL.md 1.3)
            envelope, rest = [b""], rest[1:]
        req_id = None
        try:
            header = decode_message(rest, self.max_message_bytes)
            if isinstance(header, dict) and _valid_id(header.get("id")):
                req_id = header["id"]
            method, params = self._parse(header)
            result = self._dispatch(identity, req_id, method, params)
            reply = {"id": req_id, "result": result}
        except ProtocolError as err:
            reply = {"id": req_id, "error": {"type": err.type, "message": err.message}}
        except Exception as err:  # the env raised: report it, keep serving
            reply = {"id": req_id, "error": _env_error(err)}
        try:
            out = encode_message(reply)
        except (TypeError, ValueError) as err:
            out = encode_message(
                {"id": req_id, "error": {"type": "EnvError", "message": f"cannot encode the reply: {err}"}}
            )
        self.sock.send_multipart([identity, *envelope, *out], copy=False)

    @staticmethod
    def _parse(header):
        if not isinstance(header, dict):
            raise ProtocolError("BadRequest", f"the header must be a JSON object, got {type(header).__name__}")
        if not _valid_id(header.get("id")):
            raise ProtocolError("BadRequest", f'"id" must be an integer in [0, 2^53 - 1], got {header.get("id")!r}')
        v = header.get("v")
        if v is not None and v not in SUPPORTED_VERSIONS:
            raise ProtocolError(
                "UnsupportedVersion",
                f"protocol version {v!r} is not supported; this server speaks {', '.join(map(str, SUPPORTED_VERSIONS))}",
            )
        method = header.get("method")
        if not isinstance(method, str):
            raise ProtocolError("BadRequest", f'"method" must be a string, got {method!r}')
        if method not in METHODS:
            raise ProtocolError("UnknownMethod", f"unknown method {method!r}; methods: {', '.join(METHODS)}")
        params = header.get("params")
        if params is None:
            params = {}
        if not isinstance(params, dict):
            raise ProtocolError("BadRequest", f'"params" must be a JSON object, got {params!r}')
        return method, params

    def _dispatch(self, identity, req_id, method, params):
        session = self._sessions.get(identity)
        if session is None:
            if method == "close":
                return {"closed": True}
            if len(self._sessions) >= self.max_clients:
                raise ProtocolError("TooManyClients", f"this server already serves {self.max_clients} clients")
            session = _Session()
            self._sessions[identity] = session
        session.last_seen = time.monotonic()
        if req_id <= session.last_id:
            raise ProtocolError(
                "OutOfOrder",
                f"request id {req_id} is not greater than the previous id {session.last_id} of this "
                "session (duplicate or reordered request)",
            )
        session.last_id = req_id
        if method == "close":
            self._end_session(identity)
            return {"closed": True}
        env = self._env_of(identity, session)
        return getattr(self, f"_m_{method}")(session, env, params)

    def _env_of(self, identity, session):
        if session.env is None:
            if self._instance is not None:
                if self._instance_owner is not None and self._instance_owner != identity:
                    raise ProtocolError(
                        "TooManyClients",
                        "this server serves a single env instance, in use by another client; "
                        "serve a factory to serve many clients",
                    )
                self._instance_owner = identity
                session.env = self._instance
            else:
                session.env = self._factory()
            self._log(f"session {identity.hex()}: env created")
        return session.env

    def _end_session(self, identity):
        session = self._sessions.pop(identity, None)
        if session is None or session.env is None:
            return
        if session.env is self._instance:
            self._instance_owner = None  # the caller owns the instance; it is not closed here
            return
        try:
            session.env.close()
        except Exception as err:  # noqa: BLE001 - closing is best effort
            self._log(f"session {identity.hex()}: close failed: {err}")

    def _sweep_idle(self, now):
        for identity, s in list(self._sessions.items()):
            if now - s.last_seen > self.idle_timeout:
                self._log(f"session {identity.hex()}: idle for {now - s.last_seen:.0f} s, closed")
                self._end_session(identity)

    # ------------------------------------------------------------------------------ methods

    def _m_spec(self, session, env, params):
        meta = dict(getattr(env, "metadata", {}) or {})
        autoreset = meta.get("autoreset_mode")
        spec = getattr(env, "spec", None)
        return {
            "protocol": PROTOCOL_VERSION,
            "observation_space": space_to_json(env.observation_space, "observation_space"),
            "action_space": space_to_json(env.action_space, "action_space"),
            "metadata": {
                "render_modes": list(meta.get("render_modes", []) or []),
                "render_fps": meta.get("render_fps"),
                "autoreset_mode": None if autoreset is None else str(getattr(autoreset, "value", autoreset)),
            },
            "render_mode": getattr(env, "render_mode", None),
            "max_message_bytes": self.max_message_bytes,
            "env_id": getattr(spec, "id", None) or type(env).__name__,
        }

    def _m_reset(self, session, env, params):
        seed = params.get("seed")
        if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool) or seed < 0):
            raise ProtocolError("BadRequest", f"reset: seed must be a non-negative integer or null, got {seed!r}")
        options = params.get("options")
        if options is not None and not isinstance(options, dict):
            raise ProtocolError("BadRequest", f"reset: options must be an object or null, got {options!r}")
        obs, info = env.reset(seed=seed, options=options)
        session.has_reset = True
        return {"obs": value_to_wire(env.observation_space, obs), "info": dict(info or {})}

    def _m_step(self, session, env, params):
        if not session.has_reset:
            raise ProtocolError("ResetNeeded", "step before reset: call reset first in this session")
        if "action" not in params:
            raise ProtocolError("BadRequest", 'step: params must hold "action"')
        try:
            action = value_from_wire(env.action_space, params["action"], "action")
        except ValueError as err:
            raise ProtocolError("InvalidAction", f"step: {err}") from None
        if not env.action_space.contains(action):
            raise ProtocolError("InvalidAction", f"step: action {_short(action)} is not in {env.action_space}")
        obs, reward, terminated, truncated, info = env.step(action)
        return {
            "obs": value_to_wire(env.observation_space, obs),
            "reward": float(reward),
            "terminated": bool(terminated),
            "truncated": bool(truncated),
            "info": dict(info or {}),
        }

    def _m_render(self, session, env, params):
        if not session.has_reset:
            raise ProtocolError("ResetNeeded", "render before reset: call reset first in this session")
        frame = env.render()
        if frame is None or isinstance(frame, (str, np.ndarray)):
            return {"frame": frame}
        if isinstance(frame, list) and all(isinstance(f, np.ndarray) for f in frame):
            return {"frame": frame[-1] if frame else None}  # *_list modes: the latest frame
        raise ProtocolError("NotSupported", f"render returned a {type(frame).__name__}")


def _valid_id(x):
    return isinstance(x, int) and not isinstance(x, bool) and 0 <= x <= 2**53 - 1


def _short(x):
    s = repr(x)
    return s if len(s) <= 80 else s[:77] + "..."


def _env_error(err):
    name = type(err).__name__
    if name == "ResetNeeded":
        return {"type": "ResetNeeded", "message": str(err)}
    if name in ("InvalidAction",):
        return {"type": "InvalidAction", "message": str(err)}
    return {"type": "EnvError", "message": f"{name}: {err}"}


def serve(env_or_factory, endpoint="tcp://127.0.0.1:5555", **kwargs):
    """Serves until interrupted. See Server for the keyword arguments."""
    server = Server(env_or_factory, endpoint, **kwargs)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
