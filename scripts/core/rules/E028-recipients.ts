/** Pre-notification recipients: their key files exist and their products are in the inventory. */
import type { Finding } from "../finding.ts";
import { findingAt, type Rule } from "./rule.ts";

export const rule: Rule = {
  codes: ["PSIRT-E028", "PSIRT-E023"],
  severity: "error",
  summary: "recipients' key files exist and their products are in the inventory",
  check({ model }) {
    const findings: Finding[] = [];
    const doc = model.recipients;
    if (!doc) return findings;
    doc.data.recipients.forEach((r, i) => {
      if (r.key_file && !model.paths.has(r.key_file)) {
        findings.push(
          findingAt(
            doc,
            `/recipients/${i}/key_file`,
            "PSIRT-E028",
            `the key file ${r.key_file} of ${r.name} does not exist`,
            "add the recipient's public key at this path (armored, .asc) or correct the path",
          ),
        );
      }
      (r.products ?? []).forEach((id, j) => {
        if (!model.products.has(id) && !model.brokenIds.has(id)) {
          findings.push(
            findingAt(
              doc,
              `/recipients/${i}/products/${j}`,
              "PSIRT-E023",
              `unknown product "${id}" for ${r.name}`,
              "use a product id from inventory/products/",
            ),
          );
        }
      });
    });
    return findings;
  },
};
