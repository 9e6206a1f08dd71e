#!/usr/bin/env node
// The command line runs the TypeScript sources through tsx, so `npx notify-desk` works straight after install.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
