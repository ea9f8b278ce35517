/**
 * A red round seal (ring, five-pointed star, the unit's name along the upper arc) drawn over a
 * page image, as the scan makers print one over figures and names. `style` carries the few
 * numbers in which the samples' seals and the corpus's differ.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';

export interface SealStyle {
  alpha: number;
  color: string;
  /** Font size as a share of the radius. */
  fontShare: number;
  fontFamily: string;
  /** Widest arc of the text (radians) and the arc per character. */
  maxSpan: number;
  spanPerChar: number;
}

export function drawSeal(ctx: SKRSContext2D, cx: number, cy: number, r: number, text: string, style: SealStyle): void {
  ctx.save();
  ctx.globalCompositeOperation = 'multiply';
  ctx.globalAlpha = style.alpha;
  ctx.strokeStyle = style.color;
  ctx.fillStyle = style.color;
  ctx.lineWidth = r * 0.07;
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, Math.PI * 2);
  ctx.stroke();
  // five-pointed star
  const R = r * 0.3, ri = R * 0.38;
  ctx.beginPath();
  for (let k = 0; k < 10; k++) {
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    const rr = k % 2 ? ri : R;
    const x = cx + rr * Math.cos(a), y = cy + rr * Math.sin(a);
    if (k) ctx.lineTo(x, y);
    else ctx.moveTo(x, y);
  }
  ctx.closePath();
  ctx.fill();
  // text along the upper arc
  const chars = Array.from(text);
  const fs = r * style.fontShare;
  ctx.font = `${fs}px ${style.fontFamily}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const span = Math.min(style.maxSpan, chars.length * style.spanPerChar);
  chars.forEach((ch, i) => {
    const a = -Math.PI / 2 - span / 2 + (span * (i + 0.5)) / chars.length;
    ctx.save();
    ctx.translate(cx + (r - fs * 0.85) * Math.cos(a), cy + (r - fs * 0.85) * Math.sin(a));
    ctx.rotate(a + Math.PI / 2);
    ctx.fillText(ch, 0, 0);
    ctx.restore();
  });
  ctx.restore();
}
