/**
 * 2-D affine matrices as PDF writes them (`[a, b, c, d, e, f]`, a point (x, y) maps to
 * (a·x + c·y + e, b·x + d·y + f)): what ingest uses to follow the CTM of a page's drawing and
 * render uses to place crops. Units are those of the matrices given (points in user space).
 */
export type Matrix = [number, number, number, number, number, number];

/** The matrix that applies `n` first, then `m` (what `cm` does to the CTM `m`). */
export function multiply(m: readonly number[], n: readonly number[]): Matrix {
  return [
    n[0] * m[0] + n[1] * m[2],
    n[0] * m[1] + n[1] * m[3],
    n[2] * m[0] + n[3] * m[2],
    n[2] * m[1] + n[3] * m[3],
    n[4] * m[0] + n[5] * m[2] + m[4],
    n[4] * m[1] + n[5] * m[3] + m[5],
  ];
}

export function apply(m: readonly number[], x: number, y: number): [number, number] {
  return [x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]];
}
