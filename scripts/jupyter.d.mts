// Types for the TypeScript tests of scripts/jupyter.mjs: which Jupyter npm start opens.
export type Ui = "lab" | "built-lab" | "classic" | "nbclassic";
export const NEEDS: Record<Ui, string[]>;
export const DEBIAN: { lab: string[]; classic: string[]; hub: string[] };
export function pythons(root: string, options?: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform }): string[];
export function imports(python: string, modules: string[]): boolean;
export function condaTool(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): string | undefined;
export function installAdvice(want: "lab" | "classic"): string;
export interface Probe {
  pythons: string[];
  has(python: string, modules: string[]): boolean;
  conda: string | undefined;
  canApt: boolean;
  tried?: string[];
}
export type Step =
  | { step: "open"; ui: Ui; python: string; note?: string }
  | { step: "conda"; tool: string }
  | { step: "apt"; packages: string[] }
  | { step: "fail"; message: string };
export function decide(want: "lab" | "classic", probe: Probe): Step;
export function makeCondaEnv(
  tool: string,
  root: string,
  run: (command: string, args: string[]) => void,
  platform?: NodeJS.Platform,
): boolean;
/** What choosing a Jupyter may use: the project's folder, a command runner, apt, and a probe to stand in for the machine. */
export interface JupyterTools {
  root: string;
  run: (command: string, args: string[]) => void;
  aptInstall: (packages: string[]) => void;
  canApt: boolean;
  platform?: NodeJS.Platform;
  probe?: Partial<Probe>;
}
export function chooseJupyter(want: "lab" | "classic", tools: JupyterTools): { ui: Ui; python: string; note?: string };
export function hubAdvice(): string;
export function chooseHubJupyter(tools: JupyterTools): { ui: Ui; python: string; note?: string };
