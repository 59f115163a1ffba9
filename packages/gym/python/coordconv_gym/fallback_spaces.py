"""Minimal stand-ins for gymnasium.spaces, used when gymnasium is not installed.

Same constructor arguments, attributes (``shape``, ``dtype``, ``n``, ``start``, ``low``,
``high``, ``nvec``, ``spaces``) and methods (``sample``, ``contains``, ``seed``) as gymnasium's,
for the five space types the wire protocol carries.
"""

import numpy as np


class Space:
    def __init__(self, shape=None, dtype=None, seed=None):
        self._shape = None if shape is None else tuple(int(d) for d in shape)
        self.dtype = None if dtype is None else np.dtype(dtype)
        self._np_random = None
        if seed is not None:
            self.seed(seed)

    @property
    def shape(self):
        return self._shape

    @property
    def np_random(self):
        if self._np_random is None:
            self.seed()
        return self._np_random

    def seed(self, seed=None):
        self._np_random = np.random.default_rng(seed)
        return [seed]

    def __contains__(self, x):
        return self.contains(x)


class Discrete(Space):
    def __init__(self, n, seed=None, start=0):
        if int(n) < 1:
            raise ValueError(f"Discrete n must be >= 1, got {n}")
        self.n = np.int64(n)
        self.start = np.int64(start)
        super().__init__((), np.int64, seed)

    def sample(self, mask=None):
        return np.int64(self.start + self.np_random.integers(self.n))

    def contains(self, x):
        if isinstance(x, (int, np.integer)) and not isinstance(x, bool):
            v = int(x)
        elif isinstance(x, np.ndarray) and x.shape == () and x.dtype.kind in "iu":
            v = int(x)
        else:
            return False
        return self.start <= v < self.start + self.n

    def __repr__(self):
        return f"Discrete({self.n})" if self.start == 0 else f"Discrete({self.n}, start={self.start})"

    def __eq__(self, other):
        return isinstance(other, Discrete) and self.n == other.n and self.start == other.start


class Box(Space):
    def __init__(self, low, high, shape=None, dtype=np.float32, seed=None):
        dtype = np.dtype(dtype)
        if shape is None:
            shape = np.shape(low) if np.ndim(low) else np.shape(high)
        shape = tuple(int(d) for d in shape)
        self.low = _bound_array(low, shape, dtype)
        self.high = _bound_array(high, shape, dtype)
        if np.any(self.low > self.high):
            raise ValueError("Box low must be <= high everywhere")
        super().__init__(shape, dtype, seed)

    def is_bounded(self, manner="both"):
        below = bool(np.all(np.isfinite(self.low)))
        above = bool(np.all(np.isfinite(self.high)))
        return {"both": below and above, "below": below, "above": above}[manner]

    def sample(self, mask=None):
        rng = self.np_random
        if self.dtype.kind in "iu":
            return rng.integers(self.low, self.high.astype(np.int64) + 1, size=self.shape).astype(
                self.dtype
            )
        low, high = self.low.astype(np.float64), self.high.astype(np.float64)
        out = np.empty(self.shape, dtype=np.float64)
        both = np.isfinite(low) & np.isfinite(high)
        below = np.isfinite(low) & ~np.isfinite(high)
        above = ~np.isfinite(low) & np.isfinite(high)
        neither = ~np.isfinite(low) & ~np.isfinite(high)
        out[both] = rng.uniform(low[both], high[both])
        out[below] = low[below] + rng.exponential(size=below.sum())
        out[above] = high[above] - rng.exponential(size=above.sum())
        out[neither] = rng.normal(size=neither.sum())
        return np.clip(out, low, high).astype(self.dtype)

    def contains(self, x):
        if not isinstance(x, np.ndarray):
            try:
                x = np.asarray(x, dtype=self.dtype)
            except (ValueError, TypeError):
                return False
        return bool(
            np.can_cast(x.dtype, self.dtype)
            and x.shape == self.shape
            and np.all(x >= self.low)
            and np.all(x <= self.high)
        )

    def __repr__(self):
        return f"Box({self.low.min()}, {self.high.max()}, {self.shape}, {self.dtype})"

    def __eq__(self, other):
        return (
            isinstance(other, Box)
            and self.shape == other.shape
            and self.dtype == other.dtype
            and np.array_equal(self.low, other.low)
            and np.array_equal(self.high, other.high)
        )


