/**
 * Dependencies of jixiao (anywhere in the installed tree) allowed to carry an install script:
 * tesseract.js prints a donation notice (`opencollective-postinstall || true`); msgpackr-extract
 * (through bullmq) finds its prebuilt optional package, which npm installs from the registry;
 * onnxruntime-node fetches CUDA providers from NuGet on Linux x64 unless they are there, which
 * jixiao's own preinstall sees to (install/onnxruntime-cpu-only.cjs; README, "Installing").
 * A new entry here needs a reason: an install script that downloads fails on a machine that
 * reaches only the npm registry.
 */
export const KNOWN_INSTALL_SCRIPTS = ['msgpackr-extract', 'onnxruntime-node', 'tesseract.js'];
