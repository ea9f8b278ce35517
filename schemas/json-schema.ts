/** The record schemas as JSON Schema (draft 2020-12), keyed by file name. */
import { z } from 'zod';
import { DocumentRecord, Flag, Project } from './record.js';

export function jsonSchemas(): Record<string, unknown> {
  const make = (schema: z.ZodType, id: string, title: string) => ({
    $id: `https://jixiao.invalid/schemas/${id}`,
    title,
    ...z.toJSONSchema(schema, { target: 'draft-2020-12' }),
  });
  return {
    'document-record.schema.json': make(DocumentRecord, 'document-record.schema.json', 'jixiao document record (json/<doc_id>.json)'),
    'project.schema.json': make(Project, 'project.schema.json', 'jixiao project'),
    'flag.schema.json': make(Flag, 'flag.schema.json', 'jixiao flag'),
  };
}
