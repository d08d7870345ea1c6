/**
 * The last line of defence of the publication rule: scan every byte of the output for what must
 * never be published (ids and titles of unpublished advisories, every incident id). Compressed
 * files (gzip: Pagefind's index; zip: the OSV export) are scanned decompressed.
 */
import { gunzipSync } from "node:zlib";
import { unzipSync } from "fflate";
import type { Model } from "../load/repository.ts";
import { publication } from "../publish/select.ts";

export interface Leak {
  path: string;
  needle: string;
  why: string;
}

/** What must not appear in the public output, with the reason. */
export function unpublishedNeedles(model: Model, now: Date): { needle: string; why: string }[] {
  const needles: { needle: string; why: string }[] = [];
  for (const adv of model.advisories) {
    const p = publication(adv, model.vendor?.data, now);
    if (p.published) continue;
    needles.push({ needle: adv.data.id, why: `unpublished advisory (${p.detail})` });
    if (adv.data.title.length >= 16)
      needles.push({ needle: adv.data.title, why: `title of unpublished advisory ${adv.data.id}` });
  }
  for (const inc of model.incidents)
    needles.push({ needle: inc.data.id, why: "incident id (incidents are never published)" });
  return needles;
}

function textOf(bytes: Uint8Array): string {
  // zip archives (osv/all.zip): scan every member, decompressed
  if (bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    try {
      return Object.values(unzipSync(bytes)).map(textOf).join("\n");
    } catch {
      // not a readable zip: scan as is
    }
  }
  let data = bytes;
  if (data.length > 2 && data[0] === 0x1f && data[1] === 0x8b) {
    try {
      data = gunzipSync(data);
    } catch {
      // not really gzip: scan as is
    }
  }
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("latin1");
}

const ID_TOKEN = /[A-Z][A-Z0-9]{1,9}-(?:SA|IR)-\d{4}-\d{4,}/g;
/**
 * Ids in the output as a reader may find them: any case (CSAF file names are lowercase), and with
 * hyphens that look alike. The text is the output's bytes read as latin1, so a UTF-8 look-alike
 * (U+2010–U+2015, U+2212, soft hyphen U+00AD) appears as its bytes.
 */
const HYPHEN = "(?:-|\xe2\x80[\x90-\x95]|\xe2\x88\x92|\xc2\xad)";
// Letters in either case by hand: the `i` flag would also fold the latin1 bytes of HYPHEN.
const ID_IN_OUTPUT = new RegExp(
  `[A-Za-z][A-Za-z0-9]{1,9}${HYPHEN}(?:[Ss][Aa]|[Ii][Rr])${HYPHEN}\\d{4}${HYPHEN}\\d{4,}`,
  "g",
);
const ANY_HYPHEN = new RegExp(HYPHEN, "g");
const canonicalId = (token: string): string => token.replace(ANY_HYPHEN, "-").toUpperCase();

/**
 * Every occurrence of a needle in the files (path → bytes). Advisory and incident ids, the bulk of
 * the needles, are found by tokenizing each file once; other needles (titles) by substring search.
 */
export function findLeaks(
  files: Iterable<[string, Uint8Array]>,
  needles: readonly { needle: string; why: string }[],
): Leak[] {
  const leaks: Leak[] = [];
  const ids = new Map<string, string>();
  const others: { needle: string; why: string; latin1: string }[] = [];
  for (const n of needles) {
    if (new RegExp(`^${ID_TOKEN.source}$`).test(n.needle)) ids.set(n.needle, n.why);
    else others.push({ ...n, latin1: Buffer.from(n.needle, "utf8").toString("latin1") });
  }
  for (const [path, bytes] of files) {
    const text = textOf(bytes);
    for (const token of new Set((text.match(ID_IN_OUTPUT) ?? []).map(canonicalId))) {
      const why = ids.get(token);
      if (why) leaks.push({ path, needle: token, why });
    }
    for (const n of others) if (text.includes(n.latin1)) leaks.push({ path, needle: n.needle, why: n.why });
  }
  return leaks;
}
