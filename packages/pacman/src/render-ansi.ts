/**
 * The `ansi` render mode: the board as text in CS188's text-display style (`%` wall, `.` food,
 * `o` capsule, Pac-Man as `<`, `>`, `^`, `v` by heading, ghosts `G`), plus `S` for a scared
 * ghost, then a status line. A ghost half-way between cells is shown at CS188's
 * `nearestPoint` (rounded East / North). Agents are drawn over capsules (CS188 draws capsules
 * last, hiding an agent on one).
 */
import { EAST, NORTH, SOUTH, WEST } from './directions.js';
import type { GameState } from './state.js';

/** CS188 `_pacStr`: the character shows the open mouth, so North is `v`. */
function pacmanChar(dir: number): string {
  if (dir === NORTH) return 'v';
  if (dir === SOUTH) return '^';
  if (dir === WEST) return '>';
  if (dir === EAST) return '<';
  return '<';
}

export function renderAnsi(s: GameState): string {
  const L = s.layout;
  const W = L.width;
  const chars: string[] = new Array<string>(W * L.height);
  for (let cell = 0; cell < chars.length; cell++) {
    chars[cell] = L.walls[cell] ? '%' : s.food[cell] ? '.' : s.capsules[cell] ? 'o' : ' ';
  }
  chars[s.pacRow * W + s.pacCol] = pacmanChar(s.pacDir);
  for (let g = 0; g < s.numGhosts; g++) {
    const c2 = s.ghostCol2[g]!;
    const r2 = s.ghostRow2[g]!;
    const col = (c2 + 1) >> 1;
    const row = r2 >> 1;
    chars[row * W + col] = s.scaredTimer[g]! > 0 ? 'S' : 'G';
  }
  const lines: string[] = [];
  for (let r = 0; r < L.height; r++) lines.push(chars.slice(r * W, (r + 1) * W).join(''));
  const status = s.win ? ' WIN' : s.lose ? ' LOSE' : '';
  lines.push(`Score: ${s.score}  Food: ${s.foodLeft}  Moves: ${s.moves}${status}`);
  return lines.join('\n') + '\n';
}
