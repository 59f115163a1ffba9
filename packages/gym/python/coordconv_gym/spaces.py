"""Spaces <-> their wire JSON (PROTOCOL.md 2.4), and values <-> what a space expects.

Uses gymnasium.spaces when gymnasium is installed, else the stand-ins in fallback_spaces.
"""

import math

import numpy as np

from .errors import ProtocolError

try:  # gymnasium is optional: the bridge needs only pyzmq and numpy.
    import gymnasium as _gymnasium
    from gymnasium import spaces as spaces_module

    HAVE_GYMNASIUM = True
except ImportError:  # pragma: no cover - depends on the machine
    _gymnasium = None
    from . import fallback_spaces as spaces_module

    HAVE_GYMNASIUM = False

BOX_DTYPES = ("float32", "float64", "int8", "uint8", "int16", "uint16", "int32", "uint32")
_NARROW = {"int64": "int32", "uint64": "uint32", "float16": "float32", "bool": "int8"}


def _bound_to_json(x):
    x = float(x)
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return int(x) if x.is_integer() and abs(x) < 2**53 else x


def _bounds_to_json(a):
    flat = np.asarray(a).reshape(-1)
    if flat.size > 0 and np.all(flat == flat[0]):
        return _bound_to_json(flat[0])
    return [_bound_to_json(v) for v in flat]


def _box_json(low, high, shape, dtype):
    return {
        "type": "Box",
        "low": _bounds_to_json(low),
        "high": _bounds_to_json(high),
        "shape": [int(d) for d in shape],
        "dtype": dtype,
    }


def space_to_json(space, path="space"):
    """The wire form of a (gymnasium or fallback) space; NotSupported for other spaces."""
    S = spaces_module
    if isinstance(space, S.Discrete):
        return {"type": "Discrete", "n": int(space.n), "start": int(space.start)}
    if isinstance(space, S.Box):
        name = np.dtype(space.dtype).name
        wire = _NARROW.get(name, name)
        if wire not in BOX_DTYPES:
            raise ProtocolError("NotSupported", f"{path}: Box dtype {name} has no wire form")
        low, high = np.asarray(space.low, np.float64), np.asarray(space.high, np.float64)
        if wire != name and np.dtype(wire).kind in "iu":
            info = np.iinfo(wire)
            low, high = np.clip(low, info.min, info.max), np.clip(high, info.min, info.max)
        return _box_json(low, high, space.shape, wire)
    if HAVE_GYMNASIUM and isinstance(space, S.MultiBinary):
        return _box_json(0, 1, space.shape, "int8")
    if isinstance(space, S.MultiDiscrete):
        nvec = np.asarray(space.nvec)
        if nvec.ndim != 1:
            raise ProtocolError(
                "NotSupported", f"{path}: MultiDiscrete with nvec of shape {nvec.shape} (only flat)"
            )
        out = {"type": "MultiDiscrete", "nvec": [int(v) for v in nvec]}
        start = np.asarray(getattr(space, "start", np.zeros_like(nvec)))
        if np.any(start != 0):
            out["start"] = [int(v) for v in start]
        return out
    if isinstance(space, S.Dict):
        return {
            "type": "Dict",
            "spaces": {k: space_to_json(s, f"{path}.{k}") for k, s in space.spaces.items()},
        }
    if isinstance(space, S.Tuple):
        return {
            "type": "Tuple",
            "spaces": [space_to_json(s, f"{path}[{i}]") for i, s in enumerate(space.spaces)],
        }
    raise ProtocolError(
        "NotSupported",
        f"{path}: {type(space).__name__} has no wire form (Discrete, Box, MultiBinary, "
        "MultiDiscrete, Dict, Tuple)",
    )


def _fail(path, expected, got):
    raise ValueError(f"{path} must be {expected}, got {got!r}")


def _only_keys(d, allowed, path):
    extra = sorted(set(d) - set(allowed))
    if extra:
        _fail(path, f"an object with keys {', '.join(allowed)}", f"extra keys {extra}")


def _int(x, path, minimum=None):
    if not isinstance(x, int) or isinstance(x, bool) or (minimum is not None and x < minimum):
        _fail(path, "an integer" + (f" >= {minimum}" if minimum is not None else ""), x)
    return x


def _bound(x, size, path):
    def one(v, p):
        if v in ("inf", "+inf", "Infinity"):
            return math.inf
        if v in ("-inf", "-Infinity"):
            return -math.inf
        if isinstance(v, bool) or not isinstance(v, (int, float)) or math.isnan(v):
            _fail(p, 'a number, "inf" or "-inf"', v)
        return float(v)

    if isinstance(x, list):
        if len(x) != size:
            _fail(path, f"a scalar or a list of {size} values (prod(shape))", x)
        return np.array([one(v, f"{path}[{i}]") for i, v in enumerate(x)], dtype=np.float64)
    return one(x, path)


