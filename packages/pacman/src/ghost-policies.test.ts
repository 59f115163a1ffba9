import { Rng } from '@coordconv/common';
import { describe, expect, it } from 'vitest';
import { EAST, NORTH, SOUTH, WEST } from './directions.js';
import { directionalGhost, randomGhost, resolveGhostPolicy } from './ghost-policies.js';
import { parseLayout } from './layout.js';
import { legalGhostMoves } from './rules.js';
import { GameState } from './state.js';

// Pac-Man in the north-west corner, the ghost in the middle of an open 5x5 room.
const room = ['%%%%%%%', '%P    %', '%     %', '%  G  %', '%     %', '%     %', '%%%%%%%'].join(
  '\n',
);

function frequencies(choose: () => number, draws: number): Record<number, number> {
  const counts: Record<number, number> = {};
  for (let i = 0; i < draws; i++) {
    const d = choose();
    counts[d] = (counts[d] ?? 0) + 1 / draws;
  }
  return counts;
}

describe('ghost policies', () => {
  const s = new GameState(parseLayout(room));
  const legal = new Int8Array(4);
  const n = legalGhostMoves(s, 0, legal);

  it('the random ghost is uniform over the legal moves', () => {
    expect(n).toBe(4);
    const rng = new Rng(1);
    const f = frequencies(() => randomGhost.choose(s, 0, legal, n, rng), 40_000);
    for (const d of [EAST, NORTH, SOUTH, WEST]) expect(f[d]).toBeCloseTo(0.25, 1);
  });

  it('the directional ghost attacks with probability 0.8 + 0.2 / n, split over the best moves', () => {
    const rng = new Rng(2);
    const policy = directionalGhost();
    const f = frequencies(() => policy.choose(s, 0, legal, n, rng), 40_000);
    // North and West both bring it one step closer to Pac-Man (north-west of it).
    expect(f[NORTH]).toBeCloseTo(0.4 + 0.05, 1);
    expect(f[WEST]).toBeCloseTo(0.4 + 0.05, 1);
    expect(f[EAST]).toBeCloseTo(0.05, 1);
    expect(f[SOUTH]).toBeCloseTo(0.05, 1);
  });

  it('a scared directional ghost flees: the moves that get farthest from Pac-Man', () => {
    const scared = s.clone();
    scared.scaredTimer[0] = 10;
    const policy = directionalGhost({ probScaredFlee: 1 });
    const rng = new Rng(3);
    const f = frequencies(() => policy.choose(scared, 0, legal, n, rng), 10_000);
    expect(Object.keys(f).map(Number).sort()).toEqual([EAST, SOUTH].sort());
  });

  it('probAttack 1 always takes a best move; probAttack 0 is uniform', () => {
    const rng = new Rng(4);
    const greedy = directionalGhost({ probAttack: 1 });
    for (let i = 0; i < 200; i++)
      expect([NORTH, WEST]).toContain(greedy.choose(s, 0, legal, n, rng));
    const f = frequencies(
      () => directionalGhost({ probAttack: 0 }).choose(s, 0, legal, n, rng),
      40_000,
    );
    for (const d of [EAST, NORTH, SOUTH, WEST]) expect(f[d]).toBeCloseTo(0.25, 1);
  });

  it('each choice draws exactly one number from the generator', () => {
    for (const policy of [randomGhost, directionalGhost()]) {
      const a = new Rng(5);
      const b = new Rng(5);
      policy.choose(s, 0, legal, n, a);
      b.random();
      expect(a.getState()).toEqual(b.getState());
    }
  });

  it('rejects bad probabilities and unknown names', () => {
    expect(() => directionalGhost({ probAttack: 1.5 })).toThrow(
      /probAttack must be a probability in \[0, 1\], got 1.5/,
    );
    expect(() => resolveGhostPolicy('chasing' as 'random')).toThrow(
      /'random', 'directional' or a GhostPolicy/,
    );
    expect(resolveGhostPolicy('random')).toBe(randomGhost);
  });
});
