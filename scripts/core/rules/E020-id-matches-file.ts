/** Ids: file name and year folder match the id; the id prefix is the vendor's. */
import { ADVISORY_ID } from "../../../schemas/advisory.ts";
import { INCIDENT_ID } from "../../../schemas/incident.ts";
import type { Finding } from "../finding.ts";
import { findingAt, type Rule } from "./rule.ts";

export const rule: Rule = {
  codes: ["PSIRT-E020"],
  severity: "error",
  summary: "ids are well formed, use the vendor's prefix, and match the file name and year folder",
  check({ model }) {
    const findings: Finding[] = [];
    const prefix = model.vendor?.data.id_prefix;
    const docs = [
      ...model.advisories.map((d) => ({ doc: d, folder: "advisories", ext: ".mdx", re: ADVISORY_ID })),
      ...model.incidents.map((d) => ({ doc: d, folder: "incidents", ext: ".yaml", re: INCIDENT_ID })),
    ];
    for (const { doc, folder, ext, re } of docs) {
      const id = doc.data.id;
      const year = re.exec(id)?.[1];
      const expected = `${folder}/${year}/${id}${ext}`;
      if (doc.file !== expected) {
        findings.push(
          findingAt(
            doc,
            "/id",
            "PSIRT-E020",
            `id "${id}" does not match the file's path: expected ${expected}`,
            `move the file to ${expected}, or fix the id (ids never change once published)`,
          ),
        );
      }
      if (prefix && !id.startsWith(`${prefix}-`)) {
        findings.push(
          findingAt(
            doc,
            "/id",
            "PSIRT-E020",
            `id "${id}" does not use the vendor prefix "${prefix}"`,
            `ids start with ${prefix}- (inventory/vendor.yaml id_prefix)`,
          ),
        );
      }
    }
    for (const product of model.products.values()) {
      const expected = `inventory/products/${product.data.id}.yaml`;
      if (product.file !== expected) {
        findings.push(
          findingAt(
            product,
            "/id",
            "PSIRT-E020",
            `product id "${product.data.id}" does not match the file name: expected ${expected}`,
            "rename the file or fix the id",
          ),
        );
      }
    }
    return findings;
  },
};
