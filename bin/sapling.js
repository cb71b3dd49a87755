#!/usr/bin/env node
// The `sapling` command. The sources are TypeScript; tsx compiles them on the fly so the CLI works
// right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
