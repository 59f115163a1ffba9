"""coordconv_gym: the Python twin of @coordconv/gym's ZeroMQ bridge (see PROTOCOL.md).

- ``serve(env_or_factory, endpoint)`` serves any gymnasium env to TypeScript agents.
- ``RemoteEnv(endpoint)`` is a gymnasium.Env for an env served from TypeScript.
Needs pyzmq and numpy; uses gymnasium when installed.
"""

from .client import RemoteEnv
from .codec import decode_message, encode_message
from .envs import CorridorEnv, make_builtin
from .errors import BridgeClosed, BridgeError, BridgeTimeout, ProtocolError, RemoteError
from .server import PROTOCOL_VERSION, Server, serve
from .spaces import HAVE_GYMNASIUM, space_from_json, space_to_json

__version__ = "0.1.0"

__all__ = [
    "PROTOCOL_VERSION",
    "HAVE_GYMNASIUM",
    "RemoteEnv",
    "Server",
    "serve",
    "CorridorEnv",
    "make_builtin",
    "encode_message",
    "decode_message",
    "space_to_json",
    "space_from_json",
    "BridgeError",
    "BridgeTimeout",
    "BridgeClosed",
    "ProtocolError",
    "RemoteError",
]
