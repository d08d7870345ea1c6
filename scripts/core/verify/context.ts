/** Shared state of one `verify` run: the source, the findings, and reading helpers (capped). */
import { binarySize } from "../binary-size.ts";
import { FILE_LIMITS, limitText, VERIFY_BUDGET, type VerifyBudget, type VerifyFileKind } from "./limits.ts";
import { FileTooLarge, isAbsoluteUrl, NetworkError, type TreeSource } from "./source.ts";

/** One finding: the file (tree path or URL) and what is wrong with it. */
export interface Problem {
  path: string;
  message: string;
}

export interface VerifyReport {
  /** The folder or URL verified. */
  source: string;
  /** True when there are no failures and no network errors. */
  ok: boolean;
  /** CSAF documents checked. */
  documents: number;
  /** Fingerprints of the published keys that matched provider-metadata.json. */
  keys: string[];
  failures: Problem[];
  warnings: Problem[];
  /** Locations that could not be read for a reason other than "not there": exit 3. */
  networkErrors: Problem[];
}

/** Validity of one CSAF document, as scripts/core/csaf/validate.ts reports it. */
export type CsafValidator = (
  doc: unknown,
) =>
  | Promise<{ valid: boolean; errors: { test: string; instancePath: string; message: string }[] }>
  | { valid: boolean; errors: { test: string; instancePath: string; message: string }[] };

/** `network` also stands for "could not be read, already reported" (a failure or an outage). */
export type ReadResult = { bytes: Uint8Array } | { missing: true } | { network: true };

/** Limits that differ from FILE_LIMITS and VERIFY_BUDGET (tests make them small). */
export interface VerifyLimits {
  files?: Partial<Record<VerifyFileKind, number>>;
  budget?: Partial<VerifyBudget>;
}

export class VerifyContext {
  readonly source: TreeSource;
  readonly now: Date;
  readonly failures: Problem[] = [];
  readonly warnings: Problem[] = [];
  readonly networkErrors: Problem[] = [];
  /** Site base URL from canonical_url: URLs below it are read as tree paths. */
  base: string | undefined;
  readonly budget: Readonly<VerifyBudget>;
  readonly #fileLimits: Partial<Record<VerifyFileKind, number>>;
  #filesRead = 0;
  #bytesRead = 0;
  readonly #reported = new Set<string>();

  constructor(source: TreeSource, now: Date, limits: VerifyLimits = {}) {
    this.source = source;
    this.now = now;
    this.budget = { ...VERIFY_BUDGET, ...limits.budget };
    this.#fileLimits = limits.files ?? {};
  }

  fail(path: string, message: string): void {
    this.failures.push({ path, message });
  }

  /** A failure reported once per `key` however often it recurs (a limit met by every later read). */
  failOnce(key: string, path: string, message: string): void {
    if (this.#reported.has(key)) return;
    this.#reported.add(key);
    this.fail(path, message);
  }

  /** Why the run may read no more, or undefined while it may. */
  #spent(): string | undefined {
    if (this.#filesRead >= this.budget.files)
      return `this verify has read ${this.#filesRead} files, the most one run reads`;
    if (this.#bytesRead >= this.budget.bytes)
      return `this verify has read ${this.#bytesRead} bytes (${binarySize(this.budget.bytes)} at most per run)`;
    return undefined;
  }

  warn(path: string, message: string): void {
    this.warnings.push({ path, message });
  }

  /** A URL from the tree's own files, as a tree path when it lies below the site base. */
  locate(url: string): string {
    if (this.base && url.startsWith(`${this.base}/`)) return url.slice(this.base.length + 1);
    return url;
  }

  /** Resolves a path relative to a folder location (tree path or URL); undefined if it escapes. */
  resolve(folder: string, relative: string): string | undefined {
    if (isAbsoluteUrl(relative) || relative.startsWith("/")) return undefined;
    if (relative.split("/").some((part) => part === ".." || part === "." || part === "")) return undefined;
    return `${folder.replace(/\/+$/, "")}/${relative}`;
  }

  /**
   * Reads a file of the tree, capped by its kind's limit and by the run's budget; a file over its
   * limit is one failure naming the file and the limit, and the run goes on without it.
   */
  async read(location: string, kind: VerifyFileKind): Promise<ReadResult> {
    const spent = this.#spent();
    if (spent) {
      // Every later read meets the same limit: one line says so, not one per file.
      this.failOnce("budget", location, `not read: ${spent}; the rest of the tree is not verified`);
      return { network: true };
    }
    const limit = this.#fileLimits[kind] ?? FILE_LIMITS[kind].bytes;
    this.#filesRead++;
    try {
      const bytes = await this.source.read(location, limit);
      this.#bytesRead += bytes?.length ?? 0;
      return bytes ? { bytes } : { missing: true };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof FileTooLarge) {
        this.#bytesRead += error.size === undefined ? limit : 0;
        this.fail(
          location,
          error.size === undefined
            ? `over ${limitText(kind, limit)}: download stopped, not checked`
            : `${error.size} bytes, over ${limitText(kind, limit)}: not read, not checked`,
        );
        return { network: true };
      }
      if (!(error instanceof NetworkError)) {
        // Refused by policy (e.g. a plain http:// URL) or unreadable: a finding, not an outage.
        this.fail(location, message);
        return { network: true };
      }
      const where = error.location;
      this.networkErrors.push({
        path: location,
        message: where === location ? message : `${where}: ${message}`,
      });
      return { network: true };
    }
  }

  /** Reads UTF-8 text; records "not found" (as a failure) and undecodable bytes. */
  async readText(location: string, kind: VerifyFileKind, what = "not found"): Promise<string | undefined> {
    const result = await this.read(location, kind);
    if ("missing" in result) this.fail(location, what);
    if (!("bytes" in result)) return undefined;
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(result.bytes);
    } catch {
      this.fail(location, "is not UTF-8 text");
      return undefined;
    }
  }

  /** Reads and parses JSON; records a failure when missing or malformed. */
  async readJson(location: string, kind: VerifyFileKind): Promise<unknown> {
    const text = await this.readText(location, kind);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      this.fail(location, `is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }
}

/** A plain object's property, or undefined. */
export function prop(value: unknown, ...keys: string[]): unknown {
  let at = value;
  for (const key of keys) {
    if (typeof at !== "object" || at === null || Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** A string property, or undefined. */
export function str(value: unknown, ...keys: string[]): string | undefined {
  const v = prop(value, ...keys);
  return typeof v === "string" ? v : undefined;
}

/** An array property (empty when absent). */
export function arr(value: unknown, ...keys: string[]): unknown[] {
  const v = prop(value, ...keys);
  return Array.isArray(v) ? v : [];
}

/** Runs `work` over `items` with at most `limit` running at once, keeping result order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
