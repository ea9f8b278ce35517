/**
 * Text as vector outlines: cairo's SVG of a page (`pdftocairo -svg`) defines every glyph as a
 * `<symbol>` path and places it with `<use x y>`; table rules are stroked `<path>`s with a
 * `matrix(…)` transform. Written back as a PDF: each glyph a Form XObject of filled paths,
 * each rule a stroked path, no fonts and no text operators.
 */
import { deflateSync } from 'node:zlib';
import { assemblePdf, stream } from './scan-pdf.js';

export interface VectorPage {
  width: number;
  height: number;
  /** Glyph id → PDF path operators (glyph space = SVG space, y down). */
  glyphs: Map<string, string>;
  content: string;
}

const num = (v: number) => (Math.round(v * 1000) / 1000).toString();

/** SVG path data (absolute M L C Q Z, as cairo writes it) → PDF path operators. */
export function svgPathToPdf(d: string): string {
  const tokens = d.match(/[MLCQZmlcqz]|-?\d*\.?\d+(?:e-?\d+)?/g) ?? [];
  const out: string[] = [];
  let i = 0, cmd = '', cx = 0, cy = 0;
  const n = () => Number(tokens[i++]);
  while (i < tokens.length) {
    if (/[A-Za-z]/.test(tokens[i])) cmd = tokens[i++];
    switch (cmd) {
      case 'M': { cx = n(); cy = n(); out.push(`${num(cx)} ${num(cy)} m`); cmd = 'L'; break; }
      case 'L': { cx = n(); cy = n(); out.push(`${num(cx)} ${num(cy)} l`); break; }
      case 'C': {
        const a = [n(), n(), n(), n(), n(), n()];
        out.push(`${a.map(num).join(' ')} c`);
        cx = a[4]; cy = a[5];
        break;
      }
      case 'Q': {
        const [qx, qy, x, y] = [n(), n(), n(), n()];
        const c1x = cx + (2 / 3) * (qx - cx), c1y = cy + (2 / 3) * (qy - cy);
        const c2x = x + (2 / 3) * (qx - x), c2y = y + (2 / 3) * (qy - y);
        out.push(`${[c1x, c1y, c2x, c2y, x, y].map(num).join(' ')} c`);
        cx = x; cy = y;
        break;
      }
      case 'Z': case 'z': out.push('h'); cmd = ''; break;
      default: i++; // unknown: skip
    }
  }
  return out.join(' ');
}

function rgb(style: string, key: 'fill' | 'stroke'): string | null {
  const m = new RegExp(`(?:^|;)${key}:rgb\\(([\\d.]+)%,([\\d.]+)%,([\\d.]+)%\\)`).exec(style);
  return m ? [m[1], m[2], m[3]].map((v) => num(Number(v) / 100)).join(' ') : null;
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

export function svgToPdfPage(svg: string): VectorPage {
  const width = parseFloat(attr(svg.slice(0, svg.indexOf('>', svg.indexOf('<svg'))), 'width') ?? '595');
  const height = parseFloat(attr(svg.slice(0, svg.indexOf('>', svg.indexOf('<svg'))), 'height') ?? '842');
  const glyphs = new Map<string, string>();
  for (const m of svg.matchAll(/<symbol[^>]*id="([^"]+)"[^>]*>([\s\S]*?)<\/symbol>/g)) {
    const paths = [...m[2].matchAll(/<path[^>]*\sd="([^"]*)"/g)].map((p) => svgPathToPdf(p[1])).filter(Boolean);
    glyphs.set(m[1], paths.join(' '));
  }
  const body = svg.slice(svg.indexOf('</defs>') >= 0 ? svg.indexOf('</defs>') : 0);
  const ops: string[] = [`1 0 0 -1 0 ${num(height)} cm`];
  let fill = '0 0 0';
  for (const m of body.matchAll(/<(g|use|path)\b[^>]*>/g)) {
    const tag = m[0];
    if (m[1] === 'g') {
      const style = attr(tag, 'style') ?? '';
      fill = rgb(style, 'fill') ?? fill;
    } else if (m[1] === 'use') {
      const id = (attr(tag, 'xlink:href') ?? attr(tag, 'href') ?? '').replace(/^#/, '');
      const g = glyphs.get(id);
      if (!g) continue;
      ops.push(`q ${fill} rg 1 0 0 1 ${num(parseFloat(attr(tag, 'x') ?? '0'))} ${num(parseFloat(attr(tag, 'y') ?? '0'))} cm /${id.replace(/[^A-Za-z0-9]/g, '_')} Do Q`);
    } else {
      const style = attr(tag, 'style') ?? '';
      const d = attr(tag, 'd');
      if (!d) continue;
      const path = svgPathToPdf(d);
      const tm = /matrix\(([^)]*)\)/.exec(attr(tag, 'transform') ?? '');
      const cm = tm ? `${tm[1].split(/[ ,]+/).map((v) => num(Number(v))).join(' ')} cm ` : '';
      const stroke = /stroke:none/.test(style) ? null : rgb(style, 'stroke');
      const fillC = /fill:none/.test(style) ? null : rgb(style, 'fill');
      const lw = /stroke-width:([\d.]+)/.exec(style)?.[1] ?? '1';
      if (stroke) ops.push(`q ${cm}${num(Number(lw))} w ${stroke} RG ${path} S Q`);
      else if (fillC) ops.push(`q ${cm}${fillC} rg ${path} ${/evenodd/.test(style) ? 'f*' : 'f'} Q`);
    }
  }
  return { width, height, glyphs, content: ops.join('\n') };
}

export function writeVectorPdf(pages: VectorPage[]): Buffer {
  const objects: (Buffer | string)[] = ['<< /Type /Catalog /Pages 2 0 R >>', ''];
  const kids: string[] = [];
  for (const p of pages) {
    const pageNo = objects.length + 1;
    objects.push(''); // page, filled below
    const contentNo = objects.length + 1;
    objects.push(stream('/Filter /FlateDecode', deflateSync(Buffer.from(p.content, 'latin1'))));
    const xobjs: string[] = [];
    for (const [id, path] of p.glyphs) {
      if (!path) continue;
      const no = objects.length + 1;
      objects.push(stream('/Type /XObject /Subtype /Form /BBox [-50 -50 50 50] /Filter /FlateDecode', deflateSync(Buffer.from(`${path} f`, 'latin1'))));
      xobjs.push(`/${id.replace(/[^A-Za-z0-9]/g, '_')} ${no} 0 R`);
    }
    objects[pageNo - 1] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${num(p.width)} ${num(p.height)}] /Resources << /XObject << ${xobjs.join(' ')} >> >> /Contents ${contentNo} 0 R >>`;
    kids.push(`${pageNo} 0 R`);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages.length} >>`;
  return assemblePdf(objects, 1);
}
