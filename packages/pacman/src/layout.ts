/**
 * Layout text -> a static board (CS188 `layout.py`). Characters: `%` wall, `.` food,
 * `o` capsule, `P` Pac-Man, `G` ghost, `1`-`4` numbered ghosts, space empty. Row 0 of the text
 * is the top of the board. Cells are indexed row-major: `cell = row * width + col`.
 *
 * Differences from CS188, all on malformed input (CS188 silently ignores or crashes):
 * unknown characters, ragged rows, a missing or second Pac-Man are errors naming the row and
 * column; cells outside the text count as walls (CS188 would wrap around or crash).
 */

export const LAYOUT_CHARS =
  "'%' wall, '.' food, 'o' capsule, 'P' Pac-Man, 'G' or '1'-'4' ghost, ' ' empty";

/** A malformed layout. `row`/`col` (0-based, row 0 = first line) locate the problem when known. */
export class LayoutError extends Error {
  override readonly name = 'LayoutError';
  constructor(
    message: string,
    readonly row?: number,
    readonly col?: number,
  ) {
    super(message);
  }
}

export interface Layout {
  /** Name for messages and metadata (`custom` for user text unless named). */
  readonly name: string;
  readonly width: number;
  readonly height: number;
  /** The rows of the layout text, top first. */
  readonly rows: readonly string[];
  /** 1 where a wall is, per cell (row-major, length width * height). */
  readonly walls: Uint8Array;
  /** 1 where food starts. */
  readonly food: Uint8Array;
  /** 1 where a capsule starts. */
  readonly capsules: Uint8Array;
  /** Cell where Pac-Man starts. */
  readonly pacmanStart: number;
  /**
   * Start cell of every ghost on the board, in CS188 agent order: sorted by ghost number
   * (`G` counts as 1), then by x (column), then by y (CS188's y grows upwards, so lower rows
   * of the text come first).
   */
  readonly ghostStarts: Int32Array;
  readonly foodCount: number;
  readonly capsuleCount: number;
}

/** Splits text into rows: accepts `\r\n`, drops blank lines before the first and after the last row. */
function splitRows(text: string): string[] {
  const lines = text.replace(/\r/g, '').split('\n');
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  return lines.slice(start, end);
}

/** Parses layout text; throws `LayoutError` naming the row, column and character at fault. */
export function parseLayout(text: string, name = 'custom'): Layout {
  if (typeof text !== 'string') {
    throw new LayoutError(`layout ${name}: expected layout text (a string), got ${typeof text}`);
  }
  const rows = splitRows(text);
  if (rows.length === 0) throw new LayoutError(`layout ${name}: the text has no rows`);
  const width = rows[0]!.length;
  const height = rows.length;
  for (let r = 1; r < height; r++) {
    if (rows[r]!.length !== width) {
      throw new LayoutError(
        `layout ${name}: row ${r} has ${rows[r]!.length} characters, expected ${width} like row 0 ` +
          `(rows must all have the same width): ${JSON.stringify(rows[r])}`,
        r,
      );
    }
  }
  const n = width * height;
  const walls = new Uint8Array(n);
  const food = new Uint8Array(n);
  const capsules = new Uint8Array(n);
  let pacmanStart = -1;
  const ghosts: { num: number; col: number; y: number; cell: number }[] = [];
  let foodCount = 0;
  let capsuleCount = 0;
  for (let r = 0; r < height; r++) {
    const row = rows[r]!;
    for (let c = 0; c < width; c++) {
      const ch = row[c]!;
      const cell = r * width + c;
      switch (ch) {
        case '%':
          walls[cell] = 1;
          break;
        case '.':
          food[cell] = 1;
          foodCount++;
          break;
        case 'o':
          capsules[cell] = 1;
          capsuleCount++;
          break;
        case 'P':
          if (pacmanStart >= 0) {
            const pr = Math.floor(pacmanStart / width);
            throw new LayoutError(
              `layout ${name}: a second Pac-Man 'P' at row ${r}, column ${c} ` +
                `(the first is at row ${pr}, column ${pacmanStart % width}); exactly one is allowed`,
              r,
              c,
            );
          }
          pacmanStart = cell;
          break;
        case 'G':
        case '1':
        case '2':
        case '3':
        case '4':
          ghosts.push({ num: ch === 'G' ? 1 : Number(ch), col: c, y: height - 1 - r, cell });
          break;
        case ' ':
          break;
        default:
          throw new LayoutError(
            `layout ${name}: unknown character ${JSON.stringify(ch)} at row ${r}, column ${c}; ` +
              `allowed: ${LAYOUT_CHARS}`,
            r,
            c,
          );
      }
    }
  }
  if (pacmanStart < 0) {
    throw new LayoutError(`layout ${name}: no Pac-Man; put exactly one 'P' on the board`);
  }
  // CS188 sorts agent positions as tuples (number, (x, y)) with y counted from the bottom.
  ghosts.sort((a, b) => a.num - b.num || a.col - b.col || a.y - b.y);
  return {
    name,
    width,
    height,
    rows,
    walls,
    food,
    capsules,
    pacmanStart,
    ghostStarts: Int32Array.from(ghosts, (g) => g.cell),
    foodCount,
    capsuleCount,
  };
}
