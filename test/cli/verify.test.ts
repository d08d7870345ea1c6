/** `psirt verify` as a customer runs it: on a folder and over HTTP from 127.0.0.1; exit codes 0/1/2/3. */
import { execFile } from "node:child_process";
import { copyFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join, normalize } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildTestTree, testKey, VERIFY_NOW, writeTree } from "../core/provider/helpers.ts";
import { ROOT } from "../helpers/repo.ts";

const W = ".well-known/csaf/white";
const DOC1 = `${W}/2022/bsi-2022-0001.json`;
const DOC2 = `${W}/2022/bsi-2022-0002.json`;

/** Runs the CLI without blocking this process (the HTTP server below lives in it). */
function psirt(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", join(ROOT, "scripts/node-check.mjs"), join(ROOT, "scripts/psirt.ts"), ...args],
      { cwd: ROOT, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((s) => new Promise((done) => s.close(done)))));

/**
 * Serves `dir` on 127.0.0.1; `override` may answer a path itself: with a status (e.g. HTTP 500),
 * or by writing the response (a hostile server).
 */
async function serve(
  dir: string,
  override?: (path: string) => number | ((response: ServerResponse) => void) | undefined,
): Promise<string> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname).replace(/^\/+/, "");
    const answer = override?.(path);
    if (typeof answer === "function") {
      answer(response);
      return;
    }
    if (answer) {
      response.writeHead(answer).end();
      return;
    }
    try {
      const body = readFileSync(join(dir, normalize(path)));
      response.writeHead(200, { "content-type": "application/octet-stream" }).end(body);
    } catch {
      response.writeHead(404).end("not found");
    }
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

