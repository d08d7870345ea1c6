/** The whole provider tree: layout, reproducibility, signatures GnuPG accepts, refusals. */
import { describe, expect, it } from "vitest";
import { type ProviderDocument, providerTree } from "../../../scripts/core/provider/tree.ts";
import { verifyClearSigned, verifyDetached } from "../../../scripts/core/sign/openpgp.ts";
import {
  BUILD_DATE,
  buildTestTree,
  gpgVerify,
  HAS_GPG,
  SITE,
  sampleDocuments,
  testKey,
  VENDOR,
} from "./helpers.ts";

const W = ".well-known/csaf/white";

describe("providerTree", async () => {
  const key = await testKey();
  const tree = await buildTestTree(key);
  const text = (path: string) => {
    const content = tree.get(path);
    if (typeof content !== "string") throw new Error(`no text file ${path}`);
    return content;
  };

  it("holds every file of the documented layout, sorted by path", () => {
    expect([...tree.keys()]).toEqual([
      ".well-known/csaf/feed-tlp-white.json",
      ".well-known/csaf/index.html",
      `.well-known/csaf/openpgp/${key.fingerprint}.asc`,
      ".well-known/csaf/openpgp/index.html",
      ".well-known/csaf/provider-metadata.json",
      ".well-known/csaf/service.json",
      `${W}/2022/bsi-2022-0001.json`,
      `${W}/2022/bsi-2022-0001.json.asc`,
      `${W}/2022/bsi-2022-0001.json.sha256`,
      `${W}/2022/bsi-2022-0001.json.sha512`,
      `${W}/2022/bsi-2022-0002.json`,
      `${W}/2022/bsi-2022-0002.json.asc`,
      `${W}/2022/bsi-2022-0002.json.sha256`,
      `${W}/2022/bsi-2022-0002.json.sha512`,
      `${W}/2022/index.html`,
      `${W}/changes.csv`,
      `${W}/index.html`,
      `${W}/index.txt`,
      ".well-known/pgp-key.asc",
      ".well-known/security.txt",
      "pgp-key.asc",
    ]);
    expect(text(`${W}/index.txt`)).toBe("2022/bsi-2022-0002.json\n2022/bsi-2022-0001.json\n");
    expect(text(`${W}/changes.csv`)).toBe(
      '"2022/bsi-2022-0001.json","2022-03-17T13:03:42.105Z"\n"2022/bsi-2022-0002.json","2022-03-17T13:03:42.105Z"\n',
    );
    expect(text(`${W}/2022/index.html`)).toContain('<a href="bsi-2022-0001.json.sha512">');
    expect(text("pgp-key.asc")).toBe(key.publicKeyArmored);
    expect(JSON.parse(text(".well-known/csaf/provider-metadata.json")).public_openpgp_keys).toEqual([
      { fingerprint: key.fingerprint, url: `${SITE}.well-known/csaf/openpgp/${key.fingerprint}.asc` },
    ]);
  });

  it("is byte-identical for identical input, signatures included", async () => {
    const again = await buildTestTree(key);
    expect([...again.keys()]).toEqual([...tree.keys()]);
    for (const [path, content] of tree) expect(again.get(path), path).toEqual(content);
  });

  it("signs each document at its current_release_date and security.txt at the build date", async () => {
    const doc = text(`${W}/2022/bsi-2022-0001.json`);
    const result = await verifyDetached(doc, text(`${W}/2022/bsi-2022-0001.json.asc`), key.publicKeyArmored);
    expect(result.valid).toBe(true);
    expect(result.created?.toISOString()).toBe("2022-03-17T13:03:42.000Z");
    const security = await verifyClearSigned(text(".well-known/security.txt"), key.publicKeyArmored);
    expect(security.valid).toBe(true);
    expect(security.created?.toISOString()).toBe(BUILD_DATE.toISOString());
    expect(security.text).toContain(`CSAF: ${SITE}.well-known/csaf/provider-metadata.json\n`);
    expect(security.text).toContain("Expires: 2027-05-31T00:00:00Z\n");
  });

  it.skipIf(!HAS_GPG)("GnuPG verifies a document signature and security.txt from the tree", () => {
    const doc = gpgVerify(text("pgp-key.asc"), {
      signature: text(`${W}/2022/bsi-2022-0002.json.asc`),
      data: text(`${W}/2022/bsi-2022-0002.json`),
    });
    expect(doc.output).toContain("Good signature");
    expect(doc.code).toBe(0);
    const security = gpgVerify(text("pgp-key.asc"), { signature: text(".well-known/security.txt") });
    expect(security.output).toContain("Good signature");
    expect(security.code).toBe(0);
  });

  it("refuses documents that must not or cannot be published", async () => {
    const [doc] = sampleDocuments();
    const build = (documents: ProviderDocument[]) =>
      providerTree({ vendor: VENDOR, canonicalUrl: SITE, documents, buildDate: BUILD_DATE, key });
    await expect(build([{ ...doc!, tlp: "AMBER" }])).rejects.toThrow(/TLP:AMBER is never published/);
    await expect(build([{ ...doc!, year: 2023 }])).rejects.toThrow(
      /year 2023 is not the year of initial_release_date/,
    );
    await expect(build([doc!, { ...doc!, trackingId: "bsi-2022-0001" }])).rejects.toThrow(
      /both map to the file/,
    );
  });

  it("always publishes a TLP:WHITE feed, even without documents", async () => {
    const empty = await buildTestTree(key, []);
    expect(empty.get(`${W}/index.txt`)).toBe("");
    expect(JSON.parse(empty.get(".well-known/csaf/feed-tlp-white.json") as string).feed.entry).toEqual([]);
  });
});
