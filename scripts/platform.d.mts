// Types for the TypeScript tests of scripts/platform.mjs: what differs on Windows.
export function shim(name: string, platform?: NodeJS.Platform): string;
export function shimOptions(command: string, platform?: NodeJS.Platform): { shell?: boolean };
export function condaPython(prefix: string, platform?: NodeJS.Platform): string;
