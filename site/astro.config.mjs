// Astro configuration of the advisory site (scripts/docs/site.md). Static output into the
// repository's dist/; the repository read is PSIRT_ROOT (default: the parent of site/).
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import mdx from "@astrojs/mdx";
import { defineConfig } from "astro/config";
import { parse } from "yaml";

// No usage data leaves the machine (checked by @astrojs/telemetry when an event is recorded).
process.env.ASTRO_TELEMETRY_DISABLED = "1";

const siteDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(siteDir, "..");
const dataRoot = process.env.PSIRT_ROOT ? resolve(process.cwd(), process.env.PSIRT_ROOT) : repoRoot;
// The site's pages read the same variable (site/src/lib/model.ts): make it absolute once.
process.env.PSIRT_ROOT = dataRoot;

/** site.url from inventory/vendor.yaml; the build validates the file properly before this runs. */
function siteUrl() {
  try {
    const vendor = parse(readFileSync(resolve(dataRoot, "inventory/vendor.yaml"), "utf8"));
    const url = new URL(vendor?.site?.url);
    if (!url.pathname.endsWith("/")) url.pathname += "/";
    return url;
  } catch {
    return new URL("https://psirt.invalid/");
  }
}

const site = siteUrl();
const outDir = process.env.PSIRT_SITE_OUT
  ? isAbsolute(process.env.PSIRT_SITE_OUT)
    ? process.env.PSIRT_SITE_OUT
    : resolve(process.cwd(), process.env.PSIRT_SITE_OUT)
  : resolve(repoRoot, "dist");

export default defineConfig({
  root: siteDir,
  output: "static",
  site: site.origin,
  base: site.pathname,
  outDir,
  // The build command gives each build its own cache folder (PSIRT_SITE_CACHE), so parallel builds
  // never share temporary files.
  cacheDir: process.env.PSIRT_SITE_CACHE
    ? resolve(process.env.PSIRT_SITE_CACHE, "astro")
    : resolve(repoRoot, "node_modules/.astro-site"),
  trailingSlash: "always",
  build: {
    format: "directory",
    // Pages are rendered while earlier ones are being written: the writes no longer idle the build.
    concurrency: 4,
    // Every stylesheet and script is a file: the Content-Security-Policy allows no inline code.
    inlineStylesheets: "never",
  },
  compressHTML: true,
  devToolbar: { enabled: false },
  prefetch: false,
  integrations: [mdx()],
  vite: {
    cacheDir: process.env.PSIRT_SITE_CACHE
      ? resolve(process.env.PSIRT_SITE_CACHE, "vite")
      : resolve(repoRoot, "node_modules/.vite-site"),
    build: {
      // Never inline small scripts or assets into pages (CSP: script-src 'self', no inline).
      assetsInlineLimit: 0,
    },
  },
});
