import { describe, expect, it } from 'vitest';
import { LayoutError, parseLayout } from './layout.js';
import { LAYOUT_NAMES, getLayout, resolveLayout } from './layouts.js';

function layoutError(text: string): LayoutError {
  try {
    parseLayout(text);
  } catch (err) {
    expect(err).toBeInstanceOf(LayoutError);
    return err as LayoutError;
  }
  throw new Error('expected a LayoutError');
}

describe('parseLayout', () => {
  it('reads walls, food, capsules, Pac-Man and ghosts row-major from the top', () => {
    const L = parseLayout('%%%%\n%Po%\n%.G%\n%%%%');
    expect([L.width, L.height, L.foodCount, L.capsuleCount]).toEqual([4, 4, 1, 1]);
    expect(L.pacmanStart).toBe(1 * 4 + 1);
    expect(L.capsules[1 * 4 + 2]).toBe(1);
    expect(L.food[2 * 4 + 1]).toBe(1);
    expect(Array.from(L.ghostStarts)).toEqual([2 * 4 + 2]);
    expect(L.walls.reduce((a, b) => a + b, 0)).toBe(12);
  });

  it('drops blank lines around the text and accepts CRLF', () => {
    const L = parseLayout('\n\n%%%\r\n%P%\r\n%%%\n  \n');
    expect([L.width, L.height]).toEqual([3, 3]);
  });

  it('orders ghosts as CS188 does: by number (G = 1), then x, then y from the bottom', () => {
    const L = parseLayout(['%%%%%%', '%2G P%', '%G1 3%', '%%%%%%'].join('\n'));
    const at = (r: number, c: number) => r * 6 + c;
    // Number 1: (col 1, row 2); then col 2, lower row (y = 1) before upper (y = 2). Then 2, then 3.
    expect(Array.from(L.ghostStarts)).toEqual([at(2, 1), at(2, 2), at(1, 2), at(1, 1), at(2, 4)]);
  });

  it('names the row and column of an unknown character', () => {
    const e = layoutError('%%%%\n%P%%\n%%x%\n%%%%');
    expect([e.row, e.col]).toEqual([2, 2]);
    expect(e.message).toMatch(/unknown character "x" at row 2, column 2/);
    expect(e.message).toMatch(/allowed: '%' wall/);
  });

  it('names a ragged row and both widths', () => {
    const e = layoutError('%%%%\n%P%\n%%%%');
    expect(e.row).toBe(1);
    expect(e.message).toMatch(/row 1 has 3 characters, expected 4/);
  });

  it('requires exactly one Pac-Man', () => {
    expect(layoutError('%%%\n% %\n%%%').message).toMatch(/no Pac-Man/);
    const two = layoutError('%%%%\n%PP%\n%%%%');
    expect([two.row, two.col]).toEqual([1, 2]);
    expect(two.message).toMatch(
      /second Pac-Man 'P' at row 1, column 2 \(the first is at row 1, column 1\)/,
    );
  });

  it('rejects empty text and non-strings', () => {
    expect(layoutError('\n \n').message).toMatch(/no rows/);
    expect(() => parseLayout(42 as unknown as string)).toThrow(LayoutError);
  });
});

describe('bundled layouts', () => {
  const expected = {
    smallGrid: { width: 7, height: 7, food: 2, capsules: 0, ghosts: 1 },
    mediumGrid: { width: 8, height: 7, food: 4, capsules: 0, ghosts: 1 },
    smallClassic: { width: 20, height: 7, food: 55, capsules: 2, ghosts: 2 },
    mediumClassic: { width: 20, height: 11, food: 97, capsules: 2, ghosts: 2 },
    originalClassic: { width: 28, height: 27, food: 229, capsules: 4, ghosts: 4 },
  };

  it('are exactly the five CS188 layouts', () => {
    expect([...LAYOUT_NAMES].sort()).toEqual(Object.keys(expected).sort());
  });

  for (const [name, want] of Object.entries(expected)) {
    it(`${name}: ${want.width}x${want.height}, ${want.food} food, ${want.capsules} capsules, ${want.ghosts} ghosts`, () => {
      const L = getLayout(name as keyof typeof expected);
      expect({
        width: L.width,
        height: L.height,
        food: L.foodCount,
        capsules: L.capsuleCount,
        ghosts: L.ghostStarts.length,
      }).toEqual(want);
      // Closed boards: every border cell is a wall.
      for (let c = 0; c < L.width; c++) {
        expect(L.walls[c]).toBe(1);
        expect(L.walls[(L.height - 1) * L.width + c]).toBe(1);
      }
    });
  }

  it('resolveLayout takes a name, text or a Layout, and names the bundled ones on a typo', () => {
    expect(resolveLayout('smallGrid')).toBe(getLayout('smallGrid'));
    expect(resolveLayout('%%%\n%P%\n%%%').width).toBe(3);
    const L = getLayout('mediumGrid');
    expect(resolveLayout(L)).toBe(L);
    expect(() => resolveLayout('mediumClasic')).toThrow(
      /unknown layout "mediumClasic".*mediumClassic/,
    );
  });
});
