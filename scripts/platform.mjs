// What differs on Windows, in one place: npm and node_modules/.bin's commands are `.cmd` shims there,
// which Node (since 20.12) spawns only through a shell; a conda environment's Python is python.exe at
// its top. Each function takes the platform, so that the tests can ask as Windows would.
import { join } from "node:path";

/** `name` as spawnable on `platform`: `npm` → `npm.cmd` on Windows (also for a path in node_modules/.bin). */
export function shim(name, platform = process.platform) {
  return platform === "win32" && !/\.(cmd|exe|bat)$/i.test(name) ? `${name}.cmd` : name;
}

/** spawn's options for a command `shim` gave: Windows runs a .cmd only through its shell. */
export function shimOptions(command, platform = process.platform) {
  return platform === "win32" && /\.(cmd|bat)$/i.test(command) ? { shell: true } : {};
}

/** A Python inside the conda environment at `prefix`. */
export function condaPython(prefix, platform = process.platform) {
  return platform === "win32" ? join(prefix, "python.exe") : join(prefix, "bin", "python");
}
