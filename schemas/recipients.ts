/**
 * Who receives coordinated communication: `inventory/recipients.yaml` (read by `psirt notify`,
 * never published). Each recipient has an OpenPGP public key, so that pre-notifications of
 * embargoed advisories go out encrypted.
 */
import { z } from "zod";
import { matching, ProductId } from "./common.ts";

export const Recipient = z
  .strictObject({
    name: z
      .string()
      .min(1)
      .max(200)
      .describe("Display name used in the To: header, e.g. `Example National CERT`."),
    organization: z.string().min(1).max(200).optional().describe("Organization, when not part of the name."),
    email: z.email().describe("Mailbox that receives the notices."),
    kind: z
      .enum(["cert", "customer", "reporter"])
      .describe(
        "`cert`: coordinators, receive every notice; `customer`: receives notices for its products; " +
          "`reporter`: receives notices of the incidents it reported (matched by e-mail address).",
      ),
    products: z
      .array(ProductId)
      .min(1)
      .optional()
      .describe(
        "Customers only: product ids from inventory/products/; notices go out only for advisories naming " +
          "one of them. Without the list a customer receives every notice.",
      ),
    pgp_key: z
      .string()
      .min(1)
      .max(100_000)
      .optional()
      .describe("Armored OpenPGP PUBLIC key (-----BEGIN PGP PUBLIC KEY BLOCK-----); never a private key."),
    key_file: matching(
      /^inventory\/keys\/[A-Za-z0-9][A-Za-z0-9._-]*\.asc$/,
      "key_file must be repository-relative under inventory/keys/ and end in .asc",
      "PSIRT-E010",
    )
      .optional()
      .describe("Repository-relative path of the armored public key: `inventory/keys/<name>.asc`."),
  })
  .refine((r) => (r.pgp_key === undefined) !== (r.key_file === undefined), {
    error: "give the recipient's OpenPGP public key: exactly one of pgp_key (armored text) or key_file",
    params: { code: "PSIRT-E010" },
    path: ["pgp_key"],
  })
  .describe("One recipient of pre-notifications and news e-mails.");

export const Recipients = z
  .strictObject({
    recipients: z.array(Recipient).describe("Recipients, in the order messages are written."),
  })
  .describe("Recipients of coordinated communication (`psirt notify`).");

export type Recipient = z.infer<typeof Recipient>;
export type Recipients = z.infer<typeof Recipients>;
