/**
 * The report's attachments: one 项目支出绩效自评表 per project after `附件1.1`, `附件 1.2` …
 * Each runs from its heading to the next one (or the end); it is parsed by the
 * self-evaluation table parser, handed in so that tests can replace it.
 */
import type { MoneyUnit } from '../../text/numbers.js';
import type { Block, TextLine } from '../../model/layout.js';
import type { Project } from '../../../schemas/record.js';
import { normalizeText } from '../../text/normalize.js';
import { ATTACHMENT_HEADING_RE, ATTACHMENT_TITLE_RE } from './patterns.js';
import { isAttachmentStart } from './sections.js';

export interface AttachmentResult {
  project: Project;
  variant: string | null;
  missing: string[];
  warnings: string[];
}

export type AttachmentParser = (
  blocks: Block[],
  seq: number,
  options?: { moneyUnit?: MoneyUnit; fiscalYear?: number },
) => AttachmentResult;

export interface Attachment {
  start: number;
  end: number;
  heading: TextLine;
  /** `1.1` as printed, or null. */
  label: string | null;
  /** A project name the heading or title line gives (`附件1.1 某某项目支出绩效自评表`), or null. */
  nameHint: string | null;
}

function hintOf(text: string): string | null {
  const t = normalizeText(text);
  const m = ATTACHMENT_HEADING_RE.exec(t);
  const rest = m ? m[2] : t;
  const title = ATTACHMENT_TITLE_RE.exec(rest);
  const name = (title ? title[1] : rest).replace(/^[:：\s]+/, '').replace(/[《》]/g, '').trim();
  return name.length >= 2 ? name : null;
}

export function findAttachments(blocks: readonly Block[], from: number): Attachment[] {
  const starts: number[] = [];
  for (let i = from; i < blocks.length; i++) if (isAttachmentStart(blocks, i)) starts.push(i);
  return starts.map((s, k) => {
    const heading = (blocks[s] as { kind: 'line'; line: TextLine }).line;
    const end = k + 1 < starts.length ? starts[k + 1] : blocks.length;
    const m = ATTACHMENT_HEADING_RE.exec(normalizeText(heading.text));
    let nameHint = hintOf(heading.text);
    // `附件1.1` alone: the title line after it may carry the name.
    for (let i = s + 1; !nameHint && i < Math.min(end, s + 4); i++) {
      const b = blocks[i];
      if (b.kind === 'line' && ATTACHMENT_TITLE_RE.test(normalizeText(b.line.text))) nameHint = hintOf(b.line.text);
    }
    return { start: s, end, heading, label: m && m[1] ? m[1].replace(/\s/g, '') : null, nameHint };
  });
}
