"""Frames <-> values (PROTOCOL.md section 2).

Frame 0 is UTF-8 JSON; arrays travel as raw little-endian frames referenced from the JSON as
``{"__ndarray__": k, "dtype": ..., "shape": [...]}``; non-finite floats as
``{"__float__": "inf" | "-inf" | "nan"}``. Decoding validates everything a peer could get wrong
and raises ProtocolError naming the problem, never anything else.
"""

import json
import math

import numpy as np

from .errors import ProtocolError

DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024
MAX_DATA_FRAMES = 64
MAX_DEPTH = 64

WIRE_DTYPES = {
    "bool": np.dtype("bool"),
    "int8": np.dtype("<i1"),
    "uint8": np.dtype("<u1"),
    "int16": np.dtype("<i2"),
    "uint16": np.dtype("<u2"),
    "int32": np.dtype("<i4"),
    "uint32": np.dtype("<u4"),
    "int64": np.dtype("<i8"),
    "uint64": np.dtype("<u8"),
    "float32": np.dtype("<f4"),
    "float64": np.dtype("<f8"),
}
RESERVED_KEYS = ("__ndarray__", "__float__")
_I32 = np.iinfo(np.int32)
_U32 = np.iinfo(np.uint32)


def wire_array(a):
    """The array as it is sent: little-endian, C order, a wire dtype.

    int64/uint64 are narrowed to int32/uint32 when the values fit (TypeScript has no 64-bit
    integer arrays), float16 widens to float32; other dtypes (object, complex, str) are refused.
    """
    a = np.asarray(a)
    kind, size = a.dtype.kind, a.dtype.itemsize
    if kind == "b":
        name = "bool"
    elif kind in "iu":
        if size == 8:
            lo, hi = (_I32, "int32") if kind == "i" else (_U32, "uint32")
            if a.size == 0 or (a.min() >= lo.min and a.max() <= lo.max):
                a = a.astype(hi)
            size = a.dtype.itemsize
        name = ("int" if kind == "i" else "uint") + str(size * 8)
    elif kind == "f":
        if size == 2:
            a = a.astype(np.float32)
        elif size > 8:
            a = a.astype(np.float64)
        name = "float32" if a.dtype.itemsize == 4 else "float64"
    else:
        raise TypeError(f"cannot send an array of dtype {a.dtype} (numbers and bools only)")
    return name, np.ascontiguousarray(a, dtype=WIRE_DTYPES[name])


def encode_message(header):
    """Encodes a header (dicts, lists, numbers, strings, numpy arrays and scalars) into frames."""
    frames = [b""]
    body = _to_wire(header, frames, 0, "$")
    frames[0] = json.dumps(body, separators=(",", ":"), allow_nan=False).encode("utf-8")
    return frames


