/**
 * Words that stand on almost every page of a filing (labels of 申报表 / 自评表 / 自评报告).
 * A page read the right way up yields several of them; the same page read sideways or upside
 * down, or a text layer that decodes to the wrong characters, yields next to none. Used to
 * judge a reading of a page (OCR orientation, text layer against image), never to parse.
 */
export const READING_CUES: readonly string[] = [
  '项目', '预算', '资金', '指标', '绩效', '单位', '年度', '目标', '执行', '合计', '得分', '完成',
  '部门', '名称', '实际', '数量', '质量', '效益', '满意', '自评', '申报', '分值', '产出', '支出',
  '情况', '金额', '万元', '评价',
];

/** How many cue words stand in these texts (each occurrence counts). */
export function countReadingCues(texts: Iterable<string>): number {
  let n = 0;
  for (const t of texts) {
    if (t.length < 2) continue;
    for (const cue of READING_CUES) {
      let at = t.indexOf(cue);
      while (at >= 0) {
        n++;
        at = t.indexOf(cue, at + cue.length);
      }
    }
  }
  return n;
}
