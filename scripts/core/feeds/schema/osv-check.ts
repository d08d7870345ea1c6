/**
 * A fast structural check with the same rules as `osvRecordSchema` (./osv.ts), for the bulk of
 * well-formed records: an `all.zip` export holds hundreds of thousands, and zod's validation costs
 * several times JSON.parse. It is never more lenient than the schema (a record it accepts, the
 * schema accepts: test/core/feeds/osv-check.test.ts checks this on real and mutated records);
 * records it rejects go through zod, which says what is wrong.
 */
import type { OsvRecordInput } from "./osv.ts";

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};
const isStr = (v: unknown): v is string => typeof v === "string";
const optStr = (v: unknown): boolean => v === undefined || typeof v === "string";
const nullishStr = (v: unknown): boolean => v === undefined || v === null || typeof v === "string";
const nullishArray = (v: unknown, each: (x: unknown) => boolean): boolean => {
  if (v === undefined || v === null) return true;
  if (!Array.isArray(v)) return false;
  for (const x of v) if (!each(x)) return false;
  return true;
};

const EVENT_KEYS = ["introduced", "fixed", "last_affected", "limit"] as const;
const RANGE_TYPES = new Set(["ECOSYSTEM", "SEMVER", "GIT"]);

function isEvent(v: unknown): boolean {
  if (!isObj(v)) return false;
  let count = 0;
  for (const key of EVENT_KEYS) {
    const x = v[key];
    if (x === undefined) continue;
    if (typeof x !== "string") return false;
    count++;
  }
  return count === 1;
}

function isRange(v: unknown): boolean {
  if (!isObj(v) || !RANGE_TYPES.has(v.type as string) || !optStr(v.repo)) return false;
  const events = v.events;
  return Array.isArray(events) && events.length > 0 && events.every(isEvent);
}

function isAffected(v: unknown): boolean {
  if (!isObj(v)) return false;
  const pkg = v.package;
  if (pkg !== undefined) {
    if (!isObj(pkg)) return false;
    if (!isStr(pkg.ecosystem) || pkg.ecosystem === "" || !isStr(pkg.name) || pkg.name === "") return false;
    if (!optStr(pkg.purl)) return false;
  }
  return nullishArray(v.ranges, isRange) && nullishArray(v.versions, isStr);
}

const isSeverity = (v: unknown): boolean => isObj(v) && isStr(v.type) && isStr(v.score);
const isReference = (v: unknown): boolean => isObj(v) && optStr(v.type) && isStr(v.url);

/** True when `value` is an OSV record the schema accepts (false may still be valid: ask zod). */
export function isOsvRecord(value: unknown): value is OsvRecordInput {
  if (!isObj(value)) return false;
  const v = value;
  return (
    isStr(v.id) &&
    v.id !== "" &&
    optStr(v.modified) &&
    nullishStr(v.published) &&
    nullishStr(v.withdrawn) &&
    nullishStr(v.summary) &&
    nullishStr(v.details) &&
    nullishArray(v.aliases, isStr) &&
    nullishArray(v.related, isStr) &&
    nullishArray(v.severity, isSeverity) &&
    nullishArray(v.affected, isAffected) &&
    nullishArray(v.references, isReference) &&
    (v.database_specific === undefined || v.database_specific === null || isObj(v.database_specific))
  );
}
