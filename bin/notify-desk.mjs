#!/usr/bin/env node
// The command line runs the JavaScript that `npm run build` (and `npm install`, through `prepare`) builds in out/cli.
import module from 'node:module';

// From Node 22, V8's compiled code is kept between runs (in the system's temp folder), so later starts skip compiling.
module.enableCompileCache?.();

let cli;
try {
  cli = await import('../out/cli/main.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('out/cli/main.js')) throw error;
  process.stderr.write('notify-desk: the command line is not built yet. Run npm run build (or npm install) first.\n');
  process.exit(1);
}
process.exitCode = await cli.main(process.argv.slice(2));
