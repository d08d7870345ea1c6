/**
 * Synthetic PSIRT repository for benchmarks: valid content of configurable size, deterministic
 * (seeded), written to a folder. Default size: 10,000 advisories, 1,000 products, 5,000 incidents,
 * SBOMs totalling 100,000 components.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { weaknesses } from "@secvisogram/csaf-validator-lib/cwe.js";

export interface SynthSize {
  advisories: number;
  products: number;
  incidents: number;
  components: number;
}

export const DEFAULT_SIZE: SynthSize = {
  advisories: 10_000,
  products: 1_000,
  incidents: 5_000,
  components: 100_000,
};

export function scaled(factor: number): SynthSize {
  const r = (n: number) => Math.max(1, Math.round(n * factor));
  return {
    advisories: r(DEFAULT_SIZE.advisories),
    products: r(DEFAULT_SIZE.products),
    incidents: r(DEFAULT_SIZE.incidents),
    components: r(DEFAULT_SIZE.components),
  };
}

/** Small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  "remote attacker could craft request bypass authentication validation buffer overflow injection parser memory service session token header path traversal cross site scripting privilege escalation configuration denial resource exhaustion certificate handshake".split(
    " ",
  );
const ECOSYSTEMS = [
  ["npm", (i: number) => `pkg:npm/pkg-${i}`],
  ["maven", (i: number) => `pkg:maven/org.example${i % 50}/lib-${i}`],
  ["pypi", (i: number) => `pkg:pypi/py-${i}`],
  ["deb", (i: number) => `pkg:deb/debian/deb-${i}?arch=amd64`],
] as const;

const V3 = [
  "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
  "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:N",
  "CVSS:3.1/AV:L/AC:H/PR:L/UI:R/S:U/C:L/I:N/A:N",
];
const V3_SCORE = [
  [9.8, "CRITICAL"],
  [5.4, "MEDIUM"],
  [2.2, "LOW"],
] as const;

function write(root: string, path: string, text: string) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

function sentence(r: () => number, n: number): string {
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(WORDS[Math.floor(r() * WORDS.length)]!);
  const s = words.join(" ");
  return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
}

/** Writes the synthetic repository to `root`; returns the number of bytes written. */
export function generate(root: string, size: SynthSize = DEFAULT_SIZE, seed = 1): number {
  const r = rng(seed);
  let bytes = 0;
  const put = (path: string, text: string) => {
    write(root, path, text);
    bytes += Buffer.byteLength(text);
  };
  put(
    "inventory/vendor.yaml",
    "name: Bench Corp\nnamespace: https://bench.example\nid_prefix: BEN\ncontact:\n  email: psirt@bench.example\nsite:\n  url: https://psirt.bench.example/\n  title: Bench PSIRT\n",
  );
  const versionsPerProduct = 2;
  const perSbom = Math.max(1, Math.round(size.components / (size.products * versionsPerProduct)));
  for (let p = 0; p < size.products; p++) {
    const id = `product-${p}`;
    let yaml = `id: ${id}\nname: Bench Product ${p}\nexposure: ${["internet", "internal", "local"][p % 3]}\nversion_scheme: semver\nversions:\n`;
    for (let v = 0; v < versionsPerProduct; v++) {
      const version = `${1 + v}.0.0`;
      const sbom = `inventory/sbom/${id}/${version}.cdx.json`;
      yaml += `  - version: ${version}\n    released: 201${v + 8}-0${1 + (p % 9)}-1${p % 10}\n    sbom: ${sbom}\n`;
      const components = [];
      for (let c = 0; c < perSbom; c++) {
        const n = Math.floor(r() * 20_000);
        const [, purlOf] = ECOSYSTEMS[n % ECOSYSTEMS.length]!;
        const ver = `${1 + (n % 7)}.${n % 13}.${c % 5}`;
        const base = purlOf(n);
        const q = base.indexOf("?");
        const purl = q === -1 ? `${base}@${ver}` : `${base.slice(0, q)}@${ver}${base.slice(q)}`;
        components.push({ type: "library", "bom-ref": `c${c}`, name: `component-${n}`, version: ver, purl });
      }
      const bom = {
        bomFormat: "CycloneDX",
        specVersion: "1.6",
        serialNumber: `urn:uuid:00000000-0000-4000-8000-${String(p * 10 + v).padStart(12, "0")}`,
        version: 1,
        metadata: {
          timestamp: "2026-01-01T00:00:00Z",
          component: { type: "application", "bom-ref": id, name: id, version },
        },
        components,
      };
      put(sbom, JSON.stringify(bom, null, 2));
    }
    put(`inventory/products/${id}.yaml`, yaml);
  }
  const linked = Math.min(size.incidents, size.advisories);
  for (let a = 0; a < size.advisories; a++) {
    const year = 2020 + (a % 7);
    const id = `BEN-SA-${year}-${String(a + 1).padStart(5, "0")}`;
    const product = `product-${a % size.products}`;
    const k = a % 3;
    const incident = a < linked ? `BEN-IR-${year}-${String(a + 1).padStart(5, "0")}` : undefined;
    let body = "";
    while (body.length < 7_000)
      body += `## ${sentence(r, 3)}\n\n${sentence(r, 40)} ${sentence(r, 30)}\n\n- ${sentence(r, 8)}\n- ${sentence(r, 9)}\n\n`;
    if (a % 10 === 0) body += '<Callout type="warning">Apply the update.</Callout>\n';
    const fm = `---
id: ${id}
title: ${sentence(r, 6)}
status: final
tlp: WHITE
${incident ? `incident: ${incident}\n` : ""}summary: ${sentence(r, 20)}
revisions:
  - version: 1.0.0
    date: ${year}-03-0${1 + (a % 9)}
    summary: Initial release
vulnerabilities:
  - cve: CVE-${year}-${String(10000 + a)}
    title: ${sentence(r, 5)}
    cwe:
      id: ${weaknesses[a % weaknesses.length]!.id}
      name: ${JSON.stringify(weaknesses[a % weaknesses.length]!.name)}
    cvss:
      v3:
        vector: ${V3[k]}
        score: ${V3_SCORE[k]![0]}
        severity: ${V3_SCORE[k]![1]}
    products:
      known_affected:
        - product: ${product}
          versions: "<2.0.0"
      fixed:
        - product: ${product}
          versions: 2.0.0
    remediations:
      - category: vendor_fix
        details: ${sentence(r, 10)}
        products: [${product}]
references:
  - url: https://nvd.nist.gov/vuln/detail/CVE-${year}-${10000 + a}
    summary: NVD
---

`;
    put(`advisories/${year}/${id}.mdx`, fm + body);
  }
  for (let i = 0; i < size.incidents; i++) {
    const year = 2020 + (i % 7);
    const id = `BEN-IR-${year}-${String(i + 1).padStart(5, "0")}`;
    const hasAdvisory = i < linked;
    const product = `product-${i % size.products}`;
    put(
      `incidents/${year}/${id}.yaml`,
      `id: ${id}
title: ${sentence(r, 6)}
state: ${hasAdvisory ? "disclosure" : "triage"}
source:
  type: ${["external_report", "internal", "feed_match", "customer", "cert"][i % 5]}
received: ${year}-01-1${i % 10}
severity: high
vulnerabilities: [CVE-${year}-${10000 + i}]
analysis:
  - product: ${product}
    versions: "<2.0.0"
    state: exploitable
    fixed_in: 2.0.0
treatment:
  decision: immediate_fix
  release: 2.0.0
${hasAdvisory ? `advisory: BEN-SA-${year}-${String(i + 1).padStart(5, "0")}\n` : ""}timeline:
  - date: ${year}-01-1${i % 10}
    event: received
  - date: ${year}-02-0${1 + (i % 9)}
    event: triaged
`,
    );
  }
  return bytes;
}
