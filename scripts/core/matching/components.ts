/**
 * The SBOM side of matching: each component reduced to what identifies it (normalized package
 * purl, version, comparator, CPE). Package purls are normalized once per distinct package, not
 * once per component, so an inventory of 100,000 components costs a few thousand parses.
 */
import type { Component } from "../load/sbom.ts";
import { type Cpe, parseCpe } from "../match/cpe.ts";
import { distroRelease, normalizePurl } from "../match/purl.ts";
import { schemeFor, type VersionScheme } from "../versions/index.ts";
import type { DiagnosticLog } from "./diagnostics.ts";
import { cpeKey } from "./feed-index.ts";
import type { SchemeCache } from "./memo-scheme.ts";

export interface Candidate {
  component: Component;
  /** Normalized purl without version: the package index key. */
  key?: string;
  /** The version to test: the purl's, else the component's. */
  version?: string;
  /** Comparator of the purl type (undefined for `generic` and unknown types). */
  scheme?: VersionScheme;
  cpe?: Cpe;
  /**
   * Distribution release of a deb/apk package (its purl's `distro` qualifier, as
   * purl.ts's distroRelease spells it): feed entries for another release do not apply.
   */
  release?: string;
}

/**
 * "pkg:type/ns/name@version?qualifiers#subpath": the package part is everything before an "@"
 * that follows the last "/" ahead of qualifiers and subpath.
 */
function splitPurl(purl: string) {
  const q = purl.indexOf("?");
  const h = purl.indexOf("#");
  const end = q === -1 ? h : h === -1 ? q : Math.min(q, h);
  const head = end === -1 ? purl : purl.slice(0, end);
  const at = head.lastIndexOf("@");
  return { q, h, end, head, at, hasVersion: at > head.lastIndexOf("/") };
}

/** Whether a purl carries a version (then the component's own `version` does not count). */
export const purlHasVersion = (purl: string): boolean => splitPurl(purl).hasVersion;

type Base = { ok: true; key: string; scheme?: VersionScheme } | { ok: false; error: string };

/** Reads components; remembers package purls and CPEs it has seen. One per run. */
export class CandidateReader {
  readonly #bases = new Map<string, Base>();
  readonly #cpes = new Map<string, Cpe | string>();
  readonly #schemes: SchemeCache;
  readonly #log: DiagnosticLog;

  constructor(schemes: SchemeCache, log: DiagnosticLog) {
    this.#schemes = schemes;
    this.#log = log;
  }

