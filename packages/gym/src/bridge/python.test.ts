/**
 * Cross-language tests: the Python package's own unit tests, Python RemoteEnv against the
 * TypeScript server, TypeScript RemoteEnv against the Python server. Needs a python3 with pyzmq
 * and numpy (Debian: apt-get install python3-zmq python3-numpy); skipped with a message when
 * there is none, except under CI (CI=true), where a missing Python is a failure.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkEnv } from '../check/env-checker.js';
import { InvalidAction } from '../errors.js';
import { curveKeyPair } from './curve.js';
import { RemoteEnv } from './remote-env.js';
import { serveEnv } from './server.js';
import { GridTestEnv, MixedTestEnv } from './test-envs.js';

const PY_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'python');
const PY_ENV = { ...process.env, PYTHONPATH: PY_ROOT, PYTHONDONTWRITEBYTECODE: '1' };

function findPython(): string | undefined {
  const candidates = [process.env.COORDCONV_PYTHON, '/usr/bin/python3', 'python3'].filter(
    Boolean,
  ) as string[];
  return candidates.find(
    (py) =>
      spawnSync(py, ['-c', 'import zmq, numpy'], { stdio: 'ignore', timeout: 20_000 }).status === 0,
  );
}
const PYTHON = findPython();
if (!PYTHON) {
  const msg = 'no python3 with pyzmq and numpy (apt-get install python3-zmq python3-numpy)';
  if (process.env.CI) throw new Error(`bridge Python tests cannot run under CI: ${msg}`);
  console.warn(`skipping the bridge Python tests: ${msg}`);
}

/** Runs a Python snippet; its last stdout line is parsed as JSON. */
function runPython(code: string, args: string[] = []): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const p = spawn(PYTHON!, ['-c', code, ...args], { env: PY_ENV });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d));
    p.stderr.on('data', (d: Buffer) => (err += d));
    const timer = setTimeout(() => p.kill('SIGKILL'), 20_000);
    p.on('close', (status) => {
      clearTimeout(timer);
      if (status !== 0) return reject(new Error(`python exited with ${status}:\n${err}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!));
    });
  });
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

/** Starts `python3 -m coordconv_gym serve ...` on a free port and returns its endpoint. */
function startPythonServer(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      PYTHON!,
      ['-m', 'coordconv_gym', 'serve', '--endpoint', 'tcp://127.0.0.1:*', ...args],
      { env: PY_ENV },
    );
    children.push(p);
    let out = '';
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d));
    p.stdout.on('data', (d: Buffer) => {
      out += d;
      const m = / on (tcp:\/\/\S+) /.exec(out);
      if (m) resolve(m[1]!);
    });
    p.on('exit', (status) => reject(new Error(`python server exited with ${status}:\n${err}`)));
  });
}

describe.skipIf(!PYTHON)('Python bridge', () => {
  it('passes the Python unit tests (python3 -m unittest)', () => {
    const r = spawnSync(PYTHON!, ['-m', 'unittest', 'discover', '-s', 'tests', '-t', '.'], {
      cwd: PY_ROOT,
      env: PY_ENV,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Ran \d+ tests[\s\S]*OK/);
  });

  it('Python RemoteEnv drives a TypeScript-served env, bit-exact', async () => {
    const server = await serveEnv(() => new GridTestEnv(3, 4, 2, 'rgb_array'), {
      endpoint: 'tcp://127.0.0.1:*',
    });
    try {
      const out = (await runPython(
        `
import json, sys
import numpy as np
from coordconv_gym import RemoteEnv, RemoteError
env = RemoteEnv(sys.argv[1], timeout=5)
obs, info = env.reset(seed=5)
steps = [env.step(a) for a in (0, 2, 2, 4)]
frame = env.render()
try:
    env.step(7)
    bad = None
except RemoteError as e:
    bad = e.type
except Exception as e:
    bad = type(e).__name__
print(json.dumps({
    "obs_space": [list(env.observation_space.shape), str(env.observation_space.dtype)],
    "n": int(env.action_space.n), "render_mode": env.render_mode, "modes": env.metadata["render_modes"],
    "obs": obs.ravel().tolist(), "dtype": str(obs.dtype), "shape": list(obs.shape), "info": info,
    "steps": [[o.ravel().tolist(), r, t, u, {k: (None if v == float("-inf") else v) for k, v in i.items()}] for o, r, t, u, i in steps],
    "frame": [list(frame.shape), str(frame.dtype), frame.ravel().tolist()], "bad": bad,
}))
env.close()
`,
        [server.endpoint],
      )) as Record<string, unknown>;
      const local = new GridTestEnv(3, 4, 2, 'rgb_array');
      const [obs, info] = local.reset({ seed: 5 });
      expect(out.obs_space).toEqual([[3, 4, 2], 'float32']);
      expect(out.n).toBe(5);
      expect(out.render_mode).toBe('rgb_array');
      expect(out.modes).toEqual(['rgb_array', 'ansi']);
      expect(out.shape).toEqual([3, 4, 2]);
      expect(out.dtype).toBe('float32');
      expect(out.obs).toEqual(Array.from(obs));
      expect(out.info).toEqual(info);
      const want = [0, 2, 2, 4].map((a) => {
        const [o, r, t, u, i] = local.step(a);
        return [Array.from(o), r, t, u, { ...i, best: null }];
      });
      expect(out.steps).toEqual(want);
      const img = local.render() as { width: number; height: number; data: Uint8Array };
      expect(out.frame).toEqual([[3, 4, 3], 'uint8', Array.from(img.data)]);
      expect(out.bad).toBe('InvalidAction');
    } finally {
      await server.close();
    }
  });

  it('Python RemoteEnv handles Dict/Tuple/MultiDiscrete spaces and CURVE with an allow-list', async () => {
    const keys = curveKeyPair();
    const client = curveKeyPair();
    const server = await serveEnv(() => new MixedTestEnv(), {
      endpoint: 'tcp://127.0.0.1:*',
      curve: { ...keys, allowedClients: [client.publicKey] },
    });
    try {
      const out = (await runPython(
        `
import json, sys
import numpy as np
from coordconv_gym import RemoteEnv, BridgeTimeout
curve = {"server_key": sys.argv[2], "public_key": sys.argv[3], "secret_key": sys.argv[4]}
env = RemoteEnv(sys.argv[1], timeout=5, curve=curve)
obs, _ = env.reset(seed=3)
obs2, r, *_ , info = env.step(np.array([0.25, -0.5]))
try:
    RemoteEnv(sys.argv[1], timeout=0.5, curve={"server_key": sys.argv[2]})
    stranger = "connected"
except BridgeTimeout:
    stranger = "timeout"
print(json.dumps({"pos": obs["pos"].tolist(), "tags": [int(obs["tags"][0]), obs["tags"][1].tolist(), str(obs["tags"][1].dtype)],
                  "tag2": int(obs2["tags"][0]), "r": r, "action": info["action"].tolist(),
                  "space": str(type(env.observation_space).__name__), "stranger": stranger}))
env.close()
`,
        [server.endpoint, keys.publicKey, client.publicKey, client.secretKey],
      )) as Record<string, unknown>;
      const [obs] = new MixedTestEnv().reset({ seed: 3 });
      expect(out.pos).toEqual(Array.from(obs.pos));
      expect(out.tags).toEqual([0, [1, 4], 'int32']);
      expect(out.tag2).toBe(1);
      expect(out.r).toBe(-0.25);
      expect(out.action).toEqual([0.25, -0.5]);
      expect(out.space).toBe('Dict');
      expect(out.stranger).toBe('timeout');
    } finally {
      await server.close();
    }
  });

  it('TypeScript RemoteEnv drives a Python-served env (python3 -m coordconv_gym serve)', async () => {
    const endpoint = await startPythonServer([
      '--env',
      'builtin:corridor',
      '--render-mode',
      'ansi',
      '--env-kwargs',
      '{"length": 5}',
    ]);
    const env = await RemoteEnv.connect<Float32Array, number>(endpoint, { timeoutMs: 5000 });
    try {
      expect(env.observationSpace.toJSON()).toEqual({
        type: 'Box',
        low: 0,
        high: 1,
        shape: [5],
        dtype: 'float32',
      });
      expect(env.actionSpace.toJSON()).toEqual({ type: 'Discrete', n: 2, start: 0 });
      expect(env.metadata).toEqual({ renderModes: ['ansi', 'rgb_array'], renderFps: 4 });
      expect(env.remoteEnvId).toBe('CorridorEnv');
      const [obs, info] = await env.reset({ seed: 1, options: { start: 2 } });
      expect(obs).toEqual(Float32Array.from([0, 0, 1, 0, 0]));
      expect(info).toEqual({ position: 2 });
      expect(await env.render()).toBe('..A.G');
      await expect(env.step(3)).rejects.toBeInstanceOf(InvalidAction);
      let result = await env.step(0);
      expect(result.slice(1)).toEqual([-0.01, false, false, { position: 1 }]);
      result = await env.step(1);
      result = await env.step(1);
      result = await env.step(1);
      expect(result.slice(1)).toEqual([1, true, false, { position: 4 }]);
      // the same seed gives the same start, from a second session with its own env
      const other = await RemoteEnv.connect<Float32Array, number>(endpoint, { timeoutMs: 5000 });
      const [o1] = await other.reset({ seed: 123 });
      const [o2] = await other.reset({ seed: 123 });
      expect(o1).toEqual(o2);
      await other.close();
      const { warnings } = await checkEnv(await RemoteEnv.connect(endpoint, { timeoutMs: 5000 }));
      expect(warnings).toEqual([]);
    } finally {
      await env.close();
    }
  });
});
