/**
 * Test helper: a second, deliberately naive model of the CS188 rules, written the way
 * pacman.py / game.py / ghostAgents.py compute them (float (x, y) positions with y growing
 * upwards, speeds 1 and 0.5, `int(v + 0.5)` rounding, a 0.7 collision tolerance, action lists
 * in CS188's order, `util.sample` over a Counter sorted by action name). The tests step it
 * alongside the typed-array game with the same random draws and compare every state, which
 * checks that the half-cell integer model is the CS188 float model exactly.
 */
import type { Rng } from '@coordconv/common';
import type { Layout } from './layout.js';

type Dir = 'North' | 'South' | 'East' | 'West' | 'Stop';
const VEC: Record<Dir, [number, number]> = {
  West: [-1, 0],
  Stop: [0, 0],
  East: [1, 0],
  North: [0, 1],
  South: [0, -1],
};
const CS188_ORDER: Dir[] = ['West', 'Stop', 'East', 'North', 'South'];
const REV: Record<Dir, Dir> = {
  North: 'South',
  South: 'North',
  East: 'West',
  West: 'East',
  Stop: 'Stop',
};
/** Our action index -> CS188 direction name. */
export const ACTION_TO_DIR: Dir[] = ['North', 'South', 'East', 'West', 'Stop'];

interface Agent {
  pos: [number, number];
  dir: Dir;
  start: [number, number];
  scared: number;
}

export class ReferenceGame {
  readonly W: number;
  readonly H: number;
  private readonly wallGrid: boolean[][];
  food: boolean[][];
  capsules: [number, number][];
  agents: Agent[];
  score = 0;
  win = false;
  lose = false;

  constructor(
    layout: Layout,
    numGhosts: number,
    private readonly ghostType: 'random' | 'directional',
    private readonly probAttack = 0.8,
    private readonly probScaredFlee = 0.8,
  ) {
    this.W = layout.width;
    this.H = layout.height;
    const at = (grid: Uint8Array) =>
      Array.from({ length: this.W }, (_, x) =>
        Array.from({ length: this.H }, (_, y) => grid[(this.H - 1 - y) * this.W + x] === 1),
      );
    this.wallGrid = at(layout.walls);
    this.food = at(layout.food);
    this.capsules = [];
    const caps = at(layout.capsules);
    for (let x = 0; x < this.W; x++)
      for (let y = 0; y < this.H; y++) if (caps[x]![y]) this.capsules.push([x, y]);
    const xy = (cell: number): [number, number] => [
      cell % this.W,
      this.H - 1 - Math.floor(cell / this.W),
    ];
    this.agents = [
      { pos: xy(layout.pacmanStart), dir: 'Stop', start: xy(layout.pacmanStart), scared: 0 },
    ];
    for (let g = 0; g < Math.min(numGhosts, layout.ghostStarts.length); g++) {
      const p = xy(layout.ghostStarts[g]!);
      this.agents.push({ pos: [...p], dir: 'Stop', start: p, scared: 0 });
    }
  }

  private walls(x: number, y: number): boolean {
    if (x < 0 || y < 0 || x >= this.W || y >= this.H) return true;
    return this.wallGrid[x]![y]!;
  }

  private possible(a: Agent): Dir[] {
    const [x, y] = a.pos;
    const xi = Math.trunc(x + 0.5);
    const yi = Math.trunc(y + 0.5);
    if (Math.abs(x - xi) + Math.abs(y - yi) > 0.001) return [a.dir];
    return CS188_ORDER.filter((d) => !this.walls(xi + VEC[d][0], yi + VEC[d][1]));
  }

  ghostLegal(i: number): Dir[] {
    const a = this.agents[i]!;
    const possible: Dir[] = this.possible(a).filter((d) => d !== 'Stop');
    const rev = REV[a.dir];
    if (possible.includes(rev) && possible.length > 1) possible.splice(possible.indexOf(rev), 1);
    return possible;
  }