def _bound_array(bound, shape, dtype):
    """Broadcasts a bound to `shape` in `dtype`; integer dtypes map +-inf to their limits
    (element by element, since int64 limits do not survive a trip through float64)."""
    a = np.broadcast_to(np.asarray(bound), shape)
    if dtype.kind not in "iu" or a.dtype.kind in "iu":
        return a.astype(dtype)
    info = np.iinfo(dtype)
    items = [info.min if v == -np.inf else info.max if v == np.inf else int(v) for v in a.flat]
    return np.array(items, dtype=dtype).reshape(shape)


class MultiDiscrete(Space):
    def __init__(self, nvec, dtype=np.int64, seed=None, start=None):
        self.nvec = np.asarray(nvec, dtype=dtype)
        self.start = (
            np.zeros_like(self.nvec) if start is None else np.asarray(start, dtype=dtype)
        )
        super().__init__(self.nvec.shape, dtype, seed)

    def sample(self, mask=None):
        draw = self.np_random.random(self.nvec.shape) * self.nvec
        return (np.floor(draw).astype(self.dtype) + self.start).astype(self.dtype)

    def contains(self, x):
        x = np.asarray(x)
        return bool(
            x.shape == self.shape
            and x.dtype.kind in "iu"
            and np.all(x >= self.start)
            and np.all(x < self.start + self.nvec)
        )

    def __repr__(self):
        return f"MultiDiscrete({self.nvec.tolist()})"

    def __eq__(self, other):
        return (
            isinstance(other, MultiDiscrete)
            and np.array_equal(self.nvec, other.nvec)
            and np.array_equal(self.start, other.start)
        )


class Dict(Space):
    def __init__(self, spaces=None, seed=None, **kwargs):
        self.spaces = dict(spaces or {}, **kwargs)
        super().__init__(None, None, seed)

    def seed(self, seed=None):
        super().seed(seed)
        for i, s in enumerate(self.spaces.values()):
            s.seed(None if seed is None else seed + i)
        return [seed]

    def sample(self, mask=None):
        return {k: s.sample() for k, s in self.spaces.items()}

    def contains(self, x):
        return (
            isinstance(x, dict)
            and x.keys() == self.spaces.keys()
            and all(s.contains(x[k]) for k, s in self.spaces.items())
        )

    def __getitem__(self, key):
        return self.spaces[key]

    def __repr__(self):
        return "Dict(" + ", ".join(f"{k!r}: {s}" for k, s in self.spaces.items()) + ")"

    def __eq__(self, other):
        return isinstance(other, Dict) and self.spaces == other.spaces


class Tuple(Space):
    def __init__(self, spaces, seed=None):
        self.spaces = tuple(spaces)
        super().__init__(None, None, seed)

    def seed(self, seed=None):
        super().seed(seed)
        for i, s in enumerate(self.spaces):
            s.seed(None if seed is None else seed + i)
        return [seed]

    def sample(self, mask=None):
        return tuple(s.sample() for s in self.spaces)

    def contains(self, x):
        if isinstance(x, (list, np.ndarray)):
            x = tuple(x)
        return (
            isinstance(x, tuple)
            and len(x) == len(self.spaces)
            and all(s.contains(v) for s, v in zip(self.spaces, x))
        )

    def __getitem__(self, i):
        return self.spaces[i]

    def __len__(self):
        return len(self.spaces)

    def __repr__(self):
        return "Tuple(" + ", ".join(str(s) for s in self.spaces) + ")"

    def __eq__(self, other):
        return isinstance(other, Tuple) and self.spaces == other.spaces
