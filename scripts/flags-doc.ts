/** Write docs/flags.md from the rules table (FLAG_RULES in src/checks/rules-data.ts). */
import { writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { flagRulesMarkdown } from '../src/checks/rules-data.js';

const target = join(process.argv[2] ?? '.', 'docs', 'flags.md');
writeFileSync(`${target}.tmp`, flagRulesMarkdown());
renameSync(`${target}.tmp`, target);
console.log(`wrote ${target}`);
