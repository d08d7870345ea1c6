// Loaded with `node --import` before any TypeScript file: a clear message instead of
// "Unknown file extension .ts" when the scripts run on a Node.js older than the pinned one.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `psirt: Node.js ${process.versions.node} is too old; this project needs Node.js >= 22.12 (it pins 24.x).\n` +
      "  Run it through npm (`npm run psirt -- …`, `npm test`): npm puts the pinned node from\n" +
      "  node_modules/.bin first on PATH. Run `npm ci` first if node_modules is missing.\n",
  );
  process.exit(2);
}
