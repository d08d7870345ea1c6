/**
 * Every SBOM a product version names exists and describes that version; versions are unique and
 * their dates consistent.
 */
import { dateMs } from "../../../schemas/common.ts";
import type { Finding } from "../finding.ts";
import { sameVersionName } from "../product-versions.ts";
import { findingAt, type Rule } from "./rule.ts";

export const rule: Rule = {
  codes: ["PSIRT-E025", "PSIRT-E090", "PSIRT-W025", "PSIRT-W026"],
  severity: "error",
  summary: "product versions are unique, their SBOM files exist, end of support follows release",
  check({ model }) {
    const findings: Finding[] = [];
    for (const product of model.products.values()) {
      const seen = new Set<string>();
      product.data.versions.forEach((v, i) => {
        const p = `/versions/${i}`;
        if (seen.has(v.version))
          findings.push(
            findingAt(
              product,
              `${p}/version`,
              "PSIRT-E090",
              `version ${v.version} is listed twice`,
              "list each shipped version once",
            ),
          );
        seen.add(v.version);
        if (v.end_of_support && dateMs(v.end_of_support) < dateMs(v.released)) {
          findings.push(
            findingAt(
              product,
              `${p}/end_of_support`,
              "PSIRT-E090",
              `end_of_support ${v.end_of_support} is before the release date ${v.released}`,
              "correct one of the dates",
            ),
          );
        }
        if (!v.sbom) {
          findings.push(
            findingAt(
              product,
              p,
              "PSIRT-W025",
              `version ${v.version} has no SBOM`,
              "add `sbom: inventory/sbom/<product>/<version>.cdx.json` so feed matching covers it",
              { severity: "warning" },
            ),
          );
        } else if (!model.paths.has(v.sbom)) {
          findings.push(
            findingAt(
              product,
              `${p}/sbom`,
              "PSIRT-E025",
              `SBOM file ${v.sbom} does not exist`,
              "add the CycloneDX SBOM at this path or correct the path",
            ),
          );
        } else {
          // An SBOM that names another version of its subject was most likely attached by mistake.
          const described = model.sboms.get(v.sbom)?.subject?.version;
          if (described !== undefined && !sameVersionName(described, v.version))
            findings.push(
              findingAt(
                product,
                `${p}/sbom`,
                "PSIRT-W026",
                `SBOM ${v.sbom} describes version ${described} (metadata.component), not ${v.version}`,
                "attach the SBOM of this version's release build, or correct its metadata.component.version",
                { severity: "warning" },
              ),
            );
        }
      });
    }
    return findings;
  },
};
