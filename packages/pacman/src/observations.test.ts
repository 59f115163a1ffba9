import { describe, expect, it } from 'vitest';
import { EAST, WEST } from './directions.js';
import { GRID_CHANNELS, GridEncoder, encodeGrid, gridSize } from './encode-grid.js';
import { parseLayout } from './layout.js';
import { getLayout } from './layouts.js';
import { PacmanGame } from './game.js';
import { Rng } from '@coordconv/common';
import { renderAnsi } from './render-ansi.js';
import { PALETTE, RgbRenderer } from './render-rgb.js';
import { applyPacmanMove } from './rules.js';
import { GameState } from './state.js';

function channelSum(obs: Float32Array, ch: number): number {
  let sum = 0;
  for (let i = ch; i < obs.length; i += GRID_CHANNELS) sum += obs[i]!;
  return sum;
}

describe('grid observation', () => {
  const L = getLayout('mediumClassic');

  it('is [H, W, 6] with walls, food, capsules, Pac-Man, ghosts, scared ghosts', () => {
    const s = new GameState(L);
    const obs = encodeGrid(s, new Float32Array(gridSize(L.height, L.width)));
    expect(obs.length).toBe(11 * 20 * 6);
    expect(channelSum(obs, 0)).toBe(L.walls.reduce((a, b) => a + b, 0));
    expect(channelSum(obs, 1)).toBe(97);
    expect(channelSum(obs, 2)).toBe(2);
    expect(channelSum(obs, 3)).toBe(1);
    expect(channelSum(obs, 4)).toBe(2);
    expect(channelSum(obs, 5)).toBe(0);
    const at = (r: number, c: number, ch: number) => obs[(r * L.width + c) * GRID_CHANNELS + ch];
    expect(at(9, 9, 3)).toBe(1); // Pac-Man's start (row 9 of the text, column 9)
    expect(at(5, 8, 4)).toBe(1); // the left ghost
    expect(at(1, 1, 2)).toBe(1); // the top-left capsule
    expect(at(0, 0, 0)).toBe(1);
    for (const v of obs) expect(v === 0 || v === 1).toBe(true);
  });

  it('splits a ghost half-way between cells as 0.5 + 0.5 in the scared channel', () => {
    const s = new GameState(L);
    s.scaredTimer[0] = 5;
    s.ghostCol2[0] = 2 * 8 - 1; // between columns 7 and 8
    const obs = encodeGrid(s, new Float32Array(gridSize(L.height, L.width)));
    const at = (r: number, c: number, ch: number) => obs[(r * L.width + c) * GRID_CHANNELS + ch];
    expect([at(5, 7, 5), at(5, 8, 5), at(5, 8, 4)]).toEqual([0.5, 0.5, 0]);
    expect(channelSum(obs, 5)).toBe(1);
  });

  it('writes at an offset into a larger (vector) buffer, leaving the rest alone', () => {
    const s = new GameState(L);
    const size = gridSize(L.height, L.width);
    const batch = new Float32Array(3 * size).fill(-1);
    encodeGrid(s, batch, size);
    expect(batch[0]).toBe(-1);
    expect(batch[2 * size]).toBe(-1);
    expect(batch.subarray(size, 2 * size)).toEqual(encodeGrid(s, new Float32Array(size)));
    expect(() => encodeGrid(s, new Float32Array(size - 1))).toThrow(/needs 1320/);
  });
});

describe('GridEncoder', () => {
  it('equals encodeGrid along games, with two states of one layout interleaved', () => {
    const a = new PacmanGame({ layout: 'smallClassic', ghosts: 'directional', seed: 1 });
    const b = new PacmanGame({ layout: 'smallClassic', seed: 2 });
    const enc = new GridEncoder(a.layout);
    const size = gridSize(a.layout.height, a.layout.width);
    const want = new Float32Array(size);
    const got = new Float32Array(size);
    const rng = new Rng(3);
    let changes = 0;
    for (let t = 0; t < 3000; t++) {
      const g = t % 3 === 0 ? b : a;
      if (g.done) g.reset();
      const before = g.state.foodLeft;
      g.step(rng.int(5));
      if (g.state.foodLeft !== before) changes++;
      enc.encode(g.state, got);
      encodeGrid(g.state, want);
      // Index of the first difference (vitest's deep equality is slow on thousands of arrays).
      expect(
        got.findIndex((v, i) => v !== want[i]),
        `step ${t}`,
      ).toBe(-1);
    }
    expect(changes).toBeGreaterThan(50);
  });
});

