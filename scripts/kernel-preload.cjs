// Loaded into the project's tslab kernel before tslab (the kernel spec's NODE_OPTIONS: --require,
// set by installKernel in setup.mjs). tslab type-checks each cell with every package in the
// node_modules/@types folders above the notebook, which here are JupyterLab's build's (jQuery,
// lodash, React, d3...: 7 MB of declarations, two thirds of them no notebook uses). With only
// Node's types, as a notebook needs, a kernel starts in half the time (about 0.9 s less) and each
// cell compiles faster. A notebook imports packages as before: their own types come with them.
const Module = require("node:module");

const TYPESCRIPT = "@tslab/typescript-for-tslab";
const load = Module._load;
let patched;

Module._load = function loadWithNodeTypesOnly(request, ...rest) {
  const real = load.call(this, request, ...rest);
  if (request !== TYPESCRIPT) return real;
  // TypeScript's exports are getters: a copy of them, with tslab's program made with types ["node"]
  patched ??= {
    ...real,
    createWatchCompilerHost: (files, options, ...more) =>
      real.createWatchCompilerHost(files, { ...options, types: ["node"] }, ...more),
  };
  return patched;
};
