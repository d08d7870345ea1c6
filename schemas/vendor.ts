/** The vendor and publication settings: `inventory/vendor.yaml`. */
import { z } from "zod";
import { HttpsUrl, matching } from "./common.ts";

export const Vendor = z
  .strictObject({
    name: z
      .string()
      .min(1)
      .max(200)
      .describe("Vendor name (CSAF publisher name, product tree vendor branch)."),
    namespace: HttpsUrl.describe("Vendor's web namespace (CSAF `publisher.namespace`)."),
    id_prefix: matching(
      /^[A-Z][A-Z0-9]{1,9}$/,
      "id_prefix must be 2–10 uppercase letters or digits",
      "PSIRT-E010",
    ).describe(
      "Prefix of advisory and incident ids: `<prefix>-SA-<year>-<nnnn>`, `<prefix>-IR-<year>-<nnnn>`.",
    ),
    contact: z
      .strictObject({
        email: z.email().describe("PSIRT mailbox for vulnerability reports."),
        url: HttpsUrl.optional().describe("Reporting web form, if any."),
      })
      .describe("Where reporters reach the PSIRT."),
    site: z
      .strictObject({
        url: HttpsUrl.describe("Canonical base URL of the advisory site, e.g. https://psirt.example.com/"),
        title: z.string().min(1).max(200).describe("Site title."),
        languages: z
          .array(z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/))
          .default(["en"])
          .describe("Preferred languages (security.txt)."),
        publish_tlp: z
          .array(z.enum(["WHITE", "GREEN"]))
          .default(["WHITE"])
          .describe("TLP labels that may be published on the public site (AMBER and RED never are)."),
      })
      .describe("Publication settings."),
    response_targets: z
      .record(
        z.enum(["critical", "high", "medium", "low"]),
        z.strictObject({
          triage_days: z.number().int().positive(),
          fix_days: z.number().int().positive(),
          disclose_days: z.number().int().positive(),
        }),
      )
      .optional()
      .describe("Service-level targets per severity, in days from receipt (metrics and the policy page)."),
  })
  .describe("The vendor running this PSIRT.");

export type Vendor = z.infer<typeof Vendor>;
