/**
 * Plans the files of a new PSIRT (`psirt init`): the vendor's inventory/vendor.yaml, the default
 * feed sources and an empty recipients list. Pure: the caller validates the planned files as a
 * repository of their own and writes them; nothing here touches the disk.
 */
import { FeedsConfig } from "../../../schemas/feeds-config.ts";
import type { PlannedFile } from "./incident.ts";
import { renderYaml } from "./yaml-edit.ts";

/** What `init` asks for. */
export interface VendorInput {
  /** Vendor name (CSAF publisher name). */
  name: string;
  /** Id prefix of advisories and incidents (`ACME` → ACME-SA-2026-0001). */
  prefix: string;
  /** Canonical base URL of the advisory site. */
  siteUrl: string;
  /** PSIRT mailbox for reports. */
  email: string;
  /** Vendor's web namespace (CSAF `publisher.namespace`); default: the site URL's origin. */
  namespace?: string;
  /** Reporting web form. */
  reportUrl?: string;
  /** Site title; default `<name> PSIRT`. */
  title?: string;
  /** Preferred languages (security.txt); default `en`. */
  languages?: string[];
}

/** The example vendor that ships with the tool, which `init` replaces. */
export const EXAMPLE_VENDOR = { name: "Northlight Systems", prefix: "NLS" } as const;

/** Folders a new PSIRT starts with, empty (kept in git by a `.gitkeep`). */
export const EMPTY_FOLDERS = [
  "advisories",
  "incidents",
  "inventory/products",
  "inventory/sbom",
  "inventory/keys",
] as const;

/** The namespace default: the site URL's origin (`https://psirt.acme.example/` → `https://psirt.acme.example`). */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url; // the schema reports the URL itself
  }
}

/** The vendor.yaml text: the schema line, the fields, and the response targets to adjust. */
export function vendorYaml(input: VendorInput): string {
  const vendor = {
    name: input.name,
    namespace: input.namespace ?? originOf(input.siteUrl),
    id_prefix: input.prefix,
    contact: { email: input.email, ...(input.reportUrl ? { url: input.reportUrl } : {}) },
    site: {
      url: input.siteUrl,
      title: input.title ?? `${input.name} PSIRT`,
      languages: input.languages && input.languages.length > 0 ? input.languages : ["en"],
      publish_tlp: ["WHITE"],
    },
    response_targets: {
      critical: { triage_days: 2, fix_days: 14, disclose_days: 30 },
      high: { triage_days: 3, fix_days: 30, disclose_days: 60 },
      medium: { triage_days: 5, fix_days: 90, disclose_days: 120 },
      low: { triage_days: 10, fix_days: 180, disclose_days: 180 },
    },
  };
  return [
    "# yaml-language-server: $schema=../schemas/json/vendor.schema.json",
    "# The vendor running this PSIRT and its publication settings (written by `psirt init`).",
    "# response_targets: service-level targets in days from receipt of a report (policy page and",
    "# metrics); adjust them to your policy.",
    renderYaml(vendor),
  ].join("\n");
}

/** The schema's defaults, written out so that a vendor sees what can be changed. */
const FEEDS = FeedsConfig.parse({});

const FEEDS_YAML = `# yaml-language-server: $schema=../schemas/json/feeds.schema.json
# Threat-feed sources for \`npm run psirt -- feeds pull\` and \`npm run psirt -- match\`
# (scripts/docs/matching.md). Everything here is optional: an empty file means the defaults.
# Downloads go to the cache folder below, which is not committed (.gitignore: .psirt/).
cache: ${FEEDS.cache}

http:
  timeout_seconds: ${FEEDS.http.timeout_seconds}
  retries: ${FEEDS.http.retries} # after network errors, HTTP 5xx and 429; the wait doubles each time
  backoff_seconds: ${FEEDS.http.backoff_seconds}

# OSV.dev bulk exports (GitHub Advisory Database, PyPA, Go, RustSec, Debian, …): one
# <base_url>/<Ecosystem>/all.zip per ecosystem. Without \`ecosystems\`, every ecosystem found in the
# inventory SBOMs' purls is pulled.
osv:
  base_url: ${FEEDS.osv.base_url}

# NVD CVE API 2.0, incrementally: CVEs modified since the last successful pull (the first pull
# goes back \`since_days\`), in lastModStartDate/lastModEndDate windows of at most 120 days, paged.
# Requests are spaced 6 s apart, 0.6 s with an API key in the NVD_API_KEY environment variable.
nvd:
  base_url: ${FEEDS.nvd.base_url}
  since_days: ${FEEDS.nvd.since_days}
  results_per_page: ${FEEDS.nvd.results_per_page}

kev:
  url: ${FEEDS.kev.url}

epss:
  url: ${FEEDS.epss.url}
`;

const RECIPIENTS_YAML = `# yaml-language-server: $schema=../schemas/json/recipients.schema.json
# Who \`npm run psirt -- notify <advisory-id>\` writes to (scripts/docs/communication.md).
# Confidential like incidents/: names and mailboxes of coordinators, customers and reporters.
# Only PUBLIC keys belong here (inventory/keys/); pre-notifications are encrypted to them.
# An entry: { name, organization?, email, kind: cert|customer|reporter,
#             products?: [product ids], key_file: inventory/keys/<name>.asc }
recipients: []
`;

/** The files of a new PSIRT for `input`: the three inventory files and the empty folders' `.gitkeep`. */
export function planInit(input: VendorInput): PlannedFile[] {
  return [
    { path: "inventory/vendor.yaml", text: vendorYaml(input) },
    { path: "inventory/feeds.yaml", text: FEEDS_YAML },
    { path: "inventory/recipients.yaml", text: RECIPIENTS_YAML },
    ...EMPTY_FOLDERS.map((folder) => ({ path: `${folder}/.gitkeep`, text: "" })),
  ];
}
