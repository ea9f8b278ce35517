/** Every sample the generator writes, in order. */
import { hongshanDeclRebuilt, hongshanDeclSeed } from './filings/hongshan-2021-declaration.js';
import { hongshanReportRebuilt, hongshanReportSeed } from './filings/hongshan-2019-report.js';
import { jinzhongRebuilt, jinzhongSeed } from './filings/jinzhong-2020.js';
import { suqianCid } from './filings/suqian-2022-cidfont.js';
import { tianshuiNational } from './filings/tianshui-2021-national.js';
import { jiujiangFaulty } from './filings/jiujiang-2022-report-faulty.js';
import { shaoguanYuan } from './filings/shaoguan-2023-declaration-yuan.js';
import type { Sample } from './types.js';

export const ALL_SAMPLES: Sample[] = [
  hongshanDeclSeed,
  hongshanDeclRebuilt,
  jinzhongSeed,
  jinzhongRebuilt,
  hongshanReportSeed,
  hongshanReportRebuilt,
  suqianCid,
  tianshuiNational,
  jiujiangFaulty,
  shaoguanYuan,
];
