/**
 * A minimal PDF writer for scans: one page per JPEG, each page drawing its image (an image
 * XObject with /Filter /DCTDecode, the JPEG bytes as they are) over the whole page.
 */
export interface ImagePage {
  jpeg: Buffer;
  widthPx: number;
  heightPx: number;
  widthPt: number;
  heightPt: number;
}

/** Assemble PDF objects (1-based numbers, given as bodies) with an xref table and trailer. */
export function assemblePdf(objects: (Buffer | string)[], rootObj: number): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.5\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(b);
    offset += b.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root ${rootObj} 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

export function stream(dict: string, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);
}

const num = (v: number) => (Math.round(v * 1000) / 1000).toString();

export function writeImagePdf(pages: ImagePage[]): Buffer {
  // 1 catalog, 2 pages, then per page: page, content, image
  const objects: (Buffer | string)[] = ['<< /Type /Catalog /Pages 2 0 R >>', ''];
  const kids: string[] = [];
  for (const p of pages) {
    const pageNo = objects.length + 1, contentNo = pageNo + 1, imageNo = pageNo + 2;
    kids.push(`${pageNo} 0 R`);
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${num(p.widthPt)} ${num(p.heightPt)}] /Resources << /XObject << /Im0 ${imageNo} 0 R >> >> /Contents ${contentNo} 0 R >>`,
    );
    objects.push(stream('', Buffer.from(`q ${num(p.widthPt)} 0 0 ${num(p.heightPt)} 0 0 cm /Im0 Do Q`, 'latin1')));
    objects.push(
      stream(`/Type /XObject /Subtype /Image /Width ${p.widthPx} /Height ${p.heightPx} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode`, p.jpeg),
    );
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages.length} >>`;
  return assemblePdf(objects, 1);
}
