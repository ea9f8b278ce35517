/**
 * Pixel buffers, below every stage that handles page images (render, OCR, the review
 * report's crops): the RGBA bitmap type, its conversion to a @napi-rs/canvas canvas and to
 * PNG/JPEG bytes, and crops. Image preprocessing (deskew, seals, light, perspective, ruling
 * lines, binarization, quarter turns) is in ./preprocess, on the same buffers.
 */
import type { Canvas } from '@napi-rs/canvas';
import { canvasModule } from './canvas.js';
import type { Box } from '../model/geometry.js';

/** An 8-bit RGBA bitmap, row-major, 4 bytes per pixel. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** An RGBA bitmap on a @napi-rs/canvas canvas. */
export function toCanvas(img: RgbaImage): Canvas {
  const canvas = canvasModule().createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  const id = ctx.createImageData(img.width, img.height);
  id.data.set(img.data);
  ctx.putImageData(id, 0, 0);
  return canvas;
}

/** PNG bytes of an RGBA bitmap. */
export async function encodePng(img: RgbaImage): Promise<Buffer> {
  return toCanvas(img).encode('png');
}

/** JPEG bytes of an RGBA bitmap (quality 0..100). */
export async function encodeJpeg(img: RgbaImage, quality = 80): Promise<Buffer> {
  return toCanvas(img).encode('jpeg', quality);
}

/** A region of a bitmap (clamped to it), in pixels. */
export function cropImage(img: RgbaImage, box: Box): RgbaImage {
  const x0 = Math.max(0, Math.floor(box.x0)), y0 = Math.max(0, Math.floor(box.y0));
  const x1 = Math.min(img.width, Math.ceil(box.x1)), y1 = Math.min(img.height, Math.ceil(box.y1));
  const w = Math.max(1, x1 - x0), h = Math.max(1, y1 - y0);
  const out = new Uint8ClampedArray(w * h * 4);
  out.fill(255);
  for (let y = 0; y < h && y0 + y < img.height; y++) {
    const start = ((y0 + y) * img.width + x0) * 4;
    const len = Math.min(w, img.width - x0) * 4;
    if (len > 0) out.set(img.data.subarray(start, start + len), y * w * 4);
  }
  return { width: w, height: h, data: out };
}
