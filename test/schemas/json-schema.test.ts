import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemas } from '../../schemas/json-schema.js';

describe('published JSON Schema files', () => {
  it('are current with the zod schemas (run `npm run schemas` after changing schemas/record.ts)', () => {
    for (const [file, schema] of Object.entries(jsonSchemas())) {
      const committed = JSON.parse(readFileSync(join(process.cwd(), 'schemas', 'json', file), 'utf8'));
      expect(committed).toEqual(JSON.parse(JSON.stringify(schema)));
    }
  });
});
