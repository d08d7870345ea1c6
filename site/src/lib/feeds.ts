/** The feeds of this build: the core's buildFeeds over the published advisories (once per site data). */
import { buildFeeds, type Feeds } from "../../../scripts/core/publish/syndication.ts";
import { siteData } from "./model.ts";
import type { SiteData } from "./site-data.ts";

const cache = new WeakMap<SiteData, Feeds>();

export async function siteFeeds(): Promise<Feeds> {
  const data = await siteData();
  let feeds = cache.get(data);
  if (!feeds) {
    feeds = buildFeeds({
      vendor: data.vendor,
      siteUrl: data.siteUrl,
      advisories: data.advisories.map((a) => a.view),
      now: data.now,
    });
    cache.set(data, feeds);
  }
  return feeds;
}
