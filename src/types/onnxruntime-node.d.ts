/**
 * Types for onnxruntime-node 1.17.0, which ships its JavaScript without declaration files:
 * its entry re-exports onnxruntime-common (same version), whose declarations are complete.
 * Pinned to 1.17.0 because it is the last release without an install script (see README,
 * "Installing").
 */
declare module 'onnxruntime-node' {
  export * from 'onnxruntime-common';
}
