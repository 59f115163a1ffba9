"""A TypeScript-served (or any PROTOCOL.md) env as a gymnasium.Env.

``RemoteEnv`` subclasses ``gymnasium.Env`` when gymnasium is installed, and is a plain class with
the same API otherwise. Every request has a timeout: a dead server gives BridgeTimeout, never a
hang; late replies to requests that timed out are recognised by id and dropped.
"""

import itertools
import time

import zmq

from .codec import decode_message, encode_message
from .errors import BridgeClosed, BridgeTimeout, ProtocolError, RemoteError
from .spaces import HAVE_GYMNASIUM, space_from_json, value_from_wire, value_to_wire

PROTOCOL_VERSION = 1

if HAVE_GYMNASIUM:
    import gymnasium

    _EnvBase = gymnasium.Env
    # gymnasium's own exception types, so `except gymnasium.error.ResetNeeded` works remotely too.
    _ERRORS = {
        name: getattr(gymnasium.error, name)
        for name in ("ResetNeeded", "InvalidAction")
        if hasattr(gymnasium.error, name)
    }
else:
    _EnvBase = object
    _ERRORS = {}


class RemoteEnv(_EnvBase):
    """Connects to a served env and fetches its spec (spaces, metadata).

    endpoint: e.g. ``tcp://127.0.0.1:5555``. timeout: seconds to wait for each reply.
    curve: None, or a dict {"server_key": z85, "public_key": z85, "secret_key": z85}; a client
    key pair is generated when omitted (fine unless the server checks client keys).
    """

    def __init__(self, endpoint, *, timeout=30.0, curve=None, context=None, max_message_bytes=2**31 - 1):
        self.endpoint = endpoint
        self.timeout = float(timeout)
        self.max_message_bytes = int(max_message_bytes)
        self._ids = itertools.count(1)
        self._closed = False
        self._ctx = context or zmq.Context.instance()
        self._sock = self._ctx.socket(zmq.DEALER)
        self._sock.setsockopt(zmq.LINGER, 0)
        if curve is not None:
            public, secret = curve.get("public_key"), curve.get("secret_key")
            if public is None or secret is None:
                public, secret = zmq.curve_keypair()
            for opt, key in (
                (zmq.CURVE_SERVERKEY, curve["server_key"]),
                (zmq.CURVE_PUBLICKEY, public),
                (zmq.CURVE_SECRETKEY, secret),
            ):
                self._sock.setsockopt(opt, key.encode() if isinstance(key, str) else key)
        self._sock.connect(endpoint)
        try:
            spec = self._call("spec", {}, version=True)
            self._apply_spec(spec)
        except BaseException:
            self._close_socket()
            raise

    def _apply_spec(self, spec):
        if spec.get("protocol") != PROTOCOL_VERSION:
            raise ProtocolError(
                "UnsupportedVersion",
                f"server at {self.endpoint} speaks protocol {spec.get('protocol')!r}, this client {PROTOCOL_VERSION}",
            )
        self.observation_space = space_from_json(spec["observation_space"], "observation_space")
        self.action_space = space_from_json(spec["action_space"], "action_space")
        meta = spec.get("metadata") or {}
        self.metadata = {
            "render_modes": list(meta.get("render_modes") or []),
            "render_fps": meta.get("render_fps"),
        }
        if meta.get("autoreset_mode") is not None:
            self.metadata["autoreset_mode"] = meta["autoreset_mode"]
        self.render_mode = spec.get("render_mode")
        self.remote_env_id = spec.get("env_id")

    # ---------------------------------------------------------------------------- requests

    def _call(self, method, params, version=False, timeout=None):
        if self._closed:
            raise BridgeClosed(f"RemoteEnv({self.endpoint}) is closed")
        req_id = next(self._ids)
        header = {"id": req_id, "method": method, "params": params}
        if version:
            header["v"] = PROTOCOL_VERSION
        timeout = self.timeout if timeout is None else timeout
        ms = max(1, int(timeout * 1000))
        if not self._sock.poll(ms, zmq.POLLOUT):
            raise self._timeout(method, req_id, timeout)
        self._sock.send_multipart(encode_message(header), copy=False)
        deadline = _now_ms() + ms
        while True:
            remaining = deadline - _now_ms()
            if remaining <= 0 or not self._sock.poll(remaining, zmq.POLLIN):
                raise self._timeout(method, req_id, timeout)
            frames = self._sock.recv_multipart()
            try:
                reply = decode_message(frames, self.max_message_bytes)
            except ProtocolError as err:
                raise ProtocolError("BadRequest", f"malformed reply from {self.endpoint}: {err.message}") from None
            if not isinstance(reply, dict):
                continue
            if reply.get("id") != req_id:
                # A late reply to an earlier request that timed out, or an error about a
                # message the server could not read (id null): not ours, drop it.
                if reply.get("id") is None and "error" in reply:
                    raise RemoteError(reply["error"].get("type", "EnvError"), reply["error"].get("message", ""))
                continue
            if "error" in reply:
                err = reply["error"] or {}
                etype, message = err.get("type", "EnvError"), err.get("message", "")
                cls = _ERRORS.get(etype)
                if cls is not None:
                    raise cls(f"remote env: {message}")
                raise RemoteError(etype, message)
            return reply.get("result")

    def _timeout(self, method, req_id, timeout):
        return BridgeTimeout(
            f"no reply from {self.endpoint} to {method} (id {req_id}) within {timeout:g} s; is the "
            "server running and reachable (and are the CURVE keys right)? The env stays usable: "
            "late replies are dropped."
        )

    # ------------------------------------------------------------------------- gymnasium API

    def reset(self, *, seed=None, options=None):
        params = {}
        if seed is not None:
            params["seed"] = int(seed)
        if options is not None:
            params["options"] = options
        if HAVE_GYMNASIUM:
            super().reset(seed=seed)
        result = self._call("reset", params)
        return value_from_wire(self.observation_space, result["obs"], "obs"), result.get("info") or {}

    def step(self, action):
        result = self._call("step", {"action": value_to_wire(self.action_space, action)})
        return (
            value_from_wire(self.observation_space, result["obs"], "obs"),
            float(result["reward"]),
            bool(result["terminated"]),
            bool(result["truncated"]),
            result.get("info") or {},
        )

    def render(self):
        frame = self._call("render", {}).get("frame")
        return frame

    def close(self):
        """Ends the session (closing the remote env) and the socket. Safe to call twice."""
        if self._closed:
            return
        try:
            self._call("close", {}, timeout=min(self.timeout, 2.0))
        except (BridgeTimeout, RemoteError):
            pass  # the server is gone or unhappy; the socket closes anyway
        finally:
            self._close_socket()

    def _close_socket(self):
        self._closed = True
        self._sock.close(linger=0)

    def __del__(self):
        if not getattr(self, "_closed", True):
            try:
                self._sock.close(linger=0)
            except Exception:  # noqa: BLE001 - interpreter shutdown
                pass

    def __repr__(self):
        return f"RemoteEnv({self.endpoint!r}, env_id={getattr(self, 'remote_env_id', None)!r})"


def _now_ms():
    return int(time.monotonic() * 1000)