  /** The candidate for a component; problems are logged against `file` and the component. */
  read(component: Component, file: string): Candidate {
    const candidate: Candidate = { component };
    const where = component.bomRef ?? component.purl ?? `${component.name}@${component.version ?? ""}`;
    if (component.purl !== undefined) this.#readPurl(candidate, component.purl, file, where);
    if (candidate.version === undefined && component.version) candidate.version = component.version;
    if (component.cpe !== undefined) {
      const cpe = this.#cpe(component.cpe);
      if (typeof cpe === "string") {
        this.#log.warn(file, where, `${cpe}; the component is matched by purl only`, "component-cpe");
      } else if (cpeKey(cpe) === undefined) {
        this.#log.warn(
          file,
          where,
          `component CPE ${component.cpe} does not name a vendor and a product (wildcards); it is not used for matching`,
          "component-cpe-wildcard",
        );
      } else candidate.cpe = cpe;
    }
    return candidate;
  }

  #readPurl(candidate: Candidate, purl: string, file: string, where: string): void {
    const { q, h, end, head, at, hasVersion } = splitPurl(purl);
    const basePart = hasVersion ? head.slice(0, at) : head;
    let base = this.#bases.get(basePart);
    if (base === undefined) {
      const parsed = normalizePurl(basePart);
      const scheme = parsed.ok ? schemeFor(parsed.type) : undefined;
      // On failure, parse the whole purl once more so the message shows it as written.
      const whole = parsed.ok ? parsed : normalizePurl(purl);
      base = !parsed.ok
        ? { ok: false, error: whole.ok ? parsed.error : whole.error }
        : scheme
          ? { ok: true, key: parsed.purl, scheme: this.#schemes.get(scheme) }
          : { ok: true, key: parsed.purl };
      this.#bases.set(basePart, base);
    }
    if (!base.ok) {
      this.#log.warn(file, where, `${base.error}; the component is not matched by purl`, "component-purl");
      return;
    }
    candidate.key = base.key;
    if (base.scheme) candidate.scheme = base.scheme;
    const distribution =
      base.key.startsWith("pkg:deb/") || base.key.startsWith("pkg:apk/") || base.key.startsWith("pkg:rpm/");
    const qualifiers =
      distribution && end === q && q !== -1
        ? this.#distroQualifiers(candidate, base.key, purl.slice(q + 1, h > q ? h : undefined))
        : undefined;
    if (qualifiers?.version !== undefined) {
      candidate.version = qualifiers.version;
    } else if (hasVersion) {
      try {
        const raw = head.slice(at + 1);
        candidate.version = raw.includes("%") ? decodeURIComponent(raw) : raw;
      } catch {
        this.#log.warn(
          file,
          where,
          `purl ${JSON.stringify(purl)} has a badly encoded version`,
          "component-purl-version",
        );
      }
    }
    // An RPM epoch is a qualifier in purls (`@3.0.7-19.el9?epoch=1`) and part of the version in feeds.
    if (
      qualifiers?.epoch !== undefined &&
      candidate.version !== undefined &&
      !candidate.version.includes(":")
    )
      candidate.version = `${qualifiers.epoch}:${candidate.version}`;
  }

  /**
   * Reads a distribution package's `distro`, `upstream` (deb, apk) and `epoch` (rpm) qualifiers.
   * Feeds name the source package (`openssl`), SBOMs the binary one (`libssl3?upstream=openssl`):
   * the source package becomes the look-up key, and its version (`upstream=glibc%402.36-9`), when
   * given, the version to test. Unreadable qualifiers are ignored: the purl's name and version count.
   */
  #distroQualifiers(
    candidate: Candidate,
    key: string,
    qualifiers: string,
  ): { version?: string; epoch?: string } {
    const out: { version?: string; epoch?: string } = {};
    const rpm = key.startsWith("pkg:rpm/");
    for (const pair of qualifiers.split("&")) {
      const eq = pair.indexOf("=");
      if (eq === -1) continue;
      const name = pair.slice(0, eq).toLowerCase();
      if (rpm ? name !== "epoch" : name !== "distro" && name !== "upstream") continue;
      let value: string;
      try {
        value = decodeURIComponent(pair.slice(eq + 1));
      } catch {
        continue;
      }
      if (value === "") continue;
      if (name === "epoch") {
        if (/^\d+$/.test(value)) out.epoch = value;
        continue;
      }
      if (name === "distro") {
        candidate.release = distroRelease(value);
        continue;
      }
      const at = value.indexOf("@");
      const source = at === -1 ? value : value.slice(0, at);
      const sourcePurl = `${key.slice(0, key.lastIndexOf("/") + 1)}${encodeURIComponent(source)}`;
      let base = this.#bases.get(sourcePurl);
      if (base === undefined) {
        const parsed = normalizePurl(sourcePurl);
        base = parsed.ok ? { ok: true, key: parsed.purl } : { ok: false, error: parsed.error };
        this.#bases.set(sourcePurl, base);
      }
      if (!base.ok) continue;
      candidate.key = base.key;
      if (at !== -1 && at < value.length - 1) out.version = value.slice(at + 1);
    }
    return out;
  }

  #cpe(text: string): Cpe | string {
    let cpe = this.#cpes.get(text);
    if (cpe === undefined) {
      const parsed = parseCpe(text);
      cpe = parsed.ok ? parsed.cpe : parsed.error;
      this.#cpes.set(text, cpe);
    }
    return cpe;
  }
}
