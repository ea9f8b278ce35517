/** Label data (synonyms, OCR slips, template variants, indicator categories) and matching. */
export * from './fields.js';
export * from './categories.js';
export * from './variants.js';
export * from './ocr.js';
export * from './score-items.js';
export {
  normalizeLabel,
  matchLabel,
  containsLabel,
  bestKey,
  labelWeight,
  withoutWeight,
  stripNumbering,
  editDistance,
  MATCH_EXACT,
  MATCH_FUZZY,
  MATCH_PREFIX,
  type MatchOptions,
} from './match.js';
export { READING_CUES, countReadingCues } from './reading-cues.js';
export { DIVISION_SUFFIXES, ORGANISATION_SUFFIXES, REPAIRABLE_NAME_FIELDS } from './names.js';
