/**
 * `site.publish_tlp` with GREEN puts TLP:GREEN advisories on the public site, which anyone can read.
 * TLP:GREEN means "limited disclosure, restricted to the community": FIRST's TLP (the definition a
 * CSAF document's label refers to unless it names another) allows sharing it within the
 * community, not through publicly accessible channels. CSAF 2.0 itself asks access protection only
 * for AMBER and RED (section 7.1, requirement 5) and lets GREEN share the public path with WHITE,
 * so nothing else in the tool objects: this is a warning that the label and the audience disagree,
 * not an error (the vendor may define its community as everyone, and then the label is the thing
 * to change).
 */
import { findingAt, type Rule } from "./rule.ts";

export const rule: Rule = {
  codes: ["PSIRT-W085"],
  severity: "warning",
  summary: "site.publish_tlp includes GREEN: TLP:GREEN advisories would be public to everyone",
  check({ model }) {
    const vendor = model.vendor;
    const index = vendor?.data.site.publish_tlp.indexOf("GREEN") ?? -1;
    if (!vendor || index < 0) return [];
    return [
      findingAt(
        vendor,
        `/site/publish_tlp/${index}`,
        "PSIRT-W085",
        "site.publish_tlp includes GREEN: every released TLP:GREEN advisory is published on the public site, its feeds and its CSAF tree, readable by anyone, although TLP:GREEN limits disclosure to a community and rules out publicly accessible channels",
        "keep publish_tlp: [WHITE] and share TLP:GREEN advisories with their community through a protected channel (pre-notifications, an access-controlled portal), or relabel the advisories meant for everyone as tlp: WHITE (TLP:CLEAR)",
        { severity: "warning" },
      ),
    ];
  },
};
