"""Tiny built-in envs in pure numpy, so tests and demos need no gymnasium.

``corridor``: a 1-D corridor of ``length`` cells; the agent starts at a random cell in the left
half and moves left (0) or right (1). Reaching the right end gives +1 and terminates; every step
costs 0.01; ``max_steps`` truncates. Observation: float32 one-hot of the position, shape
``[length]``. Renders ``ansi`` (``"...A..G"``) and ``rgb_array`` (uint8 ``[1, length, 3]``).
"""

import numpy as np

from .spaces import HAVE_GYMNASIUM, spaces_module

if HAVE_GYMNASIUM:
    import gymnasium

    _EnvBase = gymnasium.Env
else:
    _EnvBase = object


class CorridorEnv(_EnvBase):
    metadata = {"render_modes": ["ansi", "rgb_array"], "render_fps": 4}

    def __init__(self, length=8, max_steps=50, render_mode=None):
        if length < 2:
            raise ValueError(f"corridor length must be >= 2, got {length}")
        if render_mode is not None and render_mode not in self.metadata["render_modes"]:
            raise ValueError(f"render_mode must be one of {self.metadata['render_modes']} or None, got {render_mode!r}")
        self.length = int(length)
        self.max_steps = int(max_steps)
        self.render_mode = render_mode
        self.observation_space = spaces_module.Box(0.0, 1.0, (self.length,), np.float32)
        self.action_space = spaces_module.Discrete(2)
        self._rng = np.random.default_rng()
        self._pos = 0
        self._steps = 0

    def _obs(self):
        obs = np.zeros(self.length, dtype=np.float32)
        obs[self._pos] = 1.0
        return obs

    def reset(self, *, seed=None, options=None):
        if seed is not None:
            self._rng = np.random.default_rng(seed)
        start = (options or {}).get("start")
        self._pos = int(start) if start is not None else int(self._rng.integers(0, self.length // 2))
        self._steps = 0
        return self._obs(), {"position": self._pos}

    def step(self, action):
        a = int(action)
        if a not in (0, 1):
            raise ValueError(f"corridor action must be 0 (left) or 1 (right), got {action!r}")
        self._pos = max(0, min(self.length - 1, self._pos + (1 if a == 1 else -1)))
        self._steps += 1
        terminated = self._pos == self.length - 1
        truncated = not terminated and self._steps >= self.max_steps
        reward = 1.0 if terminated else -0.01
        return self._obs(), reward, terminated, truncated, {"position": self._pos}

    def render(self):
        if self.render_mode == "ansi":
            cells = ["."] * self.length
            cells[-1] = "G"
            cells[self._pos] = "A"
            return "".join(cells)
        if self.render_mode == "rgb_array":
            img = np.zeros((1, self.length, 3), dtype=np.uint8)
            img[0, -1] = (0, 200, 0)
            img[0, self._pos] = (255, 255, 0)
            return img
        return None

    def close(self):
        pass


BUILTIN_ENVS = {"corridor": CorridorEnv}


def make_builtin(name, **kwargs):
    """``make_builtin("corridor", length=8)``; names are listed in BUILTIN_ENVS."""
    if name not in BUILTIN_ENVS:
        raise ValueError(f"unknown built-in env {name!r}; built-ins: {', '.join(BUILTIN_ENVS)}")
    return BUILTIN_ENVS[name](**kwargs)
