"""Errors of the bridge. ``type`` is the protocol's error type (PROTOCOL.md section 4)."""

WIRE_ERROR_TYPES = (
    "BadRequest",
    "MessageTooLarge",
    "UnsupportedVersion",
    "UnknownMethod",
    "OutOfOrder",
    "TooManyClients",
    "Busy",
    "ResetNeeded",
    "InvalidAction",
    "NotSupported",
    "EnvError",
    "ServerClosing",
)


class BridgeError(Exception):
    """Base class; ``type`` names the condition (a wire error type, ``Timeout`` or ``Closed``)."""

    def __init__(self, type_, message):
        super().__init__(message)
        self.type = type_
        self.message = message


class ProtocolError(BridgeError):
    """A malformed or unacceptable message; a server answers it with an error reply."""


class RemoteError(BridgeError):
    """The server answered a request with ``{error: {type, message}}``."""

    def __str__(self):
        return f"{self.type}: {self.message}"


class BridgeTimeout(BridgeError, TimeoutError):
    """No reply within the client's timeout (server dead or unreachable, or CURVE refused)."""

    def __init__(self, message):
        super().__init__("Timeout", message)


class BridgeClosed(BridgeError):
    """The client was closed."""

    def __init__(self, message):
        super().__init__("Closed", message)
