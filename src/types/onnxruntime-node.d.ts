/**
 * onnxruntime-node 1.17.0 (pinned in package.json: the last release with no install script, see
 * README "Installing") was published without its `dist/index.d.ts`. Its entry point re-exports
 * onnxruntime-common (InferenceSession, Tensor, env) and registers the CPU backend, so its API is
 * onnxruntime-common's types, which that package does ship.
 */
declare module 'onnxruntime-node' {
  export * from 'onnxruntime-common';
}
