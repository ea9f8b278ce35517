import type { DocumentRecord } from '../../schemas/record.js';

export interface Classification {
  doc_type: DocumentRecord['doc_type'];
  /** Template variant within the type (hubei, national, shanxi …), null when none fits. */
  variant: string | null;
  /** The labels and titles that decided it, for the JSON warnings and debugging. */
  evidence: string[];
}