def _to_wire(x, frames, depth, path):
    if depth > MAX_DEPTH:
        raise ValueError(f"encode: {path} is nested too deeply")
    if x is None or isinstance(x, (bool, str)):
        return x
    if isinstance(x, np.bool_):
        return bool(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        f = float(x)
        if math.isfinite(f):
            return f
        return {"__float__": "nan" if math.isnan(f) else ("inf" if f > 0 else "-inf")}
    if isinstance(x, np.ndarray):
        if x.dtype.kind not in "biuf":
            return _to_wire(x.tolist(), frames, depth + 1, path)
        name, arr = wire_array(x)
        frames.append(arr.tobytes())
        return {"__ndarray__": len(frames) - 1, "dtype": name, "shape": list(arr.shape)}
    if isinstance(x, dict):
        out = {}
        for k, v in x.items():
            key = k if isinstance(k, str) else str(k)
            if key in RESERVED_KEYS:
                raise ValueError(f'encode: {path} uses the reserved key "{key}"')
            out[key] = _to_wire(v, frames, depth + 1, f"{path}.{key}")
        return out
    if isinstance(x, (list, tuple)):
        return [_to_wire(v, frames, depth + 1, f"{path}[{i}]") for i, v in enumerate(x)]
    # Anything else (an object in an info dict, say) travels as its text.
    return str(x)


def _reject_constant(name):
    raise ValueError(f"{name} is not JSON (non-finite floats travel as __float__)")


def decode_message(frames, max_message_bytes=DEFAULT_MAX_MESSAGE_BYTES):
    """Decodes frames into the header, with ndarray refs replaced by numpy arrays (writable
    copies, with their shape) and __float__ objects by floats. Raises ProtocolError."""
    if len(frames) == 0:
        raise ProtocolError("BadRequest", "empty message (no frames)")
    frames = [bytes(f) if not isinstance(f, (bytes, bytearray)) else f for f in frames]
    total = sum(len(f) for f in frames)
    if total > max_message_bytes:
        raise ProtocolError(
            "MessageTooLarge",
            f"message of {total} bytes exceeds the limit of {max_message_bytes} bytes",
        )
    if len(frames) - 1 > MAX_DATA_FRAMES:
        raise ProtocolError(
            "BadRequest",
            f"message has {len(frames) - 1} data frames; at most {MAX_DATA_FRAMES} are allowed",
        )
    try:
        text = frames[0].decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError("BadRequest", "frame 0 is not valid UTF-8") from None
    try:
        parsed = json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise ProtocolError("BadRequest", f"JSON nested deeper than {MAX_DEPTH} levels") from None
    except ValueError as err:
        raise ProtocolError("BadRequest", f"frame 0 is not valid JSON: {err}") from None
    used = [False] * len(frames)
    value = _from_wire(parsed, frames, used, 0, "$")
    for k in range(1, len(frames)):
        if not used[k]:
            raise ProtocolError("BadRequest", f"frame {k} is not referenced by any __ndarray__")
    return value


def _from_wire(x, frames, used, depth, path):
    if depth > MAX_DEPTH:
        raise ProtocolError("BadRequest", f"JSON nested deeper than {MAX_DEPTH} levels at {path}")
    if isinstance(x, list):
        return [_from_wire(v, frames, used, depth + 1, f"{path}[{i}]") for i, v in enumerate(x)]
    if not isinstance(x, dict):
        return x
    if "__ndarray__" in x:
        return _decode_array_ref(x, frames, used, path)
    if "__float__" in x:
        v = x["__float__"]
        if v not in ("inf", "-inf", "nan"):
            raise ProtocolError(
                "BadRequest", f'{path}: __float__ must be "inf", "-inf" or "nan", got {v!r}'
            )
        return float(v)
    return {k: _from_wire(v, frames, used, depth + 1, f"{path}.{k}") for k, v in x.items()}


def _is_int(x):
    return isinstance(x, int) and not isinstance(x, bool)


def _decode_array_ref(ref, frames, used, path):
    def bad(why):
        raise ProtocolError("BadRequest", f"{path}: bad ndarray reference: {why}")

    k = ref.get("__ndarray__")
    if not _is_int(k) or k < 1:
        bad(f"__ndarray__ must be a frame index >= 1, got {json.dumps(k)}")
    if k >= len(frames):
        bad(f"frame {k} does not exist (the message has {len(frames)} frames)")
    if used[k]:
        bad(f"frame {k} is referenced twice")
    used[k] = True
    name = ref.get("dtype")
    if not isinstance(name, str) or name not in WIRE_DTYPES:
        bad(f"unknown dtype {json.dumps(name)}")
    shape = ref.get("shape")
    if (
        not isinstance(shape, list)
        or len(shape) > 32
        or not all(_is_int(d) and d >= 0 for d in shape)
    ):
        bad(f"shape must be a list of at most 32 non-negative integers, got {json.dumps(shape)}")
    dtype = WIRE_DTYPES[name]
    count = math.prod(shape)
    need = count * dtype.itemsize
    if need != len(frames[k]):
        raise ProtocolError(
            "BadRequest",
            f"ndarray in frame {k}: {name} [{', '.join(map(str, shape))}] needs {need} bytes, "
            f"frame has {len(frames[k])}",
        )
    if name == "bool":
        raw = np.frombuffer(frames[k], dtype=np.uint8)
        if raw.size and raw.max() > 1:
            raise ProtocolError("BadRequest", f"ndarray in frame {k}: bool values must be 0 or 1")
    arr = np.frombuffer(frames[k], dtype=dtype, count=count).reshape(shape)
    # A native-order writable copy: callers may modify observations in place.
    return arr.astype(dtype.newbyteorder("="), copy=True)
