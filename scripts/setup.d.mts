// Types for the TypeScript tests, which share setup.mjs's one record of the project's Jupyter.
/** The project's folder. */
export const root: string;
/** Pythons to try, in order: PERCEPTRON_PYTHON, the project's conda env, python3 on PATH, Debian's, python. */
export const PYTHONS: string[];
/** The first of PYTHONS that imports every module, or undefined. */
export function findPython(modules: string[]): string | undefined;
/** What `node scripts/setup.mjs test` found: the Python the tests run Jupyter with, and the kernels' folder. */
export function readSetup(): { python: string; jupyterPath: string };
/** The environment in which Jupyter, and each kernel it starts, finds the project's kernel. */
export function jupyterEnv(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
/** Debian's packages, by what needs them: jupyter, browser (the end-to-end tests), class (npm run class's JupyterHub). */
export const DEBIAN_PACKAGES: { jupyter: string[]; browser: string[]; class: string[] };
