/**
 * The report's inline stylesheet and script (no external resource of any kind). The script
 * renders a document's section from its JSON when it comes near the viewport, and applies
 * the filters by classes on the root element, so lazily rendered flags obey them too.
 * The font stacks start with the report's embedded Chinese font (font.ts).
 */
import { EMBEDDED_FONT_FAMILY } from './font.js';

export const CSS = `
:root{--fg:#1f2933;--muted:#5f6b7a;--line:#d9dee5;--bg:#f5f7fa;--card:#fff;--err:#c62828;--err-bg:#fdecec;--warn:#a15c00;--warn-bg:#fff4db;--ok:#2e7d32;--accent:#1d4e89}
*{box-sizing:border-box}
html{font-family:"${EMBEDDED_FONT_FAMILY}","Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);font-size:14px;line-height:1.5}
body{margin:0}
header.top{background:#16324f;color:#fff;padding:14px 24px}
header.top h1{margin:0;font-size:20px;font-weight:600}
header.top .sub{opacity:.8;font-size:13px}
main{padding:16px 24px;max-width:1280px;margin:0 auto}
h2{font-size:16px;margin:0 0 10px}
.summary{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:16px;margin-bottom:16px}
.panel{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:12px 14px}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef1f5;font-weight:600;font-size:12.5px}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.chart svg{width:100%;height:auto;max-width:420px;display:block}
.chart .pt{fill:#7b8794;opacity:.75}
.chart .pt.off{fill:var(--err);opacity:1}
.chart .diag{stroke:#9aa5b1;stroke-dasharray:4 3}
.chart text{font-size:10px;fill:var(--muted)}
.chart .legend{font-size:12px;color:var(--muted)}
.chart{position:relative}
.chart .pt{cursor:pointer}
.chart .pt:hover{stroke:#111;stroke-width:1.5}
.chart .tip{position:absolute;pointer-events:none;background:#1f2933;color:#fff;font-size:12px;padding:3px 7px;border-radius:3px;white-space:nowrap;z-index:3}
.filters{position:sticky;top:0;z-index:5;background:var(--card);border:1px solid var(--line);border-radius:6px;padding:8px 14px;margin-bottom:16px;display:flex;flex-wrap:wrap;gap:6px 22px;align-items:center;box-shadow:0 2px 4px rgba(0,0,0,.04)}
.filters fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:2px 10px;align-items:center}
.filters legend{float:left;font-weight:600;margin-right:6px;font-size:12.5px;color:var(--muted)}
.filters label{white-space:nowrap;cursor:pointer;font-size:13px}
.filters .count{margin-left:auto;color:var(--muted);font-size:12.5px}
.filters button{font:inherit;font-size:12.5px;padding:2px 10px;border:1px solid var(--line);background:#f0f3f7;border-radius:4px;cursor:pointer}
.doc{background:var(--card);border:1px solid var(--line);border-radius:6px;margin-bottom:14px;min-height:48px}
.doc>.dh{display:flex;flex-wrap:wrap;gap:6px 12px;align-items:baseline;padding:10px 14px;border-bottom:1px solid var(--line)}
.doc>.dh .id{font-weight:600;font-size:15px;word-break:break-all}
.doc>.dh .meta{color:var(--muted);font-size:12.5px}
.doc>.body{padding:10px 14px}
.doc>.body:empty::after{content:"…";color:var(--muted)}
.badge{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;font-weight:600;border:1px solid transparent}
.badge.t{background:#e8eef7;color:var(--accent)}
.badge.s-ok{background:#e7f4e8;color:var(--ok)}
.badge.s-partial{background:var(--warn-bg);color:var(--warn)}
.badge.s-failed{background:var(--err-bg);color:var(--err)}
.badge.error{background:var(--err-bg);color:var(--err);border-color:#f3b7b7}
.badge.warning{background:var(--warn-bg);color:var(--warn);border-color:#f0d49a}
.badge.code{background:#eef1f5;color:var(--fg);font-family:ui-monospace,Menlo,Consolas,monospace}
.badge.lowc{background:#fff0f6;color:#a61e4d}
.err-line{color:var(--err);margin:4px 0 8px}
.projects{margin:4px 0 12px;font-size:13px;overflow-x:auto}
.projects td.bad{background:var(--err-bg);color:var(--err);font-weight:600}
.flags{display:flex;flex-direction:column;gap:12px}
.flag{border:1px solid var(--line);border-left:4px solid var(--warn);border-radius:4px;padding:10px 12px}
.flag.error{border-left-color:var(--err)}
.flag .fh{display:flex;flex-wrap:wrap;gap:6px 10px;align-items:center}
.flag .where{color:var(--muted);font-size:12.5px}
.flag .msg{margin:6px 0 8px}
.vals{display:flex;gap:10px;flex-wrap:wrap;margin-bottom:8px}
.val{border:1px solid var(--line);border-radius:4px;padding:4px 12px;min-width:150px;background:#fafbfc}
.val .k{font-size:11.5px;color:var(--muted)}
.val .v{font-size:20px;font-weight:600;font-variant-numeric:tabular-nums;word-break:break-all}
.val.reported .v{color:var(--err)}
.val.expected .v{color:var(--ok)}
.refs{font-size:12.5px;color:var(--muted);margin-bottom:6px}
.refs .ref{display:inline-block;background:#f0f3f7;border-radius:3px;padding:0 5px;margin:0 4px 2px 0;color:var(--fg)}
.refs .conf{color:#a61e4d}
.crops{display:flex;flex-wrap:wrap;gap:10px}
figure.crop{margin:0;border:1px solid var(--line);border-radius:4px;background:#fff;max-width:100%}
figure.crop img{display:block;max-width:100%;height:auto}
figure.crop figcaption{font-size:12px;color:var(--muted);padding:2px 8px;border-top:1px solid var(--line)}
.nocrop{font-size:12.5px;color:var(--muted);font-style:italic}
.src{font-family:ui-monospace,Menlo,Consolas,"Noto Sans Mono CJK SC","${EMBEDDED_FONT_FAMILY}",monospace;font-size:12.5px;border:1px solid var(--line);border-radius:4px;background:#fbfcfd;overflow-x:auto;max-width:100%}
.src .ln{display:flex}
.src .no{flex:0 0 52px;text-align:right;padding-right:8px;color:#9aa5b1;user-select:none;border-right:1px solid var(--line)}
.src .tx{padding-left:8px;white-space:pre-wrap;word-break:break-all}
.src .ln.hit{background:#fff3bf}
.src .ln.hit .no{color:var(--fg);font-weight:600}
.src mark{background:#ffc9c9;color:inherit;border-radius:2px;padding:0 1px}
.src .tab{color:#c0c8d2}
.src .gap{color:#9aa5b1;padding-left:60px}
.empty{color:var(--muted)}
.hidden-by-filter{display:none !important}
@media print{.filters{position:static}.doc{break-inside:avoid}}
`;

