"""Which endpoints a server may bind (PROTOCOL.md 1.1): loopback and ipc:// by default."""

import ipaddress
import re

_TCP = re.compile(r"^tcp://(\[[^\]]*\]|[^:/]*):(\*|\d+)$")


def is_loopback_endpoint(endpoint):
    """True for ipc://, inproc:// and tcp:// on 127.0.0.0/8, ::1 or localhost."""
    if endpoint.startswith(("ipc://", "inproc://")):
        return True
    m = _TCP.match(endpoint)
    if not m:
        return False
    host = m.group(1).strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # '*', an interface name or a host name
        return False


def check_bind_endpoint(endpoint, allow_remote=False, curve=False, warn=None):
    """Raises ValueError for a non-loopback endpoint unless allow_remote; warns without CURVE."""
    if not isinstance(endpoint, str) or "://" not in endpoint:
        raise ValueError(f"endpoint must look like tcp://127.0.0.1:5555 or ipc:///tmp/x, got {endpoint!r}")
    if is_loopback_endpoint(endpoint):
        return
    if not allow_remote:
        raise ValueError(
            f"refusing to bind {endpoint}: it is reachable from other machines. Bind "
            "tcp://127.0.0.1:PORT, or pass allow_remote=True (--allow-remote) deliberately, "
            "preferably with CURVE keys"
        )
    if not curve and warn is not None:
        warn(f"serving {endpoint} without CURVE: anyone who can reach it can drive the env")
