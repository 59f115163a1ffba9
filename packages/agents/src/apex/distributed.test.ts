import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend, loadCheckpoint, saveCheckpoint } from '@coordconv/backend';
import { resolveApexConfig } from './config.js';
import { ApexTrainer } from './trainer.js';

const fixture = fileURLToPath(new URL('./test-actor-process.ts', import.meta.url));
const children: ChildProcess[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  await initBackend({ log: () => {} });
});
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/** A free loopback port (the restarted learner must listen on the same one). */
async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

function startActorProcess(endpoint: string): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--conditions=@coordconv/source', '--import', 'tsx', fixture, endpoint],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env } },
  );
  child.stderr!.resume(); // drain
  children.push(child);
  return child;
}

const config = resolveApexConfig({
  numActors: 0,
  epsilonSlots: 2,
  batchSize: 16,
  learningStarts: 60,
  replayCapacity: 2000,
  sendEvery: 10,
  paramsEvery: 20,
  publishEvery: 5,
  learningRate: 1e-3,
});
const env = { module: '@coordconv/gym', exportName: 'makeCartPole' };

/** Iterates until `done()` or the deadline; returns whether `done()` became true. */
async function iterateUntil(t: ApexTrainer, done: () => boolean, seconds = 40): Promise<boolean> {
  const deadline = performance.now() + seconds * 1000;
  while (!done() && performance.now() < deadline) await t.iterate();
  return done();
}

describe('Ape-X distributed mode (loopback)', () => {
  it('survives an actor process killed and restarted, and a learner restart from its checkpoint', async () => {
    const endpoint = `tcp://127.0.0.1:${await freePort()}`;
    const options = {
      config,
      env,
      seed: 3,
      totalFrames: 1e9,
      listen: endpoint,
      waitMs: 200,
      log: () => {},
    };
    const learner = await ApexTrainer.create(options);
    await learner.start();
    const first = startActorProcess(endpoint);
    expect(await iterateUntil(learner, () => learner.updates >= 10)).toBe(true);

    // Kill the actor mid-run: the learner keeps updating from replay.
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const accepted = learner.serverStats!.acceptedBatches;
    const before = learner.updates;
    for (let k = 0; k < 5; k++) await learner.iterate();
    expect(learner.updates).toBe(before + 5);

    // A new actor process joins the same run.
    startActorProcess(endpoint);
    expect(
      await iterateUntil(
        learner,
        () =>
          learner.serverStats!.hellos >= 2 && learner.serverStats!.acceptedBatches > accepted + 3,
      ),
    ).toBe(true);

    // Learner restart: checkpoint, close, a new learner on the same endpoint resumes from it.
    const dir = mkdtempSync(join(tmpdir(), 'apex-dist-'));
    dirs.push(dir);
    await saveCheckpoint(dir, learner.checkpointContents());
    const savedUpdates = learner.updates;
    await learner.close();
    const restarted = await ApexTrainer.create(options);
    await restarted.restore(await loadCheckpoint(dir));
    expect(restarted.updates).toBe(savedUpdates);
    await restarted.start();
    // The surviving actor reattaches (UnknownSession or a timeout, then hello) and replay refills.
    expect(await iterateUntil(restarted, () => restarted.updates >= savedUpdates + 5)).toBe(true);
    expect(restarted.serverStats!.hellos).toBeGreaterThanOrEqual(1);
    expect(restarted.serverStats!.rejectedBatches).toBe(0);
    await restarted.close();
  });
});
