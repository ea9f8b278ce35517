/**
 * The review report's cross-document part (kept apart from the per-document report): each link
 * with both documents' projects side by side and, for a self-evaluation against its declaration,
 * their indicators matched row by row with changed targets highlighted; and each correction an
 * auditor applied with `jixiao recheck`. Static HTML (no script), escaped.
 */
import type { DocumentRecord, Indicator, Link, Num, Project, Text } from '../../schemas/record.js';
import { matchIndicators } from '../links/index.js';
import { formatNumber } from '../text/numbers.js';

/** Labels of the cross-document flag codes (the summary's code × severity table). */
export const PAIR_CODE_LABEL: Record<string, string> = {
  TARGET_CHANGED: '绩效目标被调整',
  INDICATOR_DROPPED: '指标删减/新增',
  BUDGET_CHANGED: '年初预算与申报不符',
  PRIOR_YEAR: '以前年度预算不符',
  DUPLICATE: '重复提交',
};

const RELATION_LABEL: Record<Link['relation'], string> = {
  declared_in: '自评 ← 申报 declared in',
  prior_year: '申报 → 以前年度 prior year',
  duplicate: '重复 duplicate',
};

export const LINKS_CSS =
  '.xl table{border-collapse:collapse;margin:.4em 0;font-size:13px}.xl td,.xl th{border:1px solid #ccd;padding:2px 6px;text-align:left;vertical-align:top}' +
  '.xl th{background:#eef}.xl tr.changed td{background:#fde2e1}.xl tr.dropped td{background:#fff1c9}.xl tr.added td{background:#e3f1ff}' +
  '.xl td.diff{font-weight:bold;color:#b00}.xl details{margin:.3em 0;border:1px solid #dde;padding:.2em .5em;border-radius:4px}.xl summary{cursor:pointer}' +
  '.xl .corr td.from{text-decoration:line-through;color:#888}';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function v(x: Num | Text | null | undefined): string {
  if (x == null) return '';
  return typeof x.value === 'number' ? formatNumber(x.value) : x.value;
}

function corrected(x: Num | Text | null | undefined): string {
  return x?.src.corrected_from !== undefined ? ` <span title="更正前 was ${esc(x.src.corrected_from)}">✎</span>` : '';
}

function cell(x: Num | Text | null | undefined, cls = ''): string {
  return `<td${cls ? ` class="${cls}"` : ''}>${esc(v(x))}${corrected(x)}</td>`;
}

function sideBySide(a: Project, aDoc: string, b: Project, bDoc: string): string {
  const rows: [string, Num | Text | null, Num | Text | null][] = [
    ['fiscal_year', a.fiscal_year, b.fiscal_year],
    ['unit', a.unit, b.unit],
    ['department', a.department, b.department],
    ['project_name', a.project_name, b.project_name],
    ['budget_wan', a.budget_wan, b.budget_wan],
    ['budget_initial_wan', a.initial_budget_wan, b.initial_budget_wan],
    ['executed_wan', a.executed_wan, b.executed_wan],
  ];
  const body = rows
    .filter(([, x, y]) => x != null || y != null)
    .map(([k, x, y]) => `<tr><th>${k}</th>${cell(x, v(x) !== v(y) ? 'diff' : '')}${cell(y, v(x) !== v(y) ? 'diff' : '')}</tr>`)
    .join('');
  const prior = a.prior_year_budgets.map((p) => `<tr><th>prior_year_budgets ${p.year}</th>${cell(p.amount_wan)}<td></td></tr>`).join('');
  return `<table><tr><th></th><th>${esc(aDoc)} #${a.seq}</th><th>${esc(bDoc)} #${b.seq}</th></tr>${body}${prior}</table>`;
}

function indicatorTable(declared: readonly Indicator[], evaluated: readonly Indicator[]): string {
  if (!declared.length && !evaluated.length) return '';
  const rows = matchIndicators(declared, evaluated).map((r) => {
    const cls = r.target_changed ? 'changed' : !r.evaluated ? 'dropped' : !r.declared ? 'added' : '';
    const state = r.target_changed ? '目标改变 changed' : !r.evaluated ? '未自评 dropped' : !r.declared ? '新增 added' : r.target_changed === false ? '一致 same' : '';
    return (
      `<tr${cls ? ` class="${cls}"` : ''}>${cell(r.declared?.name)}${cell(r.declared?.target, r.target_changed ? 'diff' : '')}` +
      `${cell(r.evaluated?.name)}${cell(r.evaluated?.target, r.target_changed ? 'diff' : '')}${cell(r.evaluated?.actual)}<td>${state}</td></tr>`
    );
  });
  return `<table><tr><th>申报指标 declared</th><th>申报目标值</th><th>自评指标 evaluated</th><th>自评目标值</th><th>实际完成值</th><th></th></tr>${rows.join('')}</table>`;
}

/** The links and corrections section ('' when the run has neither). */
export function linksSection(records: readonly DocumentRecord[], anchor: ReadonlyMap<string, string>): string {
  const byId = new Map(records.map((r) => [r.doc_id, r]));
  const link = (id: string) => (anchor.has(id) ? `<a href="#${anchor.get(id)}">${esc(id)}</a>` : esc(id));
  const items: string[] = [];
  for (const r of records) {
    for (const l of r.links ?? []) {
      const other = byId.get(l.other_doc_id);
      const p = r.projects.find((x) => x.seq === l.project_seq);
      const q = other?.projects.find((x) => x.seq === l.other_project_seq);
      const flags = r.flags.filter((f) => f.other_doc_id === l.other_doc_id && (f.project_seq === l.project_seq || f.project_seq == null));
      const head =
        `${link(r.doc_id)} #${l.project_seq ?? ''} → ${link(l.other_doc_id)} #${l.other_project_seq ?? ''} · ${esc(RELATION_LABEL[l.relation])} · ` +
        `score ${formatNumber(l.score, 4)} · ${esc(l.matched_on)}${flags.length ? ` · <b>${flags.length} 标记 flag${flags.length > 1 ? 's' : ''}</b>` : ''}`;
      let body = '';
      if (p && q) {
        body += sideBySide(p, r.doc_id, q, l.other_doc_id);
        if (l.relation === 'declared_in') body += indicatorTable(q.indicators, p.indicators);
      }
      if (flags.length) body += `<ul>${flags.map((f) => `<li>${esc(f.code)} · ${esc(f.message)}</li>`).join('')}</ul>`;
      items.push(`<details${flags.length ? ' open' : ''}><summary>${head}</summary>${body}</details>`);
    }
  }
  const corrections = records.flatMap((r) =>
    (r.corrections ?? []).map(
      (c) =>
        `<tr>${`<td>${link(r.doc_id)}</td>`}<td>${c.project_seq ?? ''}</td><td>${esc(c.field)}</td><td class="from">${esc(c.previous ?? '')}</td><td>${esc(c.value)}</td><td>${esc(c.note)}</td></tr>`,
    ),
  );
  if (!items.length && !corrections.length) return '';
  let html = `<div class="panel xl" id="links"><h2>关联 Links (${items.length})</h2>`;
  html += items.length ? items.join('') : '<div class="empty">没有关联 no links</div>';
  if (corrections.length) {
    html +=
      `<h2>更正 Corrections (${corrections.length})</h2><table class="corr"><tr><th>doc_id</th><th>project_seq</th><th>field</th>` +
      `<th>更正前 was</th><th>更正为 now</th><th>说明 note</th></tr>${corrections.join('')}</table>`;
  }
  return `${html}</div>`;
}
