import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Shared reference data (test/fixtures/shared, copied from the shared data; its README names sources and licenses). */
import { SHARED_DATA } from "../../helpers/repo.ts";

export const SHARED = SHARED_DATA;
export const FEEDS = join(SHARED, "feeds");
export const CSAF = join(SHARED, "csaf-2.0");
export const FIXTURES = join(import.meta.dirname, "../../fixtures/feeds");

export const bytes = (path: string): Uint8Array => new Uint8Array(readFileSync(path));
export const shared = (...parts: string[]): Uint8Array => bytes(join(SHARED, ...parts));
export const fixture = (name: string): Uint8Array => bytes(join(FIXTURES, name));
export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** `.json` files of a folder, sorted. */
export const jsonFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => join(dir, f));