def space_from_json(d, path="space"):
    """Builds a gymnasium (or fallback) space from its wire form; ValueError names the field."""
    S = spaces_module
    if not isinstance(d, dict):
        _fail(path, "a JSON object", d)
    t = d.get("type")
    if t == "Discrete":
        _only_keys(d, ("type", "n", "start"), path)
        return S.Discrete(_int(d.get("n"), f"{path}.n", 1), start=_int(d.get("start", 0), f"{path}.start"))
    if t == "Box":
        _only_keys(d, ("type", "low", "high", "shape", "dtype"), path)
        shape = d.get("shape")
        if not isinstance(shape, list) or not all(
            isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in shape
        ):
            _fail(f"{path}.shape", "a list of non-negative integers", shape)
        if d.get("dtype") not in BOX_DTYPES:
            _fail(f"{path}.dtype", f"one of {', '.join(BOX_DTYPES)}", d.get("dtype"))
        size = math.prod(shape)
        # A flat list is row-major over `shape`; a scalar is the same bound everywhere.
        low = np.broadcast_to(np.reshape(_bound(d.get("low"), size, f"{path}.low"), -1), size)
        high = np.broadcast_to(np.reshape(_bound(d.get("high"), size, f"{path}.high"), -1), size)
        low, high = low.reshape(shape), high.reshape(shape)
        return S.Box(low=low, high=high, shape=tuple(shape), dtype=np.dtype(d["dtype"]))
    if t == "MultiDiscrete":
        _only_keys(d, ("type", "nvec", "start"), path)
        nvec = d.get("nvec")
        if not isinstance(nvec, list) or not all(isinstance(v, int) and v >= 1 for v in nvec):
            _fail(f"{path}.nvec", "a list of integers >= 1", nvec)
        start = d.get("start", [0] * len(nvec))
        if not isinstance(start, list) or len(start) != len(nvec):
            _fail(f"{path}.start", f"a list of {len(nvec)} integers", start)
        try:
            return S.MultiDiscrete(nvec, dtype=np.int32, start=start)
        except TypeError:  # gymnasium < 1.0 has no start
            if any(start):
                raise
            return S.MultiDiscrete(nvec, dtype=np.int32)
    if t == "Dict":
        _only_keys(d, ("type", "spaces"), path)
        sub = d.get("spaces")
        if not isinstance(sub, dict):
            _fail(f"{path}.spaces", "an object of spaces", sub)
        return S.Dict({k: space_from_json(v, f"{path}.spaces.{k}") for k, v in sub.items()})
    if t == "Tuple":
        _only_keys(d, ("type", "spaces"), path)
        sub = d.get("spaces")
        if not isinstance(sub, list):
            _fail(f"{path}.spaces", "a list of spaces", sub)
        return S.Tuple([space_from_json(v, f"{path}.spaces[{i}]") for i, v in enumerate(sub)])
    _fail(f"{path}.type", "one of Discrete, Box, MultiDiscrete, Dict, Tuple", t)


def _as_space_array(space, v, path):
    arr = np.asarray(v)
    if arr.dtype.kind not in "biuf":
        _fail(path, f"numbers for {space}", v)
    shape = tuple(space.shape)
    if arr.size != math.prod(shape):
        _fail(path, f"{math.prod(shape)} numbers (shape {list(shape)}) for {space}", f"shape {list(arr.shape)}")
    arr = arr.reshape(shape)
    target = np.dtype(space.dtype)
    if arr.dtype == target:
        return arr
    cast = arr.astype(target)
    # Keep the original when the cast would change values (0.5 into an int space), so that
    # contains() rejects it instead of silently truncating.
    if target.kind == "f" or np.array_equal(cast.astype(arr.dtype), arr):
        return cast
    return arr


def value_from_wire(space, v, path="value"):
    """Converts a decoded wire value into what `space` holds (ValueError when it cannot)."""
    S = spaces_module
    if isinstance(space, S.Discrete):
        if isinstance(v, np.ndarray) and v.size == 1 and v.dtype.kind in "iu":
            v = v.reshape(()).item()
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
            _fail(path, f"an integer for {space}", v)
        return np.int64(v)
    if isinstance(space, S.Dict):
        if not isinstance(v, dict):
            _fail(path, "an object", v)
        missing = [k for k in space.spaces if k not in v]
        if missing:
            _fail(path, f"an object with keys {list(space.spaces)}", f"missing {missing}")
        return {k: value_from_wire(s, v[k], f"{path}.{k}") for k, s in space.spaces.items()}
    if isinstance(space, S.Tuple):
        if not isinstance(v, (list, tuple)) or len(v) != len(space.spaces):
            _fail(path, f"a list of {len(space.spaces)} values", v)
        return tuple(value_from_wire(s, x, f"{path}[{i}]") for i, (s, x) in enumerate(zip(space.spaces, v)))
    if getattr(space, "shape", None) is not None and getattr(space, "dtype", None) is not None:
        return _as_space_array(space, v, path)
    return v


def value_to_wire(space, v):
    """A value of `space` ready for encode_message (tuples become lists, numpy scalars numbers)."""
    S = spaces_module
    if isinstance(space, S.Discrete):
        return int(v)
    if isinstance(space, S.Dict):
        return {k: value_to_wire(s, v[k]) for k, s in space.spaces.items()}
    if isinstance(space, S.Tuple):
        return [value_to_wire(s, x) for s, x in zip(space.spaces, v)]
    if getattr(space, "shape", None) is not None:
        return np.asarray(v)
    return v
