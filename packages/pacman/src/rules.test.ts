import { describe, expect, it } from 'vitest';
import { EAST, NORTH, SOUTH, STOP, WEST } from './directions.js';
import { PacmanGame } from './game.js';
import type { GhostPolicy } from './ghost-policies.js';
import { parseLayout } from './layout.js';
import { applyGhostMove, collides, legalGhostMoves, SCARED_TIME } from './rules.js';
import { GameState } from './state.js';

/** Ghosts follow a script: `script[g]` lists directions; each must be legal when played. */
function scripted(script: number[][]): GhostPolicy & { calls: number } {
  const next = script.map(() => 0);
  const policy = {
    name: 'scripted',
    calls: 0,
    choose(_s: GameState, g: number, legal: Int8Array, n: number): number {
      policy.calls++;
      const d = script[g]![next[g]!++];
      if (d === undefined) throw new Error(`ghost ${g} script ran out`);
      if (!Array.from(legal.subarray(0, n)).includes(d)) {
        throw new Error(
          `ghost ${g} scripted move ${d} is not legal (legal: ${Array.from(legal.subarray(0, n))})`,
        );
      }
      return d;
    },
  };
  return policy;
}

function game(
  rows: string[],
  script: number[][] = [],
): PacmanGame & { policy: ReturnType<typeof scripted> } {
  const policy = scripted(script);
  const g = new PacmanGame({ layout: parseLayout(rows.join('\n')), ghosts: policy, seed: 0 });
  return Object.assign(g, { policy });
}

describe('scores', () => {
  it('food is +10, every Pac-Man move -1, clearing the board +500 and a win', () => {
    const g = game(['%%%%%', '%P..%', '%%%%%']);
    expect(g.step(EAST)).toBe(10 - 1);
    expect(g.state.foodLeft).toBe(1);
    expect(g.done).toBe(false);
    expect(g.step(EAST)).toBe(10 + 500 - 1);
    expect(g.state.win).toBe(true);
    expect(g.state.score).toBe(9 + 509);
    expect(() => g.step(STOP)).toThrow(/game is over/);
  });

  it('Stop and a move into a wall both cost 1 and leave Pac-Man in place', () => {
    const g = game(['%%%%%', '%P .%', '%%%%%']);
    expect(g.step(STOP)).toBe(-1);
    expect(g.step(NORTH)).toBe(-1); // wall: an illegal move is a Stop
    expect(g.step(WEST)).toBe(-1);
    expect([g.state.pacRow, g.state.pacCol]).toEqual([1, 1]);
    expect(g.state.score).toBe(-3);
    expect(g.state.moves).toBe(3);
  });

  it('a capsule gives no points and scares every ghost for 40 moves', () => {
    const g = game(['%%%%%%%%', '%Po%  G%', '%%%%%%%%'], [[WEST]]);
    expect(g.step(EAST)).toBe(-1);
    expect(g.state.capsulesLeft).toBe(0);
    // The ghost already made one (scared) move this round.
    expect(Array.from(g.state.scaredTimer)).toEqual([SCARED_TIME - 1]);
  });

  it('a scared ghost caught on its own move is +200 and returns to its start, unscared', () => {
    const g = game(['%%%%%%%%', '%Po   G%', '%%%%%%%%'], [[WEST, WEST, WEST]]);
    expect(g.step(EAST)).toBe(-1); // capsule; ghost 6 -> 5.5 (half speed)
    expect(g.state.ghostCol2[0]).toBe(11);
    expect(g.step(EAST)).toBe(-1); // Pac-Man to 3; ghost 5.5 -> 5
    expect(g.state.ghostCol2[0]).toBe(10);
    expect(g.step(EAST)).toBe(-1 + 200); // Pac-Man to 4; ghost 5 -> 4.5, within 0.7: eaten
    expect(g.state.ghostCol2[0]).toBe(12); // back at its start cell (col 6)
    expect(g.state.ghostDir[0]).toBe(STOP);
    expect(g.state.scaredTimer[0]).toBe(0);
    expect(g.state.ghostsEaten).toBe(1);
    expect(g.state.score).toBe(197);
    expect(g.done).toBe(false);
  });

  it('Pac-Man walking into a scared ghost eats it on his own move; it then moves from its start', () => {
    const g = game(['%%%%%%%', '%Po G %', '%%%%%%%'], [[EAST, EAST]]);
    g.step(EAST); // capsule at col 2; ghost 4 -> 4.5
    g.state.ghostCol2[0] = 6; // move it to col 3, still scared
    expect(g.step(EAST)).toBe(200 - 1);
    expect(g.policy.calls).toBe(2);
    expect(g.state.ghostCol2[0]).toBe(10); // start col 4, then one unscared move East
  });
});

