// Preload (`node --require`): every `require("cdktf")` — ours and @cdktf/provider-aws's — loads the archived
// cdktf 0.21.0 (devDependency `cdktf-legacy`) instead of the cdktn core the `cdktf` alias installs. Lets
// __tests__/app/core-equivalence.test.ts synthesise the same app with both cores.
const Module = require("node:module");

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const legacy = request === "cdktf" || request.startsWith("cdktf/") ? `cdktf-legacy${request.slice("cdktf".length)}` : request;
  return resolveFilename.call(this, legacy, ...rest);
};
