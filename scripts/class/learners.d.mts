// Types for the TypeScript tests of scripts/class/learners.mjs (npm run class's learners).
/** A learner's name: lower-case letters, digits and '-', 1 to 24. */
export const NAME: RegExp;
/** The Unix user learner NAME is, under root. */
export function unixName(name: string): string;
/** Where a class keeps what it has. */
export function classPaths(dir: string): {
  dir: string;
  homes: string;
  password: string;
  learners: string;
  token: string;
  running: string;
};
/** The learner's folder (and Unix user, as root), ready for their server. */
export function prepareLearner(
  dir: string,
  name: string,
  options?: { reset?: boolean },
): { home: string; notebooks: string; user: string; copied: string[]; saved?: string };
/** The ids of the class's processes (the hub, its proxy, servers, kernels), or those run by `uid`. */
export function classProcesses(dir: string, options?: { uid?: number }): number[];
/** Ends what classProcesses finds; returns their ids. */
export function endClassProcesses(dir: string, options?: { uid?: number }): number[];
/** Throws unless `name` is a learner's name. */
export function checkName(name: string): void;
/** Removes NAME's folder and (as root) Unix user; what it did, line by line. */
export function removeLearner(dir: string, name: string): string[];
