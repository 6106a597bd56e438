// Types for the TypeScript tests, which share setup.mjs's one record of the project's Jupyter.
/** The project's folder. */
export const root: string;
/** What `node scripts/setup.mjs test` found: the Python the tests run Jupyter with, and the kernels' folder. */
export function readSetup(): { python: string; jupyterPath: string };
/** The environment in which Jupyter, and each kernel it starts, finds the project's kernel. */
export function jupyterEnv(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
