/** The single files of the provider tree, each against the CSAF 2.0 / RFC 9116 text and examples. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  changesCsv,
  directoryListing,
  indexTxt,
  parseChangesCsv,
  parseIndexTxt,
} from "../../../scripts/core/provider/directory.ts";
import { parseHashFile, sha256Line, sha512Line } from "../../../scripts/core/provider/hashes.ts";
import { csafFileName, relativeDocumentPath } from "../../../scripts/core/provider/layout.ts";
import { providerMetadata } from "../../../scripts/core/provider/metadata.ts";
import { rolieFeed, rolieService, slug } from "../../../scripts/core/provider/rolie.ts";
import {
  expiryWarning,
  parseSecurityTxt,
  securityTxt,
  securityTxtExpiry,
} from "../../../scripts/core/provider/security-txt.ts";
import { validateProviderMetadata } from "../../../scripts/core/provider/validate-metadata.ts";
import { SHARED_DATA } from "../../helpers/repo.ts";
import { VENDOR } from "./helpers.ts";

const CSAF = join(SHARED_DATA, "csaf-2.0");
const readJson = (path: string) => JSON.parse(readFileSync(join(CSAF, path), "utf8")) as unknown;
const FPR = "8F5F267907B2C4559DB360DB2294BA7D2B2298B1";

/** The shape of a JSON value: keys and types, not values. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? [shape(value[0])] : [];
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
  return typeof value;
}

describe("provider-metadata.json", () => {
  const metadata = providerMetadata({
    vendor: VENDOR,
    canonicalUrl: "https://psirt.example.test/",
    publicKeyUrl: `https://psirt.example.test/.well-known/csaf/openpgp/${FPR}.asc`,
    fingerprint: FPR.toLowerCase(),
    lastUpdated: new Date("2026-06-01T00:00:00Z"),
    tlps: ["WHITE"],
    rolieService: true,
  });

  it("is valid against the CSAF 2.0 provider JSON schema", async () => {
    expect(await validateProviderMetadata(metadata)).toEqual([]);
    expect(
      await validateProviderMetadata(readJson("provider-metadata/example-01-provider-metadata.json")),
    ).toEqual([]);
  });

  it("declares a trusted provider with a ROLIE feed, the folder and the key", () => {
    expect(metadata).toMatchObject({
      canonical_url: "https://psirt.example.test/.well-known/csaf/provider-metadata.json",
      role: "csaf_trusted_provider",
      metadata_version: "2.0",
      list_on_CSAF_aggregators: true,
      mirror_on_CSAF_aggregators: true,
      last_updated: "2026-06-01T00:00:00.000Z",
      public_openpgp_keys: [{ fingerprint: FPR, url: expect.stringMatching(/\/openpgp\/8F5F.*\.asc$/) }],
      publisher: {
        category: "vendor",
        contact_details: "Email: psirt@example.test; web: https://example.test/security/report",
        name: "Example Vendor",
        namespace: "https://example.test",
      },
    });
    expect(metadata.distributions).toEqual([
      { directory_url: "https://psirt.example.test/.well-known/csaf/white/" },
      {
        rolie: {
          feeds: [
            {
              summary: "All TLP:WHITE advisories of Example Vendor.",
              tlp_label: "WHITE",
              url: "https://psirt.example.test/.well-known/csaf/feed-tlp-white.json",
            },
          ],
          services: ["https://psirt.example.test/.well-known/csaf/service.json"],
        },
      },
    ]);
  });

  it("reports schema violations", async () => {
    const broken = {
      ...metadata,
      role: "csaf_vendor",
      public_openpgp_keys: [{ fingerprint: "ABC", url: "x" }],
    };
    const errors = await validateProviderMetadata(broken);
    expect(errors.map((e) => e.instancePath)).toEqual(
      expect.arrayContaining(["/role", "/public_openpgp_keys/0/fingerprint", "/public_openpgp_keys/0/url"]),
    );
  });
});

describe("ROLIE", () => {
  const entry = {
    id: "BSI-2022-0001",
    title: "An advisory",
    path: "2022/bsi-2022-0001.json",
    currentReleaseDate: "2022-03-17T13:03:42.105Z",
    initialReleaseDate: "2022-03-17T13:03:42.105Z",
    summary: "Vulnerabilities fixed",
  };
  const feed = rolieFeed({
    tlp: "WHITE",
    baseUrl: "https://psirt.example.test",
    vendorName: "Example Vendor",
    entries: [
      { ...entry, id: "OLD-1", path: "2021/old-1.json", currentReleaseDate: "2021-01-01T00:00:00Z" },
      entry,
    ],
    updated: new Date("2026-06-01T00:00:00Z"),
  });

  it("has the structure of the specification's feed example", () => {
    expect(shape(feed)).toEqual(shape(readJson("rolie/example-01-feed-tlp-white.json")));
    expect(shape(rolieService({ baseUrl: "https://x.test", vendorName: "V", tlps: ["WHITE"] }))).toEqual(
      shape(readJson("rolie/example-01-service.json")),
    );
  });

  it("links each document, both hash files and the signature; latest first", () => {
    expect(feed.feed.id).toBe("example-vendor-csaf-feed-tlp-white");
    expect(feed.feed.link).toEqual([
      { rel: "self", href: "https://psirt.example.test/.well-known/csaf/feed-tlp-white.json" },
    ]);
    expect(feed.feed.entry.map((e) => e.id)).toEqual(["BSI-2022-0001", "OLD-1"]);
    const doc = "https://psirt.example.test/.well-known/csaf/white/2022/bsi-2022-0001.json";
    expect(feed.feed.entry[0]).toEqual({
      id: "BSI-2022-0001",
      title: "An advisory",
      link: [
        { rel: "self", href: doc },
        { rel: "hash", href: `${doc}.sha256` },
        { rel: "hash", href: `${doc}.sha512` },
        { rel: "signature", href: `${doc}.asc` },
      ],
      published: "2022-03-17T13:03:42.105Z",
      updated: "2022-03-17T13:03:42.105Z",
      summary: { content: "Vulnerabilities fixed" },
      content: { type: "application/json", src: doc },
      format: { schema: "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json", version: "2.0" },
    });
    expect(slug("Nörthlight  Systems, Inc.")).toBe("northlight-systems-inc");
  });
});

describe("index.txt and changes.csv", () => {
  const entries = [
    { path: "2019/example_company_-_2019-yh3234.json", currentReleaseDate: "2019-04-17T15:08:41Z" },
    { path: "2020/example_company_-_2020-yh4711.json", currentReleaseDate: "2020-07-01T10:09:07Z" },
    { path: "2018/example_company_-_2018-yh2312.json", currentReleaseDate: "2020-07-01T10:09:01Z" },
  ];

  it("index.txt lists every path on its own line, newest year first (requirement 12)", () => {
    expect(indexTxt(entries.map((e) => e.path))).toBe(
      "2020/example_company_-_2020-yh4711.json\n2019/example_company_-_2019-yh3234.json\n2018/example_company_-_2018-yh2312.json\n",
    );
    expect(parseIndexTxt("a/b.json\r\n\nc/d.json")).toEqual(["a/b.json", "c/d.json"]);
  });

  it("changes.csv has quoted path and current_release_date, latest first, no heading (requirement 13)", () => {
    expect(changesCsv(entries)).toBe(
      [
        '"2020/example_company_-_2020-yh4711.json","2020-07-01T10:09:07Z"',
        '"2018/example_company_-_2018-yh2312.json","2020-07-01T10:09:01Z"',
        '"2019/example_company_-_2019-yh3234.json","2019-04-17T15:08:41Z"',
        "",
      ].join("\n"),
    );
  });

  it("reads changes.csv quoted (CSAF 2.0) and unquoted (CSAF 2.1), and finds disorder", () => {
    const quoted = parseChangesCsv(changesCsv(entries));
    expect(quoted).toEqual({ entries: [entries[1], entries[2], entries[0]], errors: [] });
    const plain = parseChangesCsv("2023/a.json,2023-07-01T10:09:07Z\n2021/b.json,2023-07-01T10:09:01Z\n");
    expect(plain.errors).toEqual([]);
    expect(plain.entries.map((e) => e.path)).toEqual(["2023/a.json", "2021/b.json"]);
    const bad = parseChangesCsv('"a.json","2020-01-01T00:00:00Z"\n"b.json","2021-01-01T00:00:00Z"\nc.json\n');
    expect(bad.errors).toEqual([
      "line 2: not sorted latest first (2021-01-01T00:00:00Z after an older line)",
      'line 3: expected "<path>","<current_release_date>", found "c.json"',
    ]);
  });

  it("directory listings link every entry and escape names", () => {
    const html = directoryListing("/.well-known/csaf/white/", ["index.txt", "2022/", 'a"<b>.json']);
    expect(html).toContain('<li><a href="../">../</a></li>\n<li><a href="2022/">2022/</a></li>');
    expect(html).toContain('<a href="a%22%3Cb%3E.json">a&quot;&lt;b&gt;.json</a>');
    expect(html).not.toContain("<b>");
    expect(directoryListing("/x/", [], { root: true })).not.toContain("../");
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; base-uri 'none'; form-action 'none'">`,
    );
  });
});

describe("file names and hashes", () => {
  it("follows CSAF 2.0 section 5.1, as the OASIS filename test data", () => {
    expect(csafFileName("OASIS_CSAF_TC-CSAF_2.0-2021-5-1-11")).toBe(
      "oasis_csaf_tc-csaf_2_0-2021-5-1-11.json",
    );
    expect(csafFileName("OASIS: #/CSAF_TC-CSAF_2.0-2021-5-1-13")).toBe(
      "oasis_csaf_tc-csaf_2_0-2021-5-1-13.json",
    );
    expect(relativeDocumentPath(2026, "NLS-SA-2026-0001")).toBe("2026/nls-sa-2026-0001.json");
  });

  it("writes hash files in sha256sum format (requirement 18)", () => {
    expect(sha256Line("abc", "x.json")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  x.json\n",
    );
    const line = sha512Line(new TextEncoder().encode("abc"), "x.json");
    expect(line).toMatch(/^ddaf35a193617aba[0-9a-f]{112} {2}x\.json\n$/);
    expect(parseHashFile(line, "sha512")).toEqual({ digest: line.slice(0, 128), fileName: "x.json" });
    expect(parseHashFile(line.slice(0, 128), "sha512")).toEqual({ digest: line.slice(0, 128) });
    expect(parseHashFile("abc  x.json", "sha256")).toEqual({
      error: "expected 64 hex digits at the start of the file",
    });
  });
});

describe("security.txt", () => {
  const text = securityTxt({
    vendor: VENDOR,
    canonicalUrl: "https://psirt.example.test/.well-known/security.txt",
    policyUrl: "https://psirt.example.test/policy/",
    encryptionUrl: "https://psirt.example.test/pgp-key.asc",
    csafUrl: "https://psirt.example.test/.well-known/csaf/provider-metadata.json",
    expires: securityTxtExpiry(new Date("2026-06-01T00:00:00Z")),
    languages: ["en", "de"],
  });

  it("has the RFC 9116 fields and the CSAF field", () => {
    expect(text).toBe(
      [
        "# Security contact of Example Vendor (RFC 9116).",
        "Contact: mailto:psirt@example.test",
        "Contact: https://example.test/security/report",
        "Expires: 2027-05-31T00:00:00Z",
        "Encryption: https://psirt.example.test/pgp-key.asc",
        "Preferred-Languages: en, de",
        "Canonical: https://psirt.example.test/.well-known/security.txt",
        "Policy: https://psirt.example.test/policy/",
        "CSAF: https://psirt.example.test/.well-known/csaf/provider-metadata.json",
        "",
      ].join("\n"),
    );
    expect(parseSecurityTxt(text).find((f) => f.name === "csaf")?.value).toMatch(/provider-metadata\.json$/);
  });

  it("expires less than a year after the build date", () => {
    const build = new Date("2028-02-29T12:00:00Z");
    const expires = securityTxtExpiry(build);
    expect(expires.getTime()).toBeGreaterThan(build.getTime());
    expect(expires.getTime() - build.getTime()).toBeLessThan(365 * 24 * 3600 * 1000);
  });

  it("warns a build whose security.txt expires within 60 days of today, or has expired", () => {
    const commit = new Date("2026-01-10T08:00:00Z");
    expect(expiryWarning(commit, new Date("2026-11-01T00:00:00Z"))).toBeUndefined();
    expect(expiryWarning(commit, new Date("2026-11-23T00:00:00Z"))).toBe(
      "security.txt expires on 2027-01-09, in 47 days: its Expires is a year after the data date (2026-01-10, the last commit's); commit to the repository (e.g. review the policy) and publish to renew it",
    );
    expect(expiryWarning(commit, new Date("2027-02-01T00:00:00Z"))).toMatch(
      /^security\.txt expired on 2027-01-09: /,
    );
  });

  it("refuses a CSAF field that is not https", () => {
    expect(() =>
      securityTxt({
        vendor: VENDOR,
        canonicalUrl: "x",
        csafUrl: "http://psirt.example.test/.well-known/csaf/provider-metadata.json",
        expires: new Date(),
      }),
    ).toThrow(/must be an https:\/\/ URL/);
  });
});
