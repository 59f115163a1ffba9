import type { Image8 } from '@coordconv/common';

const WIDTH = 600;
const HEIGHT = 400;

/**
 * CartPole's 600x400 `rgb_array` frame, laid out like gymnasium's pygame drawing (white
 * background, black cart, brown pole, blue axle, black track) without anti-aliasing.
 */
export function drawCartPole(
  state: ArrayLike<number>,
  xThreshold: number,
  halfLength: number,
): Image8 {
  const data = new Uint8Array(WIDTH * HEIGHT * 3).fill(255);
  const scale = WIDTH / (xThreshold * 2);
  const poleWidth = 10;
  const poleLen = scale * (2 * halfLength);
  const cartWidth = 50;
  const cartHeight = 30;
  const axleOffset = cartHeight / 4;
  const cartX = state[0]! * scale + WIDTH / 2;
  const cartY = 100; // top of the cart, in pygame's y-up coordinates before the flip
  const theta = state[2]!;

  // pygame draws y-up and then flips vertically; we write rows from the top, so flip here.
  const put = (px: number, py: number, rgb: readonly number[]): void => {
    const row = HEIGHT - 1 - py;
    if (px < 0 || px >= WIDTH || row < 0 || row >= HEIGHT) return;
    data.set(rgb, (row * WIDTH + px) * 3);
  };
  const fillPolygon = (pts: [number, number][], rgb: readonly number[]): void => {
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    for (let py = Math.floor(Math.min(...ys)); py <= Math.ceil(Math.max(...ys)); py++) {
      for (let px = Math.floor(Math.min(...xs)); px <= Math.ceil(Math.max(...xs)); px++) {
        if (insideConvex(pts, px + 0.5, py + 0.5)) put(px, py, rgb);
      }
    }
  };

  for (let px = 0; px < WIDTH; px++) put(px, cartY, [0, 0, 0]);
  const [l, r, t, b] = [-cartWidth / 2, cartWidth / 2, cartHeight / 2, -cartHeight / 2];
  fillPolygon(
    [
      [l + cartX, b + cartY],
      [l + cartX, t + cartY],
      [r + cartX, t + cartY],
      [r + cartX, b + cartY],
    ],
    [0, 0, 0],
  );
  // pygame's Vector2.rotate_rad(-theta): clockwise rotation by theta.
  const cos = Math.cos(-theta);
  const sin = Math.sin(-theta);
  const pole: [number, number][] = [
    [-poleWidth / 2, -poleWidth / 2],
    [-poleWidth / 2, poleLen - poleWidth / 2],
    [poleWidth / 2, poleLen - poleWidth / 2],
    [poleWidth / 2, -poleWidth / 2],
  ].map(([px, py]) => [px! * cos - py! * sin + cartX, px! * sin + py! * cos + cartY + axleOffset]);
  fillPolygon(pole, [202, 152, 101]);
  const ax = Math.trunc(cartX);
  const ay = Math.trunc(cartY + axleOffset);
  const rad = Math.trunc(poleWidth / 2);
  for (let dy = -rad; dy <= rad; dy++) {
    for (let dx = -rad; dx <= rad; dx++)
      if (dx * dx + dy * dy <= rad * rad) put(ax + dx, ay + dy, [129, 132, 203]);
  }
  return { width: WIDTH, height: HEIGHT, channels: 3, data };
}

function insideConvex(pts: [number, number][], x: number, y: number): boolean {
  let sign = 0;
  for (let i = 0; i < pts.length; i++) {
    const [x0, y0] = pts[i]!;
    const [x1, y1] = pts[(i + 1) % pts.length]!;
    const cross = (x1 - x0) * (y - y0) - (y1 - y0) * (x - x0);
    if (cross !== 0) {
      if (sign === 0) sign = Math.sign(cross);
      else if (Math.sign(cross) !== sign) return false;
    }
  }
  return true;
}
