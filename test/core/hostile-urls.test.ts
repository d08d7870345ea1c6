/**
 * `HttpsUrl` accepts exactly the https URLs the CSAF validator accepts (JSON Schema `uri`, RFC 3986
 * as Ajv checks it): a URL it refuses is a `validate` finding on its line (PSIRT-E062) that says what
 * to percent-encode, not a `build` failure at line 1 (PSIRT-E099).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HttpsUrl } from "../../schemas/common.ts";
import { toCsaf } from "../../scripts/core/csaf/document.ts";
import { validateCsaf } from "../../scripts/core/csaf/validate.ts";
import { FIXTURES, tempRepo, validateDir, writeIn } from "../helpers/repo.ts";

const ADVISORY = "advisories/2026/EXC-SA-2026-0001.mdx";
const advisory = readFileSync(join(FIXTURES, "repo-min", ADVISORY), "utf8");
const REFERENCE = "  - url: https://nvd.nist.gov/vuln/detail/CVE-2021-44228";

async function errorsWithUrl(yamlValue: string) {
  const root = tempRepo();
  writeIn(root, ADVISORY, advisory.replace(REFERENCE, `  - url: ${yamlValue}`));
  const { findings } = await validateDir(root);
  return findings
    .filter((f) => f.severity === "error")
    .map((f) => [f.file, f.line, f.column, f.code, f.message]);
}

describe("URLs with characters RFC 3986 does not allow (PSIRT-E062)", () => {
  it.each([
    ["https://example.com/search?q=a|b", "|", "%7C"],
    ["'https://example.com/a\"b'", '"', "%22"],
    ["https://example.com/<script>", "<", "%3C"],
    ["https://example.com/a>b", ">", "%3E"],
    ["https://example.com/a\\b", "\\", "%5C"],
    ["https://example.com/a^b", "^", "%5E"],
    ["https://example.com/a`b", "`", "%60"],
    ["https://example.com/a{b}", "{", "%7B"],
    ["https://example.com/a}b", "}", "%7D"],
    ["https://example.com/a b", " ", "%20"],
    ["https://example.com/caf\u00e9", "\u00e9", "%C3%A9"],
  ])("%s: on its line, with the encoding to use", async (url, char, encoded) => {
    const shown = url.replace(/^'|'$/g, "");
    expect(await errorsWithUrl(url)).toEqual([
      [
        ADVISORY,
        37,
        10,
        "PSIRT-E062",
        `"url" is "${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}": ${JSON.stringify(char)} may not appear as is in a URL (RFC 3986; the CSAF validator refuses it): percent-encode it as ${encoded}`,
      ],
    ]);
  });

  it("a host in Unicode: says to write it in ASCII", async () => {
    expect((await errorsWithUrl("https://b\u00fccher.example/"))[0]?.[4]).toBe(
      '"url" is "https://bücher.example/": the host "bücher.example" must be written in ASCII: use xn--bcher-kva.example',
    );
  });

  it("accepts them percent-encoded", async () => {
    expect(
      await errorsWithUrl("https://example.com/search?q=a%7Cb&r=%22%3C%3E%5C%5E%60%7B%7D%20caf%C3%A9"),
    ).toEqual([]);
  });
});

describe("HttpsUrl and the CSAF validator agree", async () => {
  const { model } = await validateDir(join(FIXTURES, "repo-min"));
  const adv = model.advisories[0]!;
  it.each([
    "https://example.com/search?q=a|b",
    'https://example.com/a"b',
    "https://example.com/a<b>",
    "https://example.com/a\\b",
    "https://example.com/a^b",
    "https://example.com/a`b",
    "https://example.com/a{b}",
    "https://example.com/a b",
    "https://example.com/café",
    "https://example.com/%zz",
    "https://example.com/a#b#c",
    "https://example.com/a[b]",
    "https://example.com/search?q=a%7Cb",
    "https://example.com/a;b,c=d!$&'()*+@~:?/x#frag/?",
    "https://user:pw@example.com:8443/path",
    "https://192.0.2.1/x",
    "https://[2001:db8::1]/x",
    "HTTPS://EXAMPLE.COM/",
  ])("%s", async (url) => {
    const withUrl = {
      ...adv,
      data: { ...adv.data, references: [{ url, summary: "x", category: "external" as const }] },
    };
    const csaf = await validateCsaf(toCsaf(model, withUrl, { generatorVersion: "0.0.0" }));
    expect(HttpsUrl.safeParse(url).success).toBe(csaf.valid);
  });
});
