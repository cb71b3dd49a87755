/* global process */
// Preloaded by the engine benchmark (node --import bench/rss-at-exit.mjs …): prints the process's peak RSS
// to stderr when it exits, so an end-to-end CLI run can report its memory.
process.on('exit', () => {
  process.stderr.write(`maxrss-mb ${(process.resourceUsage().maxRSS / 1024).toFixed(0)}\n`);
});
