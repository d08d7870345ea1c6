/**
 * The site's only access to the repository: reads and validates it once per build (memoized) with
 * the same loader and validator as the CLI, then derives the site data. The repository is
 * PSIRT_ROOT (set absolute by astro.config.mjs; default: the current directory, i.e. the repository
 * root when run as `astro build --root site`). The publication date is PSIRT_NOW, else
 * SOURCE_DATE_EPOCH, else today. `psirt build` passes PSIRT_SITE_MODEL instead: the model it has
 * already validated, cut down to what is published (scripts/core/publish/site-model.ts).
 */
import { resolve } from "node:path";
import { validateRepository } from "../../../scripts/core/validate.ts";
import { resolveNow } from "../../../scripts/io/now.ts";
import { readRepository } from "../../../scripts/io/repo-files.ts";
import { readSiteModel } from "../../../scripts/io/site-model.ts";
import { formatText } from "../../../scripts/report/findings.ts";
import { deriveSiteData, type SiteData } from "./site-data.ts";

let cached: Promise<SiteData> | undefined;
let loadedAt = 0;
/** `astro dev` re-reads the repository when the data is older than this, so edits show on reload. */
const DEV_TTL_MS = 2000;

async function load(): Promise<SiteData> {
  const root = resolve(process.env.PSIRT_ROOT ?? process.cwd());
  const now = resolveNow();
  if (process.env.PSIRT_SITE_MODEL) return deriveSiteData(readSiteModel(process.env.PSIRT_SITE_MODEL), now);
  const { model, findings } = await validateRepository(await readRepository(root), now);
  const errors = findings.filter((f) => f.severity === "error");
  if (errors.length > 0) {
    const shown = formatText(errors.slice(0, 20));
    const more = errors.length > 20 ? `… and ${errors.length - 20} more\n` : "";
    throw new Error(
      `the site is not built: the repository at ${root} has ${errors.length} validation error(s); ` +
        `run \`npm run psirt -- validate\` and fix them:\n${shown}${more}`,
    );
  }
  return deriveSiteData(model, now);
}

/** The site data of this build (loaded on first use; in `astro dev`, reloaded after a short while). */
export function siteData(): Promise<SiteData> {
  const dev = process.env.NODE_ENV === "development";
  if (!cached || (dev && Date.now() - loadedAt > DEV_TTL_MS)) {
    loadedAt = Date.now();
    cached = load();
  }
  return cached;
}
