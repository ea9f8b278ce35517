/**
 * A sideways page whose reading lies flat: a scoring table turned 90° (a Shanxi 评分表 page)
 * yields a few words of one character each, wider than tall, so nothing said "sideways" and the
 * page was kept as it lay. Such a page is now tried turned both ways after upside down. Its ink
 * (src/image/preprocess/orientation.ts) says its lines run down the page, but not which way up.
 */
import { describe, expect, it } from '@jest/globals';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { encodeJpeg } from '../../src/image/index.js';
import { rotateQuarterTurns } from '../../src/image/preprocess/image.js';
import { writeImagePdf } from '../../scripts/samples/scan/scan-pdf.js';
import { ingestPdf } from '../../src/ingest/pdf-text/index.js';
import { ocrDocument } from '../../src/ocr/index.js';
import { createOcrEngine } from '../../src/ocr/engines/index.js';

/** A 150 dpi A4 page: a grid of short cells (items, weights, scores), then turned. */
async function sidewaysTable(quarterTurns: number): Promise<Uint8Array> {
  const s = 150 / 72;
  const w = Math.round(595 * s), h = Math.round(842 * s);
  const c = createCanvas(w, h);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#000';
  ctx.strokeStyle = '#000';
  ctx.lineWidth = 1.2;
  ctx.font = `${Math.round(10.5 * s)}px "${CJK_FONT}"`;
  ctx.fillText('财政支出项目绩效评分表', 200 * s, 60 * s);
  const items = ['立项规范性', '目标合理性', '指标明确性', '资金到位率', '到位及时率', '预算执行率', '管理制度健全性', '资金使用合规性', '产出数量', '产出质量', '产出时效', '产出成本', '社会效益', '生态效益', '满意度'];
  const cols = [60, 140, 300, 380, 460, 540];
  for (let r = 0; r <= items.length + 1; r++) {
    const y = (90 + r * 26) * s;
    ctx.beginPath(); ctx.moveTo(cols[0] * s, y); ctx.lineTo(cols[5] * s, y); ctx.stroke();
  }
  for (const x of cols) {
    ctx.beginPath(); ctx.moveTo(x * s, 90 * s); ctx.lineTo(x * s, (90 + (items.length + 1) * 26) * s); ctx.stroke();
  }
  ['一级指标', '二级指标', '分值', '得分', '备注'].forEach((t, i) => ctx.fillText(t, (cols[i] + 6) * s, 108 * s));
  items.forEach((t, r) => {
    const y = (108 + (r + 1) * 26) * s;
    ctx.fillText(r < 6 ? '投入' : r < 8 ? '过程' : r < 12 ? '产出' : '效益', (cols[0] + 6) * s, y);
    ctx.fillText(t, (cols[1] + 6) * s, y);
    ctx.fillText(String(3 + (r % 4)), (cols[2] + 30) * s, y);
    ctx.fillText(String(3 + (r % 4)), (cols[3] + 30) * s, y);
  });
  const img = rotateQuarterTurns({ width: w, height: h, data: new Uint8ClampedArray(ctx.getImageData(0, 0, w, h).data) }, quarterTurns);
  const odd = quarterTurns % 2 === 1;
  return writeImagePdf([{ jpeg: await encodeJpeg(img, 80), widthPx: img.width, heightPx: img.height, widthPt: odd ? 842 : 595, heightPt: odd ? 595 : 842 }]);
}

/** The page is drawn with the system's Noto Sans CJK SC (Debian's fonts-noto-cjk; CI installs it). */
const CJK_FONT = 'Noto Sans CJK SC';
// the system's Noto CJK collection lists as one family (e.g. 'Noto Sans CJK JP') yet draws as each of its names
const HAS_CJK_FONT = GlobalFonts.families.some((f) => /^Noto Sans CJK/.test(f.family));
if (!HAS_CJK_FONT) {
  // eslint-disable-next-line no-console
  console.warn(`test/ocr/sideways-sparse: no '${CJK_FONT}' font, test skipped (install it with: apt-get install -y fonts-noto-cjk)`);
}
const fontIt = HAS_CJK_FONT ? it : it.skip;

describe('a sideways table page whose words lie flat', () => {
  fontIt('is turned upright and read', async () => {
    const engine = await createOcrEngine('ppocr');
    try {
      const bytes = await sidewaysTable(1);
      const out = await ocrDocument(bytes, await ingestPdf(bytes), { mode: 'auto', engine });
      expect(out.pages[0].turned).toBe(270);
      expect(out.pages[0].words.map((w) => w.text).join(' ')).toContain('预算执行率');
    } finally {
      await engine.terminate();
    }
  }, 120_000);

  fontIt('turned the other way, is read after the wrong sideways guess stops early, from its half turn', async () => {
    // the ink names the lines' direction but no foot (no punctuation, no decimal point): 270° is
    // tried first, reads upside down and stops after its sampled lines; 90° is read from that
    // reading's prepared image turned by half
    const engine = await createOcrEngine('ppocr');
    try {
      const bytes = await sidewaysTable(3);
      const wholePage: number[] = [];
      const counting = {
        name: engine.name,
        recognize: async (img: Parameters<typeof engine.recognize>[0], o?: Parameters<typeof engine.recognize>[1]) => {
          const words = await engine.recognize(img, o);
          if ((o?.mode ?? 'page') === 'page') wholePage.push(words.length);
          return words;
        },
        terminate: async () => undefined,
      };
      const out = await ocrDocument(bytes, await ingestPdf(bytes), { mode: 'auto', engine: counting });
      expect(out.pages[0].turned).toBe(90);
      expect(out.pages[0].words.map((w) => w.text).join(' ')).toContain('预算执行率');
      expect(wholePage).toHaveLength(2);
      expect(wholePage[0]).toBeLessThanOrEqual(16);
    } finally {
      await engine.terminate();
    }
  }, 120_000);
});