  private collideAll(only?: number): number {
    let change = 0;
    const [px, py] = this.agents[0]!.pos;
    for (let i = 1; i < this.agents.length; i++) {
      if (only !== undefined && i !== only) continue;
      const g = this.agents[i]!;
      if (Math.abs(g.pos[0] - px) + Math.abs(g.pos[1] - py) > 0.7) continue;
      if (g.scared > 0) {
        change += 200;
        g.pos = [...g.start];
        g.dir = 'Stop';
        g.scared = 0;
      } else if (!this.win) {
        change -= 500;
        this.lose = true;
      }
    }
    return change;
  }

  pacmanMove(action: number): void {
    const pac = this.agents[0]!;
    let d = ACTION_TO_DIR[action]!;
    if (!this.possible(pac).includes(d)) d = 'Stop'; // our documented deviation (CS188 raises)
    pac.pos = [pac.pos[0] + VEC[d][0], pac.pos[1] + VEC[d][1]];
    if (d !== 'Stop') pac.dir = d;
    let change = 0;
    const [x, y] = [Math.trunc(pac.pos[0] + 0.5), Math.trunc(pac.pos[1] + 0.5)];
    if (this.food[x]![y]) {
      change += 10;
      this.food[x]![y] = false;
      if (this.food.every((col) => col.every((f) => !f)) && !this.lose) {
        change += 500;
        this.win = true;
      }
    }
    const ci = this.capsules.findIndex(([cx, cy]) => cx === x && cy === y);
    if (ci >= 0) {
      this.capsules.splice(ci, 1);
      for (let i = 1; i < this.agents.length; i++) this.agents[i]!.scared = 40;
    }
    change -= 1;
    change += this.collideAll();
    this.score += change;
  }

  /** CS188 `util.sample` of a Counter: items sorted by key, first cumulative sum >= u. */
  private sample(dist: Map<Dir, number>, u: number): Dir {
    const items = [...dist.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const total = items.reduce((s, [, p]) => s + p, 0);
    const probs = items.map(([, p]) => p / total);
    let i = 0;
    let cum = probs[0]!;
    while (u > cum && i < probs.length - 1) cum += probs[++i]!;
    return items[i]![0];
  }

  ghostMove(i: number, rng: Rng): void {
    const g = this.agents[i]!;
    const legal = this.ghostLegal(i);
    let d: Dir = 'Stop';
    if (legal.length > 0) {
      if (this.ghostType === 'random') {
        // randomGhost draws floor(u * n) over the sorted legal moves: the same choice.
        const sorted = [...legal].sort();
        d = sorted[Math.min(sorted.length - 1, Math.floor(rng.random() * sorted.length))]!;
      } else {
        const dist = new Map<Dir, number>();
        const scared = g.scared > 0;
        const speed = scared ? 0.5 : 1;
        const [px, py] = this.agents[0]!.pos;
        const dists = legal.map((a) => {
          const nx = g.pos[0] + VEC[a][0] * speed;
          const ny = g.pos[1] + VEC[a][1] * speed;
          return Math.abs(nx - px) + Math.abs(ny - py);
        });
        const best = scared ? Math.max(...dists) : Math.min(...dists);
        const bestProb = scared ? this.probScaredFlee : this.probAttack;
        const bestActions = legal.filter((_, k) => dists[k] === best);
        for (const a of bestActions) dist.set(a, bestProb / bestActions.length);
        for (const a of legal) dist.set(a, (dist.get(a) ?? 0) + (1 - bestProb) / legal.length);
        d = this.sample(dist, rng.random());
      }
    }
    const speed = g.scared > 0 ? 0.5 : 1;
    g.pos = [g.pos[0] + VEC[d][0] * speed, g.pos[1] + VEC[d][1] * speed];
    if (d !== 'Stop') g.dir = d;
    if (g.scared === 1) g.pos = [Math.trunc(g.pos[0] + 0.5), Math.trunc(g.pos[1] + 0.5)];
    g.scared = Math.max(0, g.scared - 1);
    this.score += this.collideAll(i);
  }

  /** One round as CS188 `Game.run` plays it. */
  step(action: number, rng: Rng): void {
    this.pacmanMove(action);
    if (this.win || this.lose) return;
    for (let i = 1; i < this.agents.length; i++) {
      this.ghostMove(i, rng);
      if (this.win || this.lose) return;
    }
  }

  foodLeft(): number {
    return this.food.reduce((s, col) => s + col.filter(Boolean).length, 0);
  }
}
