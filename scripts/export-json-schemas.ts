/**
 * Export the zod record schemas as JSON Schema files into schemas/json/.
 * `npm run schemas` rebuilds them; a test checks the committed files are current.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemas } from '../schemas/json-schema.js';

const outDir = join(process.cwd(), 'schemas', 'json');
mkdirSync(outDir, { recursive: true });
for (const [file, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(join(outDir, file), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote schemas/json/${file}`);
}
