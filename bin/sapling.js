#!/usr/bin/env node
// The `sapling` command. The sources are TypeScript; tsx compiles them on the fly so the CLI works
// right after `npm install` with no build step. `sapling ui` serves main's handlers, so it lives in main/web
// (cli/ may not import main/); every other command is cli/main.ts's.
import { register } from 'tsx/esm/api';

register();
const argv = process.argv.slice(2);
if (argv[0] === 'ui') {
  const { runUi } = await import('../main/web/command.ts');
  process.exitCode = await runUi(argv.slice(1));
} else {
  const { main } = await import('../cli/main.ts');
  process.exitCode = await main(argv);
}