describe('rgb observation', () => {
  const L = parseLayout(['%%%%%%', '%P.oG%', '%%%%%%'].join('\n'));
  const pixel = (img: Uint8Array, width: number, x: number, y: number) =>
    Array.from(img.subarray((y * width + x) * 3, (y * width + x) * 3 + 3));

  it('draws walls, dots, Pac-Man and ghosts in the arcade palette', () => {
    const r = new RgbRenderer(L, 8);
    expect([r.width, r.height, r.size]).toEqual([48, 24, 48 * 24 * 3]);
    const s = new GameState(L);
    const img = r.render(s);
    expect(pixel(img, r.width, 4, 4)).toEqual(PALETTE.wall); // cell (0, 0)
    expect(pixel(img, r.width, 8 + 4, 8 + 4)).toEqual(PALETTE.pacman); // Pac-Man's centre
    expect(pixel(img, r.width, 16 + 4, 8 + 4)).toEqual(PALETTE.food); // the dot's centre
    expect(pixel(img, r.width, 16 + 0, 8 + 0)).toEqual(PALETTE.floor); // the dot's cell corner
    expect(pixel(img, r.width, 24 + 4, 8 + 4)).toEqual(PALETTE.food); // the capsule
    expect(pixel(img, r.width, 32 + 4, 8 + 5)).toEqual(PALETTE.ghosts[0]); // the ghost's body
  });

  it('removes eaten food, draws scared ghosts blue and ghosts half-way between cells', () => {
    const r = new RgbRenderer(L, 8);
    const s = new GameState(L);
    applyPacmanMove(s, EAST); // eats the dot at column 2
    s.scaredTimer[0] = 10;
    s.ghostCol2[0] = 7; // column 3.5
    const img = r.render(s);
    expect(pixel(img, r.width, 16 + 4, 8 + 4)).toEqual(PALETTE.pacman);
    expect(pixel(img, r.width, 28 + 4, 8 + 5)).toEqual(PALETTE.scaredGhost);
    applyPacmanMove(s, WEST);
    const img2 = r.render(s);
    expect(pixel(img2, r.width, 16 + 4, 8 + 4)).toEqual(PALETTE.floor); // no dot any more
    // A fresh state brings the dot back (the cached board follows whatever state is drawn).
    expect(pixel(r.render(new GameState(L)), r.width, 16 + 4, 8 + 4)).toEqual(PALETTE.food);
  });

  it('supports any cell size from 1 pixel and writes at an offset', () => {
    const s = new GameState(L);
    const tiny = new RgbRenderer(L, 1);
    const img = tiny.render(s);
    expect([tiny.width, tiny.height]).toEqual([6, 3]);
    expect(pixel(img, 6, 1, 1)).toEqual(PALETTE.pacman);
    expect(pixel(img, 6, 4, 1)).toEqual(PALETTE.ghosts[0]);
    const batch = new Uint8Array(2 * tiny.size).fill(7);
    tiny.render(s, batch, tiny.size);
    expect(batch[0]).toBe(7);
    expect(batch.subarray(tiny.size)).toEqual(img);
    expect(() => new RgbRenderer(L, 0)).toThrow(/cellSize must be an integer in \[1, 64\]/);
  });
});

describe('ansi render', () => {
  it('draws the board in CS188 text style with a status line', () => {
    const L = getLayout('smallGrid');
    const s = new GameState(L);
    expect(renderAnsi(s)).toBe(
      [
        '%%%%%%%',
        '% <   %',
        '% %%% %',
        '% %.  %',
        '% %%% %',
        '%. G  %',
        '%%%%%%%',
        'Score: 0  Food: 2  Moves: 0',
        '',
      ].join('\n'),
    );
    applyPacmanMove(s, WEST);
    s.scaredTimer[0] = 3;
    const text = renderAnsi(s);
    expect(text.split('\n')[1]).toBe('%>    %');
    expect(text.split('\n')[5]).toBe('%. S  %');
    expect(text).toMatch(/Score: -1 {2}Food: 2 {2}Moves: 1\n$/);
  });
});
