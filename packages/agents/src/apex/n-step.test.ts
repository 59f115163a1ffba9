import { describe, expect, it } from 'vitest';
import { ExperienceBuffer, NStepAccumulator } from './n-step.js';

/** One-number observations make every transition easy to read. */
const o = (x: number) => Float32Array.of(x);

function drain(buf: ExperienceBuffer) {
  const b = buf.take();
  return Array.from({ length: b.count }, (_, j) => ({
    obs: b.obs[j],
    action: b.actions[j],
    ret: b.returns[j],
    discount: b.discounts[j],
    next: b.nextObs[j],
    priority: b.priorities[j],
  }));
}

describe('NStepAccumulator', () => {
  const g = 0.9;

  it('emits n-step returns bootstrapped n steps ahead while the episode runs', () => {
    const acc = new NStepAccumulator(3, g, 1);
    const buf = new ExperienceBuffer(16, 1);
    // s0 -a0,r1-> s1 -a1,r2-> s2 -a2,r3-> s3: the first transition completes when s3 is seen.
    acc.push(o(0), 0, 1, 0.5);
    expect(acc.bootstrap(o(1), 10, buf)).toBe(false);
    acc.push(o(1), 1, 2, 0);
    acc.push(o(2), 2, 3, 0);
    expect(acc.full).toBe(true);
    expect(acc.bootstrap(o(3), 10, buf)).toBe(true); // max_a Q(s3) = 10
    const [t] = drain(buf);
    const ret = 1 + g * 2 + g * g * 3;
    expect(t!.obs).toBe(0);
    expect(t!.action).toBe(0);
    expect(t!.ret).toBeCloseTo(ret, 6);
    expect(t!.discount).toBeCloseTo(g ** 3, 6);
    expect(t!.next).toBe(3);
    expect(t!.priority).toBeCloseTo(Math.abs(ret + g ** 3 * 10 - 0.5), 5);
    expect(acc.length).toBe(2);
  });

  it('does not bootstrap past a terminal: shorter returns and discount 0', () => {
    const acc = new NStepAccumulator(3, g, 1);
    const buf = new ExperienceBuffer(16, 1);
    acc.push(o(0), 0, 1, 0);
    acc.push(o(1), 1, 2, 0);
    acc.endEpisode(o(9), true, 123, buf); // terminated after 2 steps: maxQ is ignored
    const ts = drain(buf);
    expect(ts.map((t) => t.obs)).toEqual([0, 1]);
    expect(ts[0]!.ret).toBeCloseTo(1 + g * 2, 6);
    expect(ts[1]!.ret).toBeCloseTo(2, 6);
    expect(ts.map((t) => t.discount)).toEqual([0, 0]);
    expect(ts.map((t) => t.next)).toEqual([9, 9]);
    expect(ts[0]!.priority).toBeCloseTo(1 + g * 2, 5);
    expect(acc.length).toBe(0);
  });

  it('bootstraps a truncated episode from its final observation with gamma^m', () => {
    const acc = new NStepAccumulator(3, g, 1);
    const buf = new ExperienceBuffer(16, 1);
    acc.push(o(0), 0, 1, 0);
    acc.push(o(1), 1, 1, 0);
    acc.push(o(2), 2, 1, 0);
    acc.endEpisode(o(3), false, 5, buf);
    const ts = drain(buf);
    expect(ts.map((t) => t.discount.toFixed(6))).toEqual(
      [g ** 3, g ** 2, g].map((x) => x.toFixed(6)),
    );
    expect(ts[2]!.ret).toBeCloseTo(1, 6);
    expect(ts[2]!.priority).toBeCloseTo(1 + g * 5, 5);
  });

  it('n = 1 gives one-step transitions', () => {
    const acc = new NStepAccumulator(1, g, 1);
    const buf = new ExperienceBuffer(4, 1);
    acc.push(o(0), 1, 2, 0);
    acc.bootstrap(o(1), 4, buf);
    const [t] = drain(buf);
    expect(t!.ret).toBe(2);
    expect(t!.discount).toBeCloseTo(g, 6);
    expect(() => acc.push(o(1), 0, 0, 0)).not.toThrow();
    expect(() => acc.push(o(2), 0, 0, 0)).toThrow(/bootstrap/);
  });
});
