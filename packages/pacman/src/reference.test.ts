import { Rng } from '@coordconv/common';
import { describe, expect, it } from 'vitest';
import { PacmanGame } from './game.js';
import { LAYOUT_NAMES, getLayout } from './layouts.js';
import { REVERSE, STOP } from './directions.js';
import { isPacmanMoveLegal } from './rules.js';
import type { GameState } from './state.js';
import { ReferenceGame } from './test-reference.js';

/** A wandering Pac-Man: mostly keeps going, rarely stops or reverses, so games last and reach capsules. */
function wander(s: GameState, rng: Rng): number {
  if (rng.random() < 0.05) return rng.int(5);
  const options: number[] = [];
  for (let a = 0; a < 4; a++)
    if (isPacmanMoveLegal(s, a) && a !== REVERSE[s.pacDir]) options.push(a);
  return options.length ? options[rng.int(options.length)]! : REVERSE[s.pacDir]!;
}

function compare(game: PacmanGame, ref: ReferenceGame, where: string): void {
  const s = game.state;
  const got = {
    pac: [s.pacCol, s.layout.height - 1 - s.pacRow],
    ghosts: Array.from({ length: s.numGhosts }, (_, g) => [
      s.ghostCol2[g]! / 2,
      s.layout.height - 1 - s.ghostRow2[g]! / 2,
      s.scaredTimer[g],
    ]),
    score: s.score,
    food: s.foodLeft,
    caps: s.capsulesLeft,
    win: s.win,
    lose: s.lose,
  };
  const want = {
    pac: ref.agents[0]!.pos,
    ghosts: ref.agents.slice(1).map((a) => [a.pos[0], a.pos[1], a.scared]),
    score: ref.score,
    food: ref.foodLeft(),
    caps: ref.capsules.length,
    win: ref.win,
    lose: ref.lose,
  };
  expect(got, where).toEqual(want);
}

describe('the half-cell game equals a float model of the CS188 rules', () => {
  for (const ghosts of ['random', 'directional'] as const) {
    it(`${ghosts} ghosts, every bundled layout`, () => {
      const seen = { steps: 0, halfPositions: 0, ghostsEaten: 0, wins: 0, losses: 0, capsules: 0 };
      for (const name of LAYOUT_NAMES) {
        const layout = getLayout(name);
        const game = new PacmanGame({ layout, ghosts, seed: 0 });
        const pacRng = new Rng(`pacman-${name}-${ghosts}`);
        for (let episode = 0; episode < 40; episode++) {
          game.reset(episode + 1);
          const refRng = new Rng(episode + 1);
          const ref = new ReferenceGame(layout, 4, ghosts);
          for (let t = 0; t < 400 && !game.done; t++) {
            const a = wander(game.state, pacRng);
            game.step(a);
            ref.step(a, refRng);
            compare(game, ref, `${name} episode ${episode} step ${t} action ${a}`);
            seen.steps++;
            for (let g = 0; g < game.state.numGhosts; g++) {
              if ((game.state.ghostRow2[g]! | game.state.ghostCol2[g]!) & 1) seen.halfPositions++;
            }
          }
          seen.ghostsEaten += game.state.ghostsEaten;
          seen.capsules += layout.capsuleCount - game.state.capsulesLeft;
          if (game.state.win) seen.wins++;
          if (game.state.lose) seen.losses++;
        }
      }
      // The comparison must have exercised every rule, or it proves little.
      expect(seen.halfPositions).toBeGreaterThan(100);
      expect(seen.ghostsEaten).toBeGreaterThan(5);
      expect(seen.capsules).toBeGreaterThan(20);
      expect(seen.wins).toBeGreaterThan(ghosts === 'random' ? 5 : 1); // directional ghosts rarely lose
      expect(seen.losses).toBeGreaterThan(50);
    });
  }

  it('Stop is legal for Pac-Man everywhere', () => {
    const game = new PacmanGame({ layout: 'smallGrid', seed: 1 });
    expect(isPacmanMoveLegal(game.state, STOP)).toBe(true);
  });
});
