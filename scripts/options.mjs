// What the Node scripts here share: the repository's root, and `opt("--name", default)`, the
// value after a command-line option (scripts/bench-wasm.mjs, scripts/bench-ratio.mjs).
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const args = process.argv.slice(2);
export const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