describe('collisions', () => {
  it('Pac-Man moving onto a ghost loses at once (-500); the ghosts do not move', () => {
    const g = game(['%%%%%%', '%PG .%', '%%%%%%'], [[]]);
    expect(g.step(EAST)).toBe(-1 - 500);
    expect(g.state.lose).toBe(true);
    expect(g.policy.calls).toBe(0);
  });

  it('a ghost moving onto Pac-Man loses (-500) and ends the round', () => {
    const g = game(['%%%%%%%', '%P G .%', '%%%%%%%', '%  G  %', '%%%%%%%'], [[EAST], [WEST]]);
    // CS188 order: x first, then y from the bottom, so ghost 0 is the lower one (same column).
    expect(Array.from(g.state.layout.ghostStarts)).toEqual([3 * 7 + 3, 1 * 7 + 3]);
    expect(g.step(EAST)).toBe(-1 - 500); // Pac-Man to col 2; ghost 0 moves; ghost 1 catches him
    expect(g.state.lose).toBe(true);
    expect(g.policy.calls).toBe(2);
  });

  it('collision tolerance 0.7: half a cell collides, a whole cell does not', () => {
    const s = new GameState(parseLayout(['%%%%%%', '%P  G%', '%%%%%%'].join('\n')));
    s.ghostCol2[0] = 4; // col 2, one cell from Pac-Man
    expect(collides(s, 0)).toBe(false);
    s.ghostCol2[0] = 3; // col 1.5
    expect(collides(s, 0)).toBe(true);
    s.ghostCol2[0] = 2; // same cell
    expect(collides(s, 0)).toBe(true);
  });

  it('eating the last food wins even with an unscared ghost on that cell (no -500)', () => {
    const g = game(['%%%%%%', '%P. G%', '%%%%%%']);
    g.state.ghostCol2[0] = 4; // ghost sits on the food
    expect(g.step(EAST)).toBe(10 + 500 - 1);
    expect(g.state.win).toBe(true);
    expect(g.state.lose).toBe(false);
  });

  it('two unscared ghosts reached by one Pac-Man move cost -500 each (CS188 checks only _win)', () => {
    const g = game(['%%%%%%%', '%P GG %', '%%%%%%%']);
    g.state.ghostCol2[0] = 4;
    g.state.ghostCol2[1] = 4; // both ghosts on cell 2
    expect(g.step(EAST)).toBe(-1 - 1000);
    expect(g.state.lose).toBe(true);
  });
});

describe('ghost movement', () => {
  // Pac-Man walled off; the ghost starts at row 3, col 5 of a 3x3 room.
  const room = ['%%%%%%%', '%P%   %', '%%%   %', '%%%  G%', '%%%%%%%'].join('\n');
  const legal = new Int8Array(4);
  const legalOf = (s: GameState, g = 0) =>
    Array.from(legal.subarray(0, legalGhostMoves(s, g, legal)));

  it('scared ghosts move half a cell per move; the timer drops by one per ghost move', () => {
    const s = new GameState(parseLayout(room));
    s.scaredTimer[0] = 3;
    applyGhostMove(s, 0, WEST);
    expect([s.ghostRow2[0], s.ghostCol2[0], s.scaredTimer[0]]).toEqual([6, 9, 2]);
    expect(legalOf(s)).toEqual([WEST]); // between cells: straight on only
    applyGhostMove(s, 0, WEST);
    expect([s.ghostRow2[0], s.ghostCol2[0], s.scaredTimer[0]]).toEqual([6, 8, 1]);
    applyGhostMove(s, 0, NORTH); // last scared move: half a cell, then snapped to a cell
    expect([s.ghostRow2[0], s.ghostCol2[0], s.scaredTimer[0]]).toEqual([4, 8, 0]);
    applyGhostMove(s, 0, NORTH); // unscared: a whole cell
    expect([s.ghostRow2[0], s.ghostCol2[0], s.scaredTimer[0]]).toEqual([2, 8, 0]);
  });

  it('the snap when fright ends rounds like CS188 nearestPoint: East and North', () => {
    const s = new GameState(parseLayout(room));
    s.scaredTimer[0] = 1;
    applyGhostMove(s, 0, WEST); // col 5 -> 4.5, snapped East back to 5
    expect([s.ghostRow2[0], s.ghostCol2[0]]).toEqual([6, 10]);
    s.scaredTimer[0] = 1;
    applyGhostMove(s, 0, NORTH); // row 3 -> 2.5, snapped North to row 2
    expect([s.ghostRow2[0], s.ghostCol2[0]]).toEqual([4, 10]);
  });

  it('ghosts never stop and reverse only at a dead end', () => {
    const s = new GameState(parseLayout(['%%%%%%%', '%P%G  %', '%%%%%%%'].join('\n')));
    const moves = () => legalOf(s);
    expect(moves()).toEqual([EAST]); // at the start (direction Stop) every open way
    applyGhostMove(s, 0, EAST);
    expect(moves()).toEqual([EAST]); // corridor: no reversing
    applyGhostMove(s, 0, EAST);
    expect(moves()).toEqual([WEST]); // dead end: reversing is the only move
    const open = new GameState(
      parseLayout(['%%%%%', '%P  %', '% G %', '%   %', '%%%%%'].join('\n')),
    );
    open.ghostDir[0] = EAST;
    expect(legalOf(open)).toEqual([EAST, NORTH, SOUTH]); // all but the reverse, in E N S W order
  });

  it('ghosts move after Pac-Man, in agent order', () => {
    const order: number[] = [];
    const spy: GhostPolicy = {
      name: 'spy',
      choose(_s, g, legal) {
        order.push(g);
        return legal[0]!;
      },
    };
    const g = new PacmanGame({ layout: 'mediumClassic', ghosts: spy, seed: 0 });
    g.step(STOP);
    expect(order).toEqual([0, 1]);
  });

  it('a ghost walled in on all sides stays put (CS188 would raise)', () => {
    const g = new PacmanGame({ layout: ['%%%%%', '%P.%%', '%%%G%', '%%%%%'].join('\n'), seed: 0 });
    expect(g.step(EAST)).toBe(10 + 500 - 1);
    const h = new PacmanGame({
      layout: ['%%%%%%', '%P .%%', '%%%%G%', '%%%%%%'].join('\n'),
      seed: 0,
    });
    h.step(STOP);
    expect([h.state.ghostRow2[0], h.state.ghostCol2[0]]).toEqual([4, 8]);
  });
});