// Each run loads the CSAF validator library (seconds on a busy machine): allow for it.
describe("psirt verify", { timeout: 180_000 }, async () => {
  const key = await testKey();
  const other = await testKey();
  const tree = await buildTestTree(key);
  const verify = (target: string, ...extra: string[]) =>
    psirt(["verify", target, "--now", VERIFY_NOW, ...extra]);

  it("exits 0 on a generated tree, validating every CSAF document", async () => {
    const r = await verify(writeTree(tree));
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(new RegExp(`^verify \\S+: 2 documents, key ${key.fingerprint}: OK\\n$`));
    expect(r.code).toBe(0);
  });

  it("exits 1 and names the files when one byte of a document changed", async () => {
    const dir = writeTree(tree);
    const text = readFileSync(join(dir, DOC1), "utf8");
    writeFileSync(join(dir, DOC1), text.replace("XML External", "XML Externel"));
    const r = await verify(dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`FAIL ${DOC1}.asc: signature does not verify with the published key`);
    expect(r.stdout).toContain(`FAIL ${DOC1}.sha256: SHA256 does not match bsi-2022-0001.json`);
    expect(r.stdout).toContain(`FAIL ${DOC1}.sha512: SHA512 does not match bsi-2022-0001.json`);
    expect(r.stdout).toMatch(/: 2 documents, key [0-9A-F]{40}: 3 failures\n$/);
  });

  it("exits 1 on a swapped signature, a missing .sha512 and a key with another fingerprint", async () => {
    const swapped = writeTree(tree);
    copyFileSync(join(swapped, `${DOC2}.asc`), join(swapped, `${DOC1}.asc`));
    const missing = writeTree(tree);
    rmSync(join(missing, `${DOC2}.sha512`));
    const rekeyed = writeTree(tree);
    const keyPath = `.well-known/csaf/openpgp/${key.fingerprint}.asc`;
    writeFileSync(join(rekeyed, keyPath), other.publicKeyArmored);
    const [r1, r2, r3] = await Promise.all([verify(swapped), verify(missing), verify(rekeyed)]);
    expect(r1.code).toBe(1);
    expect(r1.stdout).toMatch(new RegExp(`^FAIL ${DOC1}.asc: signature does not verify`, "m"));
    expect(r2.code).toBe(1);
    expect(r2.stdout).toContain(`FAIL ${DOC2}.sha512: not found (requirement 18)\n`);
    expect(r3.code).toBe(1);
    expect(r3.stdout).toContain(
      `FAIL ${keyPath}: key fingerprint ${other.fingerprint} does not match ${key.fingerprint} in provider-metadata.json\n`,
    );
  });

  it("verifies over HTTP from 127.0.0.1, in text and JSON", async () => {
    const base = await serve(writeTree(tree));
    const r = await verify(base);
    expect(r.stdout).toContain(`verify ${base}: 2 documents, key ${key.fingerprint}: OK\n`);
    // Served from 127.0.0.1, the metadata names its https home: worth a warning, not a failure.
    expect(r.stdout).toContain(
      "WARN .well-known/csaf/provider-metadata.json: fetched from " +
        `${base}/.well-known/csaf/provider-metadata.json but canonical_url is https://psirt.example.test/.well-known/csaf/provider-metadata.json`,
    );
    expect(r.code).toBe(0);
    const json = await verify(`${base}/`, "--format", "json", "--fingerprint", key.fingerprint);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: true,
      documents: 2,
      keys: [key.fingerprint],
      failures: [],
    });
  });

  it("exits 1 for a file missing on the server and 3 when the server fails or is gone", async () => {
    const dir = writeTree(tree);
    const missing = await serve(dir, (path) => (path === `${DOC2}.sha512` ? 404 : undefined));
    const r1 = await verify(missing);
    expect(r1.code).toBe(1);
    expect(r1.stdout).toContain(`FAIL ${DOC2}.sha512: not found (requirement 18)`);

    const broken = await serve(dir, (path) => (path === `${DOC2}.sha512` ? 503 : undefined));
    const r2 = await verify(broken);
    expect(r2.stdout).toContain(
      `ERROR ${DOC2}.sha512: ${broken}/${DOC2}.sha512: HTTP 503 Service Unavailable`,
    );
    expect(r2.code).toBe(3);

    const gone = await serve(dir);
    const server = servers.at(-1)!;
    await new Promise((done) => server.close(done));
    servers.pop();
    const r3 = await verify(gone);
    expect(r3.stdout).toMatch(
      /^ERROR \.well-known\/csaf\/provider-metadata\.json: .*cannot fetch: ECONNREFUSED/m,
    );
    expect(r3.code).toBe(3);
  });

  it("names each file over its limit, unread or stopped, and still verifies the rest (exit 1)", async () => {
    const base = await serve(writeTree(tree), (path) => {
      // Announces 1 GiB: refused before a byte of the body is read.
      if (path === DOC1)
        return (response) => response.writeHead(200, { "Content-Length": String(2 ** 30) }).flushHeaders();
      // No Content-Length and no end: stopped once past the limit of a hash file.
      if (path === `${DOC2}.sha256`)
        return (response) => {
          response.writeHead(200);
          const chunk = Buffer.alloc(16 * 1024, "a");
          const pump = () => {
            while (!response.destroyed && response.write(chunk)) {}
            if (!response.destroyed) response.once("drain", pump);
          };
          pump();
          response.on("error", () => {});
        };
      return undefined;
    });
    const r = await verify(base);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      `FAIL ${DOC1}: 1073741824 bytes, over the limit of 33554432 bytes (32 MiB) for a CSAF document: not read, not checked\n` +
        `FAIL ${DOC2}.sha256: over the limit of 4096 bytes (4 KiB) for a hash file: download stopped, not checked\n` +
        `WARN .well-known/csaf/provider-metadata.json: fetched from ${base}/.well-known/csaf/provider-metadata.json but canonical_url is https://psirt.example.test/.well-known/csaf/provider-metadata.json\n` +
        `verify ${base}: 2 documents, key ${key.fingerprint}: 2 failures\n`,
    );
    expect(r.code).toBe(1);
  });

  it("exits 2 on usage errors", async () => {
    const http = await psirt(["verify", "http://psirt.example.test"]);
    expect(http.code).toBe(2);
    expect(http.stderr).toMatch(/refusing http:\/\/ .*requirement 3/);
    const nothing = await psirt(["verify", join(ROOT, "no-such-folder")]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/neither a folder nor an https:\/\/ URL/);
    const badFormat = await psirt(["verify", ROOT, "--format", "xml"]);
    expect(badFormat.code).toBe(2);
  });
});
