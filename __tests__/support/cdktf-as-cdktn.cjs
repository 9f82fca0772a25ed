// Preloaded with `node --require`: every `require("cdktf")`, the app's and @cdktf/provider-aws's,
// loads CDK Terrain instead, as the npm alias `"cdktf": "npm:cdktn@0.24.0"` would, without
// editing a source file. Node 20's ESM `register()` hooks do not reach require(), hence CommonJS.
const Module = require("node:module");

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const target = request === "cdktf" || request.startsWith("cdktf/") ? `cdktn${request.slice("cdktf".length)}` : request;
  return resolveFilename.call(this, target, ...rest);
};