/**
 * Client script. Expects, in the page: `#filters` checkboxes with `data-group` (code, sev, type)
 * and `value`; sections `.doc` with `data-type`, `data-flags` ("CODE:severity …"), `data-i`;
 * `<script type="application/json" id="d-<i>">` holding a document's body.
 */
export const JS = `
(function(){
  'use strict';
  var root = document.documentElement;
  var docs = Array.prototype.slice.call(document.querySelectorAll('section.doc'));
  var rendered = 0;

  function el(tag, cls, text){
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = String(text);
    return e;
  }
  function badge(cls, text){ return el('span', 'badge ' + cls, text); }

  function fmtValue(v, field){
    if (v == null || v === '') return '—';
    if (/rate/.test(field) && /^-?\\d+(\\.\\d+)?$/.test(v)) {
      var p = Math.round(parseFloat(v) * 1e6) / 1e4;
      return v + '  (' + p + '%)';
    }
    return v;
  }

  function projectsTable(projects, flags){
    var wrap = el('div', 'projects');
    if (!projects.length) { wrap.appendChild(el('div', 'empty', '无项目 No project recovered')); return wrap; }
    var cols = [
      ['seq','#',1],['name','项目名称 Project',0],['unit','单位 Unit',0],['year','年度 Year',1],
      ['budget','预算 Budget (万元)',1],['executed','执行 Executed (万元)',1],
      ['rate_rep','执行率 Rate reported',1],['rate_rec','recomputed',1],
      ['score_rep','得分 Score reported',1],['score_rec','recomputed',1],
      ['grade_rep','等级 Grade',0],['grade_exp','expected',0],['flags','Flags',1]
    ];
    var bad = {};
    // a qualified field (score_reported:<indicator>) points at a part, not at the project's own cell
    flags.forEach(function(f){ if (f.project_seq != null && f.field.indexOf(':') < 0) bad[f.project_seq + ':' + f.field] = true; });
    var fieldOf = {rate_rep:'execution_rate_reported', score_rep:'score_reported', grade_rep:'grade_reported', budget:'budget_wan', executed:'executed_wan', unit:'unit', name:'project_name'};
    var t = el('table'), thead = el('thead'), tr = el('tr');
    cols.forEach(function(c){ tr.appendChild(el('th', c[2] ? 'n' : '', c[1])); });
    thead.appendChild(tr); t.appendChild(thead);
    var tb = el('tbody');
    projects.forEach(function(p){
      var r = el('tr');
      cols.forEach(function(c){
        var v = p[c[0]];
        // rates are fractions in the data; auditors read them as percentages
        if ((c[0] === 'rate_rep' || c[0] === 'rate_rec') && v !== '' && v != null) v = (Math.round(parseFloat(v) * 1e6) / 1e4) + '%';
        var td = el('td', c[2] ? 'n' : '', v == null ? '' : v);
        if (fieldOf[c[0]] && bad[p.seq + ':' + fieldOf[c[0]]]) td.className += ' bad';
        r.appendChild(td);
      });
      tb.appendChild(r);
    });
    t.appendChild(tb); wrap.appendChild(t);
    return wrap;
  }

  function sourceExcerpt(src){
    var box = el('div', 'src');
    var prev = null;
    src.lines.forEach(function(l){
      if (prev != null && l[0] > prev + 1) box.appendChild(el('div', 'gap', '⋯'));
      prev = l[0];
      var row = el('div', 'ln' + (l[2] ? ' hit' : ''));
      row.appendChild(el('span', 'no', l[0]));
      var tx = el('span', 'tx');
      var marks = l[3] || [];
      var s = l[1];
      // split on tabs (shown as a faint bar) and mark the referenced raw strings
      var parts = s.split('\\t');
      parts.forEach(function(part, k){
        if (k > 0) tx.appendChild(el('span', 'tab', ' │ '));
        var rest = part;
        while (rest.length) {
          var best = -1, len = 0;
          marks.forEach(function(m){ var i = m ? rest.indexOf(m) : -1; if (i >= 0 && (best < 0 || i < best)) { best = i; len = m.length; } });
          if (best < 0) { tx.appendChild(document.createTextNode(rest)); break; }
          if (best > 0) tx.appendChild(document.createTextNode(rest.slice(0, best)));
          tx.appendChild(el('mark', '', rest.slice(best, best + len)));
          rest = rest.slice(best + len);
        }
      });
      row.appendChild(tx);
      box.appendChild(row);
    });
    if (src.missing) box.appendChild(el('div', 'gap', src.missing));
    return box;
  }

  function flagCard(f, images){
    var card = el('div', 'flag ' + f.severity);
    card.setAttribute('data-code', f.code);
    card.setAttribute('data-severity', f.severity);
    var h = el('div', 'fh');
    h.appendChild(badge(f.severity, f.severity === 'error' ? '错误 error' : '警告 warning'));
    h.appendChild(badge('code', f.code));
    if (f.low_confidence) h.appendChild(badge('lowc', 'OCR 低置信度 low confidence'));
    var where = [];
    if (f.project_seq != null) where.push('项目 project ' + f.project_seq);
    where.push('字段 field ' + f.field);
    if (f.page != null) where.push('第 ' + f.page + ' 页 page ' + f.page);
    h.appendChild(el('span', 'where', where.join(' · ')));
    card.appendChild(h);
    card.appendChild(el('div', 'msg', f.message));
    var vals = el('div', 'vals');
    var a = el('div', 'val reported'); a.appendChild(el('div', 'k', '填报值 Reported')); a.appendChild(el('div', 'v', fmtValue(f.reported, f.field)));
    var b = el('div', 'val expected'); b.appendChild(el('div', 'k', '应为 / 重算 Expected')); b.appendChild(el('div', 'v', fmtValue(f.expected, f.field)));
    vals.appendChild(a); vals.appendChild(b);
    card.appendChild(vals);
    if (f.refs.length) {
      var refs = el('div', 'refs');
      refs.appendChild(document.createTextNode('来源 Sources: '));
      f.refs.forEach(function(r){
        var s = el('span', 'ref');
        var pos = r.page != null ? 'p.' + r.page : (r.line != null ? 'L' + r.line : '');
        s.textContent = (pos ? pos + ' ' : '') + r.raw;
        if (r.confidence != null) { var c = el('span', 'conf', ' OCR ' + Math.round(r.confidence * 100) + '%'); s.appendChild(c); }
        refs.appendChild(s);
      });
      card.appendChild(refs);
    }
    if (f.crops && f.crops.length) {
      var crops = el('div', 'crops');
      f.crops.forEach(function(c){
        var fig = el('figure', 'crop');
        if (c.img != null) {
          var img = el('img');
          img.alt = 'page ' + c.page + ' crop';
          img.decoding = 'async';
          img.src = images[c.img];
          fig.appendChild(img);
        } else {
          fig.appendChild(el('div', 'nocrop', '（无法渲染页面 page image unavailable）'));
        }
        fig.appendChild(el('figcaption', '', '第 ' + c.page + ' 页 page ' + c.page + ' · ' + c.n + ' 处 boxes'));
        crops.appendChild(fig);
      });
      card.appendChild(crops);
    }
    if (f.source) card.appendChild(sourceExcerpt(f.source));
    if (f.note) card.appendChild(el('div', 'nocrop', f.note));
    return card;
  }

  function render(sec){
    if (sec.getAttribute('data-rendered')) return;
    sec.setAttribute('data-rendered', '1');
    var data = JSON.parse(document.getElementById('d-' + sec.getAttribute('data-i')).textContent);
    var body = sec.querySelector('.body');
    if (data.error) body.appendChild(el('div', 'err-line', '错误 Error: ' + data.error));
    body.appendChild(projectsTable(data.projects, data.flags));
    var fl = el('div', 'flags');
    if (!data.flags.length) fl.appendChild(el('div', 'empty', '无标记 No flags'));
    data.flags.forEach(function(f){ fl.appendChild(flagCard(f, data.images || [])); });
    body.appendChild(fl);
    rendered++;
  }

  function renderAll(){ docs.forEach(render); }
  window.jixiaoRenderAll = renderAll;

  if ('IntersectionObserver' in window) {
    var io = new IntersectionObserver(function(entries){
      entries.forEach(function(e){ if (e.isIntersecting) { render(e.target); io.unobserve(e.target); } });
    }, { rootMargin: '1200px 0px' });
    docs.forEach(function(d){ io.observe(d); });
  } else {
    renderAll();
  }
  window.addEventListener('hashchange', function(){
    var t = document.getElementById(location.hash.slice(1));
    if (t && t.classList.contains('doc')) render(t);
  });

  // Chart: tooltip and click-through to the document.
  var chart = document.querySelector('.chart svg');
  var tip = document.getElementById('chart-tip');
  if (chart && tip) {
    var panel = tip.parentNode;
    chart.addEventListener('mousemove', function(e){
      var t = e.target;
      if (!t || !t.getAttribute || !t.getAttribute('data-t')) { tip.hidden = true; return; }
      var pr = panel.getBoundingClientRect();
      tip.textContent = t.getAttribute('data-t');
      tip.style.left = (e.clientX - pr.left + 12) + 'px';
      tip.style.top = (e.clientY - pr.top - 28) + 'px';
      tip.hidden = false;
    });
    chart.addEventListener('mouseleave', function(){ tip.hidden = true; });
    chart.addEventListener('click', function(e){
      var h = e.target && e.target.getAttribute && e.target.getAttribute('data-href');
      if (h) location.hash = h;
    });
  }

  // Filters: an unchecked box adds a class to <html>; CSS hides the matching flags and documents.
  var boxes = Array.prototype.slice.call(document.querySelectorAll('#filters input[data-group]'));
  var onlyFlagged = document.getElementById('only-flagged');
  var countEl = document.getElementById('shown');
  function apply(){
    var off = {code:{}, sev:{}, type:{}};
    boxes.forEach(function(b){
      var cls = 'h-' + b.getAttribute('data-group') + '-' + b.value;
      if (b.checked) root.classList.remove(cls); else { root.classList.add(cls); off[b.getAttribute('data-group')][b.value] = true; }
    });
    var nDocs = 0, nFlags = 0;
    docs.forEach(function(d){
      var typeOff = !!off.type[d.getAttribute('data-type')];
      var fl = d.getAttribute('data-flags'); var n = 0;
      if (fl) fl.split(' ').forEach(function(x){ var p = x.split(':'); if (!off.code[p[0]] && !off.sev[p[1]]) n++; });
      var hide = typeOff || (onlyFlagged && onlyFlagged.checked && n === 0);
      d.classList.toggle('hidden-by-filter', hide);
      if (!hide) { nDocs++; nFlags += n; }
    });
    if (countEl) countEl.textContent = nDocs + ' 份文件 documents · ' + nFlags + ' 条标记 flags shown';
  }
  boxes.forEach(function(b){ b.addEventListener('change', apply); });
  if (onlyFlagged) onlyFlagged.addEventListener('change', apply);
  var all = document.getElementById('render-all');
  if (all) all.addEventListener('click', renderAll);
  var reset = document.getElementById('reset-filters');
  if (reset) reset.addEventListener('click', function(){ boxes.forEach(function(b){ b.checked = true; }); if (onlyFlagged) onlyFlagged.checked = false; apply(); });
  apply();
  root.setAttribute('data-ready', '1');
})();
`;
